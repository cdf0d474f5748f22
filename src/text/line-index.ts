// Offsets to lines and columns for the texts the tool reads.

/**
 * Turns offsets into 1-based line and column with a table of line starts, built with the index.
 * The readers, the document and fingerprinting share one per text through `TextLines`.
 */
export class LineIndex {
  // Built here, not on first use: a lazy getter on these methods, called millions of times by
  // the position readers, cost ~60 ms on a 50,000-route file with 21,000 findings.
  private readonly starts: Uint32Array;

  constructor(readonly text: string) {
    this.starts = lineStarts(text);
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
 * A text and its line index, made on the first question (a file without findings never needs
 * it). Whoever reads a text makes one and hands it on. It is passed along rather than looked up
 * by text: a Map keyed by a 9 MB string compares the whole string whenever another text of the
 * same length is asked for (V8 hashes long strings by length only), which made a second check in
 * one process spend 14 s on lookups.
 */
export class TextLines {
  private built?: LineIndex;

  constructor(readonly text: string) {}

  index(): LineIndex {
    return (this.built ??= new LineIndex(this.text));
  }
}

/**
 * Offsets where each line starts, in one pass: the table starts at a guess (a line per 40
 * characters) and doubles when the text has shorter lines; the unused end is cut off.
 */
function lineStarts(text: string): Uint32Array {
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
  return starts.subarray(0, count);
}
