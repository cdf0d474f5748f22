// The planner beyond the seed rows: legacy sources, the hybrid 3.1 protocol gap, blue-green-only
// hops, LTS jumps, targets past the seed (3.7 to 3.15), concrete versions and bad requests.
// Expected routes are written from the docs' rules (see test/plan/seed-tables.test.ts for notation).

import { InputError } from '../../src/errors';
import { latestPatchOf } from '../../src/knowledge/releases';
import { computePlan, type PlanRequest } from '../../src/plan/compute-plan';
import { hopCrossing, pathCrosses } from '../../src/plan/gate';
import type { Hop, Plan } from '../../src/plan/types';
import { KongVersion } from '../../src/version/kong-version';

const notation = (hops: readonly Hop[]): string => hops.map((h) => `${h.to}${h.condition === 'blue-green' ? '?bg' : ''}`).join(' ');
const plan = (from: string, to: string, topology: PlanRequest['topology'] = 'traditional', extra: Partial<PlanRequest> = {}): Plan =>
  computePlan({ from, to, topology, ...extra });
const ids = (p: Plan) => p.problems.map((x) => x.id);
const v = (t: string) => KongVersion.parse(t);

/** Versions a node actually runs on a route when it skips the blue-green-only stops. */
function requiredStops(p: Plan): KongVersion[] {
  return [p.from, ...p.hops.filter((h) => !h.condition).map((h) => h.toVersion)];
}

describe('sources older than 2.1', () => {
  test('1.x must reach 2.1.0 first: a problem and a hop', () => {
    const p = plan('1.5', '3.4');
    expect(p.hops[0].to).toBe('2.1.0');
    expect(p.hops[0].fromVersion.toString()).toBe('1.5.0');
    expect(notation(p.hops)).toBe('2.1.0 2.8.2.x 3.4.x');
    const problem = p.problems.find((x) => x.id === 'plan.legacy-source');
    expect(problem?.severity).toBe('warning');
    expect(problem?.message).toContain('1.5.0');
    expect(problem?.message).toContain('2.1.0');
  });

  // A 1.x node checked to another 1.x release: the 2.1.0 stop would overshoot the target and
  // then go back down (the route was 1.0.0 -> 2.1.0 -> 1.5.x).
  test('a 1.x target is one hop, with no 2.1.0 stop and no 2.1.0 advice', () => {
    const p = plan('1.0.0', '1.5');
    expect(p.hops).toHaveLength(1);
    expect(p.hops[0].fromVersion.toString()).toBe('1.0.0');
    expect(p.hops[0].to).toBe('1.5.x');
    expect(ids(p)).toContain('plan.legacy-target');
    expect(ids(p)).not.toContain('plan.legacy-source');
  });

  test('Enterprise 0.x sources get the same stop, and a word about 0.x', () => {
    const p = plan('0.36', '3.2', 'hybrid');
    expect(p.hops[0].to).toBe('2.1.0');
    expect(p.problems.find((x) => x.id === 'plan.legacy-source')?.message).toMatch(/0\.x/);
  });

  test('2.0.x stops at 2.1.0 when its route would go straight to 3.x', () => {
    const traditional = plan('2.0', '3.2');
    expect(notation(traditional.hops)).toBe('2.1.0 2.8.2.x?bg 3.0.x 3.1.x 3.2.x');
    expect(ids(traditional)).toContain('plan.below-2.1');
    const dbless = plan('2.0.5', '3.3', 'dbless');
    expect(notation(dbless.hops)).toBe('2.1.0 3.0.x 3.1.x 3.2.x 3.3.x');
    // Hybrid goes through 2.8.2.x unconditionally: no extra stop needed.
    const hybrid = plan('2.0', '3.2', 'hybrid');
    expect(notation(hybrid.hops)).toBe('2.8.2.x 3.0.x 3.1.x 3.2.x');
    expect(ids(hybrid)).not.toContain('plan.below-2.1');
  });

  test.each([
    ['1.0', '3.15', 'traditional'], ['1.5', '3.1', 'dbless'], ['2.0', '3.4', 'traditional'], ['2.0', '3.6', 'dbless'],
    ['2.0', '3.9', 'hybrid'], ['0.14', '3.0', 'traditional'], ['2.0.1', '3.5', 'traditional'],
  ] as const)('no required hop from %s reaches 3.x from below 2.1 (to %s, %s)', (from, to, topology) => {
    const p = plan(from, to, topology);
    const stops = requiredStops(p);
    const first3 = stops.findIndex((s) => s.major >= 3);
    expect(first3).toBeGreaterThan(0);
    expect(stops[first3 - 1].gte(v('2.1.0'))).toBe(true);
    for (const alt of p.alternatives) {
      const altStops = [p.from, ...alt.hops.filter((h) => !h.condition).map((h) => h.toVersion)];
      const i = altStops.findIndex((s) => s.major >= 3);
      expect(altStops[i - 1].gte(v('2.1.0'))).toBe(true);
    }
  });
});

describe('hybrid 3.1.0.0 to 3.1.1.2 must reach 3.1.1.3 first', () => {
  test.each(['3.1.0.0', '3.1.1.1', '3.1.1.2'])('from %s, for targets past 3.1 (table and rules alike)', (from) => {
    for (const to of ['3.2', '3.5', '3.8', '3.9', '3.15']) {
      const p = plan(from, to, 'hybrid');
      expect(p.hops[0].to).toBe('3.1.1.3');
      expect(p.hops[0].toVersion.toString()).toBe('3.1.1.3');
      expect(ids(p)).toContain('plan.hybrid-websocket-3.1');
    }
  });

  // OSS 3.1.0/3.1.1 serve /v1/wrpc only, 3.2.0 /v1/outlet only (kong/templates/nginx_kong.lua at
  // those tags); the 3.1.1.2 fix is Enterprise's, so OSS has no 3.1 release to gather on.
  test('on OSS no 3.1 release bridges the gap: the problem says so and names no Enterprise stop', () => {
    for (const from of ['3.1.0', '3.1.1']) {
      const p = plan(from, '3.3', 'hybrid', { edition: 'oss' });
      const problem = p.problems.find((x) => x.id === 'plan.hybrid-websocket-3.1')!;
      expect(problem.message).toContain('no OSS 3.1 release brings the older protocol back');
      expect(problem.remediation).toContain('in the same window');
      expect(`${problem.message} ${problem.remediation}`).not.toContain('3.1.1.3');
      expect(p.hops.map((h) => h.to)).not.toContain('3.1.1.3');
    }
    expect(plan('3.1.1', '3.3', 'hybrid', { edition: 'oss' }).hops[0].label).toBe('3.1.1 -> 3.2.x');
  });

  test('not for 3.1.1.3 itself, other topologies, or a target inside 3.1', () => {
    expect(ids(plan('3.1.1.3', '3.2', 'hybrid'))).not.toContain('plan.hybrid-websocket-3.1');
    const traditional = plan('3.1.0.0', '3.2');
    expect(notation(traditional.hops)).toBe('3.2.x');
    expect(ids(traditional)).not.toContain('plan.hybrid-websocket-3.1');
    const patch = plan('3.1.0.0', '3.1.1.6', 'hybrid', { role: 'data_plane' });
    expect(notation(patch.hops)).toBe('3.1.1.6');
    expect(patch.hops[0].covers).toBe('patch');
  });
});

describe('blue-green-only hops', () => {
  test('2.8.2.x is conditional for traditional, required for hybrid', () => {
    const traditional = plan('2.5', '3.3');
    expect(traditional.hops[0].condition).toBe('blue-green');
    expect(traditional.hops[0].toVersion.toString()).toBe('2.8.2.4');
    expect(traditional.hops[0].note).toMatch(/blue-green/);
    expect(plan('2.5', '3.3', 'hybrid').hops[0].condition).toBeUndefined();
  });

  test('before the LTS jump (3.5+ tables) the condition stays, with a warning why skipping it is not covered', () => {
    const p = plan('2.7', '3.6');
    expect(notation(p.hops)).toBe('2.8.2.x?bg 3.4.x 3.5.x 3.6.x');
    expect(p.hops[0].note).toMatch(/LTS guide does not cover/);
    // The rules-built alternative keeps 2.8 unconditionally.
    expect(p.alternatives.some((a) => notation(a.hops) === '2.8.x 3.4.x 3.5.x 3.6.x')).toBe(true);
  });
});

describe('LTS jumps lead where the LTS guide allows them', () => {
  test.each([
    ['2.8', '3.4', '3.4.x', '3.1.1.3 3.2.x 3.3.x 3.4.x'],
    ['3.4', '3.10', '3.10.x', '3.5.x 3.6.x 3.7.x 3.8.x 3.9.x 3.10.x'],
    ['3.10', '3.14', '3.14.x', '3.11.x 3.12.x 3.13.x 3.14.x'],
    ['3.4.3.29', '3.14.0.1', '3.10.x 3.14.0.1', '3.5.x 3.6.x 3.7.x 3.8.x 3.9.x 3.10.x 3.11.x 3.12.x 3.13.x 3.14.0.1'],
  ])('%s -> %s: primary %s, minor-by-minor alternative', (from, to, primary, walk) => {
    for (const topology of ['traditional', 'hybrid', 'dbless'] as const) {
      const p = plan(from, to, topology);
      expect(p.basis).toBe('lts-direct');
      expect(notation(p.hops)).toBe(primary);
      const ltsHops = p.hops.filter((h) => h.covers === 'adjacent-lts');
      expect(ltsHops.length).toBeGreaterThan(0);
      for (const h of ltsHops) expect(h.guideUrl).toMatch(/^https:\/\/developer\.konghq\.com\/gateway\/upgrade\/lts-upgrade-/);
      expect(p.alternatives.map((a) => notation(a.hops))).toContain(walk);
      expect(p.strategies.map((s) => s.id)).not.toContain('blue-green');
    }
  });

  test('an LTS jump only between adjacent LTS minors', () => {
    expect(notation(plan('2.8', '3.10').hops)).toBe('3.4.x 3.10.x');
    expect(notation(plan('3.10', '3.13').hops)).toBe('3.11.x 3.12.x 3.13.x');
    expect(notation(plan('3.5', '3.14').hops)).toBe('3.6.x 3.7.x 3.8.x 3.9.x 3.10.x 3.14.x');
  });
});

describe('targets past the seed tables', () => {
  test.each([
    ['3.6', '3.7', 'traditional', 'later-table', '3.7.x'],
    ['3.5', '3.7', 'dbless', 'later-table', '3.6.x 3.7.x'],
    ['3.0', '3.8', 'hybrid', 'later-table', '3.4.x 3.5.x 3.6.x 3.7.x 3.8.x'],
    ['2.8', '3.7', 'traditional', 'later-table', '3.4.x 3.5.x 3.6.x 3.7.x'],
    ['2.6', '3.8', 'dbless', 'later-table', '3.0.x 3.1.x 3.2.x 3.3.x 3.4.x 3.5.x 3.6.x 3.7.x 3.8.x'],
    ['3.1.0.0', '3.8', 'hybrid', 'later-table', '3.1.1.3 3.2.x 3.3.x 3.4.x 3.5.x 3.6.x 3.7.x 3.8.x'],
    ['3.8', '3.9', 'traditional', 'guaranteed-paths', '3.9.x'],
    ['3.6', '3.9', 'hybrid', 'guaranteed-paths', '3.7.x 3.8.x 3.9.x'],
    ['3.6', '3.14', 'dbless', 'lts-direct', '3.7.x 3.8.x 3.9.x 3.10.x 3.14.x'],
    ['3.11', '3.15', 'traditional', 'guaranteed-paths', '3.12.x 3.13.x 3.14.x 3.15.x'],
    ['3.10', '3.15', 'traditional', 'lts-direct', '3.14.x 3.15.x'],
    ['2.8.2.4', '3.15', 'hybrid', 'lts-direct', '3.4.x 3.10.x 3.14.x 3.15.x'],
    ['2.5', '3.12', 'dbless', 'lts-direct', '2.8.x 3.4.x 3.10.x 3.11.x 3.12.x'],
    ['3.2', '3.11', 'traditional', 'lts-direct', '3.3.x 3.4.x 3.10.x 3.11.x'],
    ['3.14.0.1', '3.14', 'traditional', 'guaranteed-paths', '3.14.x'],
  ] as const)('%s -> %s %s: %s %s', (from, to, topology, basis, route) => {
    const p = plan(from, to, topology);
    expect(p.basis).toBe(basis);
    expect(notation(p.hops)).toBe(route);
  });

  test.each(['3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14', '3.15'])('3.4 -> %s ends on the newest patch, through guaranteed hops past the tables', (to) => {
    const p = plan('3.4', to);
    expect(p.to.compare(latestPatchOf(to))).toBe(0);
    expect(p.hops[p.hops.length - 1].toVersion.compare(latestPatchOf(to))).toBe(0);
    if (p.basis !== 'later-table') {
      for (const h of p.hops) expect(['patch', 'adjacent-minor', 'adjacent-lts']).toContain(h.covers);
    }
  });

  test('table-only skips (3.0.x -> 3.4.x) are flagged, with the one-minor-at-a-time route beside them', () => {
    const p = plan('3.0', '3.7');
    expect(notation(p.hops)).toBe('3.4.x 3.5.x 3.6.x 3.7.x');
    expect(p.hops[0].covers).toBe('documented');
    expect(ids(p)).toContain('plan.table-only-hop');
    expect(p.alternatives.map((a) => notation(a.hops))).toContain('3.1.x 3.2.x 3.3.x 3.4.x 3.5.x 3.6.x 3.7.x');
  });
});

describe('later docs that differ from the seed are alternatives', () => {
  test('2.8 -> 3.1: the seed goes through 3.0, a later revision goes straight to 3.1.1.3+', () => {
    const p = plan('2.8', '3.1');
    expect(p.basis).toBe('seed-table');
    expect(notation(p.hops)).toBe('3.0.x 3.1.x');
    const later = p.alternatives.find((a) => a.basis === 'later-table');
    expect(later && notation(later.hops)).toBe('3.1.x');
  });

  test('identical later rows add nothing', () => {
    const p = plan('3.2', '3.3');
    expect(p.alternatives).toHaveLength(0);
  });
});

describe('concrete versions', () => {
  test('--to stands for its newest release, --from for its oldest; the user text stays', () => {
    const p = plan('2.8', '3.4');
    expect(p.from.toString()).toBe('2.8.0.0');
    expect(p.to.compare(latestPatchOf('3.4'))).toBe(0);
    expect(p.requested?.from.toString()).toBe('2.8.x');
    expect(p.requested?.to.toString()).toBe('3.4.x');
    expect(p.hops[0].label).toBe('2.8.x -> 3.4.x');
  });

  test('X.Y.x hops install the newest X.Y patch; exact steps stay exact', () => {
    const p = plan('2.8', '3.3');
    expect(p.hops.map((h) => h.toVersion.toString())).toEqual(['3.1.1.3', latestPatchOf('3.2').toString(), latestPatchOf('3.3').toString()]);
  });

  test('OSS numbering for an OSS edition', () => {
    const p = plan('2.8', '3.4', 'dbless', { edition: 'oss' });
    expect(p.to.toString()).toBe('3.4.2');
    expect(p.from.toString()).toBe('2.8.0');
    const beyond = plan('3.9', '3.10', 'dbless', { edition: 'oss' });
    expect(ids(beyond)).toContain('plan.no-oss-release');
    expect(beyond.problems.find((p) => p.id === 'plan.no-oss-release')?.severity).toBe('blocker');
  });

  // OSS tags 3.1.0 and 3.1.1 only (Kong/kong git tags): the tables' Enterprise 3.1.1.3 is no OSS release.
  test('OSS takes a table\'s Enterprise patch stop as the newest OSS release of its line', () => {
    const p = plan('2.8', '3.2', 'traditional', { edition: 'oss' });
    expect(p.hops.map((h) => h.label)).toEqual(['2.8.x -> 3.1.x', '3.1.x -> 3.2.x']);
    expect(p.hops.map((h) => h.toVersion.toString())).toEqual(['3.1.1', '3.2.2']);
    expect(p.hops[0].note).toBe('the table names Enterprise 3.1.1.3, a patch Kong OSS does not have; on OSS this stop is the newest 3.1 release (3.1.1)');
    expect(hopCrossing(p, '3.2.0.0')?.label).toBe('3.1.x -> 3.2.x');
    const walk = plan('2.8', '3.4', 'traditional', { edition: 'oss' }).alternatives.find((a) => a.basis === 'seed-table')!;
    expect(walk.hops.map((h) => h.label)).toEqual(['2.8.x -> 3.1.x', '3.1.x -> 3.2.x', '3.2.x -> 3.3.x', '3.3.x -> 3.4.x']);
    // Enterprise keeps the table's patch.
    expect(plan('2.8', '3.2').hops.map((h) => h.label)).toEqual(['2.8.x -> 3.1.1.3', '3.1.1.3 -> 3.2.x']);
    // Enterprise's 2.8.2.x patch series is the single OSS release 2.8.2.
    expect(plan('2.5', '3.3', 'traditional', { edition: 'oss' }).hops[0].label).toBe('2.5.x -> 2.8.2');
    expect(plan('2.5', '3.3').hops[0].label).toBe('2.5.x -> 2.8.2.x');
    // No OSS 3.10 line: the Enterprise release stays, and says so.
    expect(plan('3.4', '3.10', 'traditional', { edition: 'oss' }).hops[0].note).toContain('3.10.0.17 is an Enterprise release; Kong OSS has no 3.10 release');
  });

  // An `X.Y.x` stop is met by any patch of the line: an older patch than the newest known
  // (3.10.0.6 on a 3.4 -> 3.10 LTS jump) is no remark; a table naming one patch still warns.
  test('an older target patch is remarked only where the table names one release', () => {
    expect(plan('3.4.3.12', '3.10.0.6').hops[0].note ?? '').not.toContain('is older');
    expect(plan('2.8.4.14', '3.4.3.12').hops[0].note ?? '').not.toContain('is older');
    const hybrid = plan('2.8.4.1', '3.1.0.0', 'hybrid');
    expect(hybrid.hops.at(-1)?.note).toContain("the route's table names 3.1.1.3 here; the target 3.1.0.0 is older");
  });

  test('the gate finds the hop that brings a change', () => {
    // pg_ssl_version loses tlsv1 in 3.2.1.0 (Enterprise).
    const walk = plan('2.8.2.4', '3.3.1.1');
    expect(hopCrossing(walk, '3.2.1.0')?.label).toBe('3.1.1.3 -> 3.2.x');
    const lts = plan('2.8.2.4', '3.4.1.0');
    expect(hopCrossing(lts, '3.2.1.0')?.label).toBe('2.8.2.4 -> 3.4.1.0');
    // A change inside 2.8 patches is ahead of `--from 2.8` (oldest 2.8) but behind 2.8.4.14.
    expect(pathCrosses(plan('2.8', '3.4'), '2.8.2.0')).toBe(true);
    expect(pathCrosses(plan('2.8.4.14', '3.4'), '2.8.2.0')).toBe(false);
    expect(pathCrosses(plan('3.4.0.0', '3.4'), '3.4.3.29')).toBe(true);
  });
});

describe('requests that are not upgrades', () => {
  test('same version: an empty plan that says so', () => {
    const p = plan('3.4.3.29', '3.4');
    expect(p.hops).toHaveLength(0);
    expect(ids(p)).toEqual(['plan.nothing-to-do']);
  });

  test('a downgrade is an input error naming both versions', () => {
    expect(() => plan('3.5', '3.4')).toThrow(InputError);
    expect(() => plan('3.5', '3.4')).toThrow(/--to 3\.4\.x .* older than --from 3\.5\.x/);
  });

  test('a downgrade from an inferred version names where that version was read, not --from', () => {
    const attempt = () => plan('3.5', '3.4', 'traditional', { fromSaidBy: 'the image kong:3.5 at docker-compose.yml:25' });
    expect(attempt).toThrow(/older than 3\.5\.x \(3\.5\.0\.0\), the installed version read from the image kong:3\.5 at docker-compose\.yml:25/);
    expect(attempt).not.toThrow(/--from/);
  });

  test('a downgrade from an exact version shows it once', () => {
    // Sweep 17: "older than 3.9.1 (3.9.1), the installed version read from the image kong:3.9.1".
    const attempt = () => plan('3.9.1', '3.4', 'traditional', { fromSaidBy: 'the image kong:3.9.1 at deployment.yaml:31', edition: 'oss' });
    expect(attempt).toThrow(/older than 3\.9\.1, the installed version read from the image kong:3\.9\.1/);
  });

  test('unknown versions and roles are input errors', () => {
    expect(() => plan('2.9', '3.4')).toThrow('--from "2.9"');
    expect(() => plan('2.8', '3.99')).toThrow('--to "3.99"');
    expect(() => plan('2.8', '3.4', 'traditional', { role: 'data_plane' })).toThrow(/role "data_plane"/);
    expect(() => plan('2.8', '3.4', 'mesh' as never)).toThrow(/topology "mesh"/);
  });

  test('versions may be passed as KongVersion values', () => {
    const p = computePlan({ from: v('3.3'), to: v('3.4.1.0'), topology: 'hybrid', role: 'data_plane' });
    expect(notation(p.hops)).toBe('3.4.1.0');
    expect(p.role).toBe('data_plane');
  });
});

// The 3.10 -> 3.14 LTS guide: from 3.10.0.11 `kong check --lts-314-compatibility` checks kong.conf
// against 3.14 (Kong/developer.konghq.com:app/_includes/upgrade/lts-upgrade.md@bc1cd74260).
describe('Kong\'s own kong.conf check before the 3.10 -> 3.14 LTS jump', () => {
  const ltsNote = (p: Plan) => p.hops.find((h) => h.covers === 'adjacent-lts' && h.toVersion.minorKey === '3.14')?.note ?? '';

  test('a 3.10 patch below 3.10.0.11 is told to take the newest 3.10 patch first', () => {
    expect(ltsNote(plan('3.10.0.2', '3.14', 'traditional', { edition: 'enterprise' })))
      .toContain('optionally move to the newest 3.10 patch first: from 3.10.0.11, `kong check --lts-314-compatibility kong.conf` checks kong.conf against 3.14');
  });

  test('a route that stops on the newest 3.10 patch is told to run the check there', () => {
    const note = ltsNote(plan('3.4', '3.14', 'traditional', { edition: 'enterprise' }));
    expect(note).toContain('before it, run `kong check --lts-314-compatibility kong.conf` on 3.10');
    expect(note).not.toContain('optionally');
  });

  test('other LTS jumps carry no such note', () => {
    const p = plan('2.8', '3.10', 'traditional', { edition: 'enterprise' });
    expect(p.hops.filter((h) => h.covers === 'adjacent-lts')).toHaveLength(2);
    for (const h of p.hops) expect(h.note ?? '').not.toContain('kong check');
  });
});
