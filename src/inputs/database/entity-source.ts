// Gateway entities read from Kong's tables into the shared entity model. Each table is streamed
// through a cursor; only the columns a table has in this version are selected, and columns
// holding secrets (private keys, JWKs, credentials) are never selected at all.

import type { Entity, EntityParent, EntityParents, EntitySource, EntityType, FieldPath } from '../../model/entities';
import type { DbOrigin, FileOrigin } from '../../model/origin';
import type { ReadOnlySession } from './session';
import { quoteIdent } from './sql-text';

interface TableMapping {
  /** Tables to try in order: the first one present is read (vaults: sm_vaults from 3.0, vaults_beta in 2.8). */
  tables: string[];
  /** Columns copied into `fields` when present. */
  columns: string[];
  /** Foreign keys turned into `{ id }` references (Kong's own field shape) and parents. */
  refs?: Record<string, string>;
  /** The column giving the entity's human handle. */
  handle?: string;
}

const COMMON = ['tags', 'created_at', 'updated_at'];

/** Entity types and the tables and columns they come from. Secret columns are deliberately absent. */
const MAPPINGS: Partial<Record<EntityType, TableMapping>> = {
  service: {
    tables: ['services'], handle: 'name',
    columns: ['name', 'protocol', 'host', 'port', 'path', 'retries', 'connect_timeout', 'write_timeout', 'read_timeout',
      'tls_verify', 'tls_verify_depth', 'ca_certificates', 'enabled', ...COMMON],
    refs: { client_certificate_id: 'client_certificate' },
  },
  route: {
    tables: ['routes'], handle: 'name',
    columns: ['name', 'protocols', 'methods', 'hosts', 'paths', 'headers', 'snis', 'sources', 'destinations',
      'regex_priority', 'strip_path', 'preserve_host', 'path_handling', 'https_redirect_status_code',
      'request_buffering', 'response_buffering', 'expression', 'priority', ...COMMON],
    refs: { service_id: 'service' },
  },
  plugin: {
    tables: ['plugins'], handle: 'name',
    columns: ['name', 'instance_name', 'config', 'enabled', 'protocols', 'ordering', ...COMMON],
    refs: { service_id: 'service', route_id: 'route', consumer_id: 'consumer', consumer_group_id: 'consumer_group' },
  },
  consumer: { tables: ['consumers'], handle: 'username', columns: ['username', 'custom_id', ...COMMON] },
  upstream: {
    tables: ['upstreams'], handle: 'name',
    columns: ['name', 'algorithm', 'hash_on', 'hash_fallback', 'hash_on_header', 'hash_fallback_header', 'hash_on_cookie',
      'hash_on_cookie_path', 'hash_on_query_arg', 'hash_fallback_query_arg', 'hash_on_uri_capture',
      'hash_fallback_uri_capture', 'slots', 'healthchecks', 'host_header', 'use_srv_name', ...COMMON],
    refs: { client_certificate_id: 'client_certificate' },
  },
  target: { tables: ['targets'], handle: 'target', columns: ['target', 'weight', ...COMMON], refs: { upstream_id: 'upstream' } },
  // `key` and `key_alt` (private keys) are left out on purpose.
  certificate: { tables: ['certificates'], columns: ['cert', 'cert_alt', ...COMMON] },
  ca_certificate: { tables: ['ca_certificates'], columns: ['cert', 'cert_digest', ...COMMON] },
  sni: { tables: ['snis'], handle: 'name', columns: ['name', ...COMMON], refs: { certificate_id: 'certificate' } },
  vault: { tables: ['sm_vaults', 'vaults_beta'], handle: 'prefix', columns: ['prefix', 'name', 'description', 'config', ...COMMON] },
  // `jwk` and `pem` may hold private key material: left out.
  key: { tables: ['keys'], handle: 'name', columns: ['name', 'kid', ...COMMON], refs: { set_id: 'set' } },
  key_set: { tables: ['key_sets'], handle: 'name', columns: ['name', ...COMMON] },
  workspace: { tables: ['workspaces'], handle: 'name', columns: ['name', 'comment', 'config', 'meta', 'created_at'] },
  // Enterprise 2.7+ consumer-group overrides of rate-limiting-advanced: `config` holds only limit,
  // window_size, window_type and retry_after_jitter_max (kong/db/schema/entities/
  // consumer_group_plugins.lua@FTI-6378), so these rows are their own type, not plugins.
  consumer_group_plugin: {
    tables: ['consumer_group_plugins'], handle: 'name',
    columns: ['name', 'config', ...COMMON], refs: { consumer_group_id: 'consumer_group' },
  },
  // Enterprise 3.10+ partials (shared Redis and AI settings plugins link to). No public Kong
  // source holds their migration; the columns are those of public pg_dumps of Enterprise 3.1x
  // databases (partials: id, created_at, updated_at, type, config json, ws_id, name, tags; the
  // plugins_partials link table is not read). The partial entity's fields: developer.konghq.com
  // app/_gateway_entities/partial.md (type, config, name, tags).
  partial: { tables: ['partials'], handle: 'name', columns: ['name', 'type', 'config', ...COMMON] },
  data_plane: {
    tables: ['clustering_data_planes'], handle: 'hostname',
    columns: ['hostname', 'ip', 'version', 'sync_status', 'last_seen', 'ttl', 'labels'],
  },
};

const PARENT_KEYS = new Set<string>(['service', 'route', 'consumer', 'consumer_group', 'upstream', 'certificate'] satisfies EntityParent[]);

export class DatabaseEntitySource implements EntitySource {
  /** Each row is parsed on its own: no two share an object. */
  readonly sharesValues = false;
  readonly kind = 'database' as const;
  /** Columns of each table read so far, with their data type (`ARRAY`, `jsonb`, ...). */
  private readonly columnCache = new Map<string, Map<string, string>>();

  constructor(
    private readonly session: ReadOnlySession,
    readonly label: string,
    private readonly workspaceNames: ReadonlyMap<string, string>,
    private readonly anchor: FileOrigin | undefined,
  ) {}

  async each(type: EntityType, visit: (entity: Entity) => void): Promise<void> {
    const found = await this.resolve(type);
    if (!found) return;
    const { table, mapping, select, columns } = found;
    const plan = rowPlan(type, table, mapping, select, this.workspaceNames, this.anchor);
    // Arrays come back as JSON, which JSON.parse reads natively; pg parses Postgres's own array
    // text in JavaScript, ~0.3 s for the 500,000 small arrays of a 100,000-route table.
    const list = select.map((c) => (columns.get(c) === 'ARRAY' ? `to_json(${quoteIdent(c)}) AS ${quoteIdent(c)}` : quoteIdent(c)));
    await this.session.stream(
      `SELECT ${list.join(', ')} FROM ${quoteIdent(table)} ORDER BY id`,
      (row) => visit(new DatabaseEntity(plan, row)),
    );
  }

  async count(type: EntityType): Promise<number> {
    const found = await this.resolve(type);
    if (!found) return 0;
    const rows = await this.session.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdent(found.table)}`);
    return rows[0].n;
  }

  /** The table serving a type in this database and the columns to select, or undefined. */
  private async resolve(type: EntityType): Promise<{ table: string; mapping: TableMapping; select: string[]; columns: Map<string, string> } | undefined> {
    const mapping = MAPPINGS[type];
    if (!mapping) return undefined; // license rows come through DatabaseInput.licenses, without payloads
    for (const table of mapping.tables) {
      const columns = await this.columnsOf(table);
      if (columns.size === 0) continue;
      const wanted = ['id', 'ws_id', ...mapping.columns, ...Object.keys(mapping.refs ?? {})];
      return { table, mapping, select: wanted.filter((c, i) => columns.has(c) && wanted.indexOf(c) === i), columns };
    }
    return undefined;
  }

  private async columnsOf(table: string): Promise<Map<string, string>> {
    const cached = this.columnCache.get(table);
    if (cached) return cached;
    const rows = await this.session.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = $1`, [table]);
    const columns = new Map(rows.map((r) => [r.column_name, r.data_type]));
    this.columnCache.set(table, columns);
    return columns;
  }
}

/**
 * What turning one row of a table into an entity takes, worked out once per table: a 100,000-row
 * table made the per-row work (which columns, which references) a visible share of a check.
 */
interface RowPlan {
  type: EntityType;
  table: string;
  /** Where `id`, `ws_id` and the handle column sit in a row (the SELECT's order). */
  idAt: number;
  wsAt?: number;
  handleAt?: number;
  /** Copies a row's set columns and references into `fields`; returns the parents it found. */
  copy: (fields: Record<string, unknown>, row: readonly unknown[]) => EntityParents | undefined;
  workspaceNames: ReadonlyMap<string, string>;
  anchor?: FileOrigin;
}

function rowPlan(type: EntityType, table: string, mapping: TableMapping, select: readonly string[], workspaceNames: ReadonlyMap<string, string>, anchor: FileOrigin | undefined): RowPlan {
  /** A column's place in the row, or undefined when it is not selected. */
  const at = (column: string | undefined): number | undefined => {
    const index = column === undefined ? -1 : select.indexOf(column);
    return index < 0 ? undefined : index;
  };
  const columns = mapping.columns.flatMap((column) => {
    const index = at(column);
    return index === undefined ? [] : [{ column, index }];
  });
  const refs = Object.entries(mapping.refs ?? {}).flatMap(([column, field]) => {
    const index = at(column);
    return index === undefined ? [] : [{ field, index, parent: PARENT_KEYS.has(field) }];
  });
  const plan: RowPlan = { type, table, idAt: select.indexOf('id'), copy: compileCopy(columns, refs), workspaceNames };
  const wsAt = at('ws_id');
  if (wsAt !== undefined) plan.wsAt = wsAt;
  const handleAt = at(mapping.handle);
  if (handleAt !== undefined) plan.handleAt = handleAt;
  if (anchor) plan.anchor = anchor;
  return plan;
}

/**
 * The copy of one table's rows into `fields`, as straight-line code made once per table: one
 * store per column, written with the column's name, so V8 keeps every row's `fields` on one
 * shape. A loop storing `fields[column]` made each store a generic lookup; on 200,000 rows that
 * was the largest cost of the database walk after pg itself. The names come from the table
 * mappings above (and are quoted as string literals), never from the database.
 */
function compileCopy(
  columns: readonly { column: string; index: number }[],
  refs: readonly { field: string; index: number; parent: boolean }[],
): RowPlan['copy'] {
  const lines = ['let v;', 'let parents;'];
  for (const { column, index } of columns) {
    lines.push(`v = row[${index}]; if (v !== null && v !== undefined) fields[${JSON.stringify(column)}] = v;`);
  }
  for (const { field, index, parent } of refs) {
    const name = JSON.stringify(field);
    lines.push(`v = row[${index}]; if (v !== null && v !== undefined) { fields[${name}] = { id: String(v) };${parent ? ` (parents ??= {})[${name}] = { id: String(v) };` : ''} }`);
  }
  lines.push('return parents;');
  return new Function('fields', 'row', lines.join('\n')) as RowPlan['copy'];
}

/** One row as an entity; its origin is made only when something asks for it (a finding). */
class DatabaseEntity implements Entity {
  readonly sourceKind = 'database' as const;
  readonly type: EntityType;
  readonly id: string;
  readonly fields: Record<string, unknown> = {};
  readonly name?: string;
  readonly parents?: EntityParents;
  readonly workspace?: string;
  private readonly table: string;
  private readonly anchor?: FileOrigin;
  private ownOrigin?: DbOrigin;

  constructor(plan: RowPlan, row: readonly unknown[]) {
    this.type = plan.type;
    this.table = plan.table;
    if (plan.anchor) this.anchor = plan.anchor;
    this.id = String(row[plan.idAt]);
    const parents = plan.copy(this.fields, row);
    if (parents) this.parents = parents;
    if (plan.handleAt !== undefined) {
      const handle = row[plan.handleAt];
      if (typeof handle === 'string') this.name = handle;
    }
    if (plan.wsAt !== undefined) {
      const ws = row[plan.wsAt];
      if (ws) {
        const wsId = String(ws);
        this.workspace = plan.workspaceNames.get(wsId) ?? wsId;
      }
    }
  }

  get origin(): DbOrigin {
    return (this.ownOrigin ??= { kind: 'db', table: this.table, id: this.id, ...(this.anchor ? { anchor: this.anchor } : {}) });
  }

  at(path?: FieldPath): DbOrigin {
    return path && path.length > 0 ? { ...this.origin, field: path.join('.') } : this.origin;
  }
}
