// Flags Enterprise products that a version on the path no longer ships (Dev Portal and Vitals in
// 3.5, granular tracing in 3.7, Wasm in 3.11): an enabled product stops working, and its
// leftover settings are ignored. A product on by default (Vitals on Enterprise up to 3.4) is
// enabled without its switch being written, so an unset switch counts too.

import { defineRule } from '../../src/engine/define-rule';
import { changeCovers, changeOnPath, changesOfKind, conditionHolds, printable, ruleChanges, ruleCatalog } from '../../src/knowledge/conf/changes';
import { confCatalog } from '../../src/knowledge/conf/catalog';
import { chartSwitchOf } from '../../src/inputs/helm/conf-layer';
import type { Origin } from '../../src/model/origin';

const ID = 'conf/enterprise-removed';

export default defineRule<'productEnabled' | 'productOnByDefault' | 'leftover'>({
  id: ID,
  description: 'Flags Enterprise products and their settings that a version on the upgrade path removed (Dev Portal, Vitals, granular tracing, Wasm).',
  severity: 'blocker',
  inputs: ['kongConf'],
  changes: ruleChanges(ID),
  catalog: ruleCatalog(ID),
  gate: { editions: ['enterprise'] },
  messages: {
    productEnabled: '`{{key}} = {{value}}`{{via}} enables a product that Kong {{since}} no longer ships.{{note}}',
    productOnByDefault: '`{{key}}` is not set, and Kong Enterprise {{from}} defaults it to `{{value}}`: the product is running, and Kong {{since}} no longer ships it.{{note}}',
    leftover: '`{{key}}`{{via}} configures a product that Kong {{since}} no longer ships: the setting is ignored.',
  },
  remediation: 'Plan what replaces the product before the upgrade, then remove its settings (each finding names the way out for its product).',
  docsUrl: 'https://developer.konghq.com/gateway/breaking-changes/',
  sources: [
    { kind: 'docs', ref: 'https://developer.konghq.com/gateway/breaking-changes/', note: '3.5.0.0, 3.7.0.0, 3.11.0.0' },
    { kind: 'repo', ref: 'Kong/kong:changelog/3.5.0.0/3.5.0.0.md@FTI-6378', note: 'Enterprise 3.5.0.0 changelog: Developer Portal and Vitals support removed, deprecated in 3.4' },
    { kind: 'repo', ref: 'Kong/developer.konghq.com:app/_includes/upgrade/lts-changes-34-310.md@bc1cd742', note: 'separate actions: Enterprise Portal buyers contact Kong Support; Vitals is covered by Konnect observability' },
    { kind: 'docs', ref: 'Kong/developer.konghq.com:app/_data/kong-conf/3.4.json@bc1cd742', note: 'vitals defaults to on (Enterprise 3.4; 2.8 reference likewise)' },
    { kind: 'repo', ref: 'Kong/charts:charts/kong/templates/_helpers.tpl@e76b8003', note: 'enterprise.portal.enabled -> KONG_PORTAL=on; KONG_VITALS=off only when enterprise.vitals.enabled is false' },
  ],
  check(ctx) {
    const conf = ctx.input('kongConf');
    const { plan } = ctx;
    const catalog = confCatalog();
    for (const change of changesOfKind('product-removed')) {
      if (!changeOnPath(change, plan)) continue;
      const switchKey = change.switch!.property;
      const enabled = conf.get(switchKey) !== undefined && conditionHolds(conf, change.switch!, plan);
      for (const setting of conf.settings()) {
        if (!changeCovers(change, setting.key)) continue;
        const isSwitch = setting.key === switchKey && enabled;
        const chart = chartSwitchOf(setting);
        ctx.report({
          messageId: isSwitch ? 'productEnabled' : 'leftover',
          at: setting.origin,
          since: change.introducedIn,
          severity: isSwitch ? change.severity : change.leftoverSeverity,
          data: { key: setting.key, value: printable(setting.key, setting.value), via: chart ? ` (${chart.chartReason})` : '', since: change.introducedIn, note: ` ${change.note}` },
          // Each product has its own way out (a Support contract, another analytics source, Lua plugins).
          remediation: isSwitch ? change.remediation : `Remove ${chart?.chartSwitch ?? setting.key}.`,
        });
      }
      // Unset, the switch takes the source version's default: on for Vitals (Enterprise 2.8-3.4).
      const defaultValue = conf.get(switchKey) === undefined ? catalog.property(switchKey, plan.from, plan.edition)?.default : undefined;
      if (typeof defaultValue === 'string' && change.switch!.in?.includes(defaultValue)) {
        const anchor: Origin = conf.anchor() ?? { kind: 'global', file: conf.file };
        ctx.report({
          messageId: 'productOnByDefault',
          at: anchor,
          since: change.introducedIn,
          // Nobody chose it, and many such nodes never look at its data: a warning, not a blocker.
          severity: change.severity === 'blocker' ? 'warning' : change.severity,
          data: { key: switchKey, value: defaultValue, from: plan.from.toString(), since: change.introducedIn, note: ` ${change.note}` },
          remediation: `Check whether anyone uses ${switchKey} data or its Admin API endpoints; set ${switchKey} = off before the upgrade to confirm nothing depends on it, and plan the replacement.`,
        });
      }
    }
  },
});
