// The values the report hides by value: kong.conf's secret settings and the database password
// that no input keeps. Short ones are left out (a `kong` password must not hide the product name).

import { secretValuesOf, withoutSecretValues } from '../../src/report/secret-values';

describe('secretValuesOf with values no input keeps', () => {
  it('takes the database password, longest first, and leaves short ones out', () => {
    expect(secretValuesOf(undefined, ['kong', 'Db-Password-1', 'Db-Pass'])).toEqual(['Db-Password-1', 'Db-Pass']);
  });

  it('hides the database password in a report string', () => {
    const secrets = secretValuesOf(undefined, ['Db-Password-1']);
    expect(withoutSecretValues({ message: 'log_level = Db-Password-1 is not allowed' }, secrets)).toEqual({ message: 'log_level = (hidden) is not allowed' });
  });
});

// Thousands of secrets (a file's key-auth keys) are matched by one pattern, not one by one.
describe('withoutSecretValues with many secrets', () => {
  const keys = Array.from({ length: 3000 }, (_, n) => `generated-key-${n}`);
  const secrets = secretValuesOf(undefined, keys);

  it('hides each one, the longest at a place whole', () => {
    // `generated-key-12` and `generated-key-1` both start there: the longer is hidden, not its prefix.
    expect(withoutSecretValues('route /generated-key-12/x and generated-key-2999', secrets)).toBe('route /(hidden)/x and (hidden)');
  });

  it('finds a secret that starts inside another match', () => {
    const overlapping = secretValuesOf(undefined, ['abcdefgh', 'efghijklmn']);
    // Both are found; the longer is replaced first, as before the one pattern.
    expect(withoutSecretValues('xx abcdefghijklmn', overlapping)).toBe('xx abcd(hidden)');
    expect(withoutSecretValues('efghijklmn alone', overlapping)).toBe('(hidden) alone');
  });

  it('leaves a string without any of them as it is', () => {
    const report = { findings: [{ message: 'generated-key- without a number', data: { n: 1 } }] };
    expect(withoutSecretValues(report, secrets)).toBe(report);
  });

  it('treats regex characters in a secret as text', () => {
    expect(withoutSecretValues('a (x+y)*[z]? b', secretValuesOf(undefined, ['(x+y)*[z]?']))).toBe('a (hidden) b');
  });
});

// V8 refuses a regular expression whose compiled form is too large: a 60,000-character
// pg_password ended the run with "Regular expression too large" (found by the property tests).
describe('withoutSecretValues with very long secrets', () => {
  it.each([
    ['one repeated character', 'q'.repeat(60_000)],
    ['mixed characters', Array.from({ length: 60_000 }, (_, n) => String.fromCharCode(33 + (n % 90))).join('')],
  ])('hides a 60,000-character secret of %s', (_kind, secret) => {
    const secrets = secretValuesOf(undefined, [secret, 'Db-Password-1']);
    expect(withoutSecretValues(`before ${secret} after Db-Password-1`, secrets)).toBe('before (hidden) after (hidden)');
  });

  it('hides many long secrets (private keys) beside short ones', () => {
    const keys = Array.from({ length: 50 }, (_, n) => `-----BEGIN PRIVATE KEY-----${String(n).padStart(3, '0')}${'k'.repeat(1600)}`);
    const secrets = secretValuesOf(undefined, [...keys, 'generated-key-7']);
    expect(withoutSecretValues(`${keys[42]} / generated-key-7`, secrets)).toBe('(hidden) / (hidden)');
  });
});

// Entity values (example files' `key: secret`) hidden anywhere turned Kong's own
// `lua_shared_dict kong_secrets` into `kong_(hidden)s` in a template finding.
describe('entity values are hidden where they stand as a word', () => {
  const secrets = secretValuesOf(undefined, ['Db-Password-1'], ['secret', 'p@ss-word', 'Db-Password-1']);

  it('hides an entity value standing alone, in a path or a quoted name', () => {
    expect(withoutSecretValues('route path `/secret/v1` and key "secret"', secrets)).toBe('route path `/(hidden)/v1` and key "(hidden)"');
    expect(withoutSecretValues('header x-token:p@ss-word.', secrets)).toBe('header x-token:(hidden).');
  });

  it('leaves it inside a longer name', () => {
    const text = 'does not declare `lua_shared_dict kong_secrets`; client_secret and secrets stay';
    expect(withoutSecretValues(text, secrets)).toBe(text);
  });

  it('keeps hiding a value kong.conf or the database also holds anywhere', () => {
    expect(withoutSecretValues('xDb-Password-1x', secrets)).toBe('x(hidden)x');
  });
});
