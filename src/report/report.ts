// The report every reporter formats: the plan, findings in a stable order, coverage and a summary.
// Built once from the engine's result; reporters format it and never decide anything.

import type { Finding, InternalError, NotEvaluated, Severity } from '../model/finding';
import type { ChangeSetAside, ManualReviewItem } from '../model/manual-review';
import { severityRank } from '../model/finding';
import type { Origin } from '../model/origin';
import type { NotApplicable, RunResult } from '../engine/run-rules';
import type { ConfigSource, Hop, Plan, PlanProblem, Route, Strategy } from '../plan/types';
import { TOOL_NAME, TOOL_VERSION } from '../tool-info';
import { compareText } from '../text/compare';


export type FailOn = Severity | 'none';

export interface ReportHop {
  from: string;
  to: string;
  label: string;
  condition?: string;
  note?: string;
}

export interface ReportRoute {
  basis: Route['basis'];
  hops: ReportHop[];
  strategies: Strategy[];
  note?: string;
}

export interface ReportPlan {
  from: string;
  to: string;
  topology: Plan['topology'];
  role: Plan['role'];
  edition: Plan['edition'];
  basis: Route['basis'];
  hops: ReportHop[];
  alternatives: ReportRoute[];
  strategies: Strategy[];
  problems: PlanProblem[];
  configSource?: ConfigSource;
  /** Plan.gatewayElsewhere: the files given run only an ingress controller; why. */
  gatewayElsewhere?: string;
}

/** A value the installation derived, and why: "enterprise (from --edition)", "hybrid (role = control_plane at kong.conf:3)". */
export interface Derived<T extends string = string> {
  value: T;
  reason: string;
}

export interface ReportInstallation {
  edition: Derived;
  topology: Derived;
  from: Derived;
  to: Derived;
  /** Every input that was read, for the report header (`kong.conf`, `database postgres@db:5432/kong`). */
  inputs: { kind: string; label: string }[];
  /** The kong.conf path: findings without a file of their own anchor there in SARIF. */
  configFile?: string;
}

/** Why a finding is not counted: an inline comment, a configured ignore, or the baseline. */
export interface Suppression {
  kind: 'inline' | 'config' | 'baseline';
  /** The justification the team wrote (required for inline and config; absent for the baseline). */
  reason?: string;
  /** Where the suppression was written: `kong.conf:11`, `.kong-preflight.yml ignores[0]`, the baseline file. */
  source?: string;
  /** Expiry date of a configured ignore (YYYY-MM-DD). */
  expires?: string;
}

/** A finding as reported: the engine's finding plus its stable identity. */
export type ReportFinding = Finding & { fingerprint?: string };

export type SuppressedFinding = ReportFinding & { suppression: Suppression };

export interface ReportSummary {
  blocker: number;
  warning: number;
  info: number;
  total: number;
  rulesEvaluated: number;
  rulesNotEvaluated: number;
  rulesNotApplicable: number;
  internalErrors: number;
  /** Findings not counted above, per kind of suppression (what the baseline and ignores hid). */
  suppressed: { inline: number; config: number; baseline: number };
  failOn: FailOn;
  /** True when some finding is at or above `failOn`: the run exits 1. */
  failed: boolean;
}

export interface Report {
  tool: { name: string; version: string };
  installation: ReportInstallation;
  plan: ReportPlan;
  findings: ReportFinding[];
  /** Findings hidden by suppressions, ignores or the baseline; they never fail the run. */
  suppressed: SuppressedFinding[];
  notEvaluated: NotEvaluated[];
  notApplicable: NotApplicable[];
  internalErrors: InternalError[];
  /**
   * Breaking changes on the path that no rule could check here: the operator reviews them by
   * hand. Always set by buildReport; optional so hand-built reports stay valid.
   */
  manualReview?: ManualReviewItem[];
  /** Breaking changes on the path that do not concern this installation, with why. */
  notApplicableChanges?: ChangeSetAside[];
  summary: ReportSummary;
}

/** What reporters need to know about a rule (SARIF's rule table, Markdown's docs links). */
export interface RuleDescription {
  id: string;
  description: string;
  severity: Severity;
  docsUrl: string;
  remediation: string;
  introducedIn?: string;
  /** Our generated page for the rule (docs/rules/<id>.md), linked next to Kong's docs. */
  pageUrl?: string;
  /** The rule's full documentation in Markdown (the same text as its page and `explain`). */
  helpMarkdown?: string;
}

export function hopToReport(hop: Hop): ReportHop {
  return {
    from: hop.from,
    to: hop.to,
    label: hop.label,
    ...(hop.condition ? { condition: hop.condition } : {}),
    ...(hop.note ? { note: hop.note } : {}),
  };
}

export function planToReport(plan: Plan): ReportPlan {
  return {
    from: plan.from.toString(),
    to: plan.to.toString(),
    topology: plan.topology,
    role: plan.role,
    edition: plan.edition,
    basis: plan.basis,
    hops: plan.hops.map(hopToReport),
    alternatives: plan.alternatives.map((route) => ({
      basis: route.basis,
      hops: route.hops.map(hopToReport),
      strategies: route.strategies,
      ...(route.note ? { note: route.note } : {}),
    })),
    strategies: plan.strategies,
    problems: plan.problems,
    ...(plan.configSource ? { configSource: plan.configSource } : {}),
    ...(plan.gatewayElsewhere ? { gatewayElsewhere: plan.gatewayElsewhere } : {}),
  };
}

export function buildReport(input: {
  plan: Plan;
  installation: ReportInstallation;
  result: RunResult;
  failOn: FailOn;
  manualReview?: ManualReviewItem[];
  notApplicableChanges?: ChangeSetAside[];
  /** Findings that triage took out of `result.findings` (src/triage). */
  suppressed?: readonly SuppressedFinding[];
}): Report {
  const { plan, installation, result, failOn } = input;
  const findings: ReportFinding[] = sortFindings(result.findings);
  const suppressed = sortFindings(input.suppressed ?? []);
  const hidden = (kind: Suppression['kind']) => suppressed.filter((f) => f.suppression.kind === kind).length;
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const failed = failOn !== 'none' && findings.some((f) => severityRank(f.severity) >= severityRank(failOn));
  return {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    installation,
    plan: planToReport(plan),
    findings,
    suppressed,
    notEvaluated: [...result.notEvaluated].sort((a, b) => compareText(a.ruleId, b.ruleId)),
    notApplicable: [...result.notApplicable].sort((a, b) => compareText(a.ruleId, b.ruleId)),
    internalErrors: [...result.internalErrors].sort((a, b) => compareText(a.ruleId, b.ruleId)),
    manualReview: input.manualReview ?? [],
    ...(input.notApplicableChanges?.length ? { notApplicableChanges: input.notApplicableChanges } : {}),
    summary: {
      blocker: count('blocker'),
      warning: count('warning'),
      info: count('info'),
      total: findings.length,
      rulesEvaluated: result.evaluated.length,
      rulesNotEvaluated: result.notEvaluated.length,
      rulesNotApplicable: result.notApplicable.length,
      internalErrors: result.internalErrors.length,
      suppressed: { inline: hidden('inline'), config: hidden('config'), baseline: hidden('baseline') },
      failOn,
      failed,
    },
  };
}

/**
 * Blockers first, then by place, then by rule: the same input always gives the same order.
 * Sorts a copy; each finding's place key is built once, not once per comparison.
 */
function sortFindings<F extends Finding>(list: readonly F[]): F[] {
  const sorted = list
    .map((finding) => ({ finding, key: placeKey(finding.location) }))
    .sort((a, b) => compareWithKeys(a.finding, a.key, b.finding, b.key));
  return collapseRepeats(sorted);
}

/**
 * Findings that say the same thing at the same place are one finding. A YAML anchor shared by
 * six plugins gave six identical lines at the anchor, though its text is fixed once and nothing
 * told the six apart. The first is kept and says how many entities share the text. Sorting puts
 * such findings side by side, so this is one pass with no keys built.
 */
function collapseRepeats<F extends Finding>(sorted: readonly { finding: F; key: PlaceKey }[]): F[] {
  const kept: F[] = [];
  let last: { finding: F; key: PlaceKey } | undefined;
  let count = 0;
  const close = () => {
    if (last && count > 1) {
      last.finding.message += ` (said once for the ${count} entities that share this text, as a YAML anchor and its aliases do)`;
      last.finding.data = { ...last.finding.data, sharedBy: count };
    }
  };
  for (const item of sorted) {
    if (last && sameFinding(last, item)) {
      count++;
      continue;
    }
    close();
    kept.push(item.finding);
    last = item;
    count = 1;
  }
  close();
  return kept;
}

function sameFinding(a: { finding: Finding; key: PlaceKey }, b: { finding: Finding; key: PlaceKey }): boolean {
  const x = a.finding;
  const y = b.finding;
  return x.message === y.message && x.ruleId === y.ruleId && x.messageId === y.messageId && x.severity === y.severity && x.hop === y.hop
    && a.key.head === b.key.head && a.key.line === b.key.line && a.key.column === b.key.column;
}

function compareWithKeys(a: Finding, aKey: PlaceKey, b: Finding, bKey: PlaceKey): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    comparePlaces(aKey, bKey) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.message, b.message)
  );
}

/**
 * Where a finding is, for sorting: a text key orders places by kind, then file, then line and
 * column (zero-padded, so text order is number order). Thousands of findings share one file:
 * for those only the numbers are compared, which gives the same order as comparing the texts
 * and spares the collator ~300,000 comparisons on 20,000 findings.
 */
interface PlaceKey {
  /** The kind and file part of the text key; `line` and `column` are the rest. */
  head: string;
  line: number;
  column: number;
  /** The whole text key, made only when two places in different files are compared. */
  text?: string;
}

function comparePlaces(a: PlaceKey, b: PlaceKey): number {
  if (a.head === b.head) return a.line - b.line || a.column - b.column;
  return compareText(placeText(a), placeText(b));
}

function placeText(key: PlaceKey): string {
  if (key.text === undefined) {
    const pad = (n: number) => String(n).padStart(8, '0');
    key.text = `${key.head} ${pad(key.line)} ${pad(key.column)}`;
  }
  return key.text;
}

function placeKey(origin: Origin): PlaceKey {
  if (origin.kind === 'file') return { head: `1 ${origin.file}`, line: origin.line, column: origin.column };
  const text = otherPlace(origin);
  return { head: text, line: 0, column: 0, text };
}

function otherPlace(origin: Exclude<Origin, { kind: 'file' }>): string {
  switch (origin.kind) {
    case 'env': return `2 ${origin.env}`;
    case 'db': return `3 ${origin.table} ${origin.id ?? ''} ${origin.field ?? ''}`;
    case 'cli': return `4 ${origin.flag}`;
    case 'default': return `5 ${origin.version ?? ''}`;
    case 'global': return `0 ${origin.file ?? ''}`;
  }
}
