// Flags Enterprise products that a version on the path no longer ships (Dev Portal and Vitals in
// 3.5, granular tracing in 3.7, Wasm in 3.11): an enabled product stops working, and its
// leftover settings are ignored.

import { defineRule } from '../../src/engine/define-rule';
import { changeCovers, changeOnPath, changesOfKind, conditionHolds, printable, ruleChanges, ruleCatalog } from '../../src/knowledge/conf/changes';

const ID = 'conf/enterprise-removed';

export default defineRule<'productEnabled' | 'leftover'>({
  id: ID,
  description: 'Flags Enterprise products and their settings that a version on the upgrade path removed (Dev Portal, Vitals, granular tracing, Wasm).',
  severity: 'blocker',
  inputs: ['kongConf'],
  changes: ruleChanges(ID),
  catalog: ruleCatalog(ID),
  gate: { editions: ['enterprise'] },
  messages: {
    productEnabled: '`{{key}} = {{value}}` enables a product that Kong {{since}} no longer ships.{{note}}',
    leftover: '`{{key}}` configures a product that Kong {{since}} no longer ships: the setting is ignored.',
  },
  remediation: 'Plan the replacement before the upgrade (Konnect Dev Portal, Prometheus or OpenTelemetry, Lua plugins), then remove the settings.',
  docsUrl: 'https://developer.konghq.com/gateway/breaking-changes/',
  sources: [{ kind: 'docs', ref: 'https://developer.konghq.com/gateway/breaking-changes/', note: '3.5.0.0, 3.7.0.0, 3.11.0.0' }],
  check(ctx) {
    const conf = ctx.input('kongConf');
    const { plan } = ctx;
    for (const change of changesOfKind('product-removed')) {
      if (!changeOnPath(change, plan)) continue;
      const switchKey = change.switch!.property;
      const enabled = conf.get(switchKey) !== undefined && conditionHolds(conf, change.switch!, plan);
      for (const setting of conf.settings()) {
        if (!changeCovers(change, setting.key)) continue;
        const isSwitch = setting.key === switchKey && enabled;
        ctx.report({
          messageId: isSwitch ? 'productEnabled' : 'leftover',
          at: setting.origin,
          since: change.introducedIn,
          severity: isSwitch ? change.severity : change.leftoverSeverity,
          data: { key: setting.key, value: printable(setting.key, setting.value), since: change.introducedIn, note: ` ${change.note}` },
          remediation: isSwitch ? undefined : `Remove ${setting.key}.`,
        });
      }
    }
  },
});
