// The custom-plugin facts the plugin rules implement, keyed by their id in
// ../shared/kong-facts/breaking-changes.json, re-checked against Kong's code at the cited tags.

import type { PluginFact } from './types';

const BREAKING = 'https://developer.konghq.com/gateway/breaking-changes/';
const UPGRADE = 'https://developer.konghq.com/gateway/upgrade/';
const docs = (ref: string) => ({ kind: 'docs' as const, ref });
const repo = (ref: string, note?: string) => ({ kind: 'repo' as const, ref, ...(note ? { note } : {}) });
const changelog = (ref: string) => ({ kind: 'changelog' as const, ref });

const fact = (f: PluginFact): PluginFact => f;

export const pluginFacts = {
  priorityVersionRequired: fact({
    id: 'custom-plugin-priority-version-required', introducedIn: '3.0.0.0', edition: 'oss+ee',
    severity: 'blocker', confidence: 'high', docsUrl: BREAKING,
    sources: [changelog('Kong/kong:CHANGELOG.md@3.0.0 (Plugins, #8836)'),
      repo('Kong/kong:kong/db/dao/plugins.lua@3.0.0', 'load_plugin_handler refuses a handler without an integer PRIORITY or a version-shaped VERSION')],
  }),
  basePluginRemoved: fact({
    id: 'custom-plugin-base-plugin-removed', introducedIn: '3.0.0.0', edition: 'oss+ee',
    severity: 'blocker', confidence: 'high', docsUrl: BREAKING,
    sources: [repo('Kong/kong:kong/plugins/base_plugin.lua@2.8.0', 'present at 2.8.x, absent at 3.0.0'),
      changelog('Kong/kong:CHANGELOG-OLD.md@3.9.3 (#7961)')],
  }),
  singletonsRemoved: fact({
    id: 'custom-plugin-singletons-removed', introducedIn: '3.0.0.0', edition: 'oss+ee',
    severity: 'blocker', confidence: 'high', docsUrl: BREAKING,
    sources: [changelog('Kong/kong:CHANGELOG.md@3.0.0 (Core, #8874)'), repo('Kong/kong:kong/singletons.lua@2.8.0', 'absent at 3.0.0')],
  }),
  logSerializerRemoved: fact({
    id: 'custom-plugin-log-serializer-basic-removed', introducedIn: '3.0.0.0', edition: 'oss+ee',
    severity: 'blocker', confidence: 'high', docsUrl: BREAKING,
    sources: [changelog('Kong/kong:CHANGELOG.md@3.0.0 (Plugins, #8815)'), repo('Kong/kong:kong/plugins/log-serializers/basic.lua@2.8.0', 'absent at 3.0.0')],
  }),
  batchQueueRenamed: fact({
    id: 'custom-plugin-batch-queue-renamed', introducedIn: '3.3.0.0', edition: 'oss+ee',
    severity: 'blocker', confidence: 'high', docsUrl: BREAKING,
    sources: [changelog('Kong/kong:CHANGELOG.md@3.9.3 (3.3.0, #10172)'), repo('Kong/kong:kong/tools/batch_queue.lua@3.2.2', 'absent at 3.3.0')],
  }),
  migrationHelpersRemoved: fact({
    id: 'custom-plugin-migration-helpers-removed', introducedIn: '3.0.0.0', edition: 'oss+ee',
    severity: 'blocker', confidence: 'high', docsUrl: BREAKING,
    note: 'not an entry of breaking-changes.json: found while checking plugin migrations',
    sources: [changelog('Kong/kong:CHANGELOG.md@3.0.0 (Deprecations, #8781)'), repo('Kong/kong:kong/db/migrations/helpers.lua@2.8.0', 'absent at 3.0.0')],
  }),
  typedefPathsRenamed: fact({
    id: 'custom-plugin-typedef-paths-renamed', introducedIn: '3.0.0.0', edition: 'oss+ee',
    severity: 'blocker', confidence: 'high', docsUrl: BREAKING,
    note: 'not an entry of breaking-changes.json: found in plugins ported to 3.0 (seifchen/kong-path-allow@29aba8c, "support kong3.0")',
    sources: [repo('Kong/kong:kong/db/schema/typedefs.lua@2.8.0', 'typedefs.paths (and no_paths built on it)'),
      repo('Kong/kong:kong/db/schema/typedefs.lua@3.0.0', 'typedefs.router_paths; no typedefs.paths'),
      repo('Kong/kong:kong/db/schema/metaschema.lua@3.0.0', 'each entry of `fields` must hold exactly one key (len_eq = 1)')],
  }),
  migrationCassandraUnknown: fact({
    id: 'custom-plugin-migration-cassandra-unknown', introducedIn: '3.4.0.0', edition: 'oss+ee',
    severity: 'blocker', confidence: 'high', docsUrl: UPGRADE,
    note: 'not an entry of breaking-changes.json: derived from the migration schema',
    sources: [repo('Kong/kong:kong/db/schema/others/migrations.lua@3.4.0', 'the cassandra record is gone from the migration schema (present up to 3.3.x)'),
      repo('Kong/kong:kong/db/migrations/state.lua@3.4.0', 'every migration is validated against that schema; unknown keys fail validation')],
  }),
  toolsUtilsSplit36: fact({
    id: 'custom-plugin-tools-utils-split-3-6', introducedIn: '3.6.0.0', edition: 'oss+ee',
    severity: 'blocker', confidence: 'high', docsUrl: BREAKING,
    sources: [repo('Kong/kong:kong/tools/utils.lua@3.6.0', 'aggregates kong.tools.{table,string,uuid,rand,system,time,ip,http} only; compare 3.5.0')],
  }),
  toolsUtilsSystem37: fact({
    id: 'custom-plugin-tools-utils-system-3-7', introducedIn: '3.7.0.0', edition: 'oss+ee',
    severity: 'blocker', confidence: 'high', docsUrl: BREAKING,
    sources: [repo('Kong/kong:kong/tools/utils.lua@3.7.0', 'kong.tools.system no longer aggregated')],
  }),
  legacySchemaRemoved: fact({
    id: 'custom-plugin-legacy-schema-removed', introducedIn: '3.0.0.0', edition: 'oss+ee',
    severity: 'blocker', confidence: 'high', docsUrl: BREAKING,
    sources: [changelog('Kong/kong:CHANGELOG.md@3.0.0 (Plugins, #8815)'), docs(BREAKING)],
  }),
  legacyAttributeRemoved: fact({
    id: 'custom-plugin-legacy-attribute-removed', introducedIn: '3.0.0.0', edition: 'oss+ee',
    severity: 'blocker', confidence: 'high', docsUrl: BREAKING,
    sources: [changelog('Kong/kong:CHANGELOG.md@3.0.0 (Core, #8958)'), repo('Kong/kong:kong/db/schema/metaschema.lua@3.0.0', 'no `legacy` attribute')],
  }),
  shorthandsRemoved: fact({
    id: 'custom-plugin-shorthands-removed', introducedIn: '3.0.0.0', edition: 'oss+ee',
    severity: 'blocker', confidence: 'high', docsUrl: BREAKING,
    sources: [changelog('Kong/kong:CHANGELOG.md@3.0.0 (Core, #8815)')],
  }),
  shorthandsDeprecated: fact({
    id: 'pdk-schema-shorthands-deprecated', introducedIn: '2.2.0.0', edition: 'oss+ee',
    severity: 'info', confidence: 'high', docsUrl: BREAKING,
    sources: [changelog('Kong/kong:CHANGELOG-OLD.md@3.9.3 (2.2.0 Core, #6364)')],
  }),
  daosArray: fact({
    id: 'custom-plugin-daos-array', introducedIn: '3.0.0.0', edition: 'oss+ee',
    severity: 'blocker', confidence: 'high', docsUrl: BREAKING,
    sources: [changelog('Kong/kong:CHANGELOG.md@3.0.0 (Plugins, #8988)')],
  }),
  credentialUsername: fact({
    id: 'custom-plugin-credential-username-removed', introducedIn: '3.0.0.0', edition: 'oss+ee',
    severity: 'blocker', confidence: 'high', docsUrl: BREAKING,
    sources: [changelog('Kong/kong:CHANGELOG.md@3.0.0 (Configuration, #8815)'), repo('Kong/kong:kong/constants.lua@3.0.0', 'HEADERS.CREDENTIAL_USERNAME gone')],
  }),
  ngxCtxFieldsMoved: fact({
    id: 'custom-plugin-ngx-ctx-fields-moved', introducedIn: '3.0.0.0', edition: 'oss+ee',
    severity: 'warning', confidence: 'high', docsUrl: BREAKING,
    sources: [changelog('Kong/kong:CHANGELOG.md@3.0.0 (#9043, #8607, JWT)')],
  }),
  getPathNormalized: fact({
    id: 'custom-plugin-get-path-normalized', introducedIn: '3.0.0.0', edition: 'oss+ee',
    severity: 'info', confidence: 'high', docsUrl: BREAKING,
    sources: [changelog('Kong/kong:CHANGELOG.md@3.0.0 (PDK, #8823)')],
  }),
  processAutoFieldsNoCopy: fact({
    id: 'custom-plugin-process-auto-fields-no-copy', introducedIn: '3.0.0.0', edition: 'oss+ee',
    severity: 'warning', confidence: 'high', docsUrl: BREAKING,
    sources: [changelog('Kong/kong:CHANGELOG.md@3.0.0 (Core, #8796)')],
  }),
  ngxVarHttpMultiValue: fact({
    id: 'custom-code-ngx-var-http-multi-value', introducedIn: '3.6.0.0', edition: 'oss+ee',
    severity: 'warning', confidence: 'high', docsUrl: BREAKING,
    sources: [docs(BREAKING), repo('Kong/kong:.requirements@3.6.0', 'OpenResty 1.25.3.1')],
  }),
  clearQueryArgEncoding: fact({
    id: 'pdk-clear-query-arg-space-encoding', introducedIn: '3.10.0.0', edition: 'oss+ee',
    severity: 'info', confidence: 'high', docsUrl: BREAKING, sources: [docs(BREAKING)],
  }),
  redisSharedConfigV2: fact({
    id: 'ee-redis-shared-config-v2', introducedIn: '3.8.0.0', edition: 'ee',
    severity: 'warning', confidence: 'high', docsUrl: BREAKING, sources: [docs(BREAKING)],
  }),
  tlsVerification314: fact({
    id: 'custom-plugin-tls-verification-3-14', introducedIn: '3.14.0.0', edition: 'ee',
    severity: 'warning', confidence: 'high', docsUrl: BREAKING,
    sources: [docs('https://developer.konghq.com/gateway/upgrade/ (tls-verify-314 include)')],
  }),
  responseExitHeaderFilter: fact({
    id: 'pdk-response-exit-header-filter', introducedIn: '3.13.0.0', edition: 'ee',
    severity: 'info', confidence: 'high', docsUrl: BREAKING,
    sources: [repo('Kong/developer.konghq.com:app/_data/changelogs/gateway.json@bc1cd742', '3.13.0.0 kong-ee: pdk_response_exit_header_filter_early_exit, default off')],
  }),
  pcre2: fact({
    id: 'platform-pcre2-regex-syntax', introducedIn: '3.7.0.0', edition: 'oss+ee',
    // The platform entry is a blocker for regexes Kong validates itself; inside plugin code a
    // pattern only fails when that code path runs, so plugin findings stay warnings.
    severity: 'warning', confidence: 'high', docsUrl: BREAKING,
    // CHANGELOG.md at 3.7.0 does not hold the 3.7.0 entries yet; they sit in changelog/3.7.0.
    sources: [docs(BREAKING), changelog('Kong/kong:changelog/3.7.0/3.7.0.md@3.7.0 (Dependencies: libpcre 8.45 to libpcre2 10.43)')],
  }),
  externalRawBodyBytes: fact({
    id: 'custom-plugin-external-raw-body-bytes', introducedIn: '3.0.0.0', edition: 'oss+ee',
    severity: 'warning', confidence: 'high', docsUrl: BREAKING,
    sources: [changelog('Kong/kong:CHANGELOG.md@3.0.0 (PDK, #8623)')],
  }),
  goPluginserverRemoved: fact({
    id: 'kong-conf-go-pluginserver-removed', introducedIn: '3.0.0.0', edition: 'oss+ee',
    severity: 'blocker', confidence: 'high', docsUrl: BREAKING,
    sources: [changelog('Kong/kong:CHANGELOG.md@3.0.0 (Deprecations, #8552)'),
      repo('Kong/kong:kong/runloop/plugin_servers/process.lua@3.0.0', 'servers come from pluginserver_names only')],
  }),
  priorityChanges30: fact({
    id: 'plugin-priority-changes-3-0', introducedIn: '3.0.0.0', edition: 'oss+ee',
    severity: 'warning', confidence: 'high', docsUrl: BREAKING,
    sources: [changelog('Kong/kong:CHANGELOG.md@3.0.0 (Plugins)'), docs(BREAKING)],
  }),
  bundledNameClash: fact({
    id: 'custom-plugin-bundled-name-clash', introducedIn: '2.0.0.0', edition: 'oss+ee',
    severity: 'warning', confidence: 'high', docsUrl: UPGRADE,
    note: 'not an entry of breaking-changes.json: follows from the bundled lists per version',
    sources: [repo('Kong/kong:kong/constants.lua', 'bundled plugin list at each tag')],
  }),
} as const;

export type PluginFactKey = keyof typeof pluginFacts;
