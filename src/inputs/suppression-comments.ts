// Finds `# kong-preflight-disable-next-line <rule>[, <rule>] -- <reason>` comments in any file
// that uses `#` comments (kong.conf, YAML, nginx templates; not JSON, which has none). The
// kong.conf loader drops comments, so this scanner reads the text itself. It only collects;
// src/triage decides what they hide.

import { readFileSync } from 'node:fs';

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
// comment would then silently hide nothing); lines are already split on LF and CRLF.
const PATTERN = new RegExp(`#\\s*${DIRECTIVE}(?=\\s|$)(.*)$`, 's');

/** Scans text; cheap when the directive does not occur (one indexOf). */
export function scanSuppressionComments(file: string, text: string): SuppressionComment[] {
  if (!text.includes(DIRECTIVE)) return [];
  const found: SuppressionComment[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((content, i) => {
    const match = PATTERN.exec(content);
    if (!match) return;
    const rest = match[1];
    const dashes = rest.indexOf(' -- ');
    const rulesPart = dashes >= 0 ? rest.slice(0, dashes) : rest.replace(/\s--\s*$/, '');
    const reason = dashes >= 0 ? rest.slice(dashes + 4).trim() : undefined;
    found.push({
      file,
      line: i + 1,
      column: match.index + 1,
      targetLine: i + 2,
      // A rule named twice is one rule: else an unused one is reported once per mention.
      ruleIds: [...new Set(rulesPart.split(/[\s,]+/).filter(Boolean))],
      ...(reason ? { reason } : {}),
    });
  });
  return found;
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
