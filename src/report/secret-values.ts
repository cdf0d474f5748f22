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
 * One pattern holds all the secrets, written as a trie (shared beginnings once, so the regex
 * engine follows one branch per position); a string it does not match is returned as it is.
 */
class SecretMatcher {
  private readonly patterns: RegExp[] = [];
  /** Secrets looked for one by one: long ones (private keys), and any batch V8 would not compile. */
  private readonly literals: string[] = [];

  /** Replacers of the word-bounded secrets, made when one is first found. */
  private readonly bounded = new Map<string, RegExp>();

  constructor(private readonly secrets: SecretValues) {
    // Patterns of bounded size: thousands of credentials make a long source, and V8 refuses a
    // regular expression whose compiled form grows too large (a 60,000-character password did).
    let batch: string[] = [];
    let size = 0;
    for (const secret of secrets) {
      if (secret.length > LONGEST_IN_PATTERN) {
        this.literals.push(secret);
        continue;
      }
      batch.push(secret);
      size += secret.length;
      if (size >= CHARACTERS_PER_PATTERN) {
        this.addPattern(batch);
        batch = [];
        size = 0;
      }
    }
    if (batch.length > 0) this.addPattern(batch);
  }

  hideIn(text: string): string {
    if (text.length < SHORTEST_HIDDEN_ANYWHERE) return text;
    let found: Set<string> | undefined;
    for (const pattern of this.patterns) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
        // The longest secret at a place is matched; one starting inside it is looked for from the next character.
        (found ??= new Set()).add(match[0]);
        pattern.lastIndex = match.index + 1;
      }
    }
    for (const secret of this.literals) if (text.includes(secret)) (found ??= new Set()).add(secret);
    if (!found) return text;
    // Longest first, as `secrets` is sorted: a longer value holding a shorter one is hidden whole.
    let out = text;
    for (const secret of this.secrets) {
      if (!found.has(secret) || !out.includes(secret)) continue;
      // A long value (a private key) is no word of a message: it is hidden wherever it appears.
      const inWords = secret.length <= LONGEST_IN_PATTERN && this.secrets.wordBounded?.has(secret);
      out = inWords ? out.replace(this.wordPattern(secret), HIDDEN_VALUE) : out.split(secret).join(HIDDEN_VALUE);
    }
    return out;
  }

  /** The secret where no letter, digit or `_` touches one of its own word characters at either end. */
  private wordPattern(secret: string): RegExp {
    let pattern = this.bounded.get(secret);
    if (!pattern) {
      const before = /^\w/.test(secret) ? '(?<!\\w)' : '';
      const after = /\w$/.test(secret) ? '(?!\\w)' : '';
      this.bounded.set(secret, (pattern = new RegExp(`${before}${escapeRegExp(secret)}${after}`, 'g')));
    }
    return pattern;
  }

  private addPattern(batch: readonly string[]): void {
    try {
      this.patterns.push(new RegExp(trieSource(batch), 'g'));
    } catch {
      // Too large for the regex engine after all: the batch is searched for one secret at a time.
      this.literals.push(...batch);
    }
  }
}

/** Characters of secrets per pattern, and the longest secret written into one. */
const CHARACTERS_PER_PATTERN = 20_000;
const LONGEST_IN_PATTERN = 512;

const matchers = new WeakMap<readonly string[], SecretMatcher>();

function matcherFor(secrets: SecretValues): SecretMatcher {
  let matcher = matchers.get(secrets);
  if (!matcher) matchers.set(secrets, (matcher = new SecretMatcher(secrets)));
  return matcher;
}

/**
 * A regex source matching any of `words`, shared beginnings written once. Where a word ends and a
 * longer one goes on, the longer is tried first (a greedy optional group): the match at a place is
 * the longest word there.
 */
function trieSource(words: readonly string[]): string {
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
  const emit = (start: Node): string => {
    let source = '';
    let node = start;
    // A run of single children is plain text: only branches and word ends need a group.
    while (node.children.size === 1 && !node.end) {
      const [[char, child]] = node.children;
      source += escapeRegExp(char);
      node = child;
    }
    if (node.children.size === 0) return source;
    const branches = [...node.children].map(([char, child]) => escapeRegExp(char) + emit(child));
    const group = `(?:${branches.join('|')})`;
    return source + (node.end ? `${group}?` : group);
  };
  return emit(root);
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
