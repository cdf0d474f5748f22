// Flags Lua handlers without an integer PRIORITY or a version-shaped VERSION: from 3.0 Kong
// refuses to load such a plugin and does not start.

import { defineRule } from '../../src/engine/define-rule';
import { fieldAssignments } from '../../src/inputs/lua/code';
import { returnedExpression } from '../../src/inputs/lua/table';
import type { LuaToken } from '../../src/inputs/lua/tokenizer';
import { tokenOrigin } from '../../src/inputs/plugins/origin';
import { pluginFacts } from '../../src/knowledge/plugins/facts';

const FACT = pluginFacts.priorityVersionRequired;

export default defineRule<'missingPriority' | 'missingVersion' | 'badPriority' | 'badVersion'>({
  id: 'plugins/handler-priority-version',
  description: 'Flags custom plugin handlers that lack the integer PRIORITY or the x.y.z VERSION that Kong 3.0 requires.',
  severity: 'blocker',
  catalog: ['custom-plugin-priority-version-required'],
  inputs: ['customPlugins'],
  gate: { introducedIn: FACT.introducedIn },
  messages: {
    missingPriority: '{{plugin}}: no PRIORITY found{{note}}; from Kong 3.0 a handler without one fails to load and Kong does not start.',
    missingVersion: '{{plugin}}: no VERSION found{{note}}; from Kong 3.0 a handler without one fails to load and Kong does not start.',
    badPriority: '{{plugin}}: PRIORITY = {{value}} is not an integer; Kong 3.0 refuses it.',
    badVersion: '{{plugin}}: VERSION = {{value}} does not have the "x.y.z" form Kong 3.0 requires.',
  },
  remediation: 'Set `PRIORITY = <integer>` and `VERSION = "x.y.z"` on the handler table.',
  docsUrl: FACT.docsUrl,
  sources: FACT.sources,
  check(ctx) {
    for (const plugin of ctx.input('customPlugins').plugins) {
      const handler = plugin.handler;
      if (!handler) continue;
      const data = { plugin: plugin.name };
      // A handler built by a factory (`return require(...)(...)`) sets its fields in another file.
      const returned = returnedExpression(handler.code) ?? [];
      const builtElsewhere = !(returned.length === 1 && returned[0].kind === 'name') && returned[0]?.value !== '{';
      const files = [handler, ...plugin.luaFiles.filter((f) => f !== handler && f.role === 'other')];
      for (const [field, missingId, badId, ok] of [
        ['PRIORITY', 'missingPriority', 'badPriority', isIntegerLiteral],
        ['VERSION', 'missingVersion', 'badVersion', isVersionLiteral],
      ] as const) {
        const found = files.flatMap((file) => fieldAssignments(file.code, field).map((a) => ({ file, ...a })));
        if (found.length === 0) {
          // Without a table to read, the field may come from code we cannot follow: say so, do not block.
          const note = builtElsewhere ? ' (handler.lua builds its table in code this check cannot follow: verify by hand)' : ' in handler.lua';
          ctx.report({ messageId: missingId, at: plugin.origin, data: { ...data, note },
            ...(builtElsewhere ? { severity: 'warning' as const } : {}) });
        }
        for (const a of found) {
          const bad = literalProblem(a.value, ok);
          if (bad) ctx.report({ messageId: badId, at: tokenOrigin(a.file, a.at), data: { ...data, value: bad } });
        }
      }
    }
  },
});

/**
 * The value's text when it is a single literal that fails `ok`; undefined when it passes or is
 * computed (`require("kong.meta").version`), which only running the code could judge.
 */
function literalProblem(value: LuaToken[], ok: (t: LuaToken) => boolean): string | undefined {
  // A leading minus is part of a negative priority, which Kong accepts.
  const tokens = value[0]?.kind === 'op' && value[0].value === '-' ? value.slice(1) : value;
  if (tokens.length !== 1 || (tokens[0].kind !== 'number' && tokens[0].kind !== 'string')) return undefined;
  return ok(tokens[0]) ? undefined : value.map((t) => t.raw).join('');
}

function isIntegerLiteral(t: LuaToken): boolean {
  return t.kind === 'number' && /^(\d+|0[xX][0-9a-fA-F]+)$/.test(t.value);
}

// Kong parses VERSION with the `version` library and accepts at most three numeric parts.
function isVersionLiteral(t: LuaToken): boolean {
  return t.kind === 'string' && /^\d+(\.\d+){0,2}([-+][0-9A-Za-z.-]+)?$/.test(t.value);
}
