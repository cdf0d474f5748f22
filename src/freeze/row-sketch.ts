// A fixed-size summary of a table's rows that can name the rows two versions of the table differ
// in, without storing the rows: an invertible Bloom lookup table. PostgreSQL computes the cells
// (src/inputs/database/table-fingerprint.ts); this module subtracts the snapshot's cells from the
// current ones and "peels" the difference back into (row key, row hash) elements. A few dozen
// differences decode; more leave the table reported with counts only.
//
// Every row is an element (key, v): key is the row's 128-bit primary key (the uuid itself, or an
// md5 of the key text), v 32 bits of the row's content hash. Each element is added to one cell in
// each of SUBTABLES sub-tables of CELLS_PER_SUBTABLE cells; a cell keeps the count and the sums of
// the key halves (modulo 2^64), of v and of a check value derived from (key, v) (modulo 2^32).
// The snapshot stores the non-empty cells packed in base64: about 1.4 KB for a large table.

import { createHash } from 'node:crypto';

export const SUBTABLES = 3;
export const CELLS_PER_SUBTABLE = 12;

export interface SketchCell {
  index: number;
  count: bigint;
  hi: bigint;
  lo: bigint;
  v: bigint;
  chk: bigint;
}

export interface SketchElement {
  /** 32 hex digits: the uuid without dashes, or the md5 of the key text. */
  key: string;
  /** 32 bits of the row hash, as 8 hex digits. */
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

const wrap64 = (n: bigint) => BigInt.asIntN(64, n);
const wrap32 = (n: bigint) => BigInt.asUintN(32, n);
const CELL_BYTES = 1 + 4 + 8 + 8 + 4 + 4;

/** Cells from the server's exact sums (decimal strings), reduced to their stored widths. */
export function cellFromSums(index: number, count: string | number, hi: string, lo: string, v: string, chk: string): SketchCell {
  return { index, count: BigInt(count), hi: wrap64(BigInt(hi)), lo: wrap64(BigInt(lo)), v: wrap32(BigInt(v)), chk: wrap32(BigInt(chk)) };
}

export function encodeSketch(cells: readonly SketchCell[]): string {
  const buffer = Buffer.alloc(cells.length * CELL_BYTES);
  cells.forEach((c, i) => {
    let o = i * CELL_BYTES;
    buffer.writeUInt8(c.index, o); o += 1;
    buffer.writeInt32BE(Number(c.count), o); o += 4;
    buffer.writeBigInt64BE(c.hi, o); o += 8;
    buffer.writeBigInt64BE(c.lo, o); o += 8;
    buffer.writeUInt32BE(Number(c.v), o); o += 4;
    buffer.writeUInt32BE(Number(c.chk), o);
  });
  return buffer.toString('base64');
}

/** Unpacks a stored sketch; throws on a length that cannot be one. */
export function decodeSketch(text: string): SketchCell[] {
  const buffer = Buffer.from(text, 'base64');
  if (buffer.length % CELL_BYTES !== 0) throw new Error(`a row sketch is a multiple of ${CELL_BYTES} bytes`);
  const cells: SketchCell[] = [];
  for (let o = 0; o < buffer.length; o += CELL_BYTES) {
    cells.push({
      index: buffer.readUInt8(o),
      count: BigInt(buffer.readInt32BE(o + 1)),
      hi: buffer.readBigInt64BE(o + 5),
      lo: buffer.readBigInt64BE(o + 13),
      v: BigInt(buffer.readUInt32BE(o + 21)),
      chk: BigInt(buffer.readUInt32BE(o + 25)),
    });
  }
  return cells;
}

const hex = (n: bigint, digits: number) => BigInt.asUintN(digits * 4, n).toString(16).padStart(digits, '0');

/** The same derivation as the SQL: md5 of the key's and v's hex digits gives the check and three positions. */
function checkOf(key: string, v: bigint): { chk: bigint; positions: number[] } {
  const eh = createHash('md5').update(key + hex(v, 8)).digest('hex');
  const chk = BigInt(`0x${eh.slice(0, 8)}`);
  const positions = Array.from({ length: SUBTABLES }, (_, j) =>
    j * CELLS_PER_SUBTABLE + (parseInt(eh.slice(8 + j * 2, 10 + j * 2), 16) % CELLS_PER_SUBTABLE));
  return { chk, positions };
}

/** Peels `before - after` into the elements each side holds alone. */
export function diffSketches(before: readonly SketchCell[], after: readonly SketchCell[]): SketchDifference {
  const diff = new Map<number, SketchCell>();
  const zero = (index: number): SketchCell => ({ index, count: 0n, hi: 0n, lo: 0n, v: 0n, chk: 0n });
  const add = (index: number, sign: bigint, c: Omit<SketchCell, 'index'>) => {
    const d = diff.get(index) ?? zero(index);
    diff.set(index, {
      index,
      count: d.count + sign * c.count,
      hi: wrap64(d.hi + sign * c.hi),
      lo: wrap64(d.lo + sign * c.lo),
      v: wrap32(d.v + sign * c.v),
      chk: wrap32(d.chk + sign * c.chk),
    });
  };
  for (const c of before) add(c.index, 1n, c);
  for (const c of after) add(c.index, -1n, c);
  const result: SketchDifference = { before: [], after: [], complete: true };
  for (let progress = true; progress;) {
    progress = false;
    for (const index of [...diff.keys()]) {
      const cell = diff.get(index)!; // re-read: peeling an element changes other cells
      if (cell.count !== 1n && cell.count !== -1n) continue;
      const sign = cell.count;
      const hi = wrap64(sign * cell.hi);
      const lo = wrap64(sign * cell.lo);
      const v = wrap32(sign * cell.v);
      const key = hex(hi, 16) + hex(lo, 16);
      const { chk, positions } = checkOf(key, v);
      if (wrap32(sign * cell.chk) !== chk || !positions.includes(cell.index)) continue; // two or more elements mixed
      for (const p of positions) add(p, -sign, { count: 1n, hi, lo, v, chk });
      (sign === 1n ? result.before : result.after).push({ key, v: hex(v, 8) });
      progress = true;
    }
  }
  result.complete = [...diff.values()].every((c) => c.count === 0n && c.hi === 0n && c.lo === 0n && c.v === 0n && c.chk === 0n);
  return result;
}

/** `0a1b...` (32 hex digits) as a uuid with dashes. */
export function keyAsUuid(key: string): string {
  return `${key.slice(0, 8)}-${key.slice(8, 12)}-${key.slice(12, 16)}-${key.slice(16, 20)}-${key.slice(20)}`;
}

/** The sketch of a set of elements computed here rather than by the server (tests, tooling). */
export function sketchOfElements(elements: readonly SketchElement[]): SketchCell[] {
  const cells = new Map<number, SketchCell>();
  for (const { key, v } of elements) {
    const value = BigInt(`0x${v}`);
    const { chk, positions } = checkOf(key, value);
    for (const index of positions) {
      const c = cells.get(index) ?? { index, count: 0n, hi: 0n, lo: 0n, v: 0n, chk: 0n };
      cells.set(index, {
        index,
        count: c.count + 1n,
        hi: wrap64(c.hi + BigInt.asIntN(64, BigInt(`0x${key.slice(0, 16)}`))),
        lo: wrap64(c.lo + BigInt.asIntN(64, BigInt(`0x${key.slice(16)}`))),
        v: wrap32(c.v + value),
        chk: wrap32(c.chk + chk),
      });
    }
  }
  return [...cells.values()].sort((a, b) => a.index - b.index);
}
