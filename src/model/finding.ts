// The unit every rule produces and every reporter formats.

import type { Origin } from './origin';

export const SEVERITIES = ['blocker', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher is more severe: blocker 3, warning 2, info 1. */
export function severityRank(severity: Severity): number {
  return 3 - SEVERITIES.indexOf(severity);
}

export interface Finding {
  ruleId: string;
  messageId: string;
  severity: Severity;
  message: string;
  location: Origin;
  /**
   * Other places the same finding is about (the further fields of a grouped finding): an inline
   * suppression above any of them applies, and SARIF links them as related locations.
   */
  alsoAt?: Origin[];
  /** The hop of the upgrade path that requires the change, e.g. `3.3.x -> 3.4.x`. */
  hop?: string;
  remediation?: string;
  docsUrl?: string;
  /** Values the message was built from, for tools and tests. Never holds a secret. */
  data?: Record<string, string | number | boolean>;
}

/** A rule that could not run, and why: users must see coverage, not silence. */
export interface NotEvaluated {
  ruleId: string;
  reason: string;
}

/** A rule that threw: reported with its id while the other rules keep running. */
export interface InternalError {
  ruleId: string;
  message: string;
}
