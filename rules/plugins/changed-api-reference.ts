// Flags custom plugin code reading Kong values that moved or changed meaning: ngx.ctx fields no
// longer set in 3.0, the removed CREDENTIAL_USERNAME constant, normalized get_path, comma-joined
// ngx.var.http_* values in 3.6, and similar. Each entry carries its own version and severity.

import { defineRule } from '../../src/engine/define-rule';
import { chainMatchEnd, expressionEnd, isAssignmentTarget, memberChains, type MemberChain } from '../../src/inputs/lua/code';
import type { LuaToken } from '../../src/inputs/lua/tokenizer';
import { tokenOrigin } from '../../src/inputs/plugins/origin';
import { luaFilesOf } from '../../src/inputs/plugins/query';
import { pluginFacts } from '../../src/knowledge/plugins/facts';
import { changedApiReferences } from '../../src/knowledge/plugins/lua-api';

// Kong 3.0 stopped *setting* these ngx.ctx fields and never read them (kong/plugins/jwt/handler.lua,
// kong/plugins/proxy-cache/handler.lua and kong/runloop/handler.lua, 2.8.0 against 3.0.0). A plugin
// that writes one is unaffected, and its reads in the same file get its own value.
const FIELDS_KONG_STOPPED_SETTING = pluginFacts.ngxCtxFieldsMoved.id;

const FACT_SOURCES = [pluginFacts.ngxCtxFieldsMoved, pluginFacts.credentialUsername, pluginFacts.getPathNormalized,
  pluginFacts.processAutoFieldsNoCopy, pluginFacts.ngxVarHttpMultiValue, pluginFacts.clearQueryArgEncoding,
  pluginFacts.redisSharedConfigV2].flatMap((f) => f.sources);

export default defineRule<'changedReference'>({
  id: 'plugins/changed-api-reference',
  description: 'Flags custom plugin code that reads Kong fields, constants or PDK functions whose value changed on the path.',
  severity: 'warning',
  versionData: ['since'],
  catalog: ['custom-plugin-credential-username-removed', 'custom-plugin-get-path-normalized', 'custom-plugin-ngx-ctx-fields-moved', 'custom-plugin-process-auto-fields-no-copy', 'custom-code-ngx-var-http-multi-value', 'pdk-clear-query-arg-space-encoding', 'ee-redis-shared-config-v2'],
  inputs: ['customPlugins'],
  messages: {
    changedReference: '{{plugin}}: `{{chain}}` changes in Kong {{since}} ({{fact}}); use {{replacement}}.',
  },
  remediation: 'Move to the replacement named in the message; most replacements already exist on the installed version, so the fix can ship before the upgrade.',
  docsUrl: pluginFacts.ngxCtxFieldsMoved.docsUrl,
  sources: FACT_SOURCES,
  check(ctx) {
    const applicable = changedApiReferences.filter((r) =>
      ctx.crosses(r.introducedIn) && (r.edition === 'oss+ee' || ctx.plan.edition === 'enterprise'));
    if (applicable.length === 0) return;
    for (const { plugin, file } of luaFilesOf(ctx.input('customPlugins'))) {
      const matches = memberChains(file.code).flatMap((chain) =>
        applicable.map((ref) => ({ chain, ref, end: chainMatchEnd(chain, ref.chain) })).filter((m) => m.end >= 0));
      // A write of a field Kong stopped setting is never affected; reads are fine when the same
      // file stores its own value there (clearing it with nil does not count: the read is Kong's).
      const writes = new Set(matches.filter(({ chain, ref, end }) => ref.factId === FIELDS_KONG_STOPPED_SETTING
        && end === chain.parts.length - 1 && isAssignmentTarget(file.code, chain)));
      const setHere = new Set([...writes].filter(({ chain }) => !assignsNil(file.code, chain)).map((m) => m.ref));
      for (const match of matches) {
        const { chain, ref, end } = match;
        if (writes.has(match) || setHere.has(ref)) continue;
        if (ref.whenArgument && (end !== chain.parts.length - 1 || !callHasStringArgument(file.code, chain.end, ref.whenArgument))) continue;
        ctx.report({
          messageId: 'changedReference',
          severity: ref.severity,
          at: tokenOrigin(file, chain.tokens[0]),
          since: ref.introducedIn,
          data: { plugin: plugin.name, chain: chain.parts.slice(0, end + 1).join('.'), since: ref.introducedIn,
            fact: ref.factId, replacement: ref.replacement },
        });
      }
    }
  },
});

/** True when the call whose `(` is at `open` has a string literal `value` among its arguments. */
function callHasStringArgument(code: readonly LuaToken[], open: number, value: string): boolean {
  if (code[open]?.value !== '(') return false;
  const close = expressionEnd(code, open + 1);
  let end = close;
  // expressionEnd stops at the first comma; walk on to the closing parenthesis.
  while (code[end]?.value === ',') end = expressionEnd(code, end + 1);
  return code.slice(open + 1, end).some((t) => t.kind === 'string' && t.value === value);
}

/** `t.k = nil`: the statement only clears the field. */
function assignsNil(code: readonly LuaToken[], chain: MemberChain): boolean {
  const next = code[chain.end + 1];
  return code[chain.end]?.value === '=' && next?.value === 'nil' && next.kind !== 'string';
}
