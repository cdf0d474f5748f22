// The text patcher on layouts that real files use: each edit must leave the rest of the text as
// it was and read back (as lyaml reads it) as exactly the intended value.

import { readDeclarativeText } from '../../src/inputs/declarative';
import { IntendedValue } from '../../src/fix/intended-value';
import { CannotPatch, patchText } from '../../src/fix/text-patch';
import { firstDifference } from '../../src/fix/value-compare';

type Edit = (value: IntendedValue) => void;

function patch(text: string, edit: Edit, format: 'yaml' | 'json' = 'yaml'): string {
  const file = format === 'json' ? 'kong.json' : 'kong.yml';
  const root = readDeclarativeText(file, text).root as Record<string, unknown>;
  const intended = new IntendedValue(root);
  edit(intended);
  const out = patchText(text, format, root, intended);
  expect(firstDifference(readDeclarativeText(file, out).root, intended.root)).toBeUndefined();
  return out;
}

describe('patchText', () => {
  it.each<[string, string, Edit, string]>([
    ['renames in place, keeping the flow style and the line comment', 'c:\n  w: [a]   # who\n  b: 1\n',
      (v) => { v.setIn(['c', 'allow'], ['a']); v.deleteIn(['c', 'w']); }, 'c:\n  allow: [a]   # who\n  b: 1\n'],
    ['removes the first key of a list item, moving the next one up behind the dash', 'l:\n- a: 1\n  b: 2\n  c: 3\n',
      (v) => v.deleteIn(['l', 0, 'a']), 'l:\n- b: 2\n  c: 3\n'],
    ['writes a new entry after the last one, in the file\'s list style', 'a:\n  b: 1\nl:\n- x\n',
      (v) => v.setIn(['a', 'c'], ['p', 'q']), 'a:\n  b: 1\n  c:\n  - p\n  - q\nl:\n- x\n'],
    ['makes the mappings a new entry needs', 'p:\n  name: x\n',
      (v) => { v.setIn(['p', 'config', 'redis', 'host'], 'h'); v.setIn(['p', 'config', 'redis', 'port'], 1); }, 'p:\n  name: x\n  config:\n    redis:\n      host: h\n      port: 1\n'],
    ['fills a key written with no value', 'p:\n  config:\n  name: x\n',
      (v) => v.setIn(['p', 'config', 'k'], false), 'p:\n  config:\n    k: false\n  name: x\n'],
    ['writes an emptied mapping as {}', 'c:\n  a: 1\nd: 1\n', (v) => v.deleteIn(['c', 'a']), 'c: {}\nd: 1\n'],
    ['takes a run of flow entries out with their commas', 'c: {a: 1, b: 2, c: 3, d: 4}\n',
      (v) => { v.deleteIn(['c', 'b']); v.deleteIn(['c', 'c']); v.deleteIn(['c', 'd']); }, 'c: {a: 1}\n'],
    ['quotes text lyaml would read as something else', 'c: {a: 1}\n', (v) => v.setIn(['c', 'b'], ['no', '0755', 'a,b']), "c: {a: 1, b: ['no', '0755', 'a,b']}\n"],
    ['keeps the quoting of a replaced scalar', "r:\n- paths: ['/a/\\d+', \"/b$\"]\n",
      (v) => { v.setIn(['r', 0, 'paths', 0], '~/a/\\d+'); v.setIn(['r', 0, 'paths', 1], '~/b$'); }, "r:\n- paths: ['~/a/\\d+', \"~/b$\"]\n"],
    ['overrides, in the merging mapping, a merged value changed for it alone', 'b: &b\n  x: 1\nc:\n  <<: *b\n  z: 2\n',
      (v) => v.setIn(['c', 'x'], 5), 'b: &b\n  x: 1\nc:\n  <<: *b\n  z: 2\n  x: 5\n'],
    ['removes every copy of a key written twice', 'c:\n  a: 1\n  a: 2\n  b: 1\n', (v) => v.deleteIn(['c', 'a']), 'c:\n  b: 1\n'],
    ['follows CRLF', 'c:\r\n  a: 1\r\n', (v) => v.setIn(['c', 'b'], [1]), 'c:\r\n  a: 1\r\n  b:\r\n    - 1\r\n'],
  ])('%s', (_name, text, edit, expected) => {
    expect(patch(text, edit)).toBe(expected);
  });

  it('puts a new entry of pretty-printed JSON on its own line', () => {
    expect(patch('{\n  "c": {\n    "a": 1\n  }\n}\n', (v) => v.setIn(['c', 'b'], [1]), 'json')).toBe('{\n  "c": {\n    "a": 1,\n    "b": [1]\n  }\n}\n');
    expect(patch('{"c": {"a": 1, "w": [1], "z": 2}}', (v) => { v.setIn(['c', 'n'], [1]); v.deleteIn(['c', 'w']); }, 'json')).toBe('{"c": {"a": 1, "n": [1], "z": 2}}');
  });

  it('leaves an alias alone and writes the change once where its anchor is', () => {
    const text = 'a:\n  p: &p\n    k: 1\nb:\n  p: *p\n';
    expect(patch(text, (v) => { v.setIn(['a', 'p', 'k'], 2); v.setIn(['b', 'p', 'k'], 2); })).toBe('a:\n  p: &p\n    k: 2\nb:\n  p: *p\n');
  });

  it('will not remove a merged key from one merging mapping only', () => {
    const text = 'b: &b\n  x: 1\nc:\n  <<: *b\n  z: 2\n';
    const root = readDeclarativeText('kong.yml', text).root as Record<string, unknown>;
    const intended = new IntendedValue(root);
    intended.deleteIn(['c', 'x']);
    expect(() => patchText(text, 'yaml', root, intended)).toThrow(CannotPatch);
  });

  it('reads and edits the intended value as the converter did the yaml Document (setIn makes mappings, deleteIn, getIn, hasIn)', () => {
    const intended = new IntendedValue({ plugins: [{ name: 'acl', config: { whitelist: ['a'] } }] });
    intended.setIn(['plugins', 0, 'config', 'redis', 'host'], 'h');
    intended.deleteIn(['plugins', 0, 'config', 'whitelist']);
    expect(intended.getIn(['plugins', 0, 'config'])).toEqual({ redis: { host: 'h' } });
    expect(intended.hasIn(['plugins', 0, 'config', 'whitelist'])).toBe(false);
    expect(intended.hasIn(['plugins', 0, 'name'])).toBe(true);
    expect(intended.getIn(['plugins', 3, 'name'])).toBeUndefined();
  });
});
