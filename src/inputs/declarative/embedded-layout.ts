// Where a text held as a value of a YAML or JSON file (a ConfigMap key, Helm values'
// dblessConfig.config) sits in that file: a literal block's lines (./literal-block.ts) or one
// quoted line's characters (./one-line-scalar.ts). Kept apart from the readers that parse such
// text, so that a reader which only places findings (a held kong.conf or plugin file) loads no
// declarative parser.

import type { LineIndex } from '../../text/line-index';
import { literalBlockLayout, type LiteralBlockLayout } from './literal-block';
import { oneLineScalarLayout, type OneLineScalarLayout } from './one-line-scalar';

/** How a value's text sits in the file: a literal block's lines, or one quoted line's characters. */
export type EmbeddedLayout = LiteralBlockLayout | OneLineScalarLayout;

/**
 * The layout of a value whose first character the parser placed at `at` (1-based line and
 * column) in the text `lines` index. Every reader of held text (embedded kong.yml, Helm values'
 * dblessConfig, a mounted ConfigMap key, a held kong.conf or plugin file) places values this way;
 * a place past the text's last line (a value read from another copy of the file) is unmappable too.
 */
export function embeddedLayoutAt(lines: LineIndex, at: { line: number; column: number }, value: string): { layout: EmbeddedLayout } | { unmappable: string } {
  if (at.line > lines.count) return { unmappable: 'its lines do not match the file\'s' };
  const valueOffset = lines.startOf(at.line - 1) + at.column - 1;
  return oneLineScalarLayout(lines.text, valueOffset, value) ?? literalBlockLayout(lines, valueOffset, value);
}
