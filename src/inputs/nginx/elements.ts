// Pulls the elements Kong cares about out of a parsed template: shared dicts, includes, `Kong.*`
// handler calls, server names, locations, injection loops, placeholders. Contexts are written
// like the stock facts (`http>server`, `main>wasm`), so a template and a stock file compare
// directly whether the http content sits in nginx-kong.conf or is pasted into nginx.conf.

import type { Directive, ParsedConfig, Position } from './types';

export type TemplateRole = 'main' | 'main-inlined' | 'http' | 'stream';

export interface TemplateElements {
  dicts: { name: string; size: string; context: string; at: Position }[];
  includes: { target: string; context: string; at: Position }[];
  /**
   * `Kong.<name>` references in Lua code (`Kong.admin_content()`, `Kong.serve_admin_api`), and the
   * 0.x spelling `kong.<handler>()` (`legacyGlobal`), which 0.14 renamed.
   */
  handlerCalls: { name: string; context: string; phase: string; at: Position; legacyGlobal?: true }[];
  servers: { name: string; at: Position }[];
  locations: { path: string; context: string; at: Position }[];
  upstreams: { name: string; at: Position }[];
  /** `> for _, el in ipairs(nginx_http_directives) do` loops, by list name. */
  injectionLists: { name: string; at: Position }[];
  /** Every directive with its normalised context. */
  directives: { directive: Directive; context: string }[];
  /** True when the template carries the http / stream content itself (not only an include). */
  hasHttpContent: boolean;
  hasStreamContent: boolean;
}

const IPAIRS = /\bipairs\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)/;
const KONG_REF = /\bKong\.([A-Za-z_][A-Za-z0-9_]*)/g;
/**
 * Kong's phase handlers called through the lowercase global, as templates up to 0.13 did. Only
 * these names with empty parentheses: `kong.log.err(...)` and `kong.log("...")` are PDK calls.
 */
const LEGACY_HANDLER_CALL = /\bkong\.(init|init_worker|balancer|ssl_certificate|rewrite|access|header_filter|body_filter|log|handle_error|serve_admin_api)\s*\(\s*\)/g;

/** `['http','server']` for any path that goes through http or stream; `main>...` otherwise. */
export function elementContext(path: readonly string[], role: TemplateRole): string {
  const full = role === 'http' ? ['http', ...path] : role === 'stream' ? ['stream', ...path] : path;
  const last = Math.max(full.lastIndexOf('http'), full.lastIndexOf('stream'));
  if (last >= 0) return full.slice(last).join('>');
  return ['main', ...full].join('>');
}

/** The part of the file a directive falls into, as a stock context would start it (`main` prefix dropped). */
export function normalizeStockContext(context: string): string {
  return context.replace(/^main>(?=(http|stream)\b)/, '');
}

export function extractElements(config: ParsedConfig, role: TemplateRole): TemplateElements {
  const out: TemplateElements = {
    dicts: [], includes: [], handlerCalls: [], servers: [], locations: [], upstreams: [], injectionLists: [],
    directives: [], hasHttpContent: role === 'http', hasStreamContent: role === 'stream',
  };
  for (const d of config.all) {
    const context = elementContext(d.context, role);
    out.directives.push({ directive: d, context });
    const first = d.args[0]?.value ?? '';
    // A wrapper's `http { include 'nginx-kong.conf'; }` carries no content of its own.
    if (context.startsWith('http') && d.name !== 'include') out.hasHttpContent = true;
    if (context.startsWith('stream') && d.name !== 'include') out.hasStreamContent = true;
    switch (d.name) {
      case 'lua_shared_dict':
        out.dicts.push({ name: first, size: d.args[1]?.value ?? '', context, at: d.at });
        break;
      case 'include':
        out.includes.push({ target: first.replace(/^.*\//, ''), context, at: d.at });
        break;
      case 'server_name':
        for (const a of d.args) out.servers.push({ name: a.value, at: a.at });
        break;
      case 'location':
        out.locations.push({ path: d.args.map((a) => a.value).join(' '), context, at: d.at });
        break;
      case 'upstream':
        out.upstreams.push({ name: first, at: d.at });
        break;
    }
    const lua = d.lua?.code ?? (/_by_lua$/.test(d.name) ? first : undefined);
    if (lua !== undefined) {
      const base = d.lua?.at ?? d.args[0]?.at ?? d.at;
      for (const m of lua.matchAll(KONG_REF)) {
        out.handlerCalls.push({ name: m[1], context, phase: d.name, at: positionIn(lua, m.index ?? 0, base) });
      }
      for (const m of lua.matchAll(LEGACY_HANDLER_CALL)) {
        out.handlerCalls.push({ name: m[1], context, phase: d.name, at: positionIn(lua, m.index ?? 0, base), legacyGlobal: true });
      }
    }
  }
  for (const t of config.templateLines) {
    const m = t.kind === 'for' ? IPAIRS.exec(t.code) : null;
    if (m && /^nginx_.*directives$/.test(m[1])) out.injectionLists.push({ name: m[1], at: t.at });
  }
  return out;
}

/** Position of `offset` inside a Lua body that starts at `base`. */
function positionIn(code: string, offset: number, base: Position): Position {
  const before = code.slice(0, offset);
  const newlines = before.split('\n').length - 1;
  if (newlines === 0) return { line: base.line, column: base.column + offset };
  return { line: base.line + newlines, column: offset - before.lastIndexOf('\n') };
}
