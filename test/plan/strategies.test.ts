// Strategies per topology and role: database nodes upgrade dual-cluster or in-place (blue-green
// possible, not recommended, never on an LTS jump); DB-less nodes and data planes roll.

import { computePlan } from '../../src/plan/compute-plan';
import type { Plan, Role, Topology } from '../../src/plan/types';

const strategyIds = (p: Plan) => p.strategies.map((s) => `${s.id}${s.recommended ? '' : '?'}`);
const plan = (from: string, to: string, topology: Topology, role?: Role) => computePlan({ from, to, topology, role });

describe('strategies per topology and role', () => {
  test.each([
    ['traditional', undefined, ['dual-cluster', 'in-place', 'blue-green?']],
    ['hybrid', 'control_plane', ['dual-cluster', 'in-place', 'blue-green?']],
    ['hybrid', undefined, ['dual-cluster', 'in-place', 'blue-green?']], // hybrid defaults to the control plane
    ['hybrid', 'data_plane', ['rolling']],
    ['dbless', undefined, ['rolling']],
  ] as const)('%s %s on a minor walk (3.2 -> 3.3)', (topology, role, expected) => {
    const p = plan('3.2', '3.3', topology, role);
    expect(strategyIds(p)).toEqual(expected);
    for (const s of p.strategies) expect(s.docsUrl).toMatch(/^https:\/\/developer\.konghq\.com\/gateway\/upgrade\//);
  });

  test('recommended strategies come first', () => {
    const p = plan('3.2', '3.3', 'traditional');
    const firstNot = p.strategies.findIndex((s) => !s.recommended);
    expect(p.strategies.slice(firstNot).every((s) => !s.recommended)).toBe(true);
  });

  test('an LTS jump offers no blue-green (the LTS guides list only in-place, dual-cluster, rolling)', () => {
    expect(strategyIds(plan('2.8', '3.4', 'traditional'))).toEqual(['dual-cluster', 'in-place']);
    expect(strategyIds(plan('3.4', '3.10', 'hybrid', 'data_plane'))).toEqual(['rolling']);
    // Alternatives keep their own strategies: the minor-by-minor walk may use blue-green (not recommended).
    const walk = plan('2.8', '3.4', 'traditional').alternatives.find((a) => a.basis === 'seed-table')!;
    expect(walk.strategies.map((s) => s.id)).toContain('blue-green');
  });

  test('blue-green notes: crossing minors, and the 2.8.2 floor for 3.x', () => {
    const minorWalk = plan('2.5', '3.3', 'traditional').strategies.find((s) => s.id === 'blue-green')!;
    expect(minorWalk.note).toMatch(/crosses minors/);
    expect(minorWalk.note).toMatch(/2\.8\.2\.0/);
    const patchOnly = plan('3.3.0.0', '3.3.1.1', 'traditional').strategies.find((s) => s.id === 'blue-green')!;
    expect(patchOnly.note).not.toMatch(/crosses minors/);
    expect(patchOnly.note).not.toMatch(/2\.8\.2\.0/);
  });

  test('the 2.8.2 floor is named as the edition numbers it', () => {
    const note = (edition: 'oss' | 'enterprise') =>
      computePlan({ from: '2.5', to: '3.3', topology: 'traditional', edition }).strategies.find((s) => s.id === 'blue-green')!.note;
    expect(note('oss')).toContain('starts from 2.8.2 or later');
    expect(note('enterprise')).toContain('starts from 2.8.2.0 or later');
  });

  test('hybrid notes say control planes go first', () => {
    expect(plan('3.2', '3.3', 'hybrid', 'control_plane').strategies[0].note).toMatch(/control planes before data planes/);
    expect(plan('3.2', '3.3', 'hybrid', 'data_plane').strategies[0].note).toMatch(/after the control planes/);
    expect(plan('3.2', '3.3', 'traditional').strategies[0].note).not.toMatch(/control planes/);
  });

  // srb3/ansible-role-kong-gateway: Enterprise 2.4.1.0 control plane and data planes checked to 3.4.
  test('a hybrid route across 2.x -> 3.x says the majors must match', () => {
    const dp = computePlan({ from: '2.4.1.0', to: '3.4', topology: 'hybrid', role: 'data_plane', edition: 'enterprise' }).strategies[0].note;
    expect(dp).toMatch(/of its own major whose minor is not newer than its own/);
    expect(dp).toMatch(/from 3\.1 \(Enterprise 3\.0 still accepts 2\.8\) a control plane refuses 2\.x data planes/);
    const cp = computePlan({ from: '2.8', to: '3.4', topology: 'hybrid', role: 'control_plane', edition: 'oss' }).strategies;
    expect(cp.every((s) => /from 3\.0 a control plane refuses 2\.x data planes/.test(s.note ?? ''))).toBe(true);
    expect(plan('3.2', '3.3', 'hybrid', 'data_plane').strategies[0].note).not.toMatch(/majors must match/);
    expect(computePlan({ from: '2.8', to: '3.4', topology: 'traditional', edition: 'oss' }).strategies[0].note).not.toMatch(/majors/);
  });
});
