// Reads JSON with the engine's own JSON.parse (the fastest path there is) and finds positions
// only when a finding asks for one. The first lookup indexes containers down to nested entities
// (services[i].routes[j]) in one pass, skipping deeper values without allocating; below that,
// the entity a finding points into gets its own offset tree, built once. Positions cost one pass
// over the text, and nothing when a file has no finding.

import { InputError } from '../../errors';
import { LineIndex } from '../../text/line-index';
import { SELF, childPosition, offsetAt, ownOffset, type MappingPositions, type PositionNode } from './positions';
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

/** The first lookup indexes containers down to nested entities (services[i].routes[j]); below that a per-entity tree. */
const LAZY_DEPTH = 4;

/**
 * One pass over the text on the first lookup builds the offset tree down to LAZY_DEPTH, skipping
 * deeper values without allocating; an entity a finding points into gets its own full tree,
 * built once. (An earlier version indexed each container on demand, which re-scanned the text
 * once per level: four passes over a 30 MB file instead of one.)
 */
class LazyJsonIndex {
  private skeleton?: PositionNode;
  /** Full offset trees of entities, by their start offset. */
  private readonly subtrees = new Map<number, PositionNode>();

  constructor(private readonly text: string) {}

  offsetAt(path: readonly (string | number)[]): number {
    this.skeleton ??= new JsonTreeScanner(this.text, skipSpaceAt(this.text, 0), LAZY_DEPTH).value();
    let node = this.skeleton;
    for (let depth = 0; depth < path.length; depth++) {
      if (depth === LAZY_DEPTH && typeof node === 'number') {
        const start = node;
        let tree = this.subtrees.get(start);
        if (tree === undefined) {
          tree = entityTree(this.text, start);
          this.subtrees.set(start, tree);
        }
        return offsetAt(tree, path.slice(depth));
      }
      const next = childPosition(node, path[depth]);
      if (next === undefined) break;
      node = next;
    }
    return ownOffset(node);
  }
}

/**
 * The full offset tree of one entity. JSON.parse accepts any nesting depth but this scanner
 * recurses: an entity nested past the stack's depth is located by its start only.
 */
function entityTree(text: string, start: number): PositionNode {
  try {
    return new JsonTreeScanner(text, start, Infinity).value();
  } catch (error) {
    if (error instanceof RangeError) return start;
    throw error;
  }
}

function skipSpaceAt(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else return i;
  }
}

/**
 * Builds the offset tree of one value, as the YAML reader does for whole files; containers deeper
 * than `maxDepth` are skipped and stand as their start offset.
 */
class JsonTreeScanner {
  private depth = 0;

  constructor(private readonly text: string, private i: number, private readonly maxDepth: number) {}

  value(): PositionNode {
    const text = this.text;
    const start = this.i;
    const c = text.charCodeAt(start);
    if (c === 0x7b || c === 0x5b) {
      if (this.depth >= this.maxDepth) {
        this.skipContainer();
        return start;
      }
      this.depth++;
      const node = c === 0x7b ? this.object() : this.array();
      this.depth--;
      return node;
    }
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

  /** Moves past the object or array opening at the cursor without building anything. */
  private skipContainer(): void {
    const text = this.text;
    let depth = 0;
    for (let i = this.i; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (d === QUOTE) {
        this.i = i;
        this.skipString();
        i = this.i - 1;
      } else if (d === 0x7b || d === 0x5b) depth++;
      else if ((d === 0x7d || d === 0x5d) && --depth === 0) {
        this.i = i + 1;
        return;
      }
    }
    this.i = text.length;
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
