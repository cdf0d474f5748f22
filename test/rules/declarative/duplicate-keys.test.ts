import rule from '../../../rules/declarative/duplicate-keys';
import { DeclarativeEntitySource, readDeclarativeText } from '../../../src/inputs/declarative';
import { runRuleOnText } from '../../support/declarative-harness';

describe('declarative/duplicate-keys', () => {
  it('invalid: a route that writes paths twice', async () => {
    const text = '_format_version: "3.0"\nroutes:\n- name: r\n  paths: [/old]\n  strip_path: true\n  paths: [/new]\n';
    expect(await runRuleOnText(rule, { from: '3.4.0', to: '3.9.0' }, text)).toEqual(['laterWins warning @6']);
  });

  it('invalid: a quoted key repeated in a flow mapping', async () => {
    expect(await runRuleOnText(rule, { from: '3.4.0', to: '3.9.0' }, '_format_version: "3.0"\nplugins:\n- name: cors\n  config: {"origins": [a], "origins": [b]}\n'))
      .toEqual(['laterWins warning @4']);
  });

  it('invalid: every repeated key of the file, in file order, not only the first', async () => {
    const text = [
      '_format_version: "3.0"',
      'services:',
      '- name: a',
      '  url: http://a',
      '  routes:',
      '  - name: r1',
      '    paths: [/one]',
      '    paths: [/two]',
      '  - name: r2',
      '    hosts: [x]',
      '    strip_path: false',
      '    hosts: [y]',
      '  url: http://b',
      'plugins:',
      '- name: cors',
      '  config: {origins: [a], origins: [b]}',
      '',
    ].join('\n');
    expect(await runRuleOnText(rule, { from: '3.4.0', to: '3.9.0' }, text)).toEqual(['laterWins warning @12', 'laterWins warning @13', 'laterWins warning @16', 'laterWins warning @8']);
  });

  it('invalid: repeated keys in the first of several documents, and merged keys are no repeats', async () => {
    const text = [
      '_format_version: "3.0"',
      'base: &base {protocols: [https], strip_path: true}',
      'routes:',
      '- <<: *base',
      '  name: r',
      '  strip_path: false',
      '  paths: [/a]',
      '  name: r2',
      '---',
      'routes: []',
      '',
    ].join('\n');
    expect(await runRuleOnText(rule, { from: '3.4.0', to: '3.9.0' }, text)).toEqual(['laterWins warning @8']);
  });

  it('valid: the same key in two different mappings', async () => {
    expect(await runRuleOnText(rule, { from: '3.4.0', to: '3.9.0' }, '_format_version: "3.0"\nroutes:\n- name: a\n  paths: [/a]\n- name: b\n  paths: [/b]\n')).toEqual([]);
  });
});

describe('reading a YAML file with a repeated key as Kong does', () => {
  const text = '_format_version: "3.0"\nroutes:\n- name: r\n  paths: [/old]\n  strip_path: true\n  paths: [/new]\n';

  it('keeps the later value and names the key where it is repeated', () => {
    const document = readDeclarativeText('kong.yml', text);
    const [route] = new DeclarativeEntitySource([document]).list('route');
    expect(route.fields.paths).toEqual(['/new']);
    expect(document.duplicateKeys).toEqual([{ key: 'paths', origin: { kind: 'file', file: 'kong.yml', line: 6, column: 3 } }]);
  });

  it('points at the value that counts', () => {
    const [route] = new DeclarativeEntitySource([readDeclarativeText('kong.yml', text)]).list('route');
    expect(route.at(['paths', 0])).toMatchObject({ line: 6, column: 11 });
  });
});
