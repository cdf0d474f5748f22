// --fix-output writes only what it converts: every other byte of the file stays as it was, YAML
// aliases are converted once at their anchor, and a copy that would not read back as intended is
// refused. Inputs are the shapes the third-party sweep (sweep 5) met in real files.

import { InputError } from '../../src/errors';
import { readDeclarativeText } from '../../src/inputs/declarative';
import { convertDeclarative } from '../../src/fix/declarative-convert';
import { assertReadsBack } from '../../src/fix/read-back';
import { blockEntries } from '../../src/fix/yaml-text';
import { handPlan } from '../support/declarative-harness';

const TO_3_4 = handPlan({ from: '2.8.2', to: '3.4.0' });
const read = (text: string, file = 'kong.yml') => readDeclarativeText(file, text).root as Record<string, any>;
/** The lines a line diff (longest common subsequence) finds removed from `before` and added in `after`. */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  const common: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) common[i][j] = a[i] === b[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
  }
  const removed: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < b.length && (i === a.length || common[i][j + 1] >= common[i + 1][j])) added.push(b[j++]);
    else removed.push(a[i++]);
  }
  return { removed, added };
}

// decK dumps write Lua code as double-quoted strings; a line holding only a blank inside one came
// back from yaml 2.9.1 as `\`, and the pre-function's code no longer compiled (sweep 5 file 022).
const LUA_IN_DOUBLE_QUOTES = '      - "kong.service.request.clear_header(\\"x-a\\")\\n\\n \\n  return"';
const LUA_VALUE = 'kong.service.request.clear_header("x-a")\n\n \n  return';

describe('--fix-output keeps what it does not convert', () => {
  it('keeps a double-quoted Lua string with a blank-only line byte for byte', () => {
    const source = [
      '_format_version: "1.1"', 'services:', '- name: s', '  url: http://example.com', '  plugins:', '  - name: pre-function',
      '    config:', '      access:', LUA_IN_DOUBLE_QUOTES, '',
    ].join('\n');
    const { text } = convertDeclarative('kong.yml', source, TO_3_4);
    expect(changedLines(source, text)).toEqual({ removed: ['_format_version: "1.1"'], added: ['_format_version: "3.0"'] });
    expect(read(text).services[0].plugins[0].config.access).toEqual([LUA_VALUE]);
  });

  it('moves such a string to its new field with the same value', () => {
    const source = [
      '_format_version: "1.1"', 'plugins:', '- name: pre-function', '  config:', '    functions:', LUA_IN_DOUBLE_QUOTES.slice(2), '',
    ].join('\n');
    const { text } = convertDeclarative('kong.yml', source, TO_3_4);
    expect(read(text).plugins[0].config).toEqual({ access: [LUA_VALUE] });
  });

  it('writes Lua code with a blank-only line so that it reads back the same (yaml 2.9.1 split it and lost the blank)', () => {
    const code = `${'local value = kong.request.get_header("x-long-header-name")'}\n\n \n  return value`;
    const text = blockEntries([['access', [code]]], false);
    expect(read(`_format_version: "3.0"\nplugins:\n- name: pre-function\n  config:\n${text.replace(/^/gm, '    ')}`).plugins[0].config.access).toEqual([code]);
  });

  it('writes the file back unchanged when there is nothing to convert', () => {
    const source = [
      '# a 3.0 file with quoting and layout of its own', '_format_version: "3.0"', 'services:', '- name: s',
      "  url: 'http://example.com'", '  retries: 010', '  tags: [ a,b ]', '  routes:', '  - name: r', '    paths: ["/x"]', '',
    ].join('\n');
    expect(convertDeclarative('kong.yml', source, TO_3_4).text).toBe(source);
  });

  it('keeps scalars that lyaml reads its own way untouched beside a change (010 is octal 8 to Kong)', () => {
    const source = [
      '_format_version: "1.1"', 'services:', '- name: s', '  url: http://example.com', '  retries: 010', "  tags: [ 'quoted', plain ]",
      '  plugins:', '  - name: acl', '    config:', '      whitelist: [admins]   # who may call', '',
    ].join('\n');
    const { text } = convertDeclarative('kong.yml', source, TO_3_4);
    expect(changedLines(source, text)).toEqual({
      removed: ['_format_version: "1.1"', '      whitelist: [admins]   # who may call'],
      added: ['_format_version: "3.0"', '      allow: [admins]   # who may call'],
    });
    expect(text).toContain('  retries: 010\n');
    expect(text).toContain("  tags: [ 'quoted', plain ]\n");
    expect(text).toContain('      allow: [admins]   # who may call\n');
    expect(read(text).services[0].retries).toBe(8);
  });

  it('follows CRLF line endings in the lines it adds', () => {
    const source = ['_format_version: "1.1"', '# comment', 'plugins:', '- name: rate-limiting', '  config:', '    minute: 5', '    redis_host: r.internal', '    redis_port: 6379', ''].join('\r\n');
    const { text, conversions } = convertDeclarative('kong.yml', source, handPlan({ from: '3.4.0', to: '3.9.0' }));
    expect(conversions.length).toBeGreaterThan(1);
    expect(text).toContain('redis:\r\n');
    expect(text.split('\n').slice(0, -1).every((line) => line.endsWith('\r'))).toBe(true);
  });

  it('keeps a byte-order mark', () => {
    const source = '\ufeff_format_version: "1.1"\nroutes:\n- name: r\n  paths: [/a/\\d+]\n';
    const { text } = convertDeclarative('kong.yml', source, TO_3_4);
    expect(text).toBe('\ufeff_format_version: "3.0"\nroutes:\n- name: r\n  paths: [~/a/\\d+]\n');
  });

  it('changes a JSON file in place, each new entry on its own line at the file\'s indentation', () => {
    const source = '{\n    "_format_version": "3.0",\n    "plugins": [\n        {\n            "name": "acl",\n            "config": {\n                "whitelist": ["admins"],\n                "hide_groups_header": true\n            }\n        }\n    ]\n}\n';
    const { text } = convertDeclarative('kong.json', source, TO_3_4);
    expect(changedLines(source, text)).toEqual({ removed: ['                "whitelist": ["admins"],'], added: ['                "allow": ["admins"],'] });
    expect(JSON.parse(text).plugins[0].config).toEqual({ allow: ['admins'], hide_groups_header: true });
  });
});

describe('--fix-output and YAML aliases', () => {
  it('converts a plugin given by alias once, at its anchor, and says so (sweep 5: setIn crashed on `- *acl`)', () => {
    const source = [
      '_format_version: "2.1"', 'services:', '- name: a', '  url: http://a.internal', '  plugins:', '  - &acl', '    name: acl', '    config:',
      '      whitelist: [admins]', '- name: b', '  url: http://b.internal', '  plugins:', '  - *acl', '',
    ].join('\n');
    const { text, conversions } = convertDeclarative('kong.yml', source, TO_3_4);
    expect(changedLines(source, text)).toEqual({ removed: ['_format_version: "2.1"', '      whitelist: [admins]'], added: ['_format_version: "3.0"', '      allow: [admins]'] });
    expect(text).toContain('  - *acl\n');
    const root = read(text);
    expect(root.services[1].plugins[0]).toEqual({ name: 'acl', config: { allow: ['admins'] } });
    const renames = conversions.filter((c) => c.ruleId === 'entities/plugin-field-renamed').map((c) => c.description);
    expect(renames).toEqual([
      expect.stringContaining('a YAML anchor used in 2 places: changed once where it is written'),
      expect.stringContaining('already converted there'),
    ]);
  });

  it('adds the `~` to a regex path list given by alias once, where Kong would add it twice', () => {
    const source = [
      '_format_version: "2.1"', 'services:', '- name: a', '  url: http://a.internal', '  routes:', '  - name: ra', '    paths: &userpaths',
      '    - /users/\\d+', '- name: b', '  url: http://b.internal', '  routes:', '  - name: rb', '    paths: *userpaths', '',
    ].join('\n');
    const { text } = convertDeclarative('kong.yml', source, TO_3_4);
    expect(text).toContain('    - ~/users/\\d+\n');
    expect(text).toContain('    paths: *userpaths\n');
    const root = read(text);
    expect(root.services.map((s: any) => s.routes[0].paths)).toEqual([['~/users/\\d+'], ['~/users/\\d+']]);
  });

  it('converts a field that a merge key brings at its anchor, and keeps what the merging mapping overrides', () => {
    const source = [
      '_format_version: "2.1"', 'services:', '- name: a', '  url: http://a.internal', '  plugins:', '  - name: acl', '    config: &aclcfg',
      '      hide_groups_header: true', '      whitelist: [admins]', '- name: b', '  url: http://b.internal', '  plugins:', '  - name: acl',
      '    config:', '      <<: *aclcfg', '      hide_groups_header: false', '',
    ].join('\n');
    const { text } = convertDeclarative('kong.yml', source, TO_3_4);
    expect(changedLines(source, text)).toEqual({ removed: ['_format_version: "2.1"', '      whitelist: [admins]'], added: ['_format_version: "3.0"', '      allow: [admins]'] });
    expect(read(text).services.map((s: any) => s.plugins[0].config)).toEqual([
      { hide_groups_header: true, allow: ['admins'] },
      { hide_groups_header: false, allow: ['admins'] },
    ]);
  });

  it('refuses in one line, writing nothing, what it cannot change in one merging mapping only', () => {
    const source = [
      '_format_version: "1.1"', 'x-shared: &cfg', '  whitelist: [a]', 'plugins:', '- name: acl', '  config:', '    <<: *cfg', '',
    ].join('\n');
    let thrown: unknown;
    try {
      convertDeclarative('kong.yml', source, TO_3_4);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as Error).message).toMatch(/^--fix-output wrote nothing for kong\.yml: .*merge key.*; convert it by hand/);
    expect((thrown as Error).message).not.toContain('\n');
  });
});

describe('the read-back check', () => {
  const source = ['_format_version: "3.0"', 'plugins:', '- name: pre-function', '  config:', '    access:', LUA_IN_DOUBLE_QUOTES.slice(2), ''].join('\n');

  it('refuses the copy yaml 2.9.1 made of a Lua string, naming the value that differs', () => {
    // What the whole-document reprint wrote for that string (sweep 5, min/fix-dq.out.yml).
    const damaged = source.replace(LUA_IN_DOUBLE_QUOTES.slice(2), '    - "kong.service.request.clear_header(\\"x-a\\")\n\n\n      \\\\ \n\n      \\  return"');
    expect(read(damaged).plugins[0].config.access[0]).not.toBe(LUA_VALUE);
    expect(() => assertReadsBack('kong.yml', source, damaged, read(source))).toThrow(/^--fix-output wrote nothing for kong\.yml: the converted text would read back differently at plugins\[0\]\.config\.access\[0\]; a kong-preflight bug/);
  });

  it('refuses a copy that does not parse, and passes one that reads back as intended', () => {
    expect(() => assertReadsBack('kong.yml', source, `${source}  bad: [\n`, read(source))).toThrow(/would not read back/);
    expect(() => assertReadsBack('kong.yml', source, source.replace('access:', 'access:  # kept'), read(source))).not.toThrow();
  });
});
