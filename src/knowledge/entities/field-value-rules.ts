// Values a version refuses (or ignores) that earlier versions accepted. Read by
// rules/entities/field-value-rejected.

import { pluginFieldAliases } from './plugin-field-renames';
import { deck, digest, docs, repo } from './sources';
import type { FieldCondition, FieldPathText, ValueRule } from './types';

// What a stored row of a 3.3 queue plugin meets in 3.4.
const STORED_ROW_READ = repo('kong/db/schema/init.lua', '3.4.0', 'process_auto_fields on select floors numbers of integer fields and validates nothing; DAO:row_to_entity (kong/db/dao/init.lua) only runs it');
const NO_QUEUE_MIGRATION = repo('kong/db/migrations/core/020_330_to_340.lua', '3.4.0', 'no core or plugin migration of 3.4 touches plugin configs (http-log has only 001_280_to_300)');
const STORED_ROW_WRITES = repo('kong/clustering/config_helper.lua', '3.4.0', 'a data plane runs parse_table, which validates, on what the control plane exports; check_update (kong/db/dao/init.lua@3.4.0) validates a PATCH merged into the row');

const QUEUE_PLUGINS = ['http-log', 'statsd', 'opentelemetry', 'datadog', 'zipkin'] as const;
const TLS_PROTOCOLS = ['https', 'tls', 'grpcs', 'wss'] as const;
// tls_certificate_verify = off keeps the pre-3.14 behaviour (tls-verify-314.md; its entry in
// app/_data/kong-conf/3.14.json): entities may still turn verification off.
const TLS_314 = [{ kind: 'docs' as const, ref: 'https://developer.konghq.com/gateway/upgrade/ (3.14 TLS verification: app/_includes/upgrade/tls-verify-314.md)' }];

/** Plugin fields that turn certificate verification off, which 3.14 refuses (tls-verify-314.md). */
export const VERIFY_FIELDS_314: readonly (readonly [string, readonly string[]])[] = [
  ['ace', ['config.rate_limiting.redis.ssl_verify']],
  ['acme', ['config.storage_config.redis.ssl_verify', 'config.storage_config.vault.tls_verify']],
  ['ai-aws-guardrails', ['config.ssl_verify']],
  ['ai-azure-content-safety', ['config.ssl_verify']],
  ['ai-llm-as-judge', ['config.https_verify']],
  ...['ai-proxy-advanced', 'ai-rag-injector', 'ai-semantic-cache', 'ai-semantic-prompt-guard', 'ai-semantic-response-guard']
    .map((p) => [p, ['config.vectordb.pgvector.ssl_verify', 'config.vectordb.redis.ssl_verify']] as const),
  ...['ai-rate-limiting-advanced', 'graphql-proxy-cache-advanced', 'graphql-rate-limiting-advanced', 'proxy-cache-advanced',
    'rate-limiting', 'rate-limiting-advanced', 'response-ratelimiting', 'saml', 'service-protection']
    .map((p) => [p, ['config.redis.ssl_verify']] as const),
  ['aws-lambda', ['config.ssl_verify']],
  ['azure-functions', ['config.https_verify']],
  ['basic-auth', ['config.brute_force_protection.redis.ssl_verify']],
  ...['confluent', 'kafka-log', 'kafka-upstream']
    .map((p) => [p, ['config.security.ssl_verify', 'config.schema_registry.confluent.authentication.oauth2_client.ssl_verify']] as const),
  ...['confluent-consume', 'kafka-consume'].map((p) => [p, [
    'config.security.ssl_verify', 'config.schema_registry.confluent.authentication.oauth2_client.ssl_verify',
    'config.topics[].schema_registry.confluent.authentication.oauth2_client.ssl_verify',
  ]] as const),
  ['datakit', ['config.nodes[].ssl_verify', 'config.resources.cache.redis.ssl_verify']],
  ['forward-proxy', ['config.https_verify']],
  ...['header-cert-auth', 'http-log', 'mtls-auth', 'tcp-log'].map((p) => [p, ['config.ssl_verify']] as const),
  ['jwt-signer', ['config.access_token_endpoints_ssl_verify', 'config.channel_token_endpoints_ssl_verify']],
  ['ldap-auth', ['config.verify_ldap_host']],
  ['ldap-auth-advanced', ['config.verify_ldap_host']],
  ['openid-connect', ['config.ssl_verify', 'config.cluster_cache_redis.ssl_verify', 'config.redis.ssl_verify', 'config.session_memcached_ssl_verify']],
  ['request-callout', ['config.cache.redis.ssl_verify', 'config.callouts[].request.http_opts.ssl_verify']],
  ...['solace-consume', 'solace-log', 'solace-upstream'].map((p) => [p, ['config.session.ssl_validate_certificate']] as const),
  ['upstream-oauth', ['config.client.ssl_verify', 'config.cache.redis.ssl_verify']],
];

// Kong's two Redis modules refuse ssl_verify = false under tls_certificate_verify only when the
// connection uses TLS ("configured to connect to a secure endpoint": gateway.json 3.13.0.0 kong-ee,
// the change that brought the refusal; 3.14 turned the switch on). Every `redis` record of the
// 3.14 list comes from one of them: kong.tools.redis (rate-limiting, response-ratelimiting, acme;
// basic-auth's has its shape) or kong.enterprise_edition.tools.redis.v2 (the others, vectordb too).
const REDIS_REFUSAL_SOURCES = [
  { kind: 'changelog' as const, ref: 'Kong/developer.konghq.com@bc1cd742:app/_data/changelogs/gateway.json (3.13.0.0 kong-ee: tls_certificate_verify in kong.tools.redis and kong.enterprise_edition.tools.redis.v2)', note: 'ssl_verify cannot be turned off when Redis is configured to connect to a secure endpoint' },
  repo('kong/llm/schemas/vectordb.lua', 'FTI-6378', 'the vectordb redis record is kong.enterprise_edition.tools.redis.v2 config_schema'),
  { kind: 'repo' as const, ref: 'Kong/developer.konghq.com@bc1cd742:app/_schemas/gateway/plugins/3.14/*.json', note: 'every redis record keeps ssl defaulting to false' },
];

/** A Redis verification field: the refusal holds only when its record connects over TLS. */
function isRedisVerifyPath(path: FieldPathText): boolean {
  return /(^|\.)redis\.ssl_verify$/.test(path);
}

/**
 * The Redis record of `path` uses TLS: its `ssl` is true, written as the field or as a deprecated
 * flat alias Kong turns into it (`config.redis_ssl` of rate-limiting). Kong applies an alias only
 * over an unset field; a file writing both with different values is not told apart here.
 */
export function redisTlsOn(plugin: string, path: FieldPathText): FieldCondition {
  const ssl = `${path.split('.').slice(0, -1).join('.')}.ssl`;
  const aliases = pluginFieldAliases.get(plugin)?.get(ssl) ?? [];
  if (aliases.length === 0) return { path: ssl, equals: true };
  return { anyOf: [ssl, ...aliases].map((p) => ({ path: p, equals: true })) };
}

/** What every 3.14 refusal of a plugin's `false` verification field shares. */
function pluginVerifyFalse314(plugin: string): Pick<ValueRule, 'breakingChange' | 'introducedIn' | 'edition' | 'severity' | 'entity' | 'plugins' | 'check' | 'liftedByConfOff' | 'expected'> {
  return {
    breakingChange: 'plugin-ssl-verify-false-3-14',
    introducedIn: '3.14.0.0',
    edition: 'ee',
    severity: 'blocker',
    entity: 'plugin',
    plugins: [plugin],
    check: { kind: 'not-equal', value: false },
    liftedByConfOff: 'tls_certificate_verify',
    expected: 'true (verification on, with trusted CA certificates)',
  };
}

export const fieldValueRules: readonly ValueRule[] = [
  {
    id: 'plugin.http-log.headers.single-string',
    breakingChange: 'plugin-http-log-headers-string',
    introducedIn: '3.0.0',
    edition: 'oss+ee',
    severity: 'blocker',
    entity: 'plugin',
    plugins: ['http-log'],
    paths: ['config.headers'],
    check: { kind: 'map-values-are-strings' },
    expected: 'one string per header name',
    databaseMigrated: true,
    summary: 'http-log header values became single strings in 3.0 (a migration joins stored arrays; files with arrays fail validation).',
    remediation: 'Write one string per header name (join several values with ", ").',
    sources: [digest('plugin-http-log-headers-string')],
  },
  {
    id: 'plugin.queue.sizes.integer',
    breakingChange: 'plugin-queue-parameters-stricter',
    introducedIn: '3.4.0',
    edition: 'oss+ee',
    severity: 'blocker',
    entity: 'plugin',
    plugins: QUEUE_PLUGINS,
    paths: ['config.queue.max_batch_size', 'config.queue.max_entries', 'config.queue.max_bytes'],
    check: { kind: 'integer' },
    expected: 'an integer',
    storedRows: 'floored',
    summary: 'Queue sizes are integers from 3.4; fractional values fail validation.',
    remediation: 'Round the value to an integer.',
    sources: [
      digest('plugin-queue-parameters-stricter'), docs('3.4.0.0 Plugin queues'),
      repo('kong/tools/queue_schema.lua', '3.4.0', 'max_batch_size, max_entries and max_bytes become integers (numbers @3.3.1)'),
      STORED_ROW_READ, NO_QUEUE_MIGRATION,
    ],
  },
  {
    id: 'plugin.queue.retry-delays.minimum',
    breakingChange: 'plugin-queue-parameters-stricter',
    introducedIn: '3.4.0',
    edition: 'oss+ee',
    severity: 'blocker',
    entity: 'plugin',
    plugins: QUEUE_PLUGINS,
    paths: ['config.queue.initial_retry_delay', 'config.queue.max_retry_delay'],
    check: { kind: 'at-least', min: 0.001 },
    expected: 'at least 0.001 seconds',
    storedRows: 'kept',
    summary: 'Queue retry delays must be at least 0.001 s from 3.4.',
    remediation: 'Raise the delay to 0.001 or more.',
    sources: [
      digest('plugin-queue-parameters-stricter'),
      repo('kong/tools/queue_schema.lua', '3.4.0', 'initial_retry_delay and max_retry_delay between 0.001 and 1000000 (no bound @3.3.1)'),
      STORED_ROW_READ, NO_QUEUE_MIGRATION, STORED_ROW_WRITES,
    ],
  },
  {
    id: 'plugin.ai-rate-limiting-advanced.window-lists',
    breakingChange: 'plugin-ai-rla-window-arrays',
    introducedIn: '3.10.0.0',
    edition: 'ee',
    severity: 'blocker',
    entity: 'plugin',
    plugins: ['ai-rate-limiting-advanced'],
    paths: ['config.llm_providers[].window_size', 'config.llm_providers[].limit'],
    check: { kind: 'list' },
    expected: 'a list of numbers',
    databaseMigrated: true,
    summary: 'ai-rate-limiting-advanced takes lists for window_size and limit from 3.10 (migrations convert stored rows; scalars in files fail validation).',
    remediation: 'Wrap the number in a list: `window_size: [60]`.',
    sources: [digest('plugin-ai-rla-window-arrays'), docs('3.10.0.0 AI Rate Limiting Advanced plugin')],
  },
  {
    // The check arrived with the default change: kong/llm/init.lua@3.7.0 refuses it, @3.6.1 has no
    // such check; the docs file both under 3.8.0.0. The list of refused pairs stays the one pair up
    // to kong/llm/schemas/init.lua@3.9.3 and FTI-6378 (Enterprise 3.10). ai-proxy-advanced, which
    // shares the schema, came after 3.7, so no path crosses the check with it.
    id: 'plugin.ai-proxy.log_statistics.anthropic-completions.rejected',
    breakingChange: 'plugin-ai-proxy-log-statistics-default-false',
    introducedIn: '3.7.0',
    edition: 'oss+ee',
    severity: 'blocker',
    entity: 'plugin',
    plugins: ['ai-proxy'],
    when: [{ path: 'config.route_type', equals: 'llm/v1/completions' }, { path: 'config.model.provider', equals: 'anthropic' }],
    paths: ['config.logging.log_statistics'],
    check: { kind: 'not-equal', value: true },
    // The 3.7 teardown migration turns it off in stored rows.
    databaseMigrated: true,
    expected: 'false or unset (Anthropic reports no statistics for llm/v1/completions)',
    summary: 'From 3.7 ai-proxy refuses log_statistics for a provider and route type that report no statistics: Anthropic with llm/v1/completions.',
    remediation: 'Drop config.logging.log_statistics (or set it to false), or move the route to llm/v1/chat, which Anthropic reports statistics for.',
    sources: [
      repo('kong/llm/init.lua', '3.7.0', 'custom_entity_check: log_statistics refused when UNSUPPORTED_LOG_STATISTICS lists route_type and model.provider (llm/v1/completions: anthropic); no check at 3.6.1'),
      repo('kong/llm/schemas/init.lua', '3.9.3', 'the same single pair'),
      repo('kong/plugins/ai-proxy/migrations/001_360_to_370.lua', '3.7.0', 'teardown turns stored log_statistics off for anthropic llm/v1/completions'),
      { kind: 'changelog', ref: 'Kong/developer.konghq.com@bc1cd742:app/_data/changelogs/gateway.json', note: '3.8.0.0 kong: validation against log_statistics on providers without statistics, with a migration' },
    ],
  },
  {
    id: 'plugin.ai.route_type.preserve.deprecated',
    breakingChange: 'plugin-ai-deprecated-fields-3-10',
    introducedIn: '3.10.0.0',
    edition: 'ee',
    severity: 'info',
    entity: 'plugin',
    plugins: ['ai-proxy', 'ai-proxy-advanced'],
    // ai-proxy-advanced sets it per target.
    paths: ['config.route_type', 'config.targets[].route_type'],
    check: { kind: 'not-equal', value: 'preserve' },
    stillAccepted: true,
    expected: 'a route type other than preserve (set config.llm_format instead)',
    summary: 'It remains in the route_type list up to 3.15, so nothing fails yet.',
    remediation: 'Use config.llm_format, or a route type added in 3.11.',
    sources: [
      digest('plugin-ai-deprecated-fields-3-10'),
      { kind: 'docs', ref: 'https://developer.konghq.com/plugins/ai-proxy/reference/ (app/_schemas/gateway/plugins/3.15/AiProxy.json, AiProxyAdvanced.json)', note: 'preserve is still in the route_type enum (also 3.10 to 3.14)' },
    ],
  },
  {
    id: 'plugin.datakit.handlebars.removed',
    breakingChange: 'plugin-datakit-handlebars-removed',
    introducedIn: '3.11.0.0',
    edition: 'ee',
    severity: 'warning',
    entity: 'plugin',
    plugins: ['datakit'],
    paths: ['config.nodes[].type'],
    check: { kind: 'not-equal', value: 'handlebars' },
    expected: 'a node type other than handlebars',
    summary: 'datakit no longer supports handlebars nodes from 3.11.',
    remediation: 'Replace the handlebars node (for example with a jq node).',
    sources: [digest('plugin-datakit-handlebars-removed'), docs('3.11.0.0 Datakit plugin')],
  },
  {
    id: 'plugin.aws-lambda.region.required',
    breakingChange: 'plugin-aws-lambda-region-required',
    introducedIn: '3.0.0',
    edition: 'oss+ee',
    severity: 'warning',
    entity: 'plugin',
    plugins: ['aws-lambda'],
    paths: ['config.aws_region'],
    check: { kind: 'set' },
    expected: 'a region (config.aws_region, or AWS_REGION / AWS_DEFAULT_REGION on every node)',
    summary: 'aws-lambda needs a region from 3.0: config.aws_region or the AWS_REGION/AWS_DEFAULT_REGION environment of the node.',
    remediation: 'Set config.aws_region, unless every node exports AWS_REGION or AWS_DEFAULT_REGION.',
    sources: [digest('plugin-aws-lambda-region-required')],
  },
  {
    id: 'service.tls_verify.false.rejected',
    breakingChange: 'service-tls-verify-false',
    introducedIn: '3.14.0.0',
    edition: 'ee',
    severity: 'blocker',
    entity: 'service',
    when: [{ path: 'protocol', oneOf: TLS_PROTOCOLS }],
    paths: ['tls_verify'],
    check: { kind: 'not-equal', value: false },
    liftedByConfOff: 'tls_certificate_verify',
    expected: 'true (with trusted CA certificates)',
    summary: '3.14 refuses services that turn off certificate verification on TLS protocols.',
    remediation: 'Set tls_verify to true and give the service the CA certificates of its upstream.',
    sources: [digest('service-tls-verify-false'), ...TLS_314],
  },
  ...VERIFY_FIELDS_314.filter(([, paths]) => paths.some((p) => !isRedisVerifyPath(p))).map(([plugin, paths]): ValueRule => ({
    ...pluginVerifyFalse314(plugin),
    id: `plugin.${plugin}.verify-false.rejected`,
    paths: paths.filter((p) => !isRedisVerifyPath(p)),
    summary: '3.14 refuses plugin settings that turn certificate verification off.',
    remediation: 'Set the field to true and make the peer\'s CA trusted (lua_ssl_trusted_certificate).',
    sources: [digest('plugin-ssl-verify-false-3-14'), ...TLS_314],
  })),
  // A Redis record that does not use TLS verifies nothing, and 3.14 keeps accepting its false.
  ...VERIFY_FIELDS_314.flatMap(([plugin, paths]) => paths.filter(isRedisVerifyPath).map((path): ValueRule => ({
    ...pluginVerifyFalse314(plugin),
    id: `plugin.${plugin}.${path.split('.').slice(1).join('.')}.false.rejected`,
    when: [redisTlsOn(plugin, path)],
    paths: [path],
    summary: '3.14 refuses a Redis connection over TLS that turns certificate verification off.',
    remediation: 'Set the field to true and make the Redis server\'s CA trusted (lua_ssl_trusted_certificate).',
    sources: [digest('plugin-ssl-verify-false-3-14'), ...TLS_314, ...REDIS_REFUSAL_SOURCES],
  }))),
  // A Redis partial (Enterprise 3.10+, redis-ee or redis-ce) carries the Redis settings plugins
  // link to; the 3.14 list of refused fields names Redis partials beside the plugins
  // (tls-verify-314.md, "Redis Partials"), and partial.md counts both types as Redis partials.
  ...(['redis-ee', 'redis-ce'] as const).map((type): ValueRule => ({
    id: `partial.${type}.ssl_verify.false.rejected`,
    breakingChange: 'plugin-ssl-verify-false-3-14',
    introducedIn: '3.14.0.0',
    edition: 'ee',
    severity: 'blocker',
    entity: 'partial',
    when: [{ path: 'type', equals: type }, { path: 'config.ssl', equals: true }],
    paths: ['config.ssl_verify'],
    check: { kind: 'not-equal', value: false },
    liftedByConfOff: 'tls_certificate_verify',
    expected: 'true (verification on, with trusted CA certificates)',
    summary: '3.14 refuses Redis partials that connect over TLS and turn certificate verification off, and every plugin linked to one.',
    remediation: 'Set ssl_verify to true on the partial and make the Redis server\'s CA trusted (lua_ssl_trusted_certificate).',
    sources: [digest('plugin-ssl-verify-false-3-14'), ...TLS_314, ...REDIS_REFUSAL_SOURCES],
  })),
  ...(['approle_role_id'] as const).map((field): ValueRule => ({
    id: 'vault.hcv.approle.role_id.not-blank',
    breakingChange: 'vault-hcv-approle-validation',
    introducedIn: '3.7.0.0',
    edition: 'ee',
    severity: 'blocker',
    entity: 'vault',
    when: [{ path: 'name', equals: 'hcv' }, { path: 'config.auth_method', equals: 'approle' }],
    paths: [`config.${field}`],
    check: { kind: 'not-blank' },
    expected: 'a non-blank role id',
    summary: 'From 3.7 a HashiCorp Vault entity using AppRole needs a non-blank role_id.',
    remediation: 'Fill in config.approle_role_id.',
    sources: [digest('vault-hcv-approle-validation'), docs('3.7.0.0 Vaults')],
  })),
  {
    // lua-resty-healthcheck has refused counters of 255 since 0.4.1 (2018; Kong bundles 1.5.0 in
    // 2.8, 3.1.0 in 3.9), so such an upstream's health checker already fails on the source; the
    // Enterprise patches refuse the value instead. How (schema, load) is not public: uncertain.
    id: 'upstream.healthchecks.counters.at-most-254',
    breakingChange: 'upstream-healthcheck-counters-at-most-254',
    introducedIn: '3.12.0.11',
    patchReleases: ['3.12.0.11', '3.13.0.10'],
    edition: 'ee',
    severity: 'blocker',
    confidence: 'uncertain',
    entity: 'upstream',
    paths: [
      'healthchecks.active.healthy.successes', 'healthchecks.active.unhealthy.tcp_failures',
      'healthchecks.active.unhealthy.http_failures', 'healthchecks.active.unhealthy.timeouts',
      'healthchecks.passive.healthy.successes', 'healthchecks.passive.unhealthy.tcp_failures',
      'healthchecks.passive.unhealthy.http_failures', 'healthchecks.passive.unhealthy.timeouts',
    ],
    check: { kind: 'at-most', max: 254 },
    expected: 'at most 254',
    storedRows: 'kept',
    summary: 'Enterprise 3.12.0.11 and 3.13.0.10 limit health check counters to 254; a 255 already kept the upstream\'s health checker from being created on every earlier release.',
    remediation: 'Lower the counter to 254 or less (its schema took 0 to 255).',
    sources: [
      { kind: 'changelog', ref: 'Kong/developer.konghq.com@bc1cd742:app/_data/changelogs/gateway.json (3.12.0.11 and 3.13.0.10, kong-ee bugfix, Core: counter of 255 crashed health checker creation; successes, tcp_failures, timeouts, http_failures limited to 254)' },
      repo('kong/db/schema/entities/upstreams.lua', '3.9.3', 'the eight counters are one_byte_integer, between 0 and 255'),
      { kind: 'repo', ref: 'Kong/lua-resty-healthcheck:lib/resty/healthcheck.lua@3.1.2', note: 'new() asserts each active/passive counter is below 255 (since 0.4.1, commit fbff8f7)' },
      repo('kong/runloop/balancer/balancers.lua', '3.9.3', 'create_balancer calls create_healthchecker without protecting against an error raised inside it'),
    ],
  },
  {
    id: 'workspace.name.reserved',
    breakingChange: 'ee-workspace-name-reserved',
    introducedIn: '3.15.0.0',
    edition: 'ee',
    severity: 'blocker',
    entity: 'workspace',
    paths: ['name'],
    check: {
      kind: 'not-one-of',
      values: ['services', 'routes', 'plugins', 'consumers', 'certificates', 'ca_certificates', 'snis', 'upstreams', 'targets',
        'status', 'schemas', 'config', 'licenses', 'workspaces', 'vaults', 'keys', 'key-sets', 'partials', 'consumer_groups',
        'endpoints', 'metrics', 'clustering', 'tags', 'timers', 'debug', 'rbac', 'admins', 'groups', 'event-hooks', 'filter-chains'],
    },
    expected: 'a name that is not a top-level Admin API segment',
    summary: '3.15 refuses workspace names equal to a top-level Admin API path segment and aborts start and migrations.',
    remediation: 'Rename the workspace before upgrading, and the `_workspace` of the decK files that name it.',
    confidence: 'uncertain',
    sources: [
      digest('ee-workspace-name-reserved'), docs('3.15.0.0 Workspace names'),
      deck('cmd/gateway_sync.go', 'a state file\'s _workspace names the workspace its entities are synced into'),
    ],
  },
];
