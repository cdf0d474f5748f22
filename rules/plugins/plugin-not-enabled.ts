// Notes plugins given with --plugin-dir that kong.conf does not enable: Kong does not load them,
// so their findings describe what will break once they are enabled, not at this upgrade's start-up.

import { defineRule } from '../../src/engine/define-rule';
import { enabledPlugins } from '../../src/inputs/plugins/enabled-list';
import { bundledPlugins } from '../../src/knowledge/plugins/bundled';

export default defineRule<'notEnabled'>({
  id: 'plugins/plugin-not-enabled',
  description: 'Notes custom plugins given with --plugin-dir that the `plugins` property of kong.conf does not enable.',
  severity: 'info',
  inputs: ['customPlugins', 'kongConf'],
  messages: {
    notEnabled: '{{plugin}} is not in `plugins` ({{list}}): Kong does not load it, so its findings matter only once it is enabled.',
  },
  remediation: 'Add the plugin to `plugins` if this node should run it; otherwise its findings can wait until it is enabled.',
  docsUrl: 'https://developer.konghq.com/gateway/configuration/#plugins',
  sources: [{ kind: 'repo', ref: 'Kong/kong:kong/conf_loader/init.lua@3.4.2', note: 'only the names in `plugins` (with `bundled` expanded) are loaded' }],
  check(ctx) {
    const conf = ctx.input('kongConf');
    const listed = enabledPlugins(conf);
    const enabled = new Set([...listed.explicit.map((e) => e.name), ...(listed.includesBundled ? bundledPlugins(ctx.plan.from, ctx.plan.edition).names : [])]);
    const list = listed.setting ? listed.setting.value : 'unset, so only the bundled plugins';
    for (const plugin of ctx.input('customPlugins').plugins) {
      if (enabled.has(plugin.name)) continue;
      ctx.report({ messageId: 'notEnabled', at: listed.setting?.origin ?? plugin.origin, data: { plugin: plugin.name, list } });
    }
  },
});
