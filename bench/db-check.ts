// Benchmark: `check` against large Kong databases. An embedded PostgreSQL gets Kong 2.8 schemas
// filled server-side with generate_series (services, routes with nested-style regex paths written
// without `~` in one route of five, plugins of which one in fifty still uses a field 3.0
// removed), at growing sizes up to 100,000 routes and 100,000 plugins. For each size it prints
// the wall time and peak memory of a `check --pg` process next to the floor: the same rows
// fetched with a bare SELECT through `pg`. Prints figures only.
//
// Run: npm run bench:db-check [-- ROUTES...]   (default 10000 50000 100000); BENCH_DB_CLEAN=1 for
// databases without findings; BENCH_DB_CONSUMERS=N adds N consumers with a key-auth key each (the
// check streams those keys to hide them by value); PREFLIGHT_TIMINGS=1 for per-step figures; BENCH_CPU_PROF=DIR to profile.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminClient, createDatabaseFromFixture, startTestServer, stopTestServer, type TestDatabase, type TestServer } from '../test/support/postgres';

const ROOT = join(__dirname, '..', '..');
const WS = "'dde1a96f-1d2f-41dc-bcc3-2c393ec42c65'";

/** BENCH_DB_CLEAN=1: no regex paths and no removed fields, so a check finds almost nothing (memory then shows the stream alone). */
const CLEAN = Boolean(process.env.BENCH_DB_CLEAN);
/** BENCH_DB_CONSUMERS=N: consumers with one 32-hex key-auth key each, which the check reads for the report's hiding. */
const CONSUMERS = Number(process.env.BENCH_DB_CONSUMERS ?? 0);

async function generate(server: TestServer, routes: number): Promise<TestDatabase> {
  const db = await createDatabaseFromFixture(`bench_${routes}`, ['schema/kong-2.8.sql', 'data/meta-2.8.sql'], server);
  const admin = await adminClient(db.database, server);
  const services = Math.ceil(routes / 5);
  try {
    await admin.query(`INSERT INTO services (id, name, protocol, host, port, path, retries, connect_timeout, read_timeout, write_timeout, ws_id, created_at, updated_at)
      SELECT md5('s' || n)::uuid, 'service-' || n, 'http', 'backend-' || (n % 200) || '.internal', 8080, '/v1', 5, 60000, 60000, 60000, ${WS}, now(), now()
        FROM generate_series(0, ${services - 1}) AS n`);
    await admin.query(`INSERT INTO routes (id, name, service_id, protocols, methods, paths, strip_path, preserve_host, regex_priority, path_handling, ws_id, created_at, updated_at)
      SELECT md5('r' || n)::uuid, 'route-' || n, md5('s' || (n / 5))::uuid, '{http,https}', '{GET}',
             CASE WHEN n % 5 = 3 AND NOT ${CLEAN} THEN ARRAY['/svc-' || (n / 5) || '/items/\\d+$', '/svc-' || (n / 5) || '/items'] ELSE ARRAY['/svc-' || (n / 5) || '/r' || (n % 5)] END,
             true, false, 0, 'v0', ${WS}, now(), now()
        FROM generate_series(0, ${routes - 1}) AS n`);
    await admin.query(`INSERT INTO plugins (id, name, route_id, config, enabled, cache_key, protocols, ws_id)
      SELECT md5('p' || n)::uuid,
             CASE WHEN n % 50 = 7 AND NOT ${CLEAN} THEN 'ip-restriction' WHEN n % 2 = 0 THEN 'rate-limiting' ELSE 'key-auth' END,
             md5('r' || n)::uuid,
             CASE WHEN n % 50 = 7 AND NOT ${CLEAN} THEN jsonb_build_object('whitelist', jsonb_build_array('10.0.0.0/8'))
                  WHEN n % 2 = 0 THEN jsonb_build_object('minute', 60 + n % 100, 'policy', 'local')
                  ELSE jsonb_build_object('key_names', jsonb_build_array('apikey'), 'hide_credentials', true) END,
             true, 'plugins:' || n, '{http,https}', ${WS}
        FROM generate_series(0, ${routes - 1}) AS n`);
    if (CONSUMERS > 0) {
      await admin.query(`INSERT INTO consumers (id, username, ws_id)
        SELECT md5('c' || n)::uuid, 'consumer-' || n, ${WS} FROM generate_series(0, ${CONSUMERS - 1}) AS n`);
      await admin.query(`INSERT INTO keyauth_credentials (id, consumer_id, "key", ws_id)
        SELECT md5('k' || n)::uuid, md5('c' || n)::uuid, md5('key-' || n), ${WS} FROM generate_series(0, ${CONSUMERS - 1}) AS n`);
    }
    await admin.query('ANALYZE');
  } finally {
    await admin.end();
  }
  return db;
}

/** The floor: every route and plugin row fetched by a bare SELECT, in this process. */
async function floorMs(db: TestDatabase, server: TestServer): Promise<number> {
  const client = await adminClient(db.database, server);
  try {
    const start = process.hrtime.bigint();
    await client.query('SELECT * FROM routes');
    await client.query('SELECT * FROM plugins');
    return Number(process.hrtime.bigint() - start) / 1e6;
  } finally {
    await client.end();
  }
}

function measureCheck(db: TestDatabase, work: string): { ms: number; rssMb: number; findings: number } {
  const rssFile = join(work, 'rss');
  const report = join(work, 'report.json');
  const start = process.hrtime.bigint();
  // BENCH_CPU_PROF=DIR writes a V8 CPU profile of each check into DIR (node --cpu-prof).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const child = spawnSync(process.execPath, [...profile, join(ROOT, 'bench', 'measure.js'), join(ROOT, 'bin', 'kong-preflight.js'), 'check', '--pg', db.url,
    '--to', '3.4', '--no-config', '--fail-on', 'none', '-f', 'json', '-o', report], { encoding: 'utf8', env: { ...process.env, BENCH_RSS_FILE: rssFile } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`check exited ${child.status}: ${child.stderr.split('\n')[0]}`);
  if (process.env.PREFLIGHT_TIMINGS) process.stderr.write(child.stderr); // per-step breakdown
  return { ms, rssMb: Number(readFileSync(rssFile, 'utf8')) / 1024, findings: JSON.parse(readFileSync(report, 'utf8')).findings.length };
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const server = await startTestServer();
  const work = mkdtempSync(join(tmpdir(), 'kong-preflight-bench-db-'));
  try {
    console.log(`${'routes+plugins'.padStart(16)}  ${'generate ms'.padStart(11)}  ${'check ms'.padStart(9)}  ${'peak MB'.padStart(8)}  ${'SELECT ms'.padStart(9)}  ${'findings'.padStart(8)}`);
    for (const routes of sizes.length > 0 ? sizes : [10000, 50000, 100000]) {
      let t = Date.now();
      const db = await generate(server, routes);
      const generated = Date.now() - t;
      const floor = await floorMs(db, server);
      const check = measureCheck(db, work);
      console.log(`${`${routes}+${routes}`.padStart(16)}  ${String(generated).padStart(11)}  ${check.ms.toFixed(0).padStart(9)}  ${check.rssMb.toFixed(0).padStart(8)}  ${floor.toFixed(0).padStart(9)}  ${String(check.findings).padStart(8)}`);
      await db.drop();
      t = Date.now();
    }
    console.log('check ms / peak MB: a whole `check --pg` process (2.8 -> 3.4, JSON report to a file); SELECT ms: both tables fetched bare through pg.');
    if (CONSUMERS > 0) console.log(`each database also holds ${CONSUMERS} consumers with a key-auth key each (BENCH_DB_CONSUMERS).`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    await stopTestServer();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
