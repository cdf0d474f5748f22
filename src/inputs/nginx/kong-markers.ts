// Whether a parsed file shows anything that only a Kong nginx template has. A file Kong can run
// either renders kong.conf into it (placeholders, `> ` lines), calls Kong from Lua, includes the
// files Kong generates, or declares Kong's shared dicts; a file with none of these (an nginx
// load balancer in front of Kong, a Lua script named nginx_kong.lua) is some other file.

import type { ParsedConfig } from './types';

/** The Kong-specific things looked for, as the refusal names them. */
export const KONG_MARKERS = 'a `${{...}}` placeholder, a `> ` template line, a `Kong.`/`kong.` call in Lua, an include of nginx-kong*.conf or nginx-inject.conf, or a `kong*` shared dict';

const KONG_IN_LUA = /\b[Kk]ong\.[A-Za-z_]/;
const KONG_GENERATED_INCLUDE = /^nginx-(kong[-a-z]*|inject)\.conf$/;
const KONG_DICT = /^(stream_)?kong(_|$)/;

export function showsKongMarkers(parsed: ParsedConfig): boolean {
  if (parsed.placeholders.length > 0 || parsed.templateLines.length > 0) return true;
  return parsed.all.some((d) => {
    const first = d.args[0]?.value ?? '';
    switch (d.name) {
      case 'include': return KONG_GENERATED_INCLUDE.test(first.replace(/^.*\//, ''));
      case 'lua_shared_dict': return KONG_DICT.test(first);
    }
    // `*_by_lua_block { ... }` keeps its code on `lua`; `*_by_lua '...'` has it as the argument.
    const lua = d.lua?.code ?? (/_by_lua$/.test(d.name) ? first : undefined);
    return lua !== undefined && KONG_IN_LUA.test(lua);
  });
}
