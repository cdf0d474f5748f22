// `%` specifiers in unit file values, as systemd's `specifier_printf` replaces them
// (systemd/systemd@b5efdb8a:src/shared/specifier.c): `%%` is a literal `%`; `%` before a letter or
// digit is looked up in the unit's table (src/core/unit-printf.c `unit_full_printf`, which
// `unit_env_printf` calls for `Environment=`), and a letter the table lacks makes systemd ignore
// the assignment; `%` before anything else, or at the very end, stays as written.
//
// Only the specifiers that the unit's own name decides are resolved here (%n, %N, %p, %P, %i, %I).
// The others name the host (%H, %m, %b), the user (%u, %h), directories (%t, %S) and more: the
// value is set on the Kong host but unknown here, and never guessed.

import { basename } from 'node:path';

export type Expanded = { text: string } | { unknown: string[] };

/** The parts of a unit name that name-based specifiers expand to (systemd.unit(5), "Specifiers"). */
export interface UnitName {
  /** `kong.service`, `kong@eu.service`. */
  full: string;
}

export function unitNameOf(file: string): UnitName {
  return { full: basename(file) };
}

/** `text` with its specifiers replaced, or the specifiers this tool cannot know. */
export function expandSpecifiers(text: string, unit: UnitName): Expanded {
  if (!text.includes('%')) return { text };
  const dot = unit.full.lastIndexOf('.');
  const withoutSuffix = dot > 0 ? unit.full.slice(0, dot) : unit.full;
  const at = withoutSuffix.indexOf('@');
  const prefix = at >= 0 ? withoutSuffix.slice(0, at) : withoutSuffix;
  const instance = at >= 0 ? withoutSuffix.slice(at + 1) : '';
  const known: Readonly<Record<string, string>> = {
    n: unit.full,
    N: withoutSuffix,
    p: prefix,
    P: unescapeUnitName(prefix),
    i: instance,
    I: unescapeUnitName(instance),
  };
  let out = '';
  const unknown: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const next = text[i + 1];
    if (next === undefined) {
      out += '%';
      continue;
    }
    i++;
    if (next === '%') out += '%';
    else if (Object.prototype.hasOwnProperty.call(known, next)) out += known[next];
    else if (/[A-Za-z0-9]/.test(next)) unknown.push(`%${next}`);
    else out += `%${next}`;
  }
  return unknown.length > 0 ? { unknown: [...new Set(unknown)] } : { text: out };
}

/** systemd's unit name unescaping (`unit_name_unescape`): `-` is `/`, `\xHH` a byte. */
function unescapeUnitName(text: string): string {
  return text.replace(/\\x([0-9a-fA-F]{2})|-/g, (match, hex: string | undefined) => (hex ? String.fromCharCode(parseInt(hex, 16)) : '/'));
}
