// Benchmark: reading a large Kong database. Generates routes and plugins server-side in an
// embedded PostgreSQL, then walks them through the database input's entity source (cursor
// batches) and prints time and memory. Run: npm run bench:db [-- ROUTES PLUGINS]

import { loadDatabase } from '../src/inputs/database';
import { adminClient, createDatabaseFromFixture, startTestServer, stopTestServer } from '../test/support/postgres';

async function main(): Promise<void> {
  const routes = Number(process.argv[2] ?? 200000);
  const plugins = Number(process.argv[3] ?? 200000);
  const server = await startTestServer();
  try {
    const db = await createDatabaseFromFixture('bench', ['schema/kong-3.4.sql', 'data/meta-3.4.sql'], server);
    const admin = await adminClient(db.database, server);
    const ws = "'dde1a96f-1d2f-41dc-bcc3-2c393ec42c65'";
    let t = Date.now();
    await admin.query(`INSERT INTO routes (id, name, protocols, paths, ws_id, created_at, updated_at)
      SELECT gen_random_uuid(), 'route-' || n, '{http,https}', ARRAY['/r/' || n || '/\\d+'], ${ws}, now(), now()
        FROM generate_series(1, ${routes}) AS n`);
    await admin.query(`INSERT INTO plugins (id, name, config, enabled, cache_key, protocols, ws_id)
      SELECT gen_random_uuid(), 'rate-limiting', jsonb_build_object('minute', n, 'policy', 'local'), true,
             'plugins:rate-limiting:' || n, '{http,https}', ${ws}
        FROM generate_series(1, ${plugins}) AS n`);
    await admin.end();
    process.stdout.write(`generated ${routes} routes and ${plugins} plugins in ${Date.now() - t} ms\n`);

    global.gc?.();
    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakHeap = baseline.heapUsed;
    const sample = () => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    };
    t = Date.now();
    const input = await loadDatabase({ url: db.url });
    let seen = 0;
    let regexLike = 0;
    for (const type of ['route', 'plugin'] as const) {
      await input.entities.each(type, (entity) => {
        seen += 1;
        const paths = entity.fields.paths;
        if (Array.isArray(paths) && paths.some((p) => typeof p === 'string' && p.includes('\\'))) regexLike += 1;
        if (seen % 5000 === 0) sample();
      });
    }
    await input.close();
    sample();
    const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;
    process.stdout.write(`walked ${seen} entities (${regexLike} regex-like paths) in ${Date.now() - t} ms\n`);
    process.stdout.write(`rss ${mb(baseline.rss)} -> peak ${mb(peakRss)}; heap ${mb(baseline.heapUsed)} -> peak ${mb(peakHeap)}\n`);
  } finally {
    await stopTestServer();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
