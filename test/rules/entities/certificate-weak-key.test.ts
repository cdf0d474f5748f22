import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rule from '../../../rules/entities/certificate-weak-key';
import { certificateKeyStrength as keyStrength } from '../../../src/inputs/tls/key-strength';
import { readDeclarativeText } from '../../../src/inputs/declarative';
import { runOnFiles, runRuleOnText } from '../../support/declarative-harness';

const FIXTURE = readFileSync(join(__dirname, '../../../fixtures/declarative/certificates.yml'), 'utf8');

describe('entities/certificate-weak-key', () => {
  const document = readDeclarativeText('certificates.yml', FIXTURE);
  const certificates = document.root.certificates as { cert: string }[];
  const caCertificates = document.root.ca_certificates as { cert: string }[];

  it('reads key type and size from PEM', () => {
    expect(keyStrength(certificates[0].cert)).toEqual({ type: 'rsa', bits: 1024 });
    expect(keyStrength(caCertificates[0].cert)).toEqual({ type: 'ec', bits: 256 });
    expect(keyStrength('not a certificate')).toBeUndefined();
  });

  it('invalid: a 1024-bit RSA certificate crossing 3.6', async () => {
    expect(await runRuleOnText(rule, { from: '3.4.0', to: '3.6.0' }, FIXTURE)).toEqual(['weakKey blocker @5']);
  });

  // OpenSSL applies the level to the chain certificates Kong adds beside the leaf, not only to the
  // leaf: a strong first certificate does not hide a weak one after it.
  it('invalid: a weak certificate later in the chain, named in the message', async () => {
    const chain = readFileSync(join(__dirname, '../../../fixtures/conf/tls/chain-with-weak-intermediate.crt'), 'utf8');
    const text = `_format_version: "3.0"\ncertificates:\n- id: 7b1e4a59-8a4e-4c6e-9d3b-0d0e1f2a3b4c\n  cert: |\n${chain.trim().split('\n').map((l) => `    ${l}`).join('\n')}\n  key: "(not read)"\n`;
    expect(await runRuleOnText(rule, { from: '3.4.0', to: '3.6.0' }, text)).toEqual(['weakKey blocker @4']);
    const dir = mkdtempSync(join(tmpdir(), 'kp-chain-'));
    writeFileSync(join(dir, 'kong.yml'), text);
    const { findings } = await runOnFiles({ from: '3.4.0', to: '3.6.0' }, ['kong.yml'], dir, undefined, [rule]);
    expect(findings[0].message).toContain('1024-bit RSA key (certificate 2 of the chain: CN=weak-proxy.example.com)');
  });

  it('valid: the same file on a path that stays below 3.6', async () => {
    expect(await runRuleOnText(rule, { from: '3.2.0', to: '3.5.0' }, FIXTURE)).toEqual([]);
    expect(await runRuleOnText(rule, { from: '3.4.1.0', to: '3.4.3.3', edition: 'enterprise' }, FIXTURE)).toEqual([]);
  });

  it('invalid: Enterprise targets on the 3.4 and 3.5 lines meet it at the backports', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.4.2', to: '3.4.3.5', edition: 'enterprise' }, FIXTURE)).toEqual(['weakKey blocker @5']);
    // 3.4.3.4 bumps OpenSSL from 3.1.4 to 3.2.1 (gateway.json), so it refuses the key already.
    expect(await runRuleOnText(rule, { from: '3.4.1.0', to: '3.4.3.4', edition: 'enterprise' }, FIXTURE)).toEqual(['weakKey blocker @5']);
    expect(await runRuleOnText(rule, { from: '3.4.1.0', to: '3.5.0.4', edition: 'enterprise' }, FIXTURE)).toEqual(['weakKey blocker @5']);
  });

  it('valid: an Enterprise source that already runs a backport (3.4.3.4, 3.5.0.4) meets nothing new', async () => {
    expect(await runRuleOnText(rule, { from: '3.4.3.4', to: '3.10.0.0', edition: 'enterprise' }, FIXTURE)).toEqual([]);
    expect(await runRuleOnText(rule, { from: '3.5.0.4', to: '3.10.0.0', edition: 'enterprise' }, FIXTURE)).toEqual([]);
    expect(await runRuleOnText(rule, { from: '3.4.3.3', to: '3.10.0.0', edition: 'enterprise' }, FIXTURE)).toEqual(['weakKey blocker @5']);
  });
});
