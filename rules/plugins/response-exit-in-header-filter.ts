// Flags kong.response.exit() called inside a plugin's header_filter handler: Enterprise 3.13
// puts its behaviour there behind pdk_response_exit_header_filter_early_exit (off, with a
// warning in the log) and plans to stop plugin execution at that point later.

import { defineRule } from '../../src/engine/define-rule';
import { memberChains } from '../../src/inputs/lua/code';
import type { LuaToken } from '../../src/inputs/lua/tokenizer';
import { tokenOrigin } from '../../src/inputs/plugins/origin';
import { pluginFacts } from '../../src/knowledge/plugins/facts';

const FACT = pluginFacts.responseExitHeaderFilter;

export default defineRule<'exitInHeaderFilter'>({
  id: 'plugins/response-exit-in-header-filter',
  description: 'Flags kong.response.exit calls inside a custom plugin\'s header_filter handler, whose behaviour Enterprise 3.13 gates behind a new option.',
  severity: 'info',
  versionData: ['since'],
  catalog: ['pdk-response-exit-header-filter'],
  inputs: ['customPlugins'],
  gate: { introducedIn: FACT.introducedIn, editions: ['enterprise'] },
  messages: {
    exitInHeaderFilter: '{{plugin}}: kong.response.exit() in header_filter; from Kong {{since}} this logs a warning and is meant to end plugin execution once pdk_response_exit_header_filter_early_exit is on.',
  },
  remediation: 'Decide the response in access (or earlier); or test the plugin with pdk_response_exit_header_filter_early_exit = on.',
  docsUrl: FACT.docsUrl,
  sources: FACT.sources,
  check(ctx) {
    for (const plugin of ctx.input('customPlugins').plugins) {
      const handler = plugin.handler;
      if (!handler) continue;
      const body = headerFilterBody(handler.code);
      if (!body) continue;
      for (const chain of memberChains(body)) {
        if (chain.parts.join('.').startsWith('kong.response.exit')) {
          ctx.report({ messageId: 'exitInHeaderFilter', at: tokenOrigin(handler, chain.tokens[0]), data: { plugin: plugin.name, since: FACT.introducedIn } });
        }
      }
    }
  },
});

/** Tokens of `function X:header_filter(...) ... end` (or `X.header_filter = function ... end`). */
function headerFilterBody(code: readonly LuaToken[]): LuaToken[] | undefined {
  for (let i = 0; i < code.length; i++) {
    if (code[i].kind !== 'name' || code[i].value !== 'header_filter') continue;
    let fn = -1;
    const member = code[i - 1]?.value === ':' || code[i - 1]?.value === '.';
    if (member && code[i - 3]?.value === 'function') fn = i - 3; // function X:header_filter(...)
    else if (code[i + 1]?.value === '=' && code[i + 2]?.value === 'function') fn = i + 2;
    if (fn < 0) continue;
    let depth = 0;
    for (let j = fn; j < code.length; j++) {
      const t = code[j];
      if (t.kind !== 'keyword') continue;
      if (['function', 'if', 'do', 'repeat'].includes(t.value)) depth++;
      else if (t.value === 'end' || t.value === 'until') {
        depth--;
        if (depth === 0) return code.slice(fn, j + 1);
      }
    }
  }
  return undefined;
}
