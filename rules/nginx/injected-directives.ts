// Finds `nginx_*` settings (kong.conf or KONG_* variables) whose injected directive the target
// Kong's nginx deprecates, ignores or refuses. TLS versions in kong.conf keys are
// conf/value-invalid's (fact conf.tls11.disabled); this rule judges only the directive itself.
// (`nginx_http_lua_ssl_protocols` is not ignored from 3.4: Kong writes it through
// nginx-kong-inject.conf instead of the injected list, and keeps a user's value.)

import { defineRule } from '../../src/engine/define-rule';
import {
  DIRECTIVE_CHANGES, INJECTION_NAMESPACES,
} from '../../src/knowledge/nginx-directives';
import { NGINX_DIRECTIVES_DOCS } from '../../src/knowledge/nginx-template-changes';
import { judgeDirective, reasonFor, remediationFor } from './directive-utils';

/** The nginx directive a kong.conf key injects, or undefined for keys outside the namespaces. */
function injectedDirective(key: string): string | undefined {
  if (key.startsWith('nginx_wasm_')) return undefined; // wasm flags are not nginx directives
  const ns = INJECTION_NAMESPACES.find((n) => key.startsWith(n.prefix));
  return ns ? key.slice(ns.prefix.length) : undefined;
}

export default defineRule<'directive'>({
  id: 'nginx/injected-directives',
  description: 'Finds injected nginx_* directives that the target Kong\'s nginx or OpenSSL deprecates, ignores or refuses.',
  severity: 'warning',
  inputs: ['kongConf'],
  messages: {
    directive: '`{{key}}` injects `{{directive}}`{{word}}: {{reason}}.',
  },
  remediation: 'Change or remove the setting as described.',
  docsUrl: NGINX_DIRECTIVES_DOCS,
  sources: DIRECTIVE_CHANGES.flatMap((c) => c.sources),
  check(ctx) {
    const conf = ctx.input('kongConf');
    const target = ctx.plan.to;
    for (const setting of conf.settings()) {
      const directive = injectedDirective(setting.key);
      if (!directive) continue;
      for (const { change, word } of judgeDirective(directive, setting.value.split(/\s+/), target)) {
        // Kong strips the listen flag itself; TLS values in kong.conf are judged by the conf rules.
        if (change.kind === 'listen-flag' || change.kind === 'protocol-disabled') continue;
        ctx.report({
          messageId: 'directive',
          at: setting.origin,
          severity: change.severity,
          since: change.kind !== 'unknown-before' && ctx.crosses(change.introducedIn) ? change.introducedIn : undefined,
          data: { key: setting.key, directive, word: word ? ` (${word})` : '', reason: reasonFor(change, directive), fact: change.id },
          ...remediationFor(change),
        });
      }
    }
  },
});
