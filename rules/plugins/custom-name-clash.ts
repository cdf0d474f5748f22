// Flags custom plugins whose name the target starts bundling (`redirect` in 3.9, `ai-proxy` in
// 3.6...): two modules then answer to one name, whichever comes first on lua_package_path wins,
// and stored plugin entities may be validated against the wrong schema.

import { defineRule } from '../../src/engine/define-rule';
import type { Origin } from '../../src/model/origin';
import { enabledPlugins } from '../../src/inputs/plugins/enabled-list';
import { bundledPlugins } from '../../src/knowledge/plugins/bundled';
import { pluginFacts } from '../../src/knowledge/plugins/facts';

const FACT = pluginFacts.bundledNameClash;

export default defineRule<'newClash' | 'existingShadow'>({
  id: 'plugins/custom-name-clash',
  description: 'Flags custom plugins whose name collides with a plugin the target version bundles.',
  severity: 'warning',
  inputs: [],
  // The names come from the --plugin-dir plugins, from kong.conf's `plugins`, or from both.
  anyInputs: ['kongConf', 'customPlugins'],
  messages: {
    newClash: 'custom plugin {{name}} has the name of a plugin bundled from Kong {{to}} ({{basis}}); the two modules collide on lua_package_path.',
    existingShadow: 'custom plugin {{name}} shadows the bundled plugin of the same name; it keeps doing so on {{to}}.',
  },
  remediation: 'Rename the custom plugin (new folder name, migrate its plugin entities) or drop it in favour of the bundled one before the upgrade.',
  docsUrl: FACT.docsUrl,
  sources: FACT.sources,
  check(ctx) {
    const { from, to, edition } = ctx.plan;
    const atSource = bundledPlugins(from, edition);
    const atTarget = bundledPlugins(to, edition);
    const custom = new Map<string, Origin>();
    for (const plugin of ctx.optionalInput('customPlugins')?.plugins ?? []) custom.set(plugin.name, plugin.origin);
    // Names enabled explicitly that the source does not bundle are custom plugins too.
    const conf = ctx.optionalInput('kongConf');
    for (const entry of conf ? enabledPlugins(conf).explicit : []) {
      if (!atSource.names.has(entry.name) && !custom.has(entry.name)) custom.set(entry.name, entry.origin);
    }
    for (const [name, origin] of custom) {
      if (!atTarget.names.has(name)) continue;
      const isNew = !atSource.names.has(name);
      ctx.report({
        messageId: isNew ? 'newClash' : 'existingShadow',
        severity: isNew ? 'warning' : 'info',
        at: origin,
        data: { name, to: to.toString(), basis: atTarget.basis === 'exact' ? `bundled list of ${atTarget.listedAt}` : 'approximate bundled list' },
      });
    }
  },
});
