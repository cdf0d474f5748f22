// Finds elements the target version's stock templates gained that a custom template lacks (the
// worker-events server in 3.0, LMDB directives for DB-less nodes, the wasm block in 3.4, `http2 on`
// in 3.6...): Kong renders the custom file as is, so the element is simply absent at start.

import { defineRule } from '../../src/engine/define-rule';
import { carriesScope, findElement } from '../../src/inputs/nginx/query';
import { NGINX_TEMPLATE_DOCS, TEMPLATE_REQUIREMENTS } from '../../src/knowledge/nginx-template-changes';
import { KongVersion } from '../../src/version/kong-version';
import { anchorFor, conditionNote, copyNote, evaluate, originAt, severityFor, templatesToCheck } from './template-utils';

export default defineRule<'missing'>({
  id: 'nginx/template-missing-elements',
  description: 'Finds elements the target version\'s stock nginx templates require that a custom template lacks.',
  severity: 'blocker',
  versionData: ['since'],
  catalog: ['nginx-template-3-0-worker-events-and-handlers', 'nginx-template-cluster-listener-3-2', 'nginx-template-3-4-inject-and-secrets-dict', 'nginx-template-handler-drift', 'nginx-template-new-dns-client-dict'],
  inputs: ['nginxTemplates'],
  messages: {
    missing: '{{file}} lacks {{element}}, which stock templates have from {{since}}: {{consequence}}{{note}}.',
  },
  remediation: 'Add the element from the target version\'s stock template (kong/templates/ of that release), or rebase the custom template on it and re-apply your customisations.',
  docsUrl: NGINX_TEMPLATE_DOCS,
  sources: [...new Map(TEMPLATE_REQUIREMENTS.flatMap((r) => r.sources).map((s) => [s.ref, s])).values()],
  check(ctx) {
    const conf = ctx.optionalInput('kongConf');
    for (const template of templatesToCheck(ctx.input('nginxTemplates'))) {
      const reported = new Set<string>();
      for (const req of TEMPLATE_REQUIREMENTS) {
        if (ctx.plan.to.lt(KongVersion.parse(req.introducedIn)) || !carriesScope(template, req.scope)) continue;
        const carrier = req.onlyWith ? findElement(template, req.onlyWith, req.scope) : undefined;
        if (req.onlyWith && !carrier) continue;
        const verdict = evaluate(req.appliesWhen, ctx.plan, conf);
        if (verdict.holds === 'no') continue;
        if (req.anyOf.some((probe) => findElement(template, probe, req.scope))) continue;
        if (req.coveredBy && reported.has(req.coveredBy)) continue;
        reported.add(req.id);
        ctx.report({
          messageId: 'missing',
          at: carrier ? originAt(template, carrier) : anchorFor(template, req.scope),
          severity: severityFor(req.severity, verdict),
          since: ctx.crosses(req.introducedIn) ? req.introducedIn : undefined,
          data: {
            file: template.file, element: req.element, since: req.introducedIn, consequence: req.consequence,
            note: conditionNote(verdict) + copyNote(template), fact: req.id, effect: req.effect,
          },
        });
      }
    }
  },
});
