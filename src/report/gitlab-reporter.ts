// GitLab Code Quality report (docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format):
// a JSON array of issues with description, check_name, fingerprint, severity and a location
// whose path is relative to the repository root. Findings without a file anchor at kong.conf;
// with no kong.conf (an installation configured by KONG_* variables only) they sit at a stable
// pseudo path, because GitLab requires location.path and a dropped issue would leave a failing
// run with an empty report.

import type { Severity } from '../model/finding';
import { describeOrigin } from '../model/origin';
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
  const issues = report.findings.map((f, i) => {
    const place = placeOf(f, report);
    const where = place.pseudo ? ` [${describeOrigin(f.location)}: not in a file, listed under ${place.file}]` : '';
    return {
      type: 'issue',
      check_name: f.ruleId,
      description: `${f.message}${f.hop ? ` (hop ${f.hop})` : ''}${where}`,
      ...(f.remediation ? { content: { body: f.remediation } } : {}),
      categories: ['Compatibility'],
      severity: SEVERITY[f.severity],
      // GitLab compares reports by fingerprint; it must be unique within one report.
      fingerprint: f.fingerprint ?? prints[i],
      location: { path: place.pseudo ? place.file : artifactUri(place.file, baseDir), lines: { begin: place.line } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}

/** Pseudo paths for findings with no file at all; relative, so GitLab accepts them, and stable across runs. */
export const GITLAB_PSEUDO_PATHS = { env: '.kong-preflight/env', installation: '.kong-preflight/installation' } as const;

function placeOf(f: ReportFinding, report: Report): { file: string; line: number; pseudo?: true } {
  const loc = f.location;
  if (loc.kind === 'file') return loc;
  if (loc.kind === 'db' && loc.anchor) return loc.anchor;
  if (loc.kind === 'global' && loc.file) return { file: loc.file, line: 1 };
  if (report.installation.configFile) return { file: report.installation.configFile, line: 1 };
  return { file: loc.kind === 'env' ? GITLAB_PSEUDO_PATHS.env : GITLAB_PSEUDO_PATHS.installation, line: 1, pseudo: true };
}
