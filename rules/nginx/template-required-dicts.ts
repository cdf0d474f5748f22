// Finds shared dicts that Kong checks at start-up (kong/constants.lua DICTS) missing from a custom
// template that carries the http or stream content: Kong aborts with "missing shared dict".
// `kong_secrets` (3.4) is the one upgrades usually trip over.

import { defineRule } from '../../src/engine/define-rule';
import { carriesScope, findElement } from '../../src/inputs/nginx/query';
import { ELEMENT_SOURCES, stockElements, stockMinors } from '../../src/knowledge/nginx-templates';
import { NGINX_TEMPLATE_DOCS } from '../../src/knowledge/nginx-template-changes';
import type { KongVersion } from '../../src/version/kong-version';
import { anchorFor, conditionNote, copyNote, evaluate, severityFor, templatesToCheck } from './template-utils';

/** The first researched minor whose start-up check requires `name`. */
function requiredSince(name: string): KongVersion | undefined {
  return stockMinors().find((m) => m.elements.requiredDicts.includes(name))?.minor;
}

export default defineRule<'missingDict'>({
  id: 'nginx/template-required-dicts',
  description: 'Finds shared dicts the target Kong requires at start-up that a custom template does not declare.',
  severity: 'blocker',
  versionData: ['since'],
  catalog: ['nginx-template-3-4-inject-and-secrets-dict'],
  inputs: ['nginxTemplates'],
  messages: {
    missingDict: '{{file}} does not declare `lua_shared_dict {{dict}}`; Kong {{since}} and later refuse to start without it ("missing shared dict"){{note}}.',
  },
  remediation: 'Add the shared dict with the size the target\'s stock template uses (for example `lua_shared_dict kong_secrets 5m;` in http, `stream_kong_secrets` in stream).',
  docsUrl: NGINX_TEMPLATE_DOCS,
  sources: [
    ...ELEMENT_SOURCES,
    { kind: 'repo', ref: 'Kong/kong:kong/init.lua@3.4.2 (start-up check of constants.DICTS)' },
    { kind: 'digest', ref: 'kong-facts/breaking-changes.json#nginx-template-3-4-inject-and-secrets-dict' },
  ],
  check(ctx) {
    const target = stockElements(ctx.plan.to);
    if (!target) return;
    const conf = ctx.optionalInput('kongConf');
    for (const template of templatesToCheck(ctx.input('nginxTemplates'))) {
      for (const scope of ['http', 'stream'] as const) {
        if (!carriesScope(template, scope)) continue;
        // The stream block is rendered only with stream listeners; the http block always.
        const verdict = evaluate(scope === 'stream' ? 'stream-listeners' : 'always', ctx.plan, conf);
        if (verdict.holds === 'no') continue;
        for (const name of target.requiredDicts) {
          const dict = scope === 'stream' ? `stream_${name}` : name;
          if (findElement(template, { kind: 'dict', name: dict }, scope)) continue;
          const since = requiredSince(name);
          ctx.report({
            messageId: 'missingDict',
            at: anchorFor(template, scope),
            severity: severityFor('blocker', verdict),
            since: since && ctx.crosses(since) ? since : undefined,
            data: { file: template.file, dict, since: since?.toString() ?? ctx.plan.to.toString(), note: conditionNote(verdict) + copyNote(template) },
          });
        }
      }
    }
  },
});
