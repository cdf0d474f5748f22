// JSON output: the contract other tools and CI scripts read (schemas/report.schema.json).
// Extend it, never break it.
//
// Written in chunks: a report of 20,000 findings is ~13 MB of JSON, and building it as one
// string (plus a copy of every finding and the encoded bytes) held ~60 MB at the end of a run.
// The bytes are exactly those of `JSON.stringify(report, null, 2)`.

import type { Report, ReportFinding, SuppressedFinding } from './report';
import { toJsonLocation } from './json-location';

export function formatJson(report: Report): string {
  return [...jsonChunks(report)].join('');
}

/** Placeholders for the two long lists while the rest of the report is stringified whole, and how they come out. */
const FINDINGS = '\u0000findings\u0000';
const SUPPRESSED = '\u0000suppressed\u0000';
const FINDINGS_JSON = JSON.stringify(FINDINGS);
const SUPPRESSED_JSON = JSON.stringify(SUPPRESSED);

export function* jsonChunks(report: Report): Generator<string> {
  const skeleton = `${JSON.stringify({ ...report, findings: FINDINGS, suppressed: SUPPRESSED }, null, 2)}\n`;
  const findingsAt = skeleton.indexOf(FINDINGS_JSON);
  const suppressedAt = skeleton.indexOf(SUPPRESSED_JSON);
  yield skeleton.slice(0, findingsAt);
  yield* listChunks(report.findings, toJsonFinding);
  yield skeleton.slice(findingsAt + FINDINGS_JSON.length, suppressedAt);
  yield* listChunks(report.suppressed, (f: SuppressedFinding) => ({ ...toJsonFinding(f), suppression: f.suppression }));
  yield skeleton.slice(suppressedAt + SUPPRESSED_JSON.length);
}

/**
 * A top-level list as JSON.stringify(report, null, 2) writes it, a batch of items at a time.
 * Each batch is stringified inside a one-key wrapper, which puts its items at the depth they
 * have in the report (four spaces), and the wrapper is cut off again.
 */
function* listChunks<F>(items: readonly F[], toJson: (item: F) => unknown): Generator<string> {
  if (items.length === 0) {
    yield '[]';
    return;
  }
  yield '[\n';
  for (let from = 0; from < items.length; from += BATCH) {
    const batch = items.slice(from, from + BATCH).map(toJson);
    const wrapped = JSON.stringify({ list: batch }, null, 2);
    const inner = wrapped.slice(WRAPPER_OPEN.length, wrapped.length - WRAPPER_CLOSE.length);
    // Yielded apart: joining the separator on would make V8 copy the whole batch to write it.
    yield inner;
    if (from + BATCH < items.length) yield ',\n';
  }
  yield '\n  ]';
}

/** Items per batch: about 0.6 MB of JSON for typical findings. */
const BATCH = 1000;
const WRAPPER_OPEN = '{\n  "list": [\n';
const WRAPPER_CLOSE = '\n  ]\n}';

/** Built key by key in the contract's order; conditional spreads cost an object each, 20,000 times over. */
function toJsonFinding(f: ReportFinding): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ruleId: f.ruleId,
    messageId: f.messageId,
    severity: f.severity,
    message: f.message,
    location: toJsonLocation(f.location),
  };
  if (f.alsoAt) out.alsoAt = f.alsoAt.map(toJsonLocation);
  if (f.hop) out.hop = f.hop;
  if (f.remediation) out.remediation = f.remediation;
  if (f.docsUrl) out.docsUrl = f.docsUrl;
  if (f.data) out.data = f.data;
  if (f.fingerprint) out.fingerprint = f.fingerprint;
  return out;
}
