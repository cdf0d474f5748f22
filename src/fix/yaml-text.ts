// Writes the values a conversion adds as YAML (or JSON) text that Kong's YAML reader, lyaml,
// reads back as the same values: scalars on one line in the style they had when that still holds,
// flow collections, and block entries through the `yaml` package. lyaml reads plain scalars as
// YAML 1.1 does (kong-yaml-scalars.ts), so text such as `no`, `0755` or `_1` is written quoted.

import { Document, visit } from 'yaml';
import { plainReadsAsText } from '../inputs/declarative/kong-yaml-scalars';

/**
 * yaml 2.9.1 breaks a long double-quoted scalar over several lines and mis-escapes a line that
 * holds only blanks (a line ` ` came back as `\`): Lua code in pre-function plugins was damaged.
 * Double-quoted text is therefore never split.
 */
export const YAML_WRITE_OPTIONS = { lineWidth: 0, doubleQuotedMinMultiLineLength: Infinity } as const;

/** Characters a plain or single-quoted scalar cannot carry as they are. */
const NEEDS_ESCAPE = /[\x00-\x1f\x7f\x80-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\p{Cs}/u;
/** A plain scalar cannot start with a YAML indicator. */
const INDICATOR_FIRST = /^[-?:,[\]{}#&*!|>'"%@`]/;

const TEMPLATE_OPEN = '${{';

const NAMED_ESCAPES: Readonly<Record<number, string>> = {
  0x00: '\\0', 0x07: '\\a', 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0b: '\\v', 0x0c: '\\f', 0x0d: '\\r', 0x1b: '\\e', 0x22: '\\"', 0x5c: '\\\\',
};

function canBePlain(text: string, inFlow: boolean): boolean {
  if (text === '' || text !== text.trim() || NEEDS_ESCAPE.test(text) || INDICATOR_FIRST.test(text)) return false;
  if (text.includes(': ') || text.includes(' #') || text.endsWith(':') || text === '<<' || /^(?:---|\.\.\.)/.test(text)) return false;
  // Inside [ ] or { } a comma, bracket or colon would end or split the scalar.
  if (inFlow && /[,[\]{}:]/.test(text)) return false;
  return plainReadsAsText(text);
}

function doubleQuoted(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const named = NAMED_ESCAPES[code];
    if (named !== undefined) out += named;
    else if (NEEDS_ESCAPE.test(char)) out += code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

function numberText(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (value === Infinity) return '.inf';
  if (value === -Infinity) return '-.inf';
  return String(value);
}

/**
 * A scalar on one line. `style` is how the value it replaces was written (the `yaml` package's
 * scalar type): kept when the new value can be written that way.
 */
export function scalarText(value: unknown, style: string | undefined, inFlow: boolean, json: boolean): string {
  if (json) {
    const text = JSON.stringify(value);
    if (text === undefined || (typeof value === 'number' && !Number.isFinite(value))) throw new Error(`${String(value)} has no JSON form`);
    return text;
  }
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return numberText(value);
  const text = String(value);
  const singleQuotable = !NEEDS_ESCAPE.test(text);
  // A decK template expression is read masked (its quotes turned to `'`, deck-templates.ts) and
  // put back after writing; only inside double quotes do those quotes come out as written.
  if (style === 'QUOTE_DOUBLE' || text.includes(TEMPLATE_OPEN)) return doubleQuoted(text);
  if (style === 'QUOTE_SINGLE' && singleQuotable) return `'${text.replace(/'/g, "''")}'`;
  if (canBePlain(text, inFlow)) return text;
  return singleQuotable ? `'${text.replace(/'/g, "''")}'` : doubleQuoted(text);
}

/** A value as one line of flow YAML (`{a: 1, b: [x]}`) or compact JSON. */
export function flowText(value: unknown, json: boolean): string {
  if (json) return scalarText(value, undefined, true, true);
  if (Array.isArray(value)) return `[${value.map((item) => flowText(item, false)).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record).map((key) => `${scalarText(key, undefined, true, false)}: ${flowText(record[key], false)}`).join(', ')}}`;
  }
  return scalarText(value, undefined, true, false);
}

/**
 * Mapping entries as block YAML at column 0, each line ending with `\n`. Multi-line text becomes a
 * literal block (`|`), as Lua code in a pre-function plugin is best read.
 */
export function blockEntries(entries: readonly (readonly [string, unknown])[], indentSeq: boolean): string {
  // A plain object (a Map would be written as YAML 1.1's `!!omap`), without its prototype's setters.
  const map: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  const doc = new Document(map, { version: '1.1', aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && (!plainReadsAsText(node.value) || node.value.includes(TEMPLATE_OPEN))) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ ...YAML_WRITE_OPTIONS, indentSeq });
}
