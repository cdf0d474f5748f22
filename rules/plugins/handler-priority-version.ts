// Flags Lua handlers without an integer PRIORITY or a version-shaped VERSION: from 3.0 Kong
// refuses to load such a plugin and does not start. On Enterprise, a VERSION copied from Kong's
// own (`kong.meta.version`) has four parts and is refused too.

import { defineRule } from '../../src/engine/define-rule';
import { fieldAssignments } from '../../src/inputs/lua/code';
import { luaNumberValue } from '../../src/inputs/lua/number';
import type { LuaFile } from '../../src/inputs/plugins/types';
import { bindingsOf, requiresOf } from '../../src/inputs/plugins/query';
import { returnedExpression } from '../../src/inputs/lua/table';
import type { LuaToken } from '../../src/inputs/lua/tokenizer';
import { tokenOrigin } from '../../src/inputs/plugins/origin';
import { pluginFacts } from '../../src/knowledge/plugins/facts';

const FACT = pluginFacts.priorityVersionRequired;

export default defineRule<'missingPriority' | 'missingVersion' | 'badPriority' | 'badVersion' | 'enterpriseKongVersion'>({
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
    enterpriseKongVersion: '{{plugin}}: VERSION = {{value}} is the version of Kong itself, which has four parts on Kong Enterprise (here {{to}}); Enterprise 3.x refuses it as not "x.y.z" and the plugin fails to load.',
  },
  remediation: 'Set `PRIORITY = <integer>` and `VERSION = "x.y.z"` on the handler table.',
  docsUrl: FACT.docsUrl,
  sources: [...FACT.sources,
    { kind: 'repo', ref: 'Kong/version.lua:src/version.lua@1.0.1', note: 'the lenient parser Kong reads VERSION with; kong-3.0.0-0.rockspec pins this release' },
    { kind: 'docs', ref: 'https://github.com/seifchen/kong-path-allow/issues/19', note: 'Kong Enterprise 3.1.1.6 refusing VERSION = kong.meta.version, got "3.1.1.6"' },
    { kind: 'docs', ref: 'https://github.com/Kong/kong/pull/8772', note: 'review: Enterprise kong.meta version strings differ from the open-source x.y.z'}],
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
          else if (field === 'VERSION' && ctx.plan.edition === 'enterprise' && readsKongVersion(a.file, a.value)) {
            ctx.report({ messageId: 'enterpriseKongVersion', at: tokenOrigin(a.file, a.at), data: { ...data, value: a.value.map((t) => t.raw).join(''), to: ctx.plan.to.toString() },
              remediation: 'Set VERSION to the plugin\'s own "x.y.z" string (the version in its rockspec).' });
          }
        }
      }
    }
  },
});

const KONG_META = 'kong.meta';
const META_VERSION_FIELDS = new Set(['version', '_VERSION']);

/** `meta.version` / `meta._VERSION` with `meta` bound to require "kong.meta", or read off the require. */
function readsKongVersion(file: LuaFile, value: readonly LuaToken[]): boolean {
  if (value.length === 3 && value[0].kind === 'name' && value[1].value === '.' && META_VERSION_FIELDS.has(value[2].value)) {
    return bindingsOf(file, KONG_META).has(value[0].value);
  }
  const call = requiresOf(file).find((r) => r.at === value[0]);
  const end = value[value.length - 1];
  return call?.module === KONG_META && call.member !== undefined && call.member.at === end && META_VERSION_FIELDS.has(call.member.name);
}

/**
 * The value's text when it is a single literal that fails `ok`; undefined when it passes or is
 * computed (`require("kong.meta").version`), which only running the code could judge.
 */
function literalProblem(value: LuaToken[], ok: (t: LuaToken) => boolean): string | undefined {
  // A minus before a number is part of the literal (`-5`); before anything else it is arithmetic.
  const negated = value[0]?.kind === 'op' && value[0].value === '-';
  if (negated && value[1]?.kind !== 'number') return undefined;
  const tokens = negated ? value.slice(1) : value;
  if (tokens.length !== 1 || (tokens[0].kind !== 'number' && tokens[0].kind !== 'string')) return undefined;
  return ok(tokens[0]) ? undefined : value.map((t) => t.raw).join('');
}

// Kong's loader wants a Lua number equal to its floor: `1000.0`, `1e3` and `0x3E8` pass, `10.5`, an
// infinity, a string and LuaJIT's `1000LL` cdata do not (kong/db/dao/plugins.lua@3.0.0 valid_priority).
function isIntegerLiteral(t: LuaToken): boolean {
  const value = t.kind === 'number' ? luaNumberValue(t.value) : undefined;
  return value !== undefined && Number.isInteger(value);
}

function isVersionLiteral(t: LuaToken): boolean {
  return t.kind === 'string' && kongReadsVersion(t.value);
}

/**
 * Whether Kong 3.x loads a handler with this VERSION string. Its loader parses the string with the
 * `version` library in lenient mode, which keeps only the first run of digits and dots ("v1.0.0",
 * "1.0.0_rc1" and "1.0.0 (beta)" all read as 1.0.0) and fails on an empty part ("1..0"); a trailing
 * dot adds no part. The loader then refuses a fourth part (kong/db/dao/plugins.lua@3.0.0 valid_version).
 */
export function kongReadsVersion(text: string): boolean {
  const run = /[0-9][0-9.]*/.exec(text)?.[0];
  if (run === undefined) return false;
  const parts = run.split('.');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.length <= 3 && !parts.includes('');
}
