// What the Rust `regex` crate inside Kong's atc router refuses among the patterns PCRE 8.45 (the
// 2.x and 3.0-3.8 engine) accepts. Each entry was compiled against regex-syntax itself (0.6.27,
// 0.6.28, 0.7.3, 0.8.2, 0.8.3, 0.8.5 built from rust-lang/regex tags) and PCRE 8.x, as
// `regex::Regex::new` sees it: atc-router calls it with the defaults (octal off, nest limit 250,
// 10 MiB size limit), on `^` + the path without `~`, `?<` rewritten to `?P<`.

import type { FactSource } from '../../model/source';
import { repo } from './sources';

function crate(path: string, tag: string, note?: string): FactSource {
  return { kind: 'repo', ref: `rust-lang/regex:${path}@${tag}`, ...(note ? { note } : {}) };
}

function atcRouter(path: string, ref: string, note?: string): FactSource {
  return { kind: 'repo', ref: `Kong/atc-router:${path}@${ref}`, ...(note ? { note } : {}) };
}

/**
 * The regex-syntax each Kong release line builds its atc router with (ATC_ROUTER in
 * .requirements, then that atc-router's Cargo.lock; 3.9 locks its own). The behaviour changes
 * at 0.7 (Kong 3.4) and 0.8 (Kong 3.6); 0.6.27 and 0.6.28, and 0.8.2 to 0.8.5, refuse the same.
 */
export const ATC_REGEX_CRATES = [
  { since: '3.0.0', atcRouter: '1.0.0 to 1.0.2 (no Cargo.lock: a 0.6 release at build time)', regexSyntax: '0.6' },
  { since: '3.2.0', atcRouter: '1.0.5', regexSyntax: '0.6.28' },
  { since: '3.4.0', atcRouter: '1.2.0 (b0d5e7e2)', regexSyntax: '0.7.3' },
  { since: '3.6.0', atcRouter: '1.6.0 (1abb9286)', regexSyntax: '0.8.2' },
  { since: '3.7.0', atcRouter: '1.6.2 (ffd11db6)', regexSyntax: '0.8.3' },
  { since: '3.9.0', atcRouter: '1.6.2 (ffd11db6), crates locked by Kong', regexSyntax: '0.8.5' },
] as const;

export const ATC_REGEX_FACTS = {
  /** Letters Rust accepts after a backslash outside a class (`\x` wants two hex digits or braces). */
  letterEscapes: 'abdfnrstvwzABDSWpPxuU',
  /** Letters Rust accepts after a backslash inside a class: no assertions (`\b`, `\z`, `\A`, `\B`). */
  classLetterEscapes: 'adfnrstvwDSWpPxuU',
  /** Punctuation every regex-syntax lets one escape (0.6 knows only these). */
  metaEscapes: '\\.+*?()|[]{}^$#&-~',
  /** From regex-syntax 0.7 any other ASCII punctuation (and space) may be escaped, but `<` and `>`. */
  punctuationEscapesFrom: '3.4.0',
  /** `\<` and `\>` are word boundaries from regex-syntax 0.8, outside a class only. */
  wordBoundaryEscapesFrom: '3.6.0',
  /** What the refused letter escapes are to PCRE, for the message. */
  letterEscapeNames: {
    Z: '`\\Z` (end of subject; Rust has only `\\z`)',
    G: '`\\G` (start-of-match anchor)',
    h: '`\\h` (horizontal whitespace)',
    H: '`\\H` (not horizontal whitespace)',
    V: '`\\V` (not vertical whitespace)',
    R: '`\\R` (any newline sequence)',
    X: '`\\X` (extended grapheme cluster)',
    C: '`\\C` (one code unit)',
    N: '`\\N` (not a newline)',
    e: '`\\e` (escape character; Rust writes `\\x1B`)',
    c: '`\\c` (control character)',
    o: '`\\o{...}` (octal)',
    g: 'backreference `\\g`',
    k: 'named backreference `\\k`',
    K: 'match reset `\\K`',
    Q: '`\\Q...\\E` quoting',
    E: '`\\E` (end of quoting)',
  } as Record<string, string>,
  /** `(?` openers Rust refuses, longest first; `flags` are checked apart. */
  groupOpeners: [
    { text: '=', name: 'look-ahead `(?=`' },
    { text: '!', name: 'negative look-ahead `(?!`' },
    { text: '<=', name: 'look-behind `(?<=`' },
    { text: '<!', name: 'negative look-behind `(?<!`' },
    { text: '>', name: 'atomic group `(?>`' },
    { text: '#', name: 'comment `(?#...)`' },
    { text: "'", name: "named group `(?'name'...)`" },
    { text: '|', name: 'branch reset `(?|`' },
    { text: '(', name: 'conditional group `(?(...)`' },
    { text: 'P>', name: 'subroutine call `(?P>name)`' },
    { text: 'P=', name: 'named backreference `(?P=name)`' },
    { text: '&', name: 'subroutine call `(?&name)`' },
    { text: 'C', name: 'callout `(?C)`' },
    // regex-syntax 0.7 reads `(?R)` as its CRLF flag: it compiles, with no recursion.
    { text: 'R)', name: 'recursion `(?R)`', acceptedFrom: '3.4.0' },
  ] as ReadonlyArray<{ text: string; name: string; acceptedFrom?: string }>,
  /** `(?1)`, `(?-1)`, `(?+1)`: PCRE subroutine calls by number. */
  subroutineByNumber: /^[+-]?\d/,
  /** `(?<name>`: header regexes reach Rust as written (paths get `?P<`); 0.7 accepts both forms. */
  angleNamedGroupFrom: '3.4.0',
  /** Inline flags Rust knows (`R` from regex-syntax 0.7); PCRE 8.45 also has `J` and `X`. */
  inlineFlags: 'imsxUu',
  crlfFlagFrom: '3.4.0',
  /** PCRE-only property forms: `\p{^L}` negation, `\p{L&}`, the `Xan`/`Xps`/`Xsp`/`Xwd`/`Xuc` sets. */
  pcreOnlyProperty: /^\{(?:\^|L&\}|X(?:an|ps|sp|wd|uc)\})/,
  /** A `{` Rust reads as a repetition; any other unescaped `{` outside a class is an error there (PCRE: literal). */
  repetition: /^\{\s*\d+\s*(?:,\s*\d*\s*)?\}/,
  sources: [
    repo('.requirements', '3.0.0', 'ATC_ROUTER_VERSION=1.0.0 (3.1.0: 1.0.1, 3.1.1: 1.0.2, 3.2.0 to 3.3.1: 1.0.5)'),
    repo('.requirements', '3.4.0', 'ATC_ROUTER=b0d5e7e2 (1.2.0), to 3.5.x; 3.6.0: 1abb9286 (1.6.0); 3.7.0 to 3.9.3: ffd11db6 (1.6.2)'),
    repo('crate_locks/atc_router.Cargo.lock', '3.9.0', 'regex 1.11.1, regex-syntax 0.8.5'),
    atcRouter('Cargo.lock', '1.0.5', 'regex 1.7.0, regex-syntax 0.6.28'),
    atcRouter('Cargo.lock', 'b0d5e7e2a2ca59bb051959385d3e42d96c93bb98', 'regex 1.9.1, regex-syntax 0.7.3'),
    atcRouter('Cargo.lock', '1abb9286947b70b4e302d8df953961c1280a0289', 'regex 1.10.3, regex-syntax 0.8.2'),
    atcRouter('Cargo.lock', 'ffd11db657115769bf94f0c4f915f98300bc26b6', 'regex 1.10.4, regex-syntax 0.8.3'),
    atcRouter('src/parser.rs', 'v1.2.0', 'Regex::new on the regex literal, default options'),
    repo('kong/router/transform.lua', '3.9.3', 'a regex path reaches atc as ^ + path, ?< rewritten to ?P<; header regexes lowercased, not rewritten'),
    repo('kong/router/atc_compat.lua', '3.0.0', 'the same path and header translation in 3.0'),
    crate('regex-syntax/src/ast/parse.rs', 'regex-syntax-0.6.28', 'escapes, groups, flags, repetitions and classes the parser accepts'),
    crate('regex-syntax/src/ast/parse.rs', 'regex-syntax-0.7.3', 'any ASCII punctuation but < > may be escaped; (?<name>; the R flag'),
    crate('regex-syntax/src/ast/parse.rs', 'regex-syntax-0.8.2', '\\< and \\> word boundaries'),
    crate('CHANGELOG.md', '1.11.1', '1.8.0: more escapes, (?<name>, R flag; 1.10.0: \\< and \\>'),
    crate('src/re_builder.rs', '1.7.0', 'Regex::new defaults: size limit 10 MiB, nest limit 250, octal off'),
  ],
} as const;
