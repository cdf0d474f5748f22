// The last guard on secret values, by value rather than by name. Rules and readers hide the
// value of a secret setting (`pg_password`), but the same text can reach a report under another
// name: a compose `.env` variable used for KONG_PG_PASSWORD and KONG_PG_DATABASE, a Dockerfile
// `ENV KONG_PG_USER=$KONG_PG_PASSWORD`. Every string of the report that holds the value of a
// secret setting gets it replaced before any format is written.

import type { KongConf, ConfSetting } from '../inputs/kong-conf/types';
import { HIDDEN_VALUE, isSecretName, quotedBeginning, SHORTEST_HIDDEN_ANYWHERE } from '../knowledge/conf/sensitive';
import type { Finding } from '../model/finding';
import { inlineKeyPieces } from '../model/key-material';
import type { LineReader } from './fingerprint';

/**
 * Secret values, longest first. `wordBounded` holds those hidden only where they stand apart
 * from letters, digits and `_` (see secretValuesOf).
 */
export type SecretValues = readonly string[] & { readonly wordBounded?: ReadonlySet<string> };

/**
 * The values of the secret settings in kong.conf and every layer over it, and `others` (the
 * database password), with the parts of any private key they hold inline (addSecret), longest
 * first; short ones left out. `inWords` are values taken from
 * entities (credentials, plugin settings): example and test files hold keys such as `secret` or
 * `password`, and hidden anywhere they turned Kong's own `lua_shared_dict kong_secrets` into
 * `kong_(hidden)s`. Those are hidden where they stand as a word of their own, which is how a
 * value quoted from an entity appears (a path, a name, a header); glued inside a longer name the
 * text is Kong's, not the entity's.
 */
export function secretValuesOf(conf: KongConf | undefined, others: readonly string[] = [], inWords: readonly string[] = []): SecretValues {
  const values = new Set<string>();
  for (const value of others) addSecret(value, values);
  if (conf) collectConf(conf, values);
  const wordBounded = new Set<string>();
  for (const value of inWords) {
    const text = value.trim();
    if (text.length < SHORTEST_HIDDEN_ANYWHERE || values.has(text)) continue;
    wordBounded.add(text);
    const beginning = quotedBeginning(text);
    if (beginning !== undefined && !values.has(beginning)) wordBounded.add(beginning);
  }
  // A longer value may contain a shorter one: replacing the longer first hides it whole.
  const sorted = [...values, ...wordBounded].sort((a, b) => b.length - a.length);
  return wordBounded.size === 0 ? sorted : Object.assign(sorted, { wordBounded });
}

function collectConf(conf: KongConf, values: Set<string>): void {
  const collect = (setting: ConfSetting) => {
    if (isSecretName(setting.key) || (setting.envName !== undefined && isSecretName(setting.envName))) {
      for (const value of [setting.value, setting.rawValue]) addSecret(value, values);
    }
    for (const older of setting.overrides) collect(older);
  };
  for (const setting of conf.rawSettings()) collect(setting);
}

/**
 * A secret value, and the parts of a private key it may hold inline (src/model/key-material.ts):
 * `ssl_cert_key` can be the key itself, and a report that quotes one line of it, or one element
 * of a list of keys, shows no whole value. The pieces are long random text, hidden anywhere like
 * the body lines of an entity's private key. Each with the beginning a finding keeps when it
 * quotes a long value cut (quotedBeginning).
 */
function addSecret(value: string, values: Set<string>): void {
  const text = value.trim();
  if (text.length < SHORTEST_HIDDEN_ANYWHERE) return;
  for (const piece of [text, ...inlineKeyPieces(text)]) {
    values.add(piece);
    const beginning = quotedBeginning(piece);
    if (beginning !== undefined) values.add(beginning);
  }
}

/** A copy of `value` (a report) whose strings no longer hold any of `secrets`; `value` itself when none does. */
export function withoutSecretValues<T>(value: T, secrets: SecretValues): T {
  if (secrets.length === 0) return value;
  return hide(value, matcherFor(secrets)) as T;
}

/** A built-in rule's own text: its message templates by messageId, and its remediation. */
export interface RuleText {
  readonly messages: Readonly<Record<string, string>>;
  readonly remediation?: string;
  /** Data fields holding release numbers, which messages show as the edition numbers them (`showRelease`). */
  readonly versionData?: readonly string[];
}

/**
 * `findings` with the secrets hidden, as withoutSecretValues does, except in the rule's own text.
 * A secret that is an ordinary word (`pg_password = secret`) also spells words of the messages
 * (`lua_shared_dict kong_secrets`), and hiding those turned them into `kong_(hidden)s`, which
 * tells a reader the value besides. A place is kept only where it provably lies inside the text
 * of the rule's template: the message is built again from the template and the finding's data,
 * and only when that gives the very message are the template's own stretches known; anywhere
 * else (data, a place across data and template text, a message the check cannot rebuild) the
 * value is hidden as before. A remediation is kept whole when it is the rule's own. `ruleTextOf`
 * answers for built-in rules only: a rule of a --rules-dir is written by the user. `showRelease`
 * renames a release as the engine did for the message (releasesInTextForEdition).
 */
export function findingsWithoutSecretValues(
  findings: readonly Finding[],
  secrets: SecretValues,
  ruleTextOf: (ruleId: string) => RuleText | undefined,
  showRelease: (text: string) => string = (text) => text,
): Finding[] {
  if (secrets.length === 0) return findings as Finding[];
  const matcher = matcherFor(secrets);
  let copy: Finding[] | undefined;
  for (let index = 0; index < findings.length; index++) {
    const finding = findings[index];
    let shown = hide(finding, matcher) as Finding;
    if (shown === finding) continue;
    const own = ruleTextOf(finding.ruleId);
    if (own !== undefined) {
      if (shown.message !== finding.message) {
        const template = own.messages[finding.messageId];
        const data = shownData(finding.data ?? {}, own.versionData, showRelease);
        const literal = template === undefined ? undefined : templateTextIn(template, data, finding.message);
        if (literal !== undefined) {
          const message = matcher.hideIn(finding.message, literal);
          if (message !== shown.message) shown = { ...shown, message };
        }
      }
      if (shown.remediation !== finding.remediation && finding.remediation === own.remediation) shown = { ...shown, remediation: finding.remediation };
    }
    (copy ??= [...findings])[index] = shown;
  }
  return copy ?? (findings as Finding[]);
}

/** `data` with its release fields as the message shows them (src/engine/run-rules.ts releasesShown). */
function shownData(
  data: Readonly<Record<string, string | number | boolean>>,
  versionData: readonly string[] | undefined,
  showRelease: (text: string) => string,
): Readonly<Record<string, string | number | boolean>> {
  if (!versionData?.length) return data;
  const shown = { ...data };
  for (const key of versionData) {
    const value = data[key];
    if (typeof value === 'string') shown[key] = showRelease(value);
  }
  return shown;
}

/**
 * The stretches ([start, end) pairs) of `message` that are the template's own text, when filling
 * `template`'s `{{name}}` placeholders with `data` (as src/engine/run-rules.ts interpolate does)
 * gives `message` exactly; undefined otherwise.
 */
function templateTextIn(template: string, data: Readonly<Record<string, string | number | boolean>>, message: string): number[] | undefined {
  const literal: number[] = [];
  const placeholder = /\{\{\s*(\w+)\s*\}\}/g;
  let built = '';
  let last = 0;
  const text = (part: string) => {
    if (part.length > 0) literal.push(built.length, built.length + part.length);
    built += part;
  };
  for (let match = placeholder.exec(template); match !== null; match = placeholder.exec(template)) {
    text(template.slice(last, match.index));
    const name = match[1];
    if (Object.prototype.hasOwnProperty.call(data, name)) built += String(data[name]);
    else text(match[0]);
    last = match.index + match[0].length;
  }
  text(template.slice(last));
  return built === message ? literal : undefined;
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
 * Finds and replaces many secrets at once. A database can hold 100,000 key-auth keys, and a
 * report a quarter of a million strings: trying every secret on every string took five seconds
 * for a thousand keys, and regular expressions of alternatives (tries, batched) over 100,000 keys
 * took minutes. The secrets are indexed instead by their first SHORTEST_HIDDEN_ANYWHERE
 * characters, which every hidden value has: one pass over a string computes a rolling hash of
 * each window of that many characters and looks it up in a bit table, and only a window whose
 * bit is set is looked up among the real beginnings. A string's cost is its length, whatever the
 * number of secrets; the index holds each secret once plus a bit table of at most 1 MB.
 *
 * Every occurrence is found in the original string and the places are merged before anything is
 * replaced: two secrets that overlap (`abcdef` and `defghi` in `abcdefghi`), touch, or hold one
 * another become one marker. Replacing them one after another left the end of the second showing
 * (`(hidden)ghi`), and missed a secret that ran across a marker already written.
 */
class SecretMatcher {
  /**
   * Secrets by their first KEY characters: the secret itself when it is the only one with that
   * beginning (random keys nearly always are, and a string costs far less memory than two maps
   * per secret: ~6 MB against ~65 MB for 100,000 random keys), else by length, longest first.
   */
  private readonly byBeginning = new Map<string, string | Beginning>();
  /** Secrets hidden only where they stand as a word. */
  private readonly wordBounded: ReadonlySet<string>;
  /** One bit per rolling-hash slot of a beginning: most windows of a string are ruled out here. */
  private readonly bits: Uint32Array;
  private readonly slotShift: number;
  /** Secrets looked for one by one: long ones (private keys), whose windows the index would slice whole. */
  private readonly literals: { text: string; inWords: boolean }[] = [];
  /**
   * The beginnings themselves when there are only a few (the secrets of one kong.conf, or keys
   * generated with one prefix): searching each with `indexOf` runs about ten times faster than
   * the rolling hash, which pays per character whatever the number of beginnings.
   */
  private readonly fewBeginnings?: readonly string[];

  constructor(secrets: SecretValues) {
    this.wordBounded = secrets.wordBounded ?? new Set();
    for (const secret of secrets) {
      if (secret.length === 0) continue;
      // A long value (a private key) is no word of a message: it is hidden wherever it appears.
      if (secret.length > LONGEST_INDEXED) this.literals.push({ text: secret, inWords: false });
      else if (secret.length < KEY) this.literals.push({ text: secret, inWords: this.wordBounded.has(secret) });
      else this.index(secret);
    }
    if (this.byBeginning.size > 0 && this.byBeginning.size <= MOST_SEARCHED_ONE_BY_ONE) this.fewBeginnings = [...this.byBeginning.keys()];
    // About 32 slots per beginning keeps most windows that match none from reaching the map.
    let slotBits = 10;
    while (slotBits < MOST_SLOT_BITS && 1 << slotBits < this.byBeginning.size * 32) slotBits++;
    this.bits = new Uint32Array(Math.max(1, (1 << slotBits) >>> 5));
    this.slotShift = 32 - slotBits;
    for (const beginning of this.byBeginning.keys()) {
      let hash = 0;
      for (let i = 0; i < KEY; i++) hash = (Math.imul(hash, HASH_BASE) + beginning.charCodeAt(i)) | 0;
      const slot = this.slotOf(hash);
      this.bits[slot >>> 5] |= 1 << (slot & 31);
    }
  }

  /** `text` with the secrets hidden, but for places wholly inside one of the `kept` stretches ([start, end) pairs). */
  hideIn(text: string, kept?: readonly number[]): string {
    if (text.length < SHORTEST_HIDDEN_ANYWHERE) return text;
    // Found places as start, end pairs; null until the first.
    let spans: number[] | null = null;
    if (this.fewBeginnings !== undefined) {
      for (const beginning of this.fewBeginnings) {
        for (let at = text.indexOf(beginning); at !== -1; at = text.indexOf(beginning, at + 1)) {
          const end = this.longestAt(text, at);
          if (end !== -1) (spans ??= []).push(at, end);
        }
      }
    } else if (this.byBeginning.size > 0 && text.length >= KEY) {
      let hash = 0;
      for (let i = 0; i < KEY; i++) hash = (Math.imul(hash, HASH_BASE) + text.charCodeAt(i)) | 0;
      for (let at = 0; ; at++) {
        const slot = this.slotOf(hash);
        if ((this.bits[slot >>> 5] & (1 << (slot & 31))) !== 0) {
          const end = this.longestAt(text, at);
          if (end !== -1) (spans ??= []).push(at, end);
        }
        if (at + KEY >= text.length) break;
        // The window moves one character: the first one's part of the hash goes, the next one's comes.
        hash = (Math.imul(hash - Math.imul(text.charCodeAt(at), HASH_TOP), HASH_BASE) + text.charCodeAt(at + KEY)) | 0;
      }
    }
    for (const { text: secret, inWords } of this.literals) {
      for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) {
        if (!inWords || standsAsWord(text, at, at + secret.length)) (spans ??= []).push(at, at + secret.length);
      }
    }
    if (spans === null) return text;
    if (kept !== undefined) spans = outside(spans, kept);
    const shown = outsidePropertyNames(text, spans);
    return shown.length === 0 ? text : replaceSpans(text, shown);
  }

  /**
   * The end of the longest secret starting at `at` (a word-bounded one only where it stands as a
   * word), or -1. A shorter one starting there lies inside it, so it alone is enough.
   */
  private longestAt(text: string, at: number): number {
    const entry = this.byBeginning.get(text.slice(at, at + KEY));
    if (entry === undefined) return -1;
    if (typeof entry === 'string') return text.startsWith(entry, at) && this.showsAt(text, at, entry) ? at + entry.length : -1;
    for (const length of entry.lengths) {
      const end = at + length;
      if (end > text.length) continue;
      const secret = text.slice(at, end);
      if (entry.byLength.get(length)!.has(secret) && this.showsAt(text, at, secret)) return end;
    }
    return -1;
  }

  /** `secret`, found at `at`, is to be hidden there: anywhere, or where it stands as a word. */
  private showsAt(text: string, at: number, secret: string): boolean {
    return !this.wordBounded.has(secret) || standsAsWord(text, at, at + secret.length);
  }

  /** Adds a secret of KEY to LONGEST_INDEXED characters to the index by its beginning. */
  private index(secret: string): void {
    const beginning = secret.slice(0, KEY);
    const entry = this.byBeginning.get(beginning);
    if (entry === undefined) {
      this.byBeginning.set(beginning, secret);
      return;
    }
    if (entry === secret) return;
    let shared: Beginning;
    if (typeof entry === 'string') {
      shared = { lengths: [entry.length], byLength: new Map([[entry.length, new Set([entry])]]) };
      this.byBeginning.set(beginning, shared);
    } else shared = entry;
    const sameLength = shared.byLength.get(secret.length);
    if (sameLength) sameLength.add(secret);
    else {
      shared.byLength.set(secret.length, new Set([secret]));
      shared.lengths.push(secret.length);
      shared.lengths.sort((a, b) => b - a);
    }
  }

  /** The bit table slot of a window's hash: its bits mixed, then the top ones taken. */
  private slotOf(hash: number): number {
    let mixed = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
    mixed ^= mixed >>> 15;
    return mixed >>> this.slotShift;
  }
}

/** The secrets sharing one beginning. */
interface Beginning {
  /** Their lengths, longest first. */
  lengths: number[];
  byLength: Map<number, Set<string>>;
}

/** The indexed beginning: every value the hiding keeps is at least this long (secretValuesOf). */
const KEY = SHORTEST_HIDDEN_ANYWHERE;
/**
 * Up to this many distinct beginnings, each is searched with `indexOf`. Measured on the strings
 * of an 11,000-finding report (9.8 MB of JSON): one beginning 8 ms against 50 ms for the
 * rolling hash; 8 beginnings 30 ms against 37 ms; 12 about even; 16 slower (63 ms against 51 ms).
 */
const MOST_SEARCHED_ONE_BY_ONE = 8;
/** The longest secret indexed: a longer one is searched as text (a window of it would be sliced whole at each hit). */
const LONGEST_INDEXED = 512;
/** The rolling hash: a polynomial in HASH_BASE modulo 2^32; HASH_TOP is HASH_BASE^(KEY-1), the first character's weight. */
const HASH_BASE = 31;
const HASH_TOP = (() => {
  let power = 1;
  for (let i = 1; i < KEY; i++) power = Math.imul(power, HASH_BASE);
  return power;
})();
/** 2^23 slots: a 1 MB bit table, reached at about 260,000 distinct beginnings. */
const MOST_SLOT_BITS = 23;

/** No letter, digit or `_` touches the text's own word characters at either end of [start, end). */
function standsAsWord(text: string, start: number, end: number): boolean {
  // Past either end of the text charCodeAt gives NaN, which is no name character.
  const touches = (inside: number, outside: number) => isNameCharacter(inside) && isNameCharacter(outside);
  return !touches(text.charCodeAt(start), text.charCodeAt(start - 1)) && !touches(text.charCodeAt(end - 1), text.charCodeAt(end));
}

/** The places ([start, end) pairs) less those that lie wholly inside one of the `kept` stretches. */
function outside(spans: number[], kept: readonly number[]): number[] {
  const left: number[] = [];
  for (let i = 0; i < spans.length; i += 2) {
    let inside = false;
    for (let k = 0; k < kept.length && !inside; k += 2) inside = kept[k] <= spans[i] && spans[i + 1] <= kept[k + 1];
    if (!inside) left.push(spans[i], spans[i + 1]);
  }
  return left;
}

/**
 * The places ([start, end) pairs) less those inside a kong.conf property name (`pg_password`,
 * `KONG_PG_PASSWORD`) of which they are only a part. A secret that is an ordinary word
 * (`admin_gui_auth_password = password`, docker-style `pg_password = kong`) turned the names in
 * messages into `admin_gui_auth_(hidden)`; the name is Kong's text, not the secret, and the secret
 * stays hidden wherever it stands apart, or glued to anything that is not a whole property name.
 */
function outsidePropertyNames(text: string, spans: number[]): number[] {
  let kept: number[] | undefined;
  // The run of name characters each side of a place, kept: a long secret of one repeated
  // character matches at thousands of places inside one run, and scanning the run again for each
  // made hiding a 60,000-character value take a minute.
  const before = new NameRun(text);
  const after = new NameRun(text);
  for (let i = 0; i < spans.length; i += 2) {
    const start = spans[i];
    const end = spans[i + 1];
    const wordStart = start > 0 && isNameCharacter(text.charCodeAt(start - 1)) ? before.around(start - 1).start : start;
    const wordEnd = end < text.length && isNameCharacter(text.charCodeAt(end)) ? after.around(end).end : end;
    const insideName = (wordStart < start || wordEnd > end) && wordEnd - wordStart <= LONGEST_PROPERTY_NAME && isPropertyName(text.slice(wordStart, wordEnd));
    if (insideName) kept ??= spans.slice(0, i);
    else kept?.push(start, end);
  }
  return kept ?? spans;
}

/** Longer than any kong.conf property or its `KONG_` variable: such a word is never one. */
const LONGEST_PROPERTY_NAME = 100;

/** `[A-Za-z0-9_]` (`\w`): the characters of a property name, and of a word a secret must stand apart from. */
function isNameCharacter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f;
}

/** The run of name characters holding a position, the last one found kept for the next question. */
class NameRun {
  start = 0;
  end = 0;
  constructor(private readonly text: string) {}

  around(at: number): this {
    if (at >= this.start && at < this.end) return this;
    let start = at;
    while (start > 0 && isNameCharacter(this.text.charCodeAt(start - 1))) start--;
    let end = at + 1;
    while (end < this.text.length && isNameCharacter(this.text.charCodeAt(end))) end++;
    this.start = start;
    this.end = end;
    return this;
  }
}

/** Answers of isPropertyName: the catalogue is asked once per word. */
const propertyNames = new Map<string, boolean>();

/** A property some Kong version declares, written as in kong.conf or as its `KONG_` variable. */
function isPropertyName(word: string): boolean {
  let known = propertyNames.get(word);
  if (known === undefined) {
    const lower = word.toLowerCase();
    const name = word.startsWith('KONG_') ? lower.slice('kong_'.length) : lower === word ? word : undefined;
    // Loaded on the first secret found inside a longer word, not with every report.
    const { confCatalog } = require('../knowledge/conf/catalog') as typeof import('../knowledge/conf/catalog');
    known = name !== undefined && name !== '' && (confCatalog().knownIn(name, 'enterprise').length > 0 || confCatalog().knownIn(name, 'oss').length > 0);
    propertyNames.set(word, known);
  }
  return known;
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
