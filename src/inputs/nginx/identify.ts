// Tells which stock Kong template a user's file was copied from, and from which release: first
// by exact digest, then by multiset Jaccard similarity of normalised line hashes against every
// stock variant. Patch releases often share a template, so the answer is a set of tags; when
// variants of different releases score within a hair of each other that is reported as a tie
// rather than hidden behind a single guess.

import { stockVariants, type StockFile, type StockVariant } from '../../knowledge/nginx-templates';
import { KongVersion, sortVersions } from '../../version/kong-version';
import { normalizedDigest, type NormalizedLine } from './normalize';

export interface VariantScore {
  variant: StockVariant;
  score: number;
}

export interface CustomisationHunk {
  /** The user's line after which the change sits (0 = top of file). */
  afterLine: number;
  /** The user's lines that the stock file does not have, with their text. */
  added: { line: number; text: string }[];
  /** How many stock lines the user's file dropped or rewrote here. */
  removed: number;
}

export interface Identification {
  file: StockFile;
  /** `exact`: an unmodified copy; `high`/`low`: similarity; `none`: resembles no stock template. */
  confidence: 'exact' | 'high' | 'low' | 'none';
  score: number;
  /** Release tags of every variant in the best-scoring group, oldest first. */
  tags: string[];
  /** `2.8.0 - 2.8.5`, or a single tag. */
  range: string;
  /** More than one distinct stock variant scored (nearly) the same. */
  tie: boolean;
  /** The variant the customisations are computed against (the newest of the best group). */
  base: StockVariant;
  hunks: CustomisationHunk[];
  /** Runners-up, for reports that want to show how close the call was. */
  candidates: VariantScore[];
}

/** Scores closer than this to the best are a tie: patch releases differ by a line or two. */
export const TIE_MARGIN = 0.005;
const HIGH_CONFIDENCE = 0.5;
const ANY_RESEMBLANCE = 0.15;

export function identifyTemplate(lines: readonly NormalizedLine[], variants: readonly StockVariant[] = stockVariants()): Identification {
  const digest = normalizedDigest(lines);
  const exact = variants.filter((v) => v.sha256 === digest);
  // Weights come from all stock variants, whatever subset is scored, so scores stay comparable.
  const stock = stockVariants();
  const weight = variants === stock || variants.every((v) => stock.includes(v)) ? stockWeights() : lineWeights(variants);
  const user = counts(lines.map((l) => l.hash));
  const scored = variants
    .map((variant) => ({ variant, score: exact.includes(variant) ? 1 : similarity(user, stockCounts(variant), weight) }))
    .sort((a, b) => b.score - a.score || newestTag(b.variant).compare(newestTag(a.variant)));
  const best = scored[0];
  const group = scored.filter((s) => s.variant.file === best.variant.file && best.score - s.score <= TIE_MARGIN);
  const tags = sortVersions(group.flatMap((s) => s.variant.tags).map((t) => KongVersion.parse(t))).map((v) => v.toString());
  const base = group.map((s) => s.variant).sort((a, b) => newestTag(b).compare(newestTag(a)))[0];
  const confidence = exact.length > 0 ? 'exact' : best.score >= HIGH_CONFIDENCE ? 'high' : best.score >= ANY_RESEMBLANCE ? 'low' : 'none';
  return {
    file: best.variant.file,
    confidence,
    score: round(best.score),
    tags,
    range: tags.length > 1 ? `${tags[0]} - ${tags[tags.length - 1]}` : tags[0],
    tie: group.length > 1,
    base,
    hunks: confidence === 'exact' ? [] : diffAgainst(lines, base.lines),
    candidates: scored.slice(0, 5).map((s) => ({ variant: s.variant, score: round(s.score) })),
  };
}

type Weight = (hash: string) => number;

/**
 * Lines every stock template shares (`}`, `> end`) say nothing about the version; lines only a
 * few releases have (`lua_shared_dict kong_secrets`) say a lot. Inverse document frequency over
 * the stock variants.
 */
export function lineWeights(variants: readonly StockVariant[]): Weight {
  const df = new Map<string, number>();
  for (const v of variants) for (const h of new Set(v.lines)) df.set(h, (df.get(h) ?? 0) + 1);
  const n = variants.length;
  return (hash) => Math.log((n + 1) / ((df.get(hash) ?? 0) + 0.5));
}

/**
 * Half weighted multiset Jaccard, half weighted precision (how much of the user's text the stock
 * variant explains). Jaccard alone favours short, old templates when a user kept only part of
 * the stock file; precision alone cannot tell apart releases that all contain the user's lines.
 */
export function similarity(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>, weight: Weight): number {
  let shared = 0;
  let union = 0;
  let userTotal = 0;
  for (const h of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(h) ?? 0;
    const y = b.get(h) ?? 0;
    const w = weight(h);
    shared += Math.min(x, y) * w;
    union += Math.max(x, y) * w;
    userTotal += x * w;
  }
  if (union === 0 || userTotal === 0) return 0;
  return (shared / union + shared / userTotal) / 2;
}

let cachedStockWeights: Weight | undefined;
function stockWeights(): Weight {
  if (!cachedStockWeights) {
    const idf = lineWeights(stockVariants());
    const memo = new Map<string, number>();
    cachedStockWeights = (h) => memo.get(h) ?? memo.set(h, idf(h)).get(h)!;
  }
  return cachedStockWeights;
}

const countsByVariant = new WeakMap<StockVariant, Map<string, number>>();
function stockCounts(variant: StockVariant): Map<string, number> {
  let c = countsByVariant.get(variant);
  if (!c) countsByVariant.set(variant, (c = counts(variant.lines)));
  return c;
}

function counts(hashes: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const h of hashes) m.set(h, (m.get(h) ?? 0) + 1);
  return m;
}

/** Beyond this many cells the ordered diff is skipped in favour of a multiset difference. */
const MAX_DIFF_CELLS = 4_000_000;

/**
 * The user's changes against a stock variant, as hunks of added lines (with text) and counts of
 * dropped stock lines (text unknown: the facts hold hashes only). Longest common subsequence.
 */
export function diffAgainst(lines: readonly NormalizedLine[], stock: readonly string[]): CustomisationHunk[] {
  const n = lines.length;
  const m = stock.length;
  if (n * m > MAX_DIFF_CELLS) return multisetDiff(lines, stock);
  const width = m + 1;
  const table = new Uint16Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] = lines[i].hash === stock[j]
        ? table[(i + 1) * width + j + 1] + 1
        : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  const hunks: CustomisationHunk[] = [];
  let current: CustomisationHunk | undefined;
  let lastUserLine = 0;
  const open = (): CustomisationHunk => (current ??= { afterLine: lastUserLine, added: [], removed: 0 });
  const close = (): void => {
    if (current) hunks.push(current);
    current = undefined;
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && lines[i].hash === stock[j]) {
      close();
      lastUserLine = lines[i].line;
      i++; j++;
    } else if (j < m && (i >= n || table[i * width + j + 1] >= table[(i + 1) * width + j])) {
      open().removed++;
      j++;
    } else {
      open().added.push({ line: lines[i].line, text: lines[i].text });
      lastUserLine = lines[i].line;
      i++;
    }
  }
  close();
  return hunks;
}

function multisetDiff(lines: readonly NormalizedLine[], stock: readonly string[]): CustomisationHunk[] {
  const left = new Map<string, number>();
  for (const h of stock) left.set(h, (left.get(h) ?? 0) + 1);
  const added: CustomisationHunk['added'] = [];
  for (const l of lines) {
    const k = left.get(l.hash) ?? 0;
    if (k > 0) left.set(l.hash, k - 1);
    else added.push({ line: l.line, text: l.text });
  }
  const removed = [...left.values()].reduce((a, b) => a + b, 0);
  return added.length || removed ? [{ afterLine: 0, added, removed }] : [];
}

function newestTag(v: StockVariant): KongVersion {
  return sortVersions(v.tags.map((t) => KongVersion.parse(t))).pop()!;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
