// Private keys of certificates and key entities in a declarative file never appear in any output:
// a PEM copied whole into a route's name, one line of a PEM's body in a route path, a JWK's
// private member in another. The PEMs and JWKs are generated for the run, so no value is known
// to the code under test. A JWK's public members and a certificate stay visible.
// The same for a database: test/hardening/secrets-database-credentials.test.ts.

import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { tempDir } from '../support/temp';
import { outputInEveryFormat, REPORT_FORMATS as FORMATS } from './support';


/** The base64 lines of a PEM's body that the report hides on their own (16 characters or more). */
const bodyLines = (pem: string) => pem.split('\n').filter((line) => line.length >= 16 && !line.startsWith('-----'));

describe('private keys of a declarative file are hidden wherever they appear', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const rsaJwkKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const certKey = (rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string).trim();
  const certKeyAlt = (ec.privateKey.export({ type: 'sec1', format: 'pem' }) as string).trim();
  const pemKey = (generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string).trim();
  const jwk = rsaJwkKey.privateKey.export({ format: 'jwk' });
  const privateMembers = { d: jwk.d!, p: jwk.p!, q: jwk.q!, dp: jwk.dp!, dq: jwk.dq!, qi: jwk.qi! };

  // Each copy goes where a finding quotes it: 2.8 regex paths without `~` are reported with the
  // route's name and the path.
  const copies = [
    ...bodyLines(certKey).slice(0, 3), bodyLines(certKeyAlt)[1], bodyLines(pemKey)[1],
    ...Object.values(privateMembers),
  ];
  const publicModulus = jwk.n!.slice(0, 40);
  const declarative = [
    '_format_version: "2.1"',
    'services:',
    '- name: orders',
    '  url: http://orders.internal',
    '  routes:',
    `  - name: ${JSON.stringify(certKey)}`,
    `    paths: ["/visible-orders/\\\\d+", "/${publicModulus}/\\\\d+", ${copies.map((v) => `"/${v}/\\\\d+"`).join(', ')}]`,
    'certificates:',
    `- cert: "-----BEGIN CERTIFICATE-----\\nnot-read-here\\n-----END CERTIFICATE-----"`,
    `  key: ${JSON.stringify(certKey)}`,
    `  key_alt: ${JSON.stringify(certKeyAlt)}`,
    'keys:',
    `- {name: signing, kid: k1, jwk: ${JSON.stringify(JSON.stringify({ ...jwk, kid: 'k1' }))}}`,
    `- {name: pem-signing, kid: k2, pem: {private_key: ${JSON.stringify(pemKey)}}}`,
  ].join('\n');
  const dir = tempDir({ 'kong.yml': `${declarative}\n` }, 'kp-secrets-keys-');
  const outputs: Record<string, string> = {};

  beforeAll(async () => {
    const common = ['check', '--declarative', join(dir, 'kong.yml'), '--from', '2.8.2.4', '--to', '3.4.3.5', '--edition', 'enterprise', '--no-db', '--no-config', '--fail-on', 'none'];
    Object.assign(outputs, await outputInEveryFormat(common, { cwd: dir, expectCode: 0 }));
  });

  it('the findings that would quote them are there, with the values hidden', () => {
    // One regex path finding per copy, on the route named by the whole PEM.
    expect(outputs.text.match(/route "\(hidden\)": path `\/\(hidden\)\/\\d\+` is a regex/g)).toHaveLength(copies.length);
  });

  it.each(FORMATS)('%s prints no private key, no line of one, no private JWK member', (format) => {
    const secrets: Record<string, string> = {
      certKey, certKeyAlt, pemKey, ...privateMembers,
      ...Object.fromEntries([certKey, certKeyAlt, pemKey].flatMap((pem, n) => bodyLines(pem).map((line, i) => [`pem ${n} line ${i}`, line]))),
    };
    const leaks = Object.entries(secrets).filter(([, value]) => outputs[format].includes(value)).map(([what]) => what);
    expect(leaks).toEqual([]);
  });

  it('a JWK\'s public member and a path beside them stay visible', () => {
    for (const format of FORMATS) {
      expect(outputs[format]).toContain('/visible-orders/');
      expect(outputs[format]).toContain(publicModulus);
    }
  });
});
