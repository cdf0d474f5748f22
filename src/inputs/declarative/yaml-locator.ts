// Finds where a value of a parsed YAML file sits by reading the text's layout, only for the
// paths findings ask about. The values come from js-yaml's plain `load` (the fastest YAML
// reading there is); positions come from here. Recording positions during the parse with
// js-yaml's `listener` cost ~0.3 s and ~30 MB more on a 50,000-route file whether or not a
// single finding needed one.
//
// The reader knows block mappings, block sequences (indented or not), flow collections, quoted
// and plain keys, comments and blank lines. It checks every container it indexes against the
// parsed value (same number of items, every key found) and answers `undefined` whenever the
// text goes beyond what it knows (aliases, merge keys, complex keys, tabs used as indentation,
// escaped keys): the caller then falls back to positions recorded by the parser itself.

import type { LineIndex } from '../../text/line-index';
import { BLANK_LINE, valueEnds } from './value-ends';

type Path = readonly (string | number)[];

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const HASH = 0x23;
const DASH = 0x2d;
const COLON = 0x3a;
const COMMA = 0x2c;
const SINGLE_QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const AMPERSAND = 0x26;
const ASTERISK = 0x2a;
const BANG = 0x21;
const QUESTION = 0x3f;

export class YamlLayoutLocator {
  /** Keys of each indexed mapping (by the offset its content starts at) -> the offset just past the key's `:`. */
  private readonly mappings = new Map<number, MappingIndex | null>();
  /** Items of each indexed sequence -> where each item's value starts. */
  private readonly sequences = new Map<number, number[] | null>();
  private rootStart?: number | null;
  private indents?: Int32Array;
  /** For each line, the next line holding less or as much indentation (see `valueEnds`). */
  private valueEnds?: Int32Array;
  /** What the last scan of a block collection saw, in fields so that a lookup allocates nothing. */
  private scanCount = 0;
  private scanFound: number | undefined;
  /** How many keys or items of that collection the scan stepped through. */
  private scanSteps = 0;

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    /**
     * Collections with more keys or items are indexed whole, once, and kept: the top-level
     * mapping, `services`, a service with many routes, each asked about again and again. Smaller
     * ones are read again at each lookup and nothing is kept: findings ask about one or two paths
     * of each route or service, and a Map of keys per route and service (~20,000 on a
     * 50,000-route file with 11,000 findings) cost more to build and collect than stepping through
     * a few keys twice.
     */
    private readonly keepIndexAbove = 32,
  ) {}

  /**
   * The offset of the value at `path`, or of its closest existing ancestor (as the parser's
   * positions answer); `undefined` when the text is laid out in a way this reader does not vouch for.
   */
  offsetAt(root: unknown, path: Path): number | undefined {
    if (this.rootStart === undefined) this.rootStart = this.findRootStart();
    if (this.rootStart === null) return undefined;
    let at = this.rootStart;
    let value = root;
    for (let i = 0; i < path.length; i++) {
      const step = path[i];
      if (Array.isArray(value)) {
        if (typeof step !== 'number' || !(step >= 0 && step < value.length)) break;
        const itemAt = this.itemAt(at, value.length, step);
        if (itemAt === undefined) return undefined;
        at = itemAt;
        value = value[step];
      } else if (value !== null && typeof value === 'object') {
        const key = typeof step === 'string' ? step : String(step);
        if (!Object.prototype.hasOwnProperty.call(value, key)) break;
        const valueAt = this.valueOfKey(at, value as Record<string, unknown>, key);
        if (valueAt === undefined) return undefined;
        at = valueAt;
        value = (value as Record<string, unknown>)[key];
      } else break;
    }
    return at;
  }

  private findRootStart(): number | null {
    const text = this.text;
    for (let line = 0; line < this.lines.count; line++) {
      const start = this.lines.startOf(line);
      const p = skipBlanks(text, start);
      const c = text.charCodeAt(p);
      if (isLineEnd(text, p) || c === HASH) continue;
      if (p === start && c === 0x25 /* % directive */) continue;
      if (p === start && startsMarker(text, p, DASH)) {
        // `--- ` with content on the same line: unusual enough to leave to the parser.
        const after = skipBlanks(text, p + 3);
        if (!isLineEnd(text, after) && text.charCodeAt(after) !== HASH) return null;
        continue;
      }
      return p;
    }
    return null;
  }

  // ---- sequences ---------------------------------------------------------------------------

  private sequenceItems(start: number, expected: number): number[] | null {
    let items = this.sequences.get(start);
    if (items === undefined) {
      const content = this.contentStart(start);
      const c = content === null ? -1 : this.text.charCodeAt(content);
      items = content === null ? null : c === OPEN_BRACKET ? this.flowItems(content) : c === DASH ? this.blockItems(content) : null;
      if (items !== null && items.length !== expected) items = null;
      this.sequences.set(start, items);
    }
    return items;
  }

  /** Where item `index` of the sequence starting at `start` (with `expected` items parsed) starts. */
  private itemAt(start: number, expected: number, index: number): number | undefined {
    let items = this.sequences.get(start);
    if (items === undefined) {
      const content = this.contentStart(start);
      const c = content === null ? -1 : this.text.charCodeAt(content);
      if (c === DASH || c === OPEN_BRACKET) {
        if (!(c === DASH ? this.scanBlockItems(content!, index, undefined) : this.scanFlowItems(content!, index, undefined))) return undefined;
        if (this.scanSteps <= this.keepIndexAbove) return this.scanCount === expected ? this.scanFound : undefined;
      }
      items = this.sequenceItems(start, expected);
    }
    return items === null ? undefined : items[index];
  }

  /** Items of a block sequence whose first `-` is at `first`: every `-` at the same column. */
  private blockItems(first: number): number[] | null {
    const items: number[] = [];
    return this.scanBlockItems(first, -1, items) ? items : null;
  }

  /**
   * Reads the block sequence whose first `-` is at `first`: every `-` at its column. Leaves the
   * number of items, where item `wanted` starts and the lines read in the scan fields, and every
   * item's start in `all` when given. False when the layout is one this reader does not vouch for.
   */
  private scanBlockItems(first: number, wanted: number, all: number[] | undefined): boolean {
    const text = this.text;
    this.scanFound = undefined;
    const column = this.blockColumn(first);
    if (column === null) return false;
    const firstValue = this.afterIndicator(first + 1, column);
    if (firstValue === undefined) return false;
    all?.push(firstValue);
    if (wanted === 0) this.scanFound = firstValue;
    let count = 1;
    let steps = 0;
    let line = this.nextAtColumn(this.lines.lineOf(first) + 1, column);
    for (; line >= 0; line = this.nextAtColumn(this.valueEnds![line], column)) {
      // A lookup in a large collection indexes it instead (see keepIndexAbove): stop reading.
      if (++steps > this.keepIndexAbove && all === undefined) break;
      const p = this.lines.startOf(line) + column;
      if (text.charCodeAt(p) !== DASH || !isSeparator(text, p + 1)) break;
      const valueAt = this.afterIndicator(p + 1, column);
      if (valueAt === undefined) return false;
      all?.push(valueAt);
      if (count === wanted) this.scanFound = valueAt;
      count++;
    }
    // Stopped by a tab, not by the end of the collection or what follows it.
    if (line < 0 && this.lastStop === UNSURE) return false;
    this.scanCount = count;
    this.scanSteps = steps;
    return true;
  }

  // ---- mappings ----------------------------------------------------------------------------

  private mappingEntries(start: number, value: Record<string, unknown>): MappingIndex | null {
    let mapping = this.mappings.get(start);
    if (mapping === undefined) {
      const content = this.contentStart(start);
      const flow = content !== null && this.text.charCodeAt(content) === OPEN_BRACE;
      const column = content === null || flow ? null : this.blockColumn(content);
      const keys = content === null ? null : flow ? this.flowEntries(content) : column === null ? null : this.blockEntries(content, column);
      // Every key of the parsed mapping must have been found, and nothing else: merge keys
      // (`<<`), keys js-yaml normalises (`~`, `0x10`) and the like fail here.
      mapping = keys !== null && keys.size === Object.keys(value).length ? { keys, flow, column: column ?? 0 } : null;
      this.mappings.set(start, mapping);
    }
    return mapping;
  }

  /** Where the value of `key` starts in the mapping starting at `start` (parsed as `value`). */
  private valueOfKey(start: number, value: Record<string, unknown>, key: string): number | undefined {
    let mapping = this.mappings.get(start);
    if (mapping === undefined) {
      const content = this.contentStart(start);
      if (content !== null && this.text.charCodeAt(content) !== OPEN_BRACE) {
        const column = this.blockColumn(content);
        if (column === null || !this.scanBlockEntries(content, column, key, undefined)) return undefined;
        if (this.scanSteps <= this.keepIndexAbove) {
          // The same check as a kept index: the text's keys are exactly the parsed ones.
          if (this.scanCount !== Object.keys(value).length || this.scanFound === undefined) return undefined;
          return this.afterIndicator(this.scanFound, column, true);
        }
      }
      mapping = this.mappingEntries(start, value);
    }
    const afterColon = mapping?.keys.get(key);
    if (mapping == null || afterColon === undefined) return undefined;
    return mapping.flow ? flowValueAfterColon(this.text, afterColon) : this.afterIndicator(afterColon, mapping.column, true);
  }

  /** Keys of a block mapping whose first key starts at `first`, at `column`: every key at that column. */
  private blockEntries(first: number, column: number): Map<string, number> | null {
    const entries = new Map<string, number>();
    return this.scanBlockEntries(first, column, undefined, entries) ? entries : null;
  }

  /**
   * Reads the block mapping whose first key starts at `first`: every key at `column`. Leaves the
   * number of keys, the offset past the `:` of key `wanted` and the lines read in the scan
   * fields, and every key in `all` when given. False when the layout is one this reader does not
   * vouch for, a key is written twice (`all` only) or a merge key (`<<`) is met without `all`:
   * counting keys, as a lookup does instead of keeping them, cannot tell a merge from a twice-written key.
   */
  private scanBlockEntries(first: number, column: number, wanted: string | undefined, all: Map<string, number> | undefined): boolean {
    const text = this.text;
    this.scanFound = undefined;
    let count = 0;
    const entry = (at: number): boolean => {
      if (all !== undefined) {
        const key = readKey(text, at);
        if (key === undefined || all.has(key.name)) return false;
        all.set(key.name, key.end);
      } else {
        const end = keyEnd(text, at);
        if (end < 0 || keyIs(text, at, end, '<<')) return false;
        if (wanted !== undefined && keyIs(text, at, end, wanted)) this.scanFound = end;
      }
      count++;
      return true;
    };
    if (!entry(first)) return false;
    let steps = 0;
    let line = this.nextAtColumn(this.lines.lineOf(first) + 1, column);
    for (; line >= 0; line = this.nextAtColumn(this.valueEnds![line], column)) {
      // A lookup in a large collection indexes it instead (see keepIndexAbove): stop reading.
      if (++steps > this.keepIndexAbove && all === undefined) break;
      const p = this.lines.startOf(line) + column;
      // An unindented sequence under the previous key (`routes:` then `- name: a` at its column).
      if (text.charCodeAt(p) === DASH && isSeparator(text, p + 1)) continue;
      if (column === 0 && (startsMarker(text, p, DASH) || startsMarker(text, p, 0x2e))) break;
      if (!entry(p)) return false;
    }
    // Stopped by a tab, not by the end of the collection or what follows it.
    if (line < 0 && this.lastStop === UNSURE) return false;
    this.scanCount = count;
    this.scanSteps = steps;
    return true;
  }

  /**
   * Where a value starts after a `-` or a key's `:` at `from` (the indicator's line has its
   * parent collection at `column`): on the same line, or on the next line holding something.
   * A value left empty is reported at the indicator, as it has no text of its own.
   */
  private afterIndicator(from: number, column: number, isEntry = false): number | undefined {
    const text = this.text;
    const p = skipBlanks(text, from);
    if (!isLineEnd(text, p) && text.charCodeAt(p) !== HASH) return p;
    for (let line = this.lines.lineOf(from) + 1; line < this.lines.count; line++) {
      const start = this.lines.startOf(line);
      const q = skipSpaces(text, start);
      const c = text.charCodeAt(q);
      if (isLineEnd(text, q) || c === HASH) continue;
      if (c === TAB) return undefined;
      const indent = q - start;
      // A key's value may be an unindented sequence at the key's own column.
      if (indent > column || (isEntry && indent === column && c === DASH && isSeparator(text, q + 1))) return q;
      return from - 1;
    }
    return from - 1;
  }

  // ---- flow collections --------------------------------------------------------------------

  /** Item starts of a flow sequence `[a, "b", {c: d}]` opening at `open`. */
  private flowItems(open: number): number[] | null {
    const items: number[] = [];
    return this.scanFlowItems(open, -1, items) ? items : null;
  }

  /** As `scanBlockItems`, for the flow sequence opening at `open`. */
  private scanFlowItems(open: number, wanted: number, all: number[] | undefined): boolean {
    const text = this.text;
    this.scanFound = undefined;
    let count = 0;
    let i = skipFlowSpace(text, open + 1);
    let next: number | null = text.charCodeAt(i) === CLOSE_BRACKET ? FLOW_END : i;
    while (next !== FLOW_END) {
      if (next === null || i >= text.length) return false;
      all?.push(i);
      if (count === wanted) this.scanFound = i;
      count++;
      if (all === undefined && count > this.keepIndexAbove) break;
      next = nextFlowItem(text, skipFlowScalarOrCollection(text, i, CLOSE_BRACKET), CLOSE_BRACKET);
      if (next !== null && next !== FLOW_END) i = next;
    }
    this.scanCount = count;
    this.scanSteps = count;
    return true;
  }

  /** Keys of a flow mapping `{a: 1, "b": 2}` opening at `open`. */
  private flowEntries(open: number): Map<string, number> | null {
    const text = this.text;
    const entries = new Map<string, number>();
    let i = skipFlowSpace(text, open + 1);
    if (text.charCodeAt(i) === CLOSE_BRACE) return entries;
    while (i < text.length) {
      const key = readKey(text, i, true);
      if (key === undefined || entries.has(key.name)) return null;
      entries.set(key.name, key.end);
      const valueAt = flowValueAfterColon(text, key.end);
      const next = nextFlowItem(text, skipFlowScalarOrCollection(text, valueAt, CLOSE_BRACE), CLOSE_BRACE);
      if (next === FLOW_END) return entries;
      if (next === null) return null;
      i = next;
    }
    return null;
  }

  // ---- shared ------------------------------------------------------------------------------

  /**
   * The start of a collection's content: past an anchor or tag and to the next line when the
   * properties end their line. `null` for an alias (its positions are the anchored node's) and
   * for properties that would make the first key ambiguous.
   */
  private contentStart(start: number): number | null {
    const text = this.text;
    let p = start;
    let hadProperty = false;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === ASTERISK) return null;
      if (c !== AMPERSAND && c !== BANG) break;
      hadProperty = true;
      while (p < text.length && !isBlankOrEnd(text.charCodeAt(p))) p++;
      p = skipBlanks(text, p);
    }
    if (!hadProperty) return p;
    if (!isLineEnd(text, p) && text.charCodeAt(p) !== HASH) {
      // `&a {x: 1}` or `&a [1]` is clear; `&a key: v` may anchor the key instead of the mapping.
      const c = text.charCodeAt(p);
      return c === OPEN_BRACE || c === OPEN_BRACKET ? p : null;
    }
    for (let line = this.lines.lineOf(p) + 1; line < this.lines.count; line++) {
      const q = skipSpaces(text, this.lines.startOf(line));
      const c = text.charCodeAt(q);
      if (isLineEnd(text, q) || c === HASH) continue;
      return c === TAB ? null : q;
    }
    return null;
  }

  /** The column of a block collection starting at `at`, or null when tabs precede it on its line. */
  private blockColumn(at: number): number | null {
    const lineStart = this.lines.startOf(this.lines.lineOf(at));
    for (let i = lineStart; i < at; i++) if (this.text.charCodeAt(i) === TAB) return null;
    return at - lineStart;
  }

  /** Why the last `nextAtColumn` found no line: SHALLOWER or UNSURE. */
  private lastStop = SHALLOWER;

  /**
   * From line `line` on, the first line with content exactly at `column` (a key or item of a
   * block collection there); -1 when the collection ends first (lastStop SHALLOWER) or a tab
   * stands where indentation is read (lastStop UNSURE). Blank and comment lines are stepped over
   * one by one, deeper lines a whole value at a time: each scan passes the keys or items of one
   * collection, not every line below them.
   */
  private nextAtColumn(line: number, column: number): number {
    const codes = (this.indents ??= lineIndents(this.text, this.lines));
    const ends = (this.valueEnds ??= valueEnds(codes));
    while (line < codes.length) {
      const code = codes[line];
      if (code === BLANK_LINE) line++;
      else if (code < BLANK_LINE) {
        if (-code - 2 <= column) {
          this.lastStop = UNSURE;
          return -1;
        }
        line++;
      } else if (code > column) line = ends[line];
      else if (code === column) return line;
      else break;
    }
    this.lastStop = SHALLOWER;
    return -1;
  }
}

interface MappingIndex {
  /** Each key -> the offset just past its `:`, where looking for its value starts. */
  keys: Map<string, number>;
  /** A `{...}` mapping: its values follow their keys within the braces, not by indentation. */
  flow: boolean;
  /** The column of a block mapping's keys (0 for a flow mapping, where it means nothing). */
  column: number;
}


/**
 * Each line's indentation in spaces; BLANK_LINE for blank and comment lines; -(n + 2) for a line
 * whose n spaces are followed by a tab and then content (tabs cannot indent YAML).
 */
function lineIndents(text: string, lines: LineIndex): Int32Array {
  const codes = new Int32Array(lines.count);
  for (let line = 0; line < lines.count; line++) {
    const start = lines.startOf(line);
    let p = start;
    while (text.charCodeAt(p) === SPACE) p++;
    const c = text.charCodeAt(p);
    if (c === LF || c === CR || c === HASH || Number.isNaN(c)) codes[line] = BLANK_LINE;
    else if (c === TAB) codes[line] = isBlankRest(text, p) ? BLANK_LINE : -(p - start) - 2;
    else codes[line] = p - start;
  }
  return codes;
}

const SHALLOWER = -2;
const UNSURE = -3;

interface Key {
  name: string;
  /** The offset just past the `:` that ends the key. */
  end: number;
}

/**
 * Reads a key at `at` up to its `:`. Plain keys end at the first `:` followed by a blank (or,
 * in a flow mapping, by `,` `}` or a quote-less value); quoted keys are unquoted. Keys with
 * escapes, properties or the `?` indicator answer undefined.
 */
function readKey(text: string, at: number, inFlow = false): Key | undefined {
  const c = text.charCodeAt(at);
  let name: string;
  let i: number;
  if (c === DOUBLE_QUOTE) {
    const close = text.indexOf('"', at + 1);
    if (close < 0) return undefined;
    name = text.slice(at + 1, close);
    if (name.includes('\\') || name.includes('\n')) return undefined;
    i = close + 1;
  } else if (c === SINGLE_QUOTE) {
    let close = at + 1;
    for (;;) {
      close = text.indexOf("'", close);
      if (close < 0) return undefined;
      if (text.charCodeAt(close + 1) !== SINGLE_QUOTE) break;
      close += 2;
    }
    name = text.slice(at + 1, close).replace(/''/g, "'");
    if (name.includes('\n')) return undefined;
    i = close + 1;
  } else {
    if (c === QUESTION || c === AMPERSAND || c === ASTERISK || c === BANG || c === OPEN_BRACKET || c === OPEN_BRACE || c === HASH) return undefined;
    i = at;
    for (;;) {
      const d = text.charCodeAt(i);
      if (Number.isNaN(d) || d === LF || d === CR) return undefined;
      if (d === COLON) {
        const e = text.charCodeAt(i + 1);
        if (isBlankOrEnd(e) || (inFlow && (e === COMMA || e === CLOSE_BRACE || e === CLOSE_BRACKET))) break;
      }
      if (inFlow && (d === COMMA || d === CLOSE_BRACE || d === OPEN_BRACE || d === OPEN_BRACKET || d === CLOSE_BRACKET)) return undefined;
      if (d === HASH && (text.charCodeAt(i - 1) === SPACE || text.charCodeAt(i - 1) === TAB)) return undefined;
      i++;
    }
    let last = i;
    while (last > at && (text.charCodeAt(last - 1) === SPACE || text.charCodeAt(last - 1) === TAB)) last--;
    return { name: text.slice(at, last), end: i + 1 };
  }
  i = skipBlanks(text, i);
  if (text.charCodeAt(i) !== COLON) return undefined;
  return { name, end: i + 1 };
}

/**
 * The offset just past the `:` of the block key at `at`, or -1 where `readKey` would answer
 * undefined; reads the key without making its name.
 */
function keyEnd(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c !== DOUBLE_QUOTE && c !== SINGLE_QUOTE) return readKeyEnd(text, at);
  const close = closingQuote(text, at);
  if (close < 0) return -1;
  for (let i = at + 1; i < close; i++) {
    const d = text.charCodeAt(i);
    if (d === LF || (c === DOUBLE_QUOTE && d === BACKSLASH)) return -1;
  }
  const i = skipBlanks(text, close + 1);
  return text.charCodeAt(i) === COLON ? i + 1 : -1;
}

/** A plain key's end, by `readKey`'s rules for plain keys. */
function readKeyEnd(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c === QUESTION || c === AMPERSAND || c === ASTERISK || c === BANG || c === OPEN_BRACKET || c === OPEN_BRACE || c === HASH) return -1;
  for (let i = at; ; i++) {
    const d = text.charCodeAt(i);
    if (Number.isNaN(d) || d === LF || d === CR) return -1;
    if (d === COLON && isBlankOrEnd(text.charCodeAt(i + 1))) return i + 1;
    if (d === HASH && (text.charCodeAt(i - 1) === SPACE || text.charCodeAt(i - 1) === TAB)) return -1;
  }
}

/** The closing quote of the quoted key opening at `at` (a `''` inside single quotes is one quote). */
function closingQuote(text: string, at: number): number {
  if (text.charCodeAt(at) === DOUBLE_QUOTE) return text.indexOf('"', at + 1);
  let close = at + 1;
  for (;;) {
    close = text.indexOf("'", close);
    if (close < 0 || text.charCodeAt(close + 1) !== SINGLE_QUOTE) return close;
    close += 2;
  }
}

/** Whether the key read from `at` to `end` (past its `:`, as `keyEnd` found it) is named `name`. */
function keyIs(text: string, at: number, end: number, name: string): boolean {
  const c = text.charCodeAt(at);
  if (c === SINGLE_QUOTE) {
    const close = closingQuote(text, at);
    return text.slice(at + 1, close).replace(/''/g, "'") === name;
  }
  if (c === DOUBLE_QUOTE) {
    const close = text.indexOf('"', at + 1);
    return close - at - 1 === name.length && text.startsWith(name, at + 1);
  }
  let last = end - 1;
  while (last > at && (text.charCodeAt(last - 1) === SPACE || text.charCodeAt(last - 1) === TAB)) last--;
  return last - at === name.length && text.startsWith(name, at);
}

/** `nextFlowItem`'s answer at the collection's closing bracket. */
const FLOW_END = -1;

/**
 * Where the next item of a flow collection starts, after an item that ended at `end` (-1 when
 * the item could not be read): FLOW_END at the closing bracket (a trailing comma allowed), null
 * when something else follows.
 */
function nextFlowItem(text: string, end: number, close: number): number | null {
  if (end < 0) return null;
  let i = skipFlowSpace(text, end);
  const c = text.charCodeAt(i);
  if (c === close) return FLOW_END;
  if (c !== COMMA) return null;
  i = skipFlowSpace(text, i + 1);
  return text.charCodeAt(i) === close ? FLOW_END : i;
}

/** The start of a flow entry's value after its `:` (an empty value is reported at the colon). */
function flowValueAfterColon(text: string, afterColon: number): number {
  const p = skipFlowSpace(text, afterColon);
  const c = text.charCodeAt(p);
  return c === COMMA || c === CLOSE_BRACE ? afterColon - 1 : p;
}

/**
 * Moves past one value inside a flow collection closed by `close`: a quoted scalar, a nested
 * collection (balanced, quotes respected) or a plain scalar. -1 when the text is not as expected.
 */
function skipFlowScalarOrCollection(text: string, i: number, close: number): number {
  const c = text.charCodeAt(i);
  if (c === DOUBLE_QUOTE) return skipDoubleQuoted(text, i);
  if (c === SINGLE_QUOTE) return skipSingleQuoted(text, i);
  if (c === OPEN_BRACKET || c === OPEN_BRACE) return skipNestedFlow(text, i);
  if (c === ASTERISK || c === AMPERSAND || c === BANG || c === QUESTION) return -1;
  // A plain scalar (or a single-pair `key: value`) ends at `,` or the closing bracket.
  for (let j = i; j < text.length; j++) {
    const d = text.charCodeAt(j);
    if (d === COMMA || d === close) return j;
    if (d === OPEN_BRACKET || d === OPEN_BRACE || d === CLOSE_BRACKET || d === CLOSE_BRACE || d === HASH) return -1;
  }
  return -1;
}

function skipNestedFlow(text: string, open: number): number {
  let depth = 0;
  // A quote opens a quoted scalar only where a scalar starts (after `[`, `{`, `,` or a `:` and
  // blanks); inside a plain scalar (`{it's: 0}`) it is an ordinary character.
  let scalarMayStart = true;
  for (let j = open; j < text.length; j++) {
    const d = text.charCodeAt(j);
    if ((d === DOUBLE_QUOTE || d === SINGLE_QUOTE) && scalarMayStart) {
      j = (d === DOUBLE_QUOTE ? skipDoubleQuoted(text, j) : skipSingleQuoted(text, j)) - 1;
      if (j < 0) return -1;
      scalarMayStart = false;
      continue;
    }
    if (d === OPEN_BRACKET || d === OPEN_BRACE) depth++;
    else if ((d === CLOSE_BRACKET || d === CLOSE_BRACE) && --depth === 0) return j + 1;
    if (d === OPEN_BRACKET || d === OPEN_BRACE || d === COMMA || d === COLON) scalarMayStart = true;
    else if (d !== SPACE && d !== TAB && d !== LF && d !== CR) scalarMayStart = false;
  }
  return -1;
}

function skipDoubleQuoted(text: string, open: number): number {
  for (let j = open + 1; j < text.length; j++) {
    const d = text.charCodeAt(j);
    if (d === BACKSLASH) j++;
    else if (d === DOUBLE_QUOTE) return j + 1;
  }
  return -1;
}

function skipSingleQuoted(text: string, open: number): number {
  for (let j = open + 1; j < text.length; j++) {
    if (text.charCodeAt(j) !== SINGLE_QUOTE) continue;
    if (text.charCodeAt(j + 1) === SINGLE_QUOTE) j++;
    else return j + 1;
  }
  return -1;
}

/** Skips blanks, line breaks and whole-line comments between flow items. */
function skipFlowSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || c === LF || c === CR) i++;
    else if (c === HASH && (i === 0 || isBlankOrEnd(text.charCodeAt(i - 1)))) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else return i;
  }
}

function skipSpaces(text: string, i: number): number {
  while (text.charCodeAt(i) === SPACE) i++;
  return i;
}

function skipBlanks(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB) i++;
    else return i;
  }
}

function isLineEnd(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === LF || c === CR || Number.isNaN(c);
}

function isBlankOrEnd(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR || Number.isNaN(c);
}

/** A `-` (or `:` of a key) is an indicator only when a blank or the line's end follows. */
function isSeparator(text: string, i: number): boolean {
  return isBlankOrEnd(text.charCodeAt(i));
}

function isBlankRest(text: string, i: number): boolean {
  const p = skipBlanks(text, i);
  return isLineEnd(text, p) || text.charCodeAt(p) === HASH;
}

/** `---` or `...` at `p`, followed by a blank or the end of the line. */
function startsMarker(text: string, p: number, mark: number): boolean {
  return text.charCodeAt(p) === mark && text.charCodeAt(p + 1) === mark && text.charCodeAt(p + 2) === mark && isBlankOrEnd(text.charCodeAt(p + 3));
}
