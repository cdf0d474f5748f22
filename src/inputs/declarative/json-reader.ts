// Reads JSON with the engine's own JSON.parse (the fastest path there is) and builds the offset
// tree only when a finding first asks for a position, with a small scanner that walks the text
// once. The scanner also finds the line of a syntax error, which JSON.parse reports vaguely.

import { InputError } from '../../errors';
import { LineIndex, SELF, type MappingPositions, type PositionNode } from './positions';
import type { ParsedText } from './yaml-reader';

export function readJson(text: string, file: string): ParsedText {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const offset = syntaxErrorOffset(text, error);
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const { line, column } = new LineIndex(text).locate(offset);
    throw new InputError(`malformed JSON: ${reason}`, { file, line, column });
  }
  let positions: PositionNode | undefined;
  return {
    value,
    positions: () => (positions ??= new JsonScanner(text).scanDocument()),
  };
}

/** Where JSON.parse failed: our scanner stops at the first character it cannot accept. */
function syntaxErrorOffset(text: string, error: unknown): number {
  try {
    new JsonScanner(text).scanDocument();
  } catch (scanError) {
    if (scanError instanceof JsonSyntaxError) return scanError.offset;
  }
  const match = /position (\d+)/.exec(String((error as Error)?.message));
  return match ? Math.min(Number(match[1]), text.length) : 0;
}

class JsonSyntaxError extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at offset ${offset}`);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Records offsets only: strings are skipped, not decoded, except mapping keys. */
class JsonScanner {
  private i = 0;

  constructor(private readonly text: string) {}

  scanDocument(): PositionNode {
    this.skipSpace();
    const root = this.value();
    this.skipSpace();
    if (this.i < this.text.length) throw new JsonSyntaxError(this.i);
    return root;
  }

  private value(): PositionNode {
    const text = this.text;
    const start = this.i;
    const c = text.charCodeAt(start);
    if (c === 0x7b /* { */) return this.object();
    if (c === 0x5b /* [ */) return this.array();
    if (c === QUOTE) {
      this.skipString();
      return start;
    }
    // number, true, false, null: run to the next delimiter
    let j = start;
    while (j < text.length) {
      const d = text.charCodeAt(j);
      if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) break;
      j++;
    }
    if (j === start) throw new JsonSyntaxError(start);
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
    for (;;) {
      this.skipSpace();
      if (this.text.charCodeAt(this.i) !== QUOTE) throw new JsonSyntaxError(this.i);
      const keyStart = this.i;
      this.skipString();
      const raw = this.text.slice(keyStart + 1, this.i - 1);
      const key = raw.includes('\\') ? (JSON.parse(this.text.slice(keyStart, this.i)) as string) : raw;
      this.skipSpace();
      if (this.text.charCodeAt(this.i) !== 0x3a /* : */) throw new JsonSyntaxError(this.i);
      this.i++;
      this.skipSpace();
      map[key] = this.value();
      this.skipSpace();
      const c = this.text.charCodeAt(this.i++);
      if (c === 0x7d) return map;
      if (c !== 0x2c) throw new JsonSyntaxError(this.i - 1);
    }
  }

  private array(): PositionNode[] {
    const list: PositionNode[] = [this.i++];
    this.skipSpace();
    if (this.text.charCodeAt(this.i) === 0x5d) {
      this.i++;
      return list;
    }
    for (;;) {
      this.skipSpace();
      list.push(this.value());
      this.skipSpace();
      const c = this.text.charCodeAt(this.i++);
      if (c === 0x5d) return list;
      if (c !== 0x2c) throw new JsonSyntaxError(this.i - 1);
    }
  }

  private skipString(): void {
    const text = this.text;
    let j = this.i + 1;
    for (;;) {
      const q = text.indexOf('"', j);
      if (q === -1) throw new JsonSyntaxError(text.length);
      // count the backslashes right before the quote: an odd number escapes it
      let k = q - 1;
      while (k >= j && text.charCodeAt(k) === BACKSLASH) k--;
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
