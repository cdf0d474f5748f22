// Flags settings written under an old property name that a version on the path renamed: says
// the new name and whether Kong still copies the value over to it on the target, or drops it.

import { defineRule } from '../../src/engine/define-rule';
import { confCatalog } from '../../src/knowledge/conf/catalog';
import { allConditionsHold, changeCovers, changeOnPath, changesOfKind, ownedByOtherRule, printable, ruleChanges, ruleCatalog } from '../../src/knowledge/conf/changes';
import { KongVersion } from '../../src/version/kong-version';

const ID = 'conf/renamed-property';

export default defineRule<'renamedCarried' | 'renamedLost' | 'renamedLostSameValue' | 'bothSet' | 'movedIntoKeys'>({
  id: ID,
  description: 'Flags properties set under a name that the upgrade path renamed, saying whether the value still reaches the new property.',
  severity: 'warning',
  versionData: ['since'],
  inputs: ['kongConf'],
  changes: ruleChanges(ID),
  catalog: ruleCatalog(ID),
  messages: {
    renamedCarried: '`{{key}}` was renamed `{{replacement}}` in {{since}}; Kong {{to}} still copies the value over, but the old name is deprecated.{{note}}',
    renamedLost: '`{{key}}` was renamed `{{replacement}}` in {{since}}; Kong {{to}} does not carry `{{key}} = {{value}}` over, so `{{replacement}}` keeps its default ({{replacementDefault}}).{{note}}',
    renamedLostSameValue: '`{{key}}` was renamed `{{replacement}}` in {{since}}; Kong {{to}} ignores this line, but `{{replacement}}` defaults to the same value ({{replacementDefault}}), so nothing changes: remove the line.',
    bothSet: '`{{key}}` and its new name `{{replacement}}` are both set: Kong uses `{{replacement}}` and ignores this line.',
    movedIntoKeys: '`{{key}}` is no longer read from {{since}}: its settings belong inside `{{replacement}}` as `{{prefix}}*` keys (for example `{{prefix}}secret`); settings left here are lost.{{note}}',
  },
  remediation: 'Rename the property to its new name, check the value still means the same there, and remove the old line.',
  docsUrl: 'https://developer.konghq.com/gateway/configuration/',
  sources: [
    { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/constants.lua@3.9.3', note: 'aliases and deprecations' },
    { kind: 'changelog', ref: 'Kong/kong:CHANGELOG.md@3.9.3' },
  ],
  check(ctx) {
    const conf = ctx.input('kongConf');
    const { plan } = ctx;
    const catalog = confCatalog();
    for (const change of changesOfKind('renamed')) {
      if (!changeOnPath(change, plan) || !allConditionsHold(conf, change.when, plan)) continue;
      for (const setting of conf.settings()) {
        if (!changeCovers(change, setting.key) || ownedByOtherRule(setting.key, ID, plan)) continue;
        const key = setting.key;
        const replacement = change.replacement!;
        const aliasGone = change.aliasRemovedIn !== undefined && KongVersion.parse(change.aliasRemovedIn).lte(plan.to);
        const carried = change.valueCarriesOver === true && !aliasGone;
        const since = aliasGone ? change.aliasRemovedIn! : change.introducedIn;
        const common = { key, replacement, since: change.introducedIn, to: plan.to.toString(), note: ` ${change.note}` };
        // Not a rename: the settings go inside the replacement's JSON, which must be kept. No value
        // is shown: both properties hold secrets.
        if (change.movedIntoKeysWithPrefix !== undefined) {
          const prefix = change.movedIntoKeysWithPrefix;
          ctx.report({
            messageId: 'movedIntoKeys', at: setting.origin, since, severity: change.severity, data: { ...common, prefix },
            remediation: `Keep \`${replacement}\` and add each setting of \`${key}\` to it under its \`${prefix}\` name; check the names and defaults against the plugin, then remove ${key}.`,
          });
          continue;
        }
        if (conf.get(replacement)) {
          ctx.report({ messageId: 'bothSet', at: setting.origin, since, severity: 'info', data: common });
          continue;
        }
        const replacementDefault = catalog.property(replacement, plan.to, plan.edition)?.default ?? 'unset';
        // A lost value equal to the new name's default changes nothing (router_consistency = strict).
        const sameAsDefault = !carried && setting.value === replacementDefault;
        ctx.report({
          messageId: carried ? 'renamedCarried' : sameAsDefault ? 'renamedLostSameValue' : 'renamedLost',
          at: setting.origin,
          since,
          severity: carried || sameAsDefault ? 'info' : change.severity,
          data: { ...common, value: printable(key, setting.value), replacementDefault },
          remediation: `Write \`${replacement} = ...\` instead of \`${key}\` (the value may need translating), then remove ${key}.`,
        });
      }
    }
  },
});
