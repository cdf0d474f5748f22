import rule from '../../../rules/entities/route-multi-path-priority';
import { runRuleOnText } from '../../support/declarative-harness';

describe('entities/route-multi-path-priority', () => {
  it('valid: only prefixes', async () => {
    expect(await runRuleOnText(rule, { from: '3.2.0', to: '3.4.0' }, 'routes: [{name: r, paths: [/a, /b]}]\n')).toEqual([]);
  });
  it('invalid: regex and prefix together', async () => {
    expect(await runRuleOnText(rule, { from: '3.2.0', to: '3.4.0' }, 'routes:\n- name: r\n  paths: [/a, "~/b/\\\\d+"]\n')).toEqual(['mixedPaths warning @3']);
  });
});
