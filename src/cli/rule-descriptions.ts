// Rule metadata in the shape reporters and the `rules` command print.

import type { Rule } from '../engine/define-rule';
import type { RuleDescription } from '../report/report';
import { rulePageUrl } from '../docs/rule-links';
import { renderRulePage } from '../docs/rule-page';

export function describeRules(rules: readonly Rule[]): RuleDescription[] {
  return rules.map(({ meta }) => ({
    id: meta.id,
    description: meta.description,
    severity: meta.severity,
    docsUrl: meta.docsUrl,
    remediation: meta.remediation,
    ...(meta.gate?.introducedIn ? { introducedIn: meta.gate.introducedIn } : {}),
    pageUrl: rulePageUrl(meta.id),
    helpMarkdown: renderRulePage({ meta, check: () => undefined }),
  }));
}
