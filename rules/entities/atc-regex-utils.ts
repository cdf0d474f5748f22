// Finds what the atc router's Rust regex refuses in a PCRE pattern, in one pass over the text that
// knows escapes and character classes (so `\\Z`, `[{]` and `\{` are not taken for `\Z` or `{`).
// Helper of entities/route-regex-unsupported-syntax; the facts are in atc-regex.ts.

import { ATC_REGEX_FACTS as F } from '../../src/knowledge/entities/atc-regex';

export interface AtcRefusal {
  /** The construct, as the message names it. */
  name: string;
  /** The Kong release whose Rust regex accepts it; none: every 3.x refuses it. */
  acceptedFrom?: string;
}

const HEX2 = /^[0-9A-Fa-f]{2}/;
const WORD_BOUNDARY = /^\{(?:start|end|start-half|end-half)\}/;
const CLASS_ESCAPE = /^\\[dDsSwW]-[^\]-]/;
/** `[:alpha:]`, `[:^digit:]`: a POSIX class, not a nested one. */
const POSIX_CLASS = /^\[:\^?[a-z]+:\]/;

/** Index of the `]` closing the class opened at `open` as Rust reads it (classes nest), or -1. */
function rustClassEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[') {
      const posix = POSIX_CLASS.exec(text.slice(i, i + 12));
      if (posix) { i += posix[0].length - 1; continue; }
      depth++;
      // A `]` first in a class (after any `^`) is a literal.
      if (text[i + 1] === '^') i++;
      if (text[i + 1] === ']') i++;
    } else if (c === ']' && --depth === 0) return i;
  }
  return -1;
}

function escapeRefusal(pattern: string, at: number, inClass: boolean): AtcRefusal | undefined {
  const c = pattern[at + 1];
  if (/[A-Za-z]/.test(c)) {
    if (c === 'x') return pattern[at + 2] === '{' || HEX2.test(pattern.slice(at + 2, at + 4)) ? undefined : { name: '`\\x` with fewer than two hex digits' };
    if (c === 'b' && !inClass && WORD_BOUNDARY.test(pattern.slice(at + 2, at + 14))) {
      return { name: 'the word boundary `\\b{...}`', acceptedFrom: F.wordBoundaryEscapesFrom };
    }
    if (inClass && CLASS_ESCAPE.test(pattern.slice(at, at + 4))) return { name: `the range \`${pattern.slice(at, at + 4)}\` from a class escape` };
    if (c === 'p' || c === 'P') return F.pcreOnlyProperty.test(pattern.slice(at + 2, at + 7)) ? { name: `the PCRE-only property \`${pattern.slice(at, pattern.indexOf('}', at) + 1)}\`` } : undefined;
    if ((inClass ? F.classLetterEscapes : F.letterEscapes).includes(c)) return undefined;
    if (inClass && c === 'b') return { name: '`\\b` inside a class (backspace)' };
    const known = F.letterEscapeNames[c];
    if (inClass) return { name: `\`\\${c}\` inside a character class` };
    return { name: known ?? `the escape \`\\${c}\` (a plain \`${c}\` to PCRE)` };
  }
  if (/[0-9]/.test(c)) {
    if (inClass || c === '0') return { name: `the octal escape \`\\${c}\`` };
    return { name: 'backreference `\\N`' };
  }
  if (c > '~' || c < ' ' || F.metaEscapes.includes(c)) return undefined;
  if (c === '<' || c === '>') {
    return inClass ? { name: `\`\\${c}\` inside a character class` } : { name: `the escape \`\\${c}\``, acceptedFrom: F.wordBoundaryEscapesFrom };
  }
  return { name: `the escape \`\\${c}\``, acceptedFrom: F.punctuationEscapesFrom };
}

function groupRefusal(pattern: string, at: number, header: boolean): AtcRefusal | undefined {
  const rest = pattern.slice(at + 2, at + 40);
  for (const opener of F.groupOpeners) {
    if (rest.startsWith(opener.text)) return opener.acceptedFrom ? { name: opener.name, acceptedFrom: opener.acceptedFrom } : { name: opener.name };
  }
  if (F.subroutineByNumber.test(rest)) return { name: 'subroutine call `(?N)`' };
  // Paths reach Rust with `?<` turned into `?P<`; header regexes as written.
  if (rest.startsWith('<')) return header ? { name: 'named group `(?<name>`', acceptedFrom: F.angleNamedGroupFrom } : undefined;
  const flags = /^[A-Za-z-]*(?=[:)])/.exec(rest)?.[0];
  if (flags === undefined) return undefined;
  if (flags === '' && rest[0] === ')') return { name: 'the empty group `(?)`' };
  const letters = flags.replace('-', '');
  for (let i = 0; i < letters.length; i++) {
    if (!F.inlineFlags.includes(letters[i])) return { name: `the inline option \`(?${flags})\`` };
    if (letters.indexOf(letters[i]) !== i) return { name: `the repeated flag in \`(?${flags})\`` };
  }
  return undefined;
}

/**
 * Every construct in `pattern` the Rust regex refuses, in text order. `header`: a `~*` header
 * value (Kong lowercases it, and does not rewrite `(?<name>`).
 */
export function atcRefusals(pattern: string, header = false): AtcRefusal[] {
  const text = header ? pattern.toLowerCase() : pattern;
  const found: AtcRefusal[] = [];
  let inClass = false;
  let classBody = -1;
  let classOpen = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      if (i + 1 >= text.length) break;
      const refusal = escapeRefusal(text, i, inClass);
      if (refusal) {
        found.push(refusal);
        if (!refusal.acceptedFrom) return found;
      }
      const next = text[i + 1];
      // `\x{..}`, `\p{..}`: their braces are no repetition.
      if (text[i + 2] === '{' && ('xpPogk'.includes(next) || (next === 'b' && WORD_BOUNDARY.test(text.slice(i + 2, i + 14))))) {
        const close = text.indexOf('}', i + 2);
        if (close < 0) return [...found, { name: `\`\\${next}{\` without its \`}\`` }];
        i = close;
      } else i++;
      continue;
    }
    if (inClass) {
      if (c === ']' && i >= classBody) inClass = false;
      else if (c === '[') {
        const posix = POSIX_CLASS.exec(text.slice(i, i + 12));
        if (posix) i += posix[0].length - 1;
        // `[a[b]]` compiles in Rust (a nested class); `[a[b]` leaves Rust's outer class open.
        else if (rustClassEnd(text, classOpen) < 0) return [...found, { name: '`[` inside a character class (Rust opens a nested class)' }];
      }
      continue;
    }
    if (c === '[') {
      inClass = true;
      classOpen = i;
      // A `]` first in the class (after any `^`) is a literal to both engines.
      classBody = text[i + 1] === '^' ? i + 2 : i + 1;
      if (text[classBody] === ']') classBody++;
    } else if (c === '(') {
      const refusal = text[i + 1] === '*' ? { name: 'the PCRE verb `(*...)`' } : text[i + 1] === '?' ? groupRefusal(text, i, header) : undefined;
      if (refusal) {
        found.push(refusal);
        if (!refusal.acceptedFrom) return found;
      }
    } else if (c === '{' && !F.repetition.test(text.slice(i, i + 24))) {
      const end = text.indexOf('}', i);
      const shown = end < 0 || end - i > 20 ? '{' : text.slice(i, end + 1);
      return [...found, { name: `\`${shown}\`, a \`{\` PCRE reads literally and Rust as a malformed repetition` }];
    }
  }
  return found;
}
