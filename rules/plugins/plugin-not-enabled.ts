// Notes plugins given with --plugin-dir that kong.conf does not enable: Kong does not load them,
// so their findings describe what will break once they are enabled, not at this upgrade's start-up.
// A repository of many plugins of which a node enables a few gets one note naming them all.

import { defineRule } from '../../src/engine/define-rule';
import { enabledPlugins } from '../../src/inputs/plugins/enabled-list';
import { bundledPlugins } from '../../src/knowledge/plugins/bundled';

export default defineRule<'notEnabled' | 'severalNotEnabled'>({
  id: 'plugins/plugin-not-enabled',
  description: 'Notes custom plugins given with --plugin-dir that the `plugins` property of kong.conf does not enable.',
  severity: 'info',
  inputs: ['customPlugins', 'kongConf'],
  messages: {
    notEnabled: '{{plugin}} is not in `plugins` ({{list}}): Kong does not load it, so its findings matter only once it is enabled.',
    severalNotEnabled: '{{count}} of the plugins given are not in `plugins` ({{list}}): {{plugins}}. Kong does not load them, so their findings matter only once they are enabled.',
  },
  remediation: 'Add the plugin to `plugins` if this node should run it; otherwise its findings can wait until it is enabled.',
  docsUrl: 'https://developer.konghq.com/gateway/configuration/#plugins',
  sources: [{ kind: 'repo', ref: 'Kong/kong:kong/conf_loader/init.lua@3.4.2', note: 'only the names in `plugins` (with `bundled` expanded) are loaded' }],
  check(ctx) {
    const conf = ctx.input('kongConf');
    const listed = enabledPlugins(conf);
    const enabled = new Set([...listed.explicit.map((e) => e.name), ...(listed.includesBundled ? bundledPlugins(ctx.plan.from, ctx.plan.edition).names : [])]);
    const list = listed.setting ? listed.setting.value : 'unset, so only the bundled plugins';
    const notEnabled = [...new Set(ctx.input('customPlugins').plugins.filter((p) => !enabled.has(p.name)).map((p) => p.name))];
    if (notEnabled.length === 0) return;
    // Without a `plugins` line, a lone plugin is pointed at itself and a group at kong.conf.
    const first = ctx.input('customPlugins').plugins.find((p) => p.name === notEnabled[0])!;
    const at = listed.setting?.origin ?? (notEnabled.length > 1 ? conf.anchor() : undefined) ?? first.origin;
    if (notEnabled.length === 1) ctx.report({ messageId: 'notEnabled', at, data: { plugin: notEnabled[0], list } });
    else ctx.report({ messageId: 'severalNotEnabled', at, data: { count: notEnabled.length, plugins: notEnabled.join(', '), list } });
  },
});
