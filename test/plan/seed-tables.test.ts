// Every row of every seed table (targets 3.1 to 3.6), transcribed by hand from
// shared/seed/upgrade-guide.md, against the planner. Each row is tried from the lowest and the
// highest release its source range covers. Notation: `2.8.2.x?bg` is a hop needed only for
// blue-green upgrades; the final hop is the requested target (`3.4.x`).
//
// A row whose walk passes from one LTS minor to the next (2.8 -> 3.4 in the 3.4 table) is led by
// the LTS guide's direct jump (`lts:`); the seed's walk must then be offered as an alternative.

import { computePlan } from '../../src/plan/compute-plan';
import { seedTables } from '../../src/knowledge/upgrade-paths';
import type { Hop, Plan, Topology } from '../../src/plan/types';
import { KongVersion } from '../../src/version/kong-version';

/** Source versions tried for each source range the seed tables use (lowest and highest known). */
const SAMPLES: Record<string, string[]> = {
  '2.x-2.7.x': ['2.1', '2.7.2'],
  '2.8.x': ['2.8', '2.8.4.14'],
  '3.0.x': ['3.0', '3.0.1.0'],
  '3.1.x': ['3.1', '3.1.1.6'],
  '3.1.0.x-3.1.1.2': ['3.1.0.0', '3.1.1.1', '3.1.1.2'],
  '3.1.1.3': ['3.1.1.3', '3.1.1.6'],
  '3.2.x': ['3.2', '3.2.2.5'],
  '3.3.x': ['3.3', '3.3.1.1'],
  '3.4.x': ['3.4', '3.4.3.29'],
  '3.5.x': ['3.5', '3.5.0.7'],
};

interface SeedRow { target: string; current: string; topology: Topology; seed: string; lts?: string }

const T = 'traditional', H = 'hybrid', D = 'dbless';
const rows = (target: string, list: [string, Topology, string, string?][]): SeedRow[] =>
  list.map(([current, topology, seed, lts]) => ({ target, current, topology, seed, ...(lts ? { lts } : {}) }));

const SEED_ROWS: SeedRow[] = [
  ...rows('3.1', [
    ['2.x-2.7.x', T, '2.8.2.x?bg 3.0.x 3.1.x'],
    ['2.x-2.7.x', H, '2.8.2.x 3.0.x 3.1.x'],
    ['2.x-2.7.x', D, '3.0.x 3.1.x'],
    ['2.8.x', T, '3.0.x 3.1.x'],
    ['2.8.x', H, '3.0.x 3.1.x'], // the table names 3.1.1.3 as the final version: checked below
    ['2.8.x', D, '3.0.x 3.1.x'],
    ['3.0.x', T, '3.1.x'],
    ['3.0.x', H, '3.1.x'],
    ['3.0.x', D, '3.1.x'],
  ]),
  ...rows('3.2', [
    ['2.x-2.7.x', T, '2.8.2.x?bg 3.0.x 3.1.x 3.2.x'],
    ['2.x-2.7.x', H, '2.8.2.x 3.0.x 3.1.x 3.2.x'],
    ['2.x-2.7.x', D, '3.0.x 3.1.x 3.2.x'],
    ['2.8.x', T, '3.1.1.3 3.2.x'],
    ['2.8.x', H, '3.1.1.3 3.2.x'],
    ['2.8.x', D, '3.1.1.3 3.2.x'],
    ['3.0.x', T, '3.1.x 3.2.x'],
    ['3.0.x', H, '3.1.x 3.2.x'],
    ['3.0.x', D, '3.1.x 3.2.x'],
    ['3.1.x', T, '3.2.x'],
    ['3.1.0.x-3.1.1.2', H, '3.1.1.3 3.2.x'],
    ['3.1.1.3', H, '3.2.x'],
    ['3.1.x', D, '3.2.x'],
  ]),
  ...rows('3.3', [
    ['2.x-2.7.x', T, '2.8.2.x?bg 3.0.x 3.1.x 3.2.x 3.3.x'],
    ['2.x-2.7.x', H, '2.8.2.x 3.0.x 3.1.x 3.2.x 3.3.x'],
    ['2.x-2.7.x', D, '3.0.x 3.1.x 3.2.x 3.3.x'],
    ['2.8.x', T, '3.1.1.3 3.2.x 3.3.x'],
    ['2.8.x', H, '3.1.1.3 3.2.x 3.3.x'],
    ['2.8.x', D, '3.1.1.3 3.2.x 3.3.x'],
    ['3.0.x', T, '3.1.x 3.2.x 3.3.x'],
    ['3.0.x', H, '3.1.x 3.2.x 3.3.x'],
    ['3.0.x', D, '3.1.x 3.2.x 3.3.x'],
    ['3.1.x', T, '3.2.x 3.3.x'],
    ['3.1.0.x-3.1.1.2', H, '3.1.1.3 3.2.x 3.3.x'],
    ['3.1.1.3', H, '3.2.x 3.3.x'],
    ['3.1.x', D, '3.2.x 3.3.x'],
    ['3.2.x', T, '3.3.x'],
    ['3.2.x', H, '3.3.x'],
    ['3.2.x', D, '3.3.x'],
  ]),
  ...rows('3.4', [
    ['2.x-2.7.x', T, '2.8.2.x?bg 3.0.x 3.1.x 3.2.x 3.3.x 3.4.x', '2.8.2.x 3.4.x'],
    ['2.x-2.7.x', H, '2.8.2.x 3.0.x 3.1.x 3.2.x 3.3.x 3.4.x', '2.8.2.x 3.4.x'],
    ['2.x-2.7.x', D, '3.0.x 3.1.x 3.2.x 3.3.x 3.4.x'],
    ['2.8.x', T, '3.1.1.3 3.2.x 3.3.x 3.4.x', '3.4.x'],
    ['2.8.x', H, '3.1.1.3 3.2.x 3.3.x 3.4.x', '3.4.x'],
    ['2.8.x', D, '3.1.1.3 3.2.x 3.3.x 3.4.x', '3.4.x'],
    ['3.0.x', T, '3.1.x 3.2.x 3.3.x 3.4.x'],
    ['3.0.x', H, '3.1.x 3.2.x 3.3.x 3.4.x'],
    ['3.0.x', D, '3.1.x 3.2.x 3.3.x 3.4.x'],
    ['3.1.x', T, '3.2.x 3.3.x 3.4.x'],
    ['3.1.0.x-3.1.1.2', H, '3.1.1.3 3.2.x 3.3.x 3.4.x'],
    ['3.1.1.3', H, '3.2.x 3.3.x 3.4.x'],
    ['3.1.x', D, '3.2.x 3.3.x 3.4.x'],
    ['3.2.x', T, '3.3.x 3.4.x'],
    ['3.2.x', H, '3.3.x 3.4.x'],
    ['3.2.x', D, '3.3.x 3.4.x'],
    ['3.3.x', T, '3.4.x'],
    ['3.3.x', H, '3.4.x'],
    ['3.3.x', D, '3.4.x'],
  ]),
  ...rows('3.5', [
    ['2.x-2.7.x', T, '2.8.2.x?bg 3.4.x 3.5.x'],
    ['2.x-2.7.x', H, '2.8.2.x 3.4.x 3.5.x'],
    ['2.x-2.7.x', D, '3.0.x 3.1.x 3.2.x 3.3.x 3.4.x 3.5.x'],
    // no 2.8.x Traditional row in this table
    ['2.8.x', H, '3.4.x 3.5.x'],
    ['2.8.x', D, '3.4.x 3.5.x'],
    ['3.0.x', T, '3.4.x 3.5.x'],
    ['3.0.x', H, '3.4.x 3.5.x'],
    ['3.0.x', D, '3.4.x 3.5.x'],
    ['3.1.x', T, '3.4.x 3.5.x'],
    ['3.1.0.x-3.1.1.2', H, '3.1.1.3 3.2.x 3.3.x 3.4.x 3.5.x'],
    ['3.1.1.3', H, '3.4.x 3.5.x'],
    ['3.1.x', D, '3.4.x 3.5.x'],
    ['3.2.x', T, '3.4.x 3.5.x'],
    ['3.2.x', H, '3.4.x 3.5.x'],
    ['3.2.x', D, '3.4.x 3.5.x'],
    ['3.3.x', T, '3.4.x 3.5.x'],
    ['3.3.x', H, '3.4.x 3.5.x'],
    ['3.3.x', D, '3.4.x 3.5.x'],
    ['3.4.x', T, '3.5.x'],
    ['3.4.x', H, '3.5.x'],
    ['3.4.x', D, '3.5.x'],
  ]),
  ...rows('3.6', [
    ['2.x-2.7.x', T, '2.8.2.x?bg 3.4.x 3.5.x 3.6.x'],
    ['2.x-2.7.x', H, '2.8.2.x 3.4.x 3.5.x 3.6.x'],
    ['2.x-2.7.x', D, '3.0.x 3.1.x 3.2.x 3.3.x 3.4.x 3.5.x 3.6.x'],
    // no 2.8.x Traditional row in this table
    ['2.8.x', H, '3.4.x 3.5.x 3.6.x'],
    ['2.8.x', D, '3.4.x 3.5.x 3.6.x'],
    ['3.0.x', T, '3.4.x 3.5.x 3.6.x'],
    ['3.0.x', H, '3.4.x 3.5.x 3.6.x'],
    ['3.0.x', D, '3.4.x 3.5.x 3.6.x'],
    ['3.1.x', T, '3.4.x 3.5.x 3.6.x'],
    ['3.1.0.x-3.1.1.2', H, '3.1.1.3 3.2.x 3.3.x 3.4.x 3.5.x 3.6.x'],
    ['3.1.1.3', H, '3.4.x 3.5.x 3.6.x'],
    ['3.1.x', D, '3.4.x 3.5.x 3.6.x'],
    ['3.2.x', T, '3.4.x 3.5.x 3.6.x'],
    ['3.2.x', H, '3.4.x 3.5.x 3.6.x'],
    ['3.2.x', D, '3.4.x 3.5.x 3.6.x'],
    ['3.3.x', T, '3.4.x 3.5.x 3.6.x'],
    ['3.3.x', H, '3.4.x 3.5.x 3.6.x'],
    ['3.3.x', D, '3.4.x 3.5.x 3.6.x'],
    ['3.4.x', T, '3.5.x 3.6.x'],
    ['3.4.x', H, '3.5.x 3.6.x'],
    ['3.4.x', D, '3.5.x 3.6.x'],
    ['3.5.x', T, '3.6.x'],
    ['3.5.x', H, '3.6.x'],
    ['3.5.x', D, '3.6.x'],
  ]),
];

/** Hops in the test notation: the `to` of each hop, `?bg` when blue-green only. */
const notation = (hops: readonly Hop[]): string => hops.map((h) => `${h.to}${h.condition === 'blue-green' ? '?bg' : ''}`).join(' ');

function planFor(row: SeedRow, from: string): Plan {
  return computePlan({ from, to: row.target, topology: row.topology });
}

describe('seed upgrade tables, every row', () => {
  test('the transcription covers every row the data holds, per target', () => {
    const counts = Object.fromEntries(seedTables().map((t) => [t.target, t.rows.length]));
    const mine: Record<string, number> = {};
    for (const r of SEED_ROWS) mine[r.target] = (mine[r.target] ?? 0) + 1;
    expect(mine).toEqual(counts);
    expect(Object.keys(counts).sort()).toEqual(['3.1', '3.2', '3.3', '3.4', '3.5', '3.6']);
  });

  const cases = SEED_ROWS.flatMap((row) => SAMPLES[row.current].map((from) => ({ ...row, from })));

  test.each(cases)('$target table, $current $topology, from $from', (row) => {
    const plan = planFor(row, row.from);
    if (row.lts) {
      expect(plan.basis).toBe('lts-direct');
      expect(notation(plan.hops)).toBe(row.lts);
      const walk = plan.alternatives.find((a) => a.basis === 'seed-table');
      expect(walk && notation(walk.hops)).toBe(row.seed);
    } else {
      expect(plan.basis).toBe('seed-table');
      expect(notation(plan.hops)).toBe(row.seed);
    }
    // Hops chain from the concrete source to the concrete target, always upwards.
    expect(plan.hops[0].fromVersion.toString()).toBe(plan.from.toString());
    expect(plan.hops[plan.hops.length - 1].toVersion.toString()).toBe(plan.to.toString());
    for (const [i, hop] of plan.hops.entries()) {
      expect(hop.fromVersion.lt(hop.toVersion)).toBe(true);
      if (i > 0) expect(hop.fromVersion.compare(plan.hops[i - 1].toVersion)).toBe(0);
    }
  });

  test('2.8.x hybrid to 3.1 ends on 3.1.1.3 or later, as its row names', () => {
    const plan = computePlan({ from: '2.8', to: '3.1', topology: 'hybrid' });
    expect(plan.to.gte(KongVersion.parse('3.1.1.3'))).toBe(true);
    const older = computePlan({ from: '2.8', to: '3.1.0.0', topology: 'hybrid' });
    expect(older.hops[older.hops.length - 1].note).toMatch(/names 3\.1\.1\.3/);
  });

  test.each(['3.5', '3.6'])('the %s table has no 2.8.x traditional row: guaranteed paths (LTS jump) instead', (target) => {
    const plan = computePlan({ from: '2.8', to: target, topology: 'traditional' });
    const expected = target === '3.5' ? '3.4.x 3.5.x' : '3.4.x 3.5.x 3.6.x';
    expect(notation(plan.hops)).toBe(expected);
    expect(plan.basis).toBe('lts-direct');
    expect(plan.problems.map((p) => p.id)).toContain('plan.table-row-missing');
  });
});
