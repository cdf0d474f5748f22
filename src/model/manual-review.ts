// An entry of the report's "review by hand" list: a breaking change on the upgrade path that no
// rule could check with the inputs given, so the operator has to read it and decide.

import type { Severity } from './finding';

export interface ManualReviewItem {
  /** The catalogue id (src/knowledge/breaking-changes). */
  id: string;
  title: string;
  introducedIn: string;
  /** The hop of the path that brings the change. */
  hop?: string;
  /** What the change concerns: `admin-api`, `platform`, `database-entities`... */
  artifact: string;
  severity: Severity;
  /** `no-rule` (nothing can detect it), `input-missing`, `rule-disabled` or `rule-failed`. */
  reason: 'no-rule' | 'input-missing' | 'rule-disabled' | 'rule-failed';
  /** One sentence: no rule, or which input was missing and for which rule. */
  why: string;
  remediation: string;
  docsUrl: string;
}

/**
 * A breaking change on the path that does not concern this installation (a package-upgrade
 * change on a node that runs one of Kong's images, a custom-plugin change on a node that can load
 * no custom plugin): neither checked nor left for review.
 */
export interface ChangeSetAside {
  id: string;
  title: string;
  introducedIn: string;
  hop?: string;
  /** Why it does not apply here. */
  why: string;
}
