// The scanner that places a JSON syntax error whose V8 message gives no position (and whose
// quoted text is not shown): each case names the character where JSON.parse itself stops.

import { jsonSyntaxErrorOffset } from '../../src/text/json-syntax-error';

describe('jsonSyntaxErrorOffset', () => {
  it.each([
    ['an unquoted value', '{"a": secret}', 6],
    ['a trailing comma in an object', '{"a":1,}', 7],
    ['a trailing comma in a list', '[1,]', 3],
    ['a missing colon', '{"a" 1}', 5],
    ['a bad escape', '{"a":"x\\q"}', 8],
    ['a short unicode escape', '{"a":"\\u12G4"}', 10],
    ['a leading zero', '{"a":01}', 6],
    ['a lone minus', '{"a":-}', 6],
    ['a fraction without digits', '{"a":1.}', 7],
    ['an exponent without digits', '{"a":1e}', 7],
    ['a cut literal', '{"a":tru}', 8],
    ['a raw line break in a string', '{"a":"x\ny"}', 7],
    ['text after the value', '{"a":1}}', 7],
    ['an unclosed list', '{"a":[1,2]', 10],
    ['an unterminated string', '"abc', 4],
    ['nothing', '  ', 2],
  ])('%s', (_name, text, offset) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonSyntaxErrorOffset(text)).toBe(offset);
  });

  it('finds nothing in valid JSON, and survives deep nesting', () => {
    expect(jsonSyntaxErrorOffset('{"a":{"b":[true,false,null,-0.5e+3,"\\u00e9\\n"]},"c":[]}')).toBeUndefined();
    expect(jsonSyntaxErrorOffset('['.repeat(100_000))).toBe(100_000);
  });
});
