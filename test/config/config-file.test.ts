// .kong-preflight.yml: found upward from the working folder or given with --config, validated
// with errors naming file, line and key (exit 2, one line), merged under the command line.

import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fixture, runCli } from '../support/cli';
import { checkJson } from '../support/check-json';
import { tempDir } from '../support/temp';
import { findConfigFile, parseConfig } from '../../src/config/load-config';

const CASSANDRA = fixture('installations/ee-2.8-cassandra/kong.conf');

function expectOneLineError(result: { code: number; stderr: string }, pattern: RegExp) {
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
}

describe('finding the configuration file', () => {
  it('walks up from the working folder to the nearest file', () => {
    const dir = tempDir({ '.kong-preflight.yml': 'to: "3.4"\n', 'gateways/eu/kong.conf': '' });
    expect(findConfigFile(join(dir, 'gateways/eu'))).toBe(join(dir, '.kong-preflight.yml'));
    mkdirSync(join(dir, 'gateways/eu/deeper'));
    expect(findConfigFile(join(dir, 'gateways/eu/deeper'))).toBe(join(dir, '.kong-preflight.yml'));
  });

  it('supplies defaults to check, resolving paths against its own folder; flags win', async () => {
    const dir = tempDir({ '.kong-preflight.yml': 'kongConf: gw/kong.conf\nfrom: "2.8"\nto: "3.4"\nedition: oss\n', 'gw/kong.conf': 'database = cassandra\n' });
    mkdirSync(join(dir, 'sub'));
    const fromConfig = await runCli(['check', '--format', 'json'], { cwd: join(dir, 'sub') });
    expect(fromConfig.stderr).toBe('');
    const report = JSON.parse(fromConfig.stdout);
    expect(report.plan).toMatchObject({ edition: 'oss' });
    expect(report.installation.edition.reason).toBe('edition: oss in .kong-preflight.yml');
    expect(report.installation.inputs).toContainEqual({ kind: 'config', label: join(dir, '.kong-preflight.yml') });
    expect(report.plan.to).toMatch(/^3\.4\./);
    expect(report.findings.some((f: { ruleId: string }) => f.ruleId === 'conf/cassandra-removed')).toBe(true);
    const flagWins = await runCli(['check', '--format', 'json', '--to', '3.3', '--fail-on', 'none'], { cwd: join(dir, 'sub') });
    expect(JSON.parse(flagWins.stdout).plan.to).toMatch(/^3\.3\./);
    expect(flagWins.code).toBe(0);
  });

  it('--config names the file; --no-config ignores every file', async () => {
    const dir = tempDir({ 'team.yml': 'failOn: none\n', '.kong-preflight.yml': 'failOn: info\n' });
    const explicit = await runCli(['check', CASSANDRA, '--from', '2.8', '--to', '3.4', '--config', 'team.yml'], { cwd: dir });
    expect(explicit.code).toBe(0);
    const found = await runCli(['check', CASSANDRA, '--from', '2.8', '--to', '3.4'], { cwd: dir });
    expect(found.code).toBe(1);
    const none = await runCli(['check', CASSANDRA, '--from', '2.8', '--to', '3.4', '--no-config'], { cwd: dir });
    expect(none.code).toBe(1);
    const missing = await runCli(['check', CASSANDRA, '--from', '2.8', '--to', '3.4', '--config', 'nope.yml'], { cwd: dir });
    expectOneLineError(missing, /nope\.yml: cannot read the configuration file: no such file\n$/);
    const folder = await runCli(['check', CASSANDRA, '--from', '2.8', '--to', '3.4', '--config', '.'], { cwd: dir });
    expectOneLineError(folder, /: cannot read the configuration file: it is a folder, not a file\n$/);
  });
});

describe('validation errors name file, line and key', () => {
  const run = (yaml: string, extra: string[] = []) => {
    const dir = tempDir({ '.kong-preflight.yml': yaml });
    return runCli(['check', CASSANDRA, '--from', '2.8', '--to', '3.4', ...extra], { cwd: dir });
  };

  it.each([
    ['an unknown key', 'to: "3.4"\nfail_on: warning\n', /\.kong-preflight\.yml:2: fail_on: unknown key/],
    ['an ignore without a reason', 'ignores:\n  - rule: conf/cassandra-removed\n    expires: "2027-01-01"\n', /\.kong-preflight\.yml:2: ignores\[0\]\.reason: is required/],
    ['a bad severity', 'rules:\n  conf/cassandra-removed: critical\n', /\.kong-preflight\.yml:2: rules\.conf\/cassandra-removed: must be one of off, on, blocker, warning, info/],
    ['an unquoted version YAML reads as a number', 'to: 3.10\n', /\.kong-preflight\.yml:1: to: write the version in quotes \("3\.1"\)/],
    ['a bad expiry date', 'ignores:\n  - rule: conf/cassandra-removed\n    reason: later\n    expires: next week\n', /:4: ignores\[0\]\.expires: "next week" has the wrong form/],
    ['malformed YAML', 'rules: [unclosed\n', /\.kong-preflight\.yml:\d+(:\d+)?: invalid YAML/],
    ['a rule id no rule has', 'rules:\n  conf/no-such-rule: off\n', /\.kong-preflight\.yml:2: rules\.conf\/no-such-rule: no rule has this id/],
    ['an ignore for no rule', 'ignores:\n  - rule: nothing/*\n    reason: why not\n', /\.kong-preflight\.yml:2: ignores\[0\]\.rule: no rule matches "nothing\/\*"/],
    // The yaml package would stringify such a key with a Node warning on stderr (property hunt, session 20).
    ['a key written as a mapping', '? {to: null}\n: 1\n', /\.kong-preflight\.yml:1:3: invalid configuration: a key written as a mapping or list/],
    ['a key written as a list inside an ignore', 'ignores:\n  - rule: x\n    ? [a]\n    : 1\n', /\.kong-preflight\.yml:3:7: invalid configuration: a key written as a mapping or list/],
    ['a database URL variable that is not set', 'pg:\n  urlEnv: KP_TEST_PG_URL\n', /\.kong-preflight\.yml:2: pg\.urlEnv: the environment variable KP_TEST_PG_URL is not set/],
  ])('%s', async (_name, yaml, pattern) => {
    expectOneLineError(await run(yaml), pattern);
  });

  it('parses a complete file without complaint', () => {
    const loaded = parseConfig([
      'kongConf: kong.conf', 'from: "2.8.2.4"', 'to: "3.4.x"', 'edition: enterprise', 'topology: hybrid', 'role: control_plane',
      'backup: kong.dump', 'pg:', '  urlEnv: KONG_PREFLIGHT_PG_URL', 'declarative: [kong.yml]', 'nginxTemplates: custom.tmpl',
      'pluginDirs: [plugins]', 'rulesDir: rules', 'failOn: warning', 'baseline: baseline.json', 'category: eu-west',
      'sarif:', '  aggregateAbove: 20', 'rules:', '  conf/cassandra-removed: warning',
      'ignores:', '  - rule: conf/*', '    paths: ["legacy/**"]', '    reason: legacy gateway', '    expires: "2027-06-30"', '',
    ].join('\n'), '/repo/.kong-preflight.yml');
    expect(loaded.config.ignores?.[0].paths).toEqual(['legacy/**']);
    expect(loaded.lineOf(['ignores', 0])).toBe(22);
  });
});

describe('rules and severity overrides', () => {
  it('turns a rule off and changes another one\'s severity', async () => {
    const files = { 'kong.conf': 'database = cassandra\n', '.kong-preflight.yml': 'rules:\n  conf/cassandra-removed: warning\n  backup/backup-evidence: off\n' };
    const { code, findings, report } = await checkJson(files, ['--from', '2.8', '--to', '3.4', '--edition', 'oss']);
    expect(findings.find((f) => f.ruleId === 'conf/cassandra-removed')?.severity).toBe('warning');
    expect(findings.some((f) => f.ruleId === 'backup/backup-evidence')).toBe(false);
    expect(report.notApplicable).toEqual(expect.arrayContaining([{ ruleId: 'backup/backup-evidence', reason: 'disabled' }]));
    expect(code).toBe(0);
  });
});

describe('--print-config', () => {
  it('prints the file used and the merged settings, never a database URL', async () => {
    const dir = tempDir({ '.kong-preflight.yml': 'from: "2.8"\nto: "3.4"\npg:\n  urlEnv: KP_PG\nrules:\n  backup/backup-evidence: off\n' });
    const result = await runCli(['check', '--print-config', '--to', '3.6'], { cwd: dir, env: { KP_PG: 'postgres://kong:s3cret@db/kong' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`configFile: ${join(dir, '.kong-preflight.yml')}`);
    expect(result.stdout).toMatch(/from: "2\.8"/);
    expect(result.stdout).toMatch(/to: "3\.6"/); // the flag won
    expect(result.stdout).toContain('backup/backup-evidence: off');
    expect(result.stdout).not.toContain('s3cret');
  });

  it('prints the settings under the file\'s own keys: pasted into a configuration file, they give the same settings', async () => {
    const dir = tempDir({
      'kong.conf': 'database = postgres\n',
      'plugins/.keep': '',
      'kong.yml': '_format_version: "3.0"\n',
      '.kong-preflight.yml': 'pg:\n  urlEnv: KP_PG\n',
    });
    const env = { KP_PG: 'postgres://kong:s3cret@db/kong' };
    const first = await runCli(['check', 'kong.conf', '--print-config', '--to', '3.4', '--plugin-dir', 'plugins', '--declarative', 'kong.yml', '--fail-on', 'warning'], { cwd: dir, env });
    expect(first.code).toBe(0);
    const settings = (require('yaml') as typeof import('yaml')).parse(first.stdout).settings;
    expect(settings).toEqual({ kongConf: 'kong.conf', to: '3.4', failOn: 'warning', declarative: ['kong.yml'], pluginDirs: ['plugins'], pg: { urlEnv: 'KP_PG' } });
    writeFileSync(join(dir, '.kong-preflight.yml'), (require('yaml') as typeof import('yaml')).stringify(settings));
    const again = await runCli(['check', '--print-config'], { cwd: dir, env });
    // Paths come back absolute where the check runs in another folder than the process (as here, in-process).
    const absolute = (p: string) => (isAbsolute(p) ? p : join(dir, p));
    const sameFiles = (s: Record<string, unknown>) => ({ ...s, kongConf: absolute(s.kongConf as string), declarative: (s.declarative as string[]).map(absolute), pluginDirs: (s.pluginDirs as string[]).map(absolute) });
    expect(sameFiles((require('yaml') as typeof import('yaml')).parse(again.stdout).settings)).toEqual(sameFiles(settings));
    expect(first.stdout + again.stdout).not.toContain('s3cret');
    // A URL typed on the command line is named, never printed, and is no key of the file.
    const typed = await runCli(['check', 'kong.conf', '--print-config', '--to', '3.4', '--pg', 'postgres://kong:s3cret@db/kong'], { cwd: dir, env });
    expect(typed.stdout).toContain('database: --pg given (the URL is not printed)');
    expect(typed.stdout).not.toContain('s3cret');
  });

  it('takes compose profiles, compose env files and the helmfile environment from the file', async () => {
    const dir = tempDir({ '.kong-preflight.yml': 'to: "3.4"\nprofiles: [prod, edge]\ncomposeEnvFiles: envs/ci.env\nhelmfileEnvironment: staging\n' });
    const result = await runCli(['check', '--print-config'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/profiles:\n\s+- prod\n\s+- edge/);
    expect(result.stdout).toMatch(/composeEnvFiles:\n\s+- .*envs\/ci\.env/);
    expect(result.stdout).toContain('helmfileEnvironment: staging');
    // Typed flags still win.
    const typed = await runCli(['check', '--print-config', '--profile', 'dev', '--helmfile-environment', 'prod'], { cwd: dir });
    expect(typed.stdout).toMatch(/profiles:\n\s+- dev\n/);
    expect(typed.stdout).toContain('helmfileEnvironment: prod');
  });
});
