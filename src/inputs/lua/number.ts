// The value LuaJIT gives a numeric literal. A rule that judges `PRIORITY = 1e3` must see the number
// Kong sees once the file is loaded, not the spelling: `1000.0`, `1e3` and `0x3E8` are all 1000.
// LuaJIT's lexer and `tonumber` share one scanner (lj_strscan.c), which kong-conf/lua-number.ts
// already models; only the lexer's cdata suffixes are its own.

import { luaToNumber } from '../kong-conf/lua-number';

const CDATA_SUFFIX = /(?:[uU]?[lL][lL]|i)$/;

/**
 * The number a literal token's text evaluates to, or undefined when LuaJIT makes something else of
 * it: the `LL`/`ULL` suffixes give a 64-bit integer cdata and `i` an imaginary one, and `type()`
 * calls neither a number. Out-of-range decimals give Infinity, as they do in LuaJIT.
 */
export function luaNumberValue(literal: string): number | undefined {
  return CDATA_SUFFIX.test(literal) ? undefined : luaToNumber(literal);
}
