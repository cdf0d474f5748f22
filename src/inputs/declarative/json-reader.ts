// Reads JSON with the engine's own JSON.parse (the fastest path there is) and finds positions
// only when a finding asks for one, one container at a time along the finding's path, each
// container indexed once. Pretty-printed JSON (what decK and most editors write) puts each item
// of a multi-line container on its own line at one indentation, and no JSON string can hold a
// raw line break, so such a container is indexed by looking at line starts only; a container
// on one line (or laid out otherwise) is scanned character by character. A file with no finding
// pays nothing for positions.

import { InputError } from '../../errors';
import { LineIndex, TextLines } from '../../text/line-index';
import type { ParsedText } from './yaml-reader';
import { BLANK_LINE, valueEnds } from './value-ends';

/** `keepIndexAbove`: see `LazyJsonIndex`; tests vary it to read every container both ways. */
export function readJson(text: string, file: string, lines: TextLines = new TextLines(text), keepIndexAbove?: number): ParsedText {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const offset = errorOffset(text, reason);
    const { line, column } = lines.index().locate(offset);
    throw new InputError(`malformed JSON: ${withoutQuotedText(reason)}`, { file, line, column });
  }
  const index = new LazyJsonIndex(text, value, lines, keepIndexAbove);
  return { value, offsetAt: (path) => index.offsetAt(path) };
}

/**
 * JSON.parse names the failing offset in some messages ("at position 123"); for the others
 * (`Unexpected token`) the text is scanned for it.
 */
function errorOffset(text: string, reason: string): number {
  // Required here, not imported: only a file that failed to parse needs the scanner.
  const match = /position (\d+)/.exec(reason);
  const offset = match ? Number(match[1]) : (require('../../text/json-syntax-error') as typeof import('../../text/json-syntax-error')).jsonSyntaxErrorOffset(text) ?? text.length;
  return Math.min(offset, Math.max(0, text.length - 1));
}

/**
 * V8's `Unexpected token 'k', ..."key": k3y-v4lu3"... is not valid JSON` quotes the file's text
 * around the error, which may be a credential: the one line keeps the kind of error only (the
 * line and column say where).
 */
function withoutQuotedText(reason: string): string {
  if (!/ is not valid JSON$/.test(reason)) return reason;
  return /^Unexpected token\b/.test(reason) ? 'unexpected text' : 'not valid JSON';
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Where the direct children of one container start: value offsets by key, or by index. */
type Children = Map<string, number> | number[];

class LazyJsonIndex {
  /** Children of every container indexed so far, by the container's opening offset. */
  private readonly containers = new Map<number, Children>();
  private indents?: Int32Array;
  /** For each line, the next line indented no deeper (see `valueEnds`). */
  private ends?: Int32Array;

  private lines?: LineIndex;

  constructor(
    private readonly text: string,
    private readonly value: unknown,
    private readonly textLines: TextLines,
    /**
     * Pretty-printed containers with at most this many children are read again at each lookup
     * and nothing is kept: findings ask about one or two paths of each route or service, and a
     * Map or array for each of them (~20,000 on a 50,000-route file with 11,000 findings) cost
     * more to build and collect than stepping through a few children twice. Larger ones (the
     * top level, `services`) are indexed once and kept.
     */
    private readonly keepIndexAbove = 32,
  ) {}

  /** The offset of the value at `path`, or of its closest existing ancestor. */
  offsetAt(path: readonly (string | number)[]): number {
    let at = skipSpace(this.text, 0);
    let value = this.value;
    for (const step of path) {
      let next: number | undefined;
      if (Array.isArray(value)) {
        if (typeof step !== 'number' || !(step >= 0 && step < value.length)) break;
        const found = this.containers.has(at) ? NOT_READ : this.childByLines(at, value.length, step);
        if (found !== NOT_READ) {
          if (found === undefined) break;
          at = found;
          value = value[step];
          continue;
        }
        const children = this.children(at, value);
        // Children of the other kind mean the offset is not this container's: stop at the ancestor.
        if (!Array.isArray(children)) break;
        next = children[step];
        value = value[step];
      } else if (value !== null && typeof value === 'object') {
        const key = String(step);
        if (!Object.prototype.hasOwnProperty.call(value, key)) break;
        const found = this.containers.has(at) ? NOT_READ : this.childByLines(at, Object.keys(value).length, key);
        if (found !== NOT_READ) {
          if (found === undefined) break;
          at = found;
          value = (value as Record<string, unknown>)[key];
          continue;
        }
        const children = this.children(at, value);
        if (Array.isArray(children)) break;
        next = children.get(key);
        value = (value as Record<string, unknown>)[key];
      } else break;
      if (next === undefined) break;
      at = next;
    }
    return at;
  }

  /** The children of the container opening at `open`, whose parsed value is `value`. */
  private children(open: number, value: object): Children {
    let children = this.containers.get(open);
    if (children === undefined) {
      const expected = Array.isArray(value) ? value.length : Object.keys(value).length;
      children = this.byLines(open, expected) ?? byCharacters(this.text, open);
      this.containers.set(open, children);
    }
    return children;
  }

  /**
   * Children of a container whose opening bracket ends its line, read from line starts: every
   * child starts a line at the first child's indentation, deeper lines belong to children, and
   * the first shallower line closes the container. Undefined when the layout is otherwise (two
   * items on a line, say): the count must match the parsed value, and every key must be found.
   */
  private byLines(open: number, expected: number): Children | undefined {
    const isObject = this.text.charCodeAt(open) === OPEN_BRACE;
    const starts: number[] = [];
    if (this.scanLines(open, expected, undefined, starts) === NOT_READ) return undefined;
    if (!isObject) return starts;
    const text = this.text;
    const entries = new Map<string, number>();
    for (const keyAt of starts) {
      const end = skipString(text, keyAt);
      entries.set(keyText(text, keyAt, end), skipSpace(text, skipSpace(text, end) + 1));
    }
    // Duplicate keys: JSON.parse keeps the last one, and so does the map; the count then differs.
    return entries.size === expected ? entries : undefined;
  }

  /**
   * Where child `wanted` (a key, or an index) of a small pretty-printed container starts, read
   * from line starts as `byLines` reads them, keeping nothing; undefined when it has no such
   * child. NOT_READ when the container is laid out otherwise or has more than keepIndexAbove
   * children: the caller then indexes it.
   */
  private childByLines(open: number, expected: number, wanted: string | number): number | undefined | typeof NOT_READ {
    if (expected > this.keepIndexAbove) return NOT_READ;
    return this.scanLines(open, expected, wanted, undefined);
  }

  /**
   * Reads a container's children from line starts (see `byLines`): each child's start goes to
   * `all` when given; otherwise the answer is where child `wanted` starts (an object's key, the
   * offset of its value). NOT_READ when the layout is not one child per line at one indentation,
   * the count differs from the parsed value's, or a key is not a quoted string and a colon.
   */
  private scanLines(open: number, expected: number, wanted: string | number | undefined, all: number[] | undefined): number | undefined | typeof NOT_READ {
    const text = this.text;
    const isObject = text.charCodeAt(open) === OPEN_BRACE;
    const afterOpen = skipBlanks(text, open + 1);
    const c = text.charCodeAt(afterOpen);
    // The bracket must end its line as the line table sees lines: LF or CRLF. A lone CR is
    // whitespace to JSON.parse but no line break here, so such a container is scanned instead.
    if (c !== LF && !(c === CR && text.charCodeAt(afterOpen + 1) === LF)) return NOT_READ;
    const lines = (this.lines ??= this.textLines.index());
    // One table of indentations makes a line one integer comparison, and one of where each
    // line's value ends steps over a child's own lines at once: a scan passes the children of
    // one container, not every line below them.
    const indents = (this.indents ??= lineIndents(text, lines));
    const ends = (this.ends ??= valueEnds(indents));
    let line = lines.lineOf(open) + 1;
    // The first child's line sets the indentation (blank lines are allowed before it).
    while (line < lines.count && indents[line] === BLANK_LINE) line++;
    if (line >= lines.count) return NOT_READ;
    const indent = indents[line];
    const first = text.charCodeAt(lines.startOf(line) + indent);
    if (first === CLOSE_BRACE || first === CLOSE_BRACKET) return expected === 0 ? undefined : NOT_READ;
    // The first child must be the first thing after the bracket: a count that only happens to
    // match (lines of a nested container) is not this container's children.
    if (lines.startOf(line) + indent !== skipSpace(text, open + 1)) return NOT_READ;
    let count = 0;
    let found: number | undefined;
    for (; line < lines.count; line = ends[line]) {
      const lineIndent = indents[line];
      if (lineIndent === BLANK_LINE || lineIndent > indent) continue;
      if (lineIndent < indent) break; // the container's closing bracket
      const at = lines.startOf(line) + indent;
      const d = text.charCodeAt(at);
      // The closing brackets of children are not children.
      if (d === CLOSE_BRACE || d === CLOSE_BRACKET) continue;
      if (isObject) {
        if (d !== QUOTE) return NOT_READ;
        const end = skipString(text, at);
        const colon = skipSpace(text, end);
        if (text.charCodeAt(colon) !== COLON) return NOT_READ;
        if (wanted !== undefined && found === undefined && keyIs(text, at, end, wanted as string)) found = skipSpace(text, colon + 1);
      } else if (count === wanted) found = at;
      all?.push(at);
      if (++count > expected) return NOT_READ;
    }
    return count === expected ? found : NOT_READ;
  }
}

/** `childByLines` and `scanLines`: the container must be read another way. */
const NOT_READ = -1;

/** Whether the key string from `open` to `end` (past its closing quote) is `name`. */
function keyIs(text: string, open: number, end: number, name: string): boolean {
  for (let i = open + 1; i < end - 1; i++) if (text.charCodeAt(i) === BACKSLASH) return keyText(text, open, end) === name;
  return end - open - 2 === name.length && text.startsWith(name, open + 1);
}


/** Each line's indentation (spaces and tabs), or BLANK_LINE. */
function lineIndents(text: string, lines: LineIndex): Int32Array {
  const indents = new Int32Array(lines.count);
  for (let line = 0; line < lines.count; line++) {
    const start = lines.startOf(line);
    const p = skipBlanks(text, start);
    const c = text.charCodeAt(p);
    indents[line] = c === LF || c === CR || Number.isNaN(c) ? BLANK_LINE : p - start;
  }
  return indents;
}

/** Children of the container opening at `open`, scanning its text (any layout, minified included). */
function byCharacters(text: string, open: number): Children {
  const isObject = text.charCodeAt(open) === OPEN_BRACE;
  const close = isObject ? CLOSE_BRACE : CLOSE_BRACKET;
  const entries = new Map<string, number>();
  const items: number[] = [];
  let i = skipSpace(text, open + 1);
  if (text.charCodeAt(i) === close) return isObject ? entries : items;
  while (i < text.length) {
    if (isObject) {
      const end = skipString(text, i);
      const key = keyText(text, i, end);
      i = skipSpace(text, end) + 1; // the colon
      i = skipSpace(text, i);
      entries.set(key, i);
    } else items.push(i);
    i = skipSpace(text, skipValue(text, i));
    if (text.charCodeAt(i++) !== COMMA) break;
    i = skipSpace(text, i);
  }
  return isObject ? entries : items;
}

function keyText(text: string, open: number, end: number): string {
  const raw = text.slice(open + 1, end - 1);
  return raw.includes('\\') ? (JSON.parse(text.slice(open, end)) as string) : raw;
}

/** The offset just past the value starting at `i`. */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) return skipString(text, i);
  if (c === OPEN_BRACE || c === OPEN_BRACKET) return skipContainer(text, i);
  let j = i;
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || d === SPACE || d === LF || d === CR || d === TAB) break;
    j++;
  }
  return j;
}

/** The offset just past the object or array opening at `open`, without building anything. */
function skipContainer(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const d = text.charCodeAt(i);
    if (d === QUOTE) i = skipString(text, i) - 1;
    else if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
    else if ((d === CLOSE_BRACE || d === CLOSE_BRACKET) && --depth === 0) return i + 1;
  }
  return text.length;
}

/** The offset just past the string opening at `open`. */
function skipString(text: string, open: number): number {
  let j = open + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q === -1) return text.length;
    let k = q - 1;
    while (k > open && text.charCodeAt(k) === BACKSLASH) k--;
    if ((q - 1 - k) % 2 === 0) return q + 1;
    j = q + 1;
  }
}

function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === LF || c === CR || c === TAB) i++;
    else return i;
  }
}

function skipBlanks(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB) i++;
    else return i;
  }
}
