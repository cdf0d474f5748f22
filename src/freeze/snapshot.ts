// Takes the freeze snapshot: a compact fingerprint of every configuration table of a Kong
// database, taken before the upgrade starts. The server computes each table's hash and row
// sketch; the snapshot holds no row and no secret, only hashes, counts, timestamps, the
// migration ledger and the database identity (host, database, cluster id; never the password).

import type { ConnectionSettings } from '../inputs/database/connection';
import { readLedger, readServer } from '../inputs/database/inspect';
import { inferInstalledVersion } from '../inputs/database/installed-version';
import type { ReadOnlySession } from '../inputs/database/session';
import {
  fingerprintTable, pinValueFormats, readIdentity, readTableShapes, type ColumnMask, type TableShape,
} from '../inputs/database/table-fingerprint';
import type { LedgerRow } from '../inputs/database/types';
import { classifyTable, migrationChangesFor } from '../knowledge/database/freeze';
import { TOOL_NAME, TOOL_VERSION } from '../tool-info';

export const SNAPSHOT_KIND = 'kong-preflight/freeze-snapshot';
export const SNAPSHOT_FORMAT = 1;

/** A column the hash leaves out for some rows, and the migration that may rewrite it. */
export interface SnapshotMask extends ColumnMask {
  /** `core/016_280_to_300`. */
  migration: string;
}

export interface SnapshotTable {
  table: string;
  kind: 'configuration' | 'unclassified';
  /** The columns hashed, in table order: columns added later never change the hash. */
  columns: string[];
  key: string[];
  uuidKey: boolean;
  masks: SnapshotMask[];
  rows: number;
  newestCreatedAt?: string;
  newestUpdatedAt?: string;
  hash: string;
  fullHash?: string;
  /** The row sketch (src/freeze/row-sketch.ts), base64. */
  sketch: string;
}

export interface Snapshot {
  kind: typeof SNAPSHOT_KIND;
  formatVersion: typeof SNAPSHOT_FORMAT;
  tool: { name: string; version: string };
  /** The database clock when the snapshot was taken (ISO 8601, UTC). */
  takenAt: string;
  database: {
    label: string;
    host: string;
    port: number;
    database: string;
    schema?: string;
    serverVersion: string;
    /** Kong's cluster_id (parameters table, 2.3+): the same in a copy restored from a dump. */
    clusterId?: string;
  };
  /** The installed version the ledger shows (`2.8.x`). */
  installed: string;
  schemaMeta: { subsystem: string; executed: string[]; pending: string[] }[];
  tables: SnapshotTable[];
  /** Runtime tables left out (the reasons live in src/knowledge/database/freeze-tables.json). */
  skipped: string[];
}

export async function takeSnapshot(session: ReadOnlySession, settings: ConnectionSettings): Promise<Snapshot> {
  await pinValueFormats(session);
  const server = await readServer(session);
  const ledger = await readLedger(session, settings);
  const identity = await readIdentity(session);
  const shapes = await readTableShapes(session);
  const recorded = recordedMigrations(ledger, 'executed');
  const tables: SnapshotTable[] = [];
  const skipped: Snapshot['skipped'] = [];
  for (const shape of shapes) {
    const kind = classifyTable(shape.table);
    if (kind === 'runtime') {
      skipped.push(shape.table);
      continue;
    }
    const masks = masksFor(shape, recorded);
    const print = await fingerprintTable(session, { ...shape, masks }, shape.columns);
    tables.push({
      table: shape.table, kind, columns: shape.columns, key: shape.key, uuidKey: shape.uuidKey, masks,
      rows: print.rows,
      ...(print.newestCreatedAt ? { newestCreatedAt: print.newestCreatedAt } : {}),
      ...(print.newestUpdatedAt ? { newestUpdatedAt: print.newestUpdatedAt } : {}),
      hash: print.hash,
      ...(print.fullHash ? { fullHash: print.fullHash } : {}),
      sketch: print.sketch,
    });
  }
  const s = settings;
  return {
    kind: SNAPSHOT_KIND,
    formatVersion: SNAPSHOT_FORMAT,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    takenAt: identity.now.toISOString(),
    database: {
      label: s.label, host: s.host, port: s.port, database: s.database,
      ...(s.schema ? { schema: s.schema } : {}),
      serverVersion: server.version,
      ...(identity.clusterId ? { clusterId: identity.clusterId } : {}),
    },
    installed: inferInstalledVersion(ledger).label,
    schemaMeta: ledger.map((r) => ({ subsystem: r.subsystem, executed: r.executed, pending: r.pending })),
    tables,
    skipped,
  };
}

/** `subsystem/name` of every migration the ledger records (executed only, or executed and pending). */
export function recordedMigrations(ledger: readonly Pick<LedgerRow, 'subsystem' | 'executed' | 'pending'>[], which: 'executed' | 'any'): Set<string> {
  const names = new Set<string>();
  for (const row of ledger) {
    for (const name of row.executed) names.add(`${row.subsystem}/${name}`);
    if (which === 'any') for (const name of row.pending) names.add(`${row.subsystem}/${name}`);
  }
  return names;
}

/**
 * Columns that a migration not yet fully run (absent from `executed`: new, or pending its
 * teardown) may rewrite: the content hash leaves them out, and a second hash keeps them, so
 * verify can tell a migration's rewrite from a person's edit.
 */
function masksFor(shape: TableShape, executed: ReadonlySet<string>): SnapshotMask[] {
  const masks: SnapshotMask[] = [];
  for (const change of migrationChangesFor(shape.table)) {
    if (change.kind !== 'columns' || executed.has(`${change.subsystem}/${change.migration}`)) continue;
    for (const column of change.columns ?? []) {
      if (!shape.columns.includes(column)) continue;
      masks.push({
        column,
        migration: `${change.subsystem}/${change.migration}`,
        ...(change.where ? { where: { column: change.where.column, in: [change.where.equals] } } : {}),
      });
    }
  }
  return masks;
}
