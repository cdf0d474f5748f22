// GitLab Code Quality report (docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format):
// a JSON array of issues with description, check_name, fingerprint, severity and a location
// whose path is relative to the repository root. Findings without a file anchor at kong.conf.

import type { Severity } from '../model/finding';
import { fingerprintFindings, type LineReader } from './fingerprint';
import type { Report, ReportFinding } from './report';
import { artifactUri } from './sarif-reporter';

const SEVERITY: Record<Severity, 'blocker' | 'major' | 'info'> = { blocker: 'blocker', warning: 'major', info: 'info' };

export interface GitlabOptions {
  baseDir?: string;
  readLine?: LineReader;
}

export function formatGitlab(report: Report, options: GitlabOptions = {}): string {
  const baseDir = options.baseDir ?? process.cwd();
  // Findings from a check carry the fingerprint triage gave them; only hand-built reports need new ones.
  const prints = report.findings.every((f) => f.fingerprint) ? [] : fingerprintFindings(report.findings, options.readLine, baseDir);
  const issues = report.findings.flatMap((f, i) => {
    const place = placeOf(f, report);
    if (!place) return [];
    return [{
      type: 'issue',
      check_name: f.ruleId,
      description: `${f.message}${f.hop ? ` (hop ${f.hop})` : ''}`,
      ...(f.remediation ? { content: { body: f.remediation } } : {}),
      categories: ['Compatibility'],
      severity: SEVERITY[f.severity],
      // GitLab compares reports by fingerprint; it must be unique within one report.
      fingerprint: f.fingerprint ?? prints[i],
      location: { path: artifactUri(place.file, baseDir), lines: { begin: place.line } },
    }];
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}

function placeOf(f: ReportFinding, report: Report): { file: string; line: number } | undefined {
  const loc = f.location;
  if (loc.kind === 'file') return loc;
  if (loc.kind === 'db' && loc.anchor) return loc.anchor;
  if (loc.kind === 'global' && loc.file) return { file: loc.file, line: 1 };
  return report.installation.configFile ? { file: report.installation.configFile, line: 1 } : undefined;
}
