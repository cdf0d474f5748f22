// Decides which findings count: inline suppressions first, then configured ignores, then the
// baseline. Every finding (hidden or not) gets its fingerprint here, before the baseline, so the
// baseline and SARIF agree on identities. Findings about the suppressions themselves
// (meta/*) are added and can be baselined like any other.

import type { LoadedConfig } from '../config/types';
import type { SuppressionComment } from '../inputs/suppression-comments';
import type { Finding } from '../model/finding';
import { fingerprintFindings, type LineReader, type VolatileData } from '../report/fingerprint';
import type { ReportFinding, SuppressedFinding } from '../report/report';
import { applyBaseline, baselineFrom, readBaseline, writeBaseline } from './baseline';
import { applyConfigIgnores } from './ignores';
import { applyInlineSuppressions } from './inline';
import type { MetaPolicy } from './meta-findings';

export interface TriageOptions {
  comments: readonly SuppressionComment[];
  config?: LoadedConfig;
  knownRules: ReadonlySet<string>;
  evaluatedRules: ReadonlySet<string>;
  policy: MetaPolicy;
  now: Date;
  readLine: LineReader;
  /** Data fields rules leave out of fingerprints (RuleMeta.volatileData). */
  volatileData?: VolatileData;
  /** Paths in fingerprints are relative to this folder (the repository root in CI). */
  baseDir?: string;
  /** `--baseline FILE` (absolute; `shown` as the user wrote it); with `update`, rewritten from this run's findings first. */
  baseline?: { file: string; shown?: string; update: boolean };
}

export interface TriageResult {
  findings: ReportFinding[];
  suppressed: SuppressedFinding[];
  /** Ids of meta rules that reported (they count as evaluated). */
  metaRules: string[];
  /** Entries written by --update-baseline. */
  baselineWritten?: number;
}

export function triage(findings: readonly Finding[], options: TriageOptions): TriageResult {
  const inline = applyInlineSuppressions(findings, options.comments, options);
  const ignored = applyConfigIgnores([...inline.kept, ...inline.meta], options.config, options.now, options.policy);
  const kept = [...ignored.kept, ...ignored.meta];
  const hidden: SuppressedFinding[] = [...inline.suppressed, ...ignored.suppressed];

  // One fingerprinting pass over everything, so occurrence numbers do not depend on what was hidden.
  const all: Finding[] = [...kept, ...hidden];
  const prints = fingerprintFindings(all, options.readLine, options.baseDir, options.volatileData);
  // The fingerprint is written onto each finding rather than into a copy: the findings are this
  // run's own, and copying 20,000 of them cost more than everything else here but the hashing.
  const keptPrinted = kept.map((f, i) => withFingerprint<ReportFinding>(f, prints[i]));
  const hiddenPrinted = hidden.map((f, i) => withFingerprint<SuppressedFinding>(f, prints[kept.length + i]));

  let result: TriageResult = {
    findings: keptPrinted,
    suppressed: hiddenPrinted,
    metaRules: [...new Set([...inline.meta, ...ignored.meta].map((f) => f.ruleId))],
  };
  if (options.baseline) {
    const { file, update } = options.baseline;
    const shown = options.baseline.shown ?? file;
    let written: number | undefined;
    if (update) {
      const fresh = baselineFrom(keptPrinted);
      writeBaseline(file, fresh, shown);
      written = fresh.findings.length;
    }
    const applied = applyBaseline(keptPrinted, readBaseline(file, shown), shown);
    result = { ...result, findings: applied.kept, suppressed: [...hiddenPrinted, ...applied.suppressed], ...(written !== undefined ? { baselineWritten: written } : {}) };
  }
  return result;
}

function withFingerprint<F extends ReportFinding>(finding: Finding, fingerprint: string): F {
  const printed = finding as F;
  printed.fingerprint = fingerprint;
  return printed;
}
