// Flags calls to helpers that `kong.tools.utils` stopped exporting in 3.6 and 3.7 (gzip, yield,
// sha256, system infos...): the call raises "attempt to call a nil value" at request time.

import { defineRule } from '../../src/engine/define-rule';
import { memberChains } from '../../src/inputs/lua/code';
import { tokenOrigin } from '../../src/inputs/plugins/origin';
import { bindingsOf, luaFilesOf, modulesBoundTo, requiresOf } from '../../src/inputs/plugins/query';
import { pluginFacts } from '../../src/knowledge/plugins/facts';
import { movedUtilsFunctions, UTILS_MODULE } from '../../src/knowledge/plugins/lua-api';
import type { MovedUtilsFunction } from '../../src/knowledge/plugins/types';

export default defineRule<'moved' | 'gone'>({
  id: 'plugins/tools-utils-moved',
  description: 'Flags custom plugin calls to kong.tools.utils helpers that moved to other modules in 3.6 and 3.7.',
  severity: 'blocker',
  versionData: ['removedIn'],
  catalog: ['custom-plugin-tools-utils-split-3-6', 'custom-plugin-tools-utils-system-3-7'],
  inputs: ['customPlugins'],
  messages: {
    moved: '{{plugin}}: `{{call}}` is nil from Kong {{removedIn}}: kong.tools.utils no longer exports {{name}}; require "{{movedTo}}" instead.',
    gone: '{{plugin}}: `{{call}}` is nil from Kong {{removedIn}}: kong.tools.utils no longer exports {{name}} and no public module replaces it; keep a local copy.',
  },
  remediation: 'Require the specific kong.tools.* module. A plugin that must run on both versions can try the new module with pcall(require, ...) and fall back to kong.tools.utils.',
  docsUrl: pluginFacts.toolsUtilsSplit36.docsUrl,
  sources: [...pluginFacts.toolsUtilsSplit36.sources, ...pluginFacts.toolsUtilsSystem37.sources],
  check(ctx) {
    const byName = new Map(movedUtilsFunctions.filter((f) => ctx.crosses(f.removedIn)).map((f) => [f.name, f]));
    if (byName.size === 0) return;
    for (const { plugin, file } of luaFilesOf(ctx.input('customPlugins'))) {
      const report = (fn: MovedUtilsFunction, call: string, at: Parameters<typeof tokenOrigin>[1]) => ctx.report({
        messageId: fn.movedTo ? 'moved' : 'gone', at: tokenOrigin(file, at), since: fn.removedIn,
        data: { plugin: plugin.name, call, name: fn.name, removedIn: fn.removedIn, movedTo: fn.movedTo ?? '' },
      });
      // require("kong.tools.utils").yield
      for (const call of requiresOf(file)) {
        const fn = call.module === UTILS_MODULE && call.member ? byName.get(call.member.name) : undefined;
        if (fn) report(fn, `require("${UTILS_MODULE}").${fn.name}`, call.member!.at);
      }
      // local utils = require "kong.tools.utils" ... utils.yield(...)
      const aliases = bindingsOf(file, UTILS_MODULE);
      if (aliases.size === 0) continue;
      for (const chain of memberChains(file.code)) {
        if (chain.parts.length < 2 || !aliases.has(chain.parts[0])) continue;
        const fn = byName.get(chain.parts[1]);
        if (!fn) continue;
        // The same name also bound to the function's new module is the version fallback the
        // remediation recommends: on versions without kong.tools.utils' copy it holds the new module.
        if (fn.movedTo && modulesBoundTo(file, chain.parts[0]).has(fn.movedTo)) continue;
        report(fn, `${chain.parts[0]}.${fn.name}`, chain.tokens[1]);
      }
    }
  },
});
