// SARIF 2.1.0 for code scanning. Every result needs a file: findings on environment variables,
// database rows or the installation as a whole anchor at the kong.conf line that configures them.
// Results carry stable partialFingerprints (src/report/fingerprint.ts) so alerts survive edits,
// the run carries automationDetails.id per installation so several gateways upload side by side,
// and repeated findings are aggregated to stay within code scanning's limits (sarif-aggregate.ts).

import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { severityRank, type Severity } from '../model/finding';
import type { FileOrigin } from '../model/origin';
import { describeOrigin } from '../model/origin';
import { FINGERPRINT_KEY, fingerprintFindings, type LineReader } from './fingerprint';
import type { Report, ReportFinding, RuleDescription, SuppressedFinding } from './report';
import { DEFAULT_AGGREGATE_ABOVE, groupForSarif, SARIF_LIMITS, type FindingGroup } from './sarif-aggregate';
import { REPOSITORY_URL } from '../docs/rule-links';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { blocker: 'error', warning: 'warning', info: 'note' };
/** GitHub orders and filters alerts by this number (0.1-10); blockers sort above warnings. */
const SECURITY_SEVERITY: Record<Severity, string> = { blocker: '8.0', warning: '5.0', info: '2.0' };

export interface SarifOptions {
  /** Folder that artifact URIs are made relative to (the repository root in CI). */
  baseDir?: string;
  /** Reads source lines for fingerprints of findings that have none yet. */
  readLine?: LineReader;
  /** Names this installation in automationDetails.id; derived from the kong.conf path when absent. */
  category?: string;
  /** More findings than this of one rule in one file become one result. */
  aggregateAbove?: number;
}

export function formatSarif(report: Report, rules: readonly RuleDescription[], options: SarifOptions = {}): string {
  return `${JSON.stringify(buildSarif(report, rules, options), null, 2)}\n`;
}

export function buildSarif(report: Report, rules: readonly RuleDescription[], options: SarifOptions = {}) {
  const baseDir = options.baseDir ?? process.cwd();
  // Every rule goes into the table, not only those with results, so code scanning can show
  // rules that passed and close alerts when a finding goes away.
  const ruleTable = [...rules];
  const ruleIndex = new Map(ruleTable.map((r, i) => [r.id, i]));
  const ctx: ResultContext = { report, baseDir, ruleIndex, hopTargets: hopTargets(report) };

  const kept = withFingerprints(report.findings, options.readLine, baseDir);
  const hidden = withFingerprints(report.suppressed, options.readLine, baseDir) as SuppressedFinding[];
  const groups = groupForSarif(kept, options.aggregateAbove ?? DEFAULT_AGGREGATE_ABOVE);
  let results = [
    ...groups.map((g) => toResult(g, ctx)),
    ...groupForSarif(hidden, options.aggregateAbove ?? DEFAULT_AGGREGATE_ABOVE).map((g) => toResult(g, ctx)),
  ];
  const notifications: object[] = [];
  if (results.length > SARIF_LIMITS.resultsPerRun) {
    notifications.push({
      level: 'warning',
      message: { text: `${results.length} results exceed code scanning's limit of ${SARIF_LIMITS.resultsPerRun} per run; the first ${SARIF_LIMITS.resultsPerRun} (most severe first) are kept, the JSON report has all.` },
    });
    results = results.slice(0, SARIF_LIMITS.resultsPerRun);
  }

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: REPOSITORY_URL,
            rules: ruleTable.map(toReportingDescriptor),
          },
        },
        automationDetails: { id: `${report.tool.name}/${options.category ? safeCategory(options.category) : installationCategory(report, baseDir)}/` },
        invocations: [
          {
            executionSuccessful: report.internalErrors.length === 0,
            toolExecutionNotifications: [
              ...report.notEvaluated.map((n) => ({
                level: 'note',
                message: { text: `${n.ruleId} not evaluated: ${n.reason}` },
                associatedRule: ruleRef(n.ruleId, ruleIndex),
              })),
              ...report.internalErrors.map((e) => ({
                level: 'error',
                message: { text: `${e.ruleId} failed: ${e.message}` },
                associatedRule: ruleRef(e.ruleId, ruleIndex),
              })),
              ...notifications,
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
          suppressed: report.summary.suppressed,
        },
      },
    ],
  };
}

interface ResultContext {
  report: Report;
  baseDir: string;
  ruleIndex: Map<string, number>;
  /** Hop label -> its target version, for the `kong-<version>` tag. */
  hopTargets: Map<string, string>;
}

function toReportingDescriptor(rule: RuleDescription) {
  const links = [`[Kong documentation](${rule.docsUrl})`, ...(rule.pageUrl ? [`[Rule page](${rule.pageUrl})`] : [])].join(' · ');
  return {
    id: rule.id,
    name: rule.id.split('/').map(pascal).join(''),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    help: {
      text: `${rule.description}\n\nRemediation: ${rule.remediation}\n\nDocumentation: ${rule.docsUrl}${rule.pageUrl ? `\nRule page: ${rule.pageUrl}` : ''}`,
      markdown: rule.helpMarkdown ? `${rule.helpMarkdown}\n\n${links}` : `${rule.description}\n\n**Remediation:** ${rule.remediation}\n\n${links}`,
    },
    helpUri: rule.docsUrl,
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['kong', 'upgrade', rule.id.split('/')[0], ...(rule.introducedIn ? [`kong-${rule.introducedIn}`] : [])],
      severity: rule.severity,
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  };
}

function toResult(group: FindingGroup, ctx: ResultContext) {
  const first = group.findings[0];
  const severity = group.findings.reduce<Severity>((s, f) => (severityRank(f.severity) > severityRank(s) ? f.severity : s), first.severity);
  const place = physicalPlace(first, ctx.report);
  const where = first.location.kind === 'file' ? '' : ` [${describeOrigin(first.location)}]`;
  const text = group.aggregated
    ? `${group.findings.length} findings of ${first.ruleId} in this file (aggregated to stay within code scanning's limits; the first ${Math.min(group.findings.length, SARIF_LIMITS.relatedLocationsShown)} are linked). First: ${first.message}`
    : `${first.message}${where}`;
  const fingerprint = group.aggregated ? `${first.fingerprint?.split(':')[0] ?? ''}:aggregate` : first.fingerprint;
  const hopTarget = first.hop ? ctx.hopTargets.get(first.hop) : undefined;
  const suppression = (first as Partial<SuppressedFinding>).suppression;
  return {
    ruleId: first.ruleId,
    ...(ctx.ruleIndex.has(first.ruleId) ? { ruleIndex: ctx.ruleIndex.get(first.ruleId) } : {}),
    level: LEVEL[severity],
    message: { text },
    locations: place ? [physicalLocation(place, ctx.baseDir)] : [],
    ...(group.aggregated
      ? {
          relatedLocations: group.findings.slice(0, SARIF_LIMITS.relatedLocationsShown).map((f, id) => ({
            id,
            ...physicalLocation(physicalPlace(f, ctx.report)!, ctx.baseDir),
            message: { text: f.message },
          })),
        }
      : relatedOf(first, ctx.baseDir)),
    ...(fingerprint ? { partialFingerprints: { [FINGERPRINT_KEY]: fingerprint } } : {}),
    ...(suppression
      ? {
          suppressions: [
            {
              kind: suppression.kind === 'inline' ? 'inSource' : 'external',
              ...(suppression.reason ? { justification: suppression.reason } : {}),
              ...(suppression.source ? { properties: { source: suppression.source, ...(suppression.expires ? { expires: suppression.expires } : {}) } } : {}),
            },
          ],
        }
      : {}),
    properties: {
      severity,
      ...(first.hop ? { hop: first.hop } : {}),
      ...(first.remediation ? { remediation: first.remediation } : {}),
      ...(group.aggregated ? { occurrences: group.findings.length } : {}),
      tags: [...(hopTarget ? [`kong-${hopTarget}`] : [])],
    },
  };
}

/** The further file places a finding names (the other fields of a grouped finding), as SARIF related locations. */
function relatedOf(finding: ReportFinding, baseDir: string): { relatedLocations?: ReturnType<typeof physicalLocation>[] } {
  const files = (finding.alsoAt ?? []).filter((at): at is FileOrigin => at.kind === 'file');
  return files.length > 0 ? { relatedLocations: files.map((at, id) => ({ id, ...physicalLocation(at, baseDir) })) } : {};
}

function physicalLocation(place: Pick<FileOrigin, 'file' | 'line' | 'column'>, baseDir: string) {
  return {
    physicalLocation: {
      artifactLocation: { uri: artifactUri(place.file, baseDir) },
      region: { startLine: place.line, startColumn: place.column },
    },
  };
}

function withFingerprints<T extends ReportFinding>(findings: readonly T[], readLine: LineReader | undefined, baseDir: string): T[] {
  if (findings.every((f) => f.fingerprint)) return [...findings];
  const prints = fingerprintFindings(findings, readLine, baseDir);
  return findings.map((f, i) => (f.fingerprint ? f : { ...f, fingerprint: prints[i] }));
}

function ruleRef(id: string, ruleIndex: Map<string, number>) {
  return { id, ...(ruleIndex.has(id) ? { index: ruleIndex.get(id) } : {}) };
}

function hopTargets(report: Report): Map<string, string> {
  return new Map(report.plan.hops.map((h) => [h.label, h.to]));
}

/** The file position a result is shown at: its own, its database anchor, or kong.conf's first line. */
function physicalPlace(finding: ReportFinding, report: Report): Pick<FileOrigin, 'file' | 'line' | 'column'> | undefined {
  const loc = finding.location;
  if (loc.kind === 'file') return loc;
  if (loc.kind === 'db' && loc.anchor) return loc.anchor;
  if (loc.kind === 'global' && loc.file) return { file: loc.file, line: 1, column: 1 };
  return report.installation.configFile ? { file: report.installation.configFile, line: 1, column: 1 } : undefined;
}

/**
 * The installation's name for automationDetails.id: the kong.conf path relative to the base
 * folder, made safe (`gateways/eu-west/kong.conf` -> `gateways-eu-west-kong.conf`). Code scanning
 * keeps one analysis per id, so two gateways in one repository do not close each other's alerts.
 */
export function installationCategory(report: Report, baseDir: string): string {
  const file = report.installation.configFile;
  if (!file) return `${report.plan.topology}-${report.plan.role}`;
  return safeCategory(artifactUri(file, baseDir).replace(/^file:\/+/, ''));
}

/** Slashes end the category part of an automation id; keep one path segment of safe characters. */
function safeCategory(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'default';
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
