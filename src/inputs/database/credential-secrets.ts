// The secret columns of Kong's credential tables (key-auth keys, basic-auth passwords, HMAC and
// JWT secrets, OAuth2 client secrets), read for one purpose: the report hides their values
// wherever else the same text appears (a key reused as a route path, a header value, a tag). No
// rule reads these columns and no entity carries them.
//
// The server does the work: one statement over every such column present, only values long
// enough to be hidden anywhere, duplicates dropped, streamed through a cursor. The tool holds the
// distinct values (which the hiding needs) and one batch of rows, never a table.

import { SHORTEST_HIDDEN_ANYWHERE } from '../../knowledge/conf/sensitive';
import { CREDENTIAL_SENSITIVE_FIELDS } from '../../knowledge/entities/sensitive-fields';
import type { ReadOnlySession } from './session';
import { quoteIdent } from './sql-text';

/**
 * Credential tables and their secret columns. The declarative collections of
 * CREDENTIAL_SENSITIVE_FIELDS are Kong's DAO names, which are also its table names (each
 * plugin's daos.lua: `name = "keyauth_credentials"`, stored in the table of that name).
 */
export const CREDENTIAL_SECRET_COLUMNS: readonly { table: string; column: string }[] = Object.entries(CREDENTIAL_SENSITIVE_FIELDS)
  .flatMap(([table, { fields }]) => fields.map((column) => ({ table, column })));

/**
 * Hands `visit` every distinct value of a credential secret column at least
 * SHORTEST_HIDDEN_ANYWHERE characters long. Tables an Open Source or older database lacks are
 * skipped, and so are columns the role may not read: a check by a role without access to them
 * goes on, and cannot print what it never read.
 */
export async function eachCredentialSecret(session: ReadOnlySession, visit: (value: string) => void): Promise<void> {
  const readable = await session.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ANY($1::text[]) AND column_name = ANY($2::text[])
        AND has_column_privilege(quote_ident(table_schema) || '.' || quote_ident(table_name), column_name, 'SELECT')`,
    [[...new Set(CREDENTIAL_SECRET_COLUMNS.map((c) => c.table))], [...new Set(CREDENTIAL_SECRET_COLUMNS.map((c) => c.column))]],
  );
  const present = new Set(readable.map((r) => `${r.table_name}.${r.column_name}`));
  const parts = CREDENTIAL_SECRET_COLUMNS
    .filter(({ table, column }) => present.has(`${table}.${column}`))
    .map(({ table, column }) => `SELECT ${quoteIdent(column)}::text AS v FROM ${quoteIdent(table)}`);
  if (parts.length === 0) return;
  // UNION (not UNION ALL): the server drops duplicates, a JWT secret shared by many consumers comes once.
  await session.stream(
    `SELECT v FROM (${parts.join(' UNION ')}) AS secrets WHERE length(v) >= ${SHORTEST_HIDDEN_ANYWHERE}`,
    (row) => {
      const value = row[0];
      if (typeof value === 'string') visit(value);
    },
  );
}
