// `check` with a database: --pg, kong.conf pg_* (read by default), --no-db, --from inferred, exit
// codes, and where database findings point in JSON and SARIF.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scenarioDatabase } from '../support/database-input';
import { fixture, runCli } from '../support/cli';

const demoConf = fixture('db/demo-kong.conf');

function tempConf(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kp-cli-db-')), 'kong.conf');
  writeFileSync(file, text);
  return file;
}

describe('check with a database', () => {
  it('infers --from from schema_meta and reports database findings with table and row id', async () => {
    const db = await scenarioDatabase('demo-2.8');
    const result = await runCli(['check', demoConf, '--pg', db.url, '--to', '3.4', '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(JSON.stringify(report.installation.from)).toContain('inferred from the database');
    const byRule = (id: string) => report.findings.filter((f: { ruleId: string }) => f.ruleId === id);
    expect(byRule('db/migrations-in-progress')).toHaveLength(1);
    expect(byRule('db/migrations-in-progress')[0].location).toMatchObject({ table: 'locks', id: 'migrations', file: demoConf, line: 9 });
    expect(byRule('db/hybrid-data-planes')).toHaveLength(2);
    expect(byRule('db/custom-plugins').map((f: { data: { name: string } }) => f.data.name)).toEqual(['header-stamp', 'legacy-sso']);
    expect(result.stdout).not.toContain(db.password);
  });

  it('anchors database findings at the pg_host line in SARIF', async () => {
    const db = await scenarioDatabase('demo-2.8');
    const out = join(mkdtempSync(join(tmpdir(), 'kp-cli-sarif-')), 'out.sarif');
    const result = await runCli(['check', demoConf, '--pg', db.url, '--to', '3.4', '--format', 'sarif', '-o', out]);
    expect(result.code).toBe(1);
    const sarif = JSON.parse(readFileSync(out, 'utf8'));
    const lock = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'db/migrations-in-progress');
    expect(lock.locations[0].physicalLocation.region.startLine).toBe(9);
  });

  it('reads the database kong.conf configures, and flags a --from it contradicts', async () => {
    const db = await scenarioDatabase('clean-3.4');
    const conf = tempConf(`database = postgres\npg_host = ${db.host}\npg_port = ${db.port}\npg_user = ${db.user}\n` +
      `pg_database = ${db.database}\nplugins = bundled\n`);
    const result = await runCli(['check', conf, '--from', '2.8', '--to', '3.4', '--format', 'json', '--fail-on', 'none'],
      { env: { KONG_PG_PASSWORD: db.password } });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    const mismatch = report.findings.filter((f: { ruleId: string }) => f.ruleId === 'db/installed-version-mismatch');
    expect(mismatch).toHaveLength(1);
    expect(mismatch[0].message).toContain('--from 2.8');
    expect(mismatch[0].location).toMatchObject({ table: 'schema_meta', id: 'core', file: conf, line: 2 });
  });

  it('--no-db lists the database rules as not evaluated, and --from is required again', async () => {
    const db = await scenarioDatabase('clean-3.4');
    const conf = tempConf(`pg_host = ${db.host}\npg_port = ${db.port}\n`);
    const skipped = await runCli(['check', conf, '--from', '3.4', '--to', '3.9', '--no-db', '--format', 'json']);
    const report = JSON.parse(skipped.stdout);
    expect(JSON.stringify(report)).toContain('--no-db given');
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId.startsWith('db/'))).toEqual([]);
    const noFrom = await runCli(['check', conf, '--to', '3.9', '--no-db']);
    expect(noFrom.code).toBe(2);
    expect(noFrom.stderr).toMatch(/--from is required/);
  });

  it('a kong.conf database out of reach: database rules not evaluated, with the reason and no password', async () => {
    const db = await scenarioDatabase('clean-3.4');
    const conf = tempConf(`pg_host = ${db.host}\npg_port = ${db.port}\npg_user = ${db.user}\npg_password = Not-The-Pw-42\npg_database = ${db.database}\n`);
    const result = await runCli(['check', conf, '--from', '3.4', '--to', '3.9', '--format', 'json', '--fail-on', 'none']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    const notEvaluated = JSON.stringify(report.rules?.notEvaluated ?? report.notEvaluated ?? report);
    expect(notEvaluated).toContain('db/migrations-in-progress');
    expect(notEvaluated).toContain(`${conf}:1: cannot connect to PostgreSQL ${db.user}@${db.host}:${db.port}/${db.database}: password authentication failed`);
    expect(result.stdout).not.toContain('Not-The-Pw-42');
  });

  // The same reachable database, but kong.conf says Kong signs in with an AWS IAM token: the
  // password there is not Kong's way in, so it is not tried (it failed as a wrong password).
  it('a kong.conf whose node signs in with a cloud token: the database is not tried, and the reason names the switch', async () => {
    const db = await scenarioDatabase('clean-3.4');
    const conf = tempConf(`pg_host = ${db.host}\npg_port = ${db.port}\npg_user = ${db.user}\npg_password = ${db.password}\npg_database = ${db.database}\npg_iam_auth = on\n`);
    const result = await runCli(['check', conf, '--from', '3.4.3.2', '--to', '3.10', '--format', 'json', '--fail-on', 'none']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    const reasons = (report.notEvaluated as { ruleId: string; reason: string }[]).filter((n) => n.ruleId === 'db/migrations-in-progress').map((n) => n.reason);
    expect(reasons).toEqual([`pg_iam_auth = on (${conf}:6:1): Kong signs in to PostgreSQL with a token from AWS IAM, which kong-preflight does not obtain, so the database was not read (pass --pg URL with a role that signs in with a password to read it)`]);
    // Nothing was read from it: the path starts where --from says.
    expect(report.plan.from).toBe('3.4.3.2');
  });

  it('a wrong password with --pg: exit 2, one line with host and database, no password', async () => {
    const db = await scenarioDatabase('clean-3.4');
    const url = `postgres://${db.user}:Not-The-Pw-42@${db.host}:${db.port}/${db.database}`;
    const result = await runCli(['check', '--pg', url, '--to', '3.9']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([`kong-preflight: error: cannot connect to PostgreSQL ${db.user}@${db.host}:${db.port}/${db.database}: password authentication failed for user "${db.user}"`]);
  });

  it('an unreachable --pg: exit 2 without echoing the URL password', async () => {
    const result = await runCli(['check', '--pg', 'postgres://kong:S3cr3t-Url@127.0.0.1:1/kong', '--to', '3.4']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^kong-preflight: error: cannot connect to PostgreSQL kong@127\.0\.0\.1:1\/kong: connection refused/);
    expect(result.stderr).not.toContain('S3cr3t-Url');
  });
});

describe('Enterprise databases', () => {
  it('the license rule sees the database: a missing license is a blocker on an Enterprise database', async () => {
    const db = await scenarioDatabase('ee-3.4-unlicensed');
    const result = await runCli(['check', '--pg', db.url, '--to', '3.10', '--format', 'json']);
    const report = JSON.parse(result.stdout);
    expect(report.installation.edition).toEqual({ value: 'enterprise', reason: expect.stringContaining('in the database') });
    const license = report.findings.filter((f: { ruleId: string }) => f.ruleId === 'license/enterprise-license');
    expect(license).toEqual([expect.objectContaining({ messageId: 'missing', severity: 'blocker' })]);
    expect(license[0].message).toContain('the database has no license row');
  });

  it('a license row in the database satisfies it, and its payload stays out of the report', async () => {
    const db = await scenarioDatabase('ee-3.4-licensed');
    const result = await runCli(['check', '--pg', db.url, '--to', '3.10', '--format', 'json']);
    const report = JSON.parse(result.stdout);
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId === 'license/enterprise-license')).toEqual([]);
    expect(result.stdout).not.toContain('TEST-PLACEHOLDER-KEY');
    expect(result.stdout).not.toContain('Example Corp');
  });
});
