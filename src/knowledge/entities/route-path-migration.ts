// Kong's own reading of a route path across 3.0, restated in TypeScript: how the 2.x router
// normalized a path before matching, which is what the 3.0 migration (and Kong's on-load upgrade
// of 1.1/2.1 files) writes in its place, and the normalized form 3.1+ requires of a prefix path.
// test/knowledge/route-path-migration.test.ts compares these functions with Kong's Lua, run on
// the same paths (fixtures/route-paths/kong-oracle.json).

import { withoutDeckTemplates } from '../../inputs/declarative/deck-templates';
import { ROUTE_PATH_FACTS } from './route-paths';
import { repo } from './sources';

export const ROUTE_PATH_NORMALIZATION = {
  /**
   * RFC 3986 reserved characters: an escape of one keeps its meaning, so Kong leaves it encoded
   * (in upper case). Every other escape, unreserved or not (`%20`, `%7B`, `%C3%A9`), is decoded.
   */
  reserved: new Set("!#$%&'()*+,/:;=?@[]"),
  /** Decoded inside a regex, these would change its meaning: the migration writes them backslash-escaped. */
  regexMeta: new Set('.^-{}\\|'),
  /** From this release a prefix path that is not in normalized form is refused. */
  normalizedPrefixRequiredIn: '3.1.0',
  sources: [
    repo('kong/tools/uri.lua', '3.0.0', 'normalize(uri, true): decodes every escape but reserved ones, removes dot segments, merges slashes; the same at 2.8.5 and 3.9.3'),
    repo('kong/db/migrations/migrate_path_280_300.lua', '3.0.0', 'a 2.x regex gets ~ and its escapes decoded, regex metacharacters backslash-escaped; a plain path gets normalize(path, true)'),
    repo('kong/router.lua', '2.8.2', 'plain paths matched as normalize(path, true), regexes after the same escape decoding'),
    repo('kong/router/utils.lua', '3.0.0', 'only the request path is normalized; route paths are matched as stored'),
    repo('kong/db/schema/typedefs.lua', '3.1.0', 'validate_path_with_regexes: a prefix path that normalize() changes is refused as non-normalized'),
    repo('kong/db/declarative/migrations/route_path.lua', '3.0.0', 'a 1.1/2.1 file gets every route path through migrate_path as it is loaded'),
  ],
} as const;

const ESCAPE = /%([0-9A-Fa-f]{2})/g;

/**
 * Decodes a path's escapes as Kong does: reserved ones stay (upper-cased), the rest become the
 * byte they stand for, backslash-escaped inside a regex when that byte means something there.
 * Kong works on bytes; decoded bytes that do not form UTF-8 (a lone `%C3`) cannot be written in a
 * text file, so their escapes are kept as written.
 */
function decodeEscapes(path: string, inRegex: boolean): string {
  if (!path.includes('%')) return path;
  const bytes: number[] = [];
  const encoded: { at: number; text: string }[] = [];
  let last = 0;
  for (const match of path.matchAll(ESCAPE)) {
    bytes.push(...Buffer.from(path.slice(last, match.index), 'utf8'));
    const code = parseInt(match[1], 16);
    const char = String.fromCharCode(code);
    if (ROUTE_PATH_NORMALIZATION.reserved.has(char)) bytes.push(...Buffer.from(match[0].toUpperCase()));
    else if (inRegex && ROUTE_PATH_NORMALIZATION.regexMeta.has(char)) bytes.push(0x5c, code);
    else {
      if (code >= 0x80) encoded.push({ at: bytes.length, text: match[0] });
      bytes.push(code);
    }
    last = match.index + match[0].length;
  }
  bytes.push(...Buffer.from(path.slice(last), 'utf8'));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    // Not UTF-8 once decoded: write the non-ASCII escapes back instead of their bytes.
    let out = '';
    let from = 0;
    for (const { at, text } of encoded) {
      out += Buffer.from(bytes.slice(from, at)).toString('utf8') + text.toUpperCase();
      from = at + 1;
    }
    return out + Buffer.from(bytes.slice(from)).toString('utf8');
  }
}

/** RFC 3986 dot-segment removal, with empty segments merged, as Kong's normalize does it. */
function removeDotSegments(path: string): string {
  if (!path.includes('.') && !path.includes('//')) return path;
  const kept: string[] = [];
  let rest = path;
  while (rest.length > 0) {
    if (rest === '/.') rest = '/';
    else if (rest === '/..') { rest = '/'; kept.pop(); }
    else if (rest === '.' || rest === '..') rest = '';
    else if (rest.startsWith('../')) rest = rest.slice(3);
    else if (rest.startsWith('./')) rest = rest.slice(2);
    else if (rest.startsWith('/./')) rest = rest.slice(2);
    else if (rest.startsWith('/../')) { rest = rest.slice(3); kept.pop(); }
    else if (rest.startsWith('//')) rest = rest.slice(1);
    else {
      const next = rest.indexOf('/', 1);
      kept.push(next < 0 ? rest : rest.slice(0, next));
      rest = next < 0 ? '' : rest.slice(next);
    }
  }
  return kept.join('');
}

/** A prefix path as Kong normalizes it: what 2.x matched, and the only form 3.1+ accepts. */
export function normalizePrefixPath(path: string): string {
  if (path === '' || path === '/') return path;
  return removeDotSegments(decodeEscapes(path, false));
}

/** A regex (without its `~`) with its escapes decoded as the 2.x router and the 3.0 migration decode them. */
export function normalizeRegexPath(regex: string): string {
  return decodeEscapes(regex, true);
}

/** True when Kong 2.x (and its 3.0 migration) reads the path as a regex: any character outside the plain class. */
export function isRegexFor2x(path: string): boolean {
  return !ROUTE_PATH_FACTS.plainPathCharacters.test(path);
}

/**
 * The same test for a path as a file writes it: one that already starts with `~` is written for
 * 3.x, and a decK template expression (`/${{ env "DECK_USER" }}`) is rendered by decK before Kong
 * sees the path, so its own `$`, braces and quotes do not count.
 */
export function isRegexIn2x(path: string): boolean {
  return !path.startsWith('~') && isRegexFor2x(withoutDeckTemplates(path));
}

/** A 2.x regex path as the 3.0 migration writes it: `~` and its escapes decoded. */
export function migrate2xRegex(path: string): string {
  return `~${normalizeRegexPath(path)}`;
}

/** A 2.x path as Kong's 3.0 migration rewrites it; the result matches what 2.x matched. */
export function migrate2xPath(path: string): string {
  return isRegexFor2x(path) ? migrate2xRegex(path) : normalizePrefixPath(path);
}

/**
 * The 3.x form of a path that already starts with `~` (written for 3.x, in a file a 2.8.2+
 * node also read): the 2.8.2+ router decoded its escapes too, 3.x matches them literally.
 */
export function normalizeTildePath(path: string): string {
  return `~${normalizeRegexPath(path.slice(1))}`;
}
