// LineIndex answers from the previous answer when the next offset is a few lines on: whatever
// the order of the questions, every answer must be the one a plain count of line breaks gives.

import fc from 'fast-check';
import { LineIndex } from '../../src/text/line-index';

function naiveLineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

function naiveLineStart(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n') start--;
  return start;
}

describe('LineIndex', () => {
  it('finds the line of any offset, asked in any order', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\r\n', '#'), maxLength: 300 });
    fc.assert(fc.property(text, fc.array(fc.nat(), { maxLength: 60 }), (t, picks) => {
      const index = new LineIndex(t);
      for (const pick of picks) {
        const offset = t.length === 0 ? 0 : pick % (t.length + 1);
        expect(index.lineOf(offset)).toBe(naiveLineOf(t, offset));
        expect(index.locate(offset)).toEqual({ line: naiveLineOf(t, offset) + 1, column: offset - naiveLineStart(t, offset) + 1 });
      }
    }), { numRuns: 500 });
  });

  it('answers far jumps backwards and forwards in a long text', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n');
    const index = new LineIndex(text);
    for (const line of [4999, 0, 2500, 2501, 2517, 2540, 10, 4998, 4999, 1]) {
      expect(index.lineOf(text.indexOf(`line ${line}`) + 2)).toBe(line);
    }
  });
});
