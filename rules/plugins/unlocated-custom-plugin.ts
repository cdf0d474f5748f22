// Lists custom plugins enabled in kong.conf whose code was not given: their Lua was not
// checked, and the report should say so rather than look clean. A name that pluginserver_names
// also declares is a plugin server's plugin (Go's embedded servers take the plugin's name): its
// code is not Lua and no lua_package_path holds it. A server named after no enabled plugin is
// one that serves several (go-pluginserver, kong-js-pluginserver and kong-python-pluginserver
// list every plugin of their plugins directory when Kong queries them): an enabled plugin found
// nowhere may be one of those, so it is not called Lua.

import { defineRule } from '../../src/engine/define-rule';
import { enabledPlugins, packagePathRoots, pluginServerNames } from '../../src/inputs/plugins/enabled-list';
import { bundledPlugins, isEnterprisePluginName } from '../../src/knowledge/plugins/bundled';
import { pluginFacts } from '../../src/knowledge/plugins/facts';
import type { CustomPlugin, PluginCopiesNotRead } from '../../src/inputs/plugins/types';

export default defineRule<'notLocated' | 'notLocatedMaybeServed' | 'serverNotGiven'>({
  id: 'plugins/unlocated-custom-plugin',
  description: 'Lists custom plugins enabled in kong.conf whose source was not given with --plugin-dir, copied in by a Dockerfile read, or found on lua_package_path.',
  severity: 'info',
  inputs: ['kongConf'],
  messages: {
    notLocated: 'custom plugin {{name}} is enabled but its code was not found ({{searched}}); its Lua was not checked against Kong {{to}}.',
    notLocatedMaybeServed: 'custom plugin {{name}} is enabled but its code was not found ({{searched}}); it is Lua, or one of the plugins that {{servers}} declared in `pluginserver_names` serves: its code was not checked against Kong {{to}}.',
    serverNotGiven: 'custom plugin {{name}} is enabled and `pluginserver_names` declares a plugin server of that name, but its source was not given ({{searched}}); its Go, JavaScript or Python code was not checked against Kong {{to}}.',
  },
  remediation: 'Pass the plugin\'s folder with --plugin-dir DIR (repeatable) so its code is checked.',
  docsUrl: pluginFacts.priorityVersionRequired.docsUrl,
  sources: [
    { kind: 'docs', ref: 'https://developer.konghq.com/gateway/upgrade/ (review custom plugins against the changelogs)' },
    { kind: 'repo', ref: 'Kong/go-pdk:server/os.go@5f121b44', note: 'getName: an embedded Go plugin server is named after its executable, the plugin name' },
    { kind: 'docs', ref: 'https://developer.konghq.com/custom-plugins/go/', note: 'pluginserver_names = my-plugin with plugins = bundled,my-plugin' },
    { kind: 'repo', ref: 'Kong/kong:kong/runloop/plugin_servers/process.lua@3.9.3', note: 'each server\'s query_cmd output lists the plugins it serves: one server may serve several' },
  ],
  check(ctx) {
    const conf = ctx.input('kongConf');
    const bundled = bundledPlugins(ctx.plan.from, ctx.plan.edition).names;
    const read = ctx.optionalInput('customPlugins')?.plugins ?? [];
    const given = new Set(read.map((p) => p.name));
    const notGiven = notAmong(read.map((p) => p.foundVia));
    const servers = new Set(pluginServerNames(conf));
    const roots = packagePathRoots(conf);
    const searched = [notGiven,
      roots.length > 0 ? `not under kong/plugins/ of ${roots.join(', ')}` : 'no lua_package_path folder to search'].join('; ');
    const enabled = enabledPlugins(conf).explicit;
    // Servers named after none of the enabled plugins: each may serve several of them.
    const multi = [...servers].filter((server) => !enabled.some((e) => e.name.toLowerCase() === server));
    const copies = ctx.optionalInput('pluginCopiesNotRead');
    for (const entry of enabled) {
      if (bundled.has(entry.name) || given.has(entry.name)) continue;
      const copy = copyNote(entry.name, copies);
      const notGivenHere = copy ? `${copy}; ${notGiven}` : notGiven;
      const searchedHere = copy ? `${copy}; ${searched}` : searched;
      // An Enterprise plugin on a node taken for OSS is a wrong edition guess, not a custom plugin.
      if (ctx.plan.edition === 'oss' && isEnterprisePluginName(entry.name)) continue;
      if (servers.has(entry.name.toLowerCase())) {
        ctx.report({
          messageId: 'serverNotGiven', at: entry.origin,
          data: { name: entry.name, searched: notGivenHere, to: ctx.plan.to.toString() },
          remediation: 'Pass the plugin server\'s source folder with --plugin-dir DIR so its version, priority and PDK calls are checked.',
        });
        continue;
      }
      if (multi.length > 0) {
        const named = multi.length === 1 ? `the plugin server ${multi[0]}` : `one of the plugin servers ${multi.join(', ')}`;
        ctx.report({ messageId: 'notLocatedMaybeServed', at: entry.origin, data: { name: entry.name, searched: searchedHere, servers: named, to: ctx.plan.to.toString() } });
        continue;
      }
      const fromChart = copies?.chartObjects?.some((held) => held.plugin === entry.name);
      ctx.report({ messageId: 'notLocated', at: entry.origin, data: { name: entry.name, searched: searchedHere, to: ctx.plan.to.toString() },
        ...(fromChart ? { remediation: 'Pass the manifest that defines the plugin\'s ConfigMap or Secret with --image-file, or the plugin\'s folder with --plugin-dir DIR, so its code is checked.' } : {}) });
    }
  },
});

/** Where the plugins read came from, as the message says a name is not among them. */
function notAmong(vias: readonly CustomPlugin['foundVia'][]): string {
  const dirs = vias.includes('plugin-dir');
  const copied = vias.includes('dockerfile-copy');
  if (copied) return dirs ? 'not among the --plugin-dir plugins or those the Dockerfile copies in' : 'no --plugin-dir given, and not among the plugins the Dockerfile copies in';
  return dirs ? 'not among the --plugin-dir plugins' : 'no --plugin-dir given';
}

/**
 * What the files read say of the plugin when its code was not read: the ConfigMap or Secret Kong's
 * Helm chart mounts as its folder, when no manifest given defines it (or it holds no plugin);
 * else what the Dockerfile read says when its copy was not read: the step installing it
 * copies a source absent here, or copies its folder's contents into kong/plugins/ itself, where
 * Kong cannot load it; else a step filling a whole plugin folder from an absent source may hold it.
 */
function copyNote(name: string, copies: PluginCopiesNotRead | undefined): string | undefined {
  if (!copies) return undefined;
  // Kong's Helm chart mounts the plugin's folder from a ConfigMap or Secret: which one, and why it was not read.
  const chartObject = copies.chartObjects?.find((held) => held.plugin === name);
  if (chartObject) return chartObject.why;
  const absent = copies.absent.find((step) => step.plugin === name);
  if (absent) return `its COPY source is absent here: ${absent.at} copies ${absent.source} to ${absent.destination}`;
  const misplaced = copies.misplaced.find((step) => step.plugin === name);
  if (misplaced) return `${misplaced.at} copies the contents of ${misplaced.source} into ${misplaced.destination} itself rather than into a folder ${name}/ there, so Kong cannot load it`;
  const folder = copies.absent.find((step) => step.plugin === undefined);
  if (folder) return `${folder.at} copies ${folder.source}, absent here, to ${folder.destination}, which may hold it`;
  return undefined;
}
