// Decides whether the node can load any custom plugin at all. Only settings that were read count:
// without them nothing is known, and the custom-plugin entries stay on the review list.

import type { KongConf } from '../kong-conf/types';
import type { PluginUsage } from '../database/types';
import type { Plan } from '../../plan/types';
import { describeOrigin } from '../../model/origin';
import { bundledPlugins, isKnownKongPlugin } from '../../knowledge/plugins/bundled';
import { settingsReadIn } from '../kong-conf/settings-read';
import { enabledPlugins } from './enabled-list';

export interface NoCustomPlugins {
  /** Why no custom plugin can load: `plugins = bundled at kong.conf:12:1: no custom plugin can load`. */
  why: string;
  /**
   * Set when serverless code may still require any module (`untrusted_lua = on`, or sandbox
   * requires listed): changes to modules then stay on the list.
   */
  serverlessRequires?: string;
  /**
   * Set when kong.conf turns user Lua off (`untrusted_lua = off`): serverless functions and the
   * Lua fields of bundled plugins then load no code, so PDK and `ngx` changes concern nothing.
   * Unset, untrusted_lua defaults to `sandbox`, which still runs that code.
   */
  userLuaOff?: string;
}

export interface NoCustomPluginsInput {
  conf?: KongConf;
  /** `--plugin-dir` folders given. */
  pluginDirs: readonly string[];
  /** Custom plugins were found (a folder, or lua_package_path). */
  customPluginsFound: boolean;
  /**
   * An unset `plugins` is Kong's default only when nothing unread can set it: a kong.conf was
   * given, or the node runs Kong's own image, or only KONG_* variables were given. A custom image
   * may bake in its own kong.conf or `ENV KONG_PLUGINS`.
   */
  unsetMeansDefault: boolean;
  /** Plugin names in use in the database, when it was read. */
  databasePlugins?: readonly PluginUsage[];
  plan: Pick<Plan, 'from' | 'edition'>;
}

export function noCustomPluginCanLoad(input: NoCustomPluginsInput): NoCustomPlugins | undefined {
  const { conf, plan } = input;
  if (!conf || input.pluginDirs.length > 0 || input.customPluginsFound) return undefined;
  const setting = conf.get('plugins');
  // Set, but to a value this tool cannot read (a Secret, an empty value): unknown.
  if (!setting && (conf.raw('plugins') || !input.unsetMeansDefault)) return undefined;
  // Enterprise 3.10+ loads plugins stored in the database besides the `plugins` list.
  if (conf.get('custom_plugins_enabled')?.value === 'on') return undefined;
  const bundled = bundledPlugins(plan.from, plan.edition).names;
  // The Enterprise list is approximate (today's docs): a Kong Inc. plugin name is not a custom one.
  const isBundled = (name: string) => bundled.has(name) || (plan.edition === 'enterprise' && isKnownKongPlugin(name));
  if (enabledPlugins(conf).explicit.some((e) => !isBundled(e.name))) return undefined;
  if (input.databasePlugins?.some((usage) => !isBundled(usage.name))) return undefined;
  const said = setting
    ? `plugins = ${setting.value} at ${describeOrigin(setting.origin)}`
    : `plugins is not set in ${settingsReadIn(conf)} (Kong's default: bundled)`;
  const inDatabase = input.databasePlugins ? ', and the database configures only bundled plugins' : '';
  const requires = serverlessRequires(conf);
  const luaOff = userLuaOff(conf);
  return {
    why: `${said}${inDatabase}: no custom plugin can load`,
    ...(requires ? { serverlessRequires: requires } : {}),
    ...(luaOff ? { userLuaOff: luaOff } : {}),
  };
}

/**
 * `untrusted_lua = off` as read: every loader of user Lua (pre-/post-function, the *_by_lua fields
 * of the log plugins, request-transformer templates, Enterprise's exit-transformer and event hooks)
 * goes through kong.tools.sandbox, which then refuses the code (kong/tools/sandbox.lua@3.9.3,
 * kong/tools/sandbox/init.lua@FTI-6378). Lua written into kong.conf's injected nginx directives
 * would still run, so such a directive keeps the changes on the list.
 */
function userLuaOff(conf: KongConf): string | undefined {
  const untrusted = conf.get('untrusted_lua');
  if (untrusted?.value.trim().toLowerCase() !== 'off') return undefined;
  if (conf.settings().some((s) => /^nginx_.*_by_lua/.test(s.key))) return undefined;
  return `untrusted_lua = off at ${describeOrigin(untrusted.origin)}: no serverless function or other user Lua runs`;
}

function serverlessRequires(conf: KongConf): string | undefined {
  const untrusted = conf.get('untrusted_lua');
  if (untrusted?.value === 'on') return `untrusted_lua = on at ${describeOrigin(untrusted.origin)}`;
  const requires = conf.get('untrusted_lua_sandbox_requires');
  if (requires) return `untrusted_lua_sandbox_requires = ${requires.value} at ${describeOrigin(requires.origin)}`;
  // Read at deploy time from somewhere this tool cannot see: the sandbox may allow anything.
  for (const key of ['untrusted_lua', 'untrusted_lua_sandbox_requires']) {
    const hidden = conf.raw(key)?.unreadableFrom;
    if (hidden) return `${key} is read from ${hidden}`;
  }
  return undefined;
}
