// The write-freeze guard against a real PostgreSQL: a snapshot, writes through plain SQL, and a
// verification that names exactly those writes; migration-shaped changes are not counted.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { settingsFromUrl } from '../../src/inputs/database/connection';
import { ReadOnlySession } from '../../src/inputs/database/session';
import { takeSnapshot, type Snapshot } from '../../src/freeze/snapshot';
import { verifySnapshot, type VerifyResult } from '../../src/freeze/verify';
import { adminClient, createScenarioDatabase, type TestDatabase } from '../support/postgres';
import { runCli } from '../support/cli';

const ROUTE_1 = 'a0e1c2d3-0000-4000-8000-000000000001';
const ROUTE_3 = 'a0e1c2d3-0000-4000-8000-000000000003';
const PLUGIN_2 = 'b1d2e3f4-0000-4000-8000-000000000002';
const NEW_ROUTE = 'a0e1c2d3-0000-4000-8000-0000000000aa';
const NEW_PLUGIN = 'b1d2e3f4-0000-4000-8000-0000000000bb';
const WS = 'dde1a96f-1d2f-41dc-bcc3-2c393ec42c65';
const WRITTEN_AT = '2026-01-02 03:04:05+00';

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const db of databases) await db.drop();
});

async function database(scenario = 'clean-2.8'): Promise<TestDatabase> {
  const db = await createScenarioDatabase(scenario);
  databases.push(db);
  return db;
}

async function withSession<T>(db: TestDatabase, work: (s: ReadOnlySession) => Promise<T>): Promise<T> {
  const session = await ReadOnlySession.open(settingsFromUrl(db.url));
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

const snapshotOf = (db: TestDatabase) => withSession(db, (s) => takeSnapshot(s, s.settings));
const verify = (db: TestDatabase, snapshot: Snapshot) => withSession(db, (s) => verifySnapshot(s, s.settings, snapshot, 'freeze.json'));

async function sql(db: TestDatabase, text: string): Promise<void> {
  const client = await adminClient(db.database);
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
const changeOf = (result: VerifyResult, table: string) => result.changes.find((c) => c.table === table);

describe('freeze snapshot', () => {
  it('fingerprints configuration tables, skips runtime ones, and holds no secret', async () => {
    const db = await database();
    const snapshot = await snapshotOf(db);
    const tables = snapshot.tables.map((t) => t.table);
    expect(tables).toEqual(expect.arrayContaining(['routes', 'services', 'plugins', 'consumers', 'keyauth_credentials', 'certificates']));
    expect(tables).not.toEqual(expect.arrayContaining(['cluster_events']));
    expect(snapshot.skipped).toEqual(expect.arrayContaining(['cluster_events', 'locks', 'clustering_data_planes', 'schema_meta', 'tags']));
    const routes = snapshot.tables.find((t) => t.table === 'routes')!;
    expect(routes.rows).toBe(3);
    expect(routes.columns).toContain('paths');
    expect(routes.hash).toMatch(/^[0-9a-f]{32}$/);
    // 2.8 has not run 3.0's path migration: its column is masked, and the full hash kept too.
    expect(routes.masks).toEqual([{ column: 'paths', migration: 'core/016_280_to_300' }]);
    expect(routes.fullHash).toMatch(/^[0-9a-f]{32}$/);
    expect(snapshot.database.clusterId).toBe('0f4c1a2e-7d3b-4c55-9a51-3e2d1c0b9a87');
    expect(snapshot.installed).toBe('2.8.x');
    const text = JSON.stringify(snapshot);
    expect(text).not.toContain('preflight-test'); // the test server's password
    expect(text).not.toContain('test-placeholder-not-a-key');
    expect(text).not.toContain('PRIVATE KEY');
  });

  it('verifies an unchanged database clean, and two snapshots of it are equal', async () => {
    const db = await database();
    const first = await snapshotOf(db);
    const second = await snapshotOf(db);
    expect(second.tables).toEqual(first.tables);
    const result = await verify(db, first);
    expect(result.changes).toEqual([]);
    expect(result.explained).toEqual([]);
    expect(result.migrationsRun).toEqual([]);
  });

  it('reports exactly the rows written through SQL in routes and plugins, with ids and names', async () => {
    const db = await database();
    // The fixture's rows are written with now(), so their content, and the cells a changed row's
    // two versions land in, moved with the clock: now and then a run met a layout the sketch
    // cannot peel (session 20's full run). Pinned, the layout is the same on every run.
    await sql(db, `UPDATE routes SET created_at = '${WRITTEN_AT}', updated_at = '${WRITTEN_AT}'; UPDATE plugins SET created_at = '${WRITTEN_AT}';`);
    const snapshot = await snapshotOf(db);
    // Fixed timestamps, not now(): a row's place in the sketch follows from its content, so a
    // clock value made the four differences land differently on each run, and one run in six or
    // so hit a layout the sketch cannot peel (the test then saw a changed row as added).
    await sql(db, `
      INSERT INTO routes (id, created_at, updated_at, name, service_id, protocols, paths, ws_id)
        VALUES ('${NEW_ROUTE}', '${WRITTEN_AT}', '${WRITTEN_AT}', 'sneaky-route', '5e0a7c1b-8f57-4b6e-9a57-0a3c9d4e2f11', '{http}', '{/sneaky}', '${WS}');
      UPDATE routes SET strip_path = false WHERE id = '${ROUTE_3}';
      DELETE FROM plugins WHERE id = '${PLUGIN_2}';
      INSERT INTO plugins (id, created_at, name, config, enabled, protocols, ws_id)
        VALUES ('${NEW_PLUGIN}', '${WRITTEN_AT}', 'cors', '{}', true, '{http}', '${WS}');
      UPDATE plugins SET enabled = true WHERE name = 'rate-limiting';`);
    const result = await verify(db, snapshot);
    expect(result.changes.map((c) => c.table).sort()).toEqual(['plugins', 'routes']);
    const routes = changeOf(result, 'routes')!;
    expect(routes.added).toEqual([{ id: NEW_ROUTE, label: 'sneaky-route' }]);
    expect(routes.changed).toEqual([{ id: ROUTE_3, label: 'orders-list' }]);
    expect(routes.removed).toEqual([]);
    expect(routes.unnamed).toBe(false);
    const plugins = changeOf(result, 'plugins')!;
    expect(plugins.added).toEqual([{ id: NEW_PLUGIN, label: 'cors' }]);
    expect(ids(plugins.removed)).toEqual([PLUGIN_2]);
    expect(plugins.changed).toEqual([{ id: 'b1d2e3f4-0000-4000-8000-000000000003', label: 'rate-limiting' }]);
    expect([plugins.rowsBefore, plugins.rowsAfter]).toEqual([3, 3]);
  });

  it('does not report a migration-shaped change: new columns with defaults, new tables, rewritten paths', async () => {
    const db = await database();
    const snapshot = await snapshotOf(db);
    // What `kong migrations up` of 3.0 does to a 2.8 database, in miniature.
    await sql(db, `
      ALTER TABLE routes ADD COLUMN expression text, ADD COLUMN priority bigint DEFAULT 0;
      ALTER TABLE plugins ADD COLUMN updated_at timestamptz DEFAULT (CURRENT_TIMESTAMP(0) AT TIME ZONE 'UTC');
      CREATE TABLE sm_vaults (id uuid PRIMARY KEY, prefix text, name text);
      INSERT INTO sm_vaults VALUES ('${NEW_PLUGIN}', 'env', 'env');
      UPDATE routes SET paths = '{"~/orders/\\\\d+$"}' WHERE id = '${ROUTE_1}';
      UPDATE schema_meta SET pending = '{016_280_to_300}' WHERE subsystem = 'core';`);
    const result = await verify(db, snapshot);
    expect(result.migrationsRun).toEqual(['core/016_280_to_300']);
    expect(result.changes).toEqual([]);
    expect(result.explained.map((c) => [c.table, c.explainedBy])).toEqual([['routes', ['core/016_280_to_300']]]);
    expect(result.newTables).toEqual(['sm_vaults']);
  });

  it('still reports a path edited by hand when the path migration has not run', async () => {
    const db = await database();
    const snapshot = await snapshotOf(db);
    await sql(db, `UPDATE routes SET paths = '{/orders/v2}' WHERE id = '${ROUTE_3}'`);
    const result = await verify(db, snapshot);
    const routes = changeOf(result, 'routes')!;
    expect(routes.unnamed).toBe(true);
    expect(routes.note).toContain('016_280_to_300');
  });

  it('still reports a table with more writes than the sketch can name, with counts', async () => {
    const db = await database();
    await sql(db, `INSERT INTO consumers (id, created_at, username, ws_id)
                     SELECT md5('bulk-' || n)::uuid, now(), 'bulk-' || n, '${WS}' FROM generate_series(1, 400) AS n`);
    const snapshot = await snapshotOf(db);
    await sql(db, `UPDATE consumers SET custom_id = 'moved-' || username WHERE username LIKE 'bulk-%'`);
    const result = await verify(db, snapshot);
    const consumers = changeOf(result, 'consumers')!;
    expect(consumers.unnamed).toBe(true);
    expect([consumers.rowsBefore, consumers.rowsAfter]).toEqual([401, 401]);
    expect(result.changes.map((c) => c.table)).toEqual(['consumers']);
  });

  // Sixteen changed rows are 32 differences for 36 cells: the peel stops part way, and may free
  // a row's old version without its new one. Such a row is still in the table: it changed, and
  // was once reported removed (5 of the 16 here).
  it('never reports as removed a row still in the table when the sketch names only part of the writes', async () => {
    const db = await database();
    await sql(db, `INSERT INTO consumers (id, created_at, username, ws_id)
                     SELECT md5('part-' || n)::uuid, '${WRITTEN_AT}', 'part-' || n, '${WS}' FROM generate_series(1, 40) AS n`);
    const snapshot = await snapshotOf(db);
    await sql(db, `UPDATE consumers SET custom_id = 'moved-' || username WHERE username IN (SELECT 'part-' || n FROM generate_series(1, 16) AS n)`);
    const consumers = changeOf(await verify(db, snapshot), 'consumers')!;
    expect(consumers.unnamed).toBe(true);
    expect(consumers.removed).toEqual([]);
    const updated = new Set(Array.from({ length: 16 }, (_, i) => `part-${i + 1}`));
    const named = [...consumers.changed, ...consumers.added];
    expect(named.length).toBeGreaterThan(0);
    for (const row of named) expect(updated.has(row.label ?? '')).toBe(true);
  });

  it('names a removed row of a table without a uuid key by its key hash, and added ones by their key', async () => {
    const db = await database();
    await sql(db, `CREATE TABLE custom_settings (name text PRIMARY KEY, value text);
                   INSERT INTO custom_settings VALUES ('a', '1'), ('b', '2');`);
    const snapshot = await snapshotOf(db);
    expect(snapshot.tables.find((t) => t.table === 'custom_settings')).toMatchObject({ kind: 'unclassified', uuidKey: false, key: ['name'] });
    await sql(db, `DELETE FROM custom_settings WHERE name = 'a'; INSERT INTO custom_settings VALUES ('c', '3');`);
    const result = await verify(db, snapshot);
    const custom = changeOf(result, 'custom_settings')!;
    expect(custom.kind).toBe('unclassified');
    expect(custom.added).toEqual([{ id: '(c)' }]);
    expect(custom.removed).toEqual([{ id: expect.stringMatching(/^key md5 [0-9a-f]{32}$/) }]);
  });

  it('reports a dropped configuration table', async () => {
    const db = await database();
    const snapshot = await snapshotOf(db);
    await sql(db, 'DROP TABLE acls');
    const result = await verify(db, snapshot);
    expect(result.changes.map((c) => [c.table, c.status])).toEqual([['acls', 'dropped']]);
  });

  it('connects read-only: the session cannot write, even through a data-modifying WITH', async () => {
    const db = await database();
    await withSession(db, async (session) => {
      await takeSnapshot(session, session.settings);
      await expect(session.query(`DELETE FROM routes`)).rejects.toThrow(/refusing a statement that is not a read/);
      await expect(session.query(`WITH gone AS (DELETE FROM routes RETURNING id) SELECT count(*) FROM gone`))
        .rejects.toThrow(/read-only transaction/);
    });
    const [count] = await withSession(db, (s) => s.query<{ n: number }>('SELECT count(*)::int AS n FROM routes'));
    expect(count.n).toBe(3);
  });
});

describe('freeze CLI', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kong-preflight-freeze-'));

  it('snapshot -o then verify: exit 0 clean, exit 1 with a blocker naming the row, in JSON and SARIF', async () => {
    const db = await database();
    const file = path.join(dir, 'freeze.json');
    const taken = await runCli(['freeze', 'snapshot', '--pg', db.url, '-o', file]);
    expect(taken).toMatchObject({ code: 0, stdout: '' });
    expect(taken.stderr).toMatch(/^wrote .*freeze\.json: \d+ tables/);
    expect(readFileSync(file, 'utf8')).not.toContain('preflight-test');

    const clean = await runCli(['freeze', 'verify', file, '--pg', db.url, '--format', 'json']);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout).findings).toEqual([]);

    await sql(db, `UPDATE services SET port = 8080 WHERE name = 'orders'`);
    const changed = await runCli(['freeze', 'verify', file, '--pg', db.url, '--format', 'json']);
    expect(changed.code).toBe(1);
    const [finding] = JSON.parse(changed.stdout).findings;
    expect(finding).toMatchObject({ ruleId: 'freeze/config-changed', severity: 'blocker', location: { table: 'services', id: '5e0a7c1b-8f57-4b6e-9a57-0a3c9d4e2f11' } });
    expect(finding.message).toContain('1 changed (5e0a7c1b-8f57-4b6e-9a57-0a3c9d4e2f11 "orders")');

    const sarif = await runCli(['freeze', 'verify', file, '--pg', db.url, '--format', 'sarif']);
    expect(sarif.code).toBe(1);
    expect(JSON.parse(sarif.stdout).runs[0].results[0].ruleId).toBe('freeze/config-changed');
    const text = await runCli(['freeze', 'verify', file, '--pg', db.url]);
    expect(text.stdout).toContain('services changed after the freeze snapshot');
  });

  it('exits 2 with one line naming a missing or malformed snapshot file', async () => {
    const missing = await runCli(['freeze', 'verify', path.join(dir, 'nope.json'), '--pg', 'postgres://u@127.0.0.1:1/x']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^kong-preflight: error: .*nope\.json: cannot read the freeze snapshot: no such file\n$/);
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{"kind": "kong-preflight/freeze-snapshot", "formatVersion": 1}');
    const malformed = await runCli(['freeze', 'verify', bad, '--pg', 'postgres://u@127.0.0.1:1/x']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/bad\.json: malformed freeze snapshot: .*required property/);
    writeFileSync(bad, 'not json');
    expect((await runCli(['freeze', 'verify', bad, '--pg', 'postgres://u@127.0.0.1:1/x'])).stderr).toMatch(/bad\.json: not a freeze snapshot: invalid JSON/);
  });

  it('exits 2 naming the file when a snapshot was edited into something verify cannot read', async () => {
    const db = await database();
    const file = path.join(dir, 'edited.json');
    expect((await runCli(['freeze', 'snapshot', '--pg', db.url, '-o', file])).code).toBe(0);
    const snapshot = JSON.parse(readFileSync(file, 'utf8'));
    snapshot.tables.find((t: { table: string }) => t.table === 'services').sketch = 'AAAA';
    await sql(db, `UPDATE services SET port = 8080 WHERE name = 'orders'`);
    writeFileSync(file, JSON.stringify(snapshot));
    const result = await runCli(['freeze', 'verify', file, '--pg', db.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/edited\.json: malformed freeze snapshot: table services: a row sketch is a multiple of 29 bytes\n$/);
  });

  it('exits 2 when the snapshot comes from another Kong database, and never prints the password', async () => {
    const first = await database();
    const other = await database();
    await sql(other, `UPDATE parameters SET value = '11111111-2222-4333-8444-555555555555' WHERE key = 'cluster_id'`);
    const file = path.join(dir, 'first.json');
    expect((await runCli(['freeze', 'snapshot', '--pg', first.url, '-o', file])).code).toBe(0);
    const result = await runCli(['freeze', 'verify', file, '--pg', other.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/first\.json: the snapshot was taken from another Kong database .* cluster_id 11111111-2222-4333-8444-555555555555\n$/);
    expect(result.stderr).not.toContain('preflight-test');
  });

  it('connects through kong.conf pg_* settings with KONG_PG_* overrides, as check does', async () => {
    const db = await database();
    const conf = path.join(dir, 'kong.conf');
    writeFileSync(conf, `database = postgres\npg_host = ${db.host}\npg_port = ${db.port}\npg_user = nobody\npg_database = ${db.database}\n`);
    const env = { KONG_PG_USER: db.user, KONG_PG_PASSWORD: db.password };
    const file = path.join(dir, 'via-conf.json');
    expect((await runCli(['freeze', 'snapshot', conf, '-o', file], { env })).code).toBe(0);
    const verified = await runCli(['freeze', 'verify', file, conf, '--format', 'json'], { env });
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout).installation.inputs).toEqual([
      { kind: 'freeze snapshot', label: file },
      { kind: 'database', label: `postgres ${db.user}@${db.host}:${db.port}/${db.database}` },
    ]);
    const dbless = path.join(dir, 'dbless.conf');
    writeFileSync(dbless, 'database = off\n');
    const refused = await runCli(['freeze', 'snapshot', dbless]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/database = off/);
  });

  it('exits 2 when the database cannot be reached, naming it without the password', async () => {
    const result = await runCli(['freeze', 'snapshot', '--pg', 'postgres://kong:s3cret@127.0.0.1:1/kong']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot connect to PostgreSQL kong@127\.0\.0\.1:1\/kong/);
    expect(result.stderr).not.toContain('s3cret');
  });
});
