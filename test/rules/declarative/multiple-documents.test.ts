import rule from '../../../rules/declarative/multiple-documents';
import type { InputError } from '../../../src/errors';
import { readDeclarativeText } from '../../../src/inputs/declarative';
import { runRuleOnText } from '../../support/declarative-harness';

const FIRST = '_format_version: "3.0"\nservices:\n- name: a\n  url: http://a:80\n';

describe('declarative/multiple-documents', () => {
  it('invalid: a second document with services after ---', async () => {
    expect(await runRuleOnText(rule, { from: '3.4.0', to: '3.9.0' }, `${FIRST}---\nservices:\n- name: b\n  url: http://b:80\n`))
      .toEqual(['laterIgnored warning @5']);
  });

  it('invalid: a document after an explicit end marker', async () => {
    expect(await runRuleOnText(rule, { from: '3.4.0', to: '3.9.0' }, `---\n${FIRST}...\n---\nroutes: []\n`)).toEqual(['laterIgnored warning @6']);
  });

  it('invalid: after a %YAML directive and a leading ---, the third marker line starts the ignored part', async () => {
    expect(await runRuleOnText(rule, { from: '3.4.0', to: '3.9.0' }, `%YAML 1.1\n---\n${FIRST}--- {routes: []}\n`)).toEqual(['laterIgnored warning @7']);
  });

  it('valid: one document, with a leading --- and a trailing empty one', async () => {
    expect(await runRuleOnText(rule, { from: '3.4.0', to: '3.9.0' }, `---\n${FIRST}`)).toEqual([]);
    expect(await runRuleOnText(rule, { from: '3.4.0', to: '3.9.0' }, `${FIRST}---\n# nothing here\n`)).toEqual([]);
  });
});

describe('reading several YAML documents as Kong does', () => {
  it('configures the first document and finds positions in it', () => {
    const document = readDeclarativeText('kong.yml', `${FIRST}---\nservices:\n- name: b\n`);
    expect(document.root).toEqual({ _format_version: '3.0', services: [{ name: 'a', url: 'http://a:80' }] });
    expect(document.at(['services', 0, 'url'])).toMatchObject({ line: 4, column: 8 });
    expect(document.laterDocuments).toMatchObject({ line: 5, column: 1 });
  });

  it('still refuses a stream whose later document is malformed, naming its line', () => {
    expect(() => readDeclarativeText('kong.yml', `${FIRST}---\nservices: [unclosed\n`)).toThrow(/malformed YAML/);
    let place: { file?: string; line?: number } = {};
    try {
      readDeclarativeText('kong.yml', `${FIRST}---\nservices: [unclosed\n`);
    } catch (error) {
      place = (error as InputError).place;
    }
    expect(place.file).toBe('kong.yml');
    expect(place.line).toBeGreaterThanOrEqual(6);
  });

  it('finds positions through the parser when the first document uses an alias', () => {
    const document = readDeclarativeText('kong.yml', `base: &b {url: "http://a:80"}\nservices:\n- <<: *b\n  name: a\n---\nroutes: []\n`);
    expect(document.at(['services', 0, 'name'])).toMatchObject({ line: 4, column: 9 });
  });
});
