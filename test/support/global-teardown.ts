// Jest global teardown of the default project: stops the embedded PostgreSQL and removes its data
// folder, or on a server of the user's (KONG_PREFLIGHT_TEST_PG_SERVER) drops the shared databases
// of this run. The pg12 project has its own (global-teardown-pg12.ts).

import { dropRunDatabases, EMBEDDED_SERVERS, stopTestServer, type EmbeddedServerName, type TestServer } from './postgres';
import { removeRunTempRoot } from './run-temp-root';

/** The global teardown of the project that ran against the embedded server `name`. */
export function teardownFor(name: EmbeddedServerName): () => Promise<void> {
  return async () => {
    const raw = process.env[EMBEDDED_SERVERS[name].envKey];
    const server = raw ? (JSON.parse(raw) as TestServer) : undefined;
    if (server?.runId) await dropRunDatabases(server);
    await stopTestServer(name);
    removeRunTempRoot();
  };
}

export default teardownFor('default');
