// The value LuaJIT gives a numeric literal. A rule that judges `PRIORITY = 1e3` must see the number
// Kong sees once the file is loaded, not the spelling: `1000.0`, `1e3` and `0x3E8` are all 1000.

const CDATA_SUFFIX = /(?:[uU]?[lL][lL]|i)$/;
const HEX = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?$/;

/**
 * The number a literal token's text evaluates to, or undefined when LuaJIT makes something else of
 * it: the `LL`/`ULL` suffixes give a 64-bit integer cdata and `i` an imaginary one, and `type()`
 * calls neither a number. Out-of-range decimals give Infinity, as they do in LuaJIT.
 */
export function luaNumberValue(literal: string): number | undefined {
  if (CDATA_SUFFIX.test(literal)) return undefined;
  const hex = HEX.exec(literal);
  if (hex) {
    // LuaJIT reads hex fractions and binary exponents (`0x1.8p1` is 3); Lua 5.1 alone would not.
    const [, whole, fraction = '', exponent = '0'] = hex;
    const digits = whole + fraction;
    if (digits === '') return undefined;
    return Number(BigInt(`0x${digits}`)) * 2 ** (Number(exponent) - 4 * fraction.length);
  }
  // Decimal forms (`10`, `1.`, `.5`, `1e3`) read the same in JavaScript, rounding included.
  const value = Number(literal);
  return Number.isNaN(value) ? undefined : value;
}
