// SARIF 2.1.0 for code scanning. Every result needs a file: findings on environment variables,
// database rows or the installation as a whole anchor at the kong.conf line that configures them.

import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Severity } from '../model/finding';
import type { FileOrigin } from '../model/origin';
import { describeOrigin } from '../model/origin';
import type { Report, RuleDescription } from './report';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/kong-preflight/kong-preflight';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { blocker: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  /** Folder that artifact URIs are made relative to (the repository root in CI). */
  baseDir?: string;
}

export function formatSarif(report: Report, rules: readonly RuleDescription[], options: SarifOptions = {}): string {
  const baseDir = options.baseDir ?? process.cwd();
  // Every rule goes into the table, not only those with results, so code scanning can show
  // rules that passed and close alerts when a finding goes away.
  const ruleTable = [...rules];
  const ruleIndex = new Map(ruleTable.map((r, i) => [r.id, i]));
  const results = report.findings.map((finding) => toResult(finding, report, baseDir, ruleIndex));
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: INFORMATION_URI,
            rules: ruleTable.map(toReportingDescriptor),
          },
        },
        invocations: [
          {
            executionSuccessful: report.internalErrors.length === 0,
            toolExecutionNotifications: [
              ...report.notEvaluated.map((n) => ({
                level: 'note',
                message: { text: `${n.ruleId} not evaluated: ${n.reason}` },
                descriptor: { id: n.ruleId },
              })),
              ...report.internalErrors.map((e) => ({
                level: 'error',
                message: { text: `${e.ruleId} failed: ${e.message}` },
                descriptor: { id: e.ruleId },
              })),
            ],
          },
        ],
        results,
        properties: {
          upgradePath: report.plan.hops.map((h) => h.label),
          from: report.plan.from,
          to: report.plan.to,
          topology: report.plan.topology,
          edition: report.plan.edition,
        },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function toReportingDescriptor(rule: RuleDescription) {
  return {
    id: rule.id,
    name: rule.id.split('/').map(pascal).join(''),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    help: {
      text: `${rule.description}\n\nRemediation: ${rule.remediation}\n\nDocumentation: ${rule.docsUrl}`,
      markdown: `${rule.description}\n\n**Remediation:** ${rule.remediation}\n\n[Documentation](${rule.docsUrl})`,
    },
    helpUri: rule.docsUrl,
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['kong', 'upgrade', ...(rule.introducedIn ? [`kong-${rule.introducedIn}`] : [])],
      severity: rule.severity,
    },
  };
}

function toResult(finding: Finding, report: Report, baseDir: string, ruleIndex: Map<string, number>) {
  const place = physicalPlace(finding, report);
  const where = finding.location.kind === 'file' ? '' : ` [${describeOrigin(finding.location)}]`;
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex.has(finding.ruleId) ? { ruleIndex: ruleIndex.get(finding.ruleId) } : {}),
    level: LEVEL[finding.severity],
    message: { text: `${finding.message}${where}` },
    locations: place
      ? [
          {
            physicalLocation: {
              artifactLocation: { uri: artifactUri(place.file, baseDir) },
              region: { startLine: place.line, startColumn: place.column },
            },
          },
        ]
      : [],
    properties: {
      severity: finding.severity,
      ...(finding.hop ? { hop: finding.hop } : {}),
      ...(finding.remediation ? { remediation: finding.remediation } : {}),
    },
  };
}

/** The file position a result is shown at: its own, its database anchor, or kong.conf's first line. */
function physicalPlace(finding: Finding, report: Report): Pick<FileOrigin, 'file' | 'line' | 'column'> | undefined {
  const loc = finding.location;
  if (loc.kind === 'file') return loc;
  if (loc.kind === 'db' && loc.anchor) return loc.anchor;
  if (loc.kind === 'global' && loc.file) return { file: loc.file, line: 1, column: 1 };
  return report.installation.configFile ? { file: report.installation.configFile, line: 1, column: 1 } : undefined;
}

/** Relative POSIX path under the base folder, a file URI elsewhere. */
export function artifactUri(file: string, baseDir: string): string {
  const absolute = isAbsolute(file) ? file : `${baseDir}${sep}${file}`;
  const rel = relative(baseDir, absolute);
  if (!rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  return pathToFileURL(absolute).href;
}

function pascal(word: string): string {
  return word.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
