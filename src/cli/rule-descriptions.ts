// Rule metadata in the shape reporters and the `rules` command print.

import type { Rule } from '../engine/define-rule';
import type { RuleDescription } from '../report/report';

export function describeRules(rules: readonly Rule[]): RuleDescription[] {
  return rules.map(({ meta }) => ({
    id: meta.id,
    description: meta.description,
    severity: meta.severity,
    docsUrl: meta.docsUrl,
    remediation: meta.remediation,
    ...(meta.gate?.introducedIn ? { introducedIn: meta.gate.introducedIn } : {}),
  }));
}
