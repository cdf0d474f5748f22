// Reports ignores in .kong-preflight.yml whose `expires` date has passed. An expired ignore hides
// nothing any more, so the findings it covered come back, and this finding says why they did.
// Findings come from src/triage/ignores.ts.

import { defineRule } from '../../src/engine/define-rule';
import { rulePageUrl } from '../../src/docs/rule-links';

export default defineRule<'expired'>({
  id: 'meta/expired-ignore',
  description: 'Reports configured ignores whose expiry date has passed; the findings they hid count again.',
  severity: 'warning',
  inputs: [],
  messages: {
    expired: 'The ignore of {{rule}} expired on {{expires}} (reason given: {{reason}}); its findings count again.',
  },
  remediation: 'Fix the findings, or renew the ignore with a new `expires` date and an up-to-date reason.',
  docsUrl: rulePageUrl('meta/expired-ignore'),
  sources: [{ kind: 'docs', ref: 'README.md#configuration-file' }],
  check() {},
});
