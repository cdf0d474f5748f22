// Line normalisation shared with the fingerprint facts (`kong-preflight-nginx-norm-v1`): the
// same steps the fact generator applied to Kong's stock templates, so that a user's copy can be
// compared line by line through hashes, without shipping any template text.

import { createHash } from 'node:crypto';

export const NORMALIZATION_ID = 'kong-preflight-nginx-norm-v1';

export interface NormalizedLine {
  text: string;
  /** First 16 hex digits of the SHA-256 of `text`. */
  hash: string;
  /** 1-based line in the original file. */
  line: number;
}

// Leading blank lines and Lua comments may come first: Kong Enterprise's own templates open with
// a `-- This software is copyright Kong Inc.` licence header, and forks add SPDX headers the same way.
const LONG_BRACKET_OPEN = /^(?:\s*(?:--\[(=*)\[[\s\S]*?\]\1\]|--[^\n]*))*\s*return\s*\[(=*)\[\n?/;

/**
 * Kong's templates are Lua files (`return [[ ... ]]`); users often copy that file as is. Returns
 * the template text and how many lines the wrapper took before it, so positions stay true.
 */
export function unwrapLuaTemplate(text: string): { body: string; lineOffset: number; wrapped: boolean } {
  const lf = text.replace(/\r\n?/g, '\n');
  const open = LONG_BRACKET_OPEN.exec(lf);
  if (!open) return { body: lf, lineOffset: 0, wrapped: false };
  const rest = lf.slice(open[0].length);
  const closer = `]${open[2]}]`;
  const close = rest.indexOf(closer);
  const lineOffset = open[0].split('\n').length - 1;
  return { body: close < 0 ? rest : rest.slice(0, close), lineOffset, wrapped: true };
}

/** One line as the fingerprints see it, or undefined when the line does not count. */
export function normalizeLine(raw: string): string | undefined {
  const line = raw.trim();
  if (line === '') return undefined;
  if (line.startsWith('>')) {
    const code = line.slice(1).replace(/--.*$/, '').replace(/\s+/g, ' ').trim();
    return code === '' ? undefined : `> ${code}`;
  }
  if (line.startsWith('#') || line.startsWith('--')) return undefined;
  const kept = line.replace(/([;{}])\s*#.*$/, '$1').replace(/[ \t]+/g, ' ').trim();
  return kept === '' ? undefined : kept;
}

export function lineHash(normalized: string): string {
  return createHash('sha256').update(normalized, 'utf8').digest('hex').slice(0, 16);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The normalised lines of a template (already unwrapped), with their original line numbers. */
export function normalizeTemplate(body: string, lineOffset = 0): NormalizedLine[] {
  const out: NormalizedLine[] = [];
  body.split('\n').forEach((raw, index) => {
    const text = normalizeLine(raw);
    if (text !== undefined) out.push({ text, hash: lineHash(text), line: index + 1 + lineOffset });
  });
  return out;
}

/** SHA-256 of the normalised text, comparable to the facts' `normalized_sha256`. */
export function normalizedDigest(lines: readonly NormalizedLine[]): string {
  return sha256(lines.map((l) => l.text).join('\n') + '\n');
}
