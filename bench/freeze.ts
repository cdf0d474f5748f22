// Benchmark: the freeze snapshot of a 100,000-route Kong 3.4 database. Generates rows server-side
// (generate_series) in an embedded PostgreSQL, takes the snapshot through the CLI's code path,
// verifies it once (clean) and once after three writes, and prints time and snapshot size.
// Run: npm run bench:freeze [-- ROUTES]

import { settingsFromUrl } from '../src/inputs/database/connection';
import { ReadOnlySession } from '../src/inputs/database/session';
import { takeSnapshot } from '../src/freeze/snapshot';
import { formatSnapshot } from '../src/freeze/snapshot-file';
import { verifySnapshot } from '../src/freeze/verify';
import { adminClient, createDatabaseFromFixture, startTestServer, stopTestServer } from '../test/support/postgres';

async function main(): Promise<void> {
  const routes = Number(process.argv[2] ?? 100000);
  const services = Math.max(1, Math.round(routes / 100));
  const plugins = Math.max(1, Math.round(routes / 20));
  const server = await startTestServer();
  try {
    const db = await createDatabaseFromFixture('bench_freeze', ['schema/kong-3.4.sql', 'data/meta-3.4.sql'], server);
    const admin = await adminClient(db.database, server);
    const ws = "'dde1a96f-1d2f-41dc-bcc3-2c393ec42c65'";
    let t = Date.now();
    await admin.query(`INSERT INTO services (id, name, protocol, host, port, ws_id, created_at, updated_at)
      SELECT gen_random_uuid(), 'service-' || n, 'http', 'svc' || n || '.internal', 80, ${ws}, now(), now()
        FROM generate_series(1, ${services}) AS n`);
    await admin.query(`INSERT INTO routes (id, name, protocols, paths, hosts, ws_id, created_at, updated_at)
      SELECT gen_random_uuid(), 'route-' || n, '{http,https}', ARRAY['/r/' || n, '~/r/' || n || '/\\d+$'], ARRAY['api.example.com'], ${ws}, now(), now()
        FROM generate_series(1, ${routes}) AS n`);
    await admin.query(`INSERT INTO plugins (id, name, config, enabled, cache_key, protocols, ws_id)
      SELECT gen_random_uuid(), 'rate-limiting', jsonb_build_object('minute', n, 'policy', 'local'), true,
             'plugins:rate-limiting:' || n, '{http,https}', ${ws}
        FROM generate_series(1, ${plugins}) AS n`);
    await admin.query('VACUUM ANALYZE');
    await admin.end();
    process.stdout.write(`generated ${routes} routes, ${services} services, ${plugins} plugins in ${Date.now() - t} ms\n`);

    const session = await ReadOnlySession.open(settingsFromUrl(db.url));
    try {
      t = Date.now();
      const snapshot = await takeSnapshot(session, session.settings);
      const snapshotMs = Date.now() - t;
      const text = formatSnapshot(snapshot);
      const rows = snapshot.tables.reduce((n, table) => n + table.rows, 0);
      if (process.env.BENCH_DETAIL) for (const table of snapshot.tables) process.stdout.write(`  ${table.table}: ${table.rows} rows, ${JSON.stringify(table).length} bytes\n`);
      process.stdout.write(`snapshot: ${snapshotMs} ms for ${snapshot.tables.length} tables, ${rows} rows; ${(Buffer.byteLength(text) / 1024).toFixed(1)} KB\n`);

      t = Date.now();
      const clean = await verifySnapshot(session, session.settings, snapshot, 'freeze.json');
      process.stdout.write(`verify (unchanged): ${Date.now() - t} ms, ${clean.changes.length} changed tables\n`);

      const writer = await adminClient(db.database, server);
      await writer.query(`UPDATE routes SET strip_path = false WHERE name IN ('route-17', 'route-4242');
                          DELETE FROM routes WHERE name = 'route-99999';
                          INSERT INTO routes (id, name, protocols, paths, ws_id) VALUES (gen_random_uuid(), 'late-route', '{http}', '{/late}', ${ws});`);
      await writer.end();
      t = Date.now();
      const changed = await verifySnapshot(session, session.settings, snapshot, 'freeze.json');
      const r = changed.changes.find((c) => c.table === 'routes');
      process.stdout.write(`verify (4 writes): ${Date.now() - t} ms; routes: ${r?.added.length ?? 0} added, ${r?.changed.length ?? 0} changed, ${r?.removed.length ?? 0} removed${r?.unnamed ? ' (not all named)' : ''}\n`);
    } finally {
      await session.close();
    }
  } finally {
    await stopTestServer();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
