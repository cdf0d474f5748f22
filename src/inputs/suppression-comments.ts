// Finds `# kong-preflight-disable-next-line <rule>[, <rule>] -- <reason>` comments in any file
// that uses `#` comments (kong.conf, YAML, nginx templates; not JSON, which has none). The
// kong.conf loader drops comments, so this scanner reads the text itself. It only collects;
// src/triage decides what they hide.
//
// Only a real comment holds a directive: the same text inside a value is data, and reading it
// as a directive would silently hide findings. What a comment is depends on the file:
// - YAML (`.yaml`, `.yml`): what the YAML lexer reads as one, so not a `#` inside a quoted or
//   plain scalar (`"a # b"`, `a#b`). A block scalar (`|`, `>`) holds the text of another file,
//   most often a kong.yml in a ConfigMap or in Helm's dblessConfig.config, whose comments are
//   that file's: its text is read the same way.
// - Anything else (kong.conf, nginx templates): from the first `#` not written `\#`. Kong cuts a
//   kong.conf value there and turns `\#` into `#` (strip_comments, Kong/kong@3.4.2:
//   kong/conf_loader/init.lua:1520-1528), and Penlight skips lines that start with `#` or `;`.

import { readFileSync } from 'node:fs';
import type { Lexer as YamlLexer } from 'yaml';

export const DIRECTIVE = 'kong-preflight-disable-next-line';

export interface SuppressionComment {
  file: string;
  /** 1-based line of the comment. */
  line: number;
  column: number;
  /** The line whose findings it hides. */
  targetLine: number;
  ruleIds: string[];
  /** The justification after ` -- `; undefined when missing (the comment is then invalid). */
  reason?: string;
}

// `s`: the rest of the line may hold U+2028 or a lone CR, which `.` alone does not match (the
// comment would then silently hide nothing); lines are already split on LF and CRLF. Tried from
// where a comment starts, so a comment's text (`# # kong-preflight-...`) may lead up to it.
const PATTERN = new RegExp(`#\\s*${DIRECTIVE}(?=\\s|$)(.*)$`, 's');

/** How a file writes its comments. */
export type CommentSyntax = 'yaml' | 'hash';

/** YAML by its extension; other files by the kong.conf rule, which nginx shares (`\#` is no comment there either). */
export function commentSyntaxOf(file: string): CommentSyntax {
  return /\.ya?ml$/i.test(file) ? 'yaml' : 'hash';
}

/** Scans text; cheap when the directive does not occur (one indexOf). */
export function scanSuppressionComments(file: string, text: string, syntax: CommentSyntax = commentSyntaxOf(file)): SuppressionComment[] {
  if (!text.includes(DIRECTIVE)) return [];
  const found: SuppressionComment[] = [];
  const lines = text.split(/\r?\n/);
  // Where each line's comment starts (a column index), or undefined where it has none.
  const commentAt = syntax === 'yaml' ? yamlCommentColumns(text, lines) : lines.map(hashCommentColumn);
  lines.forEach((content, i) => {
    const start = commentAt[i];
    if (start === undefined) return;
    const match = PATTERN.exec(content.slice(start));
    if (!match) return;
    const rest = match[1];
    const dashes = rest.indexOf(' -- ');
    const rulesPart = dashes >= 0 ? rest.slice(0, dashes) : rest.replace(/\s--\s*$/, '');
    const reason = dashes >= 0 ? rest.slice(dashes + 4).trim() : undefined;
    found.push({
      file,
      line: i + 1,
      column: start + match.index + 1,
      targetLine: i + 2,
      // A rule named twice is one rule: else an unused one is reported once per mention.
      ruleIds: [...new Set(rulesPart.split(/[\s,]+/).filter(Boolean))],
      ...(reason ? { reason } : {}),
    });
  });
  return found;
}

/** kong.conf: the first `#` not preceded by `\`. */
function hashCommentColumn(line: string): number | undefined {
  const match = /(?<!\\)#/.exec(line);
  return match ? match.index : undefined;
}

/** The lexer's tokens that stand for no text of the file: document start, flow end, scalar start. */
const DOCUMENT = '\x02';
const FLOW_END = '\x18';
const SCALAR = '\x1f';
/** Block scalars inside block scalars are read this deep: a file nests a few at most. */
const DEEPEST_BLOCK = 8;

/** Per line of `text` (split as `lines`), the column where a YAML comment starts, if any. */
function yamlCommentColumns(text: string, lines: readonly string[]): (number | undefined)[] {
  const starts: number[] = [];
  yamlCommentOffsets(text, 0, 0, starts);
  const columns: (number | undefined)[] = new Array(lines.length);
  // Offsets rise in order; the lines' starts are walked once beside them.
  starts.sort((a, b) => a - b);
  let line = 0;
  let lineStart = 0;
  for (const offset of starts) {
    while (line + 1 < lines.length) {
      const end = lineStart + lines[line].length;
      const next = end + (text[end] === '\r' ? 2 : 1);
      if (offset < next) break;
      lineStart = next;
      line++;
    }
    columns[line] ??= offset - lineStart;
  }
  return columns;
}

/**
 * Adds the offsets (from `base`) of the comments of a YAML text to `out`. The lexer's tokens,
 * less the markers that stand for no text, are the text itself: their lengths give the offsets.
 * A token starting with `#` is a comment unless it opens a scalar (a block scalar's text can
 * start with `#`); a block scalar's text is read as YAML in turn.
 */
function yamlCommentOffsets(text: string, base: number, depth: number, out: number[]): void {
  let offset = base;
  let previous = '';
  // Between a block scalar's header (`|`, `>-`) and its text.
  let blockHeader = false;
  // Required here, not imported: the yaml package (~40 ms) loads only for a YAML file that holds the directive.
  const { Lexer } = require('yaml') as { Lexer: typeof YamlLexer };
  for (const token of new Lexer().lex(text)) {
    if (token === DOCUMENT || token === FLOW_END || token === SCALAR) {
      previous = token;
      continue;
    }
    if (previous === SCALAR && blockHeader) {
      blockHeader = false;
      if (depth < DEEPEST_BLOCK && token.includes('#')) yamlCommentOffsets(token, offset, depth + 1, out);
    } else if (token.startsWith('#') && previous !== SCALAR) {
      out.push(offset);
    } else if (previous !== SCALAR && (token.startsWith('|') || token.startsWith('>'))) {
      blockHeader = true;
    }
    offset += token.length;
    previous = token;
  }
}

/** Scans files on disk (or their texts in `known`); unreadable or binary files hold no directives. */
export function scanFiles(files: Iterable<string>, known: ReadonlyMap<string, string> = new Map()): SuppressionComment[] {
  const found: SuppressionComment[] = [];
  for (const file of new Set(files)) {
    // JSON has no comments: the directive inside a JSON string is data, not a suppression.
    if (/\.json$/i.test(file)) continue;
    let text: string;
    try {
      text = known.get(file) ?? readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    if (text.includes('\u0000')) continue;
    // One by one: a spread of a huge list of comments would exceed the call stack.
    for (const comment of scanSuppressionComments(file, text)) found.push(comment);
  }
  return found;
}
