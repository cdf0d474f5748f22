// kong.conf properties whose values are secrets. Kong's own list (CONF_SENSITIVE: values it masks
// when it prints its configuration) per release line, and the Enterprise properties that carry
// credentials (vault and keyring tokens, client secrets, private keys) from the documented
// Enterprise property reference. The tool never prints any of these values; the secrets test
// (test/hardening/secrets.test.ts) sets every one and checks every report format.

export interface SensitiveProperties {
  properties: readonly string[];
  sources: readonly { kind: 'repo' | 'docs'; ref: string; note?: string }[];
}

/** Kong's CONF_SENSITIVE, as the union over the release lines this tool knows. */
export const KONG_CONF_SENSITIVE: SensitiveProperties = {
  properties: [
    'pg_password', 'pg_ro_password', 'cassandra_password',
    'proxy_server', 'declarative_config_string',
    'cluster_cert_key', 'ssl_cert_key', 'client_ssl_cert_key', 'admin_ssl_cert_key', 'admin_gui_ssl_cert_key',
    'status_ssl_cert_key', 'debug_ssl_cert_key',
  ],
  sources: [
    { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/init.lua@2.8.0', note: 'pg_password, pg_ro_password, cassandra_password' },
    { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/init.lua@3.4.0', note: 'adds proxy_server, declarative_config_string and the *_cert_key properties; cassandra gone' },
    { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/constants.lua@3.9.1', note: 'same list (plus an internal $refs entry)' },
  ],
};

/** Enterprise properties holding credentials that Kong's list does not name. */
export const ENTERPRISE_SECRET_PROPERTIES: SensitiveProperties = {
  properties: [
    'vault_hcv_token', 'vault_hcv_aws_secret_access_key', 'vault_hcv_cert_auth_cert_key', 'keyring_vault_token',
    'keyring_private_key', 'pg_oauth_password', 'pg_oauth_client_secret', 'pg_azure_client_secret',
    'pg_ro_oauth_password', 'pg_ro_oauth_client_secret', 'pg_ro_azure_client_secret', 'pg_ssl_cert_key',
    'smtp_password', 'vitals_tsdb_password', 'audit_log_signing_key', 'portal_api_ssl_cert_key', 'portal_gui_ssl_cert_key',
    'request_debug_token',
  ],
  sources: [
    { kind: 'docs', ref: 'https://developer.konghq.com/gateway/configuration/', note: 'Enterprise kong.conf reference, as encoded in src/knowledge/conf/properties.generated.json' },
  ],
};

/** Environment variables that carry secrets without a kong.conf key. */
export const SECRET_ENVIRONMENT = {
  variables: ['KONG_LICENSE_DATA'],
  sources: [{ kind: 'docs', ref: 'https://developer.konghq.com/gateway/entities/license/', note: 'the license JSON may be given in KONG_LICENSE_DATA' }],
} as const;

const LISTED = new Set([...KONG_CONF_SENSITIVE.properties, ...ENTERPRISE_SECRET_PROPERTIES.properties]);
/** Names that hold credentials in any release, listed or not (a new `*_client_secret` is covered before it is listed). */
const SECRET_NAME = /(password|secret|token|_key$|_key_|private|license|credential|api_key|_conf$)/;

/**
 * True when a kong.conf property, an environment variable (`KONG_PG_PASSWORD`) or an entity field
 * path (`config.redis.password`) holds a secret whose value must never be shown.
 */
export function isSecretName(name: string): boolean {
  const key = name.toLowerCase().replace(/^kong_/, '');
  const last = key.split('.').pop() ?? key;
  return LISTED.has(key) || SECRET_NAME.test(key) || last === 'key' || last === 'secret';
}

/** What a finding shows in place of a secret value. */
export const HIDDEN_VALUE = '(hidden)';

/**
 * Secret values at least this long are hidden wherever they occur in a text; shorter ones only
 * by name or as a word of their own. Hiding `kong` (the password of every docker example)
 * everywhere would rewrite the product's name in every message, and a value that short names
 * nothing secret outside the setting that holds it.
 */
export const SHORTEST_HIDDEN_ANYWHERE = 6;

/** A quoted value longer than this is cut (quotedValue). */
const LONGEST_QUOTED_VALUE = 80;
/** How much of a cut value a quote keeps, before `...`. */
const QUOTED_VALUE_KEPT = LONGEST_QUOTED_VALUE - 3;

/** A setting's value as a finding quotes it: whole, or its beginning and `...` when long. */
export function quotedValue(value: string): string {
  return value.length > LONGEST_QUOTED_VALUE ? `${value.slice(0, QUOTED_VALUE_KEPT)}...` : value;
}

/**
 * The beginning a quote of `value` keeps when it cuts it, else undefined. A secret copied into
 * a setting that is not secret-named (`log_level = <the key>`) is quoted cut, and hiding by value
 * then finds no whole secret to hide: its beginning is hidden too (src/report/secret-values.ts).
 */
export function quotedBeginning(value: string): string | undefined {
  const quoted = quotedValue(value);
  return quoted === value ? undefined : quoted.slice(0, QUOTED_VALUE_KEPT);
}
