// Stable identities for findings, shared by SARIF's partialFingerprints, GitLab Code Quality and
// the baseline. A fingerprint must survive unrelated edits: it hashes the rule, the file and a
// normalised form of what the finding is about (its own source line, env var, database row),
// never the line number. Two findings that hash alike in one file get an occurrence suffix in
// location order, as CodeQL's primaryLocationLineHash does.

import { createHash } from 'node:crypto';
import type { Finding } from '../model/finding';
import type { Origin } from '../model/origin';
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** The text of one 1-based line of a file, or undefined when the file or line cannot be read. */
export type LineReader = (file: string, line: number) => string | undefined;

export const FINGERPRINT_KEY = 'kongPreflightFindingHash/v1';

/** Hashes every finding; the result is parallel to `findings`. */
export function fingerprintFindings(findings: readonly Finding[], readLine: LineReader = noLines, baseDir?: string): string[] {
  const seen = new Map<string, number>();
  // Occurrence numbers follow the file order, whatever order the caller sorted findings in.
  const order = findings.map((f, i) => i).sort((a, b) => positionOf(findings[a].location) - positionOf(findings[b].location));
  const out: string[] = new Array(findings.length);
  for (const i of order) {
    const base = baseHash(findings[i], readLine, baseDir);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    out[i] = `${base}:${n}`;
  }
  return out;
}

function baseHash(finding: Finding, readLine: LineReader, baseDir: string | undefined): string {
  const parts = [finding.ruleId, finding.messageId, ...subjectOf(finding.location, finding, readLine, baseDir)];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** What the finding is about, without positions. */
function subjectOf(origin: Origin, finding: Finding, readLine: LineReader, baseDir: string | undefined): string[] {
  const normalisePath = (file: string) => portablePath(file, baseDir);
  switch (origin.kind) {
    case 'file': {
      const text = readLine(origin.file, origin.line);
      // The line's text identifies the finding only when the finding is about that line; a
      // finding about the file as a whole (anchored at line 1) must not change with line 1.
      const line = text === undefined ? '' : normaliseLine(text).replace(/\s+#.*$/, '');
      const own = isAboutLine(line, finding) ? line : '';
      return [normalisePath(origin.file), own, dataKey(finding)];
    }
    case 'env': return ['env', origin.env];
    case 'db': return ['db', origin.table, origin.id ?? '', origin.field ?? ''];
    case 'cli': return ['cli', origin.flag];
    case 'default': return ['default', origin.version ?? '', dataKey(finding)];
    case 'global': return ['global', origin.file ? normalisePath(origin.file) : '', dataKey(finding)];
  }
}

/**
 * True when the finding speaks of this line: its message quotes the line (`database = cassandra`)
 * or one of its values is the line's key (`pg_ssl_version`, `paths`).
 */
function isAboutLine(line: string, finding: Finding): boolean {
  if (line === '' || line.startsWith('#')) return false;
  if (finding.message.includes(line)) return true;
  const key = /^-?\s*([A-Za-z0-9_.-]+)\s*[=:]/.exec(line)?.[1];
  return key !== undefined && Object.values(finding.data ?? {}).some((v) => v === key);
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

function dataKey(finding: Finding): string {
  const data = finding.data ?? {};
  return Object.keys(data).sort().map((k) => `${k}=${String(data[k])}`).join('&');
}

function positionOf(origin: Origin): number {
  return origin.kind === 'file' ? origin.line * 10_000 + origin.column : 0;
}

function noLines(): undefined {
  return undefined;
}

/**
 * Reads lines from files on demand and keeps each file's lines, so fingerprinting 50,000
 * findings in one file reads it once. Files that are not text are treated as unreadable.
 */
export function cachedLineReader(): LineReader {
  const cache = new Map<string, string[] | null>();
  return (file, line) => {
    let lines = cache.get(file);
    if (lines === undefined) {
      try {
        const text = readFileSync(file, 'utf8');
        lines = text.includes('\u0000') ? null : text.split(/\r?\n/);
      } catch {
        lines = null;
      }
      cache.set(file, lines);
    }
    return lines ? lines[line - 1] : undefined;
  };
}
