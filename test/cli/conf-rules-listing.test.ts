// `rules` and `explain` show where the data-driven kong.conf rules bite, and `check` runs them
// end to end on the outdated 2.8 fixture.

import { fixture, runCli } from '../support/cli';

describe('kong-preflight rules / explain for the kong.conf rules', () => {
  it('lists each conf rule with the span of versions it checks', async () => {
    const { code, stdout } = await runCli(['rules', '--format', 'json']);
    expect(code).toBe(0);
    const rules: { id: string; changes: { introducedIn: string }[]; sources: unknown[] }[] = JSON.parse(stdout);
    const renamed = rules.find((r) => r.id === 'conf/renamed-property')!;
    expect(renamed.changes.map((c) => c.introducedIn)).toContain('3.5.0.0');
    expect(renamed.sources.length).toBeGreaterThan(0);
    const text = await runCli(['rules']);
    expect(text.stdout).toMatch(/conf\/default-changed\s+info\s+2\.1-3\.14/);
  });

  it('explains a rule with the changes it checks', async () => {
    const { code, stdout } = await runCli(['explain', 'conf/enterprise-removed']);
    expect(code).toBe(0);
    expect(stdout).toContain('## Changes it checks');
    expect(stdout).toContain('3.5.0.0 (enterprise): portal, portal_*');
  });

  it('check reports the outdated settings with their lines and fails on blockers', async () => {
    const file = fixture('installations', 'ee-2.8-outdated', 'kong.conf');
    const { code, stdout } = await runCli(['check', file, '--from', '2.8.2.4', '--to', '3.14', '--edition', 'enterprise', '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    const at = (ruleId: string, line: number) => report.findings.some((f: { ruleId: string; location: { line?: number } }) => f.ruleId === ruleId && f.location.line === line);
    expect(at('conf/removed-property', 11)).toBe(true);
    expect(at('conf/enterprise-removed', 47)).toBe(true);
    expect(at('conf/unknown-property', 31)).toBe(true);
  });
});
