import rule from '../../../rules/conf/known-issue';
import { knownIssueAffectsTarget, knownIssueFix, changesOfKind } from '../../../src/knowledge/conf/changes';
import { KongVersion } from '../../../src/version/kong-version';
import { ruleTester } from '../../support/rule-tester';

const STREAMING_DP = 'role = data_plane\nincremental_sync = on\nstream_listen = 0.0.0.0:5555 reuseport\n';

ruleTester.run(rule, {
  valid: [
    { name: 'incremental sync on, no stream listener (stream_listen defaults to off)', conf: 'incremental_sync = on\n', from: '3.9.1.0', to: '3.10.0.3', edition: 'enterprise' },
    { name: 'stream listener with incremental sync left off', conf: 'stream_listen = 0.0.0.0:5555\n', from: '3.9.1.0', to: '3.10.0.3', edition: 'enterprise' },
    { name: 'stream_listen explicitly off', conf: 'incremental_sync = on\nstream_listen = off\n', from: '3.9.1.0', to: '3.10.0.3', edition: 'enterprise' },
    { name: 'target is the 3.10 patch with the fix', conf: STREAMING_DP, from: '3.9.1.0', to: '3.10.0.6', edition: 'enterprise' },
    { name: 'target is the 3.11 patch with the fix', conf: STREAMING_DP, from: '3.10.0.6', to: '3.11.0.3', edition: 'enterprise' },
    { name: 'a later line carries the fix', conf: STREAMING_DP, from: '3.10.0.6', to: '3.12.0.0', edition: 'enterprise' },
    { name: 'open-source edition (the known issue is Enterprise 3.10+)', conf: STREAMING_DP, from: '3.8', to: '3.9', edition: 'oss' },
    { name: 'Kong "yes" is not a true boolean', conf: 'incremental_sync = yes\nstream_listen = 0.0.0.0:5555\n', from: '3.9.1.0', to: '3.10.0.3', edition: 'enterprise' },
  ],
  invalid: [
    {
      name: 'data plane with a stream listener and incremental sync, target 3.10.0.3',
      conf: STREAMING_DP,
      from: '3.9.1.0', to: '3.10.0.3', edition: 'enterprise',
      findings: [{ messageId: 'knownIssue', severity: 'warning', line: 2, column: 1, data: { key: 'incremental_sync', fixedIn: '3.10.0.6', since: '3.10.0.0' } }],
    },
    {
      name: 'target 3.11.0.2: the fix of its own line is 3.11.0.3',
      conf: STREAMING_DP,
      from: '3.10.0.6', to: '3.11.0.2', edition: 'enterprise',
      findings: [{ messageId: 'knownIssue', line: 2, data: { fixedIn: '3.11.0.3' } }],
    },
    {
      name: 'settings from the environment count',
      env: { KONG_INCREMENTAL_SYNC: 'true', KONG_STREAM_LISTEN: '0.0.0.0:9000' },
      from: '3.9.1.0', to: '3.10.0.0', edition: 'enterprise',
      findings: [{ messageId: 'knownIssue', env: 'KONG_INCREMENTAL_SYNC', data: { value: 'true' } }],
    },
  ],
  notEvaluated: [{ name: 'no kong.conf given', from: '3.9.1.0', to: '3.10.0.3', edition: 'enterprise', reason: /kong\.conf|kongConf/ }],
});

describe('known issue ranges', () => {
  const [issue] = changesOfKind('known-issue').filter((c) => c.id === 'conf.incremental-sync-stream.known-issue');
  const affects = (to: string): boolean => knownIssueAffectsTarget(issue, { to: KongVersion.parse(to), edition: 'enterprise' });

  it('affects each line from its first release up to its own fix', () => {
    expect(['3.10.0.0', '3.10.0.5', '3.11.0.0', '3.11.0.2'].filter(affects)).toEqual(['3.10.0.0', '3.10.0.5', '3.11.0.0', '3.11.0.2']);
    expect(['3.9.1.1', '3.10.0.6', '3.10.0.7', '3.11.0.3', '3.12.0.0', '3.14.0.1'].filter(affects)).toEqual([]);
  });

  it('names the fix of the target line, else the next line\'s fix', () => {
    expect(knownIssueFix(issue, KongVersion.parse('3.10.0.2'))?.toString()).toBe('3.10.0.6');
    expect(knownIssueFix(issue, KongVersion.parse('3.11.0.1'))?.toString()).toBe('3.11.0.3');
    expect(knownIssueFix(issue, KongVersion.parse('3.12.0.0'))).toBeUndefined();
    const onlyLaterLine = { ...issue, fixedIn: ['3.11.0.3'] };
    expect(knownIssueFix(onlyLaterLine, KongVersion.parse('3.10.0.9'))?.toString()).toBe('3.11.0.3');
    expect(knownIssueAffectsTarget(onlyLaterLine, { to: KongVersion.parse('3.10.0.9'), edition: 'enterprise' })).toBe(true);
  });
});
