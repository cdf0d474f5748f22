// Compares a Kong database with its freeze snapshot: fingerprints every table the snapshot holds
// again, over the snapshot's own columns (so columns a migration added do not count), and names
// the rows that differ through the row sketch. What the migrations run since the snapshot change
// by themselves (rewritten columns, dropped tables, removed duplicates) is set apart as explained.

import { InputError } from '../errors';
import type { ConnectionSettings } from '../inputs/database/connection';
import { readLedger } from '../inputs/database/inspect';
import { inferInstalledVersion, type InstalledVersionRange } from '../inputs/database/installed-version';
import type { ReadOnlySession } from '../inputs/database/session';
import {
  fingerprintTable, pinValueFormats, readIdentity, readTableShapes, rowsByKey, type TableShape,
} from '../inputs/database/table-fingerprint';
import type { LedgerRow } from '../inputs/database/types';
import { classifyTable, configurationTable, migrationChangesFor } from '../knowledge/database/freeze';
import { decodeSketch, diffSketches, keyAsUuid } from './row-sketch';
import { recordedMigrations, type Snapshot, type SnapshotTable } from './snapshot';

export interface ChangedRow {
  /** The uuid, the key's row text, or `key md5 <hex>` when a removed row's key cannot be shown. */
  id: string;
  label?: string;
}

export interface TableChange {
  table: string;
  kind: SnapshotTable['kind'];
  /** `changed`: content differs; `dropped`: the table is gone; `explained`: only migrations changed it. */
  status: 'changed' | 'dropped' | 'explained';
  added: ChangedRow[];
  removed: ChangedRow[];
  changed: ChangedRow[];
  /** Rows that differ but could not be named (too many differences, or masked columns only). */
  unnamed: boolean;
  rowsBefore: number;
  rowsAfter?: number;
  newestBefore?: string;
  newestAfter?: string;
  /** Migrations run since the snapshot that account for (part of) the difference. */
  explainedBy: string[];
  note?: string;
}

export interface VerifyResult {
  snapshot: Snapshot;
  current: { label: string; clusterId?: string; takenAt: string; installed: InstalledVersionRange; ledger: LedgerRow[] };
  before: InstalledVersionRange;
  /** True when the cluster id could not confirm the database is the snapshot's. */
  identityUnconfirmed: boolean;
  /** `subsystem/name` of migrations recorded now but not executed at snapshot time. */
  migrationsRun: string[];
  /** Tables with unexplained differences. */
  changes: TableChange[];
  /** Tables whose differences the migrations account for. */
  explained: TableChange[];
  /** Tables created since the snapshot (by migrations, or by a plugin installed meanwhile). */
  newTables: string[];
}

const SHOWN_ROWS_MAX = 1000;

export async function verifySnapshot(
  session: ReadOnlySession, settings: ConnectionSettings, snapshot: Snapshot, snapshotFile: string,
): Promise<VerifyResult> {
  await pinValueFormats(session);
  const ledger = await readLedger(session, settings);
  const identity = await readIdentity(session);
  const before = snapshot.database;
  if (before.clusterId && identity.clusterId && before.clusterId !== identity.clusterId) {
    throw new InputError(`the snapshot was taken from another Kong database (${before.label}, cluster_id ${before.clusterId}); ${settings.label} has cluster_id ${identity.clusterId}`, { file: snapshotFile });
  }
  const identityUnconfirmed = !(before.clusterId && identity.clusterId) && before.label !== settings.label;
  const executedThen = recordedMigrations(snapshot.schemaMeta, 'executed');
  const migrationsRun = [...recordedMigrations(ledger, 'any')].filter((m) => !executedThen.has(m)).sort();
  const ran = new Set(migrationsRun);
  const shapes = new Map((await readTableShapes(session)).map((s) => [s.table, s]));

  const changes: TableChange[] = [];
  const explained: TableChange[] = [];
  for (const table of snapshot.tables) {
    const change = await compareTable(session, table, shapes.get(table.table), ran, snapshotFile);
    if (!change) continue;
    (change.status === 'explained' ? explained : changes).push(change);
  }
  const known = new Set([...snapshot.tables.map((t) => t.table), ...snapshot.skipped]);
  const newTables = [...shapes.keys()].filter((t) => !known.has(t) && classifyTable(t) !== 'runtime').sort();
  return {
    snapshot,
    current: { label: settings.label, ...(identity.clusterId ? { clusterId: identity.clusterId } : {}), takenAt: identity.now.toISOString(), installed: inferInstalledVersion(ledger), ledger },
    before: installedAtSnapshot(snapshot, snapshotFile),
    identityUnconfirmed,
    migrationsRun,
    changes,
    explained,
    newTables,
  };
}

/** One table: undefined when it is unchanged. */
async function compareTable(
  session: ReadOnlySession, table: SnapshotTable, shape: TableShape | undefined, ran: ReadonlySet<string>, file: string,
): Promise<TableChange | undefined> {
  const base: TableChange = {
    table: table.table, kind: table.kind, status: 'changed', added: [], removed: [], changed: [], unnamed: false,
    rowsBefore: table.rows, ...(newest(table) ? { newestBefore: newest(table) } : {}), explainedBy: [],
  };
  const knowledge = migrationChangesFor(table.table).filter((c) => ran.has(`${c.subsystem}/${c.migration}`));
  if (!shape) {
    const drop = knowledge.find((c) => c.kind === 'drops-table');
    if (drop) return { ...base, status: 'explained', explainedBy: [`${drop.subsystem}/${drop.migration}`], note: drop.what };
    return { ...base, status: 'dropped' };
  }
  const print = await fingerprintTable(session, table, shape.columns);
  const result: TableChange = {
    ...base, rowsAfter: print.rows,
    ...(newest(print) ? { newestAfter: newest(print) } : {}),
  };
  if (print.missingColumns.length > 0) result.note = `columns dropped since the snapshot: ${print.missingColumns.join(', ')}`;
  if (print.hash === table.hash) {
    if (!table.fullHash || print.fullHash === table.fullHash) return undefined;
    // Only columns a migration may rewrite differ: explained when those migrations ran.
    const pending = [...new Set(table.masks.map((m) => m.migration))];
    const unexplained = pending.filter((m) => !ran.has(m));
    const masked = [...new Set(table.masks.map((m) => m.column))].join(', ');
    if (unexplained.length === 0) return { ...result, status: 'explained', explainedBy: pending, note: `rewrites of ${masked}` };
    return { ...result, unnamed: true, note: `changed in ${masked}, which ${unexplained.join(', ')} would rewrite, but that migration has not run` };
  }
  const diff = diffSketches(snapshotSketch(table, file), decodeSketch(print.sketch));
  const afterKeys = new Map(diff.after.map((e) => [e.key, e]));
  const beforeKeys = new Set(diff.before.map((e) => e.key));
  const pairedKeys = diff.before.filter((e) => afterKeys.has(e.key)).map((e) => e.key);
  const addedKeys = diff.after.filter((e) => !beforeKeys.has(e.key)).map((e) => e.key);
  const goneKeys = diff.before.filter((e) => !afterKeys.has(e.key)).map((e) => e.key);
  const label = configurationTable(table.table)?.label;
  // A partial peel can free a changed row's old version and not its new one: the row is then
  // still in the table, so it changed rather than went. (Its new version alone, freed without
  // the old, cannot be told from an added row.)
  const asked = [...pairedKeys, ...addedKeys, ...(diff.complete ? [] : goneKeys)].slice(0, SHOWN_ROWS_MAX);
  const named = new Map((await rowsByKey(session, shape, asked, label)).map((r) => [r.key, r]));
  const changedKeys = [...pairedKeys, ...goneKeys.filter((key) => named.has(key))];
  const removedKeys = goneKeys.filter((key) => !named.has(key));
  const row = (key: string): ChangedRow => {
    const found = named.get(key);
    if (found) return { id: found.id, ...(found.label ? { label: found.label } : {}) };
    return { id: table.uuidKey ? keyAsUuid(key) : `key md5 ${key}` };
  };
  result.changed = changedKeys.map(row);
  result.added = addedKeys.map(row);
  result.removed = removedKeys.map(row);
  result.unnamed = !diff.complete;
  const removal = knowledge.find((c) => c.kind === 'removes-rows');
  if (removal && result.removed.length > 0 && diff.complete && result.added.length === 0 && result.changed.length === 0) {
    return { ...result, status: 'explained', explainedBy: [`${removal.subsystem}/${removal.migration}`], note: removal.what };
  }
  return result;
}

function newest(t: { newestCreatedAt?: string; newestUpdatedAt?: string }): string | undefined {
  const stamps = [t.newestCreatedAt, t.newestUpdatedAt].filter((s): s is string => Boolean(s)).sort();
  return stamps[stamps.length - 1];
}

/** The version the snapshot's ledger shows; a hand-edited ledger without core migrations is an input error. */
function installedAtSnapshot(snapshot: Snapshot, file: string): InstalledVersionRange {
  try {
    return inferInstalledVersion(snapshot.schemaMeta);
  } catch {
    throw new InputError('malformed freeze snapshot: schemaMeta records no known core migration', { file });
  }
}

function snapshotSketch(table: SnapshotTable, file: string): ReturnType<typeof decodeSketch> {
  try {
    return decodeSketch(table.sketch);
  } catch (error) {
    throw new InputError(`malformed freeze snapshot: table ${table.table}: ${(error as Error).message}`, { file });
  }
}
