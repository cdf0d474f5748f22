import rule from '../../../rules/db/installed-version-mismatch';
import { databaseInputs } from '../../support/database-input';
import { ruleTester } from '../../support/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: '--from 2.8 on a 2.8 database', from: '2.8', to: '3.4', inputs: databaseInputs('clean-2.8') },
    { name: 'an Enterprise patch of the same minor', from: '2.8.2.4', to: '3.4', inputs: databaseInputs('clean-2.8') },
    { name: '--from 3.9 on a 3.9 database', from: '3.9', to: '3.10', inputs: databaseInputs('clean-3.9') },
  ],
  invalid: [
    {
      name: '--from 3.0 on a 2.8 database', from: '3.0', to: '3.4', inputs: databaseInputs('clean-2.8'),
      findings: [{ messageId: 'older', severity: 'warning', data: { from: '3.0.0', installed: '2.8.x' } }],
    },
    {
      name: '--from 2.8 on a 3.4 database', from: '2.8', to: '3.9', inputs: databaseInputs('clean-3.4'),
      findings: [{ messageId: 'newer', data: { installed: '3.4.x' }, message: 'core migration 020_330_to_340' }],
    },
  ],
});
