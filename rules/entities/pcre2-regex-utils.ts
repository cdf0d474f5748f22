// Finds, in one regex, the constructs PCRE 8.45 accepted that PCRE2 10.43 refuses or reads
// differently (src/knowledge/entities/pcre2-regex.ts). A single left-to-right pass that knows
// escapes, \Q...\E quoting, character classes and groups, so escaped or quoted text never counts.
// Shared by entities/route-regex-pcre2 and plugins/pcre2-regex.

import { PCRE2_SYNTAX, type Pcre2DifferenceId } from '../../src/knowledge/entities/pcre2-regex';

export interface Pcre2Finding {
  id: Pcre2DifferenceId;
  /** The construct as written in the pattern. */
  text: string;
}

/** Every difference needs one of these characters: most values (plain origins, `/v1/\d+$`-like paths without them) stop here. */
const MAY_DIFFER = /[\\{[(]/;
/** `(?` followed by inline option letters, up to `)` or `:` (named groups and the like never match). */
const OPTION_SETTING = /^\(\?([\^A-Za-z-]*)[:)]/;
const EMPTY_MINIMUM = /^\{[ \t]*,[ \t]*\d+[ \t]*\}/;
const QUANTIFIER_WITH_SPACES = /^\{[ \t]*\d+[ \t]*(?:,[ \t]*\d*[ \t]*)?\}/;
/** Escapes whose letter takes a braced argument, skipped whole (`\x{41}` is no quantifier). */
const BRACED_ESCAPES = 'xopPgkN';

export function pcre2Findings(pattern: string): Pcre2Finding[] {
  if (!MAY_DIFFER.test(pattern)) return [];
  const found: Pcre2Finding[] = [];
  const add = (id: Pcre2DifferenceId, text: string) => {
    if (!found.some((f) => f.id === id && f.text === text)) found.push({ id, text });
  };
  const eightNine: string[] = [];
  let captures = 0;
  const groups: boolean[] = []; // per open group: whether it is a look-around
  let lookarounds = 0;
  const n = pattern.length;
  let i = 0;
  while (i < n) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) break;
      if (next === 'Q') {
        i = skipQuoted(pattern, i);
        continue;
      }
      if (next === '8' || next === '9') {
        const digits = /^\d+/.exec(pattern.slice(i + 1))![0];
        eightNine.push(digits);
        i += 1 + digits.length;
        continue;
      }
      if (PCRE2_SYNTAX.unknownLetters.includes(next)) add('unknownEscape', `\\${next}`);
      else if (next === 'K' && lookarounds > 0) add('keepInLookaround', '\\K');
      i = afterEscape(pattern, i);
      continue;
    }
    if (c === '[') {
      i = scanClass(pattern, i, add);
      continue;
    }
    if (c === '(') {
      if (pattern.startsWith('(?#', i)) {
        const close = pattern.indexOf(')', i);
        i = close < 0 ? n : close + 1;
        continue;
      }
      const lookaround = /^\(\?(?:[=!]|<[=!])/.test(pattern.slice(i, i + 4));
      if (pattern[i + 1] !== '?' && pattern[i + 1] !== '*') captures++;
      else if (/^\(\?(?:<[A-Za-z_]|'|P<)/.test(pattern.slice(i, i + 4))) captures++;
      const option = OPTION_SETTING.exec(pattern.slice(i, i + 40));
      if (option) {
        if (option[1].includes('X')) add('optionX', option[0]);
        if (option[1].split('-').length > 2) add('optionHyphens', option[0]);
      }
      groups.push(lookaround);
      if (lookaround) lookarounds++;
      i++;
      continue;
    }
    if (c === ')') {
      if (groups.pop()) lookarounds--;
      i++;
      continue;
    }
    if (c === '{') {
      const rest = pattern.slice(i, i + 30);
      const empty = EMPTY_MINIMUM.exec(rest);
      const spaced = empty ? undefined : QUANTIFIER_WITH_SPACES.exec(rest);
      if (empty) add('emptyMinimum', empty[0]);
      else if (spaced && /[ \t]/.test(spaced[0])) add('spacedQuantifier', spaced[0]);
    }
    i++;
  }
  // PCRE 8 read \8 and \9 literally when the pattern has fewer groups; PCRE2 always reads a reference.
  for (const digits of eightNine) if (Number(digits) > captures) add('backrefEightNine', `\\${digits}`);
  return found;
}

/** The index after the escape starting at `i` (a backslash), its argument included. */
function afterEscape(pattern: string, i: number): number {
  const next = pattern[i + 1];
  if (next === 'c') return i + 3; // \cX takes any X, a backslash or a bracket included
  if (BRACED_ESCAPES.includes(next) && pattern[i + 2] === '{') {
    const close = pattern.indexOf('}', i + 3);
    return close < 0 ? pattern.length : close + 1;
  }
  if ((next === 'p' || next === 'P') && pattern[i + 2] !== undefined) return i + 3; // \pL
  return i + 2;
}

/** The index after `\Q...\E` starting at `i` (the whole rest when `\E` is missing). */
function skipQuoted(pattern: string, i: number): number {
  const end = pattern.indexOf('\\E', i + 2);
  return end < 0 ? pattern.length : end + 2;
}

/** Scans the class opening at `start`; returns the index after its `]`. */
function scanClass(pattern: string, start: number, add: (id: Pcre2DifferenceId, text: string) => void): number {
  const n = pattern.length;
  let i = start + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++; // a leading ] is a literal
  // Start of the previous item when it was a set (\d, \p{..}, [:alpha:]), which cannot start a range.
  let setStart = -1;
  while (i < n) {
    const c = pattern[i];
    if (c === ']') return i + 1;
    if (c === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      if (close > 0 && /^\^?[a-z]+$/.test(pattern.slice(i + 2, close))) {
        setStart = i;
        i = close + 2;
        continue;
      }
    }
    if (c === '-' && setStart >= 0 && i + 1 < n && pattern[i + 1] !== ']') {
      add('rangeAfterClass', pattern.slice(setStart, pattern[i + 1] === '\\' ? i + 3 : i + 2));
      setStart = -1;
      i++;
      continue;
    }
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) return n;
      if (next === 'Q') {
        setStart = -1;
        i = skipQuoted(pattern, i);
        continue;
      }
      if (PCRE2_SYNTAX.unknownLetters.includes(next)) add('unknownEscape', `\\${next}`);
      else if (PCRE2_SYNTAX.classLetters.includes(next)) add('classEscape', `\\${next}`);
      setStart = PCRE2_SYNTAX.setEscapes.includes(next) ? i : -1;
      i = afterEscape(pattern, i);
      continue;
    }
    setStart = -1;
    i++;
  }
  return n;
}
