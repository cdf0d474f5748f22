// Where to connect: kong.conf's `pg_*` settings (already merged with `KONG_PG_*` by the kong.conf
// loader) with Kong's defaults, or a `--pg postgres://...` URL that replaces them. The password is
// kept only here and in the driver; labels and errors never show it.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError, type ErrorPlace } from '../../errors';
import type { FileOrigin } from '../../model/origin';
import type { KongConf } from '../kong-conf/types';
import { isVaultReference, readKongBoolean } from '../kong-conf/values';
import { resolveEnvReference } from './vault-reference';

export interface SslSettings {
  /** Verify the server certificate (pg_ssl_verify), against lua_ssl_trusted_certificate when it names files. */
  verify: boolean;
  ca?: string[];
  /**
   * The client certificate and key PostgreSQL may require (mutual TLS): Kong Enterprise's
   * pg_ssl_cert and pg_ssl_cert_key, libpq's sslcert and sslkey. PEM text; the key is a secret
   * that only the driver sees.
   */
  cert?: string;
  key?: string;
}

export interface ConnectionSettings {
  host: string;
  port: number;
  user: string;
  password?: string;
  /**
   * The password as the --pg URL writes it (`p%40ss` for `p@ss`), when that differs: the same
   * text copied elsewhere (a compose file, a script) is hidden in both forms.
   */
  passwordAsWritten?: string;
  database: string;
  /** pg_schema; undefined means the role's default search_path, as Kong does. */
  schema?: string;
  ssl?: SslSettings;
  /** pg_timeout in ms: statement timeout, and connect timeout unless connectTimeoutMs says otherwise. */
  timeoutMs: number;
  /**
   * A `connect_timeout=` keyword of --pg, in ms, bounding only the connection as libpq's does;
   * 0 waits for the connection without a bound (libpq's meaning of zero or a negative value).
   */
  connectTimeoutMs?: number;
  /** Where the settings come from, for error messages: `kong.conf:12` or `--pg`. */
  place: ErrorPlace;
  /** The kong.conf line that configures the database, for finding locations. */
  anchor?: FileOrigin;
  /** `kong@db:5432/kong`, safe to print. */
  label: string;
}

/** Kong's defaults for the settings the tool uses (kong/templates/kong_defaults.lua, 2.8-3.9). */
const DEFAULTS = { host: '127.0.0.1', port: 5432, user: 'kong', database: 'kong', timeoutMs: 5000 };


/** Settings from kong.conf (its env overrides included), or from `env` when no kong.conf is given. */
export function settingsFromKongConf(conf: KongConf | undefined, env: NodeJS.ProcessEnv = process.env): ConnectionSettings {
  const hostSetting = conf?.get('pg_host');
  const anchor = hostSetting?.origin.kind === 'file' ? hostSetting.origin : conf?.anchor();
  const place: ErrorPlace = anchor ? { file: anchor.file, line: anchor.line } : {};
  const written = (key: string): string | undefined => {
    if (conf) return conf.get(key)?.value;
    const value = env[`KONG_${key.toUpperCase()}`];
    return value === undefined || value === '' ? undefined : value;
  };
  // Kong resolves vault references in kong.conf at start: the env vault is read here the same way.
  const get = (key: string): string | undefined => {
    const value = written(key);
    if (value === undefined || !isVaultReference(value)) return value;
    const reading = resolveEnvReference(value, env, written('vault_env_prefix'));
    if ('value' in reading) return reading.value;
    throw new InputError(`${key} is the vault reference ${value}, which ${reading.unreadable}: the database cannot be signed in to from here`, place);
  };
  const host = get('pg_host') ?? DEFAULTS.host;
  const port = parseNumber(get('pg_port'), DEFAULTS.port, 'pg_port', place);
  const user = get('pg_user') ?? DEFAULTS.user;
  const database = get('pg_database') ?? DEFAULTS.database;
  const timeoutMs = parseNumber(get('pg_timeout'), DEFAULTS.timeoutMs, 'pg_timeout', place);
  const ssl = isOn(get('pg_ssl')) || isOn(get('pg_ssl_required'))
    ? { verify: isOn(get('pg_ssl_verify')), ca: trustedCertificates(get('lua_ssl_trusted_certificate'), conf?.dir), ...clientCertificate(get('pg_ssl_cert'), get('pg_ssl_cert_key'), conf?.dir ?? '.', place, 'pg_ssl_cert', 'pg_ssl_cert_key') }
    : undefined;
  return {
    host, port, user, database, timeoutMs, ssl, place, anchor,
    password: get('pg_password'),
    schema: get('pg_schema'),
    label: `${user}@${host}:${port}/${database}`,
  };
}

/**
 * Settings from `--pg postgres://user:password@host:port/database?sslmode=require&schema=kong`.
 * The kong.conf anchor, when there is one, still locates findings.
 */
export function settingsFromUrl(url: string, anchor?: FileOrigin, timeoutMs = DEFAULTS.timeoutMs): ConnectionSettings {
  const place: ErrorPlace = {};
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The URL may hold a password: the message does not repeat it.
    throw new InputError('--pg: not a URL of the form postgres://user:password@host:port/database');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new InputError(`--pg: expected a postgres:// URL, got ${parsed.protocol}//`);
  }
  // libpq takes any connection keyword in the query as well, and a keyword there replaces the
  // part of the URL it names (conninfo_uri_parse_params stores it over the netloc's value):
  // `postgres://kong@db/kong?password=...` is a common way to keep a password out of the netloc.
  const query = parsed.searchParams;
  const host = query.get('host') || decoded(parsed.hostname.replace(/^\[|\]$/g, ''), 'host') || DEFAULTS.host;
  const portText = query.get('port') || parsed.port;
  const port = portText ? urlNumber(portText, query.get('port') ? 'port= keyword' : 'port') : DEFAULTS.port;
  const user = query.get('user') || decoded(parsed.username, 'user') || DEFAULTS.user;
  const database = query.get('dbname') || decoded(parsed.pathname.replace(/^\//, ''), 'database') || DEFAULTS.database;
  const password = query.get('password') ?? (parsed.password ? decoded(parsed.password, 'password') : undefined);
  const written = query.has('password') ? rawQueryValue(parsed.search, 'password') : parsed.password || undefined;
  const sslmode = query.get('sslmode');
  // libpq's file keywords, read here as libpq reads them (relative to the working folder).
  const rootCert = query.get('sslrootcert');
  const ssl = sslmode && sslmode !== 'disable'
    ? {
      verify: sslmode === 'verify-ca' || sslmode === 'verify-full',
      ...(rootCert ? { ca: [readKeywordFile(rootCert, 'sslrootcert')] } : {}),
      ...clientCertificate(query.get('sslcert') ?? undefined, query.get('sslkey') ?? undefined, '.', place, 'sslcert= keyword of --pg', 'sslkey= keyword of --pg'),
    }
    : undefined;
  const connectTimeout = query.get('connect_timeout');
  return {
    host, port, user, database, ssl, place, anchor,
    password,
    ...(written !== undefined && written !== password ? { passwordAsWritten: written } : {}),
    schema: query.get('schema') ?? undefined,
    timeoutMs,
    ...(connectTimeout ? { connectTimeoutMs: connectTimeoutMs(connectTimeout) } : {}),
    label: `${user}@${host}:${port}/${database}`,
  };
}

/** A query keyword's value as written, before decoding (the first, as URLSearchParams.get takes). */
function rawQueryValue(search: string, name: string): string | undefined {
  for (const pair of search.replace(/^\?/, '').split('&')) {
    const at = pair.indexOf('=');
    if (at >= 0 && pair.slice(0, at) === name) return pair.slice(at + 1);
  }
  return undefined;
}

/**
 * A percent-decoded part of the URL. A `%` not followed by two hex digits (a password with a
 * literal `%`) made decodeURIComponent throw, and the run ended as a tool bug; the message names
 * the part, never its text.
 */
function decoded(part: string, name: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new InputError(`--pg: the ${name} in the URL has a % that is not followed by two hex digits (write a literal % as %25)`);
  }
}

/**
 * A number of the --pg URL. The error names `--pg` and the part (a bare `port = abc is not a
 * positive integer` did not say which input held it), never the text: the URL is where a
 * password is written, and a mistyped one can land in any part.
 */
function urlNumber(text: string, part: string): number {
  // Digits only: Number() would take `0x10`, `1e3` and ` 5`.
  const n = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw new InputError(`--pg: the ${part} of the URL is not a positive whole number`);
  return n;
}

/**
 * libpq's connect_timeout in ms: whole seconds, zero or below for no bound, and 2 s for 1 (libpq
 * raises a 1-second timeout to 2, fe-connect.c pqConnectDBComplete). Only connecting is bounded;
 * statements keep pg_timeout. The error names the keyword, never the URL's text.
 */
function connectTimeoutMs(text: string): number {
  if (!/^-?[0-9]+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new InputError('--pg: the connect_timeout= keyword of the URL is not a whole number of seconds');
  const seconds = Number(text);
  return seconds <= 0 ? 0 : Math.max(seconds, 2) * 1000;
}

/** kong.conf booleans as Kong reads them: only `on` and `true` (`pg_ssl = yes` leaves TLS off). */
function isOn(value: string | undefined): boolean {
  return value !== undefined && readKongBoolean(value).value;
}

function parseNumber(value: string | undefined, fallback: number, key: string, place: ErrorPlace): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InputError(`${key} = ${value} is not a positive integer`, place);
  return n;
}

/** lua_ssl_trusted_certificate may list PEM files (or `system`); Node uses its own store for `system`. */
/**
 * The client certificate and its key, read from the files named, when both are: Mutual TLS
 * against PostgreSQL is on only when the certificate is set (developer.konghq.com
 * app/_data/kong-conf/3.4.json@bc1cd742, pg_ssl_cert and pg_ssl_cert_key). A file that cannot be
 * read here is an input error naming the setting and the file, never the key's content.
 */
function clientCertificate(certFile: string | undefined, keyFile: string | undefined, dir: string, place: ErrorPlace, certName: string, keyName: string): { cert?: string; key?: string } {
  if (!certFile) return {};
  if (!keyFile) throw new InputError(`${certName} names a client certificate but ${keyName} names no key for it`, place);
  // The key's setting is a sensitive one (Kong's own list): its path is not repeated either.
  const read = (file: string, name: string, shown: string) => {
    try {
      return readFileSync(path.resolve(dir, file), 'utf8');
    } catch {
      throw new InputError(`${name} names ${shown}, which cannot be read here (the client certificate PostgreSQL asks of Kong)`, place);
    }
  };
  return { cert: read(certFile, certName, certFile), key: read(keyFile, keyName, 'a file') };
}

function readKeywordFile(file: string, keyword: string): string {
  try {
    return readFileSync(path.resolve(file), 'utf8');
  } catch {
    throw new InputError(`--pg: the ${keyword}= keyword names ${file}, which cannot be read`);
  }
}

function trustedCertificates(value: string | undefined, dir = '.'): string[] | undefined {
  if (!value) return undefined;
  const files = value.split(',').map((v) => v.trim()).filter((v) => v && v !== 'system');
  const pems: string[] = [];
  for (const file of files) {
    try {
      pems.push(readFileSync(path.resolve(dir, file), 'utf8'));
    } catch {
      // unreadable here (the file lives on the Kong node): the TLS handshake reports a real failure
    }
  }
  return pems.length > 0 ? pems : undefined;
}
