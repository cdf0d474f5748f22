import rule from '../../../rules/entities/plugin-field-renamed';
import { runRuleOnText } from '../../support/declarative-harness';

describe('entities/plugin-field-renamed', () => {
  it('valid: allow instead of whitelist', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'plugins: [{name: acl, config: {allow: [a]}}]\n')).toEqual([]);
  });
  it('valid: whitelist on another plugin', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'plugins: [{name: my-plugin, config: {whitelist: [a]}}]\n')).toEqual([]);
  });
  // kong/db/schema/init.lua refuses a field the schema no longer has even when it is null (only
  // data planes skip it); decK dumps of 2.x write unset fields as null.
  it('invalid: a removed field written as null or as an empty list', async () => {
    const text = 'plugins:\n- name: post-function\n  config:\n    functions: null\n    access: [a]\n- name: pre-function\n  config:\n    functions: []\n    access: [b]\n';
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, text)).toEqual(['removed blocker @4', 'removed blocker @8']);
  });
  it('valid: a deprecated (still known) alias left null is simply unset', async () => {
    expect(await runRuleOnText(rule, { from: '3.5.0', to: '3.6.0' }, 'plugins:\n- name: rate-limiting\n  config: {minute: 1, policy: redis, redis_host: null, redis: {host: b}}\n')).toEqual([]);
  });
  it('invalid: deprecated alias next to its replacement', async () => {
    expect(await runRuleOnText(rule, { from: '3.5.0', to: '3.6.0' }, 'plugins:\n- name: rate-limiting\n  config: {minute: 1, policy: redis, redis_host: a, redis: {host: b}}\n')).toEqual(['conflict warning @3']);
  });
});
