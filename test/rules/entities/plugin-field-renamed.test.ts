import rule from '../../../rules/entities/plugin-field-renamed';
import { runRuleOnText } from '../../support/declarative-harness';

describe('entities/plugin-field-renamed', () => {
  it('valid: allow instead of whitelist', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'plugins: [{name: acl, config: {allow: [a]}}]\n')).toEqual([]);
  });
  it('valid: whitelist on another plugin', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'plugins: [{name: my-plugin, config: {whitelist: [a]}}]\n')).toEqual([]);
  });
  it('invalid: deprecated alias next to its replacement', async () => {
    expect(await runRuleOnText(rule, { from: '3.5.0', to: '3.6.0' }, 'plugins:\n- name: rate-limiting\n  config: {minute: 1, policy: redis, redis_host: a, redis: {host: b}}\n')).toEqual(['conflict warning @3']);
  });
});
