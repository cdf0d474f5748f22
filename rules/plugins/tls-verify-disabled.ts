// Flags custom plugin code that turns certificate verification off (`ssl_verify = false`,
// a false verify argument to sslhandshake): Enterprise 3.14 verifies upstream certificates
// by default and such plugins may stop reaching servers with untrusted certificates.

import { defineRule } from '../../src/engine/define-rule';
import { expressionEnd, fieldAssignments, memberChains } from '../../src/inputs/lua/code';
import type { LuaToken } from '../../src/inputs/lua/tokenizer';
import { tokenOrigin } from '../../src/inputs/plugins/origin';
import { luaFilesOf } from '../../src/inputs/plugins/query';
import { pluginFacts } from '../../src/knowledge/plugins/facts';

const FACT = pluginFacts.tlsVerification314;
const HANDSHAKES = new Set(['sslhandshake', 'ssl_handshake', 'tlshandshake']);
const isFalse = (tokens: LuaToken[]) => tokens.length === 1 && tokens[0].kind === 'keyword' && tokens[0].value === 'false';

export default defineRule<'verifyOff'>({
  id: 'plugins/tls-verify-disabled',
  description: 'Flags custom plugin code that disables TLS certificate verification, which Enterprise 3.14 tightens.',
  severity: 'warning',
  versionData: ['since'],
  catalog: ['custom-plugin-tls-verification-3-14'],
  inputs: ['customPlugins'],
  gate: { introducedIn: FACT.introducedIn, editions: ['enterprise'] },
  messages: {
    verifyOff: '{{plugin}}: {{what}} turns certificate verification off; from Kong {{since}} connections to servers with untrusted certificates may fail.',
  },
  remediation: 'Verify server certificates (trust the CA through lua_ssl_trusted_certificate); tls_certificate_verify = off restores the old behaviour as a stopgap.',
  docsUrl: FACT.docsUrl,
  sources: FACT.sources,
  check(ctx) {
    for (const { plugin, file } of luaFilesOf(ctx.input('customPlugins'))) {
      const report = (at: LuaToken, what: string) =>
        ctx.report({ messageId: 'verifyOff', at: tokenOrigin(file, at), data: { plugin: plugin.name, what, since: FACT.introducedIn } });
      for (const assignment of fieldAssignments(file.code, 'ssl_verify')) {
        if (isFalse(assignment.value)) report(assignment.at, '`ssl_verify = false`');
      }
      for (const chain of memberChains(file.code)) {
        const last = chain.tokens[chain.tokens.length - 1];
        if (!HANDSHAKES.has(last.value)) continue;
        const third = nthArgument(file.code, chain.end, 2);
        if (third && isFalse(third)) report(last, `\`${last.value}(..., false)\``);
      }
    }
  },
});

/** Tokens of argument `n` (0-based) of the call whose `(` is at `open`. */
function nthArgument(code: readonly LuaToken[], open: number, n: number): LuaToken[] | undefined {
  if (code[open]?.value !== '(') return undefined;
  let start = open + 1;
  for (let i = 0; i <= n; i++) {
    const end = expressionEnd(code, start);
    if (i === n) return code.slice(start, end);
    if (code[end]?.value !== ',') return undefined;
    start = end + 1;
  }
  return undefined;
}
