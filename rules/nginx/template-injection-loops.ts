// Finds `nginx_*` settings (kong.conf or KONG_* variables) that a custom template silently drops
// because it lacks the `> for _, el in ipairs(<list>)` loop Kong renders them through: the setting
// looks applied, and nothing in nginx carries it.

import { defineRule } from '../../src/engine/define-rule';
import type { NginxTemplate } from '../../src/inputs/nginx/load';
import { carriesScope } from '../../src/inputs/nginx/query';
import { ELEMENT_SOURCES, stockElements, type StockMinorElements } from '../../src/knowledge/nginx-templates';
import { NGINX_DIRECTIVES_DOCS } from '../../src/knowledge/nginx-template-changes';
import { describeOrigin } from '../../src/model/origin';
import { anchorFor, templatesToCheck } from './template-utils';

const SCOPE_OF_FILE: Record<string, 'main' | 'http' | 'stream'> = {
  'nginx.lua': 'main', 'nginx_kong.lua': 'http', 'nginx_kong_stream.lua': 'stream',
};

/** Which part of the configuration renders `list` in the target's stock templates. */
function scopeOfList(target: StockMinorElements, list: string): 'main' | 'http' | 'stream' | undefined {
  for (const [file, elements] of Object.entries(target.files)) {
    if (elements?.injectionLists.includes(list) && SCOPE_OF_FILE[file]) return SCOPE_OF_FILE[file];
  }
  return undefined;
}

function hasLoop(template: NginxTemplate, list: string): boolean {
  return template.elements.injectionLists.some((l) => l.name === list);
}

export default defineRule<'dropped'>({
  id: 'nginx/template-injection-loops',
  description: 'Finds nginx_* settings that a custom template drops because it lacks the injection loop Kong renders them through.',
  severity: 'warning',
  inputs: ['nginxTemplates', 'kongConf'],
  messages: {
    dropped: '{{file}} has no loop over `{{list}}`, so `{{key}}` ({{origin}}) is silently not applied on {{target}}.',
  },
  remediation: 'Add the injection loop where the target\'s stock template has it, or move the directive into the template by hand.',
  docsUrl: NGINX_DIRECTIVES_DOCS,
  sources: [...ELEMENT_SOURCES, { kind: 'digest', ref: 'kong-facts/nginx/injection.md (mechanism)' }],
  check(ctx) {
    const target = stockElements(ctx.plan.to);
    if (!target) return;
    const settings = ctx.input('kongConf').settings().filter((s) => s.key.startsWith('nginx_'));
    for (const template of templatesToCheck(ctx.input('nginxTemplates'))) {
      for (const setting of settings) {
        const namespace = target.namespaces.find((n) => setting.key.startsWith(n.prefix));
        if (!namespace) continue;
        const scope = scopeOfList(target, namespace.list);
        if (!scope || !carriesScope(template, scope) || hasLoop(template, namespace.list)) continue;
        ctx.report({
          messageId: 'dropped',
          at: anchorFor(template, scope),
          data: { file: template.file, list: namespace.list, key: setting.key, origin: describeOrigin(setting.origin), target: ctx.plan.to.toString() },
        });
      }
    }
  },
});
