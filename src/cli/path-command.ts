// `kong-preflight path`: the upgrade plan alone, without reading any configuration.

import { resolveGivenVersion } from '../knowledge/releases';
import { computePlan } from '../plan/compute-plan';
import { defaultRole } from '../plan/default-role';
import type { Edition, Role, Topology } from '../plan/types';
import { planToReport } from '../report/report';
import { InputError } from '../errors';
import type { CliIo } from './io';

export interface PathOptions {
  from?: string;
  to?: string;
  topology: Topology;
  role?: Role;
  edition: Edition;
  format: 'text' | 'json';
}

export function runPath(options: PathOptions, io: CliIo): number {
  if (!options.from) throw new InputError('--from is required: name the installed Kong version (for example --from 2.8)');
  if (!options.to) throw new InputError('--to is required: name the target Kong version (for example --to 3.4)');
  const role: Role = options.role ?? defaultRole(options.topology);
  const plan = computePlan({
    from: resolveGivenVersion(options.from, '--from'),
    to: resolveGivenVersion(options.to, '--to'),
    topology: options.topology,
    role,
    edition: options.edition,
  });
  const report = planToReport(plan);
  if (options.format === 'json') {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  const lines = [`Upgrade path ${report.from} -> ${report.to} (${report.topology}${role !== report.topology ? `, ${role}` : ''}, ${report.edition})`];
  report.hops.forEach((h, i) => lines.push(`  ${i + 1}. ${h.label}${h.condition ? ` (${h.condition})` : ''}${h.note ? ` — ${h.note}` : ''}`));
  if (report.hops.length === 0) lines.push('  (nothing to upgrade)');
  lines.push(`  basis: ${report.basis}`);
  for (const s of report.strategies) lines.push(`  strategy: ${s.id}${s.recommended ? ' (recommended)' : ''}${s.note ? ` — ${s.note}` : ''}`);
  for (const alt of report.alternatives) {
    // From the alternative's own start, as `check` prints it: `3.11.x -> ... -> 3.14.x` alone read
    // as a route beginning at 3.11.
    const stops = alt.hops.length > 0 ? [alt.hops[0].from, ...alt.hops.map((h) => h.to)] : [];
    lines.push(`  alternative (${alt.basis}): ${stops.join(' -> ')}${alt.note ? ` — ${alt.note}` : ''}`);
    if (alt.strategies.length > 0) lines.push(`    strategies: ${alt.strategies.map((s) => s.id).join(', ')}`);
  }
  for (const p of report.problems) lines.push(`  ${p.severity.toUpperCase()}: ${p.message}`);
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
