// The upgrade-path tables as data: source ranges, row lookup at the edges, and the shape the
// planner relies on (three topologies per source, sources on every table).

import { findRow, laterTable, ltsPair, rowRange, seedTable, seedTables } from '../../src/knowledge/upgrade-paths';
import { KongVersion } from '../../src/version/kong-version';

const v = (t: string) => KongVersion.parse(t);

describe('rowRange', () => {
  test.each([
    ['2.x-2.7.x', '2.0.0.0', '2.8.0.0'],
    ['2.8.x', '2.8.0.0', '2.9.0.0'],
    ['3.1.0.x-3.1.1.2', '3.1.0.0', '3.1.1.3'],
    ['3.1.1.3', '3.1.1.3', '3.2.0.0'], // that patch and the later ones of 3.1
  ])('%s covers [%s, %s)', (current, min, below) => {
    const range = rowRange(current);
    expect(range.min.compare(v(min))).toBe(0);
    expect(range.below.compare(v(below))).toBe(0);
  });
});

describe('findRow', () => {
  const t32 = seedTable('3.2')!;

  test.each([
    ['3.1.0.0', 'hybrid', '3.1.0.x-3.1.1.2'],
    ['3.1.1.2', 'hybrid', '3.1.0.x-3.1.1.2'],
    ['3.1.1.3', 'hybrid', '3.1.1.3'],
    ['3.1.1.6', 'hybrid', '3.1.1.3'],
    ['3.1.0.0', 'traditional', '3.1.x'],
    ['2.1.0', 'dbless', '2.x-2.7.x'],
    ['2.7.2', 'traditional', '2.x-2.7.x'],
    ['2.8.0.0', 'traditional', '2.8.x'],
  ] as const)('%s %s -> row %s', (from, topology, current) => {
    expect(findRow(t32, v(from), topology)?.current).toBe(current);
  });

  test('no row for sources the table does not list', () => {
    expect(findRow(t32, v('3.2.1.0'), 'traditional')).toBeUndefined();
    expect(findRow(seedTable('3.5')!, v('2.8.0.0'), 'traditional')).toBeUndefined();
    expect(findRow(seedTable('3.5')!, v('2.8.0.0'), 'hybrid')).toBeDefined();
  });
});

describe('tables', () => {
  test('seed tables: targets 3.1 to 3.6, sources named, every row ends on its target minor', () => {
    expect(seedTables().map((t) => t.target)).toEqual(['3.1', '3.2', '3.3', '3.4', '3.5', '3.6']);
    for (const table of seedTables()) {
      expect(table.sources.length).toBeGreaterThan(0);
      for (const row of table.rows) {
        const last = row.path[row.path.length - 1].to.replace(/\+$/, '');
        expect(v(last).minorKey).toBe(table.target);
      }
    }
  });

  test('later tables reach 3.8, and the 3.6 one is the self-consistent revision', () => {
    expect(laterTable('3.8')).toBeDefined();
    expect(laterTable('3.9')).toBeUndefined();
    for (const row of laterTable('3.6')!.rows) {
      expect(v(row.path[row.path.length - 1].to).minorKey).toBe('3.6');
    }
    // The later 3.5 table gained the 2.8.x traditional row the seed lacks.
    expect(findRow(laterTable('3.5')!, v('2.8.4.14'), 'traditional')).toBeDefined();
  });

  test('LTS guides exist for the adjacent LTS pairs only, without blue-green', () => {
    expect(ltsPair('2.8', '3.4')?.guideUrl).toMatch(/lts-upgrade-28-34/);
    expect(ltsPair('3.4', '3.10')).toBeDefined();
    expect(ltsPair('3.10', '3.14')).toBeDefined();
    expect(ltsPair('2.8', '3.10')).toBeUndefined();
    expect(ltsPair('3.4', '3.10')!.strategies).not.toContain('blue-green');
  });
});
