// Which entity values the report hides by value: the fields Kong marks sensitive
// (src/knowledge/entities/sensitive-fields.ts), collected from entities as the rules' walk goes by.

import { generateKeyPairSync } from 'node:crypto';
import { EntitySecretValues } from '../../src/model/entity-secret-values';
import type { Entity, EntityType } from '../../src/model/entities';
import { VALUE_FROM_SECRET } from '../../src/model/unknown-value';

function entity(type: EntityType, fields: Record<string, unknown>): Entity {
  const origin = { kind: 'file' as const, file: 'kong.yml', line: 1, column: 1 };
  return { type, fields, origin, at: () => origin };
}

function collected(...entities: Entity[]): string[] {
  return collectedWith(true, ...entities);
}

function collectedWith(sharing: boolean, ...entities: Entity[]): string[] {
  const values = new EntitySecretValues(sharing);
  for (const e of entities) values.see(e);
  return values.values().sort();
}

describe('EntitySecretValues', () => {
  it('takes plugin fields Kong marks sensitive, at any depth, and leaves the others', () => {
    expect(collected(
      entity('plugin', { name: 'session', config: { secret: 'session-secret-1', cookie_name: 'session-cookie' } }),
      entity('plugin', { name: 'rate-limiting', config: { redis: { host: 'redis.internal', password: 'redis-password-1' }, redis_password: 'flat-password-1' } }),
      entity('plugin', { name: 'ai-proxy-advanced', config: { targets: [{ auth: { header_name: 'Authorization', header_value: 'Bearer llm-token-123' } }] } }),
      entity('plugin', { name: 'aws-lambda', config: { aws_key: 'AKIAEXAMPLE', aws_region: 'eu-west-1' } }),
    )).toEqual(['AKIAEXAMPLE', 'Bearer llm-token-123', 'flat-password-1', 'llm-token-123', 'redis-password-1', 'session-secret-1']);
  });

  it('takes a secret-named field of a plugin it has no list for (openid-connect, custom plugins)', () => {
    expect(collected(entity('plugin', { name: 'openid-connect', config: { client_id: ['public-client'], client_secret: ['oidc-secret-1'] } }))).toEqual(['oidc-secret-1']);
  });

  it('takes consumer credentials, certificate and key private parts, vault tokens', () => {
    expect(collected(
      entity('consumer', {
        username: 'alice',
        keyauth_credentials: [{ key: 'keyauth-key-1' }],
        basicauth_credentials: [{ username: 'alice-basic', password: 'basic-password-1' }],
        jwt_secrets: [{ key: 'public-issuer', secret: 'jwt-secret-1', rsa_public_key: '-----BEGIN PUBLIC KEY-----' }],
      }),
      entity('certificate', { cert: '-----BEGIN CERTIFICATE-----', key: '-----BEGIN PRIVATE KEY-----x' }),
      entity('key', { name: 'k', jwk: '{"kid":"public-kid","d":"private-d"}', pem: { private_key: 'pem-private-1', public_key: 'pem-public-1' } }),
      entity('vault', { name: 'hcv', prefix: 'corp', config: { host: 'vault.internal', token: 'vault-token-1' } }),
    )).toEqual(['-----BEGIN PRIVATE KEY-----x', 'basic-password-1', 'jwt-secret-1', 'keyauth-key-1', 'pem-private-1', 'private-d', 'vault-token-1']);
  });

  it('collects the same values when told nothing is shared (JSON, database rows, YAML without aliases)', () => {
    const entities = [
      entity('plugin', { name: 'rate-limiting', config: { redis: { host: 'redis.internal', password: 'redis-password-1' }, headers: { Authorization: 'Bearer token-value-1' } } }),
      entity('plugin', { name: 'http-log', config: { headers: { Authorization: ['Basic aGVsbG8td29ybGQ='] } } }),
      entity('consumer', { username: 'alice', keyauth_credentials: [{ key: 'keyauth-key-1' }] }),
    ];
    expect(collectedWith(false, ...entities)).toEqual(collectedWith(true, ...entities));
    expect(collectedWith(false, ...entities)).toContain('redis-password-1');
  });

  // Every http-log and opentelemetry header value was taken, and a report then showed
  // `application/json` as `(hidden)` wherever it appeared.
  it('takes the header values Kong marks referenceable except those of ordinary headers', () => {
    expect(collected(
      entity('plugin', { name: 'opentelemetry', config: { traces_endpoint: 'http://otel.internal:4318/v1/traces', headers: { 'Accept': 'application/json', 'X-Honeycomb-Team': 'honeycomb-api-key-1', 'Authorization': 'Bearer otel-token-1', 'User-Agent': 'kong-gateway/3.9' } } }),
      entity('plugin', { name: 'http-log', config: { http_endpoint: 'http://logs.internal/in', headers: { 'Accept-Encoding': ['gzip, deflate'], 'X-Tenant-Secret': ['tenant-secret-1'] } } }),
    )).toEqual(['Bearer otel-token-1', 'honeycomb-api-key-1', 'http://logs.internal/in', 'otel-token-1', 'tenant-secret-1']);
  });

  it('takes the values of credential headers in header lists Kong does not mark, and only those', () => {
    expect(collected(
      entity('plugin', { name: 'request-transformer', config: { add: { headers: ['Content-Type:application/json', 'X-Api-Key:transformer-key-1', 'x-upstream-env:production'] }, replace: { headers: ['Authorization:Basic YWxhZGRpbjpvcGVuc2VzYW1l'] }, remove: { headers: ['Cookie'] } } }),
      entity('plugin', { name: 'response-transformer', config: { add: { headers: ['Set-Cookie:session=cookie-value-1', 'Cache-Control:no-store'] } } }),
      entity('plugin', { name: 'custom-plugin', config: { headers: { 'apikey': 'custom-apikey-1', 'Accept': 'application/json' } } }),
    )).toEqual(['Basic YWxhZGRpbjpvcGVuc2VzYW1l', 'YWxhZGRpbjpvcGVuc2VzYW1l', 'custom-apikey-1', 'session=cookie-value-1', 'transformer-key-1']);
  });

  describe('private keys', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const rsaPem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const ecPem = ec.privateKey.export({ type: 'sec1', format: 'pem' }) as string;
    const rsaJwk = rsa.privateKey.export({ format: 'jwk' });
    const bodyOf = (pem: string) => pem.split('\n').filter((line) => line !== '' && !line.startsWith('-----'));

    it('takes a PEM whole, and each line of its body to hide anywhere', () => {
      const values = new EntitySecretValues();
      values.see(entity('certificate', { cert: 'public-cert', key: rsaPem, key_alt: ecPem }));
      expect(values.values().sort()).toEqual([rsaPem.trim(), ecPem.trim()].sort());
      // Every full line of both bodies; the RSA body's last line is shorter, and kept when 16 or more.
      const expected = [...bodyOf(rsaPem), ...bodyOf(ecPem)].filter((line) => line.length >= 16);
      expect(values.anywhere().sort()).toEqual(expected.sort());
      expect(expected.length).toBeGreaterThan(20);
    });

    it('takes the lines of a PEM whose line breaks are written as \\n, and of a key entity\'s pem.private_key', () => {
      const values = new EntitySecretValues();
      values.see(entity('key', { name: 'k', pem: { private_key: ecPem.replace(/\n/g, '\\n'), public_key: 'public' } }));
      expect(values.anywhere().sort()).toEqual(bodyOf(ecPem).filter((line) => line.length >= 16).sort());
    });

    it('takes a JWK\'s private members, not its public ones nor the JSON', () => {
      const values = new EntitySecretValues();
      values.see(entity('key', { name: 'k', kid: 'kid-1', jwk: JSON.stringify({ ...rsaJwk, kid: 'kid-1' }) }));
      const privateParts = [rsaJwk.d, rsaJwk.p, rsaJwk.q, rsaJwk.dp, rsaJwk.dq, rsaJwk.qi] as string[];
      expect(values.values().sort()).toEqual([...privateParts].sort());
      expect(values.values()).not.toContain(rsaJwk.n);
      expect(values.anywhere()).toEqual([]);
    });

    it('takes a symmetric key, an EC key, other primes, a JWK written as a mapping; hides text that is no JSON whole', () => {
      expect(collected(
        entity('key', { name: 'oct', jwk: '{"kty":"oct","kid":"oct-1","k":"c3ltbWV0cmljLWtleQ"}' }),
        entity('key', { name: 'ec', jwk: { kty: 'EC', crv: 'P-256', kid: 'ec-1', x: 'public-x-coordinate', y: 'public-y-coordinate', d: 'private-ec-scalar' } }),
        entity('key', { name: 'multi', jwk: '{"kty":"RSA","kid":"m-1","n":"public-modulus","oth":[{"r":"third-prime-r","d":"third-exponent-d","t":"third-coefficient-t"}]}' }),
        entity('key', { name: 'broken', jwk: '{"d":"cut-short' }),
        entity('key', { name: 'vaulted', jwk: '{vault://env/jwk}' }),
      )).toEqual(['c3ltbWV0cmljLWtleQ', 'private-ec-scalar', 'third-coefficient-t', 'third-exponent-d', 'third-prime-r', '{"d":"cut-short']);
    });

    it('takes a database key column\'s value as what the column holds', () => {
      const values = new EntitySecretValues();
      values.seeSecret(ecPem, 'pem');
      values.seeSecret('{"kid":"db-1","d":"database-private-d","x":"database-public-x"}', 'jwk');
      values.seeSecret('credential-secret-1');
      expect(values.values().sort()).toEqual(['credential-secret-1', 'database-private-d', ecPem.trim()].sort());
      expect(values.anywhere().length).toBe(bodyOf(ecPem).filter((line) => line.length >= 16).length);
    });
  });

  it('takes top-level credential collections of Kong\'s format', () => {
    const values = new EntitySecretValues();
    values.seeTopLevel({ keyauth_credentials: [{ consumer: 'alice', key: 'top-level-key-1' }], services: [] });
    expect(values.values()).toEqual(['top-level-key-1']);
  });

  it('leaves vault references, short values and values from a Kubernetes Secret alone', () => {
    expect(collected(
      entity('plugin', { name: 'session', config: { secret: '{vault://env/session-secret}' } }),
      entity('plugin', { name: 'rate-limiting', config: { redis_password: 'kong' } }),
      entity('plugin', { name: 'aws-lambda', config: { aws_secret: VALUE_FROM_SECRET } }),
    )).toEqual([]);
  });

  it('asks a database source only for the types whose rows it reads secrets from', () => {
    const values = new EntitySecretValues();
    expect([...values.typesFor('database')].sort()).toEqual(['partial', 'plugin', 'vault']);
    expect(values.typesFor('declarative').has('consumer')).toBe(true);
  });
  // YAML aliases share lists and records: a "billion laughs" inside one plugin's config (the
  // hardening test's) was walked path by path, for over five minutes. Each list is now read once.
  it('walks a list that aliases share once, whatever the number of paths to it', () => {
    const reads = new Map<unknown, number>();
    const counted = <T extends unknown[]>(list: T): T => new Proxy(list, {
      get(target, key, receiver) {
        if (key === Symbol.iterator) reads.set(receiver, (reads.get(receiver) ?? 0) + 1);
        return Reflect.get(target, key, receiver);
      },
    });
    let level: unknown[] = counted(Array(10).fill('laugh-out-loud'));
    for (let depth = 1; depth < 5; depth++) level = counted(Array(10).fill(level));
    const values = new EntitySecretValues();
    values.see(entity('plugin', { name: 'pre-function', config: { access: level, password: level } }));
    // Four levels of ten: 10,000 paths reach the innermost list; it is read once per kind of walk
    // (looking for secret names, and taking every string of a secret field).
    expect(Math.max(...reads.values())).toBeLessThanOrEqual(2);
    expect(values.values()).toEqual(['laugh-out-loud']);
  });
});
