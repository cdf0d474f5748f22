// SARIF for code scanning: valid against the official 2.1.0 schema for every fixture, stable
// fingerprints, one automation id per installation, notifications, rule help, aggregation.

import '@microsoft/jest-sarif';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, REPO_ROOT, runCli } from '../support/cli';
import { tempDir } from '../support/temp';
import { buildSarif } from '../../src/report/sarif-reporter';
import { DEFAULT_AGGREGATE_ABOVE, SARIF_LIMITS } from '../../src/report/sarif-aggregate';
import type { Report, ReportFinding } from '../../src/report/report';
import { FINGERPRINT_KEY } from '../../src/report/fingerprint';

type SarifResult = { ruleId: string; level: string; partialFingerprints?: Record<string, string>; locations: { physicalLocation: { region: { startLine: number } } }[]; relatedLocations?: unknown[]; properties: Record<string, unknown>; suppressions?: { kind: string; justification?: string }[] };

async function sarifOf(args: string[], cwd = REPO_ROOT) {
  const result = await runCli(['check', ...args, '--format', 'sarif', '--fail-on', 'none'], { cwd });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

/** The version to start from, read from the fixture's name (`ee-2.8-cassandra` -> 2.8). */
function fromOf(name: string): string {
  return /-(\d+\.\d+)-/.exec(name)![1];
}

describe('SARIF from every fixture installation', () => {
  const names = readdirSync(join(REPO_ROOT, 'fixtures/installations')).sort();

  it.each(names)('%s validates against the SARIF 2.1.0 schema', async (name) => {
    const sarif = await sarifOf([fixture('installations', name, 'kong.conf'), '--from', fromOf(name), '--to', '3.4']);
    expect(sarif).toBeValidSarifLog();
    const run = sarif.runs[0];
    expect(run.automationDetails.id).toBe(`kong-preflight/fixtures-installations-${name}-kong.conf/`);
    for (const r of run.results as SarifResult[]) {
      expect(r.partialFingerprints?.[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{32}:\d+$/);
      expect(r.locations).toHaveLength(1);
    }
  });

  it('gives each installation its own automation id, or the --category given', async () => {
    const a = await sarifOf([fixture('installations/ee-2.8-cassandra/kong.conf'), '--from', '2.8', '--to', '3.4']);
    const b = await sarifOf([fixture('installations/ee-2.8-postgres/kong.conf'), '--from', '2.8', '--to', '3.4', '--category', 'eu-west']);
    expect(a.runs[0].automationDetails.id).not.toBe(b.runs[0].automationDetails.id);
    expect(b.runs[0].automationDetails.id).toBe('kong-preflight/eu-west/');
  });
});

describe('SARIF run metadata', () => {
  it('lists rules that could not run as notifications tied to the rule, and says the run succeeded', async () => {
    const sarif = await sarifOf(['--from', '2.8', '--to', '3.4', '--edition', 'enterprise']);
    const invocation = sarif.runs[0].invocations[0];
    expect(invocation.executionSuccessful).toBe(true);
    const license = invocation.toolExecutionNotifications.find((n: { associatedRule: { id: string } }) => n.associatedRule.id === 'license/enterprise-license');
    expect(license.level).toBe('note');
    expect(license.message.text).toMatch(/not evaluated/);
    const index = sarif.runs[0].tool.driver.rules.findIndex((r: { id: string }) => r.id === 'license/enterprise-license');
    expect(license.associatedRule.index).toBe(index);
  });

  it('describes each rule with markdown help, the Kong docs as helpUri, our page and version tags', async () => {
    const sarif = await sarifOf([fixture('installations/ee-2.8-cassandra/kong.conf'), '--from', '2.8', '--to', '3.4']);
    const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'conf/cassandra-removed');
    expect(rule.helpUri).toMatch(/^https:\/\/(docs|developer)\.konghq\.com\//);
    expect(rule.help.markdown).toContain('# conf/cassandra-removed');
    expect(rule.help.markdown).toContain('## Remediation');
    expect(rule.help.markdown).toContain('docs/rules/conf/cassandra-removed.md');
    expect(rule.properties.tags).toEqual(expect.arrayContaining(['kong', 'upgrade', 'conf']));
    expect(rule.properties.tags.length).toBeLessThanOrEqual(10);
    // A rule gated on a version carries it as a tag.
    const pg = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'conf/pg-ssl-version-enum');
    expect(pg.properties.tags).toContain('kong-3.2.1.0');
    const result = (sarif.runs[0].results as SarifResult[]).find((r) => r.ruleId === 'conf/cassandra-removed')!;
    // The result is tagged with the version of the hop that requires the change.
    expect(result.properties.tags).toEqual(['kong-3.4.x']);
  });
});

describe('fingerprints', () => {
  const conf = readFileSync(fixture('installations/ee-2.8-cassandra/kong.conf'), 'utf8');
  const prints = async (text: string) => {
    const dir = tempDir({ 'kong.conf': text });
    const sarif = await sarifOf([join(dir, 'kong.conf'), '--from', '2.8', '--to', '3.4'], dir);
    return new Map((sarif.runs[0].results as SarifResult[]).map((r) => [r.ruleId, { print: r.partialFingerprints![FINGERPRINT_KEY], line: r.locations[0].physicalLocation.region.startLine }]));
  };

  it('survive lines inserted above a finding and re-indentation of its line', async () => {
    const before = await prints(conf);
    const moved = await prints(`# a new header\n\n# more notes\nnginx_worker_processes = 2\n${conf.replace('database = cassandra', '  database   =   cassandra')}`);
    const cassandra = before.get('conf/cassandra-removed')!;
    expect(moved.get('conf/cassandra-removed')!.line).toBe(cassandra.line + 4);
    expect(moved.get('conf/cassandra-removed')!.print).toBe(cassandra.print);
  });

  it('tell apart two findings of one rule, and ignore a comment added after the value', async () => {
    const ee = async (text: string) => {
      const dir = tempDir({ 'kong.conf': text });
      const sarif = await sarifOf([join(dir, 'kong.conf'), '--from', '2.8', '--to', '3.4', '--edition', 'enterprise'], dir);
      return (sarif.runs[0].results as SarifResult[]).filter((r) => r.ruleId === 'conf/pg-ssl-version-enum').map((r) => r.partialFingerprints![FINGERPRINT_KEY]);
    };
    const [both, commented] = [
      await ee('pg_ssl_version = tlsv1\npg_ro_ssl_version = tlsv1\n'),
      await ee('pg_ssl_version = tlsv1   # set by the 2.8 installer\npg_ro_ssl_version = tlsv1\n'),
    ];
    expect(both).toHaveLength(2);
    expect(new Set(both).size).toBe(2);
    expect(new Set(commented)).toEqual(new Set(both));
  });

  // One finding per prometheus plugin for its four 3.0 metric switches: setting one of them must
  // not reopen the alert, and the finding stays on the plugin.
  it('keep one prometheus finding per plugin as its metric switches get set', async () => {
    const prometheus = async (config: string) => {
      const dir = tempDir({ 'kong.yml': `_format_version: "1.1"\nplugins:\n- name: prometheus\n  config: ${config}\n- name: prometheus\n  tags: [second]\n` });
      const sarif = await sarifOf(['--declarative', join(dir, 'kong.yml'), '--from', '2.8', '--to', '3.4', '--no-db'], dir);
      return (sarif.runs[0].results as SarifResult[]).filter((r) => r.ruleId === 'entities/default-changed')
        .map((r) => ({ print: r.partialFingerprints![FINGERPRINT_KEY], line: r.locations[0].physicalLocation.region.startLine }));
    };
    const before = await prometheus('{per_consumer: true}');
    const after = await prometheus('{per_consumer: true, latency_metrics: true}');
    expect(before.map((r) => r.line)).toEqual([4, 5]);
    expect(after).toEqual(before);
  });
});

describe('aggregation for code scanning limits', () => {
  const base = (findings: ReportFinding[]): Report => ({
    tool: { name: 'kong-preflight', version: '0.0.0' },
    installation: {
      edition: { value: 'oss', reason: 'test' }, topology: { value: 'dbless', reason: 'test' },
      from: { value: '3.3.0', reason: 'test' }, to: { value: '3.4.0', reason: 'test' }, inputs: [], configFile: '/repo/kong.conf',
    },
    plan: { from: '3.3.0', to: '3.4.0', topology: 'dbless', role: 'dbless', edition: 'oss', basis: 'guaranteed-paths', hops: [{ from: '3.3.0', to: '3.4.0', label: '3.3.0 -> 3.4.0' }], alternatives: [], strategies: [], problems: [] },
    findings,
    suppressed: [],
    notEvaluated: [], notApplicable: [], internalErrors: [],
    summary: { blocker: 0, warning: findings.length, info: 0, total: findings.length, rulesEvaluated: 1, rulesNotEvaluated: 0, rulesNotApplicable: 0, internalErrors: 0, suppressed: { inline: 0, config: 0, baseline: 0 }, failOn: 'blocker', failed: false },
  });
  const route = (file: string, line: number, severity: 'warning' | 'blocker' = 'warning'): ReportFinding => ({
    ruleId: 'declarative/regex-path', messageId: 'm', severity, message: `route at line ${line}`, location: { kind: 'file', file, line, column: 5 }, hop: '3.3.0 -> 3.4.0',
  });

  it('turns 50,000 findings of one rule in one file into one valid result within the limits', () => {
    const findings = Array.from({ length: 50_000 }, (_, i) => route('/repo/kong.yml', i + 1));
    findings[700] = route('/repo/kong.yml', 701, 'blocker');
    findings.push(route('/repo/other.yml', 3));
    const sarif = buildSarif(base(findings), [], { baseDir: '/repo' });
    expect(sarif).toBeValidSarifLog();
    const results = sarif.runs[0].results as unknown as SarifResult[];
    expect(results).toHaveLength(2);
    const big = results.find((r) => (r.properties.occurrences as number) === 50_000)!;
    expect(big.level).toBe('error'); // the most severe of the group
    expect(big.relatedLocations).toHaveLength(SARIF_LIMITS.relatedLocationsShown);
    expect(big.locations[0].physicalLocation.region.startLine).toBe(1);
    expect(big.partialFingerprints![FINGERPRINT_KEY]).toMatch(/:aggregate$/);
    expect(JSON.stringify(sarif).length).toBeLessThan(10_000_000);
  });

  it('keeps findings apart up to the threshold', () => {
    const findings = Array.from({ length: DEFAULT_AGGREGATE_ABOVE }, (_, i) => route('/repo/kong.yml', i + 1));
    const sarif = buildSarif(base(findings), [], { baseDir: '/repo' });
    expect(sarif.runs[0].results).toHaveLength(DEFAULT_AGGREGATE_ABOVE);
    const prints = new Set((sarif.runs[0].results as unknown as SarifResult[]).map((r) => r.partialFingerprints![FINGERPRINT_KEY]));
    expect(prints.size).toBe(DEFAULT_AGGREGATE_ABOVE);
  });

  it('reports suppressed findings with their justification so code scanning closes them', () => {
    const report = base([]);
    report.suppressed = [{ ...route('/repo/kong.yml', 4), suppression: { kind: 'inline', reason: 'legacy route, removed in OPS-9', source: '/repo/kong.yml:3' } }];
    const sarif = buildSarif(report, [], { baseDir: '/repo' });
    expect(sarif).toBeValidSarifLog();
    const [result] = sarif.runs[0].results as unknown as SarifResult[];
    expect(result.suppressions).toEqual([expect.objectContaining({ kind: 'inSource', justification: 'legacy route, removed in OPS-9' })]);
  });
});
