import rule from '../../../rules/db/migrations-in-progress';
import { databaseInputs } from '../../support/database-input';
import { ruleTester } from '../../support/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'a fully migrated 2.8 database', from: '2.8', to: '3.4', inputs: databaseInputs('clean-2.8') },
    { name: 'an expired lock left by a crashed run', from: '2.8', to: '3.4', inputs: databaseInputs('stale-lock-2.8') },
  ],
  invalid: [
    {
      name: 'migrations up of 3.4 ran, finish did not',
      from: '3.4', to: '3.9', inputs: databaseInputs('pending-2.8-to-3.4'),
      findings: [
        { messageId: 'pending', severity: 'blocker', data: { subsystem: 'core', names: '016_280_to_300' } },
        { messageId: 'pending', severity: 'blocker', data: { subsystem: 'http-log', names: '001_280_to_300' } },
      ],
    },
    {
      name: 'a migrations command holds the lock now',
      from: '2.8', to: '3.4', inputs: databaseInputs('lock-2.8'),
      findings: [{ messageId: 'locked', severity: 'blocker', data: { owner: '7c9e2b1a-5d4f-4e3a-9b8c-1f2e3d4c5b6a' } }],
    },
  ],
  notEvaluated: [{ name: 'no database read', from: '2.8', to: '3.4', missing: { database: '--no-db given' }, reason: /--no-db/ }],
});

describe('db/migrations-in-progress locations', () => {
  it('names the schema_meta row and anchors at the kong.conf that configures the database', async () => {
    const { runCase } = await import('../../support/rule-tester');
    const { result, confFile } = await runCase(rule, {
      name: 'located', from: '3.4', to: '3.9', conf: 'database = postgres\npg_host = 127.0.0.1\n', inputs: databaseInputs('pending-2.8-to-3.4'),
    });
    expect(result.findings[0].location).toEqual({
      kind: 'db', table: 'schema_meta', id: 'core', field: 'pending',
      anchor: { kind: 'file', file: confFile, line: 2, column: 1 },
    });
  });
});
