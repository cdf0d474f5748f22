import fc from 'fast-check';
import { resolveEnvReference } from '../../../src/inputs/database/vault-reference';

// As Kong's env vault reads references (kong/vaults/env/init.lua@3.9.3, kong/pdk/vault.lua@3.9.3).
describe('resolveEnvReference', () => {
  const env = { KONG_PG_PASSWORD_SECRET: 's3cret', PG_CREDS: '{"password":"from-json","port":5432}', APP_PG_PASSWORD: 'prefixed', PG_PASSWORD_PREVIOUS: 'old-one' };

  it('reads the variable named by the resource, upper-cased with `-` as `_`', () => {
    expect(resolveEnvReference('{vault://env/kong-pg-password-secret}', env)).toEqual({ value: 's3cret' });
  });

  it('reads a key of a JSON object, a flat string only', () => {
    expect(resolveEnvReference('{vault://env/pg-creds/password}', env)).toEqual({ value: 'from-json' });
    expect(resolveEnvReference('{vault://env/pg-creds/port}', env)).toEqual({ unreadable: 'reads the key `port` of PG_CREDS, which holds no such text' });
    expect(resolveEnvReference('{vault://env/kong-pg-password-secret/password}', env)).toEqual({ unreadable: 'reads the key `password` of KONG_PG_PASSWORD_SECRET, which does not hold JSON' });
  });

  it('applies the prefix of the reference, else vault_env_prefix, and version 2 as _PREVIOUS', () => {
    expect(resolveEnvReference('{vault://env/pg-password?prefix=app_}', env)).toEqual({ value: 'prefixed' });
    expect(resolveEnvReference('{vault://env/pg-password}', env, 'APP_')).toEqual({ value: 'prefixed' });
    expect(resolveEnvReference('{vault://env/pg-password#2}', env)).toEqual({ value: 'old-one' });
  });

  it('never throws, whatever the reference holds (a malformed escape is kept as written)', () => {
    expect(resolveEnvReference('{vault://env/%zz}', { '%ZZ': 'kept' })).toEqual({ value: 'kept' });
    for (const text of ['{vault://}', '{vault://env}', '{vault://env/a/b/c/}', '{vault://env/a#x}', '{vault:// /x}', '{vault://env/%E0%A4%A}']) {
      expect(() => resolveEnvReference(text, {})).not.toThrow();
    }
  });

  it('answers a value or a reason for any text between `{vault://` and `}`', () => {
    const piece = fc.constantFrom('env', '/', '%', '%2', '%zz', '?', '#', '2', 'prefix=', 'a-b', ':', '@', '[', ' ', '\u00e9', 'x');
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
      const reading = resolveEnvReference(`{vault://${pieces.join('')}}`, { ENV: '{}', A_B: 'v' });
      expect('value' in reading || typeof reading.unreadable === 'string').toBe(true);
    }), { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) });
  });

  it('names what cannot be read: another vault, a variable not set here', () => {
    expect(resolveEnvReference('{vault://aws/kong/pg-password}', env)).toEqual({ unreadable: 'refers to the vault `aws`, which kong-preflight does not read' });
    expect(resolveEnvReference('{vault://env/missing}', env)).toEqual({ unreadable: 'reads MISSING, which is not set in the environment of this check' });
    expect(resolveEnvReference('{vault://env/}', env)).toEqual({ unreadable: 'names no resource' });
  });
});
