// Flags `require` of a Kong module that the target no longer ships (kong.plugins.base_plugin,
// kong.singletons, kong.plugins.log-serializers.basic, kong.tools.batch_queue...): the plugin
// fails to load and Kong refuses to start.

import { defineRule } from '../../src/engine/define-rule';
import { tokenOrigin } from '../../src/inputs/plugins/origin';
import { luaFilesOf, requiresOf } from '../../src/inputs/plugins/query';
import { pluginFacts } from '../../src/knowledge/plugins/facts';
import { moduleDeprecation } from '../../src/knowledge/plugins/lua-api';
import { curatedRemovals, moduleRemovalOnPath, MODULE_INVENTORY_SOURCE } from '../../src/knowledge/plugins/lua-modules';

export default defineRule<'curatedRemoval' | 'moduleRemoved' | 'moduleDeprecated'>({
  id: 'plugins/removed-module',
  description: 'Flags custom plugin code that requires a Kong Lua module the target version no longer ships.',
  severity: 'blocker',
  versionData: ['since', 'removedIn'],
  catalog: ['custom-plugin-base-plugin-removed', 'custom-plugin-log-serializer-basic-removed', 'custom-plugin-singletons-removed', 'custom-plugin-batch-queue-renamed', 'ee-redis-shared-config-v2', 'custom-plugin-resty-kafka-deprecated'],
  inputs: ['customPlugins'],
  messages: {
    curatedRemoval: '{{plugin}}: `require "{{module}}"` fails from Kong {{removedIn}}, which removed the module; {{replacement}}.',
    moduleRemoved: '{{plugin}}: `require "{{module}}"` fails from Kong {{removedIn}}, which no longer ships that module.',
    moduleDeprecated: '{{plugin}}: `require "{{module}}"` uses a module deprecated in {{since}}; move to {{replacement}}.',
  },
  remediation: 'Replace the module with its successor (see the message) and test the plugin on the target version before the upgrade.',
  docsUrl: pluginFacts.basePluginRemoved.docsUrl,
  sources: [MODULE_INVENTORY_SOURCE, ...curatedRemovals.flatMap((c) => c.sources)],
  check(ctx) {
    const { from, to, edition } = ctx.plan;
    for (const { plugin, file } of luaFilesOf(ctx.input('customPlugins'))) {
      // The plugin's own modules resolve to its own files, whatever Kong ships under that name.
      const own = `kong.plugins.${plugin.name}`;
      for (const call of requiresOf(file)) {
        if (call.module === own || call.module.startsWith(`${own}.`)) continue;
        const removal = moduleRemovalOnPath(call.module, from, to);
        if (removal) {
          const data = { plugin: plugin.name, module: call.module, removedIn: removal.removedIn.toString() };
          if (removal.curated) {
            ctx.report({ messageId: 'curatedRemoval', at: tokenOrigin(file, call.at), since: removal.removedIn,
              data: { ...data, replacement: removal.curated.replacement } });
          } else {
            ctx.report({ messageId: 'moduleRemoved', at: tokenOrigin(file, call.at), since: removal.removedIn, data });
          }
          continue;
        }
        const deprecated = moduleDeprecation(call.module);
        if (deprecated && ctx.crosses(deprecated.introducedIn) && (deprecated.edition !== 'ee' || edition === 'enterprise')) {
          ctx.report({ messageId: 'moduleDeprecated', severity: deprecated.severity, at: tokenOrigin(file, call.at),
            since: deprecated.introducedIn,
            data: { plugin: plugin.name, module: call.module, since: deprecated.introducedIn, replacement: deprecated.replacement } });
        }
      }
    }
  },
});
