// Readers of nested text turn the engine's stack overflow into an input error about the file;
// every other error stays what it is.

import { InputError } from '../../src/errors';
import { refusingDeepNesting, yamlErrorLine } from '../../src/text/nesting';

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
