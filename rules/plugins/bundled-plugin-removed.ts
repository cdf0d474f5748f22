// Flags names in the `plugins` property that the target no longer bundles (Enterprise removed
// `collector` in 3.0): Kong stops at start-up with "plugin is enabled but not installed".
// Deprecated bundled plugins are reported as a heads-up.

import { defineRule } from '../../src/engine/define-rule';
import { enabledPlugins } from '../../src/inputs/plugins/enabled-list';
import { bundledPluginChanges } from '../../src/knowledge/plugins/lifecycle';

export default defineRule<'removed' | 'deprecated'>({
  id: 'plugins/bundled-plugin-removed',
  description: 'Flags plugins enabled in kong.conf that the target version removed or deprecated.',
  severity: 'blocker',
  inputs: ['kongConf'],
  messages: {
    removed: '`plugins` enables {{name}}, which Kong {{version}} no longer ships; Kong will refuse to start ("enabled but not installed").',
    deprecated: '`plugins` enables {{name}}, deprecated since Kong {{version}}{{replacement}}{{note}}.',
  },
  remediation: 'Remove the plugin from `plugins` (and delete its plugin entities) before the upgrade, or move to its replacement.',
  docsUrl: 'https://developer.konghq.com/gateway/changelog/',
  sources: bundledPluginChanges.flatMap((c) => c.sources),
  check(ctx) {
    const { explicit } = enabledPlugins(ctx.input('kongConf'));
    for (const entry of explicit) {
      for (const change of bundledPluginChanges) {
        if (change.name !== entry.name || !ctx.crosses(change.version)) continue;
        if (change.edition === 'ee' && ctx.plan.edition !== 'enterprise') continue;
        const uncertain = change.confidence === 'uncertain';
        ctx.report({
          messageId: change.change,
          severity: change.change === 'removed' ? (uncertain ? 'warning' : 'blocker') : (uncertain ? 'warning' : 'info'),
          at: entry.origin,
          since: change.version,
          data: {
            name: entry.name,
            version: change.version,
            replacement: change.replacement ? `; ${change.replacement} replaces it` : '',
            note: change.note ? ` (${change.note})` : '',
          },
        });
      }
    }
  },
});
