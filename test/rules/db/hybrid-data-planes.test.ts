import rule from '../../../rules/db/hybrid-data-planes';
import { databaseInputs } from '../../support/database-input';
import { ruleTester } from '../../support/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: '3.3 and 3.4 data planes under a 3.9 control plane', from: '3.4', to: '3.9', topology: 'hybrid', inputs: databaseInputs('hybrid-cp-3.4') },
    { name: 'Enterprise 3.0 control planes accept 2.8 data planes', from: '2.8', to: '3.0', topology: 'hybrid', edition: 'enterprise', inputs: databaseInputs('hybrid-cp-2.8') },
    { name: 'a traditional node without data planes', from: '2.8', to: '3.4', inputs: databaseInputs('clean-2.8') },
  ],
  invalid: [
    {
      name: '2.8 data planes under a 3.4 control plane (the expired row is ignored)',
      from: '2.8', to: '3.4', topology: 'hybrid', inputs: databaseInputs('hybrid-cp-2.8'),
      findings: [
        { messageId: 'otherMajor', severity: 'warning', data: { hostname: 'dp-eu-1', version: '2.8.4' } },
        { messageId: 'otherMajor', data: { hostname: 'dp-eu-2', version: '2.8.1' } },
      ],
    },
    {
      name: 'OSS 3.0 has no 2.8 exception', from: '2.8', to: '3.0', topology: 'hybrid', inputs: databaseInputs('hybrid-cp-2.8'),
      findings: [{ messageId: 'otherMajor', data: { hostname: 'dp-eu-1' } }, { messageId: 'otherMajor', data: { hostname: 'dp-eu-2' } }],
    },
    {
      name: 'a 3.6 data plane under a 3.5 control plane', from: '3.4', to: '3.5', topology: 'hybrid', inputs: databaseInputs('hybrid-cp-3.4'),
      findings: [{ messageId: 'newerMinor', data: { hostname: 'dp-us-canary', version: '3.6.0' } }],
    },
  ],
});
