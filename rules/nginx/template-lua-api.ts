// Flags Lua in a custom template's `*_by_lua_block` that reads a value whose meaning changed on the
// path, for the Lua API changes Kong's upgrade notes name for nginx templates (ngx.var.http_*
// joins the values of a repeated header from 3.6). Kong's own templates read none of them, so any
// hit is the operator's code; custom plugins get the same check from plugins/changed-api-reference.
// The same 3.6 change reaches `$http_*` read by the template's own directives: ngx.var.http_* is
// that nginx variable (src/knowledge/nginx-variables.ts); Kong's own template only logs them.

import { defineRule } from '../../src/engine/define-rule';
import { InputError } from '../../src/errors';
import { chainMatchEnd, memberChains } from '../../src/inputs/lua/code';
import { codeTokens, tokenizeLua, type LuaToken } from '../../src/inputs/lua/tokenizer';
import type { Directive, DirectiveArg, Position } from '../../src/inputs/nginx/types';
import { changedNginxVariables, variableReferences } from '../../src/knowledge/nginx-variables';
import { pluginFacts } from '../../src/knowledge/plugins/facts';
import { changedApiReferences } from '../../src/knowledge/plugins/lua-api';
import { originAt, severityIn } from './template-utils';

export default defineRule<'changedReference' | 'changedVariable'>({
  id: 'nginx/template-lua-api',
  description: 'Flags custom nginx templates that read values whose meaning changed on the path: ngx.var.http_* in Lua blocks, and $http_* in directives, from 3.6.',
  severity: 'warning',
  versionData: ['since'],
  inputs: ['nginxTemplates'],
  messages: {
    changedReference: '`{{directive}}` reads `{{chain}}`, which changes in Kong {{since}} ({{fact}}); use {{replacement}}.',
    changedVariable: '`{{directive}}` reads `${{variable}}`, whose value changes in Kong {{since}} ({{fact}}): {{change}}; {{replacement}}.',
  },
  remediation: 'Change the template\'s Lua as the message says; the replacement already works on the installed version.',
  docsUrl: pluginFacts.ngxVarHttpMultiValue.docsUrl,
  sources: [
    ...pluginFacts.ngxVarHttpMultiValue.sources,
    { kind: 'repo', ref: 'Kong/kong:kong/templates/nginx_kong.lua@3.9.1', note: 'no ngx.var.http_* in Kong\'s own templates (nor at 3.4.0)' },
    // The notes' lines on ngx.var.http_* come with the nginx variable data.
    ...changedNginxVariables.flatMap((v) => v.sources),
  ],
  check(ctx) {
    const onPath = (fact: { introducedIn: string; edition: 'oss+ee' | 'ee' }) =>
      ctx.crosses(fact.introducedIn) && (fact.edition === 'oss+ee' || ctx.plan.edition === 'enterprise');
    const applicable = changedApiReferences.filter((r) => r.inNginxTemplates && onPath(r));
    const variables = changedNginxVariables.filter(onPath);
    if (applicable.length === 0 && variables.length === 0) return;
    for (const template of ctx.input('nginxTemplates')) {
      for (const directive of template.parsed.all) {
        for (const variable of variables) {
          if (variable.ignoredIn.includes(directive.name)) continue;
          for (const arg of directive.args) {
            for (const ref of variableReferences(arg.raw)) {
              if (!ref.name.startsWith(variable.prefix) || ref.name === variable.prefix || variable.unchanged.includes(ref.name)) continue;
              ctx.report({
                messageId: 'changedVariable',
                severity: severityIn(template, variable.severity),
                at: originAt(template, inArg(arg, ref.index)),
                since: variable.introducedIn,
                data: { directive: directive.name, variable: ref.name, since: variable.introducedIn, fact: variable.factId, change: variable.change, replacement: variable.replacement },
              });
            }
          }
        }
        if (!directive.lua || applicable.length === 0) continue;
        for (const chain of memberChains(luaTokens(directive))) {
          for (const ref of applicable) {
            const end = chainMatchEnd(chain, ref.chain);
            if (end < 0) continue;
            ctx.report({
              messageId: 'changedReference',
              severity: severityIn(template, ref.severity),
              at: originAt(template, inFile(directive.lua.at, chain.tokens[0])),
              since: ref.introducedIn,
              data: { directive: directive.name, chain: chain.parts.slice(0, end + 1).join('.'), since: ref.introducedIn, fact: ref.factId, replacement: ref.replacement },
            });
          }
        }
      }
    }
  },
});

/** The block's code tokens; none when it is not Lua the tokenizer can read (nginx -t reports that). */
function luaTokens(directive: Directive): LuaToken[] {
  try {
    return codeTokens(tokenizeLua(directive.lua!.code));
  } catch (error) {
    if (error instanceof InputError) return [];
    throw error;
  }
}

/** Where the character at `index` of an argument's raw text sits (the argument may span lines). */
function inArg(arg: DirectiveArg, index: number): Position {
  const before = arg.raw.slice(0, index);
  const newline = before.lastIndexOf('\n');
  if (newline < 0) return { line: arg.at.line, column: arg.at.column + index };
  return { line: arg.at.line + before.split('\n').length - 1, column: index - newline };
}

/** A token's position in the template: the block's code starts at `start`. */
function inFile(start: Position, token: LuaToken): Position {
  return token.line === 1
    ? { line: start.line, column: start.column + token.column - 1 }
    : { line: start.line + token.line - 1, column: token.column };
}
