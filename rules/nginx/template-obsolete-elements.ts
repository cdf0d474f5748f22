// Finds elements of a custom template that the target Kong no longer supports: removed handler
// aliases (`Kong.serve_admin_api`, 3.0), renamed injection lists, placeholders of removed or
// list-valued properties, sockets under the prefix (3.8), and shared dicts nothing uses any more.

import { defineRule } from '../../src/engine/define-rule';
import { carriesScope, findElement, findOccurrences, inStreamContent } from '../../src/inputs/nginx/query';
import { NGINX_TEMPLATE_DOCS, OBSOLETE_DICTS, TEMPLATE_OBSOLETE } from '../../src/knowledge/nginx-template-changes';
import { KongVersion } from '../../src/version/kong-version';
import { conditionNote, copyNote, evaluate, originAt, severityFor, severityIn } from './template-utils';

export default defineRule<'obsolete' | 'unusedDict'>({
  id: 'nginx/template-obsolete-elements',
  description: 'Finds handler calls, injection loops, placeholders, sockets and shared dicts in a custom template that the target Kong dropped.',
  severity: 'blocker',
  versionData: ['since'],
  catalog: ['nginx-template-3-0-worker-events-and-handlers', 'nginx-template-serve-admin-api-removed', 'nginx-template-cluster-listener-3-2', 'nginx-template-3-4-inject-and-secrets-dict'],
  inputs: ['nginxTemplates'],
  messages: {
    obsolete: '{{element}} is gone from Kong {{since}}: {{consequence}}{{note}}.',
    unusedDict: '`lua_shared_dict {{dict}}` is unused from Kong {{since}}: it only takes memory.',
  },
  remediation: 'Replace the element as the target version\'s stock template does, then re-run the check.',
  docsUrl: NGINX_TEMPLATE_DOCS,
  sources: [...new Map([...TEMPLATE_OBSOLETE, ...OBSOLETE_DICTS].flatMap((r) => r.sources).map((s) => [s.ref, s])).values()],
  check(ctx) {
    const conf = ctx.optionalInput('kongConf');
    for (const template of ctx.input('nginxTemplates')) {
      for (const fact of TEMPLATE_OBSOLETE) {
        if (ctx.plan.to.lt(KongVersion.parse(fact.introducedIn)) || !carriesScope(template, fact.scope)) continue;
        // Every occurrence: a stream copy listens on several sockets, each needing its own fix.
        for (const occurrence of findOccurrences(template, fact.probe, fact.scope === 'main' ? 'any' : fact.scope)) {
          const condition = fact.appliesWhenInStream && inStreamContent(template, occurrence) ? fact.appliesWhenInStream : fact.appliesWhen;
          const verdict = evaluate(condition, ctx.plan, conf);
          if (verdict.holds === 'no') continue;
          ctx.report({
            messageId: 'obsolete',
            at: originAt(template, occurrence.at),
            severity: severityIn(template, severityFor(fact.severity, verdict)),
            since: ctx.crosses(fact.introducedIn) ? fact.introducedIn : undefined,
            data: { element: fact.element, since: fact.introducedIn, consequence: fact.consequence, note: conditionNote(verdict) + copyNote(template), fact: fact.id },
            ...(fact.replacement ? { remediation: `Use ${fact.replacement} instead (the target's stock template shows the form).` } : {}),
          });
        }
      }
      for (const dict of OBSOLETE_DICTS) {
        if (ctx.plan.to.lt(KongVersion.parse(dict.removedIn))) continue;
        for (const name of [dict.name, `stream_${dict.name}`]) {
          const at = findElement(template, { kind: 'dict', name });
          if (!at) continue;
          ctx.report({
            messageId: 'unusedDict', severity: 'info', at: originAt(template, at),
            since: ctx.crosses(dict.removedIn) ? dict.removedIn : undefined,
            data: { dict: name, since: dict.removedIn },
            remediation: `Remove \`lua_shared_dict ${name}\`.`,
          });
        }
      }
    }
  },
});
