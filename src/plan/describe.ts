// A plan as plain text lines, for reporters and debugging: no colour, no layout decisions beyond
// indentation. Reporters may use it as is or format the Plan themselves.

import type { Hop, Plan, Route, Strategy } from './types';

function routeLine(hops: readonly Hop[]): string {
  if (!hops.length) return '(nothing to upgrade)';
  return [hops[0].from, ...hops.map((h) => (h.condition ? `[${h.to}, ${h.condition} only]` : h.to))].join(' -> ');
}

function strategyLine(strategies: readonly Strategy[]): string {
  return strategies.map((s) => `${s.id}${s.recommended ? '' : ' (not recommended)'}`).join(', ');
}

function hopLines(hops: readonly Hop[]): string[] {
  return hops.flatMap((hop, i) => {
    const concrete = hop.to === hop.toVersion.toString() ? '' : ` (${hop.toVersion})`;
    const head = `  ${i + 1}. ${hop.label}${concrete}${hop.covers ? ` [${hop.covers}]` : ''}`;
    return hop.note ? [head, `     ${hop.note}`] : [head];
  });
}

function alternativeLine(route: Route): string {
  return `  - ${routeLine(route.hops)} (${route.basis}${route.note ? `: ${route.note}` : ''})`;
}

/** Text lines describing the plan: route, hops, strategies, alternatives, problems. */
export function describePlan(plan: Plan): string[] {
  const from = plan.requested?.from.toString() ?? plan.from.toString();
  const to = plan.requested?.to.toString() ?? plan.to.toString();
  const lines = [
    `Upgrade ${from} (${plan.from}) to ${to} (${plan.to}), ${plan.topology} ${plan.role}, ${plan.edition}`,
    `Route (${plan.basis}): ${routeLine(plan.hops)}`,
    ...hopLines(plan.hops),
    `Strategies: ${strategyLine(plan.strategies)}`,
  ];
  if (plan.alternatives.length) lines.push('Alternatives:', ...plan.alternatives.map(alternativeLine));
  for (const problem of plan.problems) lines.push(`${problem.severity}: ${problem.message} (${problem.id})`);
  return lines;
}
