import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../../rules/entities/certificate-weak-key';
import { certificateKeyStrength as keyStrength } from '../../../src/inputs/tls/key-strength';
import { readDeclarativeText } from '../../../src/inputs/declarative';
import { runRuleOnText } from '../../support/declarative-harness';

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

  it('valid: the same file on a path that stays below 3.6', async () => {
    expect(await runRuleOnText(rule, { from: '3.2.0', to: '3.5.0' }, FIXTURE)).toEqual([]);
    expect(await runRuleOnText(rule, { from: '3.4.1.0', to: '3.4.3.4', edition: 'enterprise' }, FIXTURE)).toEqual([]);
  });

  it('invalid: Enterprise targets on the 3.4 and 3.5 lines meet it at the backports', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.4.2', to: '3.4.3.5', edition: 'enterprise' }, FIXTURE)).toEqual(['weakKey blocker @5']);
    expect(await runRuleOnText(rule, { from: '3.4.1.0', to: '3.5.0.4', edition: 'enterprise' }, FIXTURE)).toEqual(['weakKey blocker @5']);
  });

  it('valid: an Enterprise source that already runs a backport (3.4.3.5, 3.5.0.4) meets nothing new', async () => {
    expect(await runRuleOnText(rule, { from: '3.4.3.5', to: '3.10.0.0', edition: 'enterprise' }, FIXTURE)).toEqual([]);
    expect(await runRuleOnText(rule, { from: '3.5.0.4', to: '3.10.0.0', edition: 'enterprise' }, FIXTURE)).toEqual([]);
    expect(await runRuleOnText(rule, { from: '3.4.3.4', to: '3.10.0.0', edition: 'enterprise' }, FIXTURE)).toEqual(['weakKey blocker @5']);
  });
});
