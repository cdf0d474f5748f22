// Reads the `plugins` property the way Kong does: a comma-separated list where `bundled` stands
// for every bundled plugin and `off` for none. Kong's default is `bundled`.

import type { ConfSetting, KongConf } from '../kong-conf/types';
import type { Origin } from '../../model/origin';

export interface EnabledPlugins {
  /** Names written explicitly, in order, without `bundled`/`off`. */
  explicit: { name: string; origin: Origin }[];
  /** True when `bundled` is in the list (or the property is unset: Kong's default). */
  includesBundled: boolean;
  /** The setting, when the user wrote one. */
  setting?: ConfSetting;
}

export function enabledPlugins(conf: KongConf): EnabledPlugins {
  const setting = conf.get('plugins');
  if (!setting) return { explicit: [], includesBundled: true };
  const items = setting.value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (items.length === 1 && items[0] === 'off') return { explicit: [], includesBundled: false, setting };
  return {
    explicit: items.filter((n) => n !== 'bundled' && n !== 'off').map((name) => ({ name, origin: setting.origin })),
    includesBundled: items.includes('bundled'),
    setting,
  };
}

/**
 * The plugin servers kong.conf declares in `pluginserver_names`, lower-cased as Kong reads them
 * (kong/conf_loader/init.lua@3.9.3 and runloop/plugin_servers/process.lua@3.8.1: name:lower()).
 */
export function pluginServerNames(conf: KongConf): string[] {
  const setting = conf.get('pluginserver_names');
  if (!setting) return [];
  return setting.value.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name.length > 0);
}

/** Kong's `prefix` when kong.conf leaves it unset (kong/templates/kong_defaults.lua@3.9.3 line 2, the same in 2.x). */
const DEFAULT_PREFIX = '/usr/local/kong/';

/**
 * The folders that `lua_package_path` templates point at (`/opt/custom/?.lua` -> `/opt/custom`).
 * `$prefix` and `${prefix}` stand for nginx's prefix (lua-nginx-module expands them in
 * lua_package_path, openresty/lua-nginx-module t/074-prefix-var.t), which is Kong's `prefix`:
 * `kong start` runs nginx with `-p` set to it (kong/cmd/utils/nginx_signals.lua@3.9.3 line 169).
 */
export function packagePathRoots(conf: KongConf): string[] {
  const setting = conf.get('lua_package_path');
  if (!setting) return [];
  const prefix = `${(conf.get('prefix')?.value.trim() || DEFAULT_PREFIX).replace(/\/+$/, '')}/`;
  const roots: string[] = [];
  for (const template of setting.value.split(';')) {
    const t = template.trim().replace(/^\$\{prefix\}|^\$prefix/, prefix).replace(/^\/\/+/, '/').replace(/([^/])\/\/+/g, '$1/');
    // `;;` means Lua's default path; `./?.lua` is relative to nginx's working directory, not to us.
    if (!t || !t.includes('?')) continue;
    const root = t.slice(0, t.indexOf('?')).replace(/\/+$/, '');
    if (root && root !== '.' && !roots.includes(root)) roots.push(root);
  }
  return roots;
}

/**
 * The lua_package_path templates that are relative (`./?.lua`, `lua/?/init.lua`); `$prefix/?.lua`
 * names Kong's prefix instead and is not one of them.
 * Lua opens them relative to the working directory of nginx, which Kong never changes: `kong start`
 * runs `nginx -p PREFIX -c nginx.conf` (Kong/kong:kong/cmd/utils/nginx_signals.lua@3.9.3 line 169)
 * and the image's entrypoint execs the same (build/dockerfiles/entrypoint.sh@3.9.3 lines 68-70);
 * `-p` is only what `$prefix` stands for in the template (lua-nginx-module, lua_package_path), and
 * Kong's nginx templates set no `working_directory`. That directory is the container's or the
 * shell's, so the folders they name are not known here.
 */
export function relativePackagePaths(conf: KongConf): string[] {
  const setting = conf.get('lua_package_path');
  if (!setting) return [];
  const templates = setting.value.split(';').map((t) => t.trim()).filter((t) => t.includes('?') && !t.startsWith('/') && !t.startsWith('$'));
  return [...new Set(templates)];
}
