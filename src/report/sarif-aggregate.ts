// Keeps SARIF within GitHub code scanning's documented limits
// (docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit):
// at most 25,000 results per run (only 5,000 are shown), 1,000 locations per result (100 shown).
// A rule that fires thousands of times in one file (a regex rule over a 50,000-route kong.yml)
// becomes one result per (rule, file) that lists the first places as related locations.

import type { ReportFinding } from './report';

export const SARIF_LIMITS = {
  resultsPerRun: 25_000,
  /** Code scanning stores all 1,000 but shows 100; we keep what is shown. */
  relatedLocationsShown: 100,
} as const;

/** Default: more than this many findings of one rule in one file are aggregated. */
export const DEFAULT_AGGREGATE_ABOVE = 100;

export interface FindingGroup {
  /** One finding, or the findings of one rule in one file when they exceed the threshold. */
  findings: ReportFinding[];
  aggregated: boolean;
}

/** Groups findings for SARIF, in the report's order (each group sits where its first finding was). */
export function groupForSarif(findings: readonly ReportFinding[], aggregateAbove = DEFAULT_AGGREGATE_ABOVE): FindingGroup[] {
  const byRuleFile = new Map<string, ReportFinding[]>();
  for (const f of findings) {
    if (f.location.kind !== 'file') continue;
    const key = `${f.ruleId}\u0000${f.location.file}`;
    const list = byRuleFile.get(key);
    if (list) list.push(f);
    else byRuleFile.set(key, [f]);
  }
  const groups: FindingGroup[] = [];
  const emitted = new Set<string>();
  for (const f of findings) {
    const key = f.location.kind === 'file' ? `${f.ruleId}\u0000${f.location.file}` : undefined;
    const list = key ? byRuleFile.get(key)! : undefined;
    if (key && list && list.length > aggregateAbove) {
      if (emitted.has(key)) continue;
      emitted.add(key);
      const ordered = [...list].sort((a, b) => lineOf(a) - lineOf(b));
      groups.push({ findings: ordered, aggregated: true });
    } else {
      groups.push({ findings: [f], aggregated: false });
    }
  }
  return groups;
}

function lineOf(f: ReportFinding): number {
  return f.location.kind === 'file' ? f.location.line * 10_000 + f.location.column : 0;
}
