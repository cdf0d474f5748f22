// `--nginx-template` through the CLI: templates load, nginx rules report, bad files exit 2.

import { fixture, runCli } from '../support/cli';

describe('kong-preflight check --nginx-template', () => {
  it('reports the blockers of a 2.8 inlined template going to 3.4 and fails', async () => {
    const result = await runCli([
      'check', fixture('installations/oss-3.3-clean/kong.conf'), '--from', '2.8', '--to', '3.4', '--format', 'json',
      '--nginx-template', fixture('nginx/2.8-inlined.conf'), '--nginx-template', fixture('nginx/3.0-wrapper.conf'),
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    const nginx = report.findings.filter((f: { ruleId: string }) => f.ruleId.startsWith('nginx/'));
    const blockers = nginx.filter((f: { severity: string }) => f.severity === 'blocker').map((f: { ruleId: string; messageId: string }) => `${f.ruleId}:${f.messageId}`);
    expect(blockers.sort()).toEqual([
      'nginx/template-missing-elements:missing',
      'nginx/template-obsolete-elements:obsolete',
      'nginx/template-required-dicts:missingDict',
    ]);
    const identified = nginx.filter((f: { ruleId: string }) => f.ruleId === 'nginx/template-identified');
    expect(identified).toHaveLength(2);
    expect(JSON.stringify(report)).not.toContain('nginxTemplates input');
  });

  it('a file Kong rendered into its prefix: a warning instead of template blockers, and the header says what it is', async () => {
    const result = await runCli([
      'check', '--no-db', '--from', '2.8', '--to', '3.4', '--format', 'json',
      '--nginx-template', fixture('nginx/rendered-nginx-kong.conf'), '--nginx-template', fixture('nginx/3.0-wrapper.conf'),
    ]);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    const rendered = fixture('nginx/rendered-nginx-kong.conf');
    const onRendered = report.findings
      .filter((f: { ruleId: string; message: string }) => f.ruleId.startsWith('nginx/') && f.message.startsWith(rendered))
      .map((f: { ruleId: string; messageId: string; severity: string }) => `${f.severity} ${f.ruleId}:${f.messageId}`);
    expect(onRendered).toEqual(['warning nginx/template-identified:rendered']);
    expect(report.findings.filter((f: { ruleId: string; severity: string }) => f.ruleId.startsWith('nginx/') && f.severity === 'blocker')).toEqual([]);
    // The real template beside it is still checked as one.
    expect(JSON.stringify(report.findings)).toContain('3.0-wrapper.conf is an nginx.conf template');
    expect(JSON.stringify(report)).toContain('nginx file Kong rendered (not a template)');

    const text = await runCli(['check', '--no-db', '--from', '2.8', '--to', '3.4', '--nginx-template', rendered]);
    expect(text.stdout).toContain('is not a template: it is the nginx-kong.conf Kong rendered into its prefix');
    expect(text.stdout).not.toContain('[nginx/template-missing-elements]');
    expect(text.stdout).not.toContain('[nginx/template-required-dicts]');
  });

  it('without the flag the template rules are listed as not evaluated', async () => {
    const result = await runCli(['check', fixture('installations/oss-3.3-clean/kong.conf'), '--from', '3.3', '--to', '3.4', '--format', 'json']);
    const report = JSON.parse(result.stdout);
    expect(JSON.stringify(report)).toContain('no --nginx-template FILE given');
  });

  it('a missing template: exit 2 with a one-line error naming the file', async () => {
    const result = await runCli(['check', '--from', '3.3', '--to', '3.4', '--nginx-template', '/nonexistent/custom.tmpl']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('/nonexistent/custom.tmpl: cannot read nginx template: no such file');
  });
});
