// Flags regex literals that custom plugins pass to ngx.re.* and that PCRE2 (Kong 3.7+) refuses
// or reads differently from PCRE 8.45 (src/knowledge/entities/pcre2-regex.ts: unknown letter
// escapes, a `-` after a class escape as in `[\w-.]`, `{,n}`...). Also flags lrexlib-pcre bindings.

import { defineRule } from '../../src/engine/define-rule';
import { expressionEnd, memberChains } from '../../src/inputs/lua/code';
import type { LuaToken } from '../../src/inputs/lua/tokenizer';
import { tokenOrigin } from '../../src/inputs/plugins/origin';
import { luaFilesOf, requiresOf } from '../../src/inputs/plugins/query';
import type { LuaFile } from '../../src/inputs/plugins/types';
import { pluginFacts } from '../../src/knowledge/plugins/facts';
import { PCRE2_DIFFERENCES } from '../../src/knowledge/entities/pcre2-regex';
import { pcre2Differences } from './pcre2-regex-utils';

const FACT = pluginFacts.pcre2;
const RE_FUNCTIONS = new Set(['match', 'find', 'gmatch', 'sub', 'gsub']);
const PCRE1_BINDINGS = new Set(['rex_pcre']);

export default defineRule<'regexDiffers' | 'pcre1Binding'>({
  id: 'plugins/pcre2-regex',
  description: 'Flags regexes in custom plugin code that PCRE2, used from Kong 3.7, rejects or reads differently.',
  severity: FACT.severity,
  versionData: ['since'],
  inputs: ['customPlugins'],
  gate: { introducedIn: FACT.introducedIn },
  messages: {
    regexDiffers: '{{plugin}}: the pattern passed to {{call}} holds {{problem}} (Kong {{since}} uses PCRE2).',
    pcre1Binding: '{{plugin}}: `require "{{module}}"` binds the PCRE 8 library, which Kong {{since}} no longer ships; move to ngx.re or a PCRE2 binding.',
  },
  remediation: 'Rewrite the pattern so PCRE 8 and PCRE2 read it the same (drop the backslash of an unknown letter escape, put `-` first or last in a class, escape `{`), and test the plugin on the target.',
  docsUrl: FACT.docsUrl,
  sources: [...FACT.sources, ...Object.values(PCRE2_DIFFERENCES).flatMap((d) => d.sources)],
  check(ctx) {
    for (const { plugin, file } of luaFilesOf(ctx.input('customPlugins'))) {
      for (const call of requiresOf(file)) {
        if (PCRE1_BINDINGS.has(call.module)) {
          ctx.report({ messageId: 'pcre1Binding', at: tokenOrigin(file, call.at), data: { plugin: plugin.name, module: call.module, since: FACT.introducedIn } });
        }
      }
      for (const { name, open } of regexCalls(file)) {
        const pattern = secondArgument(file.code, open);
        if (!pattern) continue;
        for (const problem of pcre2Differences(pattern.value)) {
          ctx.report({ messageId: 'regexDiffers', at: tokenOrigin(file, pattern),
            data: { plugin: plugin.name, call: name, problem, since: FACT.introducedIn } });
        }
      }
    }
  },
});

/** Calls of ngx.re functions, directly or through a local alias; `open` is the index of `(`. */
function regexCalls(file: LuaFile): { name: string; open: number }[] {
  const code = file.code;
  const aliases = new Map<string, string>(); // local find = ngx.re.find / local re = ngx.re
  const calls: { name: string; open: number }[] = [];
  for (const chain of memberChains(code)) {
    const index = chain.end - 1;
    const before = code[chain.start - 1];
    const target = code[chain.start - 2];
    const isNgxRe = chain.parts[0] === 'ngx' && chain.parts[1] === 're';
    // Record `local NAME = ngx.re[.fn]`.
    if (isNgxRe && before?.value === '=' && target?.kind === 'name' && code[index + 1]?.value !== '(') {
      aliases.set(target.value, chain.parts.slice(2).join('.') || 're');
      continue;
    }
    let fn: string | undefined;
    if (isNgxRe && chain.parts.length === 3) fn = chain.parts[2];
    else if (chain.parts.length === 1 && aliases.has(chain.parts[0])) fn = aliases.get(chain.parts[0]);
    else if (chain.parts.length === 2 && aliases.get(chain.parts[0]) === 're') fn = chain.parts[1];
    if (fn && RE_FUNCTIONS.has(fn) && code[index + 1]?.value === '(') calls.push({ name: `ngx.re.${fn}`, open: index + 1 });
  }
  return calls;
}

/** The second argument of the call whose `(` is at `open`, when it is a single string literal. */
function secondArgument(code: readonly LuaToken[], open: number): LuaToken | undefined {
  const firstEnd = expressionEnd(code, open + 1);
  if (code[firstEnd]?.value !== ',') return undefined;
  const secondEnd = expressionEnd(code, firstEnd + 1);
  return secondEnd === firstEnd + 2 && code[firstEnd + 1].kind === 'string' ? code[firstEnd + 1] : undefined;
}
