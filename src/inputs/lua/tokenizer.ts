// A Lua 5.1 / LuaJIT tokenizer with positions. Plugin rules look for names such as
// `kong.singletons` or `PRIORITY`; matching raw text would also hit comments and strings, so every
// rule works on these tokens instead, and only `name` tokens can ever be reported as code.

import { InputError } from '../../errors';

export type LuaTokenKind = 'name' | 'keyword' | 'string' | 'number' | 'op' | 'comment';

export interface LuaToken {
  kind: LuaTokenKind;
  /** For strings: the decoded value (escapes resolved, long-bracket newline dropped); otherwise the text. */
  value: string;
  /** The exact source text of the token. */
  raw: string;
  /** 1-based line and column of the first character. */
  line: number;
  column: number;
  /** 1-based line and column of the last character. */
  endLine: number;
  endColumn: number;
  /** Offsets into the source: [start, end). */
  start: number;
  end: number;
  /** Strings: `'`, `"` or `[[` (any level); comments: `--` or `--[[`. */
  quote?: string;
}

const KEYWORDS = new Set([
  'and', 'break', 'do', 'else', 'elseif', 'end', 'false', 'for', 'function', 'goto', 'if', 'in',
  'local', 'nil', 'not', 'or', 'repeat', 'return', 'then', 'true', 'until', 'while',
]);

// Longest first, so `...` wins over `..` and `.`.
const OPERATORS = [
  '...', '..', '==', '~=', '<=', '>=', '<<', '>>', '//', '::',
  '+', '-', '*', '/', '%', '^', '#', '&', '~', '|', '<', '>', '=', '(', ')', '{', '}', '[', ']',
  ';', ':', ',', '.',
];

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'",
};

/** Splits Lua source into tokens (comments included); raises an InputError naming file and line on a lexical error. */
export function tokenizeLua(source: string, file = '<lua>'): LuaToken[] {
  return new Lexer(source, file).run();
}

/** The tokens a parser looks at: everything but comments. */
export function codeTokens(tokens: readonly LuaToken[]): LuaToken[] {
  return tokens.filter((t) => t.kind !== 'comment');
}

class Lexer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private readonly tokens: LuaToken[] = [];

  constructor(private readonly src: string, private readonly file: string) {}

  run(): LuaToken[] {
    // LuaJIT skips a UTF-8 byte-order mark (as read byte per character, or decoded), then a
    // first line starting with `#` (shebang).
    if (this.src.startsWith('\xEF\xBB\xBF')) this.pos = this.lineStart = 3;
    else if (this.src.startsWith('\uFEFF')) this.pos = this.lineStart = 1;
    if (this.src.startsWith('#', this.pos)) this.skipToLineEnd();
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\n' || c === '\r') this.newline();
      else if (c === ' ' || c === '\t' || c === '\f' || c === '\v') this.pos++;
      else if (c === '-' && this.src[this.pos + 1] === '-') this.comment();
      else if (c === '"' || c === "'") this.quotedString(c);
      else if (c === '[' && this.longBracketLevel(this.pos) >= 0) this.longString();
      else if (isDigit(c) || (c === '.' && isDigit(this.src[this.pos + 1] ?? ''))) this.number();
      else if (isNameStart(c)) this.name();
      else this.operator();
    }
    return this.tokens;
  }

  // ---- helpers for positions -------------------------------------------------------------

  private column(offset: number): number {
    return offset - this.lineStart + 1;
  }

  /** Consumes one line break (`\n`, `\r`, `\r\n` or `\n\r` count once, as Lua counts them). */
  private newline(): void {
    const c = this.src[this.pos];
    this.pos++;
    const next = this.src[this.pos];
    if ((next === '\n' || next === '\r') && next !== c) this.pos++;
    this.line++;
    this.lineStart = this.pos;
  }

  private skipToLineEnd(): void {
    while (this.pos < this.src.length && this.src[this.pos] !== '\n' && this.src[this.pos] !== '\r') this.pos++;
  }

  private push(kind: LuaTokenKind, start: number, startLine: number, startCol: number, value: string, quote?: string): void {
    const endOffset = this.pos;
    this.tokens.push({
      kind,
      value,
      raw: this.src.slice(start, endOffset),
      line: startLine,
      column: startCol,
      endLine: this.line,
      endColumn: Math.max(1, endOffset - this.lineStart),
      start,
      end: endOffset,
      ...(quote ? { quote } : {}),
    });
  }

  private fail(message: string, line = this.line, column = this.column(this.pos)): never {
    throw new InputError(message, { file: this.file, line, column });
  }

  // ---- token kinds ------------------------------------------------------------------------

  private comment(): void {
    const start = this.pos;
    const line = this.line;
    const col = this.column(start);
    this.pos += 2;
    const level = this.src[this.pos] === '[' ? this.longBracketLevel(this.pos) : -1;
    if (level >= 0) {
      const body = this.longBracketBody(level, 'comment', line, col);
      this.push('comment', start, line, col, body, '--[[');
      return;
    }
    this.skipToLineEnd();
    this.push('comment', start, line, col, this.src.slice(start + 2, this.pos), '--');
  }

  /** The level of a long bracket opening at `at` (`[[` is 0, `[==[` is 2), or -1 when there is none. */
  private longBracketLevel(at: number): number {
    if (this.src[at] !== '[') return -1;
    let i = at + 1;
    let level = 0;
    while (this.src[i] === '=') {
      level++;
      i++;
    }
    return this.src[i] === '[' ? level : -1;
  }

  /** Reads from an opening long bracket of `level` to its closing one; returns the body text. */
  private longBracketBody(level: number, what: string, line: number, col: number): string {
    this.pos += level + 2;
    // A newline right after the opening bracket is not part of the string.
    if (this.src[this.pos] === '\r' || this.src[this.pos] === '\n') this.newline();
    const bodyStart = this.pos;
    const close = ']' + '='.repeat(level) + ']';
    for (;;) {
      if (this.pos >= this.src.length) this.fail(`unfinished long ${what}`, line, col);
      const c = this.src[this.pos];
      if (c === ']' && this.src.startsWith(close, this.pos)) {
        const body = this.src.slice(bodyStart, this.pos);
        this.pos += close.length;
        return body;
      }
      if (c === '\n' || c === '\r') this.newline();
      else this.pos++;
    }
  }

  private longString(): void {
    const start = this.pos;
    const line = this.line;
    const col = this.column(start);
    const level = this.longBracketLevel(this.pos);
    const body = this.longBracketBody(level, 'string', line, col);
    this.push('string', start, line, col, body.replace(/\r\n?|\n\r/g, '\n'), `[${'='.repeat(level)}[`);
  }

  private quotedString(quote: string): void {
    const start = this.pos;
    const line = this.line;
    const col = this.column(start);
    this.pos++;
    let value = '';
    for (;;) {
      if (this.pos >= this.src.length) this.fail('unfinished string', line, col);
      const c = this.src[this.pos];
      if (c === quote) {
        this.pos++;
        break;
      }
      if (c === '\n' || c === '\r') this.fail('unfinished string', line, col);
      if (c !== '\\') {
        value += c;
        this.pos++;
        continue;
      }
      value += this.escape();
    }
    this.push('string', start, line, col, value, quote);
  }

  /** Decodes one escape sequence starting at the backslash. */
  private escape(): string {
    this.pos++;
    const c = this.src[this.pos];
    if (c === undefined) this.fail('unfinished string');
    if (c in SIMPLE_ESCAPES) {
      this.pos++;
      return SIMPLE_ESCAPES[c];
    }
    if (c === '\n' || c === '\r') {
      // A backslash before a line break keeps the line break in the string.
      this.newline();
      return '\n';
    }
    if (c === 'x') {
      const hex = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.pos + 1, this.pos + 3));
      if (!hex) this.fail('hexadecimal digit expected in string escape');
      this.pos += 3;
      return String.fromCharCode(parseInt(hex[0], 16));
    }
    if (c === 'z') {
      // LuaJIT / 5.2: skip the following whitespace, line breaks included.
      this.pos++;
      while (this.pos < this.src.length && /\s/.test(this.src[this.pos])) {
        if (this.src[this.pos] === '\n' || this.src[this.pos] === '\r') this.newline();
        else this.pos++;
      }
      return '';
    }
    if (c === 'u' && this.src[this.pos + 1] === '{') {
      const m = /^\{([0-9a-fA-F]+)\}/.exec(this.src.slice(this.pos + 1));
      if (!m) this.fail('malformed \\u{} escape in string');
      // LuaJIT 2.1 refuses a code point past U+10FFFF or a surrogate (src/lj_lex.c lex_string,
      // "Out of Unicode range", "No surrogates"); String.fromCodePoint threw a RangeError on the first.
      const code = parseInt(m[1], 16);
      if (code >= 0x110000 || (code >= 0xd800 && code < 0xe000)) this.fail('invalid \\u{} escape in string (past U+10FFFF or a surrogate)');
      this.pos += 1 + m[0].length;
      return String.fromCodePoint(code);
    }
    if (isDigit(c)) {
      const m = /^\d{1,3}/.exec(this.src.slice(this.pos, this.pos + 3))!;
      const code = Number(m[0]);
      if (code > 255) this.fail('decimal escape too large in string');
      this.pos += m[0].length;
      return String.fromCharCode(code);
    }
    this.fail(`invalid escape sequence \\${c} in string`);
  }

  private number(): void {
    const start = this.pos;
    const col = this.column(start);
    const rest = this.src.slice(this.pos);
    // Hex (with optional fraction and binary exponent), or decimal with fraction and exponent;
    // LuaJIT suffixes (LL, ULL, i) are accepted.
    const m =
      /^0[xX](?:[0-9a-fA-F]*\.?[0-9a-fA-F]*)(?:[pP][+-]?\d+)?(?:[uU]?[lL][lL]|i)?/.exec(rest) ??
      /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?(?:[uU]?[lL][lL]|i)?/.exec(rest);
    if (!m || m[0] === '0x' || m[0] === '0X') this.fail('malformed number');
    this.pos += m[0].length;
    // `3abc` is one malformed numeral in Lua, not a number then a name.
    if (isNameChar(this.src[this.pos] ?? '')) this.fail(`malformed number near '${m[0]}${this.src[this.pos]}'`, this.line, col);
    this.push('number', start, this.line, col, m[0]);
  }

  private name(): void {
    const start = this.pos;
    const col = this.column(start);
    while (this.pos < this.src.length && isNameChar(this.src[this.pos])) this.pos++;
    const text = this.src.slice(start, this.pos);
    this.push(KEYWORDS.has(text) ? 'keyword' : 'name', start, this.line, col, text);
  }

  private operator(): void {
    const start = this.pos;
    const col = this.column(start);
    const op = OPERATORS.find((o) => this.src.startsWith(o, this.pos));
    if (!op) this.fail(`unexpected character '${this.src[this.pos]}'`);
    this.pos += op.length;
    this.push('op', start, this.line, col, op);
  }
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isNameStart(c: string): boolean {
  // LuaJIT accepts bytes above 0x7f in names; so do we, rather than fail on a UTF-8 identifier.
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c > '\x7f';
}

function isNameChar(c: string): boolean {
  return isNameStart(c) || isDigit(c);
}
