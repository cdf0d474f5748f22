// Jest global setup of the default project: starts the embedded PostgreSQL of this run (the newest
// major, see postgres.ts) and publishes its connection to the test workers through the environment.
// The pg12 project has its own (global-setup-pg12.ts); jest runs each only when its project has tests.
//
// KONG_PREFLIGHT_TEST_PG_SERVER=postgres://user:password@host:port runs the suite against a
// server of your own instead (another PostgreSQL major, as real Kong installations run 12-17):
// nothing is started or stopped, each test file still creates and drops its own database, and
// jest.config.js leaves the pg12 project out.

import { randomBytes } from 'node:crypto';
import { EMBEDDED_SERVERS, externalTestServer, serverMajor, startTestServer, type EmbeddedServerName } from './postgres';
import { enterRunTempRoot } from './run-temp-root';

/** The global setup of the project that runs against the embedded server `name`. */
export function setupFor(name: EmbeddedServerName): () => Promise<void> {
  return async () => {
    const external = name === 'default' ? externalTestServer(process.env.KONG_PREFLIGHT_TEST_PG_SERVER) : undefined;
    const server = external ?? (await startTestServer(name));
    server.major = await serverMajor(server);
    // A server of the user's keeps its databases after the run: name this run's, to drop them after.
    if (external) server.runId = `r${randomBytes(3).toString('hex')}_`;
    process.env[EMBEDDED_SERVERS[name].envKey] = JSON.stringify(server);
    // After the server: its data folder and the kept template stay where the postgres user can reach them.
    enterRunTempRoot();
  };
}

export default setupFor('default');
