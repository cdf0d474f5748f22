// A read-only PostgreSQL session. Three layers keep it from writing: the server makes every
// transaction read-only (`default_transaction_read_only` set at connection start), the tool only
// sends statements from an allow-list of reading verbs, and a statement timeout bounds each query.

import type { Client, QueryResultRow } from 'pg';
import { InputError } from '../../errors';
import { SHORTEST_HIDDEN_ANYWHERE } from '../../knowledge/conf/sensitive';
import type { ConnectionSettings } from './connection';
import type { ServerInfo } from './types';

/** Statement verbs the tool may send; anything else is a bug, refused before it reaches the server. */
const READING_VERBS = /^\s*(SELECT|SHOW|WITH|FETCH|DECLARE|CLOSE|BEGIN|COMMIT|ROLLBACK)\b/i;

export class ReadOnlySession {
  private constructor(private readonly client: Client, readonly settings: ConnectionSettings) {}

  /** The server's version, read once when the session opens (it decides what the session may set). */
  get server(): ServerInfo {
    if (this.serverInfo === undefined) throw new Error('the session is not open');
    return this.serverInfo;
  }

  private serverInfo?: ServerInfo;

  /**
   * Connects, or raises an InputError naming host and database (never the password).
   * `statementTimeoutMs` (default pg_timeout) bounds each statement; the freeze guard's one-scan
   * fingerprint of a large table needs more than a connect timeout.
   */
  static async open(settings: ConnectionSettings, options: { statementTimeoutMs?: number } = {}): Promise<ReadOnlySession> {
    const statementTimeoutMs = options.statementTimeoutMs ?? settings.timeoutMs;
    // pg (~30 ms to load) is required only when a database is actually opened.
    const { Client } = require('pg') as typeof import('pg');
    const client = new Client({
      host: settings.host,
      port: settings.port,
      user: settings.user,
      password: settings.password ?? '',
      database: settings.database,
      ssl: settings.ssl ? { rejectUnauthorized: settings.ssl.verify, ca: settings.ssl.ca, cert: settings.ssl.cert, key: settings.ssl.key } : false,
      // 0 is pg's "no timeout", as it is libpq's for connect_timeout.
      connectionTimeoutMillis: settings.connectTimeoutMs ?? settings.timeoutMs,
      // A client-side bound as well, for a server that stops answering mid-query.
      query_timeout: statementTimeoutMs * 2,
      application_name: 'kong-preflight',
      options: [
        '-c default_transaction_read_only=on',
        `-c statement_timeout=${statementTimeoutMs}`,
        `-c lock_timeout=${settings.timeoutMs}`,
      ].join(' '),
    });
    // A connection dropped later surfaces through the next query; without a listener it would crash the process.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw connectionError(error, settings);
    }
    const session = new ReadOnlySession(client, settings);
    // A transaction of ours left idle must not hold the database. The setting exists from
    // PostgreSQL 9.6, and Kong 2.x still starts on 9.5 (kong/constants.lua@2.8.5 DATABASE.POSTGRES.MIN):
    // named among the start-up options, it made 9.5 refuse the connection outright.
    const [row] = await session.query<{ version: string; num: string }>(
      "SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num");
    const versionNum = Number(row.num);
    session.serverInfo = { version: row.version, versionNum, major: Math.floor(versionNum / 10000) };
    if (versionNum >= 90600) {
      await session.query("SELECT set_config('idle_in_transaction_session_timeout', $1, false)", [String(settings.timeoutMs * 6)]);
    }
    if (settings.schema) {
      // pg_schema: Kong looks its tables up there. set_config is allowed in a read-only session.
      await session.query("SELECT set_config('search_path', quote_ident($1), false)", [settings.schema]);
    }
    return session;
  }

  /**
   * Runs one reading statement; errors become InputErrors naming the database. `timestampsAsText`
   * keeps timestamps as the server's text instead of Dates (see `stream`).
   */
  async query<Row extends QueryResultRow = QueryResultRow>(sql: string, params: unknown[] = [], options: { timestampsAsText?: boolean; arrays?: boolean } = {}): Promise<Row[]> {
    if (!READING_VERBS.test(sql)) throw new Error(`refusing a statement that is not a read: ${sql.slice(0, 40)}`);
    try {
      const result = options.timestampsAsText || options.arrays
        ? await this.client.query<Row>({
          text: sql,
          values: params,
          ...(options.timestampsAsText ? { types: TIMESTAMPS_AS_TEXT } : {}),
          ...(options.arrays ? { rowMode: 'array' as const } : {}),
        })
        : await this.client.query<Row>(sql, params);
      return result.rows;
    } catch (error) {
      throw queryError(error, this.settings);
    }
  }

  /**
   * Streams the rows of a SELECT in batches through a server-side cursor, inside a read-only
   * transaction, so a large table is never held in memory at once. Each row is an array of
   * column values in the SELECT's order: pg builds no object per row (building 200,000 of them
   * was most of pg's own time on a 100,000-route table), and the caller reads columns by
   * position. Batches of 2,000 rows: with 500, the 400 round trips of a 100,000-route database
   * cost ~0.15 s more, and a batch is still only a few megabytes.
   */
  async stream(sql: string, onRow: (row: unknown[]) => void, batchSize = 2000): Promise<void> {
    if (!/^\s*SELECT\b/i.test(sql)) throw new Error('only SELECT statements can be streamed');
    await this.query('BEGIN READ ONLY');
    try {
      await this.query(`DECLARE preflight_cursor NO SCROLL CURSOR FOR ${sql}`);
      for (;;) {
        // Timestamps stay text: turning every created_at/updated_at into a Date was the largest
        // single cost of reading 200,000 rows (~0.25 s), and no rule reads them.
        const rows = await this.query(`FETCH ${batchSize} FROM preflight_cursor`, [], { timestampsAsText: true, arrays: true }) as unknown as unknown[][];
        for (const row of rows) onRow(row);
        if (rows.length < batchSize) break;
      }
      await this.query('CLOSE preflight_cursor');
      await this.query('COMMIT');
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}

/** timestamp (1114), timestamptz (1184) and date (1082) kept as text; every other type as pg parses it. */
const TEXT_TYPES = new Set([1114, 1184, 1082]);
const TIMESTAMPS_AS_TEXT = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (TEXT_TYPES.has(oid)) return (value: string) => value;
    const { types } = require('pg') as typeof import('pg');
    return types.getTypeParser(oid, format ?? 'text');
  },
} as unknown as import('pg').CustomTypesConfig;

/** `PostgreSQL kong@db:5432/kong` for messages. */
function where(settings: ConnectionSettings): string {
  return `PostgreSQL ${settings.label}`;
}

interface PgLikeError {
  code?: string;
  message?: string;
}

/** Turns a driver or server error at connection time into one safe line. */
export function connectionError(error: unknown, settings: ConnectionSettings): InputError {
  const e = (error ?? {}) as PgLikeError;
  const message = e.message ?? String(error);
  // Only the driver's own text is scrubbed: the reasons written here name the user, host and
  // database, never the password, and scrubbing them would turn `user "kong"` into `user "***"`
  // for the kong/kong credentials of every docker example.
  let reason: string;
  switch (e.code) {
    case '28P01': reason = `password authentication failed for user "${settings.user}"`; break;
    case '28000': reason = `the server refused user "${settings.user}" (pg_hba.conf or role)`; break;
    case '3D000': reason = `database "${settings.database}" does not exist`; break;
    case '57P03': reason = 'the server is starting up or shutting down'; break;
    case 'ECONNREFUSED': reason = 'connection refused (is PostgreSQL listening on that host and port?)'; break;
    case 'ENOTFOUND': case 'EAI_AGAIN': reason = `host "${settings.host}" cannot be resolved`; break;
    case 'EHOSTUNREACH': case 'ENETUNREACH': reason = 'host unreachable'; break;
    case 'ETIMEDOUT': reason = noAnswer(settings); break;
    default:
      if (/timeout/i.test(message)) reason = noAnswer(settings);
      else if (/SSL|certificate|self.signed/i.test(message)) reason = `TLS failed: ${scrub(firstLine(message), settings)}`;
      else reason = scrub(firstLine(message), settings);
  }
  return new InputError(`cannot connect to ${where(settings)}: ${reason}`, settings.place);
}

/** A connection that timed out, with the setting that bounded it. */
function noAnswer(settings: ConnectionSettings): string {
  const bound = settings.connectTimeoutMs;
  if (bound === undefined) return `no answer within ${settings.timeoutMs} ms (pg_timeout)`;
  // connect_timeout=0 sets no bound of ours: the operating system's TCP timeout ended the wait.
  return bound === 0 ? 'no answer before the system gave up connecting (connect_timeout=0 sets no bound)' : `no answer within ${bound} ms (connect_timeout)`;
}

function queryError(error: unknown, settings: ConnectionSettings): InputError {
  const e = (error ?? {}) as PgLikeError;
  const message = e.message ?? String(error);
  const reason = e.code === '57014' || /timeout/i.test(message)
    ? `a query took longer than ${settings.timeoutMs} ms (pg_timeout)`
    : scrub(firstLine(message), settings);
  return new InputError(`reading ${where(settings)} failed: ${reason}`, settings.place);
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}

/**
 * Belt and braces: a driver message must never carry the password on to a report. A short
 * password (`x`, `kong`) is hidden only where it stands as a word of its own: hidden inside
 * other words it garbled the message (`Connection terminated une***pectedly`).
 */
export function scrub(text: string, settings: Pick<ConnectionSettings, 'password'>): string {
  const password = settings.password;
  if (!password) return text;
  if (password.length >= SHORTEST_HIDDEN_ANYWHERE) return text.split(password).join('***');
  const escaped = password.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'gu'), '***');
}
