// Kong 3.9.0 moved the plugin-server defaults from the runloop into the kong.conf loader, and
// changed two of them on the way. For each name in `pluginserver_names` without its own setting:
// - query command: up to 3.8, `/usr/local/bin/query_<name>` when that file exists, and a server
//   without one is simply not queried; from 3.9, `/usr/local/bin/<name> -dump` when
//   `/usr/local/bin/<name>` exists, and without either Kong refuses to start
//   ("query_command undefined for pluginserver <name>");
// - socket: up to 3.8 the fixed `/usr/local/kong/<name>.socket`, from 3.9 `<prefix>/<name>.socket`.
// The start command keeps its default (`/usr/local/bin/<name>` when it exists).

import type { FactSource } from '../../model/source';

export const PLUGINSERVER_DEFAULTS_CHANGE = {
  introducedIn: '3.9.0.0',
  /** Where both versions look for a plugin server's executables. */
  binDir: '/usr/local/bin',
  /** The socket folder up to 3.8, whatever the prefix. */
  oldSocketDir: '/usr/local/kong',
  sources: [
    { kind: 'repo', ref: 'Kong/kong:kong/runloop/plugin_servers/process.lua@3.8.1', note: 'get_server_defs: socket /usr/local/kong/<name>.socket, start /usr/local/bin/<name> and query /usr/local/bin/query_<name> when they exist (L59-69)' },
    { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/init.lua@3.9.0', note: 'socket <prefix>/<name>.socket, query "<DEFAULT_PLUGINSERVER_PATH>/<name> -dump", and "query_command undefined for pluginserver" stops the start (L1043-1076)' },
    { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/constants.lua@3.9.0', note: 'DEFAULT_PLUGINSERVER_PATH = /usr/local/bin (L87)' },
  ] satisfies FactSource[],
} as const;

/**
 * From 3.9.0 Kong keeps only the first plugin a plugin server's query command reports: the
 * servers that report every plugin of a folder (go-pluginserver `-dump-all-plugins`,
 * kong-js-pluginserver and kong-python-pluginserver `--dump-all-plugins`) lose all the others,
 * and Kong refuses to start while `plugins` enables one of them. Up to 3.8 every reported plugin
 * was registered. Kong's docs now give each JavaScript plugin its own server.
 */
export const PLUGINSERVER_FIRST_PLUGIN_ONLY = {
  introducedIn: '3.9.0.0',
  /** The flag of the query commands that report a whole folder of plugins. */
  dumpAll: /(^|\s)--?dump-all-plugins(\s|$)/,
  sources: [
    { kind: 'repo', ref: 'Kong/kong:kong/runloop/plugin_servers/process.lua@3.8.1', note: 'load_external_plugins_info registers every entry of the query output (for _, plugin_info in ipairs(infos), L153)' },
    { kind: 'repo', ref: 'Kong/kong:kong/runloop/plugin_servers/process.lua@3.9.0', note: 'query_external_plugin_info keeps (dump.Plugins or dump)[1] only (L68), since f88da7df62 (#12858); unchanged at 3.9.3' },
    { kind: 'repo', ref: 'Kong/kong:kong/db/dao/plugins.lua@3.9.3', note: 'an enabled plugin no Lua module, Wasm filter or plugin server provides: "plugin is enabled but not installed" (L179)' },
    { kind: 'repo', ref: 'Kong/developer.konghq.com@b6e43e4d3:app/custom-plugins/javascript.md', note: 'one pluginserver_names entry per JavaScript plugin, each with its own --plugins-directory (was one `js` server for the folder)' },
  ] satisfies FactSource[],
} as const;

/** The kong.conf key prefix Kong builds for a plugin server's settings: dashes become underscores. */
export function pluginserverKeyPrefix(name: string): string {
  return `pluginserver_${name.toLowerCase().replace(/-/g, '_')}`;
}
