// Lists custom plugins enabled in kong.conf whose code was not given: their Lua was not
// checked, and the report should say so rather than look clean.

import { defineRule } from '../../src/engine/define-rule';
import { enabledPlugins, packagePathRoots } from '../../src/inputs/plugins/enabled-list';
import { bundledPlugins, isEnterprisePluginName } from '../../src/knowledge/plugins/bundled';
import { pluginFacts } from '../../src/knowledge/plugins/facts';

export default defineRule<'notLocated'>({
  id: 'plugins/unlocated-custom-plugin',
  description: 'Lists custom plugins enabled in kong.conf whose source was neither given with --plugin-dir nor found on lua_package_path.',
  severity: 'info',
  inputs: ['kongConf'],
  messages: {
    notLocated: 'custom plugin {{name}} is enabled but its code was not found ({{searched}}); its Lua was not checked against Kong {{to}}.',
  },
  remediation: 'Pass the plugin\'s folder with --plugin-dir DIR (repeatable) so its code is checked.',
  docsUrl: pluginFacts.priorityVersionRequired.docsUrl,
  sources: [{ kind: 'docs', ref: 'https://developer.konghq.com/gateway/upgrade/ (review custom plugins against the changelogs)' }],
  check(ctx) {
    const conf = ctx.input('kongConf');
    const bundled = bundledPlugins(ctx.plan.from, ctx.plan.edition).names;
    const given = new Set((ctx.optionalInput('customPlugins')?.plugins ?? []).map((p) => p.name));
    const roots = packagePathRoots(conf);
    const searched = [given.size > 0 ? 'not among the --plugin-dir plugins' : 'no --plugin-dir given',
      roots.length > 0 ? `not under kong/plugins/ of ${roots.join(', ')}` : 'no lua_package_path folder to search'].join('; ');
    for (const entry of enabledPlugins(conf).explicit) {
      if (bundled.has(entry.name) || given.has(entry.name)) continue;
      // An Enterprise plugin on a node taken for OSS is a wrong edition guess, not a custom plugin.
      if (ctx.plan.edition === 'oss' && isEnterprisePluginName(entry.name)) continue;
      ctx.report({ messageId: 'notLocated', at: entry.origin, data: { name: entry.name, searched, to: ctx.plan.to.toString() } });
    }
  },
});
