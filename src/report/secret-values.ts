// The last guard on secret values, by value rather than by name. Rules and readers hide the
// value of a secret setting (`pg_password`), but the same text can reach a report under another
// name: a compose `.env` variable used for KONG_PG_PASSWORD and KONG_PG_DATABASE, a Dockerfile
// `ENV KONG_PG_USER=$KONG_PG_PASSWORD`. Every string of the report that holds the value of a
// secret setting gets it replaced before any format is written.

import type { KongConf, ConfSetting } from '../inputs/kong-conf/types';
import { HIDDEN_VALUE, isSecretName, SHORTEST_HIDDEN_ANYWHERE } from '../knowledge/conf/sensitive';
import type { LineReader } from './fingerprint';

/**
 * Secret values, longest first. `wordBounded` holds those hidden only where they stand apart
 * from letters, digits and `_` (see secretValuesOf).
 */
export type SecretValues = readonly string[] & { readonly wordBounded?: ReadonlySet<string> };

/**
 * The values of the secret settings in kong.conf and every layer over it, and `others` (the
 * database password), longest first; short ones left out. `inWords` are values taken from
 * entities (credentials, plugin settings): example and test files hold keys such as `secret` or
 * `password`, and hidden anywhere they turned Kong's own `lua_shared_dict kong_secrets` into
 * `kong_(hidden)s`. Those are hidden where they stand as a word of their own, which is how a
 * value quoted from an entity appears (a path, a name, a header); glued inside a longer name the
 * text is Kong's, not the entity's.
 */
export function secretValuesOf(conf: KongConf | undefined, others: readonly string[] = [], inWords: readonly string[] = []): SecretValues {
  const values = new Set<string>();
  for (const value of others) if (value.trim().length >= SHORTEST_HIDDEN_ANYWHERE) values.add(value.trim());
  if (conf) collectConf(conf, values);
  const wordBounded = new Set<string>();
  for (const value of inWords) {
    const text = value.trim();
    if (text.length >= SHORTEST_HIDDEN_ANYWHERE && !values.has(text)) wordBounded.add(text);
  }
  // A longer value may contain a shorter one: replacing the longer first hides it whole.
  const sorted = [...values, ...wordBounded].sort((a, b) => b.length - a.length);
  return wordBounded.size === 0 ? sorted : Object.assign(sorted, { wordBounded });
}

function collectConf(conf: KongConf, values: Set<string>): void {
  const collect = (setting: ConfSetting) => {
    if (isSecretName(setting.key) || (setting.envName !== undefined && isSecretName(setting.envName))) {
      for (const value of [setting.value, setting.rawValue]) if (value.trim().length >= SHORTEST_HIDDEN_ANYWHERE) values.add(value.trim());
    }
    for (const older of setting.overrides) collect(older);
  };
  for (const setting of conf.rawSettings()) collect(setting);
}

/** A copy of `value` (a report) whose strings no longer hold any of `secrets`; `value` itself when none does. */
export function withoutSecretValues<T>(value: T, secrets: SecretValues): T {
  if (secrets.length === 0) return value;
  return hide(value, matcherFor(secrets)) as T;
}

/**
 * A line reader whose lines no longer hold any of `secrets`. Fingerprints hash the line a finding
 * is about, and a fingerprint is as public as the report: hashing `ENV KONG_LOG_LEVEL=<password>`
 * would let anyone holding the report test guesses of the password.
 */
export function linesWithoutSecretValues(readLine: LineReader, secrets: SecretValues): LineReader {
  if (secrets.length === 0) return readLine;
  const matcher = matcherFor(secrets);
  return (file, line) => {
    const text = readLine(file, line);
    return text === undefined ? undefined : matcher.hideIn(text);
  };
}

/**
 * Finds and replaces many secrets at once. A 50,000-route file has a thousand key-auth keys, and a
 * report a quarter of a million strings: trying every secret on every string took five seconds.
 * One pattern holds many secrets, written as a trie (shared beginnings once, so the regex engine
 * follows one branch per position); a string it does not match is returned as it is.
 *
 * Every occurrence is found in the original string and the places are merged before anything is
 * replaced: two secrets that overlap (`abcdef` and `defghi` in `abcdefghi`), touch, or hold one
 * another become one marker. Replacing them one after another left the end of the second showing
 * (`(hidden)ghi`), and missed a secret that ran across a marker already written.
 */
class SecretMatcher {
  private readonly patterns: RegExp[] = [];
  /** Secrets looked for one by one: long ones (private keys), and any batch V8 would not compile. */
  private readonly literals: { text: string; inWords: boolean }[] = [];

  constructor(secrets: SecretValues) {
    // Word-bounded secrets get patterns of their own: a trie yields one match per place, and an
    // anywhere-secret matched there would hide a longer word-bounded one starting at the same place.
    const anywhere: string[] = [];
    const inWords: string[] = [];
    for (const secret of secrets) {
      if (secret.length === 0) continue;
      // A long value (a private key) is no word of a message: it is hidden wherever it appears.
      if (secret.length > LONGEST_IN_PATTERN) this.literals.push({ text: secret, inWords: false });
      else if (secrets.wordBounded?.has(secret)) inWords.push(secret);
      else anywhere.push(secret);
    }
    this.addBatches(anywhere, false);
    this.addBatches(inWords, true);
  }

  hideIn(text: string): string {
    if (text.length < SHORTEST_HIDDEN_ANYWHERE) return text;
    // Found places as start, end pairs; null until the first.
    let spans: number[] | null = null;
    for (const pattern of this.patterns) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
        // The longest secret at a place is matched; one starting inside it is looked for from the next character.
        (spans ??= []).push(match.index, match.index + match[0].length);
        pattern.lastIndex = match.index + 1;
      }
    }
    for (const { text: secret, inWords } of this.literals) {
      for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) {
        if (!inWords || standsAsWord(text, at, at + secret.length)) (spans ??= []).push(at, at + secret.length);
      }
    }
    return spans === null ? text : replaceSpans(text, spans);
  }

  private addBatches(secrets: readonly string[], inWords: boolean): void {
    // Patterns of bounded size: thousands of credentials make a long source, and V8 refuses a
    // regular expression whose compiled form grows too large (a 60,000-character password did).
    // A word-bounded secret's checks lengthen the source by a look-ahead each.
    const overhead = inWords ? WORD_CHECK_LENGTH : 0;
    let batch: string[] = [];
    let size = 0;
    for (const secret of secrets) {
      batch.push(secret);
      size += secret.length + overhead;
      if (size >= CHARACTERS_PER_PATTERN) {
        this.addPattern(batch, inWords);
        batch = [];
        size = 0;
      }
    }
    if (batch.length > 0) this.addPattern(batch, inWords);
  }

  private addPattern(batch: readonly string[], inWords: boolean): void {
    const source = trieSource(batch, inWords);
    if (source.length > LONGEST_OPTIMIZED_SOURCE && batch.length > 1) {
      const half = batch.length >> 1;
      this.addPattern(batch.slice(0, half), inWords);
      this.addPattern(batch.slice(half), inWords);
      return;
    }
    try {
      this.patterns.push(new RegExp(source, 'g'));
    } catch {
      // Too large for the regex engine after all: the batch is searched for one secret at a time.
      for (const text of batch) this.literals.push({ text, inWords });
    }
  }
}

/** Characters of secrets per pattern, and the longest secret written into one. */
const CHARACTERS_PER_PATTERN = 20_000;
const LONGEST_IN_PATTERN = 512;
/**
 * V8 does not optimize a regular expression whose source is longer than 20 KB
 * (RegExp::kRegExpTooLargeToOptimize, v8/v8 src/regexp/regexp.h): such a pattern scanned the
 * strings three times slower. A batch whose trie grows past it is split.
 */
const LONGEST_OPTIMIZED_SOURCE = 20 * 1024;
/** `(?!\w)|`: what a word-bounded secret's end adds to a pattern's source. */
const WORD_CHECK_LENGTH = 7;

const WORD_CHARACTER = /\w/;

/** No letter, digit or `_` touches the text's own word characters at either end of [start, end). */
function standsAsWord(text: string, start: number, end: number): boolean {
  const touches = (inside: string, outside: string | undefined) => outside !== undefined && WORD_CHARACTER.test(inside) && WORD_CHARACTER.test(outside);
  return !touches(text[start], text[start - 1]) && !touches(text[end - 1], text[end]);
}

/** `text` with each run of overlapping or touching places ([start, end) pairs, any order) replaced by one marker. */
function replaceSpans(text: string, spans: number[]): string {
  const order = Array.from({ length: spans.length / 2 }, (_, n) => n * 2);
  // The patterns run one after another, each from the string's start: places come in runs, not in order.
  order.sort((a, b) => spans[a] - spans[b]);
  let out = '';
  // The end of the run being hidden: text from there on is shown up to the next place.
  let runEnd = 0;
  let first = true;
  for (const at of order) {
    const start = spans[at];
    const end = spans[at + 1];
    if (!first && start <= runEnd) {
      if (end > runEnd) runEnd = end;
      continue;
    }
    out += text.slice(runEnd, start) + HIDDEN_VALUE;
    runEnd = end;
    first = false;
  }
  return out + text.slice(runEnd);
}

const matchers = new WeakMap<readonly string[], SecretMatcher>();

function matcherFor(secrets: SecretValues): SecretMatcher {
  let matcher = matchers.get(secrets);
  if (!matcher) matchers.set(secrets, (matcher = new SecretMatcher(secrets)));
  return matcher;
}

/**
 * A regex source matching any of `words`, shared beginnings written once. Where a word ends and a
 * longer one goes on, the longer is tried first (a greedy optional group): the match at a place is
 * the longest word there. With `inWords`, a word matches only where it stands as a word (see
 * standsAsWord): a word character it starts with must not follow one, nor one it ends with be
 * followed by one. The checks are part of the pattern, so when the longest word at a place fails
 * them, the engine backs off to the longest there that passes.
 */
function trieSource(words: readonly string[], inWords: boolean): string {
  interface Node { children: Map<string, Node>; end: boolean }
  const root: Node = { children: new Map(), end: false };
  for (const word of words) {
    let node = root;
    for (let i = 0; i < word.length; i++) {
      const char = word[i];
      let next = node.children.get(char);
      if (!next) node.children.set(char, (next = { children: new Map(), end: false }));
      node = next;
    }
    node.end = true;
  }
  // After the last character of a word: nothing, or no word character when it ends with one.
  const ending = (char: string) => (inWords && WORD_CHARACTER.test(char) ? '(?!\\w)' : '');
  const emit = (start: Node, char: string): string => {
    let source = '';
    let node = start;
    let last = char;
    // A run of single children is plain text: only branches and word ends need a group.
    while (node.children.size === 1 && !node.end) {
      const [[next, child]] = node.children;
      source += escapeRegExp(next);
      node = child;
      last = next;
    }
    const branches = [...node.children].map(([next, child]) => escapeRegExp(next) + emit(child, next));
    if (!node.end) return `${source}(?:${branches.join('|')})`;
    const end = ending(last);
    if (branches.length === 0) return source + end;
    // Longer words first; the word ending here is the last resort.
    return end ? `${source}(?:${branches.join('|')}|${end})` : `${source}(?:${branches.join('|')})?`;
  };
  // The first character is matched before the look back, so the engine can still skip ahead to the
  // places where one of the first characters stands.
  const firsts = [...root.children].map(([char, child]) => {
    const before = inWords && WORD_CHARACTER.test(char) ? '(?<!\\w[^])' : '';
    return escapeRegExp(char) + before + emit(child, char);
  });
  return firsts.length === 1 ? firsts[0] : `(?:${firsts.join('|')})`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function hide(value: unknown, secrets: SecretMatcher): unknown {
  if (typeof value === 'string') return secrets.hideIn(value);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      const shown = hide(item, secrets);
      if (shown !== item) (copy ??= [...value])[index] = shown;
    }
    return copy ?? value;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    // A report holds ~40,000 findings when the database has 100,000 routes: a key loop, not
    // Object.entries, so walking them allocates nothing where no secret is found.
    const record = value as Record<string, unknown>;
    let copy: Record<string, unknown> | undefined;
    for (const key in record) {
      if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
      const item = record[key];
      const shown = hide(item, secrets);
      if (shown !== item) (copy ??= { ...record })[key] = shown;
    }
    return copy ?? value;
  }
  return value;
}
