// JSON positions (json-reader.ts) against a plain reference: a recursive scanner that records
// where every value starts. Files written minified, with 2 or 4 spaces, with tabs, with CRLF,
// with blank lines and with two items on one line must all give the reference's offsets.

import fc from 'fast-check';
import { readJson } from '../../../src/inputs/declarative/json-reader';

type Path = (string | number)[];

/** Every value's start offset by path, from a straightforward recursive scan. */
function referenceOffsets(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let i = 0;
  const space = () => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  const string = (): string => {
    const start = i;
    i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: Path): void => {
    space();
    out.set(JSON.stringify(path), i);
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        space();
        const key = string();
        space();
        i++; // colon
        value([...path, key]);
        space();
        if (text[i++] === '}') return;
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (let n = 0; ; n++) {
        value([...path, n]);
        space();
        if (text[i++] === ']') return;
      }
    }
    if (c === '"') return void string();
    while (i < text.length && !/[\s,\]}]/.test(text[i])) i++;
  };
  value([]);
  return out;
}

function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...prefix, i], out));
  else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) pathsOf((value as Record<string, unknown>)[key], [...prefix, key], out);
  }
  return out;
}

/**
 * `keepIndexAbove` 0 makes the reader index and keep every container, as it does for large ones;
 * the default reads small pretty-printed ones again at each lookup. Both must agree with the scan.
 */
function expectSameOffsets(text: string, keepIndexAbove?: number): void {
  const parsed = readJson(text, 'x.json', undefined, keepIndexAbove);
  const reference = referenceOffsets(text);
  for (const path of pathsOf(parsed.value)) {
    expect([path, parsed.offsetAt(path)]).toEqual([path, reference.get(JSON.stringify(path))]);
  }
}

describe('JSON positions', () => {
  const doc = {
    _format_version: '3.0',
    services: [
      { name: 'a', routes: [{ name: 'r', paths: ['/a', '/b\\d'], 'we"ird': { 'k\\ey': 1 } }], tags: [] },
      { name: 'b', plugins: [{ name: 'cors', config: { origins: ['*'], max_age: null } }], empty: {} },
    ],
  };

  it.each([
    ['minified', JSON.stringify(doc)],
    ['two spaces', JSON.stringify(doc, null, 2)],
    ['four spaces', JSON.stringify(doc, null, 4)],
    ['tabs', JSON.stringify(doc, null, '\t')],
    ['CRLF', JSON.stringify(doc, null, 2).replace(/\n/g, '\r\n')],
    ['blank lines', JSON.stringify(doc, null, 2).replace(/,\n/g, ',\n\n')],
    ['items sharing a line', JSON.stringify(doc, null, 2).replace(/,\n\s*"name"/g, ', "name"')],
    // Shrunk from a fast-check counterexample: a lone CR after a bracket is whitespace to
    // JSON.parse but no line break, and the lines of the nested object (three keys for a
    // three-item list) were once taken for the list's items.
    ['a lone CR after a bracket', '{\n  "plugins": [\r    {\n      "a": 1,\n      "b": 2,\n      "c": 3\n    },\n    {},\n    {}\n  ]\n}'],
  ])('finds every value of a %s file where a plain scan does', (_label, text) => {
    expectSameOffsets(text);
    expectSameOffsets(text, 0);
  });

  it('keeps the last of duplicate keys, as JSON.parse does', () => {
    const text = '{\n  "a": 1,\n  "a": 2\n}\n';
    expect(readJson(text, 'x.json').offsetAt(['a'])).toBe(text.lastIndexOf('2'));
    expect(readJson(text, 'x.json', undefined, 0).offsetAt(['a'])).toBe(text.lastIndexOf('2'));
  });

  it('points a missing field at its closest existing ancestor', () => {
    const text = JSON.stringify(doc, null, 2);
    const parsed = readJson(text, 'x.json');
    expect(parsed.offsetAt(['services', 0, 'no_such_field'])).toBe(parsed.offsetAt(['services', 0]));
    expect(parsed.offsetAt(['services', 9])).toBe(parsed.offsetAt(['services']));
  });

  it('agrees with a plain scan on any value in any layout', () => {
    const indents = fc.constantFrom<string | number | undefined>(undefined, 0, 1, 2, 4, '\t', ' \t');
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), indents, fc.boolean(), fc.constantFrom(0, 1, undefined), (value, indent, crlf, keepIndexAbove) => {
        if (value === null || typeof value !== 'object') return;
        let text = JSON.stringify(value, null, indent as string | number);
        if (crlf) text = text.replace(/\n/g, '\r\n');
        expectSameOffsets(text, keepIndexAbove);
      }),
      { numRuns: 300 },
    );
  });
});
