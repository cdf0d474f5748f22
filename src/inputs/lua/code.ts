// Reads the shapes plugin rules care about out of Lua tokens: `require` calls and what they are
// bound to, member chains such as `ngx.ctx.balancer_address`, and assignments such as
// `Handler.PRIORITY = 10`. Working on tokens means text inside comments and strings never matches.

import type { LuaToken } from './tokenizer';

export interface RequireCall {
  /** The module name, e.g. `kong.tools.utils`. */
  module: string;
  /** The `require` name token (for the position of the finding). */
  at: LuaToken;
  /** The local or global the result is assigned to: `local utils = require "kong.tools.utils"`. */
  binding?: string;
  /** A field read directly off the call: `require("kong.tools.utils").yield`. */
  member?: { name: string; at: LuaToken };
}

export interface MemberChain {
  /** `['ngx', 'ctx', 'balancer_address']`; `a["b"]` contributes `b`, `a:b()` contributes `b`. */
  parts: string[];
  /** The token of each part, same order. */
  tokens: LuaToken[];
  /** Index in the code tokens of the first part, and just past the last part. */
  start: number;
  end: number;
}

const isOp = (t: LuaToken | undefined, op: string): boolean => t?.kind === 'op' && t.value === op;
const isName = (t: LuaToken | undefined): t is LuaToken => t?.kind === 'name';

/** Every `require "x"`, `require 'x'`, `require [[x]]` and `require("x")` with a literal module name. */
export function findRequires(code: readonly LuaToken[]): RequireCall[] {
  const calls: RequireCall[] = [];
  for (let i = 0; i < code.length; i++) {
    const t = code[i];
    if (!isName(t) || t.value !== 'require') continue;
    // `x.require` or `obj:require` is someone else's function.
    if (isOp(code[i - 1], '.') || isOp(code[i - 1], ':')) continue;
    let j = i + 1;
    const parenthesised = isOp(code[j], '(');
    if (parenthesised) j++;
    const arg = code[j];
    if (arg?.kind !== 'string') continue;
    if (parenthesised && !isOp(code[j + 1], ')')) continue; // require("a" .. b): not a literal
    const after = parenthesised ? j + 2 : j + 1;
    const call: RequireCall = { module: arg.value, at: t };
    const binding = bindingBefore(code, i);
    if (binding) call.binding = binding;
    if ((isOp(code[after], '.') || isOp(code[after], ':')) && isName(code[after + 1])) {
      call.member = { name: code[after + 1].value, at: code[after + 1] };
    }
    calls.push(call);
  }
  return calls;
}

/**
 * Every `pcall(require, "x")` with a literal module name. Its binding is the second target of the
 * assignment (`local ok, gzip = pcall(require, "kong.tools.gzip")` binds `gzip`), which holds the
 * module when the require succeeded and the error message when it did not.
 */
export function findProtectedRequires(code: readonly LuaToken[]): RequireCall[] {
  const calls: RequireCall[] = [];
  for (let i = 0; i < code.length; i++) {
    const t = code[i];
    if (!isName(t) || t.value !== 'pcall' || isOp(code[i - 1], '.') || isOp(code[i - 1], ':')) continue;
    const [open, fn, comma, arg, close] = code.slice(i + 1, i + 6);
    if (!isOp(open, '(') || !isName(fn) || fn.value !== 'require' || !isOp(comma, ',')
      || arg?.kind !== 'string' || !isOp(close, ')')) continue;
    const call: RequireCall = { module: arg.value, at: fn };
    const binding = assignmentTargetsBefore(code, i)[1];
    if (binding) call.binding = binding;
    calls.push(call);
  }
  return calls;
}

/** The plain names in `local a, b = <here>` or `a, b = <here>`; empty when a target is a field. */
function assignmentTargetsBefore(code: readonly LuaToken[], index: number): string[] {
  if (!isOp(code[index - 1], '=')) return [];
  const targets: string[] = [];
  for (let j = index - 2; isName(code[j]); j -= 2) {
    if (isOp(code[j - 1], '.') || isOp(code[j - 1], ':')) return [];
    targets.unshift(code[j].value);
    if (!isOp(code[j - 1], ',')) break;
  }
  return targets;
}

/** The name in `local NAME = <here>` or `NAME = <here>`, when the expression starts at `index`. */
function bindingBefore(code: readonly LuaToken[], index: number): string | undefined {
  if (!isOp(code[index - 1], '=')) return undefined;
  const target = code[index - 2];
  if (!isName(target)) return undefined;
  // `a.b = require ...` binds a field, not a name we can follow.
  if (isOp(code[index - 3], '.') || isOp(code[index - 3], ':')) return undefined;
  return target.value;
}

/** Maximal member chains (`a.b.c`, `a:b`, `a["b"]`) starting at a name that is not itself a member. */
export function memberChains(code: readonly LuaToken[]): MemberChain[] {
  const chains: MemberChain[] = [];
  for (let i = 0; i < code.length; i++) {
    const t = code[i];
    if (!isName(t)) continue;
    const prev = code[i - 1];
    if (isOp(prev, '.') || isOp(prev, ':')) continue;
    const parts = [t.value];
    const tokens = [t];
    let j = i + 1;
    for (;;) {
      if ((isOp(code[j], '.') || isOp(code[j], ':')) && isName(code[j + 1])) {
        parts.push(code[j + 1].value);
        tokens.push(code[j + 1]);
        j += 2;
      } else if (isOp(code[j], '[') && code[j + 1]?.kind === 'string' && isOp(code[j + 2], ']')) {
        parts.push(code[j + 1].value);
        tokens.push(code[j + 1]);
        j += 3;
      } else break;
    }
    chains.push({ parts, tokens, start: i, end: j });
    i = j - 1;
  }
  return chains;
}

/**
 * Index of the chain part that completes `pattern`, or -1. `*.X` matches X after any prefix; a
 * trailing `*` in the last part matches a name prefix (`ngx.var.http_*`).
 */
export function chainMatchEnd(chain: MemberChain, pattern: string): number {
  const wanted = pattern.split('.');
  const partMatches = (actual: string, want: string) =>
    want.endsWith('*') ? actual.startsWith(want.slice(0, -1)) && actual.length > want.length - 1 : actual === want;
  if (wanted[0] === '*') {
    const rest = wanted.slice(1);
    for (let i = 1; i + rest.length <= chain.parts.length; i++) {
      if (rest.every((w, k) => partMatches(chain.parts[i + k], w))) return i + rest.length - 1;
    }
    return -1;
  }
  if (chain.parts.length < wanted.length) return -1;
  return wanted.every((w, k) => partMatches(chain.parts[k], w)) ? wanted.length - 1 : -1;
}

/**
 * True when the chain is written, not read: `a.b = v`, or one of several targets (`a.b, c = f()`).
 * `==` is its own token, so a comparison never counts. A bare name is left out: before `=` it may
 * be a table-constructor key (`{ x = 1 }`).
 */
export function isAssignmentTarget(code: readonly LuaToken[], chain: MemberChain): boolean {
  if (chain.parts.length < 2) return false;
  // Only an assignment has a dotted chain right before `=`; constructor keys and arguments cannot.
  if (isOp(code[chain.end], '=')) return true;
  let i = chain.end;
  while (isOp(code[i], ',')) {
    i = targetEnd(code, i + 1);
    if (i < 0) return false;
  }
  // `x, y = 1` after the chain also reads as a constructor `{ a.b, y = 1 }`: a statement is never in brackets.
  return isOp(code[i], '=') && !insideBrackets(code, chain.start);
}

/** Index just past an assignable expression (`t`, `t.k`, `t[i].k`) starting at `start`, or -1. */
function targetEnd(code: readonly LuaToken[], start: number): number {
  if (!isName(code[start])) return -1;
  let i = start + 1;
  for (;;) {
    if ((isOp(code[i], '.') || isOp(code[i], ':')) && isName(code[i + 1])) {
      i += 2;
    } else if (isOp(code[i], '[') || isOp(code[i], '(')) {
      const close = closingBracket(code, i);
      if (close < 0) return -1;
      i = close + 1;
    } else {
      return i;
    }
  }
}

/** Index of the bracket closing the one at `open`, or -1 when the file ends first. */
function closingBracket(code: readonly LuaToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i].kind !== 'op') continue;
    if (OPENERS.has(code[i].value)) depth++;
    else if (CLOSERS.has(code[i].value) && --depth === 0) return i;
  }
  return -1;
}

/** True when the innermost construct around `index` is a bracket, not a block or the file itself. */
function insideBrackets(code: readonly LuaToken[], index: number): boolean {
  const open: ('bracket' | 'block')[] = [];
  for (let i = 0; i < index; i++) {
    const t = code[i];
    if (t.kind === 'op' && OPENERS.has(t.value)) open.push('bracket');
    else if (t.kind === 'op' && CLOSERS.has(t.value)) open.pop();
    else if (t.kind === 'keyword' && BLOCK_OPEN.has(t.value)) open.push('block');
    else if (t.kind === 'keyword' && BLOCK_CLOSE.has(t.value)) open.pop();
  }
  return open[open.length - 1] === 'bracket';
}

/**
 * Assignments to a field name anywhere: `X.PRIORITY = v`, `{ PRIORITY = v }`, `X["PRIORITY"] = v`.
 * Returns the name token and the tokens of the value up to the end of the expression.
 */
export function fieldAssignments(code: readonly LuaToken[], field: string): { at: LuaToken; value: LuaToken[] }[] {
  const found: { at: LuaToken; value: LuaToken[] }[] = [];
  for (let i = 0; i < code.length; i++) {
    const t = code[i];
    let valueStart = -1;
    if (isName(t) && t.value === field && isOp(code[i + 1], '=')) {
      const prev = code[i - 1];
      // As a member (`X.PRIORITY =`) or as a table-constructor key (`{ PRIORITY =` / `, PRIORITY =`).
      if (isOp(prev, '.') || isOp(prev, '{') || isOp(prev, ',') || isOp(prev, ';')) valueStart = i + 2;
    } else if (t.kind === 'string' && t.value === field && isOp(code[i - 1], '[') && isOp(code[i + 1], ']') && isOp(code[i + 2], '=')) {
      valueStart = i + 3;
    }
    if (valueStart < 0) continue;
    found.push({ at: t, value: expressionTokens(code, valueStart) });
  }
  return found;
}

/** Tokens of one expression from `start` up to a `,`, `;` or closing bracket at depth zero, or a new statement. */
export function expressionTokens(code: readonly LuaToken[], start: number): LuaToken[] {
  const end = expressionEnd(code, start);
  return code.slice(start, end);
}

const OPENERS = new Set(['(', '{', '[']);
const CLOSERS = new Set([')', '}', ']']);
const BLOCK_OPEN = new Set(['function', 'if', 'do', 'repeat']);
const BLOCK_CLOSE = new Set(['end', 'until']);
// Keywords that can only begin a statement (or a clause of one) when they follow a complete operand:
// `H.PRIORITY = 10  function H:access() ... end` ends the value at `function`.
const STATEMENT_KEYWORDS = new Set(['function', 'if', 'for', 'while', 'do', 'repeat', 'break', 'then', 'else', 'elseif']);

/** Index just past the expression starting at `start`. */
export function expressionEnd(code: readonly LuaToken[], start: number): number {
  let depth = 0;
  let i = start;
  for (; i < code.length; i++) {
    const t = code[i];
    if (t.kind === 'op') {
      if (OPENERS.has(t.value)) depth++;
      else if (CLOSERS.has(t.value)) {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && (t.value === ',' || t.value === ';')) break;
    } else if (t.kind === 'keyword') {
      if (depth === 0 && i > start && STATEMENT_KEYWORDS.has(t.value) && endsOperand(code[i - 1])) break;
      if (BLOCK_OPEN.has(t.value)) depth++;
      else if (BLOCK_CLOSE.has(t.value)) {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && (t.value === 'local' || t.value === 'return')) break;
    } else if (depth === 0 && i > start && startsNewStatement(code, i)) break;
  }
  return i;
}

/** A name right after a complete operand (`x = 1  y = 2`) starts a new statement. */
function startsNewStatement(code: readonly LuaToken[], i: number): boolean {
  return endsOperand(code[i - 1]) && code[i].kind === 'name';
}

/** True when the token can close an operand: a name, a literal, `end` of a function body, a closing bracket. */
function endsOperand(prev: LuaToken | undefined): boolean {
  if (!prev) return false;
  return prev.kind === 'name' || prev.kind === 'number' || prev.kind === 'string'
    || (prev.kind === 'keyword' && ['nil', 'true', 'false', 'end'].includes(prev.value))
    || (prev.kind === 'op' && [')', ']', '}'].includes(prev.value));
}
