// The closest known property names to a typo, by edit distance
// with adjacent transpositions (optimal string alignment), as spell checkers do.

import { compareText } from './compare';

export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Up to `limit` candidates within a distance that grows with the key's length (1 for short keys, at most 3). */
export function suggestions(key: string, candidates: readonly string[], limit = 3): string[] {
  const budget = Math.min(3, Math.max(1, Math.floor(key.length / 5)));
  return candidates
    .map((name) => ({ name, distance: editDistance(key, name) }))
    .filter((c) => c.distance <= budget)
    .sort((a, b) => a.distance - b.distance || compareText(a.name, b.name))
    .slice(0, limit)
    .map((c) => c.name);
}
