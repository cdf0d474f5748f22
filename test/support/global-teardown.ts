// Jest global teardown: stops the embedded PostgreSQL and removes its data folder, or on a
// server of the user's (KONG_PREFLIGHT_TEST_PG_SERVER) drops the shared databases of this run.

import { dropRunDatabases, ENV_KEY, stopTestServer, type TestServer } from './postgres';
import { removeRunTempRoot } from './run-temp-root';

export default async function globalTeardown(): Promise<void> {
  const raw = process.env[ENV_KEY];
  const server = raw ? (JSON.parse(raw) as TestServer) : undefined;
  if (server?.runId) await dropRunDatabases(server);
  await stopTestServer();
  removeRunTempRoot();
}
