// The secret columns of a Kong database: the credential tables' (key-auth keys, basic-auth
// passwords, HMAC and JWT secrets, OAuth2 client secrets) and the private keys' (certificates'
// `key` and `key_alt`, the keys entity's `jwk` and `pem`). They are read for one purpose: the
// report hides their values wherever else the same text appears (a key reused as a route path, a
// header value, a tag, a line of a PEM quoted in a name). No rule reads these columns and no entity
// carries them.
//
// Which of them exist and which the role may read is asked once, when the database is loaded: a
// column the role may not read cannot be hidden, and the report says so
// (rules/db/unreadable-secret-columns.ts). The values are streamed after the rules ran: one
// statement over every readable column, only values long enough to be hidden anywhere, duplicates
// dropped by the server, through a cursor. The tool holds the distinct values (which the hiding
// needs) and one batch of rows, never a table.

import { SHORTEST_HIDDEN_ANYWHERE } from '../../knowledge/conf/sensitive';
import { CREDENTIAL_SENSITIVE_FIELDS, STORED_KEY_COLUMNS, type KeyMaterial } from '../../knowledge/entities/sensitive-fields';
import type { ReadOnlySession } from './session';
import { quoteIdent, quoteLiteral } from './sql-text';

/** A secret column; `holds` for a private key (what the hiding takes of it), none for a credential. */
export interface SecretColumn {
  table: string;
  column: string;
  holds?: KeyMaterial;
  /** The key is this member of a JSONB column. */
  jsonMember?: string;
}

/**
 * Credential tables and their secret columns, then the private key columns. The declarative
 * collections of CREDENTIAL_SENSITIVE_FIELDS are Kong's DAO names, which are also its table names
 * (each plugin's daos.lua: `name = "keyauth_credentials"`, stored in the table of that name).
 */
export const SECRET_COLUMNS: readonly SecretColumn[] = [
  ...Object.entries(CREDENTIAL_SENSITIVE_FIELDS).flatMap(([table, { fields }]) => fields.map((column) => ({ table, column }))),
  ...STORED_KEY_COLUMNS.map(({ table, column, holds, jsonMember }) => ({ table, column, holds, ...(jsonMember ? { jsonMember } : {}) })),
];

/** The secret columns a database has, split by whether the connected role may read them. */
export interface SecretColumns {
  readable: readonly SecretColumn[];
  /** `table.column`, in SECRET_COLUMNS order. */
  unreadable: readonly string[];
}

/**
 * Which secret columns the database has and which of them the role may SELECT. Tables an Open
 * Source or older database lacks (`keys` before 3.1, an Enterprise plugin's table) are simply not
 * there. The catalog is asked, not information_schema: information_schema.columns lists only
 * columns the role holds some privilege on, so a column withheld from it would look absent.
 */
export async function readSecretColumns(session: ReadOnlySession): Promise<SecretColumns> {
  const rows = await session.query<{ table_name: string; column_name: string; readable: boolean; is_jsonb: boolean }>(
    `SELECT c.relname AS table_name, a.attname AS column_name,
            has_column_privilege(c.oid, a.attnum, 'SELECT') AS readable,
            a.atttypid = 'jsonb'::regtype AS is_jsonb
       FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
        AND c.relname = ANY($1::text[]) AND a.attname = ANY($2::text[]) AND a.attnum > 0 AND NOT a.attisdropped`,
    [[...new Set(SECRET_COLUMNS.map((c) => c.table))], [...new Set(SECRET_COLUMNS.map((c) => c.column))]],
  );
  const found = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r]));
  const readable: SecretColumn[] = [];
  const unreadable: string[] = [];
  for (const column of SECRET_COLUMNS) {
    const name = `${column.table}.${column.column}`;
    const row = found.get(name);
    // A member of a column that is not JSONB (no Kong release makes one) cannot be taken out of it.
    if (row === undefined || (column.jsonMember !== undefined && !row.is_jsonb)) continue;
    if (row.readable) readable.push(column);
    else unreadable.push(name);
  }
  return { readable, unreadable };
}

/**
 * Hands `visit` every distinct value of the readable secret columns at least
 * SHORTEST_HIDDEN_ANYWHERE characters long, with what a private key column holds. Columns the
 * role may not read were left out by readSecretColumns: a check by such a role goes on, and
 * cannot print what it never read.
 */
export async function eachStoredSecret(session: ReadOnlySession, columns: readonly SecretColumn[], visit: (value: string, holds?: KeyMaterial) => void): Promise<void> {
  if (columns.length === 0) return;
  const parts = columns.map(({ table, column, holds, jsonMember }) => {
    const value = jsonMember ? `${quoteIdent(column)} ->> ${quoteLiteral(jsonMember)}` : `${quoteIdent(column)}::text`;
    return `SELECT ${value} AS v, ${quoteLiteral(holds ?? '')} AS h FROM ${quoteIdent(table)}`;
  });
  // UNION (not UNION ALL): the server drops duplicates, a JWT secret shared by many consumers comes once.
  await session.stream(
    `SELECT v, h FROM (${parts.join(' UNION ')}) AS secrets WHERE length(v) >= ${SHORTEST_HIDDEN_ANYWHERE}`,
    (row) => {
      const [value, holds] = row;
      if (typeof value !== 'string') return;
      if (holds === 'pem' || holds === 'jwk') visit(value, holds);
      else visit(value);
    },
  );
}
