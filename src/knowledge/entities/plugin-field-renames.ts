// Plugin fields renamed or removed along 2.x -> 3.x. Read by rules/entities/plugin-field-renamed.

import { deck, digest, docs, repo } from './sources';
import type { FieldPathText, FieldRename } from './types';
import type { FactSource } from '../../model/source';

const ALLOW_DENY_PLUGINS = ['acl', 'ip-restriction', 'bot-detection'] as const;
const EE_REDIS_PLUGINS = [
  'rate-limiting-advanced', 'graphql-rate-limiting-advanced', 'proxy-cache-advanced',
  'graphql-proxy-cache-advanced', 'ai-rate-limiting-advanced',
] as const;
const AI_MODEL_PLUGINS = [
  'ai-proxy', 'ai-proxy-advanced', 'ai-rag-injector', 'ai-request-transformer', 'ai-response-transformer',
  'ai-semantic-cache', 'ai-semantic-prompt-guard',
] as const;
const QUEUE_LEGACY_PLUGINS = ['http-log', 'statsd', 'datadog'] as const;

/** Kong 3.8 refuses an alias whose value differs from its replacement, and ignores a null one beside it. */
const SHORTHAND_MISMATCH = repo('kong/db/schema/init.lua', '3.8.0', 'validate_deprecation_exclusiveness; before 3.8 the alias overrode the replacement');
/** The Enterprise Redis schema names the replacements of these aliases (an August 2024 commit; the 3.8.0.0 changelog lists the change). */
/** The record key each Enterprise Redis node list takes for its host (admin API schema, 3.10). */
const EE_REDIS_NODE_SHAPES = { kind: 'docs' as const, ref: 'https://developer.konghq.com/ (api-specs/gateway/admin-ee/3.10/openapi.yaml, PartialRedisEe: cluster_nodes items { ip, port }, sentinel_nodes items { host, port })' };

function nodeHostKey(kind: 'cluster' | 'sentinel'): 'ip' | 'host' {
  return kind === 'cluster' ? 'ip' : 'host';
}

/** The openid-connect schema as the docs repository publishes it per minor (the Enterprise source is not public). */
const OIDC_SCHEMA_DOCS = (minor: string, note: string) => ({
  kind: 'repo' as const,
  ref: `Kong/developer.konghq.com:app/_schemas/gateway/plugins/${minor}/OpenidConnect.json@bc1cd742`,
  note,
});

/**
 * How Kong 3.x treats a plugin row holding a config key its schema no longer has: reading the row
 * drops the key without validating anything, and an Admin API PATCH merges into the row as read,
 * so it validates and writes the row without the key. Only files and API payloads are refused.
 */
const ROW_READ = [
  repo('kong/db/schema/init.lua', '3.0.0', 'process_auto_fields in the select context removes keys that are not fields; validate_fields refuses them as unknown on every write'),
  repo('kong/db/dao/init.lua', '3.0.0', 'row_to_entity only runs process_auto_fields; check_update merges the PATCH into self:select(), then validate_update'),
  repo('kong/db/declarative/init.lua', '3.0.0', 'export_from_db reads rows through DAO:each, so a control plane never sends the dropped key'),
];

/** From Kong 2.1 the bundled aws-lambda rock takes the proxy from proxy_url alone. */
const AWS_LAMBDA_PROXY_FROM_URL = {
  kind: 'repo' as const,
  ref: 'Kong/kong-plugin-aws-lambda:kong/plugins/aws-lambda/handler.lua@3.4.0',
  note: 'connect_better gets proxy = { uri = conf.proxy_url } and never reads proxy_scheme (3.1.0 still passed it to connect_proxy); kong-2.1.4-0.rockspec@2.1.4 requires kong-plugin-aws-lambda ~> 3.4',
};

const EE_REDIS_MISMATCH = repo('kong/enterprise_edition/tools/redis/v2/init.lua', '0395a2d8f3', 'deprecation.replaced_with');

const allowDeny = (from: string, to: string): FieldRename => ({
  id: `plugin.${from}.removed`,
  breakingChange: 'plugin-whitelist-blacklist-removed',
  introducedIn: '3.0.0',
  edition: 'oss+ee',
  severity: 'blocker',
  entity: 'plugin',
  plugins: ALLOW_DENY_PLUGINS,
  from: `config.${from}`,
  to: `config.${to}`,
  status: 'removed',
  databaseMigrated: true,
  migratedIn: '2.1.0',
  summary: `The ${from} alias is gone from the schemas in 3.0; files and API calls that send it fail validation (2.1 migrations already rewrote stored rows).`,
  remediation: `Rename config.${from} to config.${to}.`,
  sources: [
    digest('plugin-whitelist-blacklist-removed'), digest('plugin-allow-deny-nomenclature-deprecated'), docs('3.0.0.0 Deprecations'), deck('convert/plugin_updates.go', '2.8 -> 3.4 renames these for every plugin'),
    ...ALLOW_DENY_PLUGINS.map((plugin) => repo(`kong/plugins/${plugin}/migrations/${plugin === 'acl' ? '003' : '001'}_200_to_210.lua`, '2.1.0', 'teardown moves whitelist/blacklist into allow/deny; no later migration touches them')),
  ],
});

/** The flat Redis defaults 3.5 and earlier stored; the 3.6 migration moves them into config.redis, whose defaults they equal. */
const REDIS_STORED_DEFAULTS = (plugin: string) => repo(`kong/plugins/${plugin}/schema.lua`, '3.5.0', 'redis_port 6379, redis_timeout 2000, redis_database 0, redis_ssl false, redis_ssl_verify false');

const flatRedis = (plugin: 'rate-limiting' | 'response-ratelimiting', from: string, to: string, storedDefault?: number | boolean): FieldRename => ({
  id: `plugin.${plugin}.${from}.renamed`,
  breakingChange: 'plugin-redis-config-standardized-oss',
  introducedIn: '3.6.0',
  edition: 'oss+ee',
  severity: 'info',
  entity: 'plugin',
  plugins: [plugin],
  from: `config.${from}`,
  to: `config.${to}`,
  status: 'deprecated',
  databaseMigrated: true,
  mismatchRefusedIn: '3.8.0',
  summary: 'Redis settings moved into the shared config.redis record in 3.6; the flat names remain deprecated aliases (removal planned for 4.0).',
  remediation: `Move config.${from} to config.${to}.`,
  ...(storedDefault !== undefined ? { storedDefault } : {}),
  sources: [
    digest('plugin-redis-config-standardized-oss'), repo(`kong/plugins/${plugin}/schema.lua`, '3.9.3', 'deprecated shorthand fields'), SHORTHAND_MISMATCH,
    ...(storedDefault !== undefined ? [REDIS_STORED_DEFAULTS(plugin), repo(`kong/plugins/${plugin}/migrations/${plugin === 'rate-limiting' ? '006' : '001'}_350_to_360.lua`, '3.6.0')] : []),
  ],
});

/**
 * Kong's queue translates a legacy setting only when it differs from its 2.x default, and warns
 * only then: the default is what every 2.x and 3.x dump writes and what every row Kong 3.2 or
 * older stored (the 3.9.3 schemas name it deprecation.old_default).
 */
const QUEUE_LEGACY_DEFAULTS = [
  repo('kong/tools/queue.lua', '3.4.2', 'get_plugin_params: retry_count 10, queue_size 1, flush_timeout 2, batch_span_count 200 and batch_flush_delay 3 are skipped'),
  repo('kong/plugins/http-log/schema.lua', '2.8.5', 'defaults retry_count 10, queue_size 1, flush_timeout 2'),
  repo('kong/plugins/opentelemetry/schema.lua', '3.2.2', 'defaults batch_span_count 200, batch_flush_delay 3'),
  repo('kong/plugins/http-log/schema.lua', '3.9.3', 'deprecation.old_default'),
];

const queueLegacy = (from: string, to: string | undefined, status: 'deprecated' | 'ignored', oldDefault: number): FieldRename => ({
  id: `plugin.queue.${from}.${status}`,
  breakingChange: 'plugin-queue-parameters-reworked',
  introducedIn: '3.3.0',
  edition: 'oss+ee',
  severity: status === 'ignored' ? 'warning' : 'info',
  entity: 'plugin',
  plugins: QUEUE_LEGACY_PLUGINS,
  from: `config.${from}`,
  ...(to ? { to: `config.${to}` } : {}),
  status,
  oldDefault,
  summary: status === 'ignored'
    ? 'Since the 3.3 queue rework retry_count has no effect; retries are bounded by queue.max_retry_time.'
    : `Since the 3.3 queue rework ${from} is translated at run time into config.${to}, with a deprecation warning.`,
  remediation: to ? `Move the value to config.${to}.` : 'Remove retry_count and set config.queue.max_retry_time instead.',
  sources: [digest('plugin-queue-parameters-reworked'), docs('3.3.0.0 plugin queues'), ...QUEUE_LEGACY_DEFAULTS],
});

/** The session plugin's defaults 2.6-3.1 stored; 3.2 turns each into its own new default (or ignores it). */
const SESSION_STORED_DEFAULTS = repo('kong/plugins/session/schema.lua', '3.1.1', 'cookie_lifetime 3600, cookie_renew 600, cookie_samesite Strict, cookie_httponly true, cookie_discard 10; @3.2.2 the shorthands map them to rolling_timeout 3600, cookie_same_site Strict, cookie_http_only true, stale_ttl 10, the defaults there');

/**
 * What becomes of `cookie_idletime: null`, which every session row of 2.x holds (the field had no
 * default): no migration rewrites it, and the 3.2 shorthand turns it into an idling_timeout of 0,
 * which means no idle timeout, as the null did before.
 */
const SESSION_IDLE_NULL = [
  repo('kong/plugins/session/schema.lua', '2.8.5', 'cookie_idletime has no default, so rows store null'),
  { kind: 'repo' as const, ref: 'bungle/lua-resty-session:lib/resty/session.lua@v3.10', note: 'idletime falls back to 0, which disables it (kong-2.8.5-0.rockspec@2.8.5 pins 3.10)' },
  repo('kong/plugins/session/migrations/init.lua', '3.2.2', 'only 000_base_session and 001_add_ttl_index; 002_320_to_330.lua@3.3.0 only recreates the sessions TTL trigger'),
  repo('kong/plugins/session/schema.lua', '3.2.0', 'the cookie_idletime shorthand turns nil or null into idling_timeout 0; no session shorthand has a deprecation, so its result overwrites idling_timeout (the same @3.9.3)'),
  repo('kong/db/schema/init.lua', '3.2.0', 'process_auto_fields runs the shorthand fields in every context, select included, so a stored row is converted when read'),
  { kind: 'repo' as const, ref: 'bungle/lua-resty-session:lib/resty/session.lua@v4.0.2', note: 'idling_timeout 0 skips the idle check (kong-3.2.0-0.rockspec@3.2.0 pins 4.0.2); unset, it defaults to 900' },
];

const sessionRename = (plugins: readonly string[], from: string, to: string | undefined, breakingChange: string, storedDefault?: string | number | boolean): FieldRename => ({
  id: `plugin.session.${from}.${to ? 'renamed' : 'removed'}`,
  breakingChange,
  introducedIn: plugins.includes('session') ? '3.2.0' : '3.2.1.0',
  edition: plugins.includes('session') ? 'oss+ee' : 'ee',
  severity: to ? 'info' : 'warning',
  entity: 'plugin',
  plugins,
  from: `config.${from}`,
  ...(to ? { to: `config.${to}` } : {}),
  status: to ? 'deprecated' : 'ignored',
  summary: to
    ? `lua-resty-session 4 (3.2) renamed ${from} to ${to}; the old name is still accepted.`
    : `lua-resty-session 4 (3.2) dropped ${from}; the value is ignored.`,
  remediation: to ? `Once every node runs 3.2 or later, rename config.${from} to config.${to}.` : `Remove config.${from}.`,
  ...(storedDefault !== undefined ? { storedDefault } : {}),
  sources: [digest(breakingChange), docs('3.2.0.0 session library upgrade'), ...(storedDefault !== undefined ? [SESSION_STORED_DEFAULTS] : [])],
});

const OIDC_SAML = ['openid-connect', 'saml'] as const;

/**
 * lua-resty-session 4 SameSite values: 2.x accepted `off`, the renamed fields do not. The session
 * plugin's alias turns `off` into `Lax`; the Enterprise plugins' translation is not public, so
 * their `off` is left to the operator.
 */
const SAME_SITE_VALUES = ['Strict', 'Lax', 'None', 'Default'] as const;
const SAME_SITE_SOURCES = {
  session: repo('kong/plugins/session/schema.lua', '3.4.2', 'same_site one_of Strict, Lax, None, Default; the cookie_samesite shorthand maps "off" to "Lax"'),
  ee: { kind: 'repo' as const, ref: 'Kong/developer.konghq.com:app/_schemas/gateway/plugins/3.4/OpenidConnect.json@bc1cd742', note: '*_cookie_same_site enum Default, Lax, None, Strict (Saml.json the same)' },
};

const sameSiteRename = (plugins: readonly string[], from: string, to: string, breakingChange: string, storedDefault?: string): FieldRename => {
  const base = sessionRename(plugins, from, to, breakingChange, storedDefault);
  const session = plugins.includes('session');
  return {
    ...base,
    valueShape: { kind: 'narrower-enum', accepted: SAME_SITE_VALUES, ...(session ? { translate: { off: 'Lax' } } : {}) },
    summary: `${base.summary} The new field accepts only ${SAME_SITE_VALUES.join(', ')}: \`off\` is not one of them${session ? ' (the old name turns it into Lax)' : ''}.`,
    sources: [...base.sources, session ? SAME_SITE_SOURCES.session : SAME_SITE_SOURCES.ee],
  };
};

/**
 * The Enterprise OpenID Connect and SAML session settings 3.2.1.0 dropped, at the default the
 * plugins had before: every decK dump of an older node writes them, and 3.2.1.0 to 3.9 still
 * accept the names (shorthand fields) and ignore them, so at that value there is nothing an
 * operator chose and nothing to report or convert. The plugins' source is not public; the
 * defaults come from their configuration reference.
 */
const OIDC_SAML_SESSION_DEFAULTS = [
  { kind: 'docs', ref: 'Kong/docs.konghq.com:app/_hub/kong-inc/openid-connect/2.2.x.md@3767f689', note: 'Types, Optionality and Defaults: session_cookie_renew 600, session_cookie_maxsize 4000, session_strategy "default", session_compressor "none"' },
  { kind: 'docs', ref: 'Kong/docs.konghq.com:app/_hub/kong-inc/saml/_index.md (a 3.1-era version, front-matter params)', note: 'the same four defaults for SAML' },
  { kind: 'docs', ref: 'Kong/developer.konghq.com:app/_schemas/gateway/plugins/3.4/OpenidConnect.json@HEAD', note: 'the four names are shorthand_fields in 3.4 (also 3.9)' },
] satisfies FactSource[];

const droppedAtDumpDefault = (fact: FieldRename, oldDefault: string | number): FieldRename => ({
  ...fact,
  oldDefault,
  sources: [...fact.sources, ...OIDC_SAML_SESSION_DEFAULTS],
});

/** The 3.7 tracing schemas deprecate the legacy header settings, each with the default Kong takes silently. */
const TRACING_DEPRECATIONS = {
  opentelemetry: repo('kong/plugins/opentelemetry/schema.lua', '3.7.0', 'header_type: deprecation with old_default "preserve"'),
  zipkin: repo('kong/plugins/zipkin/schema.lua', '3.7.0', 'header_type and default_header_type: deprecations with old_default "preserve" and "b3"'),
} as const;
const LEGACY_PROPAGATION = repo('kong/tracing/propagation/init.lua', '3.7.0', 'get_plugin_params: the legacy settings apply only while propagation sets no extract, inject or clear');

/**
 * Enterprise 3.8 moved the OpenID Connect and SAML session Redis settings into the shared
 * config.redis record; the session_redis_* names stay as deprecated shorthands. The 3.7 schemas
 * defaulted session_redis_host and session_redis_port to 127.0.0.1 and 6379, the 3.8 record leaves
 * host and port unset, so even a dump default carries a value that has to move.
 */
const OIDC_SAML_REDIS_SOURCES = {
  'openid-connect': { kind: 'repo' as const, ref: 'Kong/kong:plugins-ee/openid-connect/kong/plugins/openid-connect/schema.lua@0395a2d8f3', note: 'shorthand_fields session_redis_*: deprecation replaced_with redis.*, removal in 4.0; host and port are not translated while session_redis_cluster_nodes is set' },
  saml: { kind: 'repo' as const, ref: 'Kong/kong:plugins-ee/saml/kong/plugins/saml/schema.lua@65243bbcb6', note: 'shorthand_fields session_redis_*: deprecation replaced_with redis.*, removal in 4.0' },
} as const;
const OIDC_SAML_REDIS_CHANGELOG = { kind: 'changelog' as const, ref: 'Kong/developer.konghq.com:app/_data/changelogs/gateway.json@bc1cd742', note: '3.8.0.0, deprecation: openid-connect and SAML standardized their Redis configuration on the shared schema' };
const OIDC_SAML_REDIS_DEFAULTS = [
  { kind: 'repo' as const, ref: 'Kong/developer.konghq.com:app/_schemas/gateway/plugins/3.7/OpenidConnect.json@bc1cd742', note: 'session_redis_host default 127.0.0.1, session_redis_port 6379 (Saml.json the same)' },
  { kind: 'repo' as const, ref: 'Kong/developer.konghq.com:app/_schemas/gateway/plugins/3.8/OpenidConnect.json@bc1cd742', note: 'no session_redis_* field; redis.host and redis.port have no default' },
];
/** The Enterprise Redis record refuses host/port beside cluster_nodes (mutually_exclusive_sets). */
const EE_REDIS_EXCLUSIVE = repo('kong/enterprise_edition/tools/redis/v2/init.lua', '0395a2d8f3', 'entity_checks: cluster_nodes and host/port are mutually exclusive sets');

const oidcSamlRedis = (plugin: keyof typeof OIDC_SAML_REDIS_SOURCES, field: string): FieldRename => {
  // OpenID Connect ignores the host and port aliases beside cluster nodes; moving them would
  // put host/port next to redis.cluster_nodes, which the Redis record refuses.
  const clusterSkips = plugin === 'openid-connect' && (field === 'host' || field === 'port');
  return {
    id: `plugin.${plugin}.session_redis_${field}.deprecated`,
    breakingChange: 'plugin-oidc-saml-redis-config-standardized',
    introducedIn: '3.8.0.0',
    edition: 'ee',
    severity: 'info',
    entity: 'plugin',
    plugins: [plugin],
    ...(clusterSkips ? { when: [{ path: 'config.session_redis_cluster_nodes', exists: false }] } : {}),
    from: `config.session_redis_${field}`,
    to: `config.redis.${field}`,
    status: 'deprecated',
    mismatchRefusedIn: '3.8.0.0',
    summary: `${plugin} moved its session Redis settings into the shared config.redis record in 3.8; the session_redis_* names remain deprecated aliases (removal planned for 4.0).`,
    remediation: `Move config.session_redis_${field} to config.redis.${field}.`,
    sources: [
      OIDC_SAML_REDIS_CHANGELOG,
      OIDC_SAML_REDIS_SOURCES[plugin], SHORTHAND_MISMATCH,
      ...(field === 'host' || field === 'port' ? OIDC_SAML_REDIS_DEFAULTS : []),
      ...(clusterSkips ? [EE_REDIS_EXCLUSIVE] : []),
    ],
  };
};
/**
 * Beside session_redis_cluster_nodes OpenID Connect drops the host and port aliases: moved into
 * config.redis they would meet cluster_nodes there, which the Redis record refuses, so they go.
 */
const oidcRedisBesideCluster = (field: 'host' | 'port'): FieldRename => ({
  ...oidcSamlRedis('openid-connect', field),
  id: `plugin.openid-connect.session_redis_${field}.beside-cluster-nodes`,
  when: [{ path: 'config.session_redis_cluster_nodes', exists: true }],
  to: undefined,
  status: 'ignored',
  mismatchRefusedIn: undefined,
  summary: `Beside session_redis_cluster_nodes, openid-connect 3.8 does not translate session_redis_${field} into config.redis, and config.redis refuses a ${field} beside cluster_nodes.`,
  remediation: `Remove config.session_redis_${field} and move session_redis_cluster_nodes to config.redis.cluster_nodes.`,
});
const OIDC_SAML_REDIS_FIELDS = [
  'prefix', 'socket', 'host', 'port', 'username', 'password', 'connect_timeout', 'read_timeout', 'send_timeout',
  'ssl', 'ssl_verify', 'server_name', 'cluster_nodes', 'cluster_max_redirections',
] as const;

export const pluginFieldRenames: readonly FieldRename[] = [
  allowDeny('whitelist', 'allow'),
  allowDeny('blacklist', 'deny'),
  {
    id: 'plugin.request-transformer-advanced.whitelist.removed',
    breakingChange: 'plugin-whitelist-blacklist-removed',
    introducedIn: '3.0.0.0',
    edition: 'ee',
    severity: 'blocker',
    // 3.4 refuses it for certain; which release dropped it (2.x or 3.0) is not documented.
    confidence: 'uncertain',
    entity: 'plugin',
    plugins: ['request-transformer-advanced'],
    from: 'config.whitelist',
    to: 'config.allow',
    status: 'removed',
    summary: 'request-transformer-advanced knows only config.allow by 3.4 (no whitelist field, no alias), so a file that still sends whitelist fails validation; the release that dropped the old name is not documented.',
    remediation: 'Rename config.whitelist to config.allow.',
    sources: [
      { kind: 'repo', ref: 'Kong/developer.konghq.com:app/_schemas/gateway/plugins/3.4/RequestTransformerAdvanced.json@bc1cd742', note: 'config holds add, allow, append, dots_in_keys, http_method, remove, rename, replace; no shorthand_fields' },
      deck('convert/plugin_updates.go', 'the 2.8 -> 3.4 conversion renames config.whitelist to config.allow for every plugin'),
    ],
  },
  {
    id: 'plugin.serverless.functions.removed',
    breakingChange: 'plugin-serverless-functions-field-removed',
    introducedIn: '3.0.0',
    edition: 'oss+ee',
    severity: 'blocker',
    entity: 'plugin',
    plugins: ['pre-function', 'post-function'],
    from: 'config.functions',
    to: 'config.access',
    status: 'removed',
    databaseMigrated: true,
    summary: 'config.functions left the pre-/post-function schemas in 3.0; the 3.0 migration copies stored rows into config.access (overwriting it), files that still send functions fail validation.',
    remediation: 'Move the code of config.functions into config.access (or the phase it belongs to).',
    sources: [digest('plugin-serverless-functions-field-removed'), repo('kong/plugins/pre-function/migrations/_001_280_to_300.lua', '3.0.0')],
  },
  {
    id: 'plugin.aws-lambda.proxy_scheme.removed',
    breakingChange: 'plugin-aws-lambda-region-required',
    introducedIn: '3.0.0',
    edition: 'oss+ee',
    severity: 'blocker',
    entity: 'plugin',
    plugins: ['aws-lambda'],
    from: 'config.proxy_scheme',
    status: 'removed',
    noEffectSince: '2.1.0',
    summary: 'aws-lambda lost config.proxy_scheme in 3.0; a configuration that sets it fails validation.',
    remediation: 'Remove config.proxy_scheme.',
    sources: [
      digest('plugin-aws-lambda-region-required'), repo('kong/plugins/aws-lambda/schema.lua', '3.0.0'),
      AWS_LAMBDA_PROXY_FROM_URL, repo('kong/plugins/aws-lambda/handler.lua', '2.8.5', 'a set proxy_scheme only logs a deprecation warning'),
      repo('kong/plugins/aws-lambda', '3.9.3', 'no migrations folder: nothing rewrites stored aws-lambda rows'),
      ...ROW_READ,
    ],
  },
  sessionRename(['session'], 'cookie_lifetime', 'rolling_timeout', 'plugin-session-parameters-renamed', 3600),
  {
    ...sessionRename(['session'], 'cookie_idletime', 'idling_timeout', 'plugin-session-parameters-renamed'),
    nullBecomes: { value: 0, meaning: 'no idle timeout' },
    sources: [digest('plugin-session-parameters-renamed'), docs('3.2.0.0 session library upgrade'), ...SESSION_IDLE_NULL],
  },
  sameSiteRename(['session'], 'cookie_samesite', 'cookie_same_site', 'plugin-session-parameters-renamed', 'Strict'),
  sessionRename(['session'], 'cookie_httponly', 'cookie_http_only', 'plugin-session-parameters-renamed', true),
  sessionRename(['session'], 'cookie_discard', 'stale_ttl', 'plugin-session-parameters-renamed', 10),
  sessionRename(['session'], 'cookie_renew', undefined, 'plugin-session-parameters-renamed', 600),
  sessionRename(OIDC_SAML, 'session_cookie_lifetime', 'session_rolling_timeout', 'plugin-oidc-saml-session-parameters-renamed'),
  sessionRename(OIDC_SAML, 'session_cookie_idletime', 'session_idling_timeout', 'plugin-oidc-saml-session-parameters-renamed'),
  sameSiteRename(OIDC_SAML, 'session_cookie_samesite', 'session_cookie_same_site', 'plugin-oidc-saml-session-parameters-renamed'),
  sessionRename(OIDC_SAML, 'session_cookie_httponly', 'session_cookie_http_only', 'plugin-oidc-saml-session-parameters-renamed'),
  sessionRename(OIDC_SAML, 'session_memcache_prefix', 'session_memcached_prefix', 'plugin-oidc-saml-session-parameters-renamed'),
  sessionRename(OIDC_SAML, 'session_memcache_socket', 'session_memcached_socket', 'plugin-oidc-saml-session-parameters-renamed'),
  sessionRename(OIDC_SAML, 'session_memcache_host', 'session_memcached_host', 'plugin-oidc-saml-session-parameters-renamed'),
  sessionRename(OIDC_SAML, 'session_memcache_port', 'session_memcached_port', 'plugin-oidc-saml-session-parameters-renamed'),
  sessionRename(OIDC_SAML, 'session_redis_cluster_maxredirections', 'session_redis_cluster_max_redirections', 'plugin-oidc-saml-session-parameters-renamed'),
  sessionRename(['openid-connect'], 'authorization_cookie_lifetime', 'authorization_rolling_timeout', 'plugin-oidc-saml-session-parameters-renamed'),
  sameSiteRename(['openid-connect'], 'authorization_cookie_samesite', 'authorization_cookie_same_site', 'plugin-oidc-saml-session-parameters-renamed'),
  sessionRename(['openid-connect'], 'authorization_cookie_httponly', 'authorization_cookie_http_only', 'plugin-oidc-saml-session-parameters-renamed'),
  droppedAtDumpDefault(sessionRename(OIDC_SAML, 'session_cookie_renew', undefined, 'plugin-oidc-saml-session-parameters-renamed'), 600),
  droppedAtDumpDefault(sessionRename(OIDC_SAML, 'session_cookie_maxsize', undefined, 'plugin-oidc-saml-session-parameters-renamed'), 4000),
  droppedAtDumpDefault(sessionRename(OIDC_SAML, 'session_strategy', undefined, 'plugin-oidc-saml-session-parameters-renamed'), 'default'),
  droppedAtDumpDefault(sessionRename(OIDC_SAML, 'session_compressor', undefined, 'plugin-oidc-saml-session-parameters-renamed'), 'none'),
  queueLegacy('queue_size', 'queue.max_batch_size', 'deprecated', 1),
  queueLegacy('flush_timeout', 'queue.max_coalescing_delay', 'deprecated', 2),
  queueLegacy('retry_count', undefined, 'ignored', 10),
  {
    ...queueLegacy('batch_span_count', 'queue.max_batch_size', 'deprecated', 200),
    id: 'plugin.opentelemetry.batch_span_count.deprecated',
    plugins: ['opentelemetry'],
  },
  {
    ...queueLegacy('batch_flush_delay', 'queue.max_coalescing_delay', 'deprecated', 3),
    id: 'plugin.opentelemetry.batch_flush_delay.deprecated',
    plugins: ['opentelemetry'],
  },
  ...(['rate-limiting', 'response-ratelimiting'] as const).flatMap((plugin) => [
    flatRedis(plugin, 'redis_host', 'redis.host'),
    flatRedis(plugin, 'redis_port', 'redis.port', 6379),
    flatRedis(plugin, 'redis_username', 'redis.username'),
    flatRedis(plugin, 'redis_password', 'redis.password'),
    flatRedis(plugin, 'redis_database', 'redis.database', 0),
    flatRedis(plugin, 'redis_timeout', 'redis.timeout', 2000),
    flatRedis(plugin, 'redis_ssl', 'redis.ssl', false),
    flatRedis(plugin, 'redis_ssl_verify', 'redis.ssl_verify', false),
    flatRedis(plugin, 'redis_server_name', 'redis.server_name'),
  ]),
  ...([
    ['auth', 'password'], ['ssl_server_name', 'server_name'], ['namespace', 'extra_options.namespace'], ['scan_count', 'extra_options.scan_count'],
  ] as const).map(([from, to]): FieldRename => ({
    id: `plugin.acme.redis.${from}.renamed`,
    breakingChange: 'plugin-redis-config-standardized-oss',
    introducedIn: '3.6.0',
    edition: 'oss+ee',
    severity: 'info',
    entity: 'plugin',
    plugins: ['acme'],
    from: `config.storage_config.redis.${from}`,
    to: `config.storage_config.redis.${to}`,
    status: 'deprecated',
    databaseMigrated: true,
    mismatchRefusedIn: '3.8.0',
    summary: 'acme\'s Redis storage settings follow the shared Redis schema from 3.6; the old names remain deprecated aliases.',
    remediation: `Move storage_config.redis.${from} to storage_config.redis.${to}.`,
    sources: [digest('plugin-redis-config-standardized-oss'), repo('kong/plugins/acme/migrations/003_350_to_360.lua', '3.6.0'), SHORTHAND_MISMATCH],
  })),
  ...EE_REDIS_PLUGINS.flatMap((plugin): FieldRename[] => (['cluster', 'sentinel'] as const).map((kind) => ({
    id: `plugin.${plugin}.redis.${kind}_addresses.renamed`,
    breakingChange: 'ee-redis-cluster-sentinel-fields-renamed',
    introducedIn: '3.8.0.0',
    edition: 'ee',
    severity: 'info',
    entity: 'plugin',
    plugins: [plugin],
    from: `config.redis.${kind}_addresses`,
    to: `config.redis.${kind}_nodes`,
    status: 'deprecated',
    valueShape: { kind: 'host-port-to-nodes', hostKey: nodeHostKey(kind) },
    databaseMigrated: true,
    mismatchRefusedIn: '3.8.0.0',
    summary: `${kind}_addresses ("host:port" strings) gave way to ${kind}_nodes ({ ${nodeHostKey(kind)}, port } records) in 3.8; Kong still translates the old field, but refuses a differing value in both.`,
    remediation: `Replace config.redis.${kind}_addresses with config.redis.${kind}_nodes written as { ${nodeHostKey(kind)}, port } records (decK's 3.4 -> 3.10 convert moves the strings unchanged, which is the wrong shape).`,
    sources: [digest('ee-redis-cluster-sentinel-fields-renamed'), docs('3.8.0.0 Deprecated sentinel_addresses and cluster_addresses'), deck('convert/plugin_updates_310.go', 'moves the value verbatim'), EE_REDIS_MISMATCH, EE_REDIS_NODE_SHAPES],
  }))),
  ...EE_REDIS_PLUGINS.map((plugin): FieldRename => ({
    id: `plugin.${plugin}.redis.timeout.deprecated`,
    breakingChange: 'ee-redis-cluster-sentinel-fields-renamed',
    introducedIn: '3.8.0.0',
    edition: 'ee',
    severity: 'info',
    entity: 'plugin',
    plugins: [plugin],
    from: 'config.redis.timeout',
    to: 'config.redis.connect_timeout',
    alsoTo: ['config.redis.send_timeout', 'config.redis.read_timeout'],
    status: 'deprecated',
    databaseMigrated: true,
    mismatchRefusedIn: '3.8.0.0',
    summary: 'The single Redis timeout is deprecated from 3.8 (removal planned for 4.0) in favour of connect_timeout, send_timeout and read_timeout.',
    remediation: 'Set config.redis.connect_timeout, send_timeout and read_timeout instead of timeout.',
    sources: [digest('ee-redis-cluster-sentinel-fields-renamed'), deck('convert/rulesets/340-to-310/entrypoint.yaml', 'redis-timeout-config-plugin-check'), EE_REDIS_MISMATCH],
  })),
  ...(['openid-connect', 'saml'] as const).flatMap((plugin) => OIDC_SAML_REDIS_FIELDS.map((field) => oidcSamlRedis(plugin, field))),
  ...(['host', 'port'] as const).map(oidcRedisBesideCluster),
  ...AI_MODEL_PLUGINS.map((plugin): FieldRename => ({
    id: `plugin.${plugin}.upstream_path.deprecated`,
    breakingChange: 'plugin-ai-deprecated-fields-3-10',
    introducedIn: '3.10.0.0',
    edition: 'ee',
    severity: 'info',
    entity: 'plugin',
    plugins: [plugin],
    from: 'config.model.options.upstream_path',
    to: 'config.model.options.upstream_url',
    status: 'deprecated',
    // upstream_path is a path on the provider's host, upstream_url the whole address: copied
    // as it is (decK's convert does), `/v1/chat` would leave the request without a host.
    valueShape: { kind: 'operator-reshapes' },
    summary: 'AI plugins deprecated model.options.upstream_path in favour of upstream_url in 3.10; upstream_url takes the full URL (scheme, host, path), not the path alone.',
    remediation: 'Set config.model.options.upstream_url to the provider\'s full URL ending in this path, then remove upstream_path.',
    sources: [
      digest('plugin-ai-deprecated-fields-3-10'), docs('3.10.0.0 AI plugins: deprecated settings'),
      deck('convert/plugin_updates_310.go', 'renames upstream_path to upstream_url keeping the value'),
      repo('kong/llm/drivers/openai.lua', '3.9.3', 'configure_request: upstream_url is parsed as a whole URL and gives the host; upstream_path only replaces the path of the provider\'s default URL'),
      { kind: 'repo', ref: 'Kong/developer.konghq.com:app/_schemas/gateway/plugins/3.10/AiProxy.json@HEAD', note: 'upstream_url: the full URL of the AI operation endpoints; upstream_path: the operation path' },
    ],
  })),
  {
    id: 'plugin.forward-proxy.proxy_host.deprecated',
    breakingChange: 'plugin-forward-proxy-host-port-deprecated',
    introducedIn: '2.8.0.0',
    edition: 'ee',
    severity: 'info',
    entity: 'plugin',
    plugins: ['forward-proxy'],
    from: 'config.proxy_host',
    to: 'config.http_proxy_host',
    status: 'deprecated',
    summary: 'forward-proxy split proxy_host into http_proxy_host and https_proxy_host in 2.8.',
    remediation: 'Use config.http_proxy_host and/or config.https_proxy_host.',
    sources: [digest('plugin-forward-proxy-host-port-deprecated')],
  },
  {
    id: 'plugin.forward-proxy.proxy_port.deprecated',
    breakingChange: 'plugin-forward-proxy-host-port-deprecated',
    introducedIn: '2.8.0.0',
    edition: 'ee',
    severity: 'info',
    entity: 'plugin',
    plugins: ['forward-proxy'],
    from: 'config.proxy_port',
    to: 'config.http_proxy_port',
    status: 'deprecated',
    summary: 'forward-proxy split proxy_port into http_proxy_port and https_proxy_port in 2.8.',
    remediation: 'Use config.http_proxy_port and/or config.https_proxy_port.',
    sources: [digest('plugin-forward-proxy-host-port-deprecated')],
  },
  {
    id: 'plugin.openid-connect.session_redis_auth.deprecated',
    breakingChange: 'plugin-oidc-session-redis-auth-deprecated',
    introducedIn: '2.8.0.0',
    edition: 'ee',
    severity: 'info',
    entity: 'plugin',
    plugins: ['openid-connect'],
    from: 'config.session_redis_auth',
    to: 'config.session_redis_password',
    status: 'deprecated',
    summary: 'openid-connect replaced session_redis_auth with session_redis_username and session_redis_password in 2.8.',
    remediation: 'Move the value into session_redis_password (and session_redis_username when the server needs one).',
    sources: [digest('plugin-oidc-session-redis-auth-deprecated')],
  },
  {
    // 2.8 only kept the name as a shorthand; a row written by 2.7 or earlier still holds it, and
    // 3.0 both drops the shorthand and moves the stored value.
    id: 'plugin.openid-connect.session_redis_auth.removed',
    breakingChange: 'plugin-oidc-session-redis-auth-deprecated',
    introducedIn: '3.0.0.0',
    edition: 'ee',
    severity: 'blocker',
    entity: 'plugin',
    plugins: ['openid-connect'],
    from: 'config.session_redis_auth',
    to: 'config.session_redis_password',
    status: 'removed',
    databaseMigrated: true,
    summary: 'openid-connect dropped the session_redis_auth shorthand in 3.0; its migration moves a stored value into session_redis_password.',
    remediation: 'Write config.session_redis_password (and session_redis_username when the server needs one) instead of session_redis_auth.',
    sources: [
      digest('plugin-oidc-session-redis-auth-deprecated'),
      repo('plugins-ee/openid-connect/kong/plugins/openid-connect/schema.lua', 'c12cc4f52c', 'Enterprise 2.8.1.0: session_redis_auth is only a shorthand, marked for removal in 3.0'),
      repo('plugins-ee/openid-connect/kong/plugins/openid-connect/schema.lua', '9ade9a3936', 'the shorthands are dropped (2022-06-10; Enterprise 3.0.0.0 shipped 2022-09-09)'),
      repo('plugins-ee/openid-connect/kong/plugins/openid-connect/migrations/003_280_to_300.lua', 'FTI-6378', 'teardown: session_redis_password takes session_redis_auth unless set, session_redis_auth is removed'),
    ],
  },
  {
    id: 'plugin.openid-connect.consumer_claim.deprecated',
    breakingChange: 'plugin-oidc-claims-fields-deprecated',
    introducedIn: '3.14.0.0',
    edition: 'ee',
    severity: 'info',
    entity: 'plugin',
    plugins: ['openid-connect'],
    from: 'config.consumer_claim',
    to: 'config.consumer_claims',
    status: 'deprecated',
    // The old list is one claim path (its items walk into nested objects); the new field is a
    // list of such paths tried in order, so the old value becomes its only entry.
    valueShape: { kind: 'one-path-list' },
    summary: 'openid-connect deprecated consumer_claim in 3.14 in favour of consumer_claims, a list of claim paths (each a list of strings) tried in order; consumer_claim still works.',
    remediation: 'Write the old list as the only entry of config.consumer_claims: `consumer_claim: [email]` becomes `consumer_claims: [[email]]`.',
    sources: [
      digest('plugin-oidc-claims-fields-deprecated'), docs('3.14.0.0 OpenID Connect: consumer claims data types'),
      OIDC_SCHEMA_DOCS('3.10', 'consumer_claim: several values name a claim inside nested objects'),
      OIDC_SCHEMA_DOCS('3.14', 'consumer_claims: array of arrays of strings, each a claim path'),
    ],
  },
  ...([
    ['upstream_headers_claims', 'upstream_headers'],
    ['upstream_headers_names', 'upstream_headers'],
    ['downstream_headers_claims', 'downstream_headers'],
    ['downstream_headers_names', 'downstream_headers'],
  ] as const).map(([from, to]): FieldRename => ({
    id: `plugin.openid-connect.${from}.deprecated`,
    breakingChange: 'plugin-oidc-claims-fields-deprecated',
    introducedIn: '3.14.0.0',
    edition: 'ee',
    severity: 'info',
    entity: 'plugin',
    plugins: ['openid-connect'],
    from: `config.${from}`,
    to: `config.${to}`,
    status: 'deprecated',
    // Two parallel lists (claims, header names) become one list of records: no single field
    // can be moved on its own, and how unmatched lengths behaved is not documented.
    valueShape: { kind: 'operator-reshapes' },
    summary: `openid-connect deprecated ${from} in 3.14 in favour of ${to}, a list of \`{ header, path }\` records (path: the claim as a list of strings); the old fields still work.`,
    remediation: `Pair each claim of config.${to}_claims with the header name at the same place in config.${to}_names and write them as config.${to} entries \`{ header: <name>, path: [<claim>] }\`, then remove both old fields.`,
    sources: [
      digest('plugin-oidc-claims-fields-deprecated'), docs('3.14.0.0 OpenID Connect: header claims fields'),
      OIDC_SCHEMA_DOCS('3.14', `${to}: items { header, path }, both required`),
    ],
  })),
  {
    id: 'plugin.opentelemetry.endpoint.deprecated',
    introducedIn: '3.8.0',
    edition: 'oss+ee',
    severity: 'info',
    entity: 'plugin',
    plugins: ['opentelemetry'],
    from: 'config.endpoint',
    to: 'config.traces_endpoint',
    status: 'deprecated',
    summary: 'opentelemetry sends traces to config.traces_endpoint from 3.8 (logs got their own logs_endpoint); endpoint remains a deprecated alias until 4.0, and a traces_endpoint set beside it wins.',
    remediation: 'Rename config.endpoint to config.traces_endpoint once every node runs 3.8 or later.',
    sources: [
      repo('kong/plugins/opentelemetry/schema.lua', '3.8.0', 'endpoint became a shorthand writing traces_endpoint, deprecated for removal in 4.0; at 3.7.1 endpoint is the required field'),
      repo('kong/db/schema/init.lua', '3.9.3', 'a deprecated shorthand does not override a set field; without replaced_with Kong does not refuse a difference'),
    ],
  },
  {
    id: 'plugin.opentelemetry.access_logs_endpoint.deprecated',
    breakingChange: 'plugin-otel-access-logs-endpoint-deprecated',
    introducedIn: '3.14.0.0',
    edition: 'ee',
    severity: 'info',
    entity: 'plugin',
    plugins: ['opentelemetry'],
    from: 'config.access_logs_endpoint',
    to: 'config.access_logs.endpoint',
    status: 'deprecated',
    summary: 'opentelemetry moved its access-log endpoint into the config.access_logs record in 3.14; access_logs_endpoint is deprecated and due for removal.',
    remediation: 'Move config.access_logs_endpoint to config.access_logs.endpoint once every node runs 3.14 or later.',
    sources: [
      docs('3.14.0.0 OpenTelemetry: Access logs endpoint parameter'),
      { kind: 'repo', ref: 'Kong/developer.konghq.com:app/_schemas/gateway/plugins/3.14/Opentelemetry.json@bc1cd742', note: 'config.access_logs record with endpoint; 3.13 has access_logs_endpoint' },
    ],
  },
  ...(['opentelemetry', 'zipkin'] as const).map((plugin): FieldRename => ({
    id: `plugin.${plugin}.header_type.deprecated`,
    introducedIn: '3.7.0',
    edition: 'oss+ee',
    severity: 'info',
    entity: 'plugin',
    plugins: [plugin],
    from: 'config.header_type',
    status: 'deprecated',
    oldDefault: 'preserve',
    summary: 'header_type is deprecated from 3.7 (removal planned for 4.0) in favour of the config.propagation record; Kong still translates it into extraction and injection formats as long as propagation sets neither extract, inject nor clear.',
    remediation: 'Express the header handling as config.propagation.extract and config.propagation.inject (with default_format), then remove header_type.',
    sources: [TRACING_DEPRECATIONS[plugin], LEGACY_PROPAGATION],
  })),
  {
    id: 'plugin.zipkin.default_header_type.deprecated',
    introducedIn: '3.7.0',
    edition: 'oss+ee',
    severity: 'info',
    entity: 'plugin',
    plugins: ['zipkin'],
    from: 'config.default_header_type',
    status: 'deprecated',
    oldDefault: 'b3',
    summary: 'zipkin\'s default_header_type is deprecated from 3.7 (removal planned for 4.0) in favour of config.propagation.default_format, which Kong only reads once propagation sets extract, inject or clear: until then default_header_type (default b3) still decides.',
    remediation: 'Move the value to config.propagation.default_format together with config.propagation.extract and inject, then remove default_header_type.',
    sources: [TRACING_DEPRECATIONS.zipkin, LEGACY_PROPAGATION],
  },
  {
    id: 'plugin.ai-rate-limiting-advanced.llm_format.deprecated',
    breakingChange: 'plugin-ai-rla-llm-format-deprecated',
    introducedIn: '3.14.0.0',
    edition: 'ee',
    severity: 'info',
    entity: 'plugin',
    plugins: ['ai-rate-limiting-advanced'],
    from: 'config.llm_format',
    status: 'deprecated',
    // Schemas before 3.14 wrote openai into every row and dump; only a value someone chose is news.
    oldDefault: 'openai',
    summary: 'ai-rate-limiting-advanced deprecated llm_format in 3.14 (the shared request parser it selected is gone); the field still validates but no longer has a default.',
    remediation: 'Plan to remove config.llm_format before a release drops it.',
    sources: [
      { kind: 'changelog', ref: 'Kong/developer.konghq.com@bc1cd742:app/_data/changelogs/gateway.json (3.14.0.0, kong-ee deprecation, ai-rate-limiting-advanced)' },
      { kind: 'repo', ref: 'Kong/developer.konghq.com@bc1cd742:app/_schemas/gateway/plugins/3.14/AiRateLimitingAdvanced.json', note: 'llm_format keeps its enum, loses the default openai of 3.13' },
    ],
  },
  {
    id: 'plugin.ai-semantic-prompt-guard.rules.max_request_body_size.deprecated',
    breakingChange: 'plugin-ai-semantic-prompt-guard-rules-body-size-deprecated',
    introducedIn: '3.13.0.0',
    edition: 'ee',
    severity: 'info',
    entity: 'plugin',
    plugins: ['ai-semantic-prompt-guard'],
    from: 'config.rules.max_request_body_size',
    to: 'config.max_request_body_size',
    status: 'deprecated',
    summary: 'ai-semantic-prompt-guard moved rules.max_request_body_size to max_request_body_size in 3.13.',
    remediation: 'Move the value to config.max_request_body_size.',
    sources: [docs('3.13.0.0 AI Semantic Prompt Guard: request body size parameter')],
  },
];

/**
 * Deprecated plugin fields Kong's schema turns into their replacement when it loads the plugin
 * (shorthand fields that name their replacement: the facts whose difference Kong refuses from
 * 3.8), by plugin name and replacement path. A check on the replacement applies to the alias when
 * only the alias is written: a flat `redis_ssl_verify: false` is `redis.ssl_verify: false` to Kong
 * (kong/plugins/rate-limiting/schema.lua@3.9.3, shorthand_fields). Aliases whose value changes
 * shape on the way (Redis addresses into nodes) are left out.
 */
export const pluginFieldAliases: ReadonlyMap<string, ReadonlyMap<FieldPathText, readonly FieldPathText[]>> = (() => {
  const byPlugin = new Map<string, Map<FieldPathText, FieldPathText[]>>();
  for (const fact of pluginFieldRenames) {
    if (fact.status !== 'deprecated' || !fact.to || fact.mismatchRefusedIn === undefined || fact.valueShape) continue;
    for (const plugin of fact.plugins ?? []) {
      let byPath = byPlugin.get(plugin);
      if (!byPath) byPlugin.set(plugin, (byPath = new Map()));
      for (const to of [fact.to, ...(fact.alsoTo ?? [])]) byPath.set(to, [...(byPath.get(to) ?? []), fact.from]);
    }
  }
  return byPlugin;
})();

/** True when a deprecated field holds the default Kong takes silently (`oldDefault`): nothing to report or convert. */
export function isOldDefault(fact: FieldRename, value: unknown): boolean {
  return fact.oldDefault !== undefined && value === fact.oldDefault;
}
