// Lua's (LuaJIT 2.1, as shipped in OpenResty) `tonumber` and `tostring` for numbers. Kong runs
// every kong.conf value that starts with a digit, `+` or `-` through `tonumber` (Penlight) and
// renders it back with `tostring`, and types `number` properties with `tonumber`: that is why
// `05432` becomes `5432`, `0x10` becomes `16` and a 20-digit numeric password loses digits.
// Behaviour modelled on LuaJIT's `lj_strscan.c` (scanner) and `lj_strfmt_num.c` (`%.14g`).

const LUA_SPACE = /[ \t\n\v\f\r]/;

function isLuaSpace(ch: string | undefined): boolean {
  return ch !== undefined && LUA_SPACE.test(ch);
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function isHexDigit(ch: string | undefined): boolean {
  return ch !== undefined && /^[0-9a-fA-F]$/.test(ch);
}

/**
 * Lua `tonumber(text)` with base 10: decimal (with fraction and exponent), hexadecimal `0x`
 * (with fraction and `p` exponent), binary `0b`, `inf`/`infinity`/`nan`, an optional sign and
 * surrounding whitespace. Returns undefined where Lua returns nil.
 */
export function luaToNumber(text: string): number | undefined {
  let i = 0;
  let negative = false;
  if (!isDigit(text[i])) {
    while (isLuaSpace(text[i])) i++;
    if (text[i] === '+' || text[i] === '-') negative = text[i++] === '-';
    // LuaJIT reads `inf`, `infinity` and `nan` (any case) once the next byte is a letter or above.
    if (i < text.length && text.charCodeAt(i) >= 65) return scanInfNan(text, i, negative);
  }
  return scanRegular(text, i, negative);
}

function scanInfNan(text: string, start: number, negative: boolean): number | undefined {
  let i = start;
  let value = NaN;
  const lower = text.toLowerCase();
  if (lower.startsWith('inf', i)) {
    value = negative ? -Infinity : Infinity;
    i += lower.startsWith('infinity', i) ? 8 : 3;
  } else if (lower.startsWith('nan', i)) {
    i += 3;
  } else {
    return undefined;
  }
  while (isLuaSpace(text[i])) i++;
  return i === text.length ? value : undefined;
}

function scanRegular(text: string, start: number, negative: boolean): number | undefined {
  let i = start;
  let base = 10;
  if (text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X')) {
    base = 16;
    i += 2;
  } else if (text[i] === '0' && (text[i + 1] === 'b' || text[i + 1] === 'B')) {
    base = 2;
    i += 2;
  }
  const isMantissaDigit = base === 16 ? isHexDigit : isDigit;
  let digits = '';
  let fractionDigits = 0;
  let sawPoint = false;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (isMantissaDigit(ch)) {
      digits += ch;
      if (sawPoint) fractionDigits++;
    } else if (ch === '.') {
      if (sawPoint) return undefined;
      sawPoint = true;
    } else {
      break;
    }
  }
  if (digits === '') return undefined;

  let exponent = 0;
  const exponentMark = base === 16 ? 'p' : 'e';
  if (base >= 10 && text[i]?.toLowerCase() === exponentMark) {
    i++;
    let exponentNegative = false;
    if (text[i] === '+' || text[i] === '-') exponentNegative = text[i++] === '-';
    if (!isDigit(text[i])) return undefined;
    let exponentDigits = '';
    while (isDigit(text[i])) exponentDigits += text[i++];
    exponent = Number(exponentDigits) * (exponentNegative ? -1 : 1);
  }
  // Only whitespace may follow: C suffixes (`LL`, `U`, `i`) are refused by plain tonumber.
  while (isLuaSpace(text[i])) i++;
  if (i !== text.length) return undefined;

  let magnitude: number;
  if (base === 10) {
    const mantissa = sawPoint ? `${digits.slice(0, digits.length - fractionDigits) || '0'}.${digits.slice(digits.length - fractionDigits)}` : digits;
    magnitude = Number(`${mantissa}e${exponent}`);
  } else if (base === 16) {
    magnitude = Number(BigInt(`0x${digits}`)) * 2 ** (exponent - 4 * fractionDigits);
  } else {
    // Binary: only 0 and 1, no fraction, at most 64 digits.
    if (!/^[01]+$/.test(digits) || fractionDigits > 0 || digits.length > 64) return undefined;
    magnitude = Number(BigInt(`0b${digits}`));
  }
  return negative ? -magnitude : magnitude;
}

/**
 * Lua `tostring(n)`: C `%.14g` (LuaJIT rounds the exact binary value half-up, as JavaScript's
 * `toExponential` does), `inf`, `-inf`, `nan`, `-0`.
 */
export function luaNumberToString(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mantissa, exponentText] = n.toExponential(13).split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 14) {
    const sign = exponent < 0 ? '-' : '+';
    const digits = String(Math.abs(exponent)).padStart(2, '0');
    return `${stripTrailingZeros(mantissa)}e${sign}${digits}`;
  }
  return stripTrailingZeros(n.toFixed(13 - exponent));
}

function stripTrailingZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
