// A fixed-size summary of a table's rows that can name the rows two versions of the table differ
// in, without storing the rows: an invertible Bloom lookup table. PostgreSQL computes the cells
// (src/inputs/database/table-fingerprint.ts); this module subtracts the snapshot's cells from the
// current ones and "peels" the difference back into (row key, row hash) elements. A few dozen
// differences decode; more leave the table reported with counts only.
//
// Every row is an element (key, v): key is the row's 128-bit primary key (the uuid itself, or an
// md5 of the key text), v 60 bits of the row's content hash. Each element is added to one cell in
// each of SUBTABLES sub-tables of CELLS_PER_SUBTABLE cells; a cell keeps the count and the sums
// of key halves, v and a check value derived from (key, v), all modulo 2^64.

import { createHash } from 'node:crypto';

export const SUBTABLES = 3;
export const CELLS_PER_SUBTABLE = 16;

/** One non-empty cell: [index, count, sum of key high halves, key low halves, v, check]. */
export type SketchCell = [number, number, string, string, string, string];

export interface SketchElement {
  /** 32 hex digits: the uuid without dashes, or the md5 of the key text. */
  key: string;
  /** 60 bits of the row hash, as a decimal string. */
  v: string;
}

export interface SketchDifference {
  /** Elements only the snapshot holds (removed rows, and the old version of changed rows). */
  before: SketchElement[];
  /** Elements only the current table holds (added rows, and the new version of changed rows). */
  after: SketchElement[];
  /** False when too many rows differ to name them all; the lists then hold what could be peeled. */
  complete: boolean;
}

interface Cell {
  count: bigint;
  hi: bigint;
  lo: bigint;
  v: bigint;
  chk: bigint;
}

const wrap = (n: bigint) => BigInt.asIntN(64, n);

/** Reduces the server's exact numeric sums to 64-bit values, for a compact snapshot. */
export function compactCell(index: number, count: number, hi: string, lo: string, v: string, chk: string): SketchCell {
  return [index, count, ...[hi, lo, v, chk].map((s) => wrap(BigInt(s)).toString())] as SketchCell;
}

/** The same derivation as the SQL: md5 of `hi:lo:v`, its first 15 hex digits and three positions. */
function checkOf(hi: bigint, lo: bigint, v: bigint): { chk: bigint; positions: number[] } {
  const eh = createHash('md5').update(`${hi}:${lo}:${v}`).digest('hex');
  const chk = BigInt(`0x${eh.slice(0, 15)}`);
  const positions = Array.from({ length: SUBTABLES }, (_, j) =>
    j * CELLS_PER_SUBTABLE + (parseInt(eh.slice(15 + j * 2, 17 + j * 2), 16) % CELLS_PER_SUBTABLE));
  return { chk, positions };
}

function toCells(cells: readonly SketchCell[]): Map<number, Cell> {
  return new Map(cells.map(([i, count, hi, lo, v, chk]) =>
    [i, { count: BigInt(count), hi: BigInt(hi), lo: BigInt(lo), v: BigInt(v), chk: BigInt(chk) }]));
}

/** Peels `before - after` into the elements each side holds alone. */
export function diffSketches(before: readonly SketchCell[], after: readonly SketchCell[]): SketchDifference {
  const diff = new Map<number, Cell>();
  const zero = (): Cell => ({ count: 0n, hi: 0n, lo: 0n, v: 0n, chk: 0n });
  for (const [sign, cells] of [[1n, toCells(before)], [-1n, toCells(after)]] as const) {
    for (const [i, c] of cells) {
      const d = diff.get(i) ?? zero();
      diff.set(i, {
        count: d.count + sign * c.count,
        hi: wrap(d.hi + sign * c.hi),
        lo: wrap(d.lo + sign * c.lo),
        v: wrap(d.v + sign * c.v),
        chk: wrap(d.chk + sign * c.chk),
      });
    }
  }
  const result: SketchDifference = { before: [], after: [], complete: true };
  for (let progress = true; progress;) {
    progress = false;
    for (const [index, cell] of diff) {
      if (cell.count !== 1n && cell.count !== -1n) continue;
      const sign = cell.count;
      const hi = wrap(sign * cell.hi);
      const lo = wrap(sign * cell.lo);
      const v = wrap(sign * cell.v);
      const { chk, positions } = checkOf(hi, lo, v);
      if (wrap(sign * cell.chk) !== wrap(chk) || !positions.includes(index)) continue; // two or more elements mixed
      for (const p of positions) {
        const d = diff.get(p) ?? zero();
        diff.set(p, {
          count: d.count - sign,
          hi: wrap(d.hi - sign * hi),
          lo: wrap(d.lo - sign * lo),
          v: wrap(d.v - sign * v),
          chk: wrap(d.chk - sign * chk),
        });
      }
      (sign === 1n ? result.before : result.after).push({ key: keyHex(hi, lo), v: v.toString() });
      progress = true;
    }
  }
  result.complete = [...diff.values()].every((c) => c.count === 0n && c.hi === 0n && c.lo === 0n && c.v === 0n && c.chk === 0n);
  return result;
}

function keyHex(hi: bigint, lo: bigint): string {
  const hex = (n: bigint) => BigInt.asUintN(64, n).toString(16).padStart(16, '0');
  return hex(hi) + hex(lo);
}

/** `0a1b...` (32 hex digits) as a uuid with dashes. */
export function keyAsUuid(key: string): string {
  return `${key.slice(0, 8)}-${key.slice(8, 12)}-${key.slice(12, 16)}-${key.slice(16, 20)}-${key.slice(20)}`;
}
