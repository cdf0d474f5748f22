// The line layer of kong.conf, as Penlight's `pl.config.read` does it for Kong (called with
// `smart = false`, `list_delim = "_blank_"`): skipped comment and blank lines, backslash
// continuation, `[section]` headers, the `key = value` split and key "variabilizing". Kong calls
// it from `load_config` (Kong/kong kong/conf_loader/init.lua). Nothing here judges the result:
// oddities are returned as entries the loader turns into diagnostics.

import { trimLuaSpace } from './comments';
import { luaNumberToString, luaToNumber } from './lua-number';

/** A 1-based position in the file. */
export interface Position {
  line: number;
  column: number;
}

/** A `key = value` line (possibly continued over several physical lines). */
export interface AssignmentEntry {
  kind: 'assignment';
  rawKey: string;
  /** Non-alphanumeric characters replaced by `_`, one per UTF-8 byte, as Penlight does. */
  key: string;
  /** The text after `=` and the whitespace around it, trimmed. */
  rawValue: string;
  /** The value after Penlight's number conversion (`05432` -> `5432`), before comment stripping. */
  penlightValue: string;
  /** True when Penlight turned the value into a Lua number (it then carries no comment). */
  numeric: boolean;
  keyAt: Position;
  /** Last physical line of a continued entry. */
  endLine: number;
  /** The `[section]` the key sits under: Kong ignores such keys. */
  section?: string;
}

export interface SectionEntry {
  kind: 'section';
  /** Undefined when the header has no `]` or nothing between the brackets: Penlight then fails. */
  name?: string;
  at: Position;
}

/** A line without `=`, kept by Penlight as a positional value that Kong never reads. */
export interface PositionalEntry {
  kind: 'positional';
  text: string;
  at: Position;
}

/** A key with nothing before its `=`: Penlight stores it under an empty name Kong never reads. */
export interface EmptyKeyEntry {
  kind: 'empty-key';
  at: Position;
}

/** A continuation backslash on the last logical line: Penlight drops the pending text. */
export interface DanglingEntry {
  kind: 'dangling-continuation';
  at: Position;
}

export type PenlightEntry = AssignmentEntry | SectionEntry | PositionalEntry | EmptyKeyEntry | DanglingEntry;

const BOM = '\uFEFF';
const BLANK_OR_COMMENT = /^[ \t\n\v\f\r]*(?:[;#]|$)/;
const CONTINUATION = /\\[ \t\n\v\f\r]*$/;

/** A piece of a logical line (a physical line from its start), so offsets map back to positions. */
interface Fragment {
  text: string;
  line: number;
}

class LogicalLine {
  constructor(private readonly fragments: Fragment[], private readonly bomOnFirstLine: boolean) {}

  get text(): string {
    return this.fragments.map((f) => f.text).join('');
  }

  get endLine(): number {
    return this.fragments[this.fragments.length - 1].line;
  }

  /** File position of an offset in the joined text; the BOM does not count as a column. */
  positionOf(offset: number): Position {
    let remaining = offset;
    for (const fragment of this.fragments) {
      if (remaining < fragment.text.length || fragment === this.fragments[this.fragments.length - 1]) {
        const bomShift = this.bomOnFirstLine && fragment.line === 1 && remaining > 0 ? 1 : 0;
        return { line: fragment.line, column: remaining + 1 - bomShift };
      }
      remaining -= fragment.text.length;
    }
    return { line: 1, column: 1 };
  }
}

/**
 * Joins continued lines and drops blank and comment lines, as `pl.config.lines` does: a comment
 * or blank line between continued lines does not break the continuation.
 */
function logicalLines(lines: readonly string[], hasBom: boolean): { logical: LogicalLine[]; dangling?: Position } {
  const logical: LogicalLine[] = [];
  let pending: Fragment[] = [];
  lines.forEach((text, index) => {
    if (BLANK_OR_COMMENT.test(text)) return;
    const continuation = CONTINUATION.exec(text);
    if (continuation) {
      pending.push({ text: text.slice(0, continuation.index), line: index + 1 });
      return;
    }
    logical.push(new LogicalLine([...pending, { text, line: index + 1 }], hasBom));
    pending = [];
  });
  const dangling = pending.length > 0 ? new LogicalLine(pending, hasBom).positionOf(0) : undefined;
  return { logical, dangling };
}

/**
 * Penlight's key "variabilizing": each byte that is not an ASCII letter or digit becomes `_`, so
 * a non-ASCII character (or a byte-order mark) becomes as many `_` as it has UTF-8 bytes.
 */
export function variabilize(rawKey: string): string {
  if (/^\w*$/.test(rawKey)) return rawKey; // ASCII letters, digits and `_`: nothing to replace
  let key = '';
  for (const ch of rawKey) {
    key += /^[A-Za-z0-9]$/.test(ch) ? ch : '_'.repeat(Buffer.byteLength(ch, 'utf8'));
  }
  return key;
}

/**
 * Penlight's value conversion with `list_delim = "_blank_"`: a value starting with a digit, `+`
 * or `-` that Lua's `tonumber` accepts becomes a number, which Kong later renders back as text.
 * A value ending in ` kB` is retried without every ` kB` in it (a Penlight quirk kept here).
 * Not modelled: a value containing the text `_blank_` (the dummy list delimiter) would be split
 * into a table and end up unusable; no real setting contains it.
 */
function convertValue(afterEquals: string): { text: string; numeric: boolean } {
  let value = afterEquals;
  if (/^[0-9+-]/.test(value)) {
    let number = luaToNumber(value);
    if (number === undefined && / kB$/.test(value)) {
      value = value.split(' kB').join('');
      number = luaToNumber(value);
    }
    if (number !== undefined) return { text: luaNumberToString(number), numeric: true };
  }
  return { text: trimLuaSpace(value), numeric: false };
}

/** Reads the lines of a kong.conf (newlines removed, `\r` kept) into Penlight's entries. */
export function readPenlightEntries(lines: readonly string[]): PenlightEntry[] {
  const hasBom = lines.length > 0 && lines[0].startsWith(BOM);
  const { logical, dangling } = logicalLines(lines, hasBom);
  const entries: PenlightEntry[] = [];
  let section: string | undefined;
  for (const line of logical) {
    const text = line.text;
    if (hasBom && line.positionOf(0).line === 1 && BLANK_OR_COMMENT.test(text.slice(1))) {
      // A comment on the first line behind a BOM: Penlight reads it as a line, but it only ever
      // yields a key or positional value Kong ignores. The loader reports the BOM once.
      continue;
    }
    if (text.startsWith('[')) {
      // Penlight takes the first `[name]` on the line; without one it fails on a nil name.
      const match = /\[([^\]]+)\]/.exec(text);
      const name = match ? variabilize(match[1]) : undefined;
      entries.push({ kind: 'section', name, at: line.positionOf(0) });
      section = name ?? '';
      continue;
    }
    const indent = /^[ \t\n\v\f\r]*/.exec(text)![0].length;
    const body = text.slice(indent);
    const equals = body.indexOf('=');
    if (equals < 0) {
      entries.push({ kind: 'positional', text: trimLuaSpace(body), at: line.positionOf(indent) });
      continue;
    }
    const rawKey = body.slice(0, equals).replace(/[ \t\n\v\f\r]+$/, '');
    if (rawKey === '') {
      entries.push({ kind: 'empty-key', at: line.positionOf(indent) });
      continue;
    }
    const afterEquals = body.slice(equals + 1).replace(/^[ \t\n\v\f\r]+/, '');
    const converted = convertValue(afterEquals);
    entries.push({
      kind: 'assignment',
      rawKey,
      key: variabilize(rawKey),
      rawValue: trimLuaSpace(afterEquals),
      penlightValue: converted.text,
      numeric: converted.numeric,
      keyAt: line.positionOf(indent),
      endLine: line.endLine,
      ...(section !== undefined ? { section } : {}),
    });
  }
  if (dangling) entries.push({ kind: 'dangling-continuation', at: dangling });
  return entries;
}
