// Readers of nested text turn the engine's stack overflow into an input error about the file;
// every other error stays what it is.

import { InputError } from '../../src/errors';
import { refusingDeepNesting, yamlErrorLine, yamlNestingBeyond } from '../../src/text/nesting';

describe('refusingDeepNesting', () => {
  const recurse = (depth: number): number => (depth === 0 ? 0 : 1 + recurse(depth - 1));

  it('turns a stack overflow into an InputError at the place given', () => {
    let error: unknown;
    try {
      refusingDeepNesting({ file: 'deep.yaml' }, () => recurse(Number.MAX_SAFE_INTEGER));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).oneLine()).toBe('deep.yaml: nested too deeply to read (hundreds of levels: no real file nests so deep)');
  });

  it('returns what the step returns, and lets any other error through', () => {
    expect(refusingDeepNesting({ file: 'a.yaml' }, () => recurse(50))).toBe(50);
    expect(() => refusingDeepNesting({ file: 'a.yaml' }, () => { throw new RangeError('Invalid array length'); })).toThrow(RangeError);
    expect(() => refusingDeepNesting({ file: 'a.yaml' }, () => { throw new InputError('bad'); })).toThrow('bad');
  });

  it('says the same for the stack overflow the yaml package records as a parse error', () => {
    expect(yamlErrorLine('Maximum call stack size exceeded at line 1, column 1901:\n\n- - -')).toBe('nested too deeply to read (hundreds of levels: no real file nests so deep)');
    expect(yamlErrorLine('Unexpected flow-seq-end\nat line 2')).toBe('Unexpected flow-seq-end');
  });
});

describe('yamlNestingBeyond', () => {
  it('finds where flow collections, compact indicators or indentation nest past the limit', () => {
    expect(yamlNestingBeyond(`a: ${'['.repeat(300)}`)).toEqual({ line: 1, column: 4 + 255 });
    expect(yamlNestingBeyond(`${'- '.repeat(300)}x`)).toEqual({ line: 1, column: 1 + 2 * 255 });
    expect(yamlNestingBeyond(Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'))).toEqual({ line: 257, column: 257 });
    // Open brackets carried over lines count, as a flow collection spans lines.
    expect(yamlNestingBeyond(`a:\n${'  [\n'.repeat(300)}`)?.line).toBe(256);
    expect(yamlNestingBeyond('a: [1]', 2)).toBeUndefined();
    expect(yamlNestingBeyond('a: [[1]]', 2)).toEqual({ line: 1, column: 5 });
  });

  it('leaves real files alone: brackets in quotes and comments, closed collections, deep but real indentation', () => {
    const quoted = `a: "${'['.repeat(400)}"\nb: '${'{'.repeat(400)}'\nc: "\\"${'['.repeat(400)}"\n# ${'['.repeat(400)}\nd: x # ${'{'.repeat(400)}\n`;
    expect(yamlNestingBeyond(quoted)).toBeUndefined();
    expect(yamlNestingBeyond(`${'a: [1, {b: [2]}]\n'.repeat(1000)}`)).toBeUndefined();
    const manifest = Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}level${i}:`).join('\n');
    expect(yamlNestingBeyond(`${manifest}\n${'- x\n'.repeat(1000)}`)).toBeUndefined();
    expect(yamlNestingBeyond('')).toBeUndefined();
  });
});
