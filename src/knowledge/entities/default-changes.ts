// Defaults that changed: an entity that leaves the field unset behaves differently after the
// hop. Read by rules/entities/default-changed; fix-output pins the old default.

import { deck, digest, docs, repo } from './sources';
import { VERIFY_FIELDS_314 } from './field-value-rules';
import type { FactSource } from '../../model/source';
import type { DefaultChange, FieldCondition } from './types';

const AUTH_PLUGINS_314 = [
  'basic-auth', 'hmac-auth', 'key-auth', 'key-auth-enc', 'ldap-auth', 'ldap-auth-advanced', 'oauth2',
  'oauth2-introspection', 'openid-connect', 'vault-auth',
] as const;

const AI_BODY_SIZE_CHANGELOG: FactSource = {
  kind: 'changelog',
  ref: 'Kong/developer.konghq.com@bc1cd742:app/_data/changelogs/gateway.json (3.13.0.0, kong-ee bugfix, AI Plugins: max_request_body_size)',
};

const PLUGIN_SCHEMAS_314: FactSource = {
  kind: 'repo',
  ref: 'Kong/developer.konghq.com:app/_schemas/gateway/plugins/3.14@bc1cd742',
  note: 'every redis record: ssl defaults to false; openid-connect session_memcached_ssl has no default',
};

type VectordbBackend = 'pgvector' | 'redis';

/**
 * A vector store's `ssl_verify` acts only for the backend its `strategy` names, and only over TLS:
 * both the pgvector and the redis record keep `ssl` defaulting to false in 3.14, the pgvector one
 * described as whether to use SSL at all (PartialVectordb in
 * Kong/developer.konghq.com@bc1cd742:api-specs/gateway/admin-ee/3.14/openapi.yaml, and the vectordb
 * record of app/_schemas/gateway/plugins/3.14/AiSemanticCache.json).
 */
function vectordbBackendConditions(record: string, backend: VectordbBackend): FieldCondition[] {
  return [{ path: `${record}.strategy`, equals: backend }, { path: `${record}.${backend}.ssl`, equals: true }];
}

/**
 * When an unset 3.14 verification field changes anything. Its enclosing record must be present
 * (decK's convert touches nothing else), and a Redis or memcached verification field only acts
 * over TLS: every Redis record of the 3.14 plugin schemas keeps `ssl` defaulting to false, and
 * openid-connect's session_memcached_ssl has no default
 * (Kong/developer.konghq.com@bc1cd742:app/_schemas/gateway/plugins/3.14/*.json). A plain-text
 * connection never verifies, so the new default says nothing to it. The same holds for the log
 * plugins, whose ssl_verify acts "when using TLS" (HttpLog.json, TcpLog.json, same folder): tcp-log
 * with `tls` on, http-log with an https endpoint (one kept in a vault may be either).
 */
function verifyFieldConditions(plugin: string, path: string, parent: string): { when?: FieldCondition[] } {
  const when: FieldCondition[] = [];
  if (parent !== 'config') when.push({ path: parent, exists: true });
  if (path.startsWith('config.vectordb.')) when.push(...vectordbBackendConditions('config.vectordb', path.split('.')[2] as VectordbBackend));
  else if (path.endsWith('.redis.ssl_verify')) when.push({ path: `${parent}.ssl`, equals: true });
  if (path === 'config.session_memcached_ssl_verify') when.push({ path: 'config.session_memcached_ssl', equals: true });
  if (plugin === 'tcp-log' && path === 'config.ssl_verify') when.push({ path: 'config.tls', equals: true });
  if (plugin === 'http-log' && path === 'config.ssl_verify') when.push({ path: 'config.http_endpoint', textContains: ['https://', '{vault://'] });
  return when.length > 0 ? { when } : {};
}

export const defaultChanges: readonly DefaultChange[] = [
  ...(['rate-limiting', 'response-ratelimiting'] as const).map((plugin): DefaultChange => ({
    id: `plugin.${plugin}.policy.default-local`,
    breakingChange: 'plugin-rate-limiting-default-policy-local',
    introducedIn: '3.0.0',
    edition: 'oss+ee',
    severity: 'warning',
    entity: 'plugin',
    plugins: [plugin],
    // DB-less and hybrid nodes already defaulted to local in 2.x (rate-limiting schema is_dbless).
    topologies: ['traditional'],
    appliesTo: 'declarative',
    path: 'config.policy',
    oldDefault: 'cluster',
    newDefault: 'local',
    summary: 'The default counting policy became local in 3.0: limits left at the default count per node, no longer cluster-wide.',
    remediation: 'Set config.policy explicitly (redis, or local if per-node counting is what you want).',
    sources: [digest('plugin-rate-limiting-default-policy-local'), repo(`kong/plugins/${plugin}/schema.lua`, '3.0.0')],
  })),
  ...(['status_code_metrics', 'latency_metrics', 'bandwidth_metrics', 'upstream_health_metrics'] as const).map((flag): DefaultChange => ({
    id: `plugin.prometheus.${flag}.default-off`,
    breakingChange: 'plugin-prometheus-metrics-overhaul',
    introducedIn: '3.0.0',
    edition: 'oss+ee',
    severity: 'warning',
    entity: 'plugin',
    plugins: ['prometheus'],
    // 2.8 had no such switches and exported every metric (kong/plugins/prometheus/schema.lua@2.8.4).
    group: 'plugin.prometheus.metrics.default-off',
    path: `config.${flag}`,
    oldDefault: true,
    newDefault: false,
    summary: 'prometheus exports status code, latency, bandwidth and upstream health metrics only when asked from 3.0 (and several metrics were renamed).',
    remediation: 'Set each switch named to true whose metrics dashboards or alerts use, and move those to the 3.0 metric names.',
    sources: [digest('plugin-prometheus-metrics-overhaul'), repo('kong/plugins/prometheus/schema.lua', '3.0.0')],
  })),
  {
    id: 'plugin.acme.vault.auth_method.default-token',
    breakingChange: 'plugin-acme-auth-method-default',
    introducedIn: '3.0.0',
    edition: 'oss+ee',
    severity: 'info',
    entity: 'plugin',
    plugins: ['acme'],
    when: [{ path: 'config.storage', equals: 'vault' }],
    path: 'config.storage_config.vault.auth_method',
    oldDefault: null,
    newDefault: 'token',
    summary: 'acme\'s Vault storage auth_method defaults to token from 3.0.',
    remediation: 'Set config.storage_config.vault.auth_method explicitly.',
    sources: [digest('plugin-acme-auth-method-default'), deck('convert/rulesets/280-to-340/entrypoint.yaml', 'acme-plugin-check')],
  },
  {
    id: 'plugin.session.read_body_for_logout.default-false',
    breakingChange: 'plugin-session-read-body-for-logout',
    introducedIn: '3.5.0',
    edition: 'oss+ee',
    severity: 'warning',
    entity: 'plugin',
    plugins: ['session'],
    when: [{ path: 'config.logout_methods', includes: 'POST', defaultList: ['POST', 'DELETE'] }],
    path: 'config.read_body_for_logout',
    oldDefault: true,
    newDefault: false,
    summary: 'From 3.5 the session plugin reads logout_post_arg from a POST body only when read_body_for_logout is true.',
    remediation: 'Set config.read_body_for_logout: true if clients log out with a POST body field.',
    sources: [digest('plugin-session-read-body-for-logout'), docs('3.5.0.0 Session Plugin')],
  },
  // 3.14 keeps the value a stored plugin holds ("existing plugins" are unaffected), and Kong writes
  // every default into the row when it creates a plugin, so a database upgraded by `kong
  // migrations` keeps forwarding credentials where the rows say so. Files are what change: Kong
  // fills an unset field with the 3.14 default when it loads a declarative file, and decK fills
  // it from the target's schema before comparing with the stored plugin, so a sync writes true.
  ...AUTH_PLUGINS_314.map((plugin): DefaultChange => ({
    id: `plugin.${plugin}.hide_credentials.default-true`,
    breakingChange: 'plugin-hide-credentials-default-true',
    introducedIn: '3.14.0.0',
    edition: 'ee',
    severity: 'warning',
    entity: 'plugin',
    plugins: [plugin],
    appliesTo: 'declarative',
    path: 'config.hide_credentials',
    oldDefault: false,
    newDefault: true,
    summary: 'Loaded from this file by 3.14 (DB-less, or synced by decK, which fills unset fields from the target\'s schema first), the plugin takes the new default and strips the credential before the request reaches the upstream.',
    remediation: 'Set config.hide_credentials explicitly (false keeps forwarding the credential upstream).',
    sources: [
      digest('plugin-hide-credentials-default-true'), deck('convert/plugin_updates_314.go'),
      { kind: 'repo', ref: 'Kong/developer.konghq.com@bc1cd742:app/gateway/breaking-changes.md (3.14.0.0, Hide credentials by default)', note: 'existing plugins are not affected; new ones get the setting by default' },
      { kind: 'repo', ref: 'Kong/go-database-reconciler@8f5e476:pkg/types/plugin.go', note: 'a sync fills the file\'s plugin with the defaults of the schema the target Kong serves before comparing it with the stored one' },
    ],
  })),
  // The stored side: a row without the field (written by SQL or a tool, not by Kong, which stores
  // every default) is filled with the current default when Kong reads it, so 3.14 reads true.
  ...AUTH_PLUGINS_314.map((plugin): DefaultChange => ({
    id: `plugin.${plugin}.hide_credentials.default-true.row-without-field`,
    breakingChange: 'plugin-hide-credentials-default-true',
    introducedIn: '3.14.0.0',
    edition: 'ee',
    severity: 'warning',
    entity: 'plugin',
    plugins: [plugin],
    appliesTo: 'database',
    path: 'config.hide_credentials',
    oldDefault: false,
    newDefault: true,
    summary: 'Stored plugins keep the hide_credentials value their row holds, but this row holds none, and Kong fills a field missing from a row with the current default when it reads it: from 3.14 the credential is stripped before the request reaches the upstream.',
    remediation: 'Write config.hide_credentials into the plugin (false keeps forwarding the credential upstream), for example with a PATCH before upgrading.',
    sources: [
      digest('plugin-hide-credentials-default-true'),
      { kind: 'repo', ref: 'Kong/developer.konghq.com@bc1cd742:app/gateway/breaking-changes.md (3.14.0.0, Hide credentials by default)', note: 'existing plugins are not affected' },
      repo('kong/db/schema/init.lua', '3.9.3', 'adjust_field_for_context: a field missing on select gets handle_missing_field, the schema default; insert fills every default into the row'),
    ],
  })),
  {
    id: 'plugin.hmac-auth.algorithms.default-no-sha1',
    breakingChange: 'plugin-sha1-defaults-changed',
    introducedIn: '3.14.0.0',
    edition: 'ee',
    severity: 'warning',
    entity: 'plugin',
    plugins: ['hmac-auth'],
    appliesTo: 'declarative',
    path: 'config.algorithms',
    oldDefault: ['hmac-sha1', 'hmac-sha256', 'hmac-sha384', 'hmac-sha512'],
    // 3.14 also added hmac-sha224, and put it in the default.
    newDefault: ['hmac-sha224', 'hmac-sha256', 'hmac-sha384', 'hmac-sha512'],
    summary: 'hmac-auth created from 3.14 no longer accepts hmac-sha1 unless asked.',
    remediation: 'Set config.algorithms explicitly, or move clients to SHA-256.',
    sources: [
      digest('plugin-sha1-defaults-changed'),
      { kind: 'repo', ref: 'Kong/developer.konghq.com@bc1cd742:app/_schemas/gateway/plugins/3.13/HmacAuth.json and 3.14/HmacAuth.json', note: 'algorithms default: sha1/256/384/512 in 3.13; sha224/256/384/512 in 3.14' },
    ],
  },
  // Open source 3.7.0 flipped the default (kong/llm/init.lua@3.6.1 true, @3.7.0 false); the docs
  // file it under 3.8.0.0. Stored rows hold the true Kong wrote at insert, and the 3.7 migration
  // turns it off only where the route type cannot report statistics, so files are what change.
  {
    id: 'plugin.ai-proxy.logging.log_statistics.default-false',
    breakingChange: 'plugin-ai-proxy-log-statistics-default-false',
    introducedIn: '3.7.0',
    sourceSince: '3.6.0',
    edition: 'oss+ee',
    severity: 'info',
    entity: 'plugin',
    plugins: ['ai-proxy'],
    appliesTo: 'declarative',
    path: 'config.logging.log_statistics',
    oldDefault: true,
    newDefault: false,
    summary: 'ai-proxy stops adding token and usage statistics to the log plugins\' output by default from 3.7 (it did by default in 3.6).',
    remediation: 'Set config.logging.log_statistics: true where logging or analytics read the AI metrics.',
    sources: [
      { kind: 'repo', ref: 'Kong/developer.konghq.com@bc1cd742:app/gateway/breaking-changes.md (3.8.0.0, log_statistics defaults to false for AI Proxy)' },
      repo('kong/llm/init.lua', '3.7.0', 'logging.log_statistics default false; true at 3.6.1'),
      repo('kong/plugins/ai-proxy/migrations/001_360_to_370.lua', '3.7.0', 'stored rows: only llm/v1/completions is turned off'),
    ],
  },
  // The 8 KiB default came with the field: 3.8 for these (kong/plugins/ai-proxy/schema.lua@3.8.0),
  // 3.12 for the MCP plugins, which did not exist before.
  ...([
    ['ai-proxy', '3.8.0'], ['ai-proxy-advanced', '3.8.0'], ['ai-prompt-decorator', '3.8.0'], ['ai-prompt-guard', '3.8.0'],
    ['ai-prompt-template', '3.8.0'], ['ai-request-transformer', '3.8.0'], ['ai-response-transformer', '3.8.0'],
    ['ai-mcp-proxy', '3.12.0.0'], ['ai-mcp-oauth2', '3.12.0.0'],
  ] as const).map(([plugin, since]): DefaultChange => ({
    id: `plugin.${plugin}.max_request_body_size.default-1m`,
    breakingChange: 'plugin-ai-max-request-body-size-default-1m',
    introducedIn: '3.13.0.0',
    sourceSince: since,
    edition: 'ee',
    severity: 'info',
    entity: 'plugin',
    plugins: [plugin],
    // Stored rows hold the 8192 Kong wrote at insert; only configurations loaded from files take the new default.
    appliesTo: 'declarative',
    path: 'config.max_request_body_size',
    oldDefault: 8192,
    newDefault: 1048576,
    summary: 'AI plugins read request bodies up to 1 MiB by default from 3.13 (8 KiB before), so larger prompts that used to be refused now pass.',
    remediation: 'Set config.max_request_body_size explicitly if the 8 KiB cap was relied on.',
    sources: [
      AI_BODY_SIZE_CHANGELOG,
      { kind: 'repo', ref: `Kong/developer.konghq.com@bc1cd742:app/_schemas/gateway/plugins/3.12 and 3.13 (${plugin}: default 8192, then 1048576)` },
    ],
  })),
  // ai-semantic-prompt-guard had no config.max_request_body_size before 3.13: its 8 KiB default
  // sat in config.rules.max_request_body_size from 3.8 to 3.12. 3.13 added the top-level field
  // (1 MiB) and deprecated the rules one, which lost its default. A file that set the rules field
  // keeps a value there; one that set neither goes from 8 KiB to 1 MiB. Stored rows hold the 8192
  // Kong wrote into rules at insert; whether 3.13 reads that deprecated value in place of the new
  // field, no public source says, so rows are left out.
  {
    id: 'plugin.ai-semantic-prompt-guard.max_request_body_size.default-1m',
    breakingChange: 'plugin-ai-max-request-body-size-default-1m',
    introducedIn: '3.13.0.0',
    sourceSince: '3.8.0',
    edition: 'ee',
    severity: 'info',
    entity: 'plugin',
    plugins: ['ai-semantic-prompt-guard'],
    appliesTo: 'declarative',
    when: [{ path: 'config.rules.max_request_body_size', exists: false }],
    path: 'config.max_request_body_size',
    oldDefault: 8192,
    newDefault: 1048576,
    summary: 'ai-semantic-prompt-guard\'s body limit moves in 3.13 from config.rules.max_request_body_size (8 KiB default, now deprecated and without one) to config.max_request_body_size (1 MiB default): with neither set, larger prompts that used to be refused now pass.',
    remediation: 'Set config.max_request_body_size explicitly if the 8 KiB cap was relied on.',
    sources: [
      AI_BODY_SIZE_CHANGELOG,
      { kind: 'changelog', ref: 'Kong/developer.konghq.com@bc1cd742:app/_data/changelogs/gateway.json (3.13.0.0 kong-ee, AI Semantic Prompt Guard)', note: 'config.rules.max_request_body_size deprecated in favour of config.max_request_body_size' },
      { kind: 'repo', ref: 'Kong/developer.konghq.com@bc1cd742:app/_schemas/gateway/plugins/3.8-3.12/AiSemanticPromptGuard.json', note: 'only config.rules.max_request_body_size, default 8192' },
      { kind: 'repo', ref: 'Kong/developer.konghq.com@bc1cd742:app/_schemas/gateway/plugins/3.13/AiSemanticPromptGuard.json', note: 'config.max_request_body_size default 1048576; config.rules.max_request_body_size without a default' },
    ],
  },
  {
    id: 'route.protocols.default-https',
    breakingChange: 'route-default-protocols-https',
    introducedIn: '3.14.0.0',
    edition: 'ee',
    severity: 'warning',
    entity: 'route',
    appliesTo: 'declarative',
    path: 'protocols',
    oldDefault: ['http', 'https'],
    newDefault: ['https'],
    summary: 'Routes created from 3.14 without protocols accept HTTPS only.',
    remediation: 'Set protocols explicitly (["http", "https"] keeps plain HTTP).',
    sources: [digest('route-default-protocols-https'), deck('convert/route_updates_314.go')],
  },
  {
    id: 'service.tls_verify.default-on',
    introducedIn: '3.14.0.0',
    edition: 'ee',
    severity: 'warning',
    entity: 'service',
    when: [{ path: 'protocol', oneOf: ['https', 'tls', 'grpcs', 'wss'] }],
    path: 'tls_verify',
    oldDefault: false,
    newDefault: true,
    pinnable: false,
    // tls_verify stays nullable in 3.14 (api-specs/gateway/admin-ee/3.14/openapi.yaml): an unset
    // field follows tls_certificate_verify, so `off` keeps today's behaviour. Plugin fields below
    // gained a schema default of true instead (_schemas/gateway/plugins/3.14), whatever the switch.
    liftedByConfOff: 'tls_certificate_verify',
    summary: 'With tls_certificate_verify on by default from 3.14, TLS services that leave tls_verify unset start verifying upstream certificates.',
    remediation: 'Give the service its upstream CA (ca_certificates), or pin tls_verify explicitly.',
    sources: [digest('kong-conf-tls-certificate-verify-default-on'), deck('convert/service_updates_314.go')],
  },

  // A Redis partial stands in for a plugin's config.redis (supported_partials, partial.md): redis-ee
  // for the Enterprise plugins, redis-ce for rate-limiting, response-ratelimiting and acme. Its
  // ssl_verify is the Redis record whose default 3.14 turned to true; like the plugin records, it
  // only acts over TLS.
  ...(['redis-ee', 'redis-ce'] as const).map((type): DefaultChange => ({
    id: `partial.${type}.ssl_verify.default-on`,
    breakingChange: 'plugin-ssl-verify-false-3-14',
    introducedIn: '3.14.0.0',
    edition: 'ee',
    severity: 'warning',
    entity: 'partial',
    when: [{ path: 'type', equals: type }, { path: 'config.ssl', equals: true }],
    appliesTo: 'declarative',
    path: 'config.ssl_verify',
    oldDefault: false,
    newDefault: true,
    pinnable: false,
    summary: 'From 3.14 a Redis partial over TLS verifies the server certificate unless told otherwise, for every plugin linked to it; turning verification off is refused.',
    remediation: 'Make the Redis server\'s CA trusted (lua_ssl_trusted_certificate) before upgrading.',
    sources: [
      digest('plugin-ssl-verify-false-3-14'),
      { kind: 'repo', ref: 'Kong/developer.konghq.com@bc1cd742:app/_includes/upgrade/tls-verify-314.md', note: 'Redis Partials: ssl_verify among the fields 3.14 changes' },
      { kind: 'repo', ref: 'Kong/developer.konghq.com@bc1cd742:app/_gateway_entities/partial.md', note: 'redis-ce and redis-ee partials fill a plugin\'s config.redis (supported_partials)' },
      { kind: 'repo', ref: 'Kong/developer.konghq.com@bc1cd742:api-specs/gateway/admin-ee/3.13 and 3.14/openapi.yaml', note: 'PartialRedisCe and PartialRedisEe: config.ssl_verify default false in 3.13, true in 3.14' },
      { kind: 'repo', ref: 'Kong/developer.konghq.com@bc1cd742:app/_schemas/gateway/plugins/3.13 and 3.14/RateLimitingAdvanced.json', note: 'config.redis.ssl_verify default false in 3.13, true in 3.14; ssl stays false' },
      repo('kong/enterprise_edition/tools/redis/v2/schema.lua', 'FTI-6378', 'the Enterprise Redis record: ssl and ssl_verify default to false (3.10)'),
    ],
  })),
  // A vectordb partial (Enterprise 3.13+) stands in for an AI plugin's config.vectordb. The 3.14
  // spec turns its pgvector and redis ssl_verify defaults to true, as in the plugins' own records,
  // but the 3.14 list of fields whose false value is refused names Redis partials only
  // (tls-verify-314.md), so only the new default is told here.
  ...(['pgvector', 'redis'] as const).map((backend): DefaultChange => ({
    id: `partial.vectordb.${backend}.ssl_verify.default-on`,
    breakingChange: 'plugin-ssl-verify-false-3-14',
    introducedIn: '3.14.0.0',
    sourceSince: '3.13.0.0',
    edition: 'ee',
    severity: 'warning',
    entity: 'partial',
    when: [{ path: 'type', equals: 'vectordb' }, ...vectordbBackendConditions('config', backend)],
    appliesTo: 'declarative',
    path: `config.${backend}.ssl_verify`,
    oldDefault: false,
    newDefault: true,
    pinnable: false,
    summary: `From 3.14 a vectordb partial whose ${backend} store uses TLS verifies the server certificate unless told otherwise, for every AI plugin linked to it.`,
    remediation: `Make the ${backend} server's CA trusted (lua_ssl_trusted_certificate) before upgrading, or set ssl_verify on the partial explicitly.`,
    sources: [
      { kind: 'repo', ref: 'Kong/developer.konghq.com@bc1cd742:api-specs/gateway/admin-ee/{3.13,3.14}/openapi.yaml#/components/schemas/PartialVectordb', note: 'config.pgvector.ssl_verify and config.redis.ssl_verify default false in 3.13, true in 3.14; their ssl stays false' },
      { kind: 'changelog', ref: 'Kong/developer.konghq.com@bc1cd742:app/_data/changelogs/gateway.json', note: '3.13.0.0 kong-ee: vectordb partials added; 3.14.0.0 kong-ee: vectordb ssl_verify for pgvector on by default' },
      { kind: 'repo', ref: 'Kong/developer.konghq.com@bc1cd742:app/_includes/upgrade/tls-verify-314.md (plugin field table)', note: 'refused false values: the AI plugins\' vectordb fields and Redis partials; vectordb partials are not named' },
    ],
  })),
  ...VERIFY_FIELDS_314.flatMap(([plugin, paths]) => paths
    .filter((path) => !path.includes('[]'))
    .map((path): DefaultChange => {
      const parent = path.split('.').slice(0, -1).join('.');
      return {
        id: `plugin.${plugin}.${path.split('.').slice(1).join('.')}.default-on`,
        breakingChange: 'plugin-ssl-verify-false-3-14',
        introducedIn: '3.14.0.0',
        edition: 'ee',
        severity: 'warning',
        entity: 'plugin',
        plugins: [plugin],
        // decK's 3.10 -> 3.14 convert only touches settings whose enclosing record is present.
        ...verifyFieldConditions(plugin, path, parent),
        appliesTo: 'declarative',
        path,
        oldDefault: false,
        newDefault: true,
        pinnable: false,
        summary: 'From 3.14 plugins verify peer certificates unless told otherwise, and turning verification off is refused.',
        remediation: 'Make the peer\'s CA trusted (lua_ssl_trusted_certificate) before upgrading.',
        sources: [digest('plugin-ssl-verify-false-3-14'), deck('convert/plugin_updates_314.go'), PLUGIN_SCHEMAS_314],
      };
    })),
];
