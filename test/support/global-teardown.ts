// Jest global teardown: stops the embedded PostgreSQL and removes its data folder.

import { stopTestServer } from './postgres';

export default async function globalTeardown(): Promise<void> {
  await stopTestServer();
}
