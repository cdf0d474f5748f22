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
