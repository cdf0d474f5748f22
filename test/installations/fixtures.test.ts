// The bundled example installations, checked end to end through the CLI's JSON output. Other
// rules add findings as they land; these assertions pin what each scenario is about.

import { fixture, runCli } from '../support/cli';

interface JsonFinding {
  ruleId: string;
  messageId: string;
  severity: string;
  location: { file?: string; line?: number; env?: string };
  hop?: string;
}

async function check(name: string, args: string[]) {
  const result = await runCli(['check', fixture('installations', name, 'kong.conf'), ...args, '--format', 'json']);
  expect(result.stderr).toBe('');
  const report = JSON.parse(result.stdout);
  return { code: result.code, report, findings: report.findings as JsonFinding[] };
}

const pick = (findings: JsonFinding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId);

describe('fixture installations', () => {
  it('Enterprise 2.8 on Cassandra going to 3.4: a blocker at the database line', async () => {
    const { code, report, findings } = await check('ee-2.8-cassandra', ['--from', '2.8.2.4', '--to', '3.4']);
    expect(code).toBe(1);
    expect(report.installation.edition.value).toBe('enterprise');
    expect(report.installation.topology.value).toBe('traditional');
    expect(pick(findings, 'conf/cassandra-removed')).toEqual([
      expect.objectContaining({ messageId: 'removed', severity: 'blocker', location: expect.objectContaining({ line: 14 }) }),
    ]);
    // No license variable and no database to look in: a warning that says what could not be checked.
    expect(pick(findings, 'license/enterprise-license')).toEqual([expect.objectContaining({ messageId: 'missingDbUnchecked', severity: 'warning' })]);
    // license_path is not a kong.conf key: Kong ignores the line, and the report says so.
    expect(findings).toContainEqual(expect.objectContaining({ ruleId: 'conf/unknown-property', location: expect.objectContaining({ line: 26 }) }));
    // The escaped password never reaches the report.
    expect(JSON.stringify(report)).not.toContain('Sup3r');
  });

  it('the same node going only to 3.3 gets a deprecation warning, not a blocker', async () => {
    const { findings } = await check('ee-2.8-cassandra', ['--from', '2.8.2.4', '--to', '3.3']);
    expect(pick(findings, 'conf/cassandra-removed')).toEqual([expect.objectContaining({ messageId: 'deprecated', severity: 'warning' })]);
  });

  it('Enterprise 2.8.2.4 on PostgreSQL with pg_ssl_version = tlsv1: blocker at line 10', async () => {
    const { code, findings } = await check('ee-2.8-postgres', ['--from', '2.8.2.4', '--to', '3.4']);
    expect(code).toBe(1);
    expect(pick(findings, 'conf/pg-ssl-version-enum')).toEqual([
      expect.objectContaining({ messageId: 'outsideEnum', severity: 'blocker', location: expect.objectContaining({ line: 10 }) }),
    ]);
  });

  it('hybrid control plane on 3.1.1.1: topology inferred, the 3.1.1.3 stop reported', async () => {
    const { report, findings } = await check('ee-3.1-hybrid-cp', ['--from', '3.1.1.1', '--to', '3.4']);
    expect(report.installation.topology).toEqual({ value: 'hybrid', reason: expect.stringMatching(/role = control_plane at .*kong\.conf:2:1/) });
    expect(report.plan.role).toBe('control_plane');
    expect(report.plan.hops[0].to).toBe('3.1.1.3');
    expect(pick(findings, 'path/upgrade-path').map((f) => f.messageId)).toEqual(['problem']);
    expect(report.plan.strategies.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining(['dual-cluster', 'in-place']));
  });

  it('DB-less 2.6 node: topology inferred, rolling strategy, declarative backup steps', async () => {
    const { report, findings } = await check('oss-2.6-dbless', ['--from', '2.6', '--to', '3.4']);
    expect(report.installation.topology.value).toBe('dbless');
    expect(report.installation.edition.value).toBe('oss');
    expect(report.plan.strategies[0]).toMatchObject({ id: 'rolling', recommended: true });
    const backup = pick(findings, 'backup/backup-evidence');
    expect(backup).toHaveLength(1);
    expect(JSON.stringify(backup[0])).toMatch(/declarative_config/);
  });

  it('clean 3.3 node going to 3.4: no blocker, exit 0', async () => {
    const { code, findings } = await check('oss-3.3-clean', ['--from', '3.3', '--to', '3.4']);
    expect(code).toBe(0);
    expect(findings.filter((f) => f.severity === 'blocker')).toEqual([]);
    expect(pick(findings, 'conf/cassandra-removed')).toEqual([]);
  });
});
