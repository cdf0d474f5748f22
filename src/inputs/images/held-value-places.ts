// Where the text of a ConfigMap or Secret key's value sits in the manifest that defines it. Kong
// reads such a value as a file's text (a kong.conf, a plugin's handler.lua), and findings in that
// text should cite the manifest, which is what the operator edits: written as a literal block
// (`handler.lua: |`) each line of the text is a line of the manifest, shifted by the block's
// indentation (../declarative/literal-block.ts); written as a quoted string on one line, each
// character has its own column there (../declarative/one-line-scalar.ts). Any other form (a
// folded block, a quoted string over several lines) has no exact place: every place is then the
// start of the value, and `approximate` says why.

import { embeddedLayoutAt } from '../declarative/embedded-layout';
import { filePlaceOf } from '../declarative/literal-block';
import { oneLineFileOffset } from '../declarative/one-line-scalar';
import { LineIndex, type TextLines } from '../../text/line-index';
import type { FileOrigin } from '../../model/origin';

export interface ValuePlaces {
  /** The manifest's 1-based line and column of line `line`, column `column` (1-based) of the value's text. */
  place(line: number, column: number): { line: number; column: number };
  /** Set when `place` gives the value's start for every place: why the text has no exact place. */
  approximate?: string;
}

/** The places of `value`, the text of the key written at `origin` (the value's first character) of the manifest `lines`. */
export function heldValuePlaces(lines: TextLines, origin: Pick<FileOrigin, 'line' | 'column'>, value: string): ValuePlaces {
  const at = { line: origin.line, column: origin.column };
  const index = lines.index();
  if (at.line > index.count) return { place: () => at, approximate: 'its lines were not found in the file' };
  const reading = embeddedLayoutAt(index, at, value);
  if ('unmappable' in reading) return { place: () => at, approximate: reading.unmappable };
  const { layout } = reading;
  if ('offsets' in layout) {
    // Readers of the text split it on `\n`, as a line index does.
    const inner = new LineIndex(value);
    return { place: (line, column) => index.locate(oneLineFileOffset(layout, (line <= inner.count ? inner.startOf(line - 1) : value.length) + column - 1)) };
  }
  return { place: (line, column) => filePlaceOf(layout, line, column) };
}
