// Entity fields whose values are secrets. Kong marks them in its schemas: `encrypted = true`
// (Enterprise keyring-encrypts the value at rest) and `referenceable = true` (the value may be a
// `{vault://...}` reference, which Kong offers for anything one should not write in clear). A
// referenceable field is listed only when it holds a credential: `cert`, a Datadog `host` or an
// OpenTelemetry endpoint are referenceable but public. The report hides these values wherever
// they occur (src/report/secret-values.ts); the values are collected as the entities are read
// (src/model/entity-secret-values.ts).

export interface SensitiveFieldSource {
  /** `Kong/kong:path@tag`: the schema that marks the fields. */
  ref: string;
  note?: string;
}

/** Field names, matched at any depth under a plugin's (or vault's, partial's) `config`. */
export interface SensitiveNames {
  names: readonly string[];
  sources: readonly SensitiveFieldSource[];
}

/**
 * Per plugin: the names of its own sensitive config fields. The tags named are the first and last
 * ones read; the fields are the same in between unless a note says otherwise.
 */
export const PLUGIN_SENSITIVE_FIELDS: Readonly<Record<string, SensitiveNames>> = {
  'acme': {
    // eab_kid and account_email are marked encrypted too: identifiers, but Kong treats them so.
    names: ['eab_hmac_key', 'eab_kid', 'account_email', 'auth', 'token'],
    sources: [
      { ref: 'Kong/kong:kong/plugins/acme/schema.lua@2.8.0', note: 'eab_kid, eab_hmac_key, account_email encrypted; redis auth and consul/vault token referenceable' },
      { ref: 'Kong/kong:kong/plugins/acme/schema.lua@3.9.3', note: 'redis auth moved to the shared redis record (password)' },
    ],
  },
  'aws-lambda': {
    names: ['aws_key', 'aws_secret', 'aws_assume_role_arn'],
    sources: [{ ref: 'Kong/kong:kong/plugins/aws-lambda/schema.lua@2.8.0' }, { ref: 'Kong/kong:kong/plugins/aws-lambda/schema.lua@3.9.3', note: 'adds aws_assume_role_arn (from 3.0.0)' }],
  },
  'azure-functions': {
    names: ['apikey', 'clientid'],
    sources: [{ ref: 'Kong/kong:kong/plugins/azure-functions/schema.lua@2.8.0' }, { ref: 'Kong/kong:kong/plugins/azure-functions/schema.lua@3.9.3' }],
  },
  'http-log': {
    // The endpoint may carry credentials in its userinfo or query. Header values (referenceable
    // from 3.4.0) are judged by header name: src/knowledge/entities/credential-headers.ts.
    names: ['http_endpoint'],
    sources: [{ ref: 'Kong/kong:kong/plugins/http-log/schema.lua@2.8.0', note: 'http_endpoint encrypted' }, { ref: 'Kong/kong:kong/plugins/http-log/schema.lua@3.9.3' }],
  },
  // opentelemetry: only its header values are secret (credential-headers.ts); the endpoints are referenceable but public.
  'loggly': { names: ['key'], sources: [{ ref: 'Kong/kong:kong/plugins/loggly/schema.lua@3.9.3' }] },
  'oauth2': { names: ['provision_key'], sources: [{ ref: 'Kong/kong:kong/plugins/oauth2/schema.lua@3.9.3' }] },
  'rate-limiting': {
    names: ['redis_password'],
    sources: [{ ref: 'Kong/kong:kong/plugins/rate-limiting/schema.lua@3.4.0', note: 'the flat field; from 3.6.0 a shorthand of redis.password' }],
  },
  'response-ratelimiting': {
    names: ['redis_password'],
    sources: [{ ref: 'Kong/kong:kong/plugins/response-ratelimiting/schema.lua@3.4.0', note: 'the flat field; from 3.6.0 a shorthand of redis.password' }],
  },
  'session': { names: ['secret'], sources: [{ ref: 'Kong/kong:kong/plugins/session/schema.lua@3.9.3' }] },
  'standard-webhooks': { names: ['secret_v1'], sources: [{ ref: 'Kong/kong:kong/plugins/standard-webhooks/schema.lua@3.9.3' }] },
  'ai-azure-content-safety': { names: ['content_safety_key'], sources: [{ ref: 'Kong/kong:kong/plugins/ai-azure-content-safety/schema.lua@FTI-6378' }] },
  'confluent': {
    names: ['cluster_api_key', 'cluster_api_secret', 'confluent_cloud_api_key', 'confluent_cloud_api_secret'],
    sources: [{ ref: 'Kong/kong:kong/plugins/confluent/schema.lua@FTI-6378' }],
  },
  'forward-proxy': { names: ['auth_password'], sources: [{ ref: 'Kong/kong:kong/plugins/forward-proxy/schema.lua@FTI-6378' }] },
  'jwt-signer': {
    names: ['access_token_jwks_uri_client_password', 'access_token_keyset_client_password', 'channel_token_jwks_uri_client_password', 'channel_token_keyset_client_password'],
    sources: [{ ref: 'Kong/kong:kong/plugins/jwt-signer/schema.lua@FTI-6378' }],
  },
  'oauth2-introspection': { names: ['authorization_value'], sources: [{ ref: 'Kong/kong:kong/plugins/oauth2-introspection/schema.lua@FTI-6378' }] },
};

/**
 * Names of sensitive fields in records many plugins (and partials) share, so looked for in every
 * plugin's config: the Redis connection record, and the LLM `auth` record of the AI plugins.
 */
export const SHARED_SENSITIVE_FIELDS: SensitiveNames = {
  names: [
    'password', 'sentinel_password',
    'header_value', 'param_value', 'aws_secret_access_key', 'azure_client_secret', 'gcp_service_account_json',
  ],
  sources: [
    { ref: 'Kong/kong:kong/tools/redis/schema.lua@3.9.3', note: 'password (from 3.6.0)' },
    { ref: 'Kong/kong:kong/enterprise_edition/tools/redis/v2/schema.lua@FTI-6378', note: 'password, sentinel_password' },
    { ref: 'Kong/kong:kong/llm/init.lua@3.6.0', note: 'header_value, param_value' },
    { ref: 'Kong/kong:kong/llm/schemas/init.lua@3.9.3', note: 'adds aws_secret_access_key, gcp_service_account_json' },
    { ref: 'Kong/kong:kong/llm/schemas/auth.lua@FTI-6378', note: 'adds azure_client_secret' },
  ],
};

/**
 * A config field not listed, named as a secret: Enterprise plugins the mirror's Enterprise branch
 * lacks (openid-connect's client_secret), custom plugins. A name ending so is never a public value.
 */
export const SECRET_FIELD_NAME = /(password|secret)$/;

/** Vault entities: their `config` fields (the backend's settings). */
export const VAULT_SENSITIVE_FIELDS: SensitiveNames = {
  // approle_secret_id is not marked, but it is the AppRole's credential.
  names: ['token', 'approle_secret_id'],
  sources: [{ ref: 'Kong/kong:kong/vaults/hcv/schema.lua@FTI-6378', note: 'token encrypted' }],
};

/**
 * What a private key field holds, which decides what of it is hidden: `pem` a PEM text (hidden
 * whole, and each line of its base64 body: src/model/key-material.ts), `jwk` a JSON Web Key as a
 * JSON string (only its private members' values: the public ones name and verify the key).
 */
export type KeyMaterial = 'pem' | 'jwk';

/** Top-level fields of other entities (dotted for a record's member), and what each holds. */
export const ENTITY_SENSITIVE_FIELDS: Readonly<Record<'certificate' | 'key', { fields: readonly { path: string; holds: KeyMaterial }[]; sources: readonly SensitiveFieldSource[] }>> = {
  certificate: {
    fields: [{ path: 'key', holds: 'pem' }, { path: 'key_alt', holds: 'pem' }],
    sources: [
      { ref: 'Kong/kong:kong/db/schema/entities/certificates.lua@2.8.0:19', note: 'key (typedefs.key: PEM), encrypted; key_alt at :21' },
      { ref: 'Kong/kong:kong/db/schema/entities/certificates.lua@3.9.3:20', note: 'key encrypted; key_alt at :22' },
    ],
  },
  key: {
    fields: [{ path: 'jwk', holds: 'jwk' }, { path: 'pem.private_key', holds: 'pem' }],
    sources: [
      { ref: 'Kong/kong:kong/db/schema/entities/keys.lua@3.9.3:44-50', note: 'jwk: a string, encrypted; the entity exists from 3.1.0' },
      { ref: 'Kong/kong:kong/db/schema/typedefs.lua@3.9.3:701-706', note: 'pem.private_key encrypted; public_key (:709) referenceable only' },
    ],
  },
};

/**
 * The private members of a JSON Web Key: an EC or OKP key's `d`; an RSA key's `d`, its primes and
 * CRT values (`p`, `q`, `dp`, `dq`, `qi`) and the other primes' record (`oth`, each `r`, `d`,
 * `t`); a symmetric key's `k`. Kong validates a key entity's `jwk` against typedefs.jwk, which
 * lists all of them, `r` and `t` as top-level strings too. The public members (`kty`, `kid`, `n`,
 * `e`, `x`, `y`, `x5c`...) stay visible.
 */
export const JWK_PRIVATE_MEMBERS: SensitiveNames & { otherPrimes: string } = {
  names: ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'r', 't'],
  otherPrimes: 'oth',
  sources: [
    { ref: 'Kong/kong:kong/db/schema/typedefs.lua@3.9.3:724-889', note: 'typedefs.jwk: k :798, d :834, p :840, q :846, dp :852, dq :858, qi :864, oth :870, r :876, t :882' },
    { ref: 'https://www.rfc-editor.org/rfc/rfc7518#section-6', note: 'RFC 7518 §6.2.2.1 (EC d), §6.3.2 (RSA d, p, q, dp, dq, qi, oth with r, d, t), §6.4.1 (oct k)' },
    { ref: 'https://www.rfc-editor.org/rfc/rfc8037#section-2', note: 'RFC 8037: an OKP private key is its d' },
  ],
};

/**
 * Database columns holding private keys, beside the credential columns. `jsonMember`: the column
 * is JSONB and the key is this member of it. Migrations are cited as of 3.9.3; the tables and
 * columns came at the versions noted, and an older database simply lacks them.
 */
export const STORED_KEY_COLUMNS: readonly { table: string; column: string; holds: KeyMaterial; jsonMember?: string; source: SensitiveFieldSource }[] = [
  { table: 'certificates', column: 'key', holds: 'pem', source: { ref: 'Kong/kong:kong/db/migrations/core/000_base.lua@3.9.3:94', note: 'TEXT, from the first schema' } },
  { table: 'certificates', column: 'key_alt', holds: 'pem', source: { ref: 'Kong/kong:kong/db/migrations/core/013_220_to_230.lua@3.9.3:29', note: 'TEXT, from 2.3.0' } },
  { table: 'keys', column: 'jwk', holds: 'jwk', source: { ref: 'Kong/kong:kong/db/migrations/core/017_300_to_310.lua@3.9.3:48', note: 'TEXT; the keys table is created at :41, from 3.1.0' } },
  { table: 'keys', column: 'pem', holds: 'pem', jsonMember: 'private_key', source: { ref: 'Kong/kong:kong/db/migrations/core/017_300_to_310.lua@3.9.3:49', note: 'JSONB: the typedefs.pem record' } },
];

/**
 * Consumer credentials: the collection (nested under a consumer, or top level in Kong's format)
 * and its secret fields. A JWT's `key` (its `iss`) and `rsa_public_key` are public.
 */
export const CREDENTIAL_SENSITIVE_FIELDS: Readonly<Record<string, { fields: readonly string[]; source: SensitiveFieldSource }>> = {
  basicauth_credentials: { fields: ['password'], source: { ref: 'Kong/kong:kong/plugins/basic-auth/daos.lua@3.9.3' } },
  keyauth_credentials: { fields: ['key'], source: { ref: 'Kong/kong:kong/plugins/key-auth/daos.lua@3.9.3', note: 'not marked encrypted in CE, but the key is the credential' } },
  hmacauth_credentials: { fields: ['secret'], source: { ref: 'Kong/kong:kong/plugins/hmac-auth/daos.lua@3.9.3' } },
  jwt_secrets: { fields: ['secret'], source: { ref: 'Kong/kong:kong/plugins/jwt/daos.lua@3.9.3' } },
  oauth2_credentials: { fields: ['client_secret'], source: { ref: 'Kong/kong:kong/plugins/oauth2/daos.lua@3.9.3' } },
  keyauth_enc_credentials: { fields: ['key'], source: { ref: 'Kong/kong:kong/plugins/key-auth-enc/daos.lua@FTI-6378' } },
};
