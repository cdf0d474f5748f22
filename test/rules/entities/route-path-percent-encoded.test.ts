import rule from '../../../rules/entities/route-path-percent-encoded';
import { runRuleOnText } from '../../support/declarative-harness';

describe('entities/route-path-percent-encoded', () => {
  it('valid: reserved escape kept', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'routes: [{name: r, paths: [/a%2Fb]}]\n')).toEqual([]);
  });
  it('invalid: unreserved escape', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'routes:\n- name: r\n  paths: [/a%41b]\n')).toEqual(['plainEncoded warning @3']);
  });
});
