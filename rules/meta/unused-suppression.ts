// Reports `kong-preflight-disable-next-line` comments that hid nothing in this run, so stale
// suppressions do not pile up and quietly hide the next real finding on that line. The findings
// come from the triage step (src/triage/inline.ts), which sees every rule's results; the check
// itself has nothing to inspect.

import { defineRule } from '../../src/engine/define-rule';
import { rulePageUrl } from '../../src/docs/rule-links';

export default defineRule<'unused'>({
  id: 'meta/unused-suppression',
  description: 'Reports inline suppression comments that no finding of an evaluated rule matched.',
  severity: 'warning',
  inputs: [],
  messages: {
    unused: 'The suppression of {{rule}} hides nothing on line {{target}}: remove it.',
  },
  remediation: 'Delete the comment, or move it to the line just above the finding it is meant for.',
  docsUrl: rulePageUrl('meta/unused-suppression'),
  sources: [{ kind: 'docs', ref: 'README.md#suppressing-findings' }],
  check() {},
});
