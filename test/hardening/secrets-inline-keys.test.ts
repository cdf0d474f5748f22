// Private keys written inline in kong.conf or a KONG_* variable never appear in any output, not
// even in part. Kong takes a `*_cert_key` value as a path, as PEM text, or as base64 (padded or
// not) of PEM text, and the `*ssl_cert_key` ones as lists of those: a finding can quote one
// element of such a list, or one line of the key, which the whole value does not match. Each
// such part is copied into a setting whose finding quotes its value. The keys are generated for
// the run, so no value is known to the code under test.

import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp';

const FORMATS = ['json', 'sarif', 'markdown', 'junit', 'gitlab'];

const newKey = () => (generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string).trim();
/** The base64 lines of a PEM's body that the report hides on their own (16 characters or more). */
const bodyLines = (pem: string) => pem.split('\n').filter((line) => line.length >= 16 && !line.startsWith('-----'));
const base64 = (text: string) => Buffer.from(text).toString('base64');
/**
 * A key encoded without padding, as Kong's fallback decoder (base64url) reads it. PEM text is
 * ASCII without `>`, `?` or `~`, so its base64 never holds `+` or `/`: the two alphabets write it
 * alike, and only the missing padding tells this form apart. A P-256 key's PEM is always the same
 * length, so a line break is added at its end (as a file has) until its base64 needs padding.
 */
function unpaddedKey(): { pem: string; encoded: string } {
  const pem = newKey();
  const text = [pem, `${pem}\n`].find((candidate) => candidate.length % 3 !== 0)!;
  return { pem, encoded: Buffer.from(text).toString('base64url') };
}

describe('private keys held inline by kong.conf settings are hidden in part too', () => {
  const listed = newKey();                 // ssl_cert_key's first element, base64
  const listedUnpadded = unpaddedKey();         // its second element, base64 without padding
  const cluster = newKey();                // cluster_cert_key, base64
  const admin = newKey();                  // KONG_ADMIN_SSL_CERT_KEY, PEM with line breaks
  const status = newKey();                 // KONG_STATUS_SSL_CERT_KEY, PEM with `\n` written out

  const conf = [
    'ssl_cert = /etc/kong/one.crt,/etc/kong/two.crt',
    `ssl_cert_key = ${base64(listed)},${listedUnpadded.encoded}`,
    'cluster_cert = /etc/kong/cluster.crt',
    `cluster_cert_key = ${base64(cluster)}`,
    // Settings whose findings quote their value: an enum, a listen flag, custom plugin names.
    `log_level = ${listedUnpadded.encoded}`,
    `router_flavor = ${bodyLines(listed)[0]}`,
    `proxy_listen = 0.0.0.0:8000 ${bodyLines(cluster)[1]}`,
    `plugins = bundled,${bodyLines(admin)[0]},${bodyLines(status)[1]},${bodyLines(listedUnpadded.pem)[0]}`,
    'admin_listen = 0.0.0.0:8001 visible-control-flag',
  ].join('\n');
  const env = {
    KONG_ADMIN_SSL_CERT_KEY: admin,
    KONG_STATUS_SSL_CERT_KEY: status.split('\n').join('\\n'),
  };
  const dir = tempDir({ 'kong.conf': `${conf}\n` }, 'kp-secrets-inline-');
  const outputs: Record<string, string> = {};

  beforeAll(async () => {
    const common = ['check', join(dir, 'kong.conf'), '--from', '3.4.2', '--to', '3.10.0.0', '--edition', 'enterprise', '--no-db', '--no-config', '--fail-on', 'none'];
    const result = await runCli([...common, '-f', 'text', ...FORMATS.flatMap((f) => ['-O', `${f}=${join(dir, `report.${f}`)}`])], { env, cwd: dir });
    expect(result.code).toBe(0);
    outputs.stdout = result.stdout;
    outputs.stderr = result.stderr;
    // Fingerprints hash the quoted lines: the baseline is as public as a report.
    const baseline = await runCli([...common, '--baseline', join(dir, 'baseline.json'), '--update-baseline'], { env, cwd: dir });
    outputs.stderr += baseline.stderr;
    for (const name of readdirSync(dir)) if (name.startsWith('report.') || name === 'baseline.json') outputs[name] = readFileSync(join(dir, name), 'utf8');
  });

  it('the findings that would quote the parts are there, with the parts hidden', () => {
    // A long value is quoted cut: the beginning it keeps is hidden too.
    expect(outputs.stdout).toContain('`log_level = (hidden)...` is not an allowed value');
    expect(outputs.stdout).toContain('`router_flavor = (hidden)` is not an allowed value');
    expect(outputs.stdout).toContain('unknown flag `(hidden)`');
    // The three names read alike once hidden, so the finding is said once for them.
    expect(outputs.stdout).toMatch(/custom plugin \(hidden\) is enabled.*said once for the 3 /);
    // A value beside them that is no key stays visible.
    expect(outputs.stdout).toContain('visible-control-flag');
  });

  it.each(['stdout', 'stderr', ...FORMATS.map((f) => `report.${f}`), 'baseline.json'])('%s shows no key, no element, no line of one', (name) => {
    expect(Object.keys(outputs)).toContain(name);
    const secrets: Record<string, string> = {
      'ssl_cert_key element 1': base64(listed), 'ssl_cert_key element 2': listedUnpadded.encoded, cluster_cert_key: base64(cluster),
      // What a finding keeps of a long value it quotes cut.
      'element 2 cut': listedUnpadded.encoded.slice(0, 77),
      ...Object.fromEntries([listed, listedUnpadded.pem, cluster, admin, status].flatMap((pem, n) => [
        [`key ${n}`, pem], ...bodyLines(pem).map((line, i) => [`key ${n} line ${i}`, line]),
      ])),
    };
    const leaks = Object.entries(secrets).filter(([, value]) => outputs[name].includes(value)).map(([what]) => what);
    expect(leaks).toEqual([]);
  });
});
