// JSON output: the contract other tools and CI scripts read (schemas/report.schema.json).
// Extend it, never break it.

import type { Report, ReportFinding } from './report';
import { toJsonLocation } from './json-location';

export function formatJson(report: Report): string {
  const findings = report.findings.map(toJsonFinding);
  const suppressed = report.suppressed.map((f) => ({ ...toJsonFinding(f), suppression: f.suppression }));
  return `${JSON.stringify({ ...report, findings, suppressed }, null, 2)}\n`;
}

function toJsonFinding(f: ReportFinding) {
  return {
    ruleId: f.ruleId,
    messageId: f.messageId,
    severity: f.severity,
    message: f.message,
    location: toJsonLocation(f.location),
    ...(f.hop ? { hop: f.hop } : {}),
    ...(f.remediation ? { remediation: f.remediation } : {}),
    ...(f.docsUrl ? { docsUrl: f.docsUrl } : {}),
    ...(f.data ? { data: f.data } : {}),
    ...(f.fingerprint ? { fingerprint: f.fingerprint } : {}),
  };
}
