// Offsets to lines and columns for the texts the tool reads.

/**
 * Turns offsets into 1-based line and column with a table of line starts built once per text.
 * The readers, the document and fingerprinting share one table per text (`lineIndexOf`).
 */
export class LineIndex {
  private readonly starts: Uint32Array;

  constructor(text: string) {
    // One pass over the text: the table starts at a guess (a line per 40 characters) and doubles
    // when the text has shorter lines; the unused end is cut off.
    let starts = new Uint32Array(Math.max(16, Math.ceil(text.length / 40)));
    let count = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      if (count === starts.length) {
        const larger = new Uint32Array(starts.length * 2);
        larger.set(starts);
        starts = larger;
      }
      starts[count++] = i + 1;
    }
    this.starts = starts.subarray(0, count);
  }

  /** Number of lines (a text without a line break has one). */
  get count(): number {
    return this.starts.length;
  }

  /** Offset where 0-based line `line` starts. */
  startOf(line: number): number {
    return this.starts[line];
  }

  /** The line the previous lookup answered: lookups mostly move forward a few lines at a time. */
  private recent = 0;

  /** 0-based line holding `offset`. */
  lineOf(offset: number): number {
    const starts = this.starts;
    // Findings are located in file order and each container scan starts near the previous one:
    // a few steps forward from the last answer usually beat a binary search over a million lines.
    let line = this.recent;
    if (starts[line] <= offset) {
      for (let step = 0; step < 16; step++) {
        if (line + 1 >= starts.length || starts[line + 1] > offset) {
          this.recent = line;
          return line;
        }
        line++;
      }
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    this.recent = low;
    return low;
  }

  /** 0-based column of `offset` within its line. */
  columnOf(offset: number): number {
    return offset - this.starts[this.lineOf(offset)];
  }

  locate(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line: line + 1, column: offset - this.starts[line] + 1 };
  }
}

/**
 * The line index of a text, built once however many parts of a run ask (the reader locating
 * values, the document turning offsets into lines, fingerprints reading lines back). Keyed by the
 * string itself: V8 compares the same string object by identity, and keeps a few recent texts only.
 */
const recentIndexes = new Map<string, LineIndex>();
const RECENT_INDEXES = 8;

export function lineIndexOf(text: string): LineIndex {
  let index = recentIndexes.get(text);
  if (index === undefined) {
    index = new LineIndex(text);
    if (recentIndexes.size >= RECENT_INDEXES) recentIndexes.delete(recentIndexes.keys().next().value as string);
    recentIndexes.set(text, index);
  }
  return index;
}
