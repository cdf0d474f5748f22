import rule from '../../../rules/entities/route-regex-unsupported-syntax';
import { runRuleOnText } from '../../support/declarative-harness';

describe('entities/route-regex-unsupported-syntax', () => {
  it('valid: plain regex', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'routes: [{name: r, paths: ["~/a/[0-9]+$"]}]\n')).toEqual([]);
  });
  it('valid: router_flavor traditional keeps PCRE', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'routes: [{name: r, paths: ["~/a(?=b)"]}]\n', { conf: 'router_flavor = traditional\n' })).toEqual([]);
  });
  it('invalid: look-ahead under the default flavor', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'routes:\n- name: r\n  paths: ["~/a(?=b)"]\n')).toEqual(['unsupported blocker @3']);
  });
});
