// A small reader for Lua table constructors, enough to see the shape of a plugin's schema.lua,
// daos.lua and migrations: which keys a table has, whether `fields` is an array or keyed by name,
// where each key is written. Values other than tables stay as token spans.

import { expressionEnd } from './code';
import type { LuaToken } from './tokenizer';

export interface LuaTable {
  kind: 'table';
  open: LuaToken;
  fields: LuaTableField[];
}

export interface LuaExpr {
  kind: 'expr';
  tokens: LuaToken[];
}

export type LuaValue = LuaTable | LuaExpr;

export interface LuaTableField {
  /** `name` for `k = v`, `string` for `["k"] = v`, `expr` for `[expr] = v`; absent for array items. */
  keyKind?: 'name' | 'string' | 'expr';
  key?: string;
  /** For `[expr] = v`: the tokens between the brackets, for readers that can fold constants. */
  keyTokens?: LuaToken[];
  /** The key token, or the value's first token for array items. */
  at: LuaToken;
  value: LuaValue;
}

const isOp = (t: LuaToken | undefined, op: string): boolean => t?.kind === 'op' && t.value === op;

/**
 * The deepest table read as a table: LuaJIT refuses a chunk nested deeper than 200 syntax levels
 * ("chunk has too many syntax levels", LJ_MAX_XLEVEL in its src/lj_def.h), so no file Kong loads
 * nests further. A deeper table stays an expression span, found without recursion: a rockspec of
 * thousands of `{` overflowed the stack (a property test's counterexample).
 */
const MOST_NESTED_TABLES = 200;

/** Parses the table constructor whose `{` is at `open`; returns it and the index after its `}`. */
export function parseTable(code: readonly LuaToken[], open: number, depth = 1): { table: LuaTable; next: number } {
  const table: LuaTable = { kind: 'table', open: code[open], fields: [] };
  let i = open + 1;
  while (i < code.length && !isOp(code[i], '}')) {
    let field: Partial<LuaTableField> = {};
    if (code[i].kind === 'name' && isOp(code[i + 1], '=')) {
      field = { keyKind: 'name', key: code[i].value, at: code[i] };
      i += 2;
    } else if (isOp(code[i], '[') && code[i + 1]?.kind === 'string' && isOp(code[i + 2], ']') && isOp(code[i + 3], '=')) {
      field = { keyKind: 'string', key: code[i + 1].value, at: code[i + 1] };
      i += 4;
    } else if (isOp(code[i], '[')) {
      const close = expressionEnd(code, i + 1);
      field = { keyKind: 'expr', keyTokens: code.slice(i + 1, close), at: code[i] };
      i = close + 2; // past `]` and `=`
    }
    const { value, next } = parseValue(code, i, depth);
    table.fields.push({ ...field, at: field.at ?? code[i], value } as LuaTableField);
    i = next;
    if (isOp(code[i], ',') || isOp(code[i], ';')) i++;
    else if (!isOp(code[i], '}')) i = skipToSeparator(code, i);
  }
  return { table, next: i + 1 };
}

function parseValue(code: readonly LuaToken[], start: number, depth: number): { value: LuaValue; next: number } {
  if (isOp(code[start], '{') && depth < MOST_NESTED_TABLES) {
    // `{ ... }` followed by more expression (rare) is kept as a table; the caller skips the rest.
    const { table, next } = parseTable(code, start, depth + 1);
    return { value: table, next };
  }
  const end = expressionEnd(code, start);
  return { value: { kind: 'expr', tokens: code.slice(start, end) }, next: Math.max(end, start + 1) };
}

function skipToSeparator(code: readonly LuaToken[], i: number): number {
  const end = expressionEnd(code, i);
  const next = Math.max(end, i + 1);
  return isOp(code[next], ',') || isOp(code[next], ';') ? next + 1 : next;
}

/** The field of a table with a given key. */
export function tableField(table: LuaTable, key: string): LuaTableField | undefined {
  return table.fields.find((f) => f.key === key && f.keyKind !== 'expr');
}

/** Array items of a table (fields without a key). */
export function arrayItems(table: LuaTable): LuaTableField[] {
  return table.fields.filter((f) => f.keyKind === undefined);
}

/**
 * The table a module returns: `return { ... }`, or `return NAME` where `NAME = { ... }` was
 * assigned earlier at the top level. Undefined when the module returns something else.
 */
export function returnedTable(code: readonly LuaToken[]): LuaTable | undefined {
  const ret = lastTopLevelReturn(code);
  if (ret < 0) return undefined;
  const first = code[ret + 1];
  if (isOp(first, '{')) return parseTable(code, ret + 1).table;
  if (first?.kind !== 'name') return undefined;
  for (let i = ret - 1; i >= 0; i--) {
    if (code[i].kind === 'name' && code[i].value === first.value && isOp(code[i + 1], '=') && isOp(code[i + 2], '{')
      && !isOp(code[i - 1], '.')) {
      return parseTable(code, i + 2).table;
    }
  }
  return undefined;
}

/** The tokens of the expression the chunk returns (after its last top-level `return`), or undefined. */
export function returnedExpression(code: readonly LuaToken[]): LuaToken[] | undefined {
  const ret = lastTopLevelReturn(code);
  return ret < 0 ? undefined : code.slice(ret + 1, expressionEnd(code, ret + 1));
}

/** Index of the `return` that ends the chunk (outside any function or block), or -1. */
function lastTopLevelReturn(code: readonly LuaToken[]): number {
  let depth = 0;
  let found = -1;
  for (let i = 0; i < code.length; i++) {
    const t = code[i];
    if (t.kind !== 'keyword') continue;
    if (t.value === 'function' || t.value === 'if' || t.value === 'do' || t.value === 'repeat') depth++;
    else if (t.value === 'end' || t.value === 'until') depth--;
    else if (t.value === 'return' && depth === 0) found = i;
  }
  return found;
}
