// Markdown for a pull-request comment that doubles as the upgrade checklist: the backup and
// write-freeze steps first, then one section per hop with its findings as checkboxes. Long
// lists are cut so the comment stays under GitHub's 65,536-character limit.

import { checklistFor } from '../knowledge/upgrade-checklist';
import type { Severity } from '../model/finding';
import { describeOrigin } from '../model/origin';
import type { Report, ReportFinding } from './report';
import { artifactUri } from './sarif-reporter';

export interface MarkdownOptions {
  /** Paths are shown relative to this folder. */
  baseDir?: string;
  /** At most this many findings are listed; the rest are counted. */
  maxFindings?: number;
}

/** Its findings are the node's version of the checklist's backup step. */
const BACKUP_RULE = 'backup/backup-evidence';

const BADGE: Record<Severity, string> = { blocker: '🛑 **blocker**', warning: '⚠️ warning', info: 'ℹ️ info' };

export function formatMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const max = options.maxFindings ?? 200;
  const { plan, summary, installation } = report;
  const out: string[] = [];
  const verdict = summary.failed ? `❌ fails (--fail-on ${summary.failOn})` : '✅ passes';
  out.push(`## Kong upgrade preflight: ${plan.from} → ${plan.to} ${verdict}`);
  out.push('');
  out.push(`**${summary.blocker} blocker(s), ${summary.warning} warning(s), ${summary.info} info** · ${installation.edition.value} · ${describeTopology(report)}`);
  const hidden = summary.suppressed.inline + summary.suppressed.config + summary.suppressed.baseline;
  if (hidden > 0) {
    out.push('');
    out.push(`Not counted: ${summary.suppressed.baseline} in the baseline, ${summary.suppressed.inline} suppressed inline, ${summary.suppressed.config} ignored by configuration.`);
  }
  const recommended = plan.strategies.filter((s) => s.recommended).map((s) => s.id);
  out.push('');
  // The stops start at the source: `2.8.2.x` → `3.4.x` alone reads as a route that starts at 2.8.
  const stops = plan.hops.length > 0 ? [plan.hops[0].from, ...plan.hops.map((h) => h.to)] : [];
  out.push(`Upgrade path: ${stops.length > 0 ? stops.map((v) => `\`${v}\``).join(' → ') : '(nothing to upgrade)'}${recommended.length ? ` · recommended strategy: ${recommended.join(', ')}` : ''}`);
  out.push('');
  const noted = plan.strategies.filter((s) => s.note);
  if (noted.length > 0) {
    out.push('<details><summary>Upgrade strategies</summary>');
    out.push('');
    for (const s of noted) out.push(`- **${s.id}**${s.recommended ? ' (recommended)' : ''}: ${escape(s.note!)}`);
    out.push('');
    out.push('</details>');
    out.push('');
  }

  out.push('### Before the upgrade');
  out.push('');
  let listed = 0;
  const describe = (f: ReportFinding) => {
    listed += 1;
    const where = f.location.kind === 'file' ? `${artifactUri(f.location.file, options.baseDir ?? process.cwd())}:${f.location.line}` : describeOrigin(f.location);
    const docs = f.docsUrl ? ` ([docs](${f.docsUrl}))` : '';
    const fix = f.remediation ? `<br>Fix: ${escape(f.remediation)}` : '';
    return `${BADGE[f.severity]} \`${f.ruleId}\` at \`${where}\`: ${escape(f.message)}${docs}${fix}`;
  };
  const line = (f: ReportFinding) => `- [ ] ${describe(f)}`;
  const byHop = groupByHop(report.findings, plan.hops.map((h) => h.label));
  const steps = checklistFor(plan.role, plan.edition, plan.configSource?.kind);
  // The backup finding is the node's own version of the backup step (its commands, its evidence):
  // as a checkbox of its own it would ask for the same backup twice, so it sits under the step.
  const backupStep = steps.find((s) => s.id.startsWith('backup.') && s.id !== 'backup.keyring');
  const unhopped = byHop.get('') ?? [];
  const backupFindings = backupStep ? unhopped.filter((f) => f.ruleId === BACKUP_RULE) : [];
  for (const step of steps) {
    out.push(`- [ ] **${step.title}**: ${escape(step.detail)}`);
    if (step === backupStep) for (const f of backupFindings) if (listed < max) out.push(`  - ${describe(f)}`);
  }
  for (const f of unhopped) if (listed < max && !backupFindings.includes(f)) out.push(line(f));
  out.push('');

  plan.hops.forEach((hop, i) => {
    out.push(`### Hop ${i + 1}: ${hop.label}${hop.condition ? ` (${hop.condition})` : ''}`);
    out.push('');
    // The note names the guide a hop follows (the LTS upgrade guide for 2.8 -> 3.4), as the text report does.
    if (hop.note) {
      out.push(escape(hop.note));
      out.push('');
    }
    const findings = byHop.get(hop.label) ?? [];
    // hop.to is written as the route writes it (`3.4.x`), plan.to as the release (`3.4.2`): only the position tells the last hop.
    out.push(`- [ ] Install ${hop.to}${i < plan.hops.length - 1 ? ' and check the node before the next hop' : ''}`);
    for (const f of findings) if (listed < max) out.push(line(f));
    out.push('');
  });

  const notListed = report.findings.length - listed;
  if (notListed > 0) {
    out.push(`…and ${notListed} more finding(s): see the full report (JSON or SARIF).`);
    out.push('');
  }
  const manualReview = report.manualReview ?? [];
  if (manualReview.length > 0) {
    // One place for the changelog review of this path: what no rule could check, by hop.
    out.push(`<details><summary>Review by hand: ${manualReview.length} breaking change(s) on this path no rule could check</summary>`);
    out.push('');
    for (const m of manualReview) {
      out.push(`- [ ] **${escape(m.title)}** (${m.severity}, ${m.hop ?? m.introducedIn}, \`${m.id}\`): ${escape(m.remediation)} ${escape(m.why)}. [docs](${m.docsUrl})`);
    }
    out.push('');
    out.push('</details>');
    out.push('');
  }
  const setAside = report.notApplicableChanges ?? [];
  if (setAside.length > 0) {
    out.push(`<details><summary>Not applicable here: ${setAside.length} breaking change(s) on this path</summary>`);
    out.push('');
    for (const c of setAside) out.push(`- **${escape(c.title)}** (${c.hop ?? c.introducedIn}, \`${c.id}\`): ${escape(c.why)}`);
    out.push('');
    out.push('</details>');
    out.push('');
  }
  if (report.notEvaluated.length > 0) {
    out.push(`<details><summary>${report.notEvaluated.length} rule(s) not evaluated (missing input)</summary>`);
    out.push('');
    for (const n of report.notEvaluated) out.push(`- \`${n.ruleId}\`: ${escape(n.reason)}`);
    out.push('');
    out.push('</details>');
    out.push('');
  }
  if (report.internalErrors.length > 0) {
    out.push('**Rules that failed (please report):**');
    for (const e of report.internalErrors) out.push(`- \`${e.ruleId}\`: ${escape(e.message)}`);
    out.push('');
  }
  out.push(`<sub>${report.tool.name} ${report.tool.version}</sub>`);
  return `${out.join('\n')}\n`;
}

function describeTopology(report: Report): string {
  const { plan } = report;
  const topology = plan.role !== plan.topology ? `${plan.topology} (${plan.role.replace('_', ' ')})` : plan.topology;
  // A controller-only release runs no gateway: the topology is the one assumed for the gateway it drives.
  return plan.gatewayElsewhere ? `ingress controller only (the gateway it drives taken as ${topology})` : topology;
}

/** Findings keyed by hop label; '' holds those that belong to no hop of this path. */
function groupByHop(findings: readonly ReportFinding[], labels: readonly string[]): Map<string, ReportFinding[]> {
  const known = new Set(labels);
  const groups = new Map<string, ReportFinding[]>();
  for (const f of findings) {
    const key = f.hop && known.has(f.hop) ? f.hop : '';
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  return groups;
}

/** Keeps user-controlled text from turning into HTML in the comment. */
function escape(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
}
