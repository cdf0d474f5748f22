// Lua number semantics and the typed readings rules share (parsing.md sections 1, 5 and 7).

import {
  isVaultReference,
  luaNumberToString,
  luaToNumber,
  parseNgxSize,
  readKongBoolean,
  readKongNumber,
  readNgxBoolean,
  splitKongArray,
} from '../../../src/inputs/kong-conf';
import { diagnosticsOf, loadLines, valueOf } from './conf-helpers';

describe('Lua tonumber', () => {
  it.each([
    ['5432', 5432],
    ['05432', 5432],
    ['+5', 5],
    ['-5', -5],
    ['1e3', 1000],
    ['1E-2', 0.01],
    ['1.50', 1.5],
    ['.5', 0.5],
    ['5.', 5],
    ['0x10', 16],
    ['0XfF', 255],
    ['-0x10', -16],
    ['0x1p4', 16],
    ['0x.8', 0.5],
    ['0b101', 5],
    ['  42  ', 42],
    ['inf', Infinity],
    ['-Infinity', -Infinity],
  ])('reads %j as %p', (text, expected) => {
    expect(luaToNumber(text)).toBe(expected);
  });

  it('reads nan as NaN', () => {
    expect(luaToNumber('nan')).toBeNaN();
  });

  it.each([['abc'], [''], ['1e'], ['0x'], ['1.2.3'], ['12abc'], ['1LL'], ['10u'], ['0b102'], ['- 5'], ['infinite'], ['5 5']])(
    'refuses %j',
    (text) => {
      expect(luaToNumber(text)).toBeUndefined();
    },
  );
});

describe('Lua tostring of numbers (%.14g)', () => {
  it.each([
    [5432, '5432'],
    [1000, '1000'],
    [1.5, '1.5'],
    [0.1, '0.1'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1e14, '1e+14'],
    [12345678901234, '12345678901234'],
    [123456789012344, '1.2345678901234e+14'],
    [123456789012345, '1.2345678901235e+14'], // a tie: LuaJIT rounds half up where C printf rounds to even
    [100000000000005, '1.0000000000001e+14'], // LuaJIT rounds half up
    [12345678901234567890, '1.2345678901235e+19'],
    [1e100, '1e+100'],
    [-0, '-0'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [NaN, 'nan'],
  ])('renders %p as %j', (n, text) => {
    expect(luaNumberToString(n)).toBe(text);
  });
});

describe('Penlight number conversion in the file', () => {
  it.each([
    ['05432', '5432'],
    ['0x10', '16'],
    ['1e3', '1000'],
    ['+8000', '8000'],
    ['12345678901234567890', '1.2345678901235e+19'],
    ['128 kB', '128'], // Penlight retries a value ending in " kB" without it
  ])('rewrites %j to %j and reports it', (written, read) => {
    const conf = loadLines([`pg_password = ${written}`]);
    const setting = conf.get('pg_password')!;
    expect(setting.value).toBe(read);
    expect(setting.numberLike).toBe(true);
    expect(setting.rawValue).toBe(written);
    expect(diagnosticsOf(conf, 'numeric-conversion')).toMatchObject([{ key: 'pg_password' }]);
  });

  it.each([['5432'], ['1.5'], ['abc'], ['1.2.3.4'], ['5432 # the port'], ['inf']])('keeps %j as written, quietly', (written) => {
    const conf = loadLines([`pg_port = ${written}`]);
    expect(diagnosticsOf(conf, 'numeric-conversion')).toEqual([]);
  });

  it('does not convert a number followed by a comment (Penlight sees the comment too)', () => {
    expect(valueOf(loadLines(['pg_port = 05432 # legacy']), 'pg_port')).toBe('05432');
  });

  it('leaves environment values as text', () => {
    expect(valueOf(loadLines([], { KONG_PG_PASSWORD: '0123' }), 'pg_password')).toBe('0123');
  });
});

describe('booleans', () => {
  it.each([
    ['on', true, true],
    ['true', true, true],
    ['off', false, true],
    ['false', false, true],
    ['yes', false, false],
    ['1', false, false],
    ['ON', false, false],
    ['True', false, false],
    ['enabled', false, false],
  ])('boolean %j is %p (recognised: %p)', (text, value, recognised) => {
    expect(readKongBoolean(text)).toEqual({ value, recognised });
  });

  it.each([
    ['on', 'on', true],
    ['off', 'off', true],
    ['true', 'off', false],
    ['On', 'off', false],
  ])('ngx_boolean %j is %j (recognised: %p)', (text, value, recognised) => {
    expect(readNgxBoolean(text)).toEqual({ value, recognised });
  });
});

describe('number properties', () => {
  it.each([
    ['5432', 5432],
    [' 0x1F ', 31],
    ['abc', undefined],
    ['5432tcp', undefined],
  ])('%j reads as %p', (text, expected) => {
    expect(readKongNumber(text)).toBe(expected);
  });
});

describe('arrays', () => {
  it.each([
    ['a, b ,c', ['a', 'b', 'c']],
    ['single', ['single']],
    ['a,,b', ['a', '', 'b']],
    ['a,', ['a', '']],
    ['', []],
    ['0.0.0.0:8000 reuseport, 0.0.0.0:8443 ssl', ['0.0.0.0:8000 reuseport', '0.0.0.0:8443 ssl']],
  ])('%j splits into %j', (text, parts) => {
    expect(splitKongArray(text)).toEqual(parts);
  });
});

describe('vault references', () => {
  it.each([
    ['{vault://env/pg-password}', true],
    ['{vault://aws/kong/pg?region=eu-west-1}', true],
    ['{vault://env/x', false],
    [' {vault://env/x}', false],
    ['vault://env/x', false],
    ['{VAULT://env/x}', false],
  ])('%j is a reference: %p', (text, expected) => {
    expect(isVaultReference(text)).toBe(expected);
  });
});

describe('nginx sizes', () => {
  it.each([
    ['128m', 128 * 1024 ** 2, true],
    ['1g', 1024 ** 3, true],
    ['1G', 1024 ** 3, true],
    ['8k', 8 * 1024, true],
    ['4096', 4096, true],
    ['0.5m', 0.5 * 1024 ** 2, true],
    ['128mb', 0, false],
    ['k', 0, false],
    ['lots', 0, false],
  ])('%j is %p bytes (valid: %p)', (text, bytes, valid) => {
    expect(parseNgxSize(text)).toEqual({ bytes, valid });
  });
});
