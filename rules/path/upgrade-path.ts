// Reports what the planner found wrong with the path itself: a 1.x source, a hybrid 3.1.0.0
// control plane that must stop at 3.1.1.3 first, a target with no documented route.

import { defineRule } from '../../src/engine/define-rule';

export default defineRule<'problem'>({
  id: 'path/upgrade-path',
  description: 'Reports path-level problems: sources that must stop at an intermediate version first, or routes Kong does not document.',
  severity: 'blocker',
  // The planner's route and problems handle these: the minimum source for 3.x migrations, the
  // hybrid stop at 3.1.1.3 and control planes before data planes.
  catalog: ['migration-minimum-source-version', 'hybrid-legacy-protocol-removed', 'hybrid-upgrade-order-and-skew'],
  inputs: [],
  messages: { problem: '{{message}}' },
  remediation: 'Follow the hops of the upgrade path in order; never skip a required intermediate version.',
  docsUrl: 'https://developer.konghq.com/gateway/upgrade/',
  sources: [
    { kind: 'docs', ref: 'https://docs.konghq.com/gateway/latest/upgrade/ (upgrade paths, hybrid 3.1.0.0/3.1.1.1 case)' },
    { kind: 'digest', ref: 'kong-facts/upgrade/upgrade-paths.json' },
  ],
  check(ctx) {
    for (const problem of ctx.plan.problems) {
      ctx.report({
        messageId: 'problem',
        severity: problem.severity,
        at: { kind: 'global' },
        data: { message: problem.message, problem: problem.id },
        ...(problem.remediation ? { remediation: problem.remediation } : {}),
        ...(problem.docsUrl ? { docsUrl: problem.docsUrl } : {}),
      });
    }
  },
});
