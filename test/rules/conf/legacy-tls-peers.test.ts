import rule from '../../../rules/conf/legacy-tls-peers';
import { runCase, ruleTester } from '../../support/rule-tester';

// Kong builds OpenSSL 1.1.1t up to 3.3 and OpenSSL 3.1.1 from 3.4.0 (.requirements@3.3.0, @3.4.0),
// which accepts TLS 1.0/1.1 only at security level 0 (openssl NEWS.md, 3.1.0); Enterprise got it in
// 2.8.4.2, 3.1.1.5 and 3.2.2.4 (gateway.json). ssl_cipher_suite = old sets that level from 3.6.1
// (kong/templates/nginx_kong.lua@3.6.1; Enterprise 2.8.4.8, 3.4.3.5, 3.5.0.4).
ruleTester.run(rule, {
  valid: [
    { name: 'a path that stays on OpenSSL 1.1.1', conf: 'log_level = notice\n', from: '2.8', to: '3.3' },
    { name: 'a source already on OpenSSL 3', conf: 'log_level = notice\n', from: '3.4', to: '3.10' },
    { name: 'Enterprise 2.8.4.2 already runs OpenSSL 3', conf: 'log_level = notice\n', from: '2.8.4.2', to: '3.4', edition: 'enterprise' },
    { name: 'Enterprise 3.2.1.0 -> 3.3: the 3.3 line never got OpenSSL 3', conf: 'log_level = notice\n', from: '3.2.1.0', to: '3.3', edition: 'enterprise' },
    // conf/value-invalid reports these, with the same explanation.
    { name: 'TLSv1.1 listed in lua_ssl_protocols', conf: 'lua_ssl_protocols = TLSv1.1 TLSv1.2\n', from: '2.8', to: '3.4' },
    { name: 'TLSv1 listed in ssl_protocols under custom', conf: 'ssl_cipher_suite = custom\nssl_protocols = TLSv1 TLSv1.2\n', from: '2.8', to: '3.6.1' },
    // conf/known-issue (before 3.6.1) or old itself (from 3.6.1) speaks for these.
    { name: 'ssl_cipher_suite = old on a 3.4 target', conf: 'ssl_cipher_suite = old\n', from: '2.8', to: '3.4' },
    { name: 'ssl_cipher_suite = old from the environment on a 3.6.1 target', env: { KONG_SSL_CIPHER_SUITE: 'old' }, from: '2.8', to: '3.6.1' },
  ],
  invalid: [
    {
      name: 'OSS 2.8 -> 3.4 with nothing about TLS in kong.conf',
      conf: 'log_level = notice\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'legacyPeers', severity: 'info', hop: '3.4', data: { since: '3.4.0.0' }, message: 'From 3.4.0 Kong runs on OpenSSL 3' }],
    },
    {
      // The stock 2.x ssl_protocols under the default suite is ignored by Kong: value-invalid is silent.
      name: 'an ssl_protocols that the suite replaces does not count as listed',
      conf: 'ssl_protocols = TLSv1.1 TLSv1.2 TLSv1.3\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'legacyPeers', data: { since: '3.4.0.0' } }],
    },
    {
      name: 'Enterprise 2.8.2.4 -> 2.8.4.5 meets OpenSSL 3 at the 2.8.4.2 backport',
      conf: 'log_level = notice\n', from: '2.8.2.4', to: '2.8.4.5', edition: 'enterprise',
      findings: [{ messageId: 'legacyPeers', data: { since: '2.8.4.2' }, message: 'From 2.8.4.2' }],
    },
    {
      name: 'ssl_cipher_suite = modern does not lower the level',
      conf: 'ssl_cipher_suite = modern\n', from: '3.3', to: '3.10.0.0', edition: 'enterprise',
      findings: [{ messageId: 'legacyPeers', data: { since: '3.4.0.0' } }],
    },
  ],
});

// The way back follows the target: old helps only where Kong sets @SECLEVEL=0 with it.
describe('conf/legacy-tls-peers: remediation per target', () => {
  const remediation = async (from: string, to: string, edition: 'oss' | 'enterprise' = 'oss') => {
    const { result } = await runCase(rule, { name: `${from} -> ${to}`, conf: 'log_level = notice\n', from, to, edition });
    expect(result.findings).toHaveLength(1);
    return result.findings[0].remediation ?? '';
  };

  it('on 3.4 names 3.6.1 as the first release where old brings TLS 1.0/1.1 back', async () => {
    const text = await remediation('2.8', '3.4');
    expect(text).toContain('Kong 3.4.2 has no setting that brings TLS 1.0 or 1.1 back');
    expect(text).toContain('target 3.6.1 or later and set ssl_cipher_suite = old');
  });

  it('on Enterprise 3.4.3.x names the 3.4.3.5 backport', async () => {
    expect(await remediation('2.8.2.4', '3.4.3.4', 'enterprise')).toContain('target 3.4.3.5 or later');
  });

  it('from 3.6.1 advises old, and TLSv1.1 in lua_ssl_protocols for Lua connections', async () => {
    const text = await remediation('2.8', '3.6.1');
    expect(text).toContain('set ssl_cipher_suite = old, which on Kong 3.6.1 lowers');
    expect(text).toContain('add TLSv1.1 to lua_ssl_protocols');
  });
});
