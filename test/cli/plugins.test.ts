// `--plugin-dir` end to end: the CLI loads plugin folders, runs the plugin rules, and reports
// file:line findings; a bad folder is a one-line input error with exit code 2.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixture, runCli } from '../support/cli';

function writeConf(text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kp-cli-conf-')), 'kong.conf');
  fs.writeFileSync(file, text);
  return file;
}

describe('kong-preflight check --plugin-dir', () => {
  it('reports the 2.x plugin\'s blockers at file and line and exits 1', async () => {
    const result = await runCli(['check', fixture('plugins/conf/kong.conf'), '--from', '2.8', '--to', '3.4',
      '--plugin-dir', fixture('plugins/legacy-2x'), '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    const plugin = report.findings.filter((f: { ruleId: string }) => f.ruleId.startsWith('plugins/'));
    const where = (f: { location: { file?: string; line?: number } }) => `${f.location.file?.split('fixtures/plugins/')[1]}:${f.location.line}`;
    expect(plugin.map((f: { ruleId: string; location: { file?: string; line?: number } }) => `${f.ruleId} ${where(f)}`)).toEqual(expect.arrayContaining([
      'plugins/removed-module legacy-2x/header-stamp/handler.lua:4',
      'plugins/handler-priority-version legacy-2x/header-stamp/handler.lua:1',
      'plugins/legacy-schema-forms legacy-2x/header-stamp/schema.lua:3',
      'plugins/unlocated-custom-plugin conf/kong.conf:4',
    ]));
    // The path stops at 3.4: the 3.6/3.7 helper moves and PCRE2 are not on it.
    expect(plugin.some((f: { ruleId: string }) => f.ruleId === 'plugins/tools-utils-moved' || f.ruleId === 'plugins/pcre2-regex')).toBe(false);
  });

  it('lists the plugin rules as not evaluated when no plugin code is given', async () => {
    const result = await runCli(['check', fixture('plugins/conf/kong.conf'), '--from', '2.8', '--to', '3.4', '--format', 'json']);
    const report = JSON.parse(result.stdout);
    const notEvaluated = JSON.stringify(report);
    expect(notEvaluated).toContain('plugins/handler-priority-version');
    expect(notEvaluated).toMatch(/no --plugin-dir given/);
  });

  it('exits 2 with one line for a folder without plugins', async () => {
    const result = await runCli(['check', fixture('plugins/conf/kong.conf'), '--from', '2.8', '--to', '3.4', '--plugin-dir', fixture('plugins/conf')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/--plugin-dir .*conf: no plugin found/);
  });

  const pluginFindings = (stdout: string) => (JSON.parse(stdout).findings as { ruleId: string; message: string }[])
    .filter((f) => f.ruleId.startsWith('plugins/'));
  const inputsLine = (stdout: string) => (JSON.parse(stdout).installation.inputs as { label: string }[]).map((i) => i.label).join(' | ');

  it('names a rockspec repository\'s plugin by its rockspec, so kong.conf\'s name matches it', async () => {
    const conf = writeConf('plugins = bundled,token-stamp\n');
    const result = await runCli(['check', conf, '--from', '2.8', '--to', '3.4', '--no-db', '--format', 'json',
      '--plugin-dir', fixture('plugins/rock-repos/token-stamp')]);
    expect(inputsLine(result.stdout)).toContain("1 plugin (token-stamp) from --plugin-dir");
    expect(inputsLine(result.stdout)).toContain("named by their rockspec's build.modules: token-stamp");
    const findings = pluginFindings(result.stdout);
    expect(findings.map((f) => f.ruleId)).not.toContain('plugins/plugin-not-enabled');
    expect(findings.map((f) => f.ruleId)).not.toContain('plugins/unlocated-custom-plugin');
    // src/notes.lua is not in the rockspec: its kong.singletons is never loaded, so never reported.
    expect(findings.filter((f) => f.ruleId === 'plugins/removed-module').map((f) => f.message))
      .toEqual([expect.stringMatching(/^token-stamp: `require "kong.plugins.base_plugin"`/)]);
  });

  it('says when a src/ plugin without a rockspec was named after the folder above src/', async () => {
    const result = await runCli(['check', '--from', '3.4', '--to', '3.9', '--no-db', '--format', 'json',
      '--plugin-dir', fixture('plugins/src-no-rockspec/auth-stamp')]);
    expect(inputsLine(result.stdout)).toMatch(/1 plugin \(auth-stamp\) from .*; named after the folder above src\/ \(no rockspec found; .*\): auth-stamp/);
  });

  it('sets aside the bundled plugins of a LuaRocks tree that holds Kong and checks the custom one', async () => {
    const result = await runCli(['check', '--from', '2.8', '--to', '3.4', '--no-db', '--format', 'json',
      '--plugin-dir', fixture('plugins/kong-tree')]);
    expect(inputsLine(result.stdout)).toMatch(/1 plugin \(req-audit\) from .*; 2 plugins bundled with Kong 2\.8\.0 set aside \(the folder also holds Kong's own code\)/);
    const files = (JSON.parse(result.stdout).findings as { location: { file?: string } }[])
      .map((f) => f.location.file).filter((f): f is string => f !== undefined && f.includes('kong/plugins/'));
    // Only the custom plugin's code is judged; the bundled acl and key-auth stubs would each give a blocker.
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => f.includes('kong/plugins/req-audit/'))).toBe(true);
    expect(pluginFindings(result.stdout).some((f) => f.ruleId === 'plugins/removed-module' && f.message.startsWith('req-audit:'))).toBe(true);
  });

  it('exits 2 with one line saying a --plugin-dir that is a file is not a folder', async () => {
    const file = fixture('plugins/clean-3x/request-stamp/handler.lua');
    const result = await runCli(['check', '--from', '2.8', '--to', '3.4', '--no-db', '--plugin-dir', file]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/request-stamp\/handler\.lua: --plugin-dir expects a folder, but this is a file; give the folder that holds the plugin \(.+request-stamp\)/);
  });
});
