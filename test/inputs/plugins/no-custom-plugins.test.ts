// Whether a node can load any custom plugin: only a `plugins` list of bundled names, no
// --plugin-dir, and no plugin row of a custom plugin in the database say it cannot.

import { loadKongConf } from '../../../src/inputs/kong-conf';
import { noCustomPluginCanLoad } from '../../../src/inputs/plugins/no-custom-plugins';
import type { PluginUsage } from '../../../src/inputs/database/types';
import { KongVersion } from '../../../src/version/kong-version';
import { catalogEntry } from '../../../src/knowledge/breaking-changes';
import { CUSTOM_CODE_ONLY_CHANGES } from '../../../src/knowledge/plugins/custom-code-only';

const plan = { from: KongVersion.parse('3.4.0.0'), edition: 'enterprise' as const };
const env = (vars: Record<string, string>) => loadKongConf(undefined, vars);
const row = (name: string): PluginUsage => ({ name, rows: 1, enabledRows: 1, sampleId: 'a1' });
const scope = (vars: Record<string, string>, more: { pluginDirs?: string[]; databasePlugins?: PluginUsage[] } = {}) =>
  noCustomPluginCanLoad({ conf: env(vars), pluginDirs: more.pluginDirs ?? [], customPluginsFound: false, unsetMeansDefault: true, plan, ...(more.databasePlugins ? { databasePlugins: more.databasePlugins } : {}) });

describe('noCustomPluginCanLoad', () => {
  it('names the setting that enables bundled plugins only', () => {
    expect(scope({ KONG_PLUGINS: 'bundled' })?.why).toBe('plugins = bundled at env KONG_PLUGINS: no custom plugin can load');
    // Bundled names listed one by one are no custom plugin either.
    expect(scope({ KONG_PLUGINS: 'key-auth,rate-limiting' })).toBeDefined();
    expect(scope({ KONG_PLUGINS: 'off' })).toBeDefined();
  });

  it('reads an unset `plugins` as Kong\'s default, bundled', () => {
    expect(scope({ KONG_DATABASE: 'off' })?.why).toBe('plugins is not set in the KONG_* environment (Kong\'s default: bundled): no custom plugin can load');
    // A custom image may set it where the check cannot read.
    expect(noCustomPluginCanLoad({ conf: env({ KONG_DATABASE: 'off' }), pluginDirs: [], customPluginsFound: false, unsetMeansDefault: false, plan })).toBeUndefined();
    expect(noCustomPluginCanLoad({ conf: env({ KONG_PLUGINS: 'bundled' }), pluginDirs: [], customPluginsFound: false, unsetMeansDefault: false, plan })).toBeDefined();
  });

  it('knows nothing without settings, and keeps custom plugins in', () => {
    expect(noCustomPluginCanLoad({ pluginDirs: [], customPluginsFound: false, unsetMeansDefault: true, plan })).toBeUndefined();
    expect(scope({ KONG_PLUGINS: 'bundled,my-auth' })).toBeUndefined();
    expect(scope({ KONG_PLUGINS: 'bundled' }, { pluginDirs: ['./plugins'] })).toBeUndefined();
    // Enterprise 3.10 loads plugins stored in the database besides the list.
    expect(scope({ KONG_PLUGINS: 'bundled', KONG_CUSTOM_PLUGINS_ENABLED: 'on' })).toBeUndefined();
  });

  it('trusts the database over the setting when it configures a custom plugin', () => {
    expect(scope({ KONG_PLUGINS: 'bundled' }, { databasePlugins: [row('key-auth'), row('my-auth')] })).toBeUndefined();
    expect(scope({ KONG_PLUGINS: 'bundled' }, { databasePlugins: [row('key-auth'), row('openid-connect')] })?.why)
      .toBe('plugins = bundled at env KONG_PLUGINS, and the database configures only bundled plugins: no custom plugin can load');
  });

  it('says when serverless code may require any module', () => {
    expect(scope({ KONG_PLUGINS: 'bundled' })?.serverlessRequires).toBeUndefined();
    expect(scope({ KONG_PLUGINS: 'bundled', KONG_UNTRUSTED_LUA: 'on' })?.serverlessRequires).toBe('untrusted_lua = on at env KONG_UNTRUSTED_LUA');
    expect(scope({ KONG_PLUGINS: 'bundled', KONG_UNTRUSTED_LUA_SANDBOX_REQUIRES: 'kong.tools.utils' })?.serverlessRequires)
      .toBe('untrusted_lua_sandbox_requires = kong.tools.utils at env KONG_UNTRUSTED_LUA_SANDBOX_REQUIRES');
  });

  // untrusted_lua defaults to sandbox (kong_defaults.lua@2.3.0 to @FTI-6378), which still runs
  // serverless code: only an explicit off rules user Lua out.
  it('says user Lua is off only for an explicit untrusted_lua = off', () => {
    expect(scope({ KONG_PLUGINS: 'bundled', KONG_UNTRUSTED_LUA: 'off' })?.userLuaOff)
      .toBe('untrusted_lua = off at env KONG_UNTRUSTED_LUA: no serverless function or other user Lua runs');
    expect(scope({ KONG_PLUGINS: 'bundled' })?.userLuaOff).toBeUndefined();
    expect(scope({ KONG_PLUGINS: 'bundled', KONG_UNTRUSTED_LUA: 'sandbox' })?.userLuaOff).toBeUndefined();
    expect(scope({ KONG_PLUGINS: 'bundled', KONG_UNTRUSTED_LUA: 'on' })?.userLuaOff).toBeUndefined();
    // Lua in an injected nginx directive runs whatever untrusted_lua says.
    expect(scope({ KONG_PLUGINS: 'bundled', KONG_UNTRUSTED_LUA: 'off', KONG_NGINX_HTTP_INIT_WORKER_BY_LUA_BLOCK: 'ngx.log(ngx.ERR, 1)' })?.userLuaOff).toBeUndefined();
  });
});

describe('CUSTOM_CODE_ONLY_CHANGES', () => {
  it('names catalogue entries about custom plugin code', () => {
    for (const change of CUSTOM_CODE_ONLY_CHANGES) expect([change.id, catalogEntry(change.id)?.artifact]).toEqual([change.id, 'custom-plugin-code']);
  });
});
