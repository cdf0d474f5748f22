// Jest global setup: starts the one embedded PostgreSQL of this run (see postgres.ts) and
// publishes its connection to the test workers through the environment.
//
// KONG_PREFLIGHT_TEST_PG_SERVER=postgres://user:password@host:port runs the suite against a
// server of your own instead (another PostgreSQL major, as real Kong installations run 12-17):
// nothing is started or stopped, and each test file still creates and drops its own database.

import { ENV_KEY, externalTestServer, serverMajor, startTestServer } from './postgres';

export default async function globalSetup(): Promise<void> {
  const server = externalTestServer(process.env.KONG_PREFLIGHT_TEST_PG_SERVER) ?? (await startTestServer());
  server.major = await serverMajor(server);
  process.env[ENV_KEY] = JSON.stringify(server);
}
