// Accessors over freeze-tables.json: which tables hold configuration, which hold runtime state,
// and what the migrations of an upgrade change by themselves.

import data from './freeze-tables.json';
import type { FactSource } from '../../model/source';

export type TableKind = 'configuration' | 'runtime' | 'unclassified';

export interface ConfigurationTable {
  table: string;
  group: string;
  /** A column that names a row for people (`name`, `username`); never a secret. */
  label?: string;
  sources: FactSource[];
}

/** A change a migration makes to existing data, so the freeze guard can tell it from a person's. */
export interface MigrationChange {
  subsystem: string;
  migration: string;
  table: string;
  /** `columns`: rewrites these columns; `removes-rows`: deletes rows; `drops-table`: removes the table. */
  kind: 'columns' | 'removes-rows' | 'drops-table';
  columns?: string[];
  /** Only rows where this column equals this value (the plugin a plugin migration fixes up). */
  where?: { column: string; equals: string };
  what: string;
  sources: FactSource[];
}

const configuration = data.configuration as ConfigurationTable[];
const runtime = data.runtime as { table: string; why: string; sources: FactSource[] }[];
const runtimePrefixes = data.runtimePrefixes as { prefix: string; why: string; sources: FactSource[] }[];

export const migrationChanges = data.migrationChanges as MigrationChange[];
export const freezeTableSources = data.sources as FactSource[];

const byName = new Map(configuration.map((t) => [t.table, t]));

/** How the freeze guard treats a table of the Kong schema. */
export function classifyTable(table: string): TableKind {
  if (byName.has(table)) return 'configuration';
  if (runtime.some((t) => t.table === table) || runtimePrefixes.some((p) => table.startsWith(p.prefix))) return 'runtime';
  return 'unclassified';
}

export function configurationTable(table: string): ConfigurationTable | undefined {
  return byName.get(table);
}

export function configurationTables(): readonly ConfigurationTable[] {
  return configuration;
}

/** Migration changes that touch a table. */
export function migrationChangesFor(table: string): MigrationChange[] {
  return migrationChanges.filter((c) => c.table === table);
}
