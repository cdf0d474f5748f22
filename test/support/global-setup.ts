// Jest global setup: starts the one embedded PostgreSQL of this run (see postgres.ts) and
// publishes its connection to the test workers through the environment.
//
// KONG_PREFLIGHT_TEST_PG_SERVER=postgres://user:password@host:port runs the suite against a
// server of your own instead (another PostgreSQL major, as real Kong installations run 12-17):
// nothing is started or stopped, and each test file still creates and drops its own database.

import { randomBytes } from 'node:crypto';
import { ENV_KEY, externalTestServer, serverMajor, startTestServer } from './postgres';
import { enterRunTempRoot } from './run-temp-root';

export default async function globalSetup(): Promise<void> {
  const external = externalTestServer(process.env.KONG_PREFLIGHT_TEST_PG_SERVER);
  const server = external ?? (await startTestServer());
  server.major = await serverMajor(server);
  // A server of the user's keeps its databases after the run: name this run's, to drop them after.
  if (external) server.runId = `r${randomBytes(3).toString('hex')}_`;
  process.env[ENV_KEY] = JSON.stringify(server);
  // After the server: its data folder and the kept template stay where the postgres user can reach them.
  enterRunTempRoot();
}
