// decK renders `${{ env "DECK_..." }}` before parsing; a file that writes such an expression
// inside a double-quoted value is invalid YAML/JSON until then. We read it with the inner quotes
// masked, same length, so positions stay those of the file as written.

import { maskDeckTemplates } from '../../../src/inputs/declarative/deck-templates';
import { readDeclarativeText } from '../../../src/inputs/declarative/load';
import { InputError } from '../../../src/errors';

describe('maskDeckTemplates', () => {
  it('masks the quotes of an expression inside a double-quoted value, keeping the length', () => {
    const text = 'headers:\n  - "X-API-Key:${{ env "DECK_API_KEY" }}"\n';
    const masked = maskDeckTemplates(text);
    expect(masked).toBe('headers:\n  - "X-API-Key:${{ env \'DECK_API_KEY\' }}"\n');
    expect(masked.length).toBe(text.length);
  });

  it('leaves plain and single-quoted values, comments and template-free text alone', () => {
    for (const text of [
      'host: ${{ env "DECK_HOST" }}\n',
      "key: '${{ env \"DECK_KEY\" }}'\n",
      'name: a # "see ${{ env "X" }}"\n',
      'name: "plain \\" quoted"\n',
      'services: []\n',
    ]) expect(maskDeckTemplates(text)).toBe(text);
  });

  it('follows escapes and several expressions on a line, and JSON strings', () => {
    expect(maskDeckTemplates('a: "\\"x\\" ${{ env "A" }} and ${{ env "B" }}"\n')).toBe('a: "\\"x\\" ${{ env \'A\' }} and ${{ env \'B\' }}"\n');
    expect(maskDeckTemplates('{"key": "${{ env "DECK_K" }}"}')).toBe('{"key": "${{ env \'DECK_K\' }}"}');
  });

  it('leaves an expression that does not close on its line', () => {
    const text = 'a: "${{ env "A"\n}}"\n';
    expect(maskDeckTemplates(text)).toBe(text);
  });
});

describe('reading a decK file that uses templates', () => {
  const text = '_format_version: "3.0"\nplugins:\n- name: request-transformer\n  config:\n    add:\n      headers:\n      - "X-API-Key:${{ env "DECK_API_KEY" }}"\n      - "Authorization:Bearer ${{ env "DECK_TOKEN" }}"\n';

  it('reads it as decK does, with positions in the file as written', () => {
    const document = readDeclarativeText('kong.yaml', text);
    const headers = ((document.root.plugins as Record<string, any>[])[0].config.add.headers) as string[];
    expect(headers).toEqual(["X-API-Key:${{ env 'DECK_API_KEY' }}", "Authorization:Bearer ${{ env 'DECK_TOKEN' }}"]);
    expect(document.text).toBe(text);
    expect(document.at(['plugins', 0, 'config', 'add', 'headers', 1])).toMatchObject({ line: 8, column: 9 });
  });

  it('reads the same in JSON', () => {
    const json = '{"_format_version": "3.0", "consumers": [{"username": "u", "keyauth_credentials": [{"key": "${{ env "DECK_KEY" }}"}]}]}';
    const document = readDeclarativeText('kong.json', json);
    expect(document.root.consumers).toEqual([{ username: 'u', keyauth_credentials: [{ key: "${{ env 'DECK_KEY' }}" }] }]);
  });

  it('keeps the YAML error for a file Kong loads itself (Kong renders no templates)', () => {
    expect(() => readDeclarativeText('kong.yaml', text, true)).toThrow(InputError);
    expect(() => readDeclarativeText('kong.yaml', text, true)).toThrow(/malformed YAML/);
  });

  it('keeps the original error when masking does not make the file readable', () => {
    expect(() => readDeclarativeText('kong.yaml', 'a: "${{ env "A" }}"\nb: [\n')).toThrow(/kong\.yaml|malformed YAML/);
  });
});
