// The table both position readers (yaml-locator.ts, json-reader.ts) step through a file's
// lines with. Each keeps one indentation code per line; from it this table says, for each line,
// where the value that line opens ends, so that a scan for the keys or items of one collection
// goes from one to the next without visiting the lines of their values.

/** An indentation code: a line holding nothing a collection is made of (blank, or a YAML comment). */
export const BLANK_LINE = -1;

/**
 * For each line, the first line after it whose content is indented no deeper (the end of the
 * value the line opens), or a barrier line, whichever comes first; the line after it for blank
 * lines and barriers; the line count when none follows. `codes` holds each line's indentation,
 * BLANK_LINE, or a code below BLANK_LINE for a barrier: a line a scan must stop at whatever its
 * indentation (YAML's tab-indented lines, which the YAML reader declines). One pass with a stack
 * of the lines whose value is still open.
 */
export function valueEnds(codes: Int32Array): Int32Array {
  const ends = new Int32Array(codes.length);
  const open = new Int32Array(codes.length);
  let depth = 0;
  for (let line = 0; line < codes.length; line++) {
    const code = codes[line];
    if (code === BLANK_LINE) {
      ends[line] = line + 1;
      continue;
    }
    const indent = code < BLANK_LINE ? -1 : code;
    while (depth > 0 && codes[open[depth - 1]] >= indent) ends[open[--depth]] = line;
    if (code < BLANK_LINE) ends[line] = line + 1;
    else open[depth++] = line;
  }
  while (depth > 0) ends[open[--depth]] = codes.length;
  return ends;
}
