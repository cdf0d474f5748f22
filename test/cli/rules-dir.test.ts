// --rules-dir loads third-party rule modules with the built-in contract; broken ones are input
// errors naming the file.

import { join } from 'node:path';
import { REPO_ROOT, runCli } from '../support/cli';
import { tempDir } from '../support/temp';

const EXAMPLE_RULES = join(REPO_ROOT, 'examples/rules');

describe('--rules-dir', () => {
  it('runs the example rule: it fires on a public Admin API and stays quiet on a local one', async () => {
    const dir = tempDir({ 'public.conf': 'admin_listen = 0.0.0.0:8001, 127.0.0.1:8444 ssl\n', 'local.conf': 'admin_listen = 127.0.0.1:8001\n' });
    const args = (file: string) => ['check', join(dir, file), '--from', '3.3', '--to', '3.4', '--rules-dir', EXAMPLE_RULES, '--format', 'json'];
    const fired = JSON.parse((await runCli(args('public.conf'))).stdout);
    expect(fired.findings.filter((f: { ruleId: string }) => f.ruleId === 'acme/admin-listen-public')).toEqual([
      expect.objectContaining({ severity: 'warning', location: expect.objectContaining({ line: 1 }), data: { address: '0.0.0.0:8001' } }),
    ]);
    const quiet = JSON.parse((await runCli(args('local.conf'))).stdout);
    expect(quiet.findings.some((f: { ruleId: string }) => f.ruleId === 'acme/admin-listen-public')).toBe(false);
    expect(quiet.summary.rulesEvaluated).toBe(fired.summary.rulesEvaluated);
  });

  it('lists custom rules in SARIF like built-in ones', async () => {
    const { stdout } = await runCli(['check', '--from', '3.3', '--to', '3.4', '--rules-dir', EXAMPLE_RULES, '--format', 'sarif']);
    expect(JSON.parse(stdout).runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain('acme/admin-listen-public');
  });

  it.each([
    ['a rule without remediation', "module.exports = { meta: { id: 'acme/x', description: 'd', severity: 'warning', inputs: [], messages: { m: 'x' }, docsUrl: 'https://e', sources: [{ kind: 'docs', ref: 'r' }] }, check() {} };", /bad\.js: invalid rule acme\/x: no remediation/],
    ['an unknown input', "module.exports = { meta: { id: 'acme/x', description: 'd', severity: 'warning', inputs: ['mainframe'], messages: { m: 'x' }, remediation: 'r', docsUrl: 'https://e', sources: [{ kind: 'docs', ref: 'r' }] }, check() {} };", /invalid rule acme\/x: unknown input "mainframe"/],
    ['a syntax error', 'module.exports = {', /bad\.js: cannot load the rule module/],
    ['a duplicate of a built-in id', "module.exports = { meta: { id: 'conf/cassandra-removed', description: 'd', severity: 'warning', inputs: [], messages: { m: 'x' }, remediation: 'r', docsUrl: 'https://e', sources: [{ kind: 'docs', ref: 'r' }] }, check() {} };", /duplicate rule id/],
  ])('%s is exit 2, one line', async (_name, source, pattern) => {
    const dir = tempDir({ 'bad.js': source });
    const result = await runCli(['check', '--from', '3.3', '--to', '3.4', '--rules-dir', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(pattern);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
