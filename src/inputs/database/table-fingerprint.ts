// Read-only queries behind the write-freeze guard: the shape of every table in Kong's schema, and
// a per-table fingerprint computed by the server (row count, newest timestamps, a content hash and
// the cells of a row sketch, see src/freeze/row-sketch.ts). No row travels to Node: a table of
// 100,000 routes answers with one row.

import { CELLS_PER_SUBTABLE, SUBTABLES, cellFromSums, encodeSketch } from '../../freeze/row-sketch';
import type { ReadOnlySession } from './session';
import { quoteIdent, quoteLiteral } from './sql-text';

export interface TableShape {
  table: string;
  /** Columns in table order. */
  columns: string[];
  /** Primary key columns; empty when the table has none. */
  key: string[];
  /** The key is a single uuid column: sketch keys are the uuids themselves, so removed rows can be named. */
  uuidKey: boolean;
}

/** A column left out of the content hash for some rows: a migration may rewrite it. */
export interface ColumnMask {
  column: string;
  /** Only where this column has one of these values; absent = every row. */
  where?: { column: string; in: string[] };
}

export interface FingerprintSpec {
  table: string;
  /** The columns to hash: the snapshot's, so columns added later do not change the hash. */
  columns: string[];
  key: string[];
  uuidKey: boolean;
  masks: ColumnMask[];
}

export interface TableFingerprint {
  rows: number;
  /** md5 over the row count and the sums of the row hashes (masked columns left out): order-free, no sort. */
  hash: string;
  /** The same over every column, masked ones included; only computed when there are masks. */
  fullHash?: string;
  newestCreatedAt?: string;
  newestUpdatedAt?: string;
  /** The row sketch's non-empty cells, packed (src/freeze/row-sketch.ts). */
  sketch: string;
  /** Snapshot columns the table no longer has (hashed as NULL). */
  missingColumns: string[];
}

/**
 * Pins the session's text output of values (time zone, date style, float digits) so that the
 * row text a hash is taken over is the same wherever the tool runs. set_config is allowed in a
 * read-only session.
 */
export async function pinValueFormats(session: ReadOnlySession): Promise<void> {
  await session.query(`SELECT set_config('TimeZone', 'UTC', false), set_config('DateStyle', 'ISO, YMD', false),
                              set_config('IntervalStyle', 'postgres', false), set_config('extra_float_digits', '1', false),
                              set_config('bytea_output', 'hex', false)`);
}

/** Every ordinary table of the current schema with its columns and primary key. */
export async function readTableShapes(session: ReadOnlySession): Promise<TableShape[]> {
  const rows = await session.query<{ table: string; column: string; type: string; pk_position: number | null }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            array_position(i.indkey::int2[], a.attnum) AS pk_position
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
      WHERE c.relkind IN ('r', 'p')
   ORDER BY c.relname, a.attnum`);
  const shapes = new Map<string, TableShape & { keyed: { column: string; position: number; type: string }[] }>();
  for (const row of rows) {
    const shape = shapes.get(row.table) ?? { table: row.table, columns: [], key: [], uuidKey: false, keyed: [] };
    shape.columns.push(row.column);
    if (row.pk_position !== null) shape.keyed.push({ column: row.column, position: row.pk_position, type: row.type });
    shapes.set(row.table, shape);
  }
  return [...shapes.values()].map(({ keyed, ...shape }) => {
    keyed.sort((a, b) => a.position - b.position);
    return { ...shape, key: keyed.map((k) => k.column), uuidKey: keyed.length === 1 && keyed[0].type === 'uuid' };
  });
}


/** The 32-hex-digit key of a row: the uuid without dashes, else an md5 of the key (or the whole row). */
function keyExpression(spec: { key: string[]; uuidKey: boolean; columns: string[] }, present: Set<string>): string {
  if (spec.uuidKey) return `replace(${quoteIdent(spec.key[0])}::text, '-', '')`;
  const cols = (spec.key.length > 0 ? spec.key : spec.columns).map((c) => (present.has(c) ? quoteIdent(c) : 'NULL'));
  return `md5(ROW(${cols.join(', ')}, NULL)::text)`;
}

/** The row text hashed: snapshot columns in order, masked ones replaced by NULL where the mask applies. */
function rowExpression(columns: string[], present: Set<string>, masks: ColumnMask[]): string {
  const parts = columns.map((column) => {
    if (!present.has(column)) return 'NULL';
    const own = masks.filter((m) => m.column === column);
    if (own.length === 0) return quoteIdent(column);
    if (own.some((m) => !m.where)) return 'NULL';
    const conditions = own.map((m) => `${quoteIdent(m.where!.column)}::text IN (${m.where!.in.map(quoteLiteral).join(', ')})`);
    return `CASE WHEN ${conditions.join(' OR ')} THEN NULL ELSE ${quoteIdent(column)} END`;
  });
  // A trailing NULL keeps a one-column row text a row, never a bare value.
  return `md5(ROW(${parts.join(', ')}, NULL)::text)`;
}

/**
 * Fingerprints one table in a single statement and a single scan: the inner query hashes each
 * row once (OFFSET 0 keeps the planner from computing the hash again for every use), and hashed
 * grouping sets add each row to its three sketch cells and to the table totals in one pass.
 * `presentColumns` is the table's current column list.
 */
export async function fingerprintTable(session: ReadOnlySession, spec: FingerprintSpec, presentColumns: readonly string[]): Promise<TableFingerprint> {
  const present = new Set(presentColumns);
  const masks = spec.masks.filter((m) => present.has(m.column) && (!m.where || present.has(m.where.column)));
  const withFull = masks.length > 0;
  const stamps = ['created_at', 'updated_at'].filter((c) => present.has(c));
  // Hex digits of an md5 as an integer: unsigned below 64 bits, two's complement at 64 (as in JS).
  const slice = (text: string, from: number, bits: 8 | 32 | 60 | 64) => `('x' || substr(${text}, ${from}, ${bits / 4}))::bit(${bits})::bigint`;
  const cell = (j: number) => `${j * CELLS_PER_SUBTABLE} + (${slice('eh', 9 + j * 2, 8)} % ${CELLS_PER_SUBTABLE})`;
  const sql = `
    WITH a AS (
      SELECT ${Array.from({ length: SUBTABLES }, (_, j) => `c${j}`).join(', ')},
             count(*) AS n, sum(hi) AS hi, sum(lo) AS lo, sum(v) AS v, sum(chk) AS chk, sum(hb) AS hb,
             ${withFull ? 'sum(fa)::text || \':\' || sum(fb)::text' : 'NULL::text'} AS f,
             ${stamps.includes('created_at') ? 'max(created_at)' : 'NULL::timestamptz'} AS newest_created,
             ${stamps.includes('updated_at') ? 'max(updated_at)' : 'NULL::timestamptz'} AS newest_updated
        FROM (
          SELECT hi, lo, v, hb, ${slice('eh', 1, 32)} AS chk,
                 ${Array.from({ length: SUBTABLES }, (_, j) => `${cell(j)} AS c${j}`).join(', ')}
                 ${withFull ? `, ${slice('f', 1, 60)} AS fa, ${slice('f', 16, 60)} AS fb` : ''}
                 ${stamps.map((s) => `, ${s}`).join('')}
            FROM (
              SELECT ${slice('k', 1, 64)} AS hi,
                     ${slice('k', 17, 64)} AS lo,
                     ${slice('h', 1, 32)} AS v, ${slice('h', 9, 60)} AS hb,
                     md5(k || substr(h, 1, 8)) AS eh
                     ${withFull ? ', f' : ''}
                     ${stamps.map((s) => `, ${s}`).join('')}
                FROM (
                  SELECT ${keyExpression(spec, present)} AS k,
                         ${rowExpression(spec.columns, present, masks)} AS h
                         ${withFull ? `, ${rowExpression(spec.columns, present, [])} AS f` : ''}
                         ${stamps.map((s) => `, ${quoteIdent(s)} AS ${s}`).join('')}
                    FROM ${quoteIdent(spec.table)} OFFSET 0
                ) r OFFSET 0
            ) e OFFSET 0
        ) p
       GROUP BY GROUPING SETS (${Array.from({ length: SUBTABLES }, (_, j) => `(c${j})`).join(', ')}, ())
    ), cells AS (
      SELECT coalesce(${Array.from({ length: SUBTABLES }, (_, j) => `c${j}`).join(', ')}) AS cell, n, hi, lo, v, chk FROM a
       WHERE ${Array.from({ length: SUBTABLES }, (_, j) => `c${j} IS NOT NULL`).join(' OR ')}
    ), total AS (
      SELECT n, hb, f, newest_created, newest_updated FROM a
       WHERE ${Array.from({ length: SUBTABLES }, (_, j) => `c${j} IS NULL`).join(' AND ')}
    )
    SELECT t.n::text AS rows,
           md5(t.n::text || ':' || coalesce(t.hb::text, '') || ':' ||
               coalesce((SELECT string_agg(concat_ws(':', cell, n, hi, lo, v, chk), ',' ORDER BY cell) FROM cells), '')) AS hash,
           CASE WHEN t.f IS NULL THEN NULL ELSE md5(t.n::text || ':' || t.f) END AS full_hash,
           t.newest_created, t.newest_updated,
           (SELECT json_agg(json_build_array(cell, n::text, hi::text, lo::text, v::text, chk::text) ORDER BY cell) FROM cells) AS cells
      FROM total t`;
  const [row] = await session.query<{
    rows: string; hash: string; full_hash: string | null; newest_created: Date | null; newest_updated: Date | null;
    cells: [number, string, string, string, string, string][] | null;
  }>(sql);
  return {
    rows: Number(row.rows),
    hash: row.hash,
    ...(withFull && row.full_hash ? { fullHash: row.full_hash } : {}),
    ...(row.newest_created ? { newestCreatedAt: row.newest_created.toISOString() } : {}),
    ...(row.newest_updated ? { newestUpdatedAt: row.newest_updated.toISOString() } : {}),
    sketch: encodeSketch((row.cells ?? []).map(([i, n, hi, lo, v, chk]) => cellFromSums(i, n, hi, lo, v, chk))),
    missingColumns: spec.columns.filter((c) => !present.has(c)),
  };
}

export interface NamedRow {
  key: string;
  /** The primary key as text: the uuid, or the key columns' row text. */
  id: string;
  label?: string;
}

/** Finds current rows by sketch key, with the primary key as text and a label column when asked. */
export async function rowsByKey(session: ReadOnlySession, shape: TableShape, keys: readonly string[], label?: string): Promise<NamedRow[]> {
  if (keys.length === 0) return [];
  const present = new Set(shape.columns);
  const keyExpr = keyExpression(shape, present);
  const idExpr = shape.uuidKey ? `${quoteIdent(shape.key[0])}::text` : `ROW(${(shape.key.length > 0 ? shape.key : shape.columns).map(quoteIdent).join(', ')})::text`;
  const labelExpr = label && present.has(label) ? `${quoteIdent(label)}::text` : 'NULL::text';
  const where = shape.uuidKey
    ? `${quoteIdent(shape.key[0])} = ANY($1::uuid[])`
    : `${keyExpr} = ANY($1::text[])`;
  const params = shape.uuidKey ? keys.map((k) => `${k.slice(0, 8)}-${k.slice(8, 12)}-${k.slice(12, 16)}-${k.slice(16, 20)}-${k.slice(20)}`) : keys;
  const rows = await session.query<{ k: string; id: string; label: string | null }>(
    `SELECT ${keyExpr} AS k, ${idExpr} AS id, ${labelExpr} AS label FROM ${quoteIdent(shape.table)} WHERE ${where}`, [params]);
  return rows.map((r) => ({ key: r.k, id: r.id, ...(r.label ? { label: r.label } : {}) }));
}

/** The database clock and Kong's cluster id (parameters, 2.3+), which identify the database across hosts. */
export async function readIdentity(session: ReadOnlySession): Promise<{ now: Date; clusterId?: string }> {
  const [clock] = await session.query<{ now: Date }>('SELECT now() AS now');
  const [{ present }] = await session.query<{ present: boolean }>(`SELECT to_regclass('parameters') IS NOT NULL AS present`);
  if (!present) return { now: clock.now };
  const [row] = await session.query<{ value: string }>(`SELECT value FROM parameters WHERE key = 'cluster_id'`);
  return { now: clock.now, ...(row ? { clusterId: row.value } : {}) };
}
