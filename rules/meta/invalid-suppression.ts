// Reports `kong-preflight-disable-next-line` comments that cannot count: no reason after ` -- `,
// no rule id, or an id no rule has. Such a comment hides nothing: a suppression must say why,
// so the next reviewer can judge it. Findings come from src/triage/inline.ts.

import { defineRule } from '../../src/engine/define-rule';
import { rulePageUrl } from '../../src/docs/rule-links';

export default defineRule<'noReason' | 'noRule' | 'unknownRule'>({
  id: 'meta/invalid-suppression',
  description: 'Reports inline suppression comments without a reason or with an unknown rule id.',
  severity: 'warning',
  inputs: [],
  messages: {
    noReason: 'This suppression gives no reason (write `-- why`), so it hides nothing.',
    noRule: 'This suppression names no rule, so it hides nothing.',
    unknownRule: 'This suppression names {{rule}}, which no rule has (`kong-preflight rules` lists them).',
  },
  remediation: 'Write `# kong-preflight-disable-next-line <rule-id> -- <reason>` just above the line of the finding.',
  docsUrl: rulePageUrl('meta/invalid-suppression'),
  sources: [{ kind: 'docs', ref: 'README.md#suppressing-findings' }],
  check() {},
});
