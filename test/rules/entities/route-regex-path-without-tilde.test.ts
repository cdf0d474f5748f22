import rule from '../../../rules/entities/route-regex-path-without-tilde';
import { runRuleOnText } from '../../support/declarative-harness';

describe('entities/route-regex-path-without-tilde', () => {
  it('valid: regex already prefixed', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'routes: [{name: r, paths: ["~/a/\\\\d+", /plain-path_1.2~]}]\n')).toEqual([]);
  });
  it('valid: path does not cross 3.0', async () => {
    expect(await runRuleOnText(rule, { from: '3.1.0', to: '3.4.0' }, 'routes: [{name: r, paths: ["/a/\\\\d+"]}]\n')).toEqual([]);
  });
  it('invalid: regex without ~', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'routes:\n- name: r\n  paths: ["/a/(b|c)"]\n')).toEqual(['regexWithoutTilde warning @3']);
  });
});
