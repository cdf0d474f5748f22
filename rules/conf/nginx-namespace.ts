// Flags injected nginx directives (`nginx_<block>_<directive>` keys) whose namespace a version on
// the path renamed, added or dropped: a renamed prefix lands the directive in the wrong block
// (nginx may refuse to start), a new prefix makes a forgotten key take effect.

import { defineRule } from '../../src/engine/define-rule';
import { confCatalog } from '../../src/knowledge/conf/catalog';
import { allConditionsHold, changeCovers, changeOnPath, changesOfKind, ruleChanges, ruleCatalog } from '../../src/knowledge/conf/changes';

const ID = 'conf/nginx-namespace';

export default defineRule<'namespaceRenamed' | 'namespaceAdded' | 'namespaceRemoved'>({
  id: ID,
  description: 'Flags injected nginx directive keys whose namespace prefix the upgrade path renamed, introduced or removed.',
  severity: 'warning',
  versionData: ['since'],
  inputs: ['kongConf'],
  changes: ruleChanges(ID),
  catalog: ruleCatalog(ID),
  messages: {
    namespaceRenamed: '`{{key}}` uses the prefix `{{prefix}}`, renamed `{{replacement}}` in {{since}}: Kong {{to}} reads it as `{{landsIn}}` directive `{{directive}}`.{{note}}',
    namespaceAdded: '`{{key}}` was ignored until now: from {{since}} the `{{prefix}}` prefix injects it into nginx.{{note}}',
    namespaceRemoved: '`{{key}}` has no effect from {{since}}: the `{{prefix}}` directives are no longer rendered.{{note}}',
  },
  remediation: 'Rename the key to the new prefix, or remove it if the directive is not wanted.',
  docsUrl: 'https://developer.konghq.com/gateway/nginx-directives/',
  sources: [
    { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/constants.lua@3.9.3', note: 'DYNAMIC_KEY_NAMESPACES' },
    { kind: 'changelog', ref: 'Kong/kong:CHANGELOG.md@3.9.3', note: '3.6.0 #11919' },
  ],
  check(ctx) {
    const conf = ctx.input('kongConf');
    const { plan } = ctx;
    const catalog = confCatalog();
    for (const change of changesOfKind('namespace-renamed', 'namespace-added', 'namespace-removed')) {
      if (!changeOnPath(change, plan)) continue;
      for (const setting of conf.settings()) {
        if (!changeCovers(change, setting.key)) continue;
        const prefix = change.prefixes!.find((p) => setting.key.startsWith(p))!;
        const common = { key: setting.key, prefix, since: change.introducedIn, to: plan.to.toString(), note: ` ${change.note}` };
        if (change.kind === 'namespace-renamed') {
          const target = catalog.resolve(setting.key, plan.to, plan.edition);
          const landsIn = target?.kind === 'namespace' ? target.prefix : 'an unknown key: ignored';
          const directive = target?.kind === 'namespace' ? target.directive : setting.key;
          const newKey = change.replacement! + setting.key.slice(prefix.length);
          ctx.report({
            messageId: 'namespaceRenamed',
            at: setting.origin,
            since: change.introducedIn,
            severity: allConditionsHold(conf, change.when, plan) ? change.severity : change.otherwiseSeverity ?? 'info',
            data: { ...common, replacement: change.replacement!, landsIn, directive },
            remediation: `Rename the key to ${newKey}.`,
          });
        } else {
          ctx.report({
            messageId: change.kind === 'namespace-added' ? 'namespaceAdded' : 'namespaceRemoved',
            at: setting.origin,
            since: change.introducedIn,
            severity: change.severity,
            data: common,
          });
        }
      }
    }
  },
});
