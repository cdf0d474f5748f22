// The plan as text lines: route, hops with concrete versions, strategies, alternatives, problems.

import { computePlan } from '../../src/plan/compute-plan';
import { describePlan } from '../../src/plan/describe';

test('an LTS plan with its walk as an alternative', () => {
  const lines = describePlan(computePlan({ from: '2.8', to: '3.4', topology: 'traditional' }));
  expect(lines[0]).toMatch(/^Upgrade 2\.8\.x \(2\.8\.0\.0\) to 3\.4\.x \(3\.4\.\d+\.\d+\), traditional traditional, enterprise$/);
  expect(lines).toContain('Route (lts-direct): 2.8.x -> 3.4.x');
  expect(lines.some((l) => /^ {2}1\. 2\.8\.x -> 3\.4\.x \(3\.4\.\d+\.\d+\) \[adjacent-lts\]$/.test(l))).toBe(true);
  expect(lines).toContain('Strategies: dual-cluster, in-place');
  expect(lines.some((l) => l.startsWith('  - 2.8.x -> 3.1.1.3 -> 3.2.x -> 3.3.x -> 3.4.x (seed-table'))).toBe(true);
});

test('conditional hops, problems and empty plans', () => {
  const legacy = describePlan(computePlan({ from: '2.0', to: '3.1', topology: 'traditional' }));
  expect(legacy).toContain('Route (seed-table): 2.0.x -> 2.1.0 -> [2.8.2.x, blue-green only] -> 3.0.x -> 3.1.x');
  expect(legacy.some((l) => l.startsWith('warning: ') && l.endsWith('(plan.below-2.1)'))).toBe(true);
  const none = describePlan(computePlan({ from: '3.4.3.29', to: '3.4', topology: 'dbless' }));
  expect(none).toContain('Route (guaranteed-paths): (nothing to upgrade)');
});
