// Reads YAML with js-yaml's plain `load` and finds positions only when a finding asks for one.
// Positions come from the text's layout (yaml-locator.ts), checked against the parsed value;
// when the layout is beyond that reader (aliases, merge keys, complex keys), the file is parsed
// once more with js-yaml's `listener`, which reports where every node opens and closes, and
// those reports are folded into a tree of offsets (positions.ts).
//
// Measured on a 13.7 MB, 50,000-route file: plain `load` ~0.8 s, the same with the listener
// ~0.3 s and ~30 MB more, js-yaml 5's event stream walked by hand ~0.8 s / 380 MB, and the
// `yaml` package 8-10 s / 1 GB. js-yaml 5 has no listener, hence version 4.

import type * as JsYaml from 'js-yaml';
import { InputError } from '../../errors';
import { TextLines } from '../../text/line-index';
import { SELF, offsetAt, ownOffset, type MappingPositions, type PositionNode } from './positions';
import { YamlLayoutLocator } from './yaml-locator';
import { kongScalarTypes, type TypeConstructor } from './kong-yaml-scalars';

export interface ParsedText {
  value: unknown;
  /** The offset of the value at `path`, or of its closest existing ancestor. */
  offsetAt(path: readonly (string | number)[]): number;
  /** Where the YAML documents after the first begin, when any of them holds something. */
  laterDocumentsAt?: number;
  /** Keys written twice in one mapping (Kong keeps the later value), each at its later place, in file order. */
  duplicateKeys?: { key: string; at: number }[];
}

interface ListenerState {
  position: number;
  result: unknown;
  kind: string | null;
  anchor: string | null;
  input: string;
}

type YamlLoad = (text: string, options?: Omit<JsYaml.LoadOptions, 'schema'>) => unknown;
type YamlLoadAll = (text: string, options?: Omit<JsYaml.LoadOptions, 'schema'>) => unknown[];

let kongLoad: YamlLoad | undefined;
let kongLoadAll: YamlLoadAll | undefined;

/**
 * js-yaml's `load` with the scalars Kong's own YAML reader (lyaml, kong/db/declarative/init.lua)
 * recognises (kong-yaml-scalars.ts: YAML 1.1's yes/no/on/off, octal, sexagesimal...) plus merge
 * keys, and no timestamps: `created: 2024-01-01` stays the text Kong sees, and no plain scalar
 * is tried against the timestamp pattern (about 0.1 s of a 50,000-route file). js-yaml is
 * loaded with the first YAML file, not at start-up.
 */
function yamlLoad(): YamlLoad {
  if (kongLoad === undefined) {
    const jsYaml = require('js-yaml') as typeof JsYaml;
    const scalars = kongScalarTypes(jsYaml.Type as unknown as TypeConstructor) as JsYaml.Type[];
    const schema = jsYaml.FAILSAFE_SCHEMA.extend({ implicit: [...scalars, jsYaml.types.merge] });
    kongLoad = (text, options) => jsYaml.load(text, { ...options, schema });
    kongLoadAll = (text, options) => jsYaml.loadAll(text, undefined, { ...options, schema });
  }
  return kongLoad;
}

/**
 * Parses a YAML file as Kong does; throws InputError naming the file and line on malformed input.
 *
 * - A key written twice in one mapping: Kong's lyaml assigns keys in order, so the later value
 *   wins and the file loads. js-yaml refuses it unless told to behave like JSON.parse (`json`),
 *   which is the same last-wins rule; the first such key is kept for a finding.
 * - A stream of several documents: lyaml parses them all (each must be valid) and Kong
 *   configures the first (kong/db/declarative/init.lua calls lyaml.load without `all`; lyaml
 *   lib/lyaml/init.lua then returns documents[1]). Where the others begin is kept for a finding.
 */
export function readYaml(text: string, file: string, lines: TextLines = new TextLines(text)): ParsedText {
  const load = yamlLoad();
  let duplicateKey: { key: string; at: number } | undefined;
  // Runs a parse; on a duplicate key, notes it and parses again with the last value winning.
  const lastKeyWins = <T>(parse: (json: boolean) => T): T => {
    try {
      return parse(false);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      duplicateKey ??= duplicateKeyAt(text, (error as { mark: { position: number } }).mark.position);
      return parse(true);
    }
  };
  let parsed: LocatedYaml | undefined;
  try {
    const value = lastKeyWins((json) => load(text, { filename: file, json }));
    parsed = new LocatedYaml(value, text, lines, file, load, text, duplicateKey !== undefined);
  } catch (error) {
    if (!isSeveralDocuments(error)) throw yamlError(error, lines, file);
  }
  const several = parsed === undefined;
  if (parsed === undefined) {
    let documents: unknown[];
    try {
      documents = lastKeyWins((json) => kongLoadAll!(text, { filename: file, json }));
    } catch (error) {
      throw yamlError(error, lines, file);
    }
    const secondAt = secondDocumentStart(text);
    // The first document alone, for the parser's positions (the same offsets: it is a prefix).
    const firstText = secondAt === undefined ? text : text.slice(0, secondAt);
    parsed = new LocatedYaml(documents[0], text, lines, file, load, firstText, duplicateKey !== undefined);
    const laterHoldSomething = documents.slice(1).some((document) => document !== null && document !== undefined);
    if (laterHoldSomething && secondAt !== undefined) parsed.laterDocumentsAt = secondAt;
  }
  if (duplicateKey) parsed.duplicateKeys = allDuplicateKeys(text, file, duplicateKey, several);
  return parsed;
}

/**
 * Every key written twice, once js-yaml has stopped at the first: a file that repeats one key
 * often repeats others (a hand-merged kong.yml), and naming them one run at a time wastes the
 * operator's time. A second parse with the listener pairs each mapping's keys; it runs only for
 * files that repeat a key. js-yaml's own first find is always kept.
 */
function allDuplicateKeys(text: string, file: string, first: { key: string; at: number }, several: boolean): { key: string; at: number }[] {
  const builder = new PositionBuilder(true);
  try {
    if (several) kongLoadAll!(text, { filename: file, listener: builder.listener, json: true });
    else yamlLoad()(text, { filename: file, listener: builder.listener, json: true });
  } catch {
    return [first];
  }
  const found = builder.duplicates.filter((duplicate) => duplicate.at !== first.at);
  return [first, ...found].sort((a, b) => a.at - b.at);
}

function isDuplicateKey(error: unknown): boolean {
  const mark = (error as { mark?: { position?: unknown } }).mark;
  return error instanceof Error && /duplicated mapping key/.test(error.message) && typeof mark?.position === 'number';
}

/** The key js-yaml stopped at (a plain or quoted key up to its `:`), as written. */
function duplicateKeyAt(text: string, at: number): { key: string; at: number } {
  const end = text.indexOf('\n', at);
  const line = text.slice(at, end === -1 ? text.length : end);
  const match = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s:#][^:#]*?))\s*:(?:\s|$)/.exec(line);
  const key = match ? match[1] ?? match[2]?.replace(/''/g, "'") ?? match[3] : line.split(':')[0].trim();
  return { key, at };
}

function isSeveralDocuments(error: unknown): boolean {
  return error instanceof Error && /expected a single document in the stream/.test(error.message);
}

/**
 * The offset of the marker line (`---` or `...`) that ends the first document: the first marker
 * after the first line holding content. A marker at column 0 always ends a document in YAML.
 * Only the lines before the content are looked at one by one (usually none or a `---`); the
 * markers after it are found by one search, as --fix-output asks this of every YAML file.
 */
export function secondDocumentStart(text: string): number | undefined {
  const contentAt = firstContentLine(text);
  if (contentAt === undefined) return undefined;
  return documentMarkers(text, contentAt + 1).next().value?.at;
}

/**
 * The document markers from `from` on: `---` (a document starts) or `...` (one ends), each at
 * column 0 and followed by a blank or the end of its line (YAML 1.2, 9.1.3-9.1.4).
 */
export function* documentMarkers(text: string, from: number): Generator<{ at: number; marker: '---' | '...' }> {
  const markers = /^(---|\.\.\.)(?=[ \t\r\n]|$)/gm;
  markers.lastIndex = from;
  for (let match = markers.exec(text); match !== null; match = markers.exec(text)) {
    yield { at: match.index, marker: match[1] as '---' | '...' };
  }
}

/** Where the first line holding content starts (a `--- {a: 1}` marker line counts as content). */
function firstContentLine(text: string): number | undefined {
  for (let at = 0; at < text.length; ) {
    const next = text.indexOf('\n', at);
    const end = next === -1 ? text.length : next;
    const line = text.slice(at, end);
    const rest = /^(?:---|\.\.\.)(?=[ \t\r]|$)/.test(line) ? line.slice(3) : line;
    // Anything but blanks and a comment is content; a `%` directive line is not.
    if (!line.startsWith('%') && /^[ \t]*[^ \t\r#]/.test(rest)) return at;
    at = end + 1;
  }
  return undefined;
}

/** A parsed YAML document whose positions are found on demand. */
class LocatedYaml implements ParsedText {
  private locator?: YamlLayoutLocator;
  private parserPositions?: PositionNode;

  laterDocumentsAt?: number;
  duplicateKeys?: { key: string; at: number }[];

  constructor(
    readonly value: unknown,
    private readonly text: string,
    private readonly lines: TextLines,
    private readonly file: string,
    private readonly load: YamlLoad,
    /** The text of the first document only: what the parser re-reads for positions. */
    private readonly firstDocument: string,
    /** The text writes a key twice: the parser must be told to keep the last. */
    private readonly lastKeyWins: boolean,
  ) {}

  offsetAt(path: readonly (string | number)[]): number {
    if (this.parserPositions === undefined) {
      this.locator ??= new YamlLayoutLocator(this.text, this.lines.index());
      const offset = this.locator.offsetAt(this.value, path);
      if (offset !== undefined) return offset;
    }
    return offsetAt(this.positionsFromParser(), path);
  }

  /** True once a lookup needed the parser's own positions (tests and timings read this). */
  get usedParserPositions(): boolean {
    return this.parserPositions !== undefined;
  }

  /** Parses the text again, recording positions; once per file, and only for unusual layouts. */
  private positionsFromParser(): PositionNode {
    if (this.parserPositions === undefined) {
      const builder = new PositionBuilder();
      this.load(this.firstDocument, { filename: this.file, listener: builder.listener, json: this.lastKeyWins });
      this.parserPositions = builder.root;
    }
    return this.parserPositions;
  }
}

/** Positions recorded by the parser for a whole text (the reference the layout reader is tested against). */
export function parserPositions(text: string): PositionNode {
  const builder = new PositionBuilder();
  yamlLoad()(text, { listener: builder.listener });
  return builder.root;
}

/**
 * A stack of open nodes. js-yaml sometimes opens the same node twice (a block scalar or
 * collection is composed through a nested call); such a wrapper holds exactly one child whose
 * result is the wrapper's own result, and collapses into it.
 *
 * Children of every open node live on two shared stacks (positions and results) rather than in
 * arrays per node: a 50,000-route file has ~400,000 collections, and per-node arrays were most
 * of the builder's garbage. A node's children are the stack slots above the height it opened at.
 */
class PositionBuilder {
  root: PositionNode = 0;
  private depth = -1;
  private readonly starts: number[] = [];
  /** Height of the shared child stacks when each open node opened. */
  private readonly heights: number[] = [];
  private readonly positions: PositionNode[] = [];
  private readonly results: unknown[] = [];
  /** Offset trees of anchored nodes, so an alias (or a merge key) points into the original. */
  private readonly anchors = new Map<string, PositionNode>();
  /** Keys a block or flow mapping writes twice, at their later place (collected when asked for). */
  readonly duplicates: { key: string; at: number }[] = [];

  /** `findDuplicates`: also note keys written twice (parse with `json: true`, which lets the later win). */
  constructor(private readonly findDuplicates = false) {}

  readonly listener = (event: 'open' | 'close', state: ListenerState): void => {
    if (event === 'open') {
      const depth = ++this.depth;
      this.starts[depth] = state.position;
      this.heights[depth] = this.positions.length;
      return;
    }
    const depth = this.depth--;
    const pos = this.close(depth, state);
    if (state.anchor !== null && typeof pos !== 'number') this.anchors.set(state.anchor, pos);
    if (depth === 0) {
      this.root = pos;
      return;
    }
    this.positions.push(pos);
    this.results.push(state.result);
  };

  private close(depth: number, state: ListenerState): PositionNode {
    const start = this.starts[depth];
    const from = this.heights[depth];
    const positions = this.positions;
    const results = this.results;
    const count = positions.length - from;
    const result = state.result;
    if (count === 0) return this.aliasTarget(state.input, start) ?? start;
    let node: PositionNode;
    if (count === 1 && results[from] === result) node = positions[from];
    else if (Array.isArray(result)) {
      const list: PositionNode[] = new Array(count + 1);
      list[0] = start;
      for (let i = 0; i < count; i++) list[i + 1] = positions[from + i];
      node = list;
    } else if (result !== null && typeof result === 'object') {
      const map = {} as MappingPositions;
      map[SELF] = start;
      // Merged keys may be overridden; only a key the mapping itself writes twice is a duplicate.
      const own = this.findDuplicates && count % 2 === 0 ? new Set<string>() : undefined;
      for (let i = from; i + 1 < positions.length; i += 2) {
        const key = mappingKeyText(results[i]);
        const child = positions[i + 1];
        if (key === '<<') mergePositions(map, child);
        else {
          if (own?.has(key)) this.duplicates.push({ key, at: ownOffset(positions[i]) });
          own?.add(key);
          map[key] = child;
        }
      }
      node = map;
    } else node = positions[from];
    positions.length = from;
    results.length = from;
    return node;
  }

  /** When the node at `start` is an alias (`*name`), the offsets of what it names. */
  private aliasTarget(input: string, start: number): PositionNode | undefined {
    if (this.anchors.size === 0) return undefined;
    let i = start;
    while (input.charCodeAt(i) === 0x20 || input.charCodeAt(i) === 0x0a || input.charCodeAt(i) === 0x0d) i++;
    if (input.charCodeAt(i) !== 0x2a /* * */) return undefined;
    const name = /^[^\s,\[\]{}]+/.exec(input.slice(i + 1, i + 200))?.[0];
    return name === undefined ? undefined : this.anchors.get(name);
  }
}

/** YAML merge keys (`<<: *base`): merged keys point into the merged mapping unless set here. */
function mergePositions(target: MappingPositions, merged: PositionNode): void {
  const sources = Array.isArray(merged) ? merged.slice(1) : [merged];
  for (const source of sources) {
    if (typeof source !== 'object' || Array.isArray(source)) continue;
    for (const key of Object.keys(source)) {
      if (key !== SELF && !(key in target)) target[key] = source[key];
    }
  }
}

function yamlError(error: unknown, lines: TextLines, file: string): InputError {
  const mark = (error as { mark?: { position?: number } }).mark;
  const reason = (error as { reason?: string }).reason ?? (error instanceof Error ? error.message.split('\n')[0] : String(error));
  if (mark && typeof mark.position === 'number') {
    const { line, column } = lines.index().locate(Math.min(mark.position, lines.text.length));
    return new InputError(`malformed YAML: ${reason}`, { file, line, column });
  }
  return new InputError(`malformed YAML: ${reason}`, { file });
}

/**
 * A key as js-yaml stores it (loader.js storeMappingPair): a mapping, alone or inside a list, is
 * `[object Object]`, so a `toString` key inside it (`{toString: 1}: x`) is never called.
 */
function mappingKeyText(key: unknown): string {
  if (typeof key === 'string') return key;
  const plain = (value: unknown) => (value !== null && typeof value === 'object' && Object.prototype.toString.call(value) === '[object Object]' ? '[object Object]' : value);
  return String(Array.isArray(key) ? key.map(plain) : plain(key));
}
