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

/** The kong.conf key prefix Kong builds for a plugin server's settings: dashes become underscores. */
export function pluginserverKeyPrefix(name: string): string {
  return `pluginserver_${name.toLowerCase().replace(/-/g, '_')}`;
}
