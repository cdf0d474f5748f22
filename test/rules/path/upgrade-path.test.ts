import rule from '../../../rules/path/upgrade-path';
import { ruleTester } from '../../support/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'adjacent minor upgrade has no path problem', from: '3.3', to: '3.4' },
    { name: 'LTS to LTS', from: '2.8', to: '3.4', edition: 'enterprise' },
  ],
  invalid: [
    {
      name: 'a 1.x source must stop at 2.1.0 first',
      from: '1.5', to: '3.4',
      findings: [{ messageId: 'problem', severity: 'warning', data: { problem: 'plan.legacy-source' }, message: '2.1' }],
    },
    {
      name: 'hybrid 3.1.1.1 must move to 3.1.1.3 first',
      from: '3.1.1.1', to: '3.6', topology: 'hybrid', edition: 'enterprise',
      findings: [{ messageId: 'problem', data: { problem: 'plan.hybrid-websocket-3.1' }, message: '3.1.1.3' }],
    },
    {
      name: 'hybrid OSS 3.1.0 has no 3.1 release to gather on',
      from: '3.1.0', to: '3.6', topology: 'hybrid', edition: 'oss',
      findings: [{ messageId: 'problem', data: { problem: 'plan.hybrid-websocket-3.1' }, message: 'no OSS 3.1 release brings the older protocol back' }],
    },
  ],
});
