// Human output: the plan first, then findings grouped by the hop that requires them, each with
// its rule id and remediation, then what could not be checked, then a one-line summary.

import type { Finding, Severity } from '../model/finding';
import { describeOrigin } from '../model/origin';
import type { Report, ReportHop } from './report';

export interface TextOptions {
  color: boolean;
}

const LABEL: Record<Severity, string> = { blocker: 'BLOCKER', warning: 'WARNING', info: 'INFO' };
const COLOR: Record<Severity, string> = { blocker: '31', warning: '33', info: '36' };

export function formatText(report: Report, options: TextOptions): string {
  const paint = (code: string, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const bold = (text: string) => paint('1', text);
  const out: string[] = [];
  const { installation: inst, plan } = report;

  out.push(bold(`kong-preflight ${report.tool.version}: ${plan.from} -> ${plan.to}`));
  out.push(`  edition   ${inst.edition.value} (${inst.edition.reason})`);
  out.push(`  topology  ${inst.topology.value}${plan.role !== plan.topology ? ` / ${plan.role}` : ''} (${inst.topology.reason})`);
  out.push(`  from      ${inst.from.value} (${inst.from.reason})`);
  out.push(`  to        ${inst.to.value} (${inst.to.reason})`);
  if (inst.inputs.length > 0) out.push(`  inputs    ${inst.inputs.map((i) => i.label).join(', ')}`);
  out.push('');
  out.push(bold('Upgrade path'));
  out.push(...describeHops(plan.hops, '  '));
  if (plan.strategies.length > 0) {
    // Each with its note: when it fits, and for hybrid nodes the order and version rule between
    // control and data planes, which an operator needs before choosing.
    out.push('  strategies:');
    for (const s of plan.strategies) out.push(`    ${s.id}${s.recommended ? ' (recommended)' : ''}${s.note ? `: ${s.note}` : ''}`);
  }
  for (const alt of plan.alternatives) {
    // From the alternative's own start, so that it does not read as a route beginning at its first stop.
    // A stop needed only in some cases keeps its condition, as `kong-preflight path` writes it
    // (src/plan/describe.ts): the seed table's 2.8.2.x is for blue-green upgrades only.
    const stops = alt.hops.length > 0 ? [alt.hops[0].from, ...alt.hops.map((h) => (h.condition ? `[${h.to}, ${h.condition} only]` : h.to))] : [];
    out.push(`  alternative (${alt.basis}): ${stops.join(' -> ')}${alt.note ? ` — ${alt.note}` : ''}`);
  }
  out.push('');

  const groups = groupByHop(report.findings, plan.hops);
  for (const [title, findings] of groups) {
    out.push(bold(title));
    for (const f of findings) {
      out.push(`  ${paint(COLOR[f.severity], LABEL[f.severity].padEnd(7))}  ${describeOrigin(f.location)}  ${f.message}  [${f.ruleId}]`);
      if (f.remediation) out.push(`           fix: ${f.remediation}`);
    }
    out.push('');
  }
  if (report.findings.length === 0) {
    out.push('No findings on this path.');
    out.push('');
  }
  if (report.notEvaluated.length > 0) {
    out.push(bold('Not evaluated (missing input)'));
    for (const n of report.notEvaluated) out.push(`  ${n.ruleId}: ${n.reason}`);
    out.push('');
  }
  const manualReview = report.manualReview ?? [];
  if (manualReview.length > 0) {
    out.push(bold(`Review by hand (${manualReview.length} breaking change(s) on this path no rule could check)`));
    for (const m of manualReview) {
      out.push(`  ${paint(COLOR[m.severity], LABEL[m.severity].padEnd(7))}  ${m.hop ?? m.introducedIn}  ${m.title}  [${m.id}, ${m.artifact}]`);
      out.push(`           why: ${m.why}`);
      out.push(`           fix: ${m.remediation}`);
      out.push(`           docs: ${m.docsUrl}`);
    }
    out.push('');
  }
  const setAside = report.notApplicableChanges ?? [];
  if (setAside.length > 0) {
    out.push(bold(`Not applicable here (${setAside.length} breaking change(s) on this path)`));
    for (const c of setAside) {
      out.push(`  ${c.hop ?? c.introducedIn}  ${c.title}  [${c.id}]`);
      out.push(`           why: ${c.why}`);
    }
    out.push('');
  }
  if (report.internalErrors.length > 0) {
    out.push(bold('Rules that failed (please report)'));
    for (const e of report.internalErrors) out.push(`  ${e.ruleId}: ${e.message}`);
    out.push('');
  }
  const s = report.summary;
  out.push(
    `${s.blocker} blocker(s), ${s.warning} warning(s), ${s.info} info; ` +
      reviewCount(manualReview) +
      `${s.rulesEvaluated} rule(s) evaluated, ${s.rulesNotEvaluated} not evaluated, ${s.rulesNotApplicable} not on this path` +
      (hiddenCount(s) > 0 ? `; not counted: ${s.suppressed.baseline} in baseline, ${s.suppressed.inline} suppressed inline, ${s.suppressed.config} ignored by configuration` : '') +
      (s.failed ? ` — failing (--fail-on ${s.failOn})` : ''),
  );
  return `${out.join('\n')}\n`;
}

function describeHops(hops: readonly ReportHop[], indent: string): string[] {
  if (hops.length === 0) return [`${indent}(nothing to upgrade)`];
  return hops.map((h, i) => `${indent}${i + 1}. ${h.label}${h.condition ? ` (${h.condition})` : ''}${h.note ? ` — ${h.note}` : ''}`);
}

/** Findings grouped under their hop in path order; findings without a hop come first. */
function groupByHop(findings: readonly Finding[], hops: readonly ReportHop[]): [string, Finding[]][] {
  const groups = new Map<string, Finding[]>();
  const general = 'Before the upgrade (whole path)';
  groups.set(general, []);
  for (const hop of hops) groups.set(`Hop ${hop.label}`, []);
  for (const f of findings) {
    const key = f.hop && groups.has(`Hop ${f.hop}`) ? `Hop ${f.hop}` : general;
    groups.get(key)!.push(f);
  }
  return [...groups].filter(([, list]) => list.length > 0);
}

/**
 * The review-by-hand list prints BLOCKER labels the finding counts leave out; a summary of
 * "0 blocker(s)" alone read as all clear while eleven BLOCKER lines stood above it.
 */
function reviewCount(manualReview: Report['manualReview']): string {
  const list = manualReview ?? [];
  if (list.length === 0) return '';
  const blockers = list.filter((m) => m.severity === 'blocker').length;
  return `${list.length} to review by hand${blockers > 0 ? ` (${blockers} blocker-level, not counted above)` : ''}; `;
}

function hiddenCount(s: Report['summary']): number {
  return s.suppressed.inline + s.suppressed.config + s.suppressed.baseline;
}
