// Whether a database is there to read at all, decided from settings alone. Kept apart from the
// database loader so that a check which reads no database never loads the database modules.

import type { DatabaseOptions } from './index';
import { TOKEN_SIGN_IN } from '../../knowledge/database/token-sign-in';
import { describeOrigin } from '../../model/origin';
import { readKongBoolean } from '../kong-conf/values';

const CONNECTION_KEYS = ['pg_host', 'pg_port', 'pg_user', 'pg_password', 'pg_database'];

/**
 * Why the database is not read for this installation, or undefined when it should be:
 * `database = off` (DB-less) and Cassandra have no PostgreSQL to read; a node that signs in with a
 * cloud token (pg_iam_auth...) cannot be signed in to as Kong does.
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
  // Kong signs in with a token from a cloud identity service and ignores pg_password: trying the
  // password anyway fails as a wrong password, after a wait, and says nothing of why.
  for (const { key, issuer } of TOKEN_SIGN_IN) {
    const setting = options.kongConf?.get(key);
    if (setting && readKongBoolean(setting.value).value) {
      return `${key} = ${setting.value} (${describeOrigin(setting.origin)}): Kong signs in to PostgreSQL with a token from ${issuer}, which kong-preflight does not obtain, so the database was not read (pass --pg URL with a role that signs in with a password to read it)`;
    }
  }
  return undefined;
}
