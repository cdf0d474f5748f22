// Where the text of a YAML literal block scalar (`|`, `|-`, `|+`, `|2`...) sits in the file that
// holds it. Kong's Helm chart writes `dblessConfig.config` into a ConfigMap as `kong.yml: |` with
// the configuration indented below (Kong/charts charts/kong/templates/config-dbless.yaml@e76b800):
// such a block keeps every line of its text, only less the indentation YAML strips, so a line and
// column of the text is a line and column of the file, shifted. Folded blocks (`>`) and quoted
// strings join lines or decode escapes: their text has no such line-for-line place, and is not mapped.
//
// The layout is not taken on trust from the header alone: each line of the parsed value is
// compared with the file's line it should come from, so a block this reading misunderstands is
// left unmapped rather than located wrongly.

import type { LineIndex } from '../../text/line-index';

/** How the lines of a literal block's value sit in the file. */
export interface LiteralBlockLayout {
  /** 0-based line of the file holding the value's first line. */
  readonly firstLine: number;
  /** Spaces YAML stripped from every content line (the block's indentation). */
  readonly indent: number;
}

export type LiteralBlockReading = { layout: LiteralBlockLayout } | { unmappable: string };

/** `|`, then an indentation indicator and a chomping indicator in either order, then blanks and a comment. */
const LITERAL_HEADER = /^\|(?:[1-9][+-]?|[+-][1-9]?)?(?:[ \t]+(?:#.*)?)?$/;

/**
 * The layout of the block scalar whose value starts at `valueOffset` of the file `lines` indexes
 * (the `|` of its header), checked against `value`, the string YAML made of it; or why its text
 * cannot be located line for line.
 */
export function literalBlockLayout(lines: LineIndex, valueOffset: number, value: string): LiteralBlockReading {
  const text = lines.text;
  // An anchor or a tag before the header (`kong.yml: &cfg |`, `!!str |`) is where the readers'
  // positions put the value: the block's own header follows them. Without skipping them the
  // block was called a plain scalar and left unread (found by the property tests).
  const properties = /^(?:[&!][^ \t\r\n]*[ \t]+)+/.exec(text.slice(valueOffset, text.indexOf('\n', valueOffset) === -1 ? text.length : text.indexOf('\n', valueOffset)));
  if (properties) valueOffset += properties[0].length;
  const opener = text[valueOffset];
  if (opener === '>') return { unmappable: 'written as a folded block (`>`), whose lines YAML joins' };
  if (opener === '"' || opener === "'") return { unmappable: 'written as a quoted string, whose lines and escapes YAML rewrites' };
  if (opener !== '|') return { unmappable: 'written as a plain multi-line scalar, whose lines YAML joins' };
  const headerLine = lines.lineOf(valueOffset);
  if (!LITERAL_HEADER.test(lineText(lines, headerLine).slice(valueOffset - lines.startOf(headerLine)))) {
    return { unmappable: 'its block header was not understood' };
  }
  const firstLine = headerLine + 1;
  const valueLines = value.split('\n');
  // Chomping decides only how many line breaks end the value: they hold nothing to locate.
  while (valueLines.length > 0 && valueLines[valueLines.length - 1] === '') valueLines.pop();
  const sample = valueLines.findIndex((line) => line !== '');
  if (sample < 0 || firstLine + valueLines.length > lines.count) return { unmappable: 'its block holds no text' };
  const sampleLine = lineText(lines, firstLine + sample);
  const indent = sampleLine.length - valueLines[sample].length;
  if (indent < 0) return { unmappable: 'its lines do not match the file\'s' };
  const spaces = ' '.repeat(indent);
  for (let i = 0; i < valueLines.length; i++) {
    const written = lineText(lines, firstLine + i);
    const matches = valueLines[i] === ''
      // An empty line of the block: at most the indentation's spaces (more would be kept in the value).
      ? written.length <= indent && /^ *$/.test(written)
      : written.startsWith(spaces) && written.slice(indent) === valueLines[i];
    if (!matches) return { unmappable: 'its lines do not match the file\'s' };
  }
  return { layout: { firstLine, indent } };
}

/**
 * The file offset of `innerOffset` of the block's value, whose own line index is `inner`: line i
 * of the value is line `firstLine + i` of the file, its columns shifted by the indentation. An
 * offset on an empty line of the block (shorter than the indentation) stays on that line.
 */
export function fileOffsetOf(layout: LiteralBlockLayout, inner: LineIndex, lines: LineIndex, innerOffset: number): number {
  const { line, column } = inner.locate(innerOffset);
  const fileLine = Math.min(layout.firstLine + line - 1, lines.count - 1);
  const start = lines.startOf(fileLine);
  return start + Math.min(layout.indent + column - 1, lineText(lines, fileLine).length);
}

/**
 * The file's 1-based line and column of line `line`, column `column` (1-based) of the block's
 * value: the same shift as fileOffsetOf, for readers that count lines rather than offsets (a
 * kong.conf held in a ConfigMap: src/inputs/images/held-kong-conf.ts).
 */
export function filePlaceOf(layout: LiteralBlockLayout, line: number, column: number): { line: number; column: number } {
  return { line: layout.firstLine + line, column: layout.indent + column };
}

/** A line of the file without its line break (`\r\n` included). */
function lineText(lines: LineIndex, line: number): string {
  const start = lines.startOf(line);
  const end = line + 1 < lines.count ? lines.startOf(line + 1) : lines.text.length;
  let text = lines.text.slice(start, end);
  if (text.endsWith('\n')) text = text.slice(0, -1);
  if (text.endsWith('\r')) text = text.slice(0, -1);
  return text;
}
