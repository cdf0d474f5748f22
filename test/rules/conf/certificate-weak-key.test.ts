import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../../rules/conf/certificate-weak-key';
import { loadKongConf } from '../../../src/inputs/kong-conf';
import { certificateKeyStrength, dhParameterBits, pemCertificates } from '../../../src/inputs/tls/key-strength';
import { runCase, ruleTester } from '../../support/rule-tester';

const TLS = join(__dirname, '../../../fixtures/conf/tls');
const at = (file: string) => join(TLS, file);
const base64 = (file: string) => readFileSync(at(file)).toString('base64');

ruleTester.run(rule, {
  valid: [
    { name: 'strong certificates and a named DH group crossing 3.6', conf: `ssl_cert = ${at('strong-ec256.crt')}\nlua_ssl_trusted_certificate = system,${at('strong-bundle.crt')}\nssl_dhparam = ffdhe2048\n`, from: '3.4', to: '3.6' },
    { name: '2048-bit DH parameters', conf: `ssl_dhparam = ${at('dhparam-2048.pem')}\n`, from: '3.5', to: '3.6' },
    { name: 'a weak certificate on a path that stays below 3.6', conf: `ssl_cert = ${at('weak-rsa1024.crt')}\n`, from: '3.2', to: '3.5' },
    { name: 'OSS 2.8 -> 3.4: the 3.4.3.4 backport is Enterprise-only', conf: `ssl_cert = ${at('weak-rsa1024.crt')}\n`, from: '2.8', to: '3.4' },
    { name: 'Enterprise 3.4.3.3 is before the backport (OpenSSL 3.1.4)', conf: `ssl_cert = ${at('weak-rsa1024.crt')}\n`, from: '3.4.1.0', to: '3.4.3.3', edition: 'enterprise' },
    // 3.4.3.4 and 3.5.0.4 already ship OpenSSL 3.2 at level 2: nothing changes on the way to 3.10.
    { name: 'Enterprise 3.4.3.4 already refuses weak keys', conf: `ssl_cert = ${at('weak-rsa1024.crt')}\n`, from: '3.4.3.4', to: '3.10.0.0', edition: 'enterprise' },
    { name: 'Enterprise 3.4.3.12 already refuses weak keys', conf: `ssl_cert = ${at('weak-rsa1024.crt')}\n`, from: '3.4.3.12', to: '3.10.0.0', edition: 'enterprise' },
    { name: 'Enterprise 3.5.0.4 already refuses weak keys', conf: `ssl_cert = ${at('weak-rsa1024.crt')}\n`, from: '3.5.0.4', to: '3.10.0.0', edition: 'enterprise' },
    { name: 'RC4 in ssl_ciphers that the suite replaces', conf: 'ssl_cipher_suite = intermediate\nssl_ciphers = RC4-SHA\n', from: '3.5', to: '3.6' },
    { name: 'RC4 only removed from a custom list', conf: 'ssl_cipher_suite = custom\nssl_ciphers = ECDHE-RSA-AES128-GCM-SHA256:!RC4:-RC4-MD5\n', from: '3.5', to: '3.6' },
    { name: 'vault references and inline text that is not a certificate', conf: 'ssl_cert = {vault://env/cert}\ncluster_ca_cert = -----BEGIN CERTIFICATE-----garbage\n', from: '3.5', to: '3.6' },
  ],
  invalid: [
    {
      name: 'a 1024-bit proxy certificate crossing 3.6',
      conf: `ssl_cert = ${at('strong-ec256.crt')}, ${at('weak-rsa1024.crt')}\n`, from: '3.4', to: '3.6',
      findings: [{ messageId: 'weakCertificate', line: 1, severity: 'blocker', hop: '3.6', data: { key: 'ssl_cert', bits: 1024, type: 'RSA', minimum: 2048 }, message: 'CN=weak-proxy.example.com' }],
    },
    {
      name: 'a weak intermediate in a served chain names its place in the file',
      conf: `admin_ssl_cert = ${at('chain-with-weak-intermediate.crt')}\n`, from: '3.5', to: '3.6',
      findings: [{ messageId: 'weakCertificate', data: { key: 'admin_ssl_cert', bits: 1024 }, message: 'certificate 2 of the file' }],
    },
    {
      name: 'Enterprise 2.8 -> 3.4 meets the change at the 3.4.3.4 backport',
      conf: `cluster_cert = ${at('weak-rsa1024.crt')}\n`, from: '2.8.4.2', to: '3.4', edition: 'enterprise',
      findings: [{ messageId: 'weakCertificate', data: { key: 'cluster_cert', since: '3.4.3.4' }, message: 'from 3.4.3.4' }],
    },
    {
      name: 'Enterprise 3.4.3.3, before the backport, to 3.10 meets it once, at 3.6.0.0',
      conf: `ssl_cert = ${at('weak-rsa1024.crt')}\n`, from: '3.4.3.3', to: '3.10.0.0', edition: 'enterprise',
      findings: [{ messageId: 'weakCertificate', data: { since: '3.6.0.0' } }],
    },
    {
      name: 'Enterprise 2.8.4.9 (OpenSSL 3.1, level 1) to 3.4.3.12 meets it at 3.4.3.4',
      conf: `ssl_cert = ${at('weak-rsa1024.crt')}\n`, from: '2.8.4.9', to: '3.4.3.12', edition: 'enterprise',
      findings: [{ messageId: 'weakCertificate', data: { since: '3.4.3.4' } }],
    },
    {
      // gateway.json: 3.4.3.4 bumps OpenSSL from 3.1.4 to 3.2.1, whose default level is 2.
      name: 'Enterprise 3.4.3.3 -> 3.4.3.4, the patch that brings OpenSSL 3.2.1',
      conf: `ssl_cert = ${at('weak-rsa1024.crt')}\n`, from: '3.4.3.3', to: '3.4.3.4', edition: 'enterprise',
      findings: [{ messageId: 'weakCertificate', data: { since: '3.4.3.4' } }],
    },
    {
      name: 'a base64 cluster CA from the environment (how Helm and Kubernetes pass it)',
      env: { KONG_CLUSTER_CA_CERT: base64('weak-rsa1024.crt') }, from: '3.5', to: '3.6',
      findings: [{ messageId: 'weakCertificate', env: 'KONG_CLUSTER_CA_CERT', severity: 'blocker', data: { source: 'an inline certificate' }, message: 'data planes lose the control plane' }],
    },
    {
      name: 'a weak CA among the trusted certificates is a warning',
      conf: `lua_ssl_trusted_certificate = system,${at('weak-rsa1024.crt')}\n`, from: '3.5', to: '3.6',
      findings: [{ messageId: 'weakCertificate', severity: 'warning', data: { key: 'lua_ssl_trusted_certificate' } }],
    },
    {
      name: '1024-bit DH parameters',
      conf: `ssl_dhparam = ${at('dhparam-1024.pem')}\n`, from: '3.5', to: '3.6',
      findings: [{ messageId: 'weakDhParameters', severity: 'blocker', data: { bits: 1024 } }],
    },
    {
      name: 'RC4 enabled in a custom cipher list',
      conf: 'ssl_cipher_suite = custom\nssl_ciphers = ECDHE-RSA-AES128-GCM-SHA256:RC4-SHA:!aNULL\n', from: '3.5', to: '3.6',
      findings: [{ messageId: 'rc4Ciphers', line: 2, severity: 'warning', data: { ciphers: 'RC4-SHA' } }],
    },
    {
      name: 'files only the Kong host has are named as not checked',
      conf: 'ssl_cert = /etc/kong/tls/proxy.crt\nssl_dhparam = /etc/kong/dh.pem\n', from: '3.5', to: '3.6',
      findings: [
        // Open-source releases have three parts: 3.6.0, not 3.6.0.0.
        { messageId: 'notChecked', line: 1, severity: 'info', data: { key: 'ssl_cert', source: '/etc/kong/tls/proxy.crt' }, message: 'from 3.6.0 keys under' },
        { messageId: 'notChecked', line: 2, severity: 'info', data: { key: 'ssl_dhparam' } },
      ],
    },
  ],
});

describe('conf/certificate-weak-key: relative paths', () => {
  it('resolves them against the folder of kong.conf, as the fixture installation writes them', async () => {
    const { result } = await runCase(rule, {
      name: 'fixture', from: '3.4', to: '3.6',
      inputs: () => ({ kongConf: loadKongConf(join(TLS, 'kong.conf'), {}) }),
    });
    expect(result.findings.map((f) => `${f.messageId}:${f.data?.key ?? ''}`).sort()).toEqual(['rc4Ciphers:ssl_ciphers', 'weakCertificate:ssl_cert', 'weakDhParameters:']);
  });
});

describe('key-strength readers', () => {
  it('reads DH prime sizes and declines other text', () => {
    expect(dhParameterBits(readFileSync(at('dhparam-1024.pem'), 'utf8'))).toBe(1024);
    expect(dhParameterBits(readFileSync(at('dhparam-2048.pem'), 'utf8'))).toBe(2048);
    expect(dhParameterBits('-----BEGIN DH PARAMETERS-----\nAAAA\n-----END DH PARAMETERS-----')).toBeUndefined();
    expect(dhParameterBits(readFileSync(at('weak-rsa1024.crt'), 'utf8'))).toBeUndefined();
  });
  it('reads every certificate of a bundle', () => {
    const certs = pemCertificates(readFileSync(at('chain-with-weak-intermediate.crt'), 'utf8'));
    expect(certs.map((pem) => certificateKeyStrength(pem))).toEqual([{ type: 'rsa', bits: 2048 }, { type: 'rsa', bits: 1024 }]);
  });
});
