// The freeze guard's table knowledge: every entry sourced, no table both configuration and
// runtime, and every migration it credits with a rewrite is a migration Kong ships.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import data from '../../src/knowledge/database/freeze-tables.json';
import { classifyTable, migrationChanges } from '../../src/knowledge/database/freeze';
import { coreFirstRelease, pluginFirstRelease } from '../../src/knowledge/database/migrations';

describe('freeze-tables.json', () => {
  const entries = [...data.configuration, ...data.runtime, ...data.runtimePrefixes, ...data.migrationChanges];

  it('gives every entry a source', () => {
    for (const entry of entries) expect(entry.sources.length).toBeGreaterThan(0);
  });

  it('never lists a table as both configuration and runtime', () => {
    const runtime = new Set(data.runtime.map((t) => t.table));
    expect(data.configuration.filter((t) => runtime.has(t.table))).toEqual([]);
    expect(classifyTable('routes')).toBe('configuration');
    expect(classifyTable('cluster_events')).toBe('runtime');
    expect(classifyTable('vitals_stats_seconds')).toBe('runtime');
    expect(classifyTable('my_plugin_things')).toBe('unclassified');
  });

  it.each(migrationChanges.map((c) => [`${c.subsystem}/${c.migration}`, c]))('%s is a migration Kong ships', (_, change) => {
    const release = change.subsystem === 'core' ? coreFirstRelease(change.migration) : pluginFirstRelease(change.subsystem, change.migration);
    expect(release).toBeDefined();
  });

  it('labels rows only by columns that hold no secret', () => {
    const labels = new Set(data.configuration.map((t) => (t as { label?: string }).label).filter(Boolean));
    for (const secret of ['key', 'secret', 'password', 'cert', 'payload', 'config']) expect(labels.has(secret)).toBe(false);
  });

  it('is documented table by table in docs/write-freeze.md', () => {
    const doc = readFileSync(join(__dirname, '../../docs/write-freeze.md'), 'utf8');
    for (const t of [...data.configuration, ...data.runtime]) expect(doc).toContain(`| \`${t.table}\` |`);
    for (const c of data.migrationChanges) expect(doc).toContain(`\`${c.subsystem}/${c.migration}\``);
  });
});
