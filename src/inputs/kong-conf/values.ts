// How Kong types a kong.conf value once read (`parse_value` in Kong/kong
// kong/conf_loader/parse.lua@3.9.3, `infer_value` in 2.x), plus the size and vault-reference
// readings several properties use. Rules use these to say what Kong will make of a value, for
// instance that `anonymous_reports = yes` is read as false, without erroring.

import { trimLuaSpace } from './comments';
import { luaToNumber } from './lua-number';

export { luaNumberToString, luaToNumber } from './lua-number';

export interface KongBoolean {
  /** What Kong uses: true only for `on` and `true` (exact case). */
  value: boolean;
  /** False for text Kong silently reads as false (`yes`, `1`, `ON`, `True`, typos). */
  recognised: boolean;
}

/** A `boolean` property: `on`/`true` are true, everything else false, with no error. */
export function readKongBoolean(text: string): KongBoolean {
  const value = trimLuaSpace(text);
  return { value: value === 'on' || value === 'true', recognised: ['on', 'off', 'true', 'false'].includes(value) };
}

export interface NgxBoolean {
  /** What Kong writes into nginx: `on` only for `on`; anything else (even `true`) is `off`. */
  value: 'on' | 'off';
  recognised: boolean;
}

/** An `ngx_boolean` property (`on`/`off` passed to nginx). */
export function readNgxBoolean(text: string): NgxBoolean {
  const value = trimLuaSpace(text);
  return { value: value === 'on' ? 'on' : 'off', recognised: value === 'on' || value === 'off' };
}

/**
 * A `number` property: Lua `tonumber` (decimal, hex, exponents, `inf`). Undefined means Kong ends
 * up with the property unset (`pg_port = abc`): no error, and the default is not restored.
 */
export function readKongNumber(text: string): number | undefined {
  return luaToNumber(trimLuaSpace(text));
}

/**
 * An `array` property: split on every `,` (no quoting or escaping), each element trimmed. Empty
 * elements are kept (`a,,b` has three); a trailing comma adds an empty last element.
 */
export function splitKongArray(text: string): string[] {
  const value = trimLuaSpace(text);
  if (value === '') return [];
  return value.split(',').map(trimLuaSpace);
}

/**
 * A vault reference as Kong recognises one: starts with `{vault://`, ends with `}` (`is_reference`
 * in kong/pdk/vault.lua@3.9.3). For array properties, test each element.
 */
export function isVaultReference(text: string): boolean {
  return text.startsWith('{vault://') && text.endsWith('}');
}

export interface NgxSize {
  /** Bytes as Kong computes them; 0 when the number part is not a number. */
  bytes: number;
  /** False when Kong falls back to 0 (`128mb`, `lots`). */
  valid: boolean;
}

const SIZE_UNITS: Record<string, number> = { k: 1024, K: 1024, m: 1024 ** 2, M: 1024 ** 2, g: 1024 ** 3, G: 1024 ** 3 };

/**
 * An nginx-style size (`128m`, `1g`, `8k`, `4096`) as Kong's `parse_ngx_size` reads it
 * (kong/tools/string.lua@3.9.3): one optional unit letter, then Lua `tonumber`, 0 on failure.
 */
export function parseNgxSize(text: string): NgxSize {
  const value = trimLuaSpace(text);
  const scale = SIZE_UNITS[value.slice(-1)];
  const number = luaToNumber(scale ? value.slice(0, -1) : value);
  return number === undefined ? { bytes: 0, valid: false } : { bytes: number * (scale ?? 1), valid: true };
}
