// Finds directives in a custom template that the target's bundled nginx/OpenSSL treats
// differently: `listen ... http2` and HTTP/2 push on nginx 1.25 (3.6), obsolete http2_* limits,
// TLSv1/TLSv1.1 in *_ssl_protocols (OpenSSL 3 from 3.4), and lua_ssl_* lines that duplicate the inject include
// Kong renders from 3.4.

import { defineRule } from '../../src/engine/define-rule';
import { carriesScope } from '../../src/inputs/nginx/query';
import { DIRECTIVE_CHANGES, INJECT_FILE_DIRECTIVES } from '../../src/knowledge/nginx-directives';
import type { NginxTemplate } from '../../src/inputs/nginx/load';
import { NGINX_TEMPLATE_DOCS } from '../../src/knowledge/nginx-template-changes';
import { KongVersion } from '../../src/version/kong-version';
import { judgeDirective, reasonFor, remediationFor } from './directive-utils';
import { copyNote, originAt, severityIn } from './template-utils';

export default defineRule<'directive' | 'duplicateWithInclude'>({
  id: 'nginx/template-directives',
  description: 'Finds template directives that the nginx or OpenSSL bundled with the target Kong deprecates, ignores or refuses.',
  severity: 'warning',
  catalog: ['nginx-template-3-4-inject-and-secrets-dict'],
  inputs: ['nginxTemplates'],
  messages: {
    directive: '`{{directive}}`{{word}}: {{reason}}{{note}}.',
    duplicateWithInclude: '`{{directive}}` is also rendered by `{{include}}`, which this template includes: nginx refuses the duplicate directive at start{{note}}.',
  },
  remediation: 'Change the directive as described; the target version\'s stock template shows the current form.',
  docsUrl: NGINX_TEMPLATE_DOCS,
  sources: [...DIRECTIVE_CHANGES.flatMap((c) => c.sources), ...INJECT_FILE_DIRECTIVES.sources],
  check(ctx) {
    const target = ctx.plan.to;
    for (const template of ctx.input('nginxTemplates')) {
      for (const { directive } of template.elements.directives) {
        const words = directive.args.map((a) => a.value);
        for (const { change, word } of judgeDirective(directive.name, words, target)) {
          // A protocol the source's OpenSSL already refuses changes nothing on this path (a
          // 3.4.2 -> 3.4.2 check of Kong's own 3.4.2 template, whose Admin GUI server lists
          // TLSv1.1); conf/value-invalid stays silent on the same kong.conf lists.
          if (change.kind === 'protocol-disabled' && !ctx.crosses(change.introducedIn) && ctx.plan.from.gte(KongVersion.parse(change.introducedIn))) continue;
          const arg = word ? directive.args.find((a) => a.value === word) : undefined;
          ctx.report({
            messageId: 'directive',
            at: originAt(template, arg?.at ?? directive.at),
            severity: severityIn(template, change.severity),
            since: change.kind !== 'unknown-before' && ctx.crosses(change.introducedIn) ? change.introducedIn : undefined,
            data: { directive: directive.name, word: word ? ` (${word})` : '', reason: reasonFor(change, directive.name), fact: change.id, note: renderedNote(template) },
            ...remediationFor(change),
          });
        }
      }
      if (target.lt(KongVersion.parse(INJECT_FILE_DIRECTIVES.introducedIn))) continue;
      for (const scope of ['http', 'stream'] as const) {
        if (!carriesScope(template, scope)) continue;
        const { include, directives } = INJECT_FILE_DIRECTIVES[scope];
        if (!template.elements.includes.some((i) => i.target === include && i.context === scope)) continue;
        for (const { directive, context } of template.elements.directives) {
          if (context !== scope || !(directives as readonly string[]).includes(directive.name)) continue;
          ctx.report({
            messageId: 'duplicateWithInclude', severity: severityIn(template, 'blocker'), at: originAt(template, directive.at),
            since: ctx.crosses(INJECT_FILE_DIRECTIVES.introducedIn) ? INJECT_FILE_DIRECTIVES.introducedIn : undefined,
            data: { directive: directive.name, include, note: renderedNote(template) },
            remediation: `Remove \`${directive.name}\` from the template and set it through kong.conf, which feeds ${include}.`,
          });
        }
      }
    }
  },
});

/** Only the rendered-copy caveat: the other copy notes are about elements a template lacks. */
function renderedNote(template: NginxTemplate): string {
  return template.rendered ? copyNote(template) : '';
}
