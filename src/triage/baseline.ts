// The baseline: the findings a team has accepted for now, identified by fingerprint (never by
// line number, so edits elsewhere do not resurface them). With `--baseline FILE` only findings
// not in it fail the run; `--update-baseline` writes the current findings into it.

import { readFileSync, writeFileSync } from 'node:fs';
import { InputError } from '../errors';
import { fsErrorReason, fsWriteErrorReason } from '../inputs/fs-error';
import { describeOrigin } from '../model/origin';
import type { ReportFinding, SuppressedFinding } from '../report/report';
import { TOOL_NAME, TOOL_VERSION } from '../tool-info';
import { compareText } from '../text/compare';

export interface BaselineEntry {
  ruleId: string;
  fingerprint: string;
  /** For people reading the file in review; matching uses ruleId and fingerprint only. */
  location: string;
  message: string;
}

export interface BaselineFile {
  tool: string;
  version: 1;
  generatedBy: string;
  findings: BaselineEntry[];
}

/** `shown` is the path as the user wrote it, for messages. */
export function readBaseline(file: string, shown = file): BaselineFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read the baseline: ${fsErrorReason(error)}; create it with --update-baseline`, { file: shown });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new InputError('the baseline is not JSON; regenerate it with --update-baseline', { file: shown });
  }
  const b = data as Partial<BaselineFile>;
  if (b?.tool !== TOOL_NAME || b.version !== 1 || !Array.isArray(b.findings) ||
      !b.findings.every((e) => typeof e?.ruleId === 'string' && typeof e?.fingerprint === 'string')) {
    throw new InputError(`not a ${TOOL_NAME} baseline (version 1); regenerate it with --update-baseline`, { file: shown });
  }
  return b as BaselineFile;
}

export function baselineFrom(findings: readonly ReportFinding[]): BaselineFile {
  const entries = findings
    .filter((f) => f.fingerprint)
    .map((f) => ({ ruleId: f.ruleId, fingerprint: f.fingerprint!, location: describeOrigin(f.location), message: f.message }))
    .sort((a, b) => compareText(a.ruleId, b.ruleId) || compareText(a.fingerprint, b.fingerprint));
  return { tool: TOOL_NAME, version: 1, generatedBy: `${TOOL_NAME} ${TOOL_VERSION}`, findings: entries };
}

export function writeBaseline(file: string, baseline: BaselineFile, shown = file): void {
  try {
    writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
  } catch (error) {
    throw new InputError(`cannot write the baseline: ${fsWriteErrorReason(error, shown)}`, { file: shown });
  }
}

/** Splits findings into new ones and those the baseline already holds (each entry hides one finding). */
export function applyBaseline(findings: readonly ReportFinding[], baseline: BaselineFile, source: string): { kept: ReportFinding[]; suppressed: SuppressedFinding[] } {
  const remaining = new Map<string, number>();
  for (const e of baseline.findings) {
    const key = `${e.ruleId}\u0000${e.fingerprint}`;
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
  }
  const kept: ReportFinding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    const key = `${f.ruleId}\u0000${f.fingerprint ?? ''}`;
    const left = remaining.get(key) ?? 0;
    if (f.fingerprint && left > 0) {
      remaining.set(key, left - 1);
      suppressed.push({ ...f, suppression: { kind: 'baseline', source } });
    } else kept.push(f);
  }
  return { kept, suppressed };
}
