import rule from '../../../rules/entities/route-path-handling-v1';
import { runRuleOnText } from '../../support/declarative-harness';

describe('entities/route-path-handling-v1', () => {
  it('valid: v0', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'routes: [{name: r, paths: [/a], path_handling: v0}]\n')).toEqual([]);
  });
  it('valid: v1 under router_flavor traditional', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'routes: [{name: r, paths: [/a], path_handling: v1}]\n', { conf: 'router_flavor = traditional\n' })).toEqual([]);
  });
  it('invalid: v1 under the default flavor', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'routes:\n- name: r\n  path_handling: v1\n')).toEqual(['v1Ignored warning @3']);
  });
});
