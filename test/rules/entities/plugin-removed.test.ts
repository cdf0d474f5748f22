import rule from '../../../rules/entities/plugin-removed';
import { runRuleOnText } from '../../support/declarative-harness';

describe('entities/plugin-removed', () => {
  it('valid: statsd is fine', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2.4', to: '3.4.1.0', edition: 'enterprise' }, 'plugins: [{name: statsd}]\n')).toEqual([]);
  });
  it('invalid: statsd-advanced deprecated in 3.0', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2.4', to: '3.4.1.0', edition: 'enterprise' }, 'plugins:\n- name: statsd-advanced\n')).toEqual(['deprecated info @2']);
  });
});

describe('entities/plugin-removed (removed plugins)', () => {
  it('invalid: the Enterprise collector plugin configured on a path crossing 3.0', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2.4', to: '3.4.1.0', edition: 'enterprise' }, 'plugins:\n- name: collector\n'))
      .toEqual(['removed blocker @2']);
  });

  it('valid: collector on an OSS plan is somebody else\'s custom plugin', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'plugins:\n- name: collector\n')).toEqual([]);
  });
});

// The docs publish schemas for these Enterprise plugins up to 3.9 and none from 3.10
// (app/_schemas/gateway/plugins/<minor>/@bc1cd742); no changelog names the removal, so uncertain.
describe('entities/plugin-removed (schemas that stop after 3.9)', () => {
  const ee = (from: string, to: string) => ({ from, to, edition: 'enterprise' as const });
  it.each(['application-registration', 'datadog-tracing'])('invalid: %s crossing 3.10 (warning, not blocker)', async (name) => {
    expect(await runRuleOnText(rule, ee('3.9.1.0', '3.10.0.17'), `plugins:\n- name: ${name}\n`)).toEqual(['removed warning @2']);
  });
  it('valid: application-registration on a path that stays before 3.10', async () => {
    expect(await runRuleOnText(rule, ee('3.4.3.12', '3.9.1.0'), 'plugins:\n- name: application-registration\n')).toEqual([]);
  });
  it('valid: a path that starts at 3.10', async () => {
    expect(await runRuleOnText(rule, ee('3.10.0.0', '3.14.0.13'), 'plugins:\n- name: datadog-tracing\n')).toEqual([]);
  });
});
