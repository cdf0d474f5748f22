// Flags custom plugins whose name the target starts bundling (`redirect` in 3.9, `ai-proxy` in
// 3.6...): two modules then answer to one name, whichever comes first on lua_package_path wins,
// and stored plugin entities may be validated against the wrong schema. A plugin-server plugin
// (Go, JavaScript, Python) always loses: Kong requires kong.plugins.<name>.handler first and asks
// its plugin servers only when no Lua module answers (kong/db/dao/plugins.lua load_plugin_handler,
// 2.3.0 to 3.9.3).

import { defineRule } from '../../src/engine/define-rule';
import type { Origin } from '../../src/model/origin';
import { enabledPlugins } from '../../src/inputs/plugins/enabled-list';
import type { PluginLanguage } from '../../src/inputs/plugins/types';
import { bundledPlugins } from '../../src/knowledge/plugins/bundled';
import { pluginFacts } from '../../src/knowledge/plugins/facts';

const FACT = pluginFacts.bundledNameClash;
const LANGUAGE_LABEL: Record<Exclude<PluginLanguage, 'lua'>, string> = { go: 'Go', javascript: 'JavaScript', python: 'Python' };

export default defineRule<'newClash' | 'existingShadow' | 'newClashServer' | 'existingShadowedServer'>({
  id: 'plugins/custom-name-clash',
  description: 'Flags custom plugins whose name collides with a plugin the target version bundles.',
  severity: 'warning',
  inputs: [],
  // The names come from the --plugin-dir plugins, from kong.conf's `plugins`, or from both.
  anyInputs: ['kongConf', 'customPlugins'],
  messages: {
    newClash: 'custom plugin {{name}} has the name of a plugin bundled from Kong {{to}} ({{basis}}); the two modules collide on lua_package_path.',
    existingShadow: 'custom plugin {{name}} shadows the bundled plugin of the same name; it keeps doing so on {{to}}.',
    newClashServer: '{{language}} plugin {{name}} has the name of a plugin bundled from Kong {{to}} ({{basis}}); Kong loads a bundled Lua plugin before it asks its plugin servers, so from then on the bundled {{name}} runs instead, and stored entities are validated against its schema.',
    existingShadowedServer: '{{language}} plugin {{name}} has the name of a plugin Kong {{from}} already bundles; Kong loads the bundled Lua plugin before it asks its plugin servers, so this plugin does not run, before or after the upgrade.',
  },
  remediation: 'Rename the custom plugin (new folder name, migrate its plugin entities) or drop it in favour of the bundled one before the upgrade.',
  docsUrl: FACT.docsUrl,
  sources: [...FACT.sources, { kind: 'repo', ref: 'Kong/kong:kong/db/dao/plugins.lua@3.9.3', note: 'load_plugin_handler: kong.plugins.<name>.handler first, then Wasm (3.9), then plugin servers (same order from 2.3.0)' }],
  check(ctx) {
    const { from, to, edition } = ctx.plan;
    const atSource = bundledPlugins(from, edition);
    const atTarget = bundledPlugins(to, edition);
    const custom = new Map<string, { origin: Origin; language?: PluginLanguage }>();
    for (const plugin of ctx.optionalInput('customPlugins')?.plugins ?? []) custom.set(plugin.name, { origin: plugin.origin, language: plugin.language });
    // Names enabled explicitly that the source does not bundle are custom plugins too.
    const conf = ctx.optionalInput('kongConf');
    for (const entry of conf ? enabledPlugins(conf).explicit : []) {
      if (!atSource.names.has(entry.name) && !custom.has(entry.name)) custom.set(entry.name, { origin: entry.origin });
    }
    for (const [name, { origin, language }] of custom) {
      if (!atTarget.names.has(name)) continue;
      const isNew = !atSource.names.has(name);
      const server = language !== undefined && language !== 'lua';
      ctx.report({
        messageId: server ? (isNew ? 'newClashServer' : 'existingShadowedServer') : (isNew ? 'newClash' : 'existingShadow'),
        severity: isNew ? 'warning' : 'info',
        at: origin,
        ...(server ? { remediation: 'Rename the plugin-server plugin (its executable, or its Name export, and its pluginserver_names entry) and migrate its plugin entities, or drop it in favour of the bundled one before the upgrade.' } : {}),
        data: {
          name, to: to.toString(), from: from.toString(), language: server ? LANGUAGE_LABEL[language] : '',
          basis: atTarget.basis === 'exact' ? `bundled list of ${atTarget.listedAt}` : 'approximate bundled list',
        },
      });
    }
  },
});
