// Flags kong.conf settings that run into a known issue of the target release: a bug Kong lists
// for some patch releases and fixes in later ones. Unlike a breaking change, it matters only for
// the version the node ends on, so picking a fixed patch is as good a remedy as changing kong.conf.

import { defineRule } from '../../src/engine/define-rule';
import { allConditionsHold, changesOfKind, knownIssueAffectsTarget, knownIssueFix, printable, ruleCatalog, ruleChanges } from '../../src/knowledge/conf/changes';
import { releaseOnLine } from '../../src/knowledge/enterprise-backports';
import { releaseForEdition } from '../../src/knowledge/releases';

const ID = 'conf/known-issue';

export default defineRule<'knownIssue'>({
  id: ID,
  description: 'Flags settings that hit a known issue of the target release, fixed in a later patch.',
  severity: 'warning',
  versionData: ['since', 'fixedIn'],
  inputs: ['kongConf'],
  changes: ruleChanges(ID),
  catalog: ruleCatalog(ID),
  messages: {
    knownIssue: '`{{key}} = {{value}}` on Kong {{to}} meets a known issue of {{since}}, fixed in {{fixedIn}}: {{note}}',
  },
  remediation: 'Target a patch release that carries the fix, or apply the known issue\'s workaround until then.',
  docsUrl: 'https://developer.konghq.com/gateway/breaking-changes/',
  sources: [{ kind: 'docs', ref: 'https://developer.konghq.com/gateway/breaking-changes/', note: 'known issues per release' }],
  check(ctx) {
    const conf = ctx.input('kongConf');
    const { plan } = ctx;
    for (const issue of changesOfKind('known-issue')) {
      if (!knownIssueAffectsTarget(issue, plan) || !allConditionsHold(conf, issue.when, plan)) continue;
      // The finding sits on the first of the issue's own keys the operator set.
      const setting = (issue.properties ?? []).map((key) => conf.get(key)).find((s) => s !== undefined);
      if (!setting) continue;
      const fix = knownIssueFix(issue, plan.to, plan.edition)?.toString() ?? '';
      ctx.report({
        messageId: 'knownIssue',
        at: setting.origin,
        severity: issue.severity,
        since: plan.to,
        data: {
          key: setting.key,
          value: printable(setting.key, setting.value),
          to: plan.to.toString(),
          // The release that brought the issue to the target's line (a backport, on Enterprise).
          since: releaseOnLine(plan.to, plan.edition, issue.introducedIn, issue.backportedTo),
          fixedIn: fix,
          note: issue.note,
          fact: issue.id,
        },
        remediation: `Target ${releaseForEdition(fix, plan.edition)} or later; until then, ${issue.workaround}.`,
      });
    }
  },
});
