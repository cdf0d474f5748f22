// Lists plugin rows whose plugin Kong does not bundle. A custom plugin must be reviewed against
// the changelog and installed on every new node (control and data planes); a row whose plugin is
// not enabled by `plugins =` at all stops Kong from building its plugin iterator.

import { defineRule } from '../../src/engine/define-rule';
import {
  bundledPluginSources, bundledPlugins, enterpriseBundledPluginSources, enterpriseBundledPlugins, newestBundledPlugins,
} from '../../src/knowledge/database';
import { CUSTOM_PLUGINS as FACT } from '../../src/knowledge/database/facts';
import { settingsReadIn } from '../../src/inputs/kong-conf/settings-read';

export default defineRule<'custom' | 'notEnabled' | 'unknownEnablement' | 'enterpriseOrCustom'>({
  id: 'db/custom-plugins',
  description: 'Lists plugins configured in the database that Kong does not bundle, and those the `plugins` setting does not enable.',
  severity: 'warning',
  inputs: ['database'],
  // Only nodes with a database: DB-less nodes and data planes have none.
  gate: { roles: ['traditional', 'control_plane'] },
  messages: {
    custom: 'Custom plugin `{{name}}` is configured in {{rows}} plugin row(s): review it against the changes on the path and install it on the new nodes before they start.',
    notEnabled: 'Plugin `{{name}}` is configured in {{rows}} plugin row(s) ({{enabledRows}} enabled) but is neither bundled nor listed in `plugins` of {{settings}}: Kong cannot build its plugin iterator while such rows exist.',
    unknownEnablement: 'Plugin `{{name}}` ({{rows}} row(s)) is not bundled with Kong; with no settings read (no kong.conf, KONG_* variable or container environment given) it is unknown whether `plugins =` enables it: review it as a custom plugin.',
    enterpriseOrCustom: 'Plugins not bundled with Kong OSS: {{names}}. Review those that are not Kong Enterprise plugins as custom plugins.',
  },
  remediation: 'For each custom plugin: check its code against the breaking changes on the path, install a compatible version on every new node (control plane first in hybrid mode) and keep it in `plugins =`. Delete plugin rows of plugins no longer used.',
  docsUrl: FACT.docsUrl,
  sources: [...FACT.sources, ...bundledPluginSources, ...enterpriseBundledPluginSources],
  check(ctx) {
    const db = ctx.input('database');
    const conf = ctx.optionalInput('kongConf');
    const bundled = new Set([
      ...(bundledPlugins(ctx.plan.from) ?? []),
      ...(bundledPlugins(ctx.plan.to) ?? newestBundledPlugins().plugins),
    ]);
    const setting = conf?.get('plugins');
    const listed = (setting?.value ?? 'bundled').split(',').map((p) => p.trim()).filter(Boolean);
    const enterprise = ctx.plan.edition === 'enterprise';
    // Enterprise's own plugins (openid-connect, rate-limiting-advanced, ...) are bundled there.
    if (enterprise) for (const name of enterpriseBundledPlugins()) bundled.add(name);
    const unlistedEnterprise: string[] = [];
    for (const usage of db.pluginUsage) {
      if (bundled.has(usage.name)) continue;
      const at = db.origin('plugins', usage.sampleId, 'name');
      const data = { name: usage.name, rows: usage.rows, enabledRows: usage.enabledRows };
      if (!conf) {
        if (enterprise) unlistedEnterprise.push(usage.name);
        else ctx.report({ messageId: 'unknownEnablement', severity: 'info', at, data });
      } else if (listed.includes(usage.name)) {
        ctx.report({ messageId: 'custom', at, data });
      } else if (enterprise && listed.includes('bundled')) {
        // Enterprise bundles plugins our OSS list does not name: cannot tell them from custom ones.
        unlistedEnterprise.push(usage.name);
      } else {
        ctx.report({ messageId: 'notEnabled', at, data: { ...data, settings: settingsReadIn(conf) } });
      }
    }
    if (unlistedEnterprise.length > 0) {
      ctx.report({
        messageId: 'enterpriseOrCustom', severity: 'info', at: db.origin('plugins', undefined, 'name'),
        data: { names: unlistedEnterprise.join(', ') },
      });
    }
  },
});
