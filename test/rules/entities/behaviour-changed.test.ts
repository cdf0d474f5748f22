import rule from '../../../rules/entities/behaviour-changed';
import { runRuleOnText } from '../../support/declarative-harness';

describe('entities/behaviour-changed', () => {
  it('valid: jwt on a path without 3.2', async () => {
    expect(await runRuleOnText(rule, { from: '3.2.0', to: '3.4.0' }, 'plugins: [{name: jwt}]\n')).toEqual([]);
  });
  it('invalid: jwt crossing 3.2', async () => {
    expect(await runRuleOnText(rule, { from: '3.1.0', to: '3.4.0' }, 'plugins:\n- name: jwt\n')).toEqual(['changed warning @2']);
  });
});
