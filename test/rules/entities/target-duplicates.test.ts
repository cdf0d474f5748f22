import rule from '../../../rules/entities/target-duplicates';
import { runRuleOnText } from '../../support/declarative-harness';

describe('entities/target-duplicates', () => {
  it('valid: same address on two upstreams', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'upstreams:\n- {name: a, targets: [{target: "h:1"}]}\n- {name: b, targets: [{target: "h:1"}]}\n')).toEqual([]);
  });
  it('invalid: nested and top-level duplicate', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'upstreams:\n- {name: a, targets: [{target: "h:1"}]}\ntargets:\n- {upstream: a, target: "h:1"}\n')).toEqual(['duplicate warning @4']);
  });
});
