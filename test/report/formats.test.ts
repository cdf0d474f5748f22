// Markdown checklist, JUnit XML and GitLab Code Quality, through the CLI, plus several reports
// from one run.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import '@microsoft/jest-sarif';
import { fixture, runCli } from '../support/cli';
import { tempDir } from '../support/temp';
import { formatJson } from '../../src/report/json-reporter';

const CASSANDRA = fixture('installations/ee-2.8-cassandra/kong.conf');
const DBLESS = fixture('installations/oss-2.6-dbless/kong.conf');

describe('markdown', () => {
  it('is a checklist: backup and write freeze first, one section per hop, findings as checkboxes', async () => {
    const { stdout, code } = await runCli(['check', CASSANDRA, '--from', '2.8', '--to', '3.4', '--format', 'markdown']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^## Kong upgrade preflight: 2\.8\.0\.0 → 3\.4\.\S+ ❌ fails/);
    const before = stdout.indexOf('### Before the upgrade');
    const hop = stdout.indexOf('### Hop 1: 2.8.x -> 3.4.x');
    expect(before).toBeGreaterThan(0);
    expect(hop).toBeGreaterThan(before);
    const beforeSection = stdout.slice(before, hop);
    expect(beforeSection).toMatch(/- \[ \] \*\*Back up the database\*\*: .*pg_dump/);
    expect(beforeSection).toMatch(/- \[ \] \*\*Back up the keyring materials\*\*/); // Enterprise
    expect(beforeSection).toMatch(/- \[ \] \*\*Freeze configuration writes\*\*/);
    // The Cassandra blocker sits in the hop that removes Cassandra, as a checkbox with its place and docs.
    expect(stdout.slice(hop)).toMatch(/- \[ \] 🛑 \*\*blocker\*\* `conf\/cassandra-removed` at `fixtures\/installations\/ee-2\.8-cassandra\/kong\.conf:14`: .*\(\[docs\]\(https:/);
  });

  it('writes the upgrade path from the installed version, not from its first stop', async () => {
    // srb3/ansible-role-kong-gateway (Enterprise 2.4.1.0): the path reads 2.8.2.x -> 3.4.x without its start.
    const { stdout } = await runCli(['check', DBLESS, '--from', '2.4.1.0', '--to', '3.4', '--edition', 'enterprise', '--topology', 'hybrid', '--role', 'control_plane', '--format', 'markdown', '--fail-on', 'none']);
    expect(stdout).toMatch(/^Upgrade path: `2\.4\.1\.0` → `2\.8\.2\.x` → `3\.4\.x`/m);
  });

  it('lists the strategies with their notes under the upgrade path', async () => {
    const { stdout } = await runCli(['check', DBLESS, '--from', '2.8', '--to', '3.4', '--topology', 'hybrid', '--role', 'control_plane', '--format', 'markdown', '--fail-on', 'none']);
    expect(stdout).toMatch(/<details><summary>Upgrade strategies<\/summary>\n\n- \*\*dual-cluster\*\* \(recommended\): when there is hardware .*control planes before data planes/);
  });

  it('names the guide of a hop and speaks of a next hop only before the last one', async () => {
    const { stdout } = await runCli(['check', DBLESS, '--from', '2.8', '--to', '3.4', '--format', 'markdown', '--fail-on', 'none']);
    const hop = stdout.slice(stdout.indexOf('### Hop 1: 2.8.x -> 3.4.x'));
    expect(hop).toMatch(/^### Hop 1: 2\.8\.x -> 3\.4\.x\n\nLTS to LTS upgrade \(2\.8 -&gt; 3\.4\): follow the LTS upgrade guide\n/);
    expect(hop).toContain('- [ ] Install 3.4.x\n');
    expect(stdout).not.toContain('before the next hop');
    const walk = await runCli(['check', DBLESS, '--from', '3.2', '--to', '3.4', '--format', 'markdown', '--fail-on', 'none']);
    expect(walk.stdout).toContain('- [ ] Install 3.3.x and check the node before the next hop');
    expect(walk.stdout).toMatch(/- \[ \] Install 3\.4\.x\n/);
  });

  it('asks for the backup once: the backup finding sits under the backup step, not in a checkbox of its own', async () => {
    const { stdout } = await runCli(['check', CASSANDRA, '--from', '2.8', '--to', '3.4', '--format', 'markdown', '--no-db', '--fail-on', 'none']);
    const before = stdout.slice(stdout.indexOf('### Before the upgrade'), stdout.indexOf('### Hop 1'));
    expect(before).toMatch(/- \[ \] \*\*Back up the database\*\*: [^\n]*\n  - ⚠️ warning `backup\/backup-evidence` at [^\n]*nodetool snapshot/);
    expect(stdout).not.toMatch(/- \[ \] ⚠️ warning `backup\/backup-evidence`/);
    expect(stdout.match(/`backup\/backup-evidence`/g)).toHaveLength(1);
  });

  it('gives a DB-less node the declarative backup and no keyring step', async () => {
    const { stdout } = await runCli(['check', DBLESS, '--from', '2.6', '--to', '3.4', '--format', 'markdown', '--fail-on', 'none']);
    expect(stdout).toContain('**Back up the declarative configuration**');
    expect(stdout).not.toContain('Back up the database');
    expect(stdout).not.toContain('keyring');
    expect(stdout).toMatch(/✅ passes/);
  });
});

describe('junit', () => {
  it('fails the test case of a rule with blockers, skips rules off the path, escapes XML', async () => {
    const { stdout } = await runCli(['check', CASSANDRA, '--from', '2.8', '--to', '3.4', '--format', 'junit']);
    expect(stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    const cassandra = /<testcase classname="conf" name="conf\/cassandra-removed"[^>]*>([\s\S]*?)<\/testcase>/.exec(stdout)![1];
    expect(cassandra).toMatch(/<failure type="blocker" message="1 finding\(s\) at or above blocker">BLOCKER .*kong\.conf:14:1/);
    expect(stdout).toMatch(/<testsuites [^>]*failures="1"/);
    expect(stdout).toContain('2.8.x -&gt; 3.4.x');
    // Every element opened is closed (a cheap well-formedness check without an XML parser).
    expect((stdout.match(/<testcase /g) ?? []).length).toBe((stdout.match(/<\/testcase>/g) ?? []).length);
  });

  it('marks rules that do not apply to the path as skipped', async () => {
    const { stdout } = await runCli(['check', fixture('installations/oss-3.3-clean/kong.conf'), '--from', '3.3', '--to', '3.4', '--format', 'junit']);
    expect(stdout).toMatch(/name="conf\/pg-ssl-version-enum" time="0">\s*<skipped message="not on this path: edition/);
    expect(stdout).toMatch(/failures="0"/);
  });
});

describe('gitlab code quality', () => {
  it('lists issues with unique fingerprints, GitLab severities and repository-relative paths', async () => {
    const { stdout } = await runCli(['check', CASSANDRA, '--from', '2.8', '--to', '3.4', '--format', 'gitlab']);
    const issues = JSON.parse(stdout) as { check_name: string; severity: string; fingerprint: string; description: string; location: { path: string; lines: { begin: number } } }[];
    expect(issues.length).toBeGreaterThan(0);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    const cassandra = issues.find((i) => i.check_name === 'conf/cassandra-removed')!;
    expect(cassandra).toMatchObject({ severity: 'blocker', location: { path: 'fixtures/installations/ee-2.8-cassandra/kong.conf', lines: { begin: 14 } } });
    for (const i of issues) {
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(i.severity);
      expect(i.description.length).toBeGreaterThan(0);
    }
  });
});

describe('gitlab code quality without a kong.conf', () => {
  it('keeps findings on KONG_* variables, at a pseudo path named in the description', async () => {
    const env = { KONG_PORTAL: 'on', KONG_PG_SSL_VERSION: 'tlsv1' };
    const { stdout, code } = await runCli(['check', '--no-config', '--no-db', '--edition', 'enterprise', '--from', '3.4.3.12', '--to', '3.10.0.0', '--format', 'gitlab'], { env });
    expect(code).toBe(1);
    const issues = JSON.parse(stdout) as { check_name: string; severity: string; description: string; location: { path: string; lines: { begin: number } } }[];
    const portal = issues.find((i) => i.check_name === 'conf/enterprise-removed');
    expect(portal).toMatchObject({ severity: 'blocker', location: { path: '.kong-preflight/env', lines: { begin: 1 } } });
    expect(portal!.description).toMatch(/\[env KONG_PORTAL: not in a file, listed under \.kong-preflight\/env\]$/);
    // Every finding the text report counts is in the GitLab report too.
    const json = await runCli(['check', '--no-config', '--no-db', '--edition', 'enterprise', '--from', '3.4.3.12', '--to', '3.10.0.0', '--format', 'json'], { env });
    expect(issues).toHaveLength((JSON.parse(json.stdout) as { findings: unknown[] }).findings.length);
  });
});

describe('text', () => {
  it('writes each alternative route from its start', async () => {
    // e-cite/ansible-default-debian-configs: a 2.3 DB-less node; the LTS alternative passes 2.8.
    const { stdout } = await runCli(['check', DBLESS, '--from', '2.3.2', '--to', '3.4', '--fail-on', 'none', '--no-color']);
    expect(stdout).toMatch(/^ {2}alternative \(lts-direct\): 2\.3\.2 -> 2\.8\.x -> 3\.4\.x/m);
  });

  // The strategies' notes (when each fits; for hybrid nodes, control planes first and the 2.x/3.x
  // major rule) reached only JSON and SARIF.
  it('lists each upgrade strategy with its note', async () => {
    const { stdout } = await runCli(['check', DBLESS, '--from', '2.8', '--to', '3.4', '--topology', 'hybrid', '--role', 'control_plane', '--fail-on', 'none', '--no-color']);
    expect(stdout).toMatch(/^ {2}strategies:\n {4}dual-cluster \(recommended\): when there is hardware .*upgrade control planes before data planes/m);
    expect(stdout).toMatch(/^ {4}in-place \(recommended\): when resources are short/m);
  });
});

describe('several reports in one run', () => {
  it('writes SARIF and Markdown to files and text to stdout', async () => {
    const dir = tempDir();
    const { stdout, code } = await runCli(['check', CASSANDRA, '--from', '2.8', '--to', '3.4', '--output-format', `sarif=${join(dir, 'out.sarif')}`, '-O', `markdown=${join(dir, 'pr.md')}`]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/Upgrade path/); // the primary, text
    expect(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'))).toBeValidSarifLog();
    expect(readFileSync(join(dir, 'pr.md'), 'utf8')).toContain('### Before the upgrade');
  });

  it('keeps --format with -o working and lets one extra report use stdout', async () => {
    const dir = tempDir();
    const { stdout } = await runCli(['check', CASSANDRA, '--from', '2.8', '--to', '3.4', '--format', 'json', '-o', join(dir, 'r.json'), '-O', 'junit=-']);
    expect(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).summary.blocker).toBe(1);
    expect(stdout).toMatch(/^<\?xml/);
  });

  it('refuses two reports on stdout, or the same file twice, before doing any work (exit 2)', async () => {
    const twice = await runCli(['check', CASSANDRA, '--from', '2.8', '--to', '3.4', '-O', 'json']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/two reports would go to stdout/);
    const dir = tempDir();
    const sameFile = await runCli(['check', CASSANDRA, '--from', '2.8', '--to', '3.4', '-o', join(dir, 'a'), '-O', `json=${join(dir, 'a')}`]);
    expect(sameFile.code).toBe(2);
    expect(existsSync(join(dir, 'a'))).toBe(false);
  });

  it('names the flag for an unknown format', async () => {
    const { code, stderr } = await runCli(['check', CASSANDRA, '--from', '2.8', '--to', '3.4', '-O', 'pdf=x.pdf']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--output-format pdf=x\.pdf: unknown format "pdf"/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('json', () => {
  // The JSON report is written in chunks; the bytes must be exactly JSON.stringify(report, null, 2).
  it('writes findings and suppressed findings as one canonical, two-space document, to stdout and to a file', async () => {
    const dir = tempDir();
    const file = join(dir, 'report.json');
    const suppressions = join(dir, '.kong-preflight.yml');
    require('node:fs').writeFileSync(suppressions, 'ignores:\n  - rule: conf/cassandra-removed\n    reason: moving to PostgreSQL in the same change\n');
    const { stdout } = await runCli(['check', CASSANDRA, '--from', '2.8', '--to', '3.4', '--format', 'json', '--fail-on', 'none', '--config', suppressions, '--output-format', `json=${file}`]);
    const written = readFileSync(file, 'utf8');
    expect(written).toBe(stdout);
    const parsed = JSON.parse(written);
    expect(parsed.findings.length).toBeGreaterThan(1);
    expect(parsed.suppressed.length).toBeGreaterThan(0);
    expect(written).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
  });

  it('writes empty, one-item and multi-batch lists as JSON.stringify does', async () => {
    const { stdout } = await runCli(['check', CASSANDRA, '--from', '2.8', '--to', '3.4', '--format', 'json', '--fail-on', 'none']);
    const report = JSON.parse(stdout);
    // Back to the internal shape (file locations carry their kind), as the reporter receives them.
    report.findings = report.findings.map((f: { location: object }) => ({ ...f, location: { kind: 'file', ...f.location } }));
    // More findings than one batch of the writer (1,000), so batches are joined too.
    const many = Array.from({ length: 2500 }, (_, i) => ({ ...report.findings[0], message: `finding ${i}` }));
    for (const [findings, suppressed] of [[[], []], [report.findings.slice(0, 1), []], [many, many.slice(0, 1001).map((f) => ({ ...f, suppression: { kind: 'baseline' } }))], [[], report.findings.slice(0, 1).map((f: object) => ({ ...f, suppression: { kind: 'baseline' } }))]]) {
      const variant = { ...report, findings, suppressed };
      const written = formatJson(variant);
      expect(JSON.parse(written).findings.length).toBe(findings.length);
      expect(written).toBe(`${JSON.stringify(JSON.parse(written), null, 2)}\n`);
    }
  });
});
