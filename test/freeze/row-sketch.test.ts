// The row sketch alone: packing, and peeling a difference back into the elements on each side.

import { createHash } from 'node:crypto';
import { decodeSketch, diffSketches, encodeSketch, sketchOfElements, type SketchElement } from '../../src/freeze/row-sketch';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const element = (name: string, content = 'v1'): SketchElement => ({ key: md5(`key ${name}`), v: md5(`${name} ${content}`).slice(0, 8) });
const sortKeys = (elements: SketchElement[]) => elements.map((e) => e.key).sort();

describe('row sketch', () => {
  const rows = Array.from({ length: 500 }, (_, i) => element(`row-${i}`));

  it('packs and unpacks cells unchanged, 29 bytes each', () => {
    const cells = sketchOfElements(rows);
    expect(cells).toHaveLength(36);
    const packed = encodeSketch(cells);
    expect(Buffer.from(packed, 'base64')).toHaveLength(36 * 29);
    expect(decodeSketch(packed)).toEqual(cells);
    expect(() => decodeSketch('AAAA')).toThrow(/multiple of 29 bytes/);
  });

  it('finds nothing between equal sets', () => {
    expect(diffSketches(sketchOfElements(rows), sketchOfElements([...rows].reverse()))).toEqual({ before: [], after: [], complete: true });
  });

  it('names the added, removed and changed rows of a large set', () => {
    const removed = rows.slice(0, 4);
    const changedBefore = rows.slice(4, 7);
    const changedAfter = changedBefore.map((e, i) => ({ key: e.key, v: md5(`row-${4 + i} v2`).slice(0, 8) }));
    const added = [element('new-1'), element('new-2')];
    const after = [...changedAfter, ...rows.slice(7), ...added];
    const diff = diffSketches(sketchOfElements(rows), sketchOfElements(after));
    expect(diff.complete).toBe(true);
    expect(sortKeys(diff.before)).toEqual(sortKeys([...removed, ...changedBefore]));
    expect(sortKeys(diff.after)).toEqual(sortKeys([...changedAfter, ...added]));
  });

  it('says when too many rows differ to name them all', () => {
    const after = rows.map((e, i) => (i < 150 ? { key: e.key, v: md5(`changed ${i}`).slice(0, 8) } : e));
    const diff = diffSketches(sketchOfElements(rows), sketchOfElements(after));
    expect(diff.complete).toBe(false);
  });
});
