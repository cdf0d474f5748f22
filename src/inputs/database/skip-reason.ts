// Whether a database is there to read at all, decided from settings alone. Kept apart from the
// database loader so that a check which reads no database never loads the database modules.

import type { DatabaseOptions } from './index';

const CONNECTION_KEYS = ['pg_host', 'pg_port', 'pg_user', 'pg_password', 'pg_database'];

/**
 * Why the database is not read for this installation, or undefined when it should be:
 * `database = off` (DB-less) and Cassandra have no PostgreSQL to read.
 */
export function databaseSkipReason(options: DatabaseOptions): string | undefined {
  if (options.url) return undefined;
  const setting = options.kongConf?.get('database')?.value ?? options.env?.KONG_DATABASE;
  const database = (setting ?? 'postgres').toLowerCase();
  if (database === 'off') return 'database = off: a DB-less node has no database to read';
  if (database === 'cassandra') return 'database = cassandra: only PostgreSQL databases can be read';
  // Set, but from something unreadable here (a build argument, a file the image's entrypoint
  // reads): trying Kong's default instead would reach another database, or none.
  const unreadable = CONNECTION_KEYS.map((key) => options.kongConf?.raw(key)).find((setting) => setting?.unreadableFrom);
  if (unreadable) return `${unreadable.key} comes from ${unreadable.unreadableFrom}, so the database cannot be reached from here (pass --pg URL to read it)`;
  return undefined;
}
