// The `.env` and env_file format as docker compose reads it (compose-go
// dotenv/parser.go@e70e961): `NAME=value` or `NAME: value`, an optional `export ` before the
// name, `#` comment lines, a name alone on its line taking the value the lookup gives it.
// An unquoted value runs to the end of its line, cut at ` #`, trailing blanks dropped; a quoted
// one runs to its closing quote, over several lines if need be. Single quotes keep the text as
// written; double quotes read the shell escapes (`\n`, `\"`, `\$`, ...); unquoted and
// double-quoted values then get `${NAME}` substituted: the lookup first (the shell docker compose
// runs in, for the project .env), then the values of earlier entries (dotenv/godotenv.go@e70e961
// `expandVariables`, dotenv/env.go@e70e961 `GetEnvFromFile`).
//
// Where docker compose would stop on a malformed line, the line is skipped here: the file is
// still read for what it does say.

import { interpolate, substitutionBudget, withSubstitutionPlace, type VariableLookup } from './interpolate';

export interface DotEnvEntry {
  name: string;
  /** The value, variables substituted; a variable without a known value stays written `${NAME}`. */
  value: string;
  /** The value as the file writes it, quotes removed: hidden too when the name says it is a secret. */
  written: string;
  line: number;
  quote?: '"' | "'";
  /** Variables the value depends on that have no known value (nor default), through earlier entries too. */
  unresolved?: string[];
  /** A name alone on its line: its value came from the lookup. */
  inherited?: true;
  /** Names whose values the lookup gave, directly or through earlier entries (the shell's `CI_TAG` in `TAG=${CI_TAG}`). */
  fromLookup?: string[];
}

export interface DotEnvOptions {
  /** The file read, for the message of a substitution too large to make. */
  file?: string;
  /** Values looked up before the file's own earlier entries. */
  lookup?: VariableLookup;
  /**
   * The values read so far, a later entry's over an earlier's: earlier env files of the same list
   * share it, as docker compose's one map does. Entries are written into it.
   */
  values?: Map<string, string>;
  /** Beside `values`, shared the same way: the names whose value waits on unknown variables, with those variables. */
  unknown?: Map<string, string[]>;
  /** Beside `values`, shared the same way: the names whose value took lookup values, with the names looked up. */
  fromLookup?: Map<string, string[]>;
}

const NAME_CHAR = /[\p{L}\p{N}_.[\]-]/u;

export function parseDotEnv(text: string, options: DotEnvOptions = {}): DotEnvEntry[] {
  const values = options.values ?? new Map<string, string>();
  // Earlier entries that wait on an unknown variable: a value copying one waits on it too.
  const pending = options.unknown ?? new Map<string, string[]>();
  const lookedUp = options.fromLookup ?? new Map<string, string[]>();
  let taken = new Set<string>();
  const outside = (name: string) => options.lookup?.get(name);
  const known: VariableLookup = {
    get: (name) => {
      const value = outside(name);
      if (value !== undefined) {
        taken.add(name);
        return value;
      }
      for (const behind of lookedUp.get(name) ?? []) taken.add(behind);
      return values.get(name);
    },
    unknownOf: (name) => (outside(name) !== undefined ? options.lookup?.unknownOf?.(name) : pending.get(name)),
  };
  const entries: DotEnvEntry[] = [];
  const budget = substitutionBudget();
  const lineAt = lineCounter(text);
  let i = 0;
  while (i < text.length) {
    i = skipBlank(text, i);
    if (i >= text.length) break;
    if (text[i] === '#') {
      i = endOfLine(text, i);
      continue;
    }
    const start = i;
    const exported = /^export[ \t]+/.exec(text.slice(i, i + 16));
    if (exported) i += exported[0].length;
    // The name runs to `=`, `:` or the end of the line; blanks may sit inside but not stay.
    let j = i;
    let bad = false;
    while (j < text.length && !'=:\n'.includes(text[j])) {
      if (!isBlank(text[j]) && !NAME_CHAR.test(text[j])) bad = true;
      j += 1;
    }
    const name = text.slice(i, j).replace(/[\s]+$/, '');
    if (bad || name === '' || /\s/.test(name)) {
      i = endOfLine(text, j);
      continue;
    }
    const line = lineAt(start);
    if (j >= text.length || text[j] === '\n') {
      const value = outside(name);
      if (value !== undefined) {
        const behind = [...(options.lookup?.unknownOf?.(name) ?? [])];
        values.set(name, value);
        record(name, behind, [name]);
        entries.push({ name, value, written: value, line, inherited: true, fromLookup: [name], ...(behind.length > 0 ? { unresolved: behind } : {}) });
      } else entries.push({ name, value: `\${${name}}`, written: '', line, inherited: true, unresolved: [name] });
      i = j;
      continue;
    }
    i = j + 1;
    while (i < text.length && isBlank(text[i])) i += 1;
    const quote = text[i];
    let written: string;
    let toExpand: string | undefined;
    if (quote === '"' || quote === "'") {
      const closed = quotedValue(text, i, quote);
      if (!closed) {
        i = endOfLine(text, i);
        continue;
      }
      written = closed.text;
      toExpand = quote === '"' ? shellEscapes(closed.text) : undefined;
      i = closed.end;
    } else {
      const end = endOfLine(text, i);
      const comment = text.slice(i, end).indexOf(' #');
      written = text.slice(i, comment < 0 ? end : i + comment).replace(/\s+$/, '');
      toExpand = written;
      i = end;
    }
    const entry: DotEnvEntry = { name, value: written, written, line, ...(quote === '"' || quote === "'" ? { quote } : {}) };
    taken = new Set();
    if (toExpand !== undefined) {
      const expandable = toExpand;
      const expanded = withSubstitutionPlace(options.file, line, () => interpolate(expandable, { known, escape: 'double-dollar', budget }));
      entry.value = expanded.text;
      if (expanded.unresolved.length > 0) entry.unresolved = expanded.unresolved;
      if (taken.size > 0) entry.fromLookup = [...taken];
    }
    values.set(name, entry.value);
    record(name, entry.unresolved ?? [], entry.fromLookup ?? []);
    entries.push(entry);
  }
  return entries;

  function record(name: string, unresolved: readonly string[], fromLookup: readonly string[]): void {
    if (unresolved.length > 0) pending.set(name, [...unresolved]);
    else pending.delete(name);
    if (fromLookup.length > 0) lookedUp.set(name, [...fromLookup]);
    else lookedUp.delete(name);
  }
}

function isBlank(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\v' || ch === '\f' || ch === '\r' || ch === '\u0085' || ch === '\u00a0';
}

function skipBlank(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i])) i += 1;
  return i;
}

function endOfLine(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/** The 1-based line of an offset; offsets are asked in increasing order. */
function lineCounter(text: string): (offset: number) => number {
  let line = 1;
  let at = 0;
  return (offset) => {
    for (; at < offset; at++) if (text.charCodeAt(at) === 10) line += 1;
    return line;
  };
}

/**
 * The text between the quote at `open` and the next one not after a backslash: a backslash before
 * the quote is dropped, any other is kept for the escapes below. Undefined when never closed.
 */
function quotedValue(text: string, open: number, quote: string): { text: string; end: number } | undefined {
  let out = '';
  let escaped = false;
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === quote) {
      if (!escaped) return { text: out, end: i + 1 };
      escaped = false;
      out += ch;
      continue;
    }
    if (!escaped && ch === '\\') {
      escaped = true;
      continue;
    }
    if (escaped) out += '\\';
    escaped = false;
    out += ch;
  }
  return undefined;
}

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', '\\': '\\' };

/**
 * Escapes of a double-quoted value: `\$` becomes `$$`, the escaped dollar of the substitution that
 * follows; `\0` with up to three digits is an octal byte; an escape not known is kept as written.
 */
function shellEscapes(text: string): string {
  return text.replace(/\\(?:[abcfnrtv$"\\]|0\d{0,3})/g, (match) => {
    const ch = match[1];
    if (ch === '$') return '$$';
    if (ch === '0') {
      const digits = match.slice(2);
      return /^[0-7]{3}$/.test(digits) && parseInt(digits, 8) < 256 ? String.fromCharCode(parseInt(digits, 8)) : `\\${digits}`;
    }
    return SIMPLE_ESCAPES[ch] ?? match;
  });
}
