import rule from '../../../rules/entities/default-changed';
import { runRuleOnText } from '../../support/declarative-harness';

describe('entities/default-changed', () => {
  it('valid: policy set', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'plugins: [{name: rate-limiting, config: {minute: 1, policy: local}}]\n')).toEqual([]);
  });
  it('invalid: policy left to the default', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'plugins:\n- name: rate-limiting\n  config:\n    minute: 1\n')).toEqual(['defaultChanged warning @4']);
  });
});
