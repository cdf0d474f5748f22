// Where each character of a one-line quoted string sits in its file (one-line-scalar.ts): exact
// through escapes, and never a place for a string over several lines or one the decoding does not
// give back.

import fc from 'fast-check';
import { parse } from 'yaml';
import { oneLineFileOffset, oneLineScalarLayout } from '../../../src/inputs/declarative/one-line-scalar';

/** The layout of the value of `k: ...`, whose quote follows the first `: `. */
function layoutOf(text: string, value: string) {
  return oneLineScalarLayout(text, text.indexOf(': ') + 2, value);
}

function parsesTo(text: string, value: string): boolean {
  try {
    return (parse(text) as { k?: unknown } | null)?.k === value;
  } catch {
    return false;
  }
}

describe('oneLineScalarLayout', () => {
  it('places each character of a single-quoted string, a doubled quote at its first', () => {
    const text = "k: 'it''s {\"a\": 1}'\n";
    const reading = layoutOf(text, "it's {\"a\": 1}");
    expect(reading).toHaveProperty('layout');
    const { offsets } = (reading as { layout: { offsets: number[] } }).layout;
    expect(text[offsets[0]]).toBe('i');
    expect(offsets[2]).toBe(text.indexOf("''"));
    expect(text[offsets[3]]).toBe('s');
    expect(text[offsets[offsets.length - 1]]).toBe("'");
  });

  it('places a double-quoted string through its escapes: JSON\'s and YAML\'s', () => {
    const text = 'k: "a\\"b\\nc\\u00e9\\x41\\U0001F600d"';
    const value = 'a"b\nc\u00e9A\u{1F600}d';
    const reading = oneLineScalarLayout(text, 3, value);
    expect(reading).toHaveProperty('layout');
    const layout = (reading as { layout: { offsets: number[] } }).layout;
    expect(text.slice(oneLineFileOffset(layout, value.indexOf('c')))).toMatch(/^c\\u00e9/);
    expect(text.slice(oneLineFileOffset(layout, value.indexOf('A')))).toMatch(/^\\x41/);
    // Both UTF-16 units of the emoji are at its escape; `d` right after.
    expect(oneLineFileOffset(layout, value.indexOf('d'))).toBe(text.indexOf('d"'));
    // Past the end: the closing quote.
    expect(text[oneLineFileOffset(layout, value.length + 5)]).toBe('"');
  });

  it('looks past an anchor or a tag before the quote', () => {
    const text = "k: &cfg !!str 'ab'\n";
    const reading = oneLineScalarLayout(text, 3, 'ab');
    expect(reading).toEqual({ layout: { offsets: [text.indexOf('ab'), text.indexOf('ab') + 1, text.indexOf('ab') + 2] } });
  });

  it('leaves a literal block, a string over several lines, or one that decodes otherwise to the other readers', () => {
    expect(oneLineScalarLayout('k: |\n  a\n', 3, 'a\n')).toBeUndefined();
    expect(oneLineScalarLayout('k: "a\n  b"\n', 3, 'a b')).toBeUndefined();
    expect(oneLineScalarLayout("k: 'a\n  b'\n", 3, 'a b')).toBeUndefined();
    expect(oneLineScalarLayout('k: "a\\\n  b"\n', 3, 'ab')).toBeUndefined();
    expect(oneLineScalarLayout('k: "abc"\n', 3, 'abd')).toEqual({ unmappable: 'its text does not match the file\'s' });
    expect(oneLineScalarLayout('k: "a\\xZZ"\n', 3, 'a')).toEqual({ unmappable: 'its escapes were not understood' });
  });

  // Any string, written by JSON.stringify or as a YAML single-quoted scalar, maps back exactly:
  // every character that is written as itself is found at its place, in file order.
  it('property: every string written on one line maps to its own characters', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.boolean(), (value, single) => {
      const scalar = single ? `'${value.replace(/'/g, "''")}'` : JSON.stringify(value);
      // A single-quoted scalar cannot hold a line break on one line: JSON's escape it.
      if (single && /[\n\r]/.test(value)) return;
      const text = `k: ${scalar}\n`;
      // Only strings the YAML parser gives back as written (it refuses some control characters).
      if (single && !parsesTo(text, value)) return;
      const reading = oneLineScalarLayout(text, 3, value);
      expect(reading).toHaveProperty('layout');
      const { offsets } = (reading as { layout: { offsets: number[] } }).layout;
      expect(offsets).toHaveLength(value.length + 1);
      for (let i = 1; i < offsets.length; i++) expect(offsets[i]).toBeGreaterThanOrEqual(offsets[i - 1]);
      for (let i = 0; i < value.length; i++) {
        if (text[offsets[i]] !== '\\' && !(single && value[i] === "'")) expect(text[offsets[i]]).toBe(value[i]);
      }
    }), { numRuns: 300 });
  });
});
