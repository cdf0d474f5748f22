// The shared test server: one per run, a fresh database per test file, fixtures loaded in order.

import { adminClient, createDatabaseFromFixture, testServer } from './postgres';

describe('test PostgreSQL', () => {
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
    const { createScenarioDatabase } = require('./postgres');
    const db = await createScenarioDatabase(name);
    await db.drop();
  });
});
