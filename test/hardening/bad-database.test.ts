// The bad-input catalogue for the database, through the CLI with a real PostgreSQL: each case
// ends in one line on stderr (exit 2) naming the server, never the password, or in a report.

import { adminClient, createScenarioDatabase, type TestDatabase } from '../support/postgres';
import { scenarioDatabase } from '../support/database-input';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp';
import { join } from 'node:path';
import { expectOneLineError } from './support';

const PASSWORD = 'Wr0ng-Pa55-never-shown';

function confFor(db: TestDatabase, overrides: Record<string, string | number> = {}): string {
  const settings = { database: 'postgres', pg_host: db.host, pg_port: db.port, pg_user: db.user, pg_password: db.password, pg_database: db.database, ...overrides };
  const dir = tempDir({ 'kong.conf': Object.entries(settings).map(([k, v]) => `${k} = ${v}`).join('\n') }, 'kp-bad-db-');
  return join(dir, 'kong.conf');
}

describe('bad databases', () => {
  it('a wrong password in kong.conf, with --pg required: one line with file, line and server, no password', async () => {
    const db = await scenarioDatabase('clean-3.4');
    const conf = confFor(db, { pg_password: PASSWORD });
    const result = await runCli(['check', conf, '--pg', `postgres://${db.user}:${PASSWORD}@${db.host}:${db.port}/${db.database}`, '--to', '3.9']);
    expectOneLineError(result, /cannot connect to PostgreSQL .*password authentication failed/);
    expect(result.stderr).not.toContain(PASSWORD);
  });

  it('an unreachable host: one line, and the kong.conf database only makes the database rules not evaluated', async () => {
    const required = await runCli(['check', '--pg', `postgres://kong:${PASSWORD}@127.0.0.1:9/kong?connect_timeout=1`, '--to', '3.4']);
    expectOneLineError(required, /cannot connect to PostgreSQL kong@127\.0\.0\.1:9\/kong: connection refused/);
    expect(required.stderr).not.toContain(PASSWORD);
    const db = await scenarioDatabase('clean-3.4');
    const optional = await runCli(['check', confFor(db, { pg_port: 9, pg_password: PASSWORD }), '--from', '3.4', '--to', '3.9', '-f', 'json']);
    expect([0, 1]).toContain(optional.code);
    expect(JSON.parse(optional.stdout).notEvaluated.map((n: { ruleId: string }) => n.ruleId)).toContain('db/migrations-in-progress');
    expect(optional.stdout).not.toContain(PASSWORD);
  });

  it('a query past the statement timeout (pg_timeout): one line naming the limit', async () => {
    const db = await createScenarioDatabase('clean-3.4');
    const admin = await adminClient(db.database);
    try {
      // Another session holds the ledger table: the tool's first read waits until pg_timeout.
      await admin.query('BEGIN');
      await admin.query('LOCK TABLE schema_meta IN ACCESS EXCLUSIVE MODE');
      const result = await runCli(['check', confFor(db, { pg_timeout: 300 }), '--to', '3.9']);
      expectOneLineError(result, /reading PostgreSQL .* failed: a query took longer than 300 ms \(pg_timeout\)/);
    } finally {
      await admin.query('ROLLBACK');
      await admin.end();
      await db.drop();
    }
  });

  it('a database that is not Kong\'s, and one Kong never bootstrapped', async () => {
    const other = await scenarioDatabase('not-kong');
    expectOneLineError(await runCli(['check', '--pg', other.url, '--to', '3.4']), /is not a Kong database: it has no schema_meta table/);
    const empty = await scenarioDatabase('not-bootstrapped');
    expectOneLineError(await runCli(['check', '--pg', empty.url, '--to', '3.4']), /has no tables: Kong was never bootstrapped here/);
  });

  it('a database migrated by a Kong newer than the tool knows: --from is needed, and then it is checked', async () => {
    const db = await createScenarioDatabase('clean-3.9');
    const admin = await adminClient(db.database);
    try {
      await admin.query(`UPDATE schema_meta SET executed = array_append(executed, '026_3100_to_3110'), last_executed = '026_3100_to_3110'
        WHERE key = 'schema_meta' AND subsystem = 'core'`);
      const inferred = await runCli(['check', '--pg', db.url, '--to', '3.14']);
      expectOneLineError(inferred, /was migrated by a Kong newer than this kong-preflight knows \(core migrations 026_3100_to_3110 come after 3\.9\.x\): pass --from/);
      const given = await runCli(['check', '--pg', db.url, '--from', '3.10', '--to', '3.14', '-f', 'json']);
      expect([0, 1]).toContain(given.code);
      expect(JSON.parse(given.stdout).installation.from.value).toBe('3.10.x');
    } finally {
      await admin.end();
      await db.drop();
    }
  });
});
