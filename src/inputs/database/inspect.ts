// The read-only queries that describe a Kong database: server version, role privileges, the
// migration ledger and lock, workspaces, license rows, data planes and plugin names in use.
// Optional tables are probed first: they differ by version and edition.

import { InputError } from '../../errors';
import { configurationTables } from '../../knowledge/database/freeze';
import { isOssSubsystem } from '../../knowledge/database/migrations';
import type { DbOrigin } from '../../model/origin';
import { compareText } from '../../text/compare';
import type { ConnectionSettings } from './connection';
import type { ReadOnlySession } from './session';
import type {
  DataPlaneRow, EventHookRow, LedgerRow, LicenseRow, MigrationsLock, PluginUsage, RecentWrites, RolePrivileges, ServerInfo, WorkspaceRow,
} from './types';

/** Tables only Kong Enterprise creates (documented entity names). */
const ENTERPRISE_TABLES = ['licenses', 'rbac_users', 'rbac_roles', 'admins', 'workspace_entity_counters', 'keyring_meta',
  'consumer_groups', 'event_hooks', 'developers', 'audit_requests'];

type Origin = (table: string, id?: string, field?: string) => DbOrigin;

/** The server's version: the session read it when it opened. */
export async function readServer(session: ReadOnlySession): Promise<ServerInfo> {
  return session.server;
}

export async function readPrivileges(session: ReadOnlySession): Promise<RolePrivileges> {
  const [row] = await session.query<{
    role: string; schema: string | null; can_create: boolean | null; owner: string; superuser: boolean;
  }>(`SELECT current_user AS role,
             current_schema() AS schema,
             CASE WHEN current_schema() IS NULL THEN NULL
                  ELSE has_schema_privilege(current_user, current_schema(), 'CREATE') END AS can_create,
             (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()) AS owner,
             (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser`);
  return {
    role: row.role,
    schema: row.schema ?? '(none)',
    canCreateInSchema: row.can_create === true,
    databaseOwner: row.owner,
    ownsDatabase: row.owner === row.role,
    superuser: row.superuser === true,
  };
}

/** Tables of the current schema among `names`. */
export async function existingTables(session: ReadOnlySession, names: readonly string[]): Promise<Set<string>> {
  const rows = await session.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_name = ANY($1::text[])`, [names]);
  return new Set(rows.map((r) => r.table_name));
}

/**
 * Reads schema_meta, or raises a clear error when the database was never bootstrapped or is not
 * Kong's at all.
 */
export async function readLedger(session: ReadOnlySession, settings: ConnectionSettings): Promise<LedgerRow[]> {
  const where = `PostgreSQL ${settings.label}${settings.schema ? ` (schema ${settings.schema})` : ''}`;
  const tables = await existingTables(session, ['schema_meta', 'routes', 'services']);
  if (!tables.has('schema_meta')) {
    const [{ n }] = await session.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema()`);
    const why = n === 0
      ? 'has no tables: Kong was never bootstrapped here (run `kong migrations bootstrap`, or check pg_database/pg_schema)'
      : 'is not a Kong database: it has no schema_meta table (check pg_database and pg_schema)';
    throw new InputError(`${where} ${why}`, settings.place);
  }
  const rows = await session.query<{ subsystem: string; last_executed: string | null; executed: string[] | null; pending: string[] | null }>(
    `SELECT subsystem, last_executed, executed, pending FROM schema_meta WHERE key = 'schema_meta' ORDER BY subsystem`);
  const ledger = rows.map((r) => ({
    subsystem: r.subsystem,
    ...(r.last_executed ? { lastExecuted: r.last_executed } : {}),
    executed: r.executed ?? [],
    pending: r.pending ?? [],
  }));
  const core = ledger.find((r) => r.subsystem === 'core');
  if (!core || core.executed.length + core.pending.length === 0) {
    throw new InputError(`${where} was bootstrapped but has no core migrations recorded in schema_meta: finish \`kong migrations bootstrap\``, settings.place);
  }
  return ledger;
}

export async function readLock(session: ReadOnlySession): Promise<MigrationsLock | undefined> {
  const tables = await existingTables(session, ['locks']);
  if (!tables.has('locks')) return undefined;
  const [row] = await session.query<{ owner: string | null; ttl: Date; active: boolean }>(
    `SELECT owner, ttl, ttl >= CURRENT_TIMESTAMP AS active FROM locks WHERE key = 'migrations'`);
  return row ? { ...(row.owner ? { owner: row.owner } : {}), ttl: row.ttl, active: row.active } : undefined;
}

export async function readWorkspaces(session: ReadOnlySession): Promise<WorkspaceRow[]> {
  const tables = await existingTables(session, ['workspaces']);
  if (!tables.has('workspaces')) return [];
  return session.query<WorkspaceRow>('SELECT id::text AS id, name FROM workspaces ORDER BY name');
}

/** License rows reduced to their expiration date: the payload is parsed here and dropped. */
export async function readLicenses(session: ReadOnlySession, origin: Origin): Promise<LicenseRow[]> {
  const tables = await existingTables(session, ['licenses']);
  if (!tables.has('licenses')) return [];
  const rows = await session.query<{ id: string; payload: string | null; created_at: Date | null; updated_at: Date | null }>(
    'SELECT id::text AS id, payload, created_at, updated_at FROM licenses ORDER BY created_at, id');
  return rows.map((row) => {
    const expirationDate = expirationOf(row.payload);
    return {
      id: row.id,
      ...(expirationDate ? { expirationDate } : {}),
      ...(row.payload?.startsWith(KEYRING_MARKER) ? { encrypted: true } : {}),
      ...(row.created_at ? { createdAt: row.created_at } : {}),
      ...(row.updated_at ? { updatedAt: row.updated_at } : {}),
      unreadable: expirationDate === undefined,
      origin: origin('licenses', row.id),
    };
  });
}

/**
 * How a keyring-encrypted value starts (kong/keyring/init.lua@FTI-6378, CRYPTO_MARKER); a license
 * payload is encrypted only with keyring_encrypt_license on.
 */
const KEYRING_MARKER = '$ke$1$';

function expirationOf(payload: string | null): string | undefined {
  if (!payload) return undefined;
  try {
    const date = JSON.parse(payload)?.license?.payload?.license_expiration_date;
    return typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined;
  } catch {
    return undefined;
  }
}

export async function readDataPlanes(session: ReadOnlySession, origin: Origin): Promise<DataPlaneRow[]> {
  const tables = await existingTables(session, ['clustering_data_planes']);
  if (!tables.has('clustering_data_planes')) return [];
  const columns = new Set((await session.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'clustering_data_planes'`)).map((r) => r.column_name));
  // version and sync_status arrived in 2.3.
  const version = columns.has('version') ? 'version' : 'NULL::text AS version';
  const status = columns.has('sync_status') ? 'sync_status' : 'NULL::text AS sync_status';
  const rows = await session.query<{
    id: string; hostname: string; ip: string | null; version: string | null; sync_status: string | null;
    last_seen: Date | null; live: boolean;
  }>(`SELECT id::text AS id, hostname, ip, ${version}, ${status}, last_seen,
             (ttl IS NULL OR ttl >= CURRENT_TIMESTAMP) AS live
        FROM clustering_data_planes ORDER BY hostname, id`);
  return rows.map((row) => ({
    id: row.id,
    hostname: row.hostname,
    ...(row.ip ? { ip: row.ip } : {}),
    ...(row.version ? { version: row.version } : {}),
    ...(row.sync_status ? { syncStatus: row.sync_status } : {}),
    ...(row.last_seen ? { lastSeen: row.last_seen } : {}),
    live: row.live,
    origin: origin('clustering_data_planes', row.id),
  }));
}

/** Plugin names in use, counted by the server (no row is fetched). */
export async function readPluginUsage(session: ReadOnlySession): Promise<PluginUsage[]> {
  const tables = await existingTables(session, ['plugins']);
  if (!tables.has('plugins')) return [];
  const rows = await session.query<{ name: string; rows: number; enabled_rows: number; sample_id: string }>(
    `SELECT name, count(*)::int AS rows, (count(*) FILTER (WHERE enabled))::int AS enabled_rows,
            min(id::text) AS sample_id
       FROM plugins GROUP BY name ORDER BY name`);
  return rows.map((r) => ({ name: r.name, rows: r.rows, enabledRows: r.enabled_rows, sampleId: r.sample_id }));
}

/**
 * Enterprise event hooks (table created by the Enterprise migration 006_1301_to_1500, `config`
 * JSON). The secret's value never leaves the server: only whether it is set, as Kong decides it
 * before signing (a string, not JSON null; kong/enterprise_edition/event_hooks.lua on the Kong/kong
 * mirror's Enterprise branch FTI-6378). A keyring-encrypted secret (3.13+) is still a string.
 */
export async function readEventHooks(session: ReadOnlySession, origin: Origin): Promise<EventHookRow[] | undefined> {
  const tables = await existingTables(session, ['event_hooks']);
  if (!tables.has('event_hooks')) return undefined;
  const rows = await session.query<{
    id: string; source: string; event: string | null; handler: string; url_scheme: string | null;
    signed: boolean; ssl_verify: string | null;
  }>(`SELECT id::text AS id, source, event, handler,
             lower(substring(config::json->>'url' from '^([A-Za-z][A-Za-z0-9+.-]*):')) AS url_scheme,
             (config::json->>'secret') IS NOT NULL AS signed,
             CASE WHEN json_typeof(config::json->'ssl_verify') = 'boolean' THEN config::json->>'ssl_verify' END AS ssl_verify
        FROM event_hooks ORDER BY created_at NULLS LAST, id`);
  return rows.map((row) => ({
    id: row.id,
    source: row.source,
    ...(row.event ? { event: row.event } : {}),
    handler: row.handler,
    ...(row.url_scheme ? { urlScheme: row.url_scheme } : {}),
    signed: row.signed,
    ...(row.ssl_verify !== null ? { sslVerify: row.ssl_verify === 'true' } : {}),
    origin: origin('event_hooks', row.id),
  }));
}

/** Enterprise-only tables and schema_meta subsystems OSS Kong never writes. */
export async function readEnterpriseEvidence(session: ReadOnlySession, ledger: readonly LedgerRow[]): Promise<string[]> {
  const tables = await existingTables(session, ENTERPRISE_TABLES);
  const subsystems = ledger.map((r) => r.subsystem).filter((s) => s.startsWith('enterprise'));
  return [
    ...[...tables].sort().map((t) => `table ${t}`),
    ...subsystems.filter((s) => !isOssSubsystem(s)).map((s) => `schema_meta subsystem ${s}`),
  ];
}

/** The default window for recent configuration writes (`--recent-writes-minutes`). */
export const RECENT_WRITES_MINUTES = 30;

/**
 * Configuration tables (src/knowledge/database/freeze-tables.json) with rows created or updated
 * in the last `minutes`, by the database clock. One statement; each table is scanned once.
 */
export async function readRecentWrites(session: ReadOnlySession, minutes: number): Promise<RecentWrites> {
  const stamped = await session.query<{ table_name: string; columns: string[] }>(
    `SELECT table_name, array_agg(column_name::text) AS columns FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ANY($1::text[]) AND column_name IN ('created_at', 'updated_at')
      GROUP BY table_name ORDER BY table_name`, [configurationTables().map((t) => t.table)]);
  const [{ now }] = await session.query<{ now: Date }>('SELECT now() AS now');
  if (stamped.length === 0) return { windowMinutes: minutes, readAt: now, tables: [] };
  const parts = stamped.map(({ table_name: table, columns }) => {
    const stamp = columns.length === 2 ? 'greatest(created_at, updated_at)' : columns[0];
    return `SELECT '${table}'::text AS table_name, count(*)::int AS rows, max(${stamp}) AS newest
              FROM "${table}" WHERE ${stamp} >= now() - make_interval(mins => $1::int)`;
  });
  const rows = await session.query<{ table_name: string; rows: number; newest: Date | null }>(parts.join(' UNION ALL '), [minutes]);
  const tables = rows.filter((r) => r.rows > 0 && r.newest)
    .map((r) => ({ table: r.table_name, rows: r.rows, newest: r.newest! }))
    .sort((a, b) => b.newest.getTime() - a.newest.getTime() || compareText(a.table, b.table));
  return { windowMinutes: minutes, readAt: now, tables };
}
