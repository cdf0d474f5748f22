// Splits nginx configuration text (possibly a Kong penlight template) into tokens with positions.
// It follows nginx's own reading rules: `#` starts a comment only where a token starts, quotes
// take backslash escapes, `;` `{` `}` end words. On top of that it knows the template layer
// (penlight processes `>` lines before nginx sees anything, so they win everywhere) and the Lua
// bodies of `*_by_lua_block`, which lua-nginx-module reads as Lua, not as nginx tokens.
// It never throws: anything malformed becomes a problem and scanning goes on.

import type { ParseProblem, Position, TemplateLine } from './types';

export type Token =
  | { kind: 'word'; raw: string; value: string; quoted: boolean; at: Position }
  | { kind: 'open' | 'close' | 'semicolon'; at: Position }
  | { kind: 'lua'; code: string; at: Position; end: Position }
  | { kind: 'template'; line: TemplateLine };

export interface ScanResult {
  tokens: Token[];
  problems: ParseProblem[];
  lineCount: number;
}

const TEMPLATE_LINE = /^[ \t]*>(.*)$/;

/** Classifies the Lua code of a penlight line. */
export function classifyTemplateLine(code: string): TemplateLine['kind'] {
  const c = code.replace(/--.*$/, '').trim();
  if (/^if\b.*\bthen$/.test(c)) return 'if';
  if (/^elseif\b/.test(c)) return 'elseif';
  if (c === 'else') return 'else';
  if (c === 'end') return 'end';
  if (/^for\b.*\bdo$/.test(c)) return 'for';
  return 'code';
}

export function scan(text: string): ScanResult {
  return new Scanner(text).run();
}

class Scanner {
  private readonly lines: string[];
  private readonly tokens: Token[] = [];
  private readonly problems: ParseProblem[] = [];
  /** Words seen since the last `;`, `{` or `}`: the first one names the directive. */
  private statement: string[] = [];

  constructor(text: string) {
    this.lines = text.replace(/\r\n?/g, '\n').split('\n');
  }

  run(): ScanResult {
    let row = 0;
    let col = 0;
    // A quoted string or Lua body can span lines; these carry it across them.
    let pendingWord: { raw: string; value: string; quote: string; at: Position } | undefined;
    let lua: { code: string; depth: number; at: Position; state: LuaState } | undefined;

    while (row < this.lines.length) {
      const line = this.lines[row];
      if (col === 0) {
        const template = TEMPLATE_LINE.exec(line);
        if (template) {
          const code = template[1].trim();
          this.tokens.push({ kind: 'template', line: { kind: classifyTemplateLine(code), code, at: { line: row + 1, column: line.indexOf('>') + 1 } } });
          row++;
          continue;
        }
      }
      if (lua) {
        const endCol = scanLua(line, col, lua);
        if (endCol === undefined) {
          lua.code += line.slice(col) + '\n';
          row++; col = 0;
          continue;
        }
        lua.code += line.slice(col, endCol);
        this.tokens.push({ kind: 'lua', code: lua.code, at: lua.at, end: { line: row + 1, column: endCol + 1 } });
        this.tokens.push({ kind: 'close', at: { line: row + 1, column: endCol + 1 } });
        this.statement = [];
        lua = undefined;
        col = endCol + 1;
        continue;
      }
      if (pendingWord) {
        const closed = readQuoted(line, col, pendingWord.quote);
        pendingWord.raw += closed.raw;
        pendingWord.value += closed.value;
        if (!closed.closed) {
          pendingWord.raw += '\n'; pendingWord.value += '\n';
          row++; col = 0;
          continue;
        }
        col = closed.next;
        this.pushWord(pendingWord.raw, pendingWord.value, true, pendingWord.at);
        pendingWord = undefined;
        this.checkAfterQuote(line, col, row);
        continue;
      }
      if (col >= line.length) { row++; col = 0; continue; }

      const ch = line[col];
      const at = { line: row + 1, column: col + 1 };
      if (ch === ' ' || ch === '\t') { col++; continue; }
      if (ch === '#') { col = line.length; continue; } // comment to end of line
      if (ch === ';') { this.tokens.push({ kind: 'semicolon', at }); this.statement = []; col++; continue; }
      if (ch === '}') { this.tokens.push({ kind: 'close', at }); this.statement = []; col++; continue; }
      if (ch === '{') {
        this.tokens.push({ kind: 'open', at });
        const opensLua = /_by_lua_block$/.test(this.statement[0] ?? '');
        this.statement = [];
        col++;
        if (opensLua) lua = { code: '', depth: 1, at: { line: row + 1, column: col + 1 }, state: { kind: 'code' } };
        continue;
      }
      if (ch === '"' || ch === "'") {
        const read = readQuoted(line, col + 1, ch);
        if (!read.closed) {
          pendingWord = { raw: ch + read.raw + '\n', value: read.value + '\n', quote: ch, at };
          row++; col = 0;
          continue;
        }
        this.pushWord(ch + read.raw, read.value, true, at);
        col = read.next;
        this.checkAfterQuote(line, col, row);
        continue;
      }
      // Every step consumes at least one character, whatever readWord decides.
      const end = Math.max(readWord(line, col), col + 1);
      const raw = line.slice(col, end);
      this.pushWord(raw, unescapeBare(raw), false, at);
      col = end;
    }

    const lastLine = this.lines.length;
    if (pendingWord) {
      this.problem('error', `unterminated ${pendingWord.quote === '"' ? 'double' : 'single'}-quoted string (opened here)`, pendingWord.at);
      this.pushWord(pendingWord.raw, pendingWord.value, true, pendingWord.at);
    }
    if (lua) {
      this.problem('error', 'Lua block is not closed before the end of the file (opened here)', lua.at);
      this.tokens.push({ kind: 'lua', code: lua.code, at: lua.at, end: { line: lastLine, column: 1 } });
    }
    return { tokens: this.tokens, problems: this.problems, lineCount: lastLine };
  }

  private pushWord(raw: string, value: string, quoted: boolean, at: Position): void {
    this.tokens.push({ kind: 'word', raw, value, quoted, at });
    this.statement.push(value);
  }

  /** nginx wants a separator right after a closing quote (`"a"b` is refused). */
  private checkAfterQuote(line: string, col: number, row: number): void {
    const next = line[col];
    if (next !== undefined && !/[\s;{})]/.test(next)) {
      this.problem('error', `unexpected "${next}" right after a quoted string`, { line: row + 1, column: col + 1 });
    }
  }

  private problem(severity: ParseProblem['severity'], message: string, at: Position): void {
    this.problems.push({ severity, message, at });
  }
}

/**
 * Reads a bare word up to whitespace, `;`, `{`, `}`. Template expressions `$(...)` and
 * placeholders `${{...}}` / nginx `${var}` are part of the word even though they hold braces.
 */
function readWord(line: string, start: number): number {
  let i = start;
  while (i < line.length) {
    const ch = line[i];
    if (ch === '\\' && i + 1 < line.length) { i += 2; continue; }
    if (ch === '$' && line[i + 1] === '(') { i = skipBalanced(line, i + 1, '(', ')'); continue; }
    if (ch === '$' && line.startsWith('{{', i + 1)) {
      const close = line.indexOf('}}', i + 3);
      i = close < 0 ? line.length : close + 2;
      continue;
    }
    if (ch === '$' && line[i + 1] === '{') {
      const close = line.indexOf('}', i + 2);
      i = close < 0 ? line.length : close + 1;
      continue;
    }
    // nginx separates words by space, tab, CR and LF only; other Unicode spaces (U+2028, NBSP)
    // are part of a word. Breaking on them here while the caller skips only space and tab read
    // an empty word forever (found by the property tests).
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n' || ch === ';' || ch === '{' || ch === '}') break;
    // Quotes inside a bare word are kept literally, as nginx does (`a"b` is one word).
    i++;
  }
  return i;
}

/** Index just past the bracket that closes the one at `open`, or the line end. */
function skipBalanced(line: string, open: number, opener: string, closer: string): number {
  let depth = 0;
  for (let i = open; i < line.length; i++) {
    if (line[i] === opener) depth++;
    else if (line[i] === closer && --depth === 0) return i + 1;
  }
  return line.length;
}

/** Reads a quoted string's remainder from `start` on one line; `next` is just past the closing quote. */
function readQuoted(line: string, start: number, quote: string): { raw: string; value: string; closed: boolean; next: number } {
  let value = '';
  let i = start;
  while (i < line.length) {
    const ch = line[i];
    if (ch === '\\' && i + 1 < line.length) {
      const esc = line[i + 1];
      // nginx resolves \" \' \\ \t \r \n inside quotes and keeps other backslashes.
      value += esc === 't' ? '\t' : esc === 'r' ? '\r' : esc === 'n' ? '\n' : esc === quote || esc === '\\' ? esc : '\\' + esc;
      i += 2;
      continue;
    }
    if (ch === quote) return { raw: line.slice(start, i + 1), value, closed: true, next: i + 1 };
    value += ch;
    i++;
  }
  return { raw: line.slice(start), value, closed: false, next: line.length };
}

function unescapeBare(raw: string): string {
  return raw.replace(/\\(.)/g, '$1');
}

type LuaState =
  | { kind: 'code' }
  | { kind: 'string'; quote: string }
  | { kind: 'long'; close: string; comment: boolean };

/**
 * Advances through one line of Lua, tracking strings, comments and long brackets so a `}`
 * inside them does not end the block. Returns the column of the closing `}`, or undefined when
 * the block continues on the next line.
 */
function scanLua(line: string, start: number, lua: { depth: number; state: LuaState }): number | undefined {
  let i = start;
  while (i < line.length) {
    const state = lua.state;
    if (state.kind === 'string') {
      const ch = line[i];
      if (ch === '\\') { i += 2; continue; }
      if (ch === state.quote) lua.state = { kind: 'code' };
      i++;
      continue;
    }
    if (state.kind === 'long') {
      const close = line.indexOf(state.close, i);
      if (close < 0) return undefined;
      lua.state = { kind: 'code' };
      i = close + state.close.length;
      continue;
    }
    const rest = line.slice(i);
    const longOpen = /^(--)?\[(=*)\[/.exec(rest);
    if (longOpen) {
      lua.state = { kind: 'long', close: `]${longOpen[2]}]`, comment: Boolean(longOpen[1]) };
      i += longOpen[0].length;
      continue;
    }
    if (rest.startsWith('--')) return undefined; // line comment: nothing else on this line counts
    const ch = line[i];
    if (ch === '"' || ch === "'") { lua.state = { kind: 'string', quote: ch }; i++; continue; }
    if (ch === '{') lua.depth++;
    else if (ch === '}' && --lua.depth === 0) return i;
    i++;
  }
  // An unterminated short string ends at the line end in Lua; do not let it swallow the file.
  if (lua.state.kind === 'string') lua.state = { kind: 'code' };
  return undefined;
}
