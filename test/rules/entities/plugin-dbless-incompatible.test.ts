import rule from '../../../rules/entities/plugin-dbless-incompatible';
import { runRuleOnText } from '../../support/declarative-harness';

describe('entities/plugin-dbless-incompatible', () => {
  it('valid: redis policy on a DB-less node', async () => {
    expect(await runRuleOnText(rule, { from: '3.3.0', to: '3.4.0', topology: 'dbless' }, 'plugins: [{name: rate-limiting, config: {minute: 1, policy: redis}}]\n')).toEqual([]);
  });
  it('invalid: cluster policy on a hybrid node', async () => {
    expect(await runRuleOnText(rule, { from: '3.3.0', to: '3.4.0', topology: 'hybrid' }, 'plugins:\n- name: rate-limiting\n  config: {minute: 1, policy: cluster}\n')).toEqual(['needsDatabase blocker @3']);
  });
});
