import rule from '../../../rules/entities/field-value-rejected';
import { runRuleOnText } from '../../support/declarative-harness';

describe('entities/field-value-rejected', () => {
  it('valid: one string per header', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'plugins: [{name: http-log, config: {http_endpoint: "http://x", headers: {X-A: b}}}]\n')).toEqual([]);
  });
  it('invalid: fractional queue size', async () => {
    expect(await runRuleOnText(rule, { from: '3.3.0', to: '3.4.0' }, 'plugins:\n- name: http-log\n  config: {http_endpoint: "http://x", queue: {max_batch_size: 2.5}}\n')).toEqual(['rejected blocker @3']);
  });
});
