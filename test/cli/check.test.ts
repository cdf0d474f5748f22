// End to end through the CLI: the example command, exit codes, formats and errors.

import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import '@microsoft/jest-sarif';
import { readFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture, REPO_ROOT, runCli } from '../support/cli';

const reportSchema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/report.schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateReport = ajv.compile(reportSchema);

describe('kong-preflight check', () => {
  it('reports the Cassandra blocker of a 2.8 node going to 3.4 and exits 1', async () => {
    const conf = fixture('installations/ee-2.8-cassandra/kong.conf');
    const result = await runCli(['check', conf, '--from', '2.8', '--to', '3.4']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Upgrade path/);
    expect(result.stdout).toMatch(/BLOCKER .*kong\.conf:14:1 .*database = cassandra.*\[conf\/cassandra-removed\]/);
    expect(result.stdout).toMatch(/edition\s+enterprise \(inferred: Enterprise-only enforce_rbac/);
    // The hop that brings the removal heads the group the finding sits in.
    expect(result.stdout).toMatch(/Hop [^\n]*3\.4[^\n]*\n(?:.*\n)*?.*cassandra-removed/);
  });

  it('exits 0 for a clean 3.3 node going to 3.4 (warnings do not fail by default)', async () => {
    const result = await runCli(['check', fixture('installations/oss-3.3-clean/kong.conf'), '--from', '3.3', '--to', '3.4']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/0 blocker\(s\)/);
  });

  // A minor alone is planned from its oldest release (2.6 -> 2.6.0): the header says so, so an
  // operator on a later patch knows why earlier patches' notes show, and how to narrow them.
  it('says a --from without a patch is read as the minor\'s oldest release, and says nothing for an exact one', async () => {
    const minor = await runCli(['check', '--from', '2.6', '--to', '3.4', '--no-db', '--no-config', '--fail-on', 'none']);
    expect(minor.stdout).toMatch(/from {6}2\.6\.x \(--from 2\.6; read as 2\.6\.0, the oldest 2\.6 release, so changes made in later 2\.6 patches are reported too: give the exact version for fewer\)/);
    const exact = await runCli(['check', '--from', '3.4.2', '--to', '3.9', '--no-db', '--no-config', '--fail-on', 'none']);
    expect(exact.stdout).toMatch(/from {6}3\.4\.2 \(--from 3\.4\.2\)\n/);
  });

  // A decK dump with _konnect and no kong.conf got the traditional default and pg_dump advice;
  // Konnect's database is Kong's to manage (developer.konghq.com app/gateway/hybrid-mode.md:133).
  it('a Konnect decK file without kong.conf is checked as a data plane: no pg_dump advice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-konnect-'));
    const file = join(dir, 'kong.yaml');
    require('node:fs').writeFileSync(file, '_format_version: "3.0"\n_konnect:\n  control_plane_name: prod\nservices:\n- name: s\n  url: http://s\n');
    const result = await runCli(['check', '--declarative', file, '--from', '3.10', '--to', '3.14', '--no-db', '--fail-on', 'none']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/topology {2}hybrid \/ data_plane \(inferred: decK _konnect at /);
    expect(result.stdout).not.toContain('pg_dump');
    expect(result.stdout).toContain('Steps for this data plane node: data planes hold no database');
  });

  it('--fail-on warning turns warnings into a failing run', async () => {
    const result = await runCli(['check', fixture('installations/oss-3.3-clean/kong.conf'), '--from', '3.3', '--to', '3.4', '--fail-on', 'warning']);
    expect(result.code).toBe(1);
  });

  it('--fail-on none never fails on findings', async () => {
    const result = await runCli(['check', fixture('installations/ee-2.8-cassandra/kong.conf'), '--from', '2.8', '--to', '3.4', '--fail-on', 'none']);
    expect(result.code).toBe(0);
  });

  it('writes JSON that follows the schema and the contract', async () => {
    const result = await runCli(['check', fixture('installations/ee-2.8-postgres/kong.conf'), '--from', '2.8.2.4', '--to', '3.4', '--format', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(validateReport(report)).toBe(true);
    expect(validateReport.errors ?? []).toEqual([]);
    expect(report.tool.name).toBe('kong-preflight');
    expect(report.plan.edition).toBe('enterprise');
    expect(report.plan.hops.length).toBeGreaterThan(0);
    const pg = report.findings.find((f: { ruleId: string }) => f.ruleId === 'conf/pg-ssl-version-enum');
    expect(pg).toMatchObject({ severity: 'blocker', location: { line: 10, column: 1 } });
    expect(pg.location.file).toMatch(/ee-2\.8-postgres\/kong\.conf$/);
    expect(pg.hop).toMatch(/-> 3\.4/);
    expect(result.stdout).not.toContain('kong-db-password');
  });

  it('writes valid SARIF 2.1.0 to --output', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kp-sarif-')), 'out.sarif');
    const result = await runCli(['check', fixture('installations/ee-2.8-cassandra/kong.conf'), '--from', '2.8', '--to', '3.4', '--format', 'sarif', '-o', out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const sarif = JSON.parse(readFileSync(out, 'utf8'));
    expect(sarif).toBeValidSarifLog();
    const run = sarif.runs[0];
    const cassandra = run.results.find((r: { ruleId: string; level: string }) => r.ruleId === 'conf/cassandra-removed' && r.level === 'error');
    expect(cassandra.locations[0].physicalLocation.region).toEqual({ startLine: 14, startColumn: 1 });
    expect(cassandra.locations[0].physicalLocation.artifactLocation.uri).toBe('fixtures/installations/ee-2.8-cassandra/kong.conf');
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'conf/cassandra-removed');
    expect(rule.helpUri).toMatch(/^https:/);
    expect(rule.help.text).toMatch(/Remediation/);
    // Every result has a file location, even installation-wide ones (code scanning requires it).
    for (const r of run.results) expect(r.locations).toHaveLength(1);
  });

  it('names the missing folder of --output in one line, exit 2', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kp-sarif-')), 'reports', 'out.sarif');
    const result = await runCli(['check', fixture('installations/ee-2.8-cassandra/kong.conf'), '--from', '2.8', '--to', '3.4', '--format', 'sarif', '-o', out]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([`kong-preflight: error: ${out}: cannot write output: its folder ${join(out, '..')} does not exist (create it first)`]);
    expect(existsSync(join(out, '..'))).toBe(false);
  });

  it('reads KONG_* overrides from the environment with their provenance', async () => {
    const result = await runCli(['check', fixture('installations/oss-3.3-clean/kong.conf'), '--from', '3.3', '--to', '3.4', '--format', 'json'], {
      env: { KONG_DATABASE: 'cassandra' },
    });
    const report = JSON.parse(result.stdout);
    const finding = report.findings.find((f: { ruleId: string }) => f.ruleId === 'conf/cassandra-removed');
    expect(finding.location).toEqual({ env: 'KONG_DATABASE' });
    expect(result.code).toBe(1);
  });

  // Sweep 5 item 7: OSS never had pg_ssl_version, so the key makes the run Enterprise and the
  // 3.2.1.0 refusal of `tlsv1` is reported without --edition or a four-part --from.
  it('pg_ssl_version in a 2.8 kong.conf infers Enterprise and gets the pg_ssl_version blocker', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kp-pgssl-')), 'kong.conf');
    require('node:fs').writeFileSync(file, 'database = postgres\npg_ssl = on\npg_ssl_version = tlsv1\n');
    const result = await runCli(['check', file, '--from', '2.8', '--to', '3.4', '--no-db']);
    expect(result.stdout).toMatch(/edition\s+enterprise \(inferred: Enterprise-only pg_ssl_version at .*kong\.conf:3:1\)/);
    expect(result.stdout).toMatch(/BLOCKER .*kong\.conf:3:1 .*pg_ssl_version = tlsv1.*\[conf\/pg-ssl-version-enum\]/);
    expect(result.code).toBe(1);
  });

  // Seen on real open-source installations: OSS reports named Enterprise releases (3.4.1.0,
  // 3.2.0.0, 3.1.1.3). Kong OSS tags 3.4.1, 3.2.0 and only 3.1.0/3.1.1 (Kong/kong git tags).
  it('names open-source releases in an OSS report, and Enterprise ones in an Enterprise report', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kp-oss-')), 'kong.conf');
    require('node:fs').writeFileSync(file, 'database = postgres\npg_host = db\n');
    const oss = await runCli(['check', file, '--from', '2.8', '--to', '3.4', '--no-db']);
    expect(oss.stdout).toMatch(/edition\s+oss/);
    expect(oss.stdout).toContain('`upstream_keepalive_max_requests` is not set, so it follows the default, which changes from `100` to `1000` in 3.4.1.');
    expect(oss.stdout).toContain('`allow_debug_header` appears in 3.2.0 with the default `off`');
    expect(oss.stdout).toMatch(/alternative \(seed-table\): 2\.8\.x -> 3\.1\.x -> 3\.2\.x -> 3\.3\.x -> 3\.4\.x/);
    expect(oss.stdout).not.toMatch(/\b3\.4\.1\.0\b|\b3\.2\.0\.0\b|\b3\.1\.1\.3\b -> /);
    const ee = await runCli(['check', file, '--from', '2.8', '--to', '3.4', '--no-db', '--edition', 'enterprise']);
    expect(ee.stdout).toContain('changes from `100` to `1000` in 3.4.1.0.');
    expect(ee.stdout).toContain('`allow_debug_header` appears in 3.2.0.0 with');
    expect(ee.stdout).toMatch(/alternative \(seed-table\): 2\.8\.x -> 3\.1\.1\.3 -> 3\.2\.x/);
  });

  // The seed table routes 2.x-2.7.x traditional nodes through 2.8.2.x "required for blue/green
  // deployments only" (shared/seed/upgrade-guide.md, table for 3.4): the alternative keeps that.
  it('keeps the condition of a conditional stop in an alternative route', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kp-oss-')), 'kong.conf');
    require('node:fs').writeFileSync(file, 'database = postgres\npg_host = db\n');
    const { stdout } = await runCli(['check', file, '--from', '2.5.1', '--to', '3.4', '--no-db']);
    expect(stdout).toContain('alternative (seed-table): 2.5.1 -> [2.8.2, blue-green only] -> 3.0.x -> 3.1.x');
  });
});

describe('kong-preflight errors', () => {
  const oneLine = (text: string) => {
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(text).not.toMatch(/\n\s+at /);
  };

  it('a missing kong.conf: exit 2 naming the file', async () => {
    const result = await runCli(['check', '/nonexistent/kong.conf', '--from', '2.8', '--to', '3.4']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('/nonexistent/kong.conf');
    oneLine(result.stderr);
  });

  it('an unknown version: exit 2 naming the value', async () => {
    const result = await runCli(['check', fixture('installations/oss-3.3-clean/kong.conf'), '--from', '3.3', '--to', '3.99']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('3.99');
    oneLine(result.stderr);
  });

  it.each([['--to', '3'], ['--to', '3.x'], ['--from', '2']])('a bare major (%s %s) is refused: it would plan the oldest minor of that major', async (flag, value) => {
    const versions = flag === '--to' ? ['--from', '2.8', '--to', value] : ['--from', value, '--to', '3.4'];
    const result = await runCli(['check', fixture('installations/oss-3.3-clean/kong.conf'), ...versions, '--no-db']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${flag} "${value}" names a major version only`);
    oneLine(result.stderr);
  });

  it('an Enterprise plan to an open-source-only release (3.9.3): exit 2 listing Enterprise 3.9, also when the edition is inferred', async () => {
    const told = await runCli(['check', '--from', '3.9', '--to', '3.9.3', '--edition', 'enterprise', '--no-db', '--no-config']);
    expect(told.code).toBe(2);
    expect(told.stdout).toBe('');
    expect(told.stderr).toContain('--to "3.9.3" is an open-source Kong release that Kong Enterprise never shipped; Kong Enterprise 3.9 releases: 3.9.0.0 to 3.9.0.1, 3.9.1.0 to 3.9.1.2');
    oneLine(told.stderr);
    const inferred = await runCli(['check', '--from', '3.9.1.0', '--to', '3.9.3', '--no-db', '--no-config']);
    expect(inferred.code).toBe(2);
    expect(inferred.stderr).toContain('(edition inferred: 3.9.1.0 is an Enterprise version number)');
    const oss = await runCli(['check', '--from', '3.9', '--to', '3.9.3', '--edition', 'oss', '--no-db', '--no-config', '--fail-on', 'none']);
    expect(oss.code).toBe(0);
    expect(oss.stdout).toMatch(/3\.9\.0 -> 3\.9\.3/);
  });

  it('`path --to 3` is refused the same way', async () => {
    const result = await runCli(['path', '--from', '2.8', '--to', '3']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--to "3" names a major version only: name the minor \(for example --to 3\.\d+; Kong 3\.x runs from 3\.0 to 3\.\d+\)/);
  });

  it('--pg and --no-db together: exit 2 naming both, before any database is read', async () => {
    const result = await runCli(['check', fixture('installations/oss-3.3-clean/kong.conf'), '--to', '3.4', '--pg', 'postgres://kong:pw@db.invalid:5432/kong', '--no-db']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--pg and --no-db contradict each other');
    oneLine(result.stderr);
  });

  it('an unknown flag: exit 2 from commander, one line', async () => {
    const result = await runCli(['check', '--frm', '2.8']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--frm/);
  });

  it('a bad --format value: exit 2', async () => {
    const result = await runCli(['check', fixture('installations/oss-3.3-clean/kong.conf'), '--to', '3.4', '--from', '3.3', '--format', 'xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/format/);
  });

  it('a missing --to: exit 2 naming the flag', async () => {
    const result = await runCli(['check', fixture('installations/oss-3.3-clean/kong.conf'), '--from', '3.3']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--to/);
    oneLine(result.stderr);
  });

  it('a kong.conf that is not text: exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-bin-'));
    const file = join(dir, 'kong.conf');
    require('node:fs').writeFileSync(file, Buffer.from([0x64, 0x61, 0x00, 0xff, 0xfe, 0x0a]));
    const result = await runCli(['check', file, '--from', '3.3', '--to', '3.4']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(file);
    oneLine(result.stderr);
  });

  it('help exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/check/);
  });
});

describe('the installed binary', () => {
  it('runs from dist through bin/kong-preflight.js', () => {
    const bin = join(REPO_ROOT, 'bin/kong-preflight.js');
    if (!existsSync(join(REPO_ROOT, 'dist/src/cli/main.js'))) throw new Error('dist is missing: npm test builds it first (npm run build)');
    const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
    const out = spawnSync(process.execPath, [bin, 'check', fixture('installations/ee-2.8-cassandra/kong.conf'), '--from', '2.8', '--to', '3.4', '--format', 'json'], {
      encoding: 'utf8', env: { PATH: process.env.PATH ?? '' },
    });
    expect(out.status).toBe(1);
    expect(JSON.parse(out.stdout).summary.blocker).toBeGreaterThan(0);
    const bad = spawnSync(process.execPath, [bin, 'check', '/nope/kong.conf', '--to', '3.4', '--from', '2.8'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
