import rule from '../../../rules/db/installed-version-mismatch';
import { databaseInputs } from '../../support/database-input';
import { ruleTester } from '../../support/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: '--from 2.8 on a 2.8 database', from: '2.8', to: '3.4', inputs: databaseInputs('clean-2.8') },
    { name: 'an Enterprise patch of the same minor', from: '2.8.2.4', to: '3.4', inputs: databaseInputs('clean-2.8') },
    { name: '--from 3.9 on a 3.9 database', from: '3.9', to: '3.10', inputs: databaseInputs('clean-3.9') },
    // Real databases whose migrations only exist from a patch release on: 011_212_to_213 (2.1.3),
    // opentelemetry 001_331_to_332 (3.6.1). The minor given still names them.
    { name: '--from 2.1 on a database Kong 2.1.4 bootstrapped', from: '2.1', to: '2.8', inputs: databaseInputs('kong-2.1.4') },
    { name: '--from 3.6 on a database Kong 3.6.1 bootstrapped', from: '3.6', to: '3.9', inputs: databaseInputs('kong-3.6.1') },
  ],
  invalid: [
    {
      name: '--from 3.0 on a 2.8 database', from: '3.0', to: '3.4', inputs: databaseInputs('clean-2.8'),
      findings: [{ messageId: 'older', severity: 'blocker', data: { from: '3.0.x', installed: '2.8.x' } }],
    },
    {
      // The plan would be one LTS jump (3.4 -> 3.10) where the database needs two.
      name: '--from 3.4 on a 2.8 database, target 3.10', from: '3.4', to: '3.10', inputs: databaseInputs('clean-2.8'),
      findings: [{ messageId: 'older', severity: 'blocker', message: 'The plan starts past migrations this database still needs' }],
    },
    {
      name: '--from 2.8 on a 3.4 database', from: '2.8', to: '3.9', inputs: databaseInputs('clean-3.4'),
      findings: [{ messageId: 'newer', severity: 'warning', data: { installed: '3.4.x' }, message: 'core migration 020_330_to_340' }],
    },
    {
      name: '--from 2.1.0 on a database that has the 2.1.3 migrations', from: '2.1.0', to: '2.8', inputs: databaseInputs('kong-2.1.4'),
      findings: [{ messageId: 'newer', data: { from: '2.1.0', installed: '>= 2.1.3 and < 2.2.0' } }],
    },
  ],
});
