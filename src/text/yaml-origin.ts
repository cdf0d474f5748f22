// Places in a YAML text read with the yaml package: its LineCounter gives 1-based lines and
// columns for an offset, which findings and input errors carry as a file origin.

import type { LineCounter } from 'yaml';
import type { FileOrigin } from '../model/origin';

/**
 * The file origin of an offset of `file`'s text, as `lineCounter` (filled by the parse) places it.
 * `linesBefore`: how many lines of the file precede the text parsed (one part of a larger file).
 */
export function yamlOriginAt(lineCounter: LineCounter, file: string, linesBefore = 0): (offset: number) => FileOrigin {
  return (offset) => {
    const pos = lineCounter.linePos(offset);
    return { kind: 'file', file, line: linesBefore + pos.line, column: pos.col };
  };
}
