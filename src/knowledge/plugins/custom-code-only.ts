// Breaking changes that only concern the code of custom plugins: a node whose `plugins` setting
// names bundled plugins only loads none, so src/engine/manual-review.ts sets them aside there
// instead of asking for a review by hand. Changes that serverless code (pre-function,
// post-function) can also meet stay out of this list: PDK behaviour (kong.request.get_path,
// kong.response.exit...), kong.db calls, ngx.var and ngx.ctx fields, TLS through ngx.socket
// (custom-plugin-tls-verification-3-14), and bundled plugins' own behaviour or priorities concern
// every node: the serverless sandbox hands its code the whole `ngx` and a `kong` that falls back to
// the real one (kong/plugins/pre-function/_handler.lua@3.9.3).

import type { FactSource } from '../../model/source';

/**
 * `plugin`: a plugin's own files (schema.lua, handler.lua, daos.lua) or a plugin server's plugin,
 * which Kong loads only for the names in `plugins`.
 * `module`: a Lua module custom code requires. Serverless code can require it too when
 * `untrusted_lua = on`, or when `untrusted_lua_sandbox_requires` lets the sandbox load it.
 */
export type CustomCodeReach = 'plugin' | 'module';

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
  { kind: 'repo', ref: 'Kong/kong:kong/tools/sandbox.lua@3.9.3', note: 'the sandbox require refuses modules not in untrusted_lua_sandbox_requires; untrusted_lua = on loads code without the sandbox' },
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
];
