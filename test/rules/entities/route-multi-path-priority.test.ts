import rule from '../../../rules/entities/route-multi-path-priority';
import { runRuleOnText } from '../../support/declarative-harness';

describe('entities/route-multi-path-priority', () => {
  it('valid: only prefixes', async () => {
    expect(await runRuleOnText(rule, { from: '3.2.0', to: '3.4.0' }, 'routes: [{name: r, paths: [/a, /b]}]\n')).toEqual([]);
  });
  it('invalid: regex and prefix together', async () => {
    expect(await runRuleOnText(rule, { from: '3.2.0', to: '3.4.0' }, 'routes:\n- name: r\n  paths: [/a, "~/b/\\\\d+"]\n')).toEqual(['mixedPaths warning @3']);
  });
  it('valid: a 2.x node already ranks each path apart, as 3.3 does again', async () => {
    // CHANGELOG.md@3.3.0 (#10615): only 3.0-3.2 gave a multi-path route a single priority.
    const file = 'routes:\n- name: r\n  paths: [/a, "~/b/\\\\d+"]\n';
    expect(await runRuleOnText(rule, { from: '2.8.4', to: '3.4.2' }, file)).toEqual([]);
    expect(await runRuleOnText(rule, { from: '3.0.1', to: '3.4.2' }, file)).toEqual(['mixedPaths warning @3']);
  });
});
