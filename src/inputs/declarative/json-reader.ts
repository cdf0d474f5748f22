// Reads JSON with the engine's own JSON.parse (the fastest path there is) and finds positions
// only when a finding asks for one. Containers down to nested entities (services[i].routes[j])
// are indexed lazily (the start of each direct child, skipping the rest without allocating);
// below that, the entity a finding points into gets its own offset tree, built once. Positions
// cost a few passes over the text at most, and nothing when a file has no finding.

import { InputError } from '../../errors';
import { LineIndex, SELF, offsetAt, type MappingPositions, type PositionNode } from './positions';
import type { ParsedText } from './yaml-reader';

export function readJson(text: string, file: string): ParsedText {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const offset = errorOffset(text, reason);
    const { line, column } = new LineIndex(text).locate(offset);
    throw new InputError(`malformed JSON: ${reason}`, { file, line, column });
  }
  const index = new LazyJsonIndex(text);
  return { value, offsetAt: (path) => index.offsetAt(path) };
}

/** JSON.parse names the failing offset in its message ("at position 123"); else the end. */
function errorOffset(text: string, reason: string): number {
  const match = /position (\d+)/.exec(reason);
  return match ? Math.min(Number(match[1]), Math.max(0, text.length - 1)) : Math.max(0, text.length - 1);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

type ContainerIndex = { kind: 'array'; starts: number[] } | { kind: 'object'; keys: Map<string, number> };

/** Lookups index containers lazily down to nested entities (services[i].routes[j]); below that a per-entity tree. */
const LAZY_DEPTH = 4;

class LazyJsonIndex {
  private readonly containers = new Map<string, ContainerIndex>();
  private readonly subtrees = new Map<string, PositionNode>();

  constructor(private readonly text: string) {}

  offsetAt(path: readonly (string | number)[]): number {
    const head = path.slice(0, LAZY_DEPTH);
    const offset = this.lazyOffset(head);
    if (path.length <= LAZY_DEPTH) return offset;
    if (this.lazyOffset(head.slice(0, -1)) === offset) return offset; // the entity itself is missing
    const key = head.join('\u0000');
    let tree = this.subtrees.get(key);
    if (!tree) {
      tree = new JsonTreeScanner(this.text, offset).value();
      this.subtrees.set(key, tree);
    }
    return offsetAt(tree, path.slice(LAZY_DEPTH));
  }

  private lazyOffset(path: readonly (string | number)[]): number {
    let offset = this.skipSpace(0);
    let key = '';
    for (const step of path) {
      const container = this.container(key, offset);
      if (!container) break;
      const next = container.kind === 'array'
        ? (typeof step === 'number' ? container.starts[step] : undefined)
        : container.keys.get(String(step));
      if (next === undefined) break;
      offset = next;
      key += `\u0000${step}`;
    }
    return offset;
  }

  /** The direct children of the container starting at `offset` (built once per container). */
  private container(key: string, offset: number): ContainerIndex | undefined {
    const cached = this.containers.get(key);
    if (cached) return cached;
    const open = this.text.charCodeAt(offset);
    let built: ContainerIndex | undefined;
    if (open === 0x5b /* [ */) built = { kind: 'array', starts: this.arrayStarts(offset) };
    else if (open === 0x7b /* { */) built = { kind: 'object', keys: this.objectKeys(offset) };
    if (built) this.containers.set(key, built);
    return built;
  }

  private arrayStarts(open: number): number[] {
    const starts: number[] = [];
    let i = this.skipSpace(open + 1);
    if (this.text.charCodeAt(i) === 0x5d /* ] */) return starts;
    for (;;) {
      i = this.skipSpace(i);
      starts.push(i);
      i = this.skipSpace(this.skipValue(i));
      if (this.text.charCodeAt(i) !== 0x2c /* , */) return starts;
      i++;
    }
  }

  private objectKeys(open: number): Map<string, number> {
    const keys = new Map<string, number>();
    const text = this.text;
    let i = this.skipSpace(open + 1);
    while (text.charCodeAt(i) === QUOTE) {
      const end = this.stringEnd(i);
      const raw = text.slice(i + 1, end - 1);
      const name = raw.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : raw;
      i = this.skipSpace(this.skipSpace(end) + 1); // past the colon
      keys.set(name, i);
      i = this.skipSpace(this.skipValue(i));
      if (text.charCodeAt(i) !== 0x2c) break;
      i = this.skipSpace(i + 1);
    }
    return keys;
  }

  /** The offset just past the value starting at `i` (the text is valid JSON: JSON.parse said so). */
  private skipValue(i: number): number {
    const text = this.text;
    const c = text.charCodeAt(i);
    if (c === QUOTE) return this.stringEnd(i);
    if (c !== 0x7b && c !== 0x5b) {
      while (i < text.length) {
        const d = text.charCodeAt(i);
        if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) break;
        i++;
      }
      return i;
    }
    let depth = 0;
    for (; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (d === QUOTE) i = this.stringEnd(i) - 1;
      else if (d === 0x7b || d === 0x5b) depth++;
      else if ((d === 0x7d || d === 0x5d) && --depth === 0) return i + 1;
    }
    return i;
  }

  /** The offset just past the closing quote of the string opening at `i`. */
  private stringEnd(i: number): number {
    const text = this.text;
    let j = i + 1;
    for (;;) {
      const q = text.indexOf('"', j);
      if (q === -1) return text.length;
      let k = q - 1;
      while (k > i && text.charCodeAt(k) === BACKSLASH) k--;
      if ((q - 1 - k) % 2 === 0) return q + 1;
      j = q + 1;
    }
  }

  private skipSpace(i: number): number {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else return i;
    }
  }
}

/** Builds the offset tree of one value (an entity), as the YAML reader does for whole files. */
class JsonTreeScanner {
  constructor(private readonly text: string, private i: number) {}

  value(): PositionNode {
    const text = this.text;
    const start = this.i;
    const c = text.charCodeAt(start);
    if (c === 0x7b) return this.object();
    if (c === 0x5b) return this.array();
    if (c === QUOTE) {
      this.skipString();
      return start;
    }
    let j = start;
    while (j < text.length) {
      const d = text.charCodeAt(j);
      if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) break;
      j++;
    }
    this.i = j;
    return start;
  }

  private object(): MappingPositions {
    const map = {} as MappingPositions;
    map[SELF] = this.i++;
    this.skipSpace();
    if (this.text.charCodeAt(this.i) === 0x7d) {
      this.i++;
      return map;
    }
    while (this.i < this.text.length) {
      this.skipSpace();
      const keyStart = this.i;
      this.skipString();
      const raw = this.text.slice(keyStart + 1, this.i - 1);
      const key = raw.includes('\\') ? (JSON.parse(this.text.slice(keyStart, this.i)) as string) : raw;
      this.skipSpace();
      this.i++; // the colon
      this.skipSpace();
      map[key] = this.value();
      this.skipSpace();
      if (this.text.charCodeAt(this.i++) !== 0x2c) break;
    }
    return map;
  }

  private array(): PositionNode[] {
    const list: PositionNode[] = [this.i++];
    this.skipSpace();
    if (this.text.charCodeAt(this.i) === 0x5d) {
      this.i++;
      return list;
    }
    while (this.i < this.text.length) {
      this.skipSpace();
      list.push(this.value());
      this.skipSpace();
      if (this.text.charCodeAt(this.i++) !== 0x2c) break;
    }
    return list;
  }

  private skipString(): void {
    const text = this.text;
    let j = this.i + 1;
    for (;;) {
      const q = text.indexOf('"', j);
      if (q === -1) {
        this.i = text.length;
        return;
      }
      let k = q - 1;
      while (k > this.i && text.charCodeAt(k) === BACKSLASH) k--;
      if ((q - 1 - k) % 2 === 0) {
        this.i = q + 1;
        return;
      }
      j = q + 1;
    }
  }

  private skipSpace(): void {
    const text = this.text;
    let i = this.i;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    this.i = i;
  }
}
