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
    // ssl_cipher_suite = old: OpenSSL 3 from 3.4.0 (.requirements@3.4.0), @SECLEVEL=0 from 3.6.1 (nginx_kong.lua@3.6.1).
    { name: 'ssl_cipher_suite = old on 3.3, still OpenSSL 1.1.1t', conf: 'ssl_cipher_suite = old\n', from: '2.8', to: '3.3' },
    { name: 'ssl_cipher_suite = old on 3.6.1, which sets @SECLEVEL=0 with it', conf: 'ssl_cipher_suite = old\n', from: '2.8', to: '3.6.1' },
    { name: 'ssl_cipher_suite = old on Enterprise 3.4.3.5, the backport', conf: 'ssl_cipher_suite = old\n', from: '2.8.2.4', to: '3.4.3.5', edition: 'enterprise' },
    { name: 'ssl_cipher_suite = old on Enterprise 3.3, a line without OpenSSL 3', conf: 'ssl_cipher_suite = old\n', from: '3.2.1.0', to: '3.3', edition: 'enterprise' },
    { name: 'the default suite is not affected', conf: 'ssl_cipher_suite = intermediate\n', from: '2.8', to: '3.4' },
  ],
  invalid: [
    {
      name: 'ssl_cipher_suite = old on OSS 3.4: TLS 1.0/1.1 offered but refused, fixed in 3.6.1', conf: 'ssl_cipher_suite = old\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'knownIssue', severity: 'warning', line: 1, data: { key: 'ssl_cipher_suite', since: '3.4.0.0', fixedIn: '3.6.1.0' }, message: 'meets a known issue of 3.4.0, fixed in 3.6.1' }],
    },
    {
      // Enterprise 3.4.1.0 -> 3.4.3.4: OSS has no 3.4.3.5, Enterprise does.
      name: 'ssl_cipher_suite = old on Enterprise 3.4.3.4, fixed by the 3.4.3.5 backport', conf: 'ssl_cipher_suite = old\n', from: '3.4.1.0', to: '3.4.3.4', edition: 'enterprise',
      findings: [{ messageId: 'knownIssue', data: { since: '3.4.0.0', fixedIn: '3.4.3.5' } }],
    },
    {
      name: 'ssl_cipher_suite = old on Enterprise 2.8.4.5: OpenSSL 3 came with 2.8.4.2, the fix with 2.8.4.8', conf: 'ssl_cipher_suite = old\n', from: '2.8.2.4', to: '2.8.4.5', edition: 'enterprise',
      findings: [{ messageId: 'knownIssue', data: { since: '2.8.4.2', fixedIn: '2.8.4.8' } }],
    },
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
