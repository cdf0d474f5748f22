// Breaking changes that only concern the code of custom plugins: a node whose `plugins` setting
// names bundled plugins only loads none, so src/engine/manual-review.ts sets them aside there
// instead of asking for a review by hand. Changes that serverless code (pre-function,
// post-function, the Lua fields of bundled plugins) can also meet, PDK behaviour
// (kong.request.get_path...), kong.db calls, ngx.var and ngx.ctx fields, TLS through ngx.socket,
// are set aside only when kong.conf also says `untrusted_lua = off`: the serverless sandbox hands
// its code the whole `ngx` and a `kong` that falls back to the real one
// (kong/plugins/pre-function/_handler.lua@3.9.3). Bundled plugins' own behaviour or priorities
// concern every node and are not listed.

import type { FactSource } from '../../model/source';

/**
 * `plugin`: a plugin's own files (schema.lua, handler.lua, daos.lua) or a plugin server's plugin,
 * which Kong loads only for the names in `plugins`.
 * `module`: a Lua module custom code requires. Serverless code can require it too when
 * `untrusted_lua = on`, or when `untrusted_lua_sandbox_requires` lets the sandbox load it.
 * `user-lua`: the PDK, `ngx` or kong.db as any user Lua calls them: custom plugins, and serverless
 * functions and the other Lua fields of bundled plugins, which run unless `untrusted_lua = off`
 * (default `sandbox` since 2.3.0: kong/templates/kong_defaults.lua@2.3.0, @3.9.3, @FTI-6378;
 * `strict` from Enterprise 3.14, where `off` still disallows all such code:
 * developer.konghq.com app/_data/kong-conf/3.14.json@bc1cd742).
 */
export type CustomCodeReach = 'plugin' | 'module' | 'user-lua';

export interface CustomCodeOnlyChange {
  /** The catalogue id (src/knowledge/breaking-changes). */
  id: string;
  reach: CustomCodeReach;
}

/** Kong loads a plugin's files only for the names `plugins` enables, `bundled` standing for its own. */
export const PLUGIN_LOADING_SOURCES: readonly FactSource[] = [
  { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/init.lua@3.9.3', note: 'loaded_plugins is the `plugins` list, `bundled` replaced by the bundled names' },
  { kind: 'repo', ref: 'Kong/kong:kong/init.lua@3.9.3', note: 'load_plugin_schemas(config.loaded_plugins) at start' },
  { kind: 'repo', ref: 'Kong/kong:kong/db/dao/plugins.lua@3.9.3', note: 'load_plugin: kong.plugins.<name>.handler, else a Wasm filter, else a plugin server, for each loaded name only' },
  { kind: 'repo', ref: 'Kong/kong:kong/db/dao/plugins.lua@FTI-6378', note: 'Enterprise 3.10: plugins stored in the custom_plugins table load besides, when custom_plugins_enabled is on (default off)' },
];

/** The serverless sandbox requires only the modules `untrusted_lua_sandbox_requires` names; `on` lifts the sandbox. */
export const SANDBOX_SOURCES: readonly FactSource[] = [
  { kind: 'repo', ref: 'Kong/kong:kong/tools/sandbox.lua@3.9.3', note: 'the sandbox require refuses modules not in untrusted_lua_sandbox_requires; untrusted_lua = on loads code without the sandbox; off refuses all user code (enabled = untrusted_lua ~= off)' },
  { kind: 'repo', ref: 'Kong/kong:kong/tools/sandbox/init.lua@FTI-6378', note: 'Enterprise 3.10: the same on/off/sandbox test' },
  { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/init.lua@2.3.0', note: 'untrusted_lua enum on, off, sandbox (first release with it; default sandbox in kong_defaults.lua)' },
  { kind: 'repo', ref: 'Kong/developer.konghq.com:app/_data/kong-conf/3.14.json@bc1cd742', note: 'untrusted_lua: off disallows any admin-supplied Lua; strict (the 3.14 default), lax, on and sandbox run it' },
  { kind: 'repo', ref: 'Kong/kong:kong/templates/kong_defaults.lua@3.9.3', note: 'untrusted_lua = sandbox, no sandbox requires, by default (2.8.0 alike)' },
];

export const CUSTOM_CODE_ONLY_CHANGES: readonly CustomCodeOnlyChange[] = [
  // A plugin's schema.lua, handler.lua and daos.lua.
  { id: 'pdk-schema-shorthands-deprecated', reach: 'plugin' },
  { id: 'custom-plugin-shorthands-removed', reach: 'plugin' },
  { id: 'custom-plugin-legacy-attribute-removed', reach: 'plugin' },
  { id: 'custom-plugin-legacy-schema-removed', reach: 'plugin' },
  { id: 'custom-plugin-daos-array', reach: 'plugin' },
  { id: 'custom-plugin-priority-version-required', reach: 'plugin' },
  // Plugin servers run only the plugins `plugins` names (load_plugin asks them last).
  { id: 'custom-plugin-external-raw-body-bytes', reach: 'plugin' },
  // Modules (or libraries) that custom code requires.
  { id: 'custom-plugin-base-plugin-removed', reach: 'module' },
  { id: 'custom-plugin-log-serializer-basic-removed', reach: 'module' },
  { id: 'custom-plugin-singletons-removed', reach: 'module' },
  { id: 'custom-plugin-batch-queue-renamed', reach: 'module' },
  { id: 'custom-plugin-tools-utils-split-3-6', reach: 'module' },
  { id: 'custom-plugin-tools-utils-system-3-7', reach: 'module' },
  { id: 'ee-redis-shared-config-v2', reach: 'module' },
  { id: 'custom-plugin-resty-kafka-deprecated', reach: 'module' },
  // The PDK and ngx as user Lua sees them (Kong/kong:CHANGELOG.md@3.0.0 #8823, #9043, #8607, #8796;
  // developer.konghq.com app/gateway/breaking-changes.md@bc1cd742 3.6.0.0 ngx.var.http_*;
  // app/_includes/upgrade/tls-verify-314.md@bc1cd742). Left out: PDK changes bundled plugins meet
  // through what the operator configures (clear_query_arg under key-auth hide_credentials, a
  // Transfer-Encoding header a transformer sets, kong.response.exit in header_filter).
  { id: 'custom-plugin-get-path-normalized', reach: 'user-lua' },
  { id: 'custom-plugin-ngx-ctx-fields-moved', reach: 'user-lua' },
  { id: 'custom-plugin-process-auto-fields-no-copy', reach: 'user-lua' },
  { id: 'custom-code-ngx-var-http-multi-value', reach: 'user-lua' },
  { id: 'custom-plugin-tls-verification-3-14', reach: 'user-lua' },
];
