// Stable identities for findings, shared by SARIF's partialFingerprints, GitLab Code Quality and
// the baseline. A fingerprint must survive unrelated edits: it hashes the rule, the file and a
// normalised form of what the finding is about (its own source line, env var, database row),
// never the line number. Two findings that hash alike in one file get an occurrence suffix in
// location order, as CodeQL's primaryLocationLineHash does.

import * as crypto from 'node:crypto';
import type { Finding } from '../model/finding';
import type { Origin } from '../model/origin';
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { LineIndex, type TextLines } from '../text/line-index';
import { isSecretName } from '../knowledge/conf/sensitive';

/** The text of one 1-based line of a file, or undefined when the file or line cannot be read. */
export type LineReader = (file: string, line: number) => string | undefined;

export const FINGERPRINT_KEY = 'kongPreflightFindingHash/v1';

/** Data fields each rule leaves out of its fingerprints (RuleMeta.volatileData), by rule id. */
export type VolatileData = ReadonlyMap<string, ReadonlySet<string>>;

/** Hashes every finding; the result is parallel to `findings`. */
export function fingerprintFindings(findings: readonly Finding[], readLine: LineReader = noLines, baseDir?: string, volatile: VolatileData = new Map()): string[] {
  const seen = new Map<string, number>();
  // Occurrence numbers follow the file order, whatever order the caller sorted findings in.
  const positions = new Float64Array(findings.length);
  for (let i = 0; i < findings.length; i++) positions[i] = positionOf(findings[i].location);
  const order = Array.from(positions.keys()).sort((a, b) => positions[a] - positions[b]);
  const out: string[] = new Array(findings.length);
  // Thousands of findings share a few files: make each file's portable path once.
  const paths = new Map<string, string>();
  const normalisePath = (file: string): string => {
    let path = paths.get(file);
    if (path === undefined) paths.set(file, (path = portablePath(file, baseDir)));
    return path;
  };
  // Findings share lines (60,000 on the one line of a minified JSON file): read and normalise each once.
  const lines = new Map<string, Map<number, string>>();
  const identityLine: LineReader = (file, line) => {
    let ofFile = lines.get(file);
    if (ofFile === undefined) lines.set(file, (ofFile = new Map()));
    let text = ofFile.get(line);
    if (text === undefined) ofFile.set(line, (text = identityOf(readLine(file, line))));
    return text;
  };
  for (const i of order) {
    const base = baseHash(findings[i], identityLine, normalisePath, volatile.get(findings[i].ruleId));
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    out[i] = `${base}:${n}`;
  }
  return out;
}

function baseHash(finding: Finding, readLine: LineReader, normalisePath: (file: string) => string, volatile?: ReadonlySet<string>): string {
  const parts = subjectOf(finding.location, finding, readLine, normalisePath, volatile);
  let text = `${finding.ruleId}\u0000${finding.messageId}`;
  for (const part of parts) text += `\u0000${part}`;
  return sha256Hex(text).slice(0, 32);
}

/** One-shot `crypto.hash` (Node 20.12+) saves a Hash object per finding; same digest either way. */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

function sha256Hex(text: string): string {
  return oneShotHash ? oneShotHash('sha256', text, 'hex') : crypto.createHash('sha256').update(text).digest('hex');
}

/** What the finding is about, without positions. */
function subjectOf(origin: Origin, finding: Finding, readLine: LineReader, normalisePath: (file: string) => string, volatile?: ReadonlySet<string>): string[] {
  switch (origin.kind) {
    case 'file': {
      const line = readLine(origin.file, origin.line) ?? '';
      // The line's text identifies the finding only when the finding is about that line; a
      // finding about the file as a whole (anchored at line 1) must not change with line 1.
      const own = isAboutLine(line, finding) ? line : '';
      return [normalisePath(origin.file), own, dataKey(finding, volatile)];
    }
    case 'env': return ['env', origin.env];
    case 'db': return ['db', origin.table, origin.id ?? '', origin.field ?? ''];
    case 'cli': return ['cli', origin.flag];
    case 'default': return ['default', origin.version ?? '', dataKey(finding, volatile)];
    case 'global': return ['global', origin.file ? normalisePath(origin.file) : '', dataKey(finding, volatile)];
  }
}

/** Longer lines (minified JSON, a pasted certificate) identify nothing: editing any entity on them would reopen every alert. */
const MAX_IDENTITY_LINE = 1000;

/**
 * A line as it takes part in a fingerprint: whitespace collapsed, trailing comment dropped, the
 * values of secret keys left out, '' when too long or absent.
 */
function identityOf(text: string | undefined): string {
  if (text === undefined || text.length > MAX_IDENTITY_LINE) return '';
  return withoutSecretKeyValues(normaliseLine(text).replace(/\s+#.*$/, ''));
}

/** Words in every name isSecretName accepts: lines without one (almost all) skip the pattern below. */
const MAYBE_SECRET = /pass|secret|token|key|priv|licen|credential|_conf/i;
/** `key = value`, `key: value`, `KEY=value`, the value quoted or running to a separator. */
const KEY_VALUE = /([A-Za-z0-9_.-]+)(\s*[=:]\s*)("(?:[^"\\]|\\.)*"?|'[^']*'?|[^\s,}\]]+)/g;

/**
 * A fingerprint is public (SARIF uploaded to code scanning, GitLab artifacts, the baseline): a
 * hash over `pg_password = hunter2` lets anyone holding the report test guesses of the password
 * offline, since every other part of the hash is in the report too. A kong.conf line of a secret
 * key keeps its key only; elsewhere on a line each secret `key: value` pair loses its value.
 */
function withoutSecretKeyValues(line: string): string {
  if (!MAYBE_SECRET.test(line)) return line;
  const whole = /^(-?\s*([A-Za-z0-9_.-]+)\s*[=:])/.exec(line);
  if (whole && isSecretName(whole[2])) return whole[1];
  return line.replace(KEY_VALUE, (pair, key: string, separator: string) => (isSecretName(key) ? `${key}${separator}` : pair));
}

/**
 * True when the finding speaks of this line: its message quotes the line (`database = cassandra`)
 * or one of its values is the line's key (`pg_ssl_version`, `paths`).
 */
function isAboutLine(line: string, finding: Finding): boolean {
  if (line === '' || line.startsWith('#')) return false;
  if (finding.message.includes(line)) return true;
  const key = /^-?\s*([A-Za-z0-9_.-]+)\s*[=:]/.exec(line)?.[1];
  if (key === undefined || finding.data === undefined) return false;
  // A loop, not Object.values(): this runs once per finding, 20,000 times on a large file.
  for (const name in finding.data) if (finding.data[name] === key) return true;
  return false;
}

/** Whitespace runs collapse so re-indenting a line does not reopen an alert. */
export function normaliseLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The path as the repository knows it: relative to the base folder when inside it, so the same
 * checkout at another place (another CI runner) gives the same fingerprints.
 */
function portablePath(file: string, baseDir: string | undefined): string {
  if (baseDir) {
    const rel = relative(baseDir, resolve(baseDir, file));
    if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  }
  return file.replace(/\\/g, '/');
}

/** `key=value` pairs in key order, joined by `&`, without the rule's volatile fields. */
function dataKey(finding: Finding, volatile?: ReadonlySet<string>): string {
  const data = finding.data;
  if (data === undefined) return '';
  let keys = Object.keys(data);
  // Most findings carry no volatile field: filter only when one is present.
  if (volatile && keys.some((key) => volatile.has(key))) keys = keys.filter((key) => !volatile.has(key));
  if (!isSorted(keys)) keys.sort();
  let text = '';
  for (let i = 0; i < keys.length; i++) text += `${i === 0 ? '' : '&'}${keys[i]}=${String(data[keys[i]])}`;
  return text;
}

/** Rules mostly write data keys in order already; checking is cheaper than sorting. */
function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return false;
  return true;
}

function positionOf(origin: Origin): number {
  return origin.kind === 'file' ? origin.line * 10_000 + origin.column : 0;
}

function noLines(): undefined {
  return undefined;
}

/**
 * Reads lines from files on demand and keeps each file's text with a table of line starts, so
 * fingerprinting 50,000 findings in one file reads it once and allocates one string per line
 * asked for (splitting a 30 MB file into lines would hold a million strings). Files that are not
 * text are treated as unreadable. `known` maps file names to texts already read, with their index.
 */
export function cachedLineReader(known: ReadonlyMap<string, TextLines> = new Map()): LineReader {
  const cache = new Map<string, { text: string; lines: LineIndex } | null>();
  return (file, line) => {
    let entry = cache.get(file);
    if (entry === undefined) {
      try {
        // Texts the loaders already hold (a 30 MB declarative file) are not read again.
        const lines = known.get(file)?.index() ?? new LineIndex(readFileSync(file, 'utf8'));
        entry = lines.text.includes('\u0000') ? null : { text: lines.text, lines };
      } catch {
        entry = null;
      }
      cache.set(file, entry);
    }
    if (!entry || line < 1 || line > entry.lines.count) return undefined;
    const { text, lines } = entry;
    const start = lines.startOf(line - 1);
    let end = line < lines.count ? lines.startOf(line) - 1 : text.length;
    if (end > start && text.charCodeAt(end - 1) === 0x0d) end--; // CRLF
    return text.slice(start, end);
  };
}
