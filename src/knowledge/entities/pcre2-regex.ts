// What PCRE 8.45 (Kong up to 3.6) accepted in a regex that PCRE2 10.43 (Kong 3.7; 10.44 from 3.8)
// refuses or reads differently. Each entry was checked on the libraries themselves (Debian's
// libpcre3 8.39 and libpcre2 10.42, compiled with PCRE_ANCHORED as Kong's "aj" options ask; PCRE
// 8.40-8.45 change no syntax, see its ChangeLog) and against each library's documentation. The
// two 10.43 changes (`{,n}`, spaces in braces) are from the 10.43 ChangeLog and pcre2pattern.3.

import type { FactSource } from '../../model/source';
import { repo } from './sources';

function pcre2(path: string, note: string): FactSource {
  return { kind: 'repo', ref: `PCRE2Project/pcre2:${path}@pcre2-10.43`, note };
}

// PCRE 8.45 as released, republished on GitHub (the original SourceForge/ftp tarball).
function pcre1(path: string, note: string): FactSource {
  return { kind: 'repo', ref: `nektro/pcre-8.45:${path}@e67dabe (PCRE 8.45 release files)`, note };
}

export type Pcre2DifferenceKind = 'refused' | 'differs';

export interface Pcre2Difference {
  /** `refused`: PCRE2 does not compile the pattern; `differs`: it compiles and matches other text. */
  kind: Pcre2DifferenceKind;
  /** Completes "`<text>` is ...": what PCRE 8 made of the text and what PCRE2 makes of it. */
  reading: string;
  sources: FactSource[];
}

export const PCRE2_DIFFERENCES = {
  unknownEscape: {
    kind: 'refused',
    reading: 'an unknown letter escape: PCRE 8 read it as the plain letter, PCRE2 refuses it ("unrecognized character follows \\")',
    sources: [
      pcre1('doc/pcreapi.3', 'PCRE_EXTRA: by default a backslash before a letter with no special meaning is the letter itself'),
      pcre2('doc/pcre2pattern.3', 'unrecognized alphabetic escape sequences cause an error'),
    ],
  },
  classEscape: {
    kind: 'refused',
    reading: 'an escape with no meaning inside a character class: PCRE 8 read it as the plain letter, PCRE2 refuses it ("escape sequence is invalid in character class")',
    sources: [
      pcre1('doc/pcrepattern.3', '\\B, \\R, \\X and other assertions in a class are literal letters unless PCRE_EXTRA is set'),
      pcre2('doc/pcre2pattern.3', '\\B, \\R and \\X in a class cause an error, like other unrecognized escapes'),
    ],
  },
  rangeAfterClass: {
    kind: 'refused',
    reading: 'a `-` after a class escape or POSIX class: PCRE 8 read it as a literal hyphen, PCRE2 refuses it as an invalid range (put `-` last or escape it)',
    sources: [
      pcre2('ChangeLog', '10.23 item 3(g) and 10.30 item 53: a hyphen after [:class:] or \\d is an error unless last'),
      pcre2('doc/pcre2pattern.3', 'PCRE2 gives an error where Perl warns about such a hyphen'),
    ],
  },
  backrefEightNine: {
    kind: 'refused',
    reading: 'a `\\8` or `\\9` with fewer groups than its number: PCRE 8 read the digits as literal text, PCRE2 reads a back reference to a group that does not exist',
    sources: [
      pcre1('doc/pcrepattern.3', '\\8 and \\9 are the literal digits when there are not that many groups'),
      pcre2('ChangeLog', '10.00 item 24: \\8 and \\9 treated as Perl does; pcre2pattern.3: \\81 is always a back reference'),
    ],
  },
  optionX: {
    kind: 'refused',
    reading: 'the `X` (PCRE_EXTRA) inline option, which PCRE2 does not have',
    sources: [
      pcre1('doc/pcreapi.3', 'PCRE_EXTRA can be set by (?X)'),
      pcre2('doc/pcre2pattern.3', 'INTERNAL OPTION SETTING: no X among the option letters'),
    ],
  },
  optionHyphens: {
    kind: 'refused',
    reading: 'an inline option setting with more than one `-`, which PCRE2 refuses ("invalid hyphen in option setting")',
    sources: [pcre2('doc/pcre2pattern.3', 'only one hyphen may appear in the options string')],
  },
  keepInLookaround: {
    kind: 'refused',
    reading: '`\\K` inside a look-ahead or look-behind, which PCRE2 refuses from 10.38',
    sources: [pcre2('ChangeLog', '10.38 item 6: \\K is locked out of lookarounds by default, as Perl does')],
  },
  emptyMinimum: {
    kind: 'differs',
    reading: 'literal text to PCRE 8 but a `{0,n}` quantifier to PCRE2 10.43',
    sources: [
      pcre1('doc/pcrepattern.3', '{,6} is not a quantifier but a literal string'),
      pcre2('ChangeLog', '10.43 item 29: {,3} is read as {0,3}, as Perl 5.34 does'),
    ],
  },
  spacedQuantifier: {
    kind: 'differs',
    reading: 'literal text to PCRE 8 but a quantifier to PCRE2 10.43, which allows spaces inside quantifier braces',
    sources: [pcre2('ChangeLog', '10.43 item 30: spaces and tabs after {, before } and around the comma of a quantifier')],
  },
} satisfies Record<string, Pcre2Difference>;

export type Pcre2DifferenceId = keyof typeof PCRE2_DIFFERENCES;

export const PCRE2_SYNTAX = {
  /** Letters PCRE 8 gives no meaning after a backslash (so read as the letter): PCRE2 refuses them. */
  unknownLetters: 'ijmqyFIJMOTY',
  /** Letters that mean something outside a class only: PCRE 8 read them as letters in a class, PCRE2 refuses them. */
  classLetters: 'ABCGKRXZkz',
  /** Escapes for a set of characters: none can start a range. */
  setEscapes: 'dDsSwWhHvVpP',
} as const;

/**
 * Where Kong reads a user's regex with PCRE, from what the 3.7 sources show: the routes schema,
 * the traditional router, and the bundled plugins whose schema compiles the value.
 */
export const PCRE2_REGEX_FACTS = {
  introducedIn: '3.7.0',
  pcreBefore: '8.45',
  pcreFrom: '10.43',
  /** Bundled plugin fields holding arrays of regexes the schema compiles with ngx.re (PCRE). */
  pluginRegexFields: [
    { plugin: 'cors', field: 'origins', skip: '*' },
    { plugin: 'bot-detection', field: 'allow' },
    { plugin: 'bot-detection', field: 'deny' },
  ] as ReadonlyArray<{ plugin: string; field: string; skip?: string }>,
  sources: [
    repo('.requirements', '3.6.0', 'PCRE=8.45'),
    repo('.requirements', '3.7.0', 'PCRE=10.43 (10.44 from 3.8.0, the same to 3.9.3)'),
    repo('changelog/3.7.0/kong/bump-pcre.yml', '3.7.0', 'libpcre 8.45 replaced by libpcre2 10.43'),
    repo('kong/db/schema/typedefs.lua', '3.7.0', 'validate_path_with_regexes: a ~ path must compile with ngx.re.find, every router_flavor'),
    repo('kong/router/traditional.lua', '3.7.0', 'paths and ~* header values are matched with ngx.re at request time; a compile error is logged and the value never matches'),
    repo('kong/db/schema/init.lua', '3.7.0', 'is_regex validator: ngx.re.match compiles the value'),
    repo('kong/plugins/cors/schema.lua', '3.7.0', 'origins: every value but * must pass is_regex'),
    repo('kong/plugins/bot-detection/schema.lua', '3.7.0', 'allow and deny elements are is_regex'),
    { kind: 'repo', ref: 'openresty/lua-nginx-module:src/ngx_http_lua_regex.c', note: 'PCRE2 branch: pcre2_compile with a plain compile context, no extra options such as BAD_ESCAPE_IS_LITERAL' },
  ] as FactSource[],
} as const;
