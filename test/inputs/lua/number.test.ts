import { luaNumberValue } from '../../../src/inputs/lua/number';
import { codeTokens, tokenizeLua } from '../../../src/inputs/lua/tokenizer';

// Expected values are what LuaJIT 2.1 prints for `return <literal>`.
const literal = (src: string) => {
  const [token] = codeTokens(tokenizeLua(src));
  expect(token.kind).toBe('number');
  return luaNumberValue(token.value);
};

describe('luaNumberValue', () => {
  it.each([
    ['1000', 1000], ['1000.0', 1000], ['1e3', 1000], ['1E+3', 1000], ['1.', 1], ['.5', 0.5], ['1e-3', 0.001],
    ['0x3E8', 1000], ['0X3e8', 1000], ['0x1.8', 1.5], ['0x1.8p1', 3], ['0x10p-1', 8], ['0x.8p1', 1], ['0x1P4', 16],
  ])('reads %s as %d', (src, value) => {
    expect(literal(src)).toBe(value);
  });

  it('reads out-of-range decimals as infinity and very long hex integers as large numbers', () => {
    expect(literal('1e999')).toBe(Infinity);
    expect(literal('0xffffffffffffffffffff')).toBe(2 ** 80 - 1);
  });

  it.each(['1000LL', '1000ULL', '1000ull', '0x10LL', '1000i'])('gives no number for the cdata literal %s', (src) => {
    expect(literal(src)).toBeUndefined();
  });
});
