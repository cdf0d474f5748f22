// Jest global setup: starts the one embedded PostgreSQL of this run (see postgres.ts) and
// publishes its connection to the test workers through the environment.

import { ENV_KEY, startTestServer } from './postgres';

export default async function globalSetup(): Promise<void> {
  const server = await startTestServer();
  process.env[ENV_KEY] = JSON.stringify(server);
}
