import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../src/errors';
import { DeclarativeEntitySource, loadDeclarative, readDeclarativeText } from '../../../src/inputs/declarative';
import type { Entity, EntityType } from '../../../src/model/entities';
import type { KongConf } from '../../../src/inputs/kong-conf/types';
import { loadKongConf } from '../../../src/inputs/kong-conf';

const YAML = `_format_version: "2.1"
# a comment before services
services:
- name: orders
  url: http://orders.internal:8080
  routes:
  - name: orders-by-id
    paths:
    - /orders
    -   "/orders/\\\\d+"
    plugins:
    - name: key-auth
  plugins:
  - name: rate-limiting
    config: { minute: 5, policy: local }
routes:
- name: top
  service: orders
  paths: [/top, "/x/(?!y)"]
consumers:
- username: alice
  plugins:
  - name: acl
    config:
      whitelist: [gold]
upstreams:
- name: up
  targets:
  - target: 10.0.0.1:80
certificates:
- id: 5d2a4c8e-0000-4000-8000-000000000001
  cert: c
  key: k
  snis:
  - name: example.com
`;

function entities(source: DeclarativeEntitySource, type: EntityType): Entity[] {
  return [...source.list(type)];
}

function where(entity: Entity, path: (string | number)[]): string {
  const origin = entity.at(path);
  return origin.kind === 'file' ? `${origin.line}:${origin.column}` : origin.kind;
}

describe('declarative loader: YAML', () => {
  const document = readDeclarativeText('kong.yml', YAML);
  const source = new DeclarativeEntitySource([document]);

  it('reads header facts with their lines', () => {
    expect(document.format).toBe('yaml');
    expect(document.flavor).toBe('kong');
    expect(document.formatVersion?.value).toBe('2.1');
    expect(document.formatVersion?.origin).toMatchObject({ file: 'kong.yml', line: 1, column: 18 });
    expect(document.collections.map((c) => c.value)).toEqual([
      '_format_version', 'services', 'routes', 'consumers', 'upstreams', 'certificates',
    ]);
  });

  it('finds nested and top-level entities with their parents', () => {
    const routes = entities(source, 'route');
    expect(routes.map((r) => r.name)).toEqual(['orders-by-id', 'top']);
    expect(routes[0].parents).toEqual({ service: { name: 'orders' } });
    expect(routes[1].parents).toEqual({ service: { name: 'orders' } });
    const plugins = entities(source, 'plugin');
    expect(plugins.map((p) => p.name)).toEqual(['key-auth', 'rate-limiting', 'acl']);
    expect(plugins[0].parents).toEqual({ service: { name: 'orders' }, route: { name: 'orders-by-id' } });
    expect(plugins[2].parents).toEqual({ consumer: { name: 'alice' } });
    expect(entities(source, 'target').map((t) => t.name)).toEqual(['10.0.0.1:80']);
    expect(entities(source, 'sni').map((t) => t.name)).toEqual(['example.com']);
    expect(entities(source, 'certificate')[0].id).toBe('5d2a4c8e-0000-4000-8000-000000000001');
  });

  it('counts entities without walking them, and walks again in the same order', async () => {
    expect(await source.count('plugin')).toBe(3);
    expect(await source.count('route')).toBe(2);
    expect(await source.count('vault')).toBe(0);
    const names = (type: EntityType) => entities(source, type).map((e) => `${e.name}@${(e as unknown as { documentPath: unknown[] }).documentPath.join('.')}`);
    expect(names('plugin')).toEqual(['key-auth@services.0.routes.0.plugins.0', 'rate-limiting@services.0.plugins.0', 'acl@consumers.0.plugins.0']);
    expect(names('plugin')).toEqual(names('plugin'));
  });

  it('walks several types at once in file order, with the same entities as one type at a time', async () => {
    const seen: string[] = [];
    await source.eachOf(new Set(['route', 'plugin', 'sni'] as const), (e) => seen.push(`${e.type}:${e.name}`));
    expect(seen).toEqual(['route:orders-by-id', 'plugin:key-auth', 'plugin:rate-limiting', 'route:top', 'plugin:acl', 'sni:example.com']);
    const oneByOne = (['route', 'plugin', 'sni'] as const).flatMap((type) => entities(source, type).map((e) => `${e.type}:${e.name}`));
    expect([...seen].sort()).toEqual([...oneByOne].sort());
    const parents: unknown[] = [];
    await source.eachOf(new Set(['plugin'] as const), (e) => parents.push(e.parents));
    expect(parents).toEqual(entities(source, 'plugin').map((e) => e.parents));
  });

  it('adds an entity\'s own references to the parents it inherits', () => {
    const doc = readDeclarativeText('k.yml', [
      'services:',
      '- name: s',
      '  routes:',
      '  - name: r',
      '    plugins:',
      '    - name: rate-limiting',
      '      consumer: alice',
      '      consumer_group: { name: gold }',
    ].join('\n'));
    const [plugin] = new DeclarativeEntitySource([doc]).list('plugin');
    expect(plugin.parents).toEqual({ service: { name: 's' }, route: { name: 'r' }, consumer: { name: 'alice' }, consumer_group: { name: 'gold' } });
    expect(Object.keys(plugin.parents!)).toEqual(['service', 'route', 'consumer', 'consumer_group']);
  });

  it('points at the line and column of every value', () => {
    const [nested, top] = entities(source, 'route');
    expect(where(nested, ['paths', 0])).toBe('9:7');
    expect(where(nested, ['paths', 1])).toBe('10:9');
    expect(nested.fields.paths).toEqual(['/orders', '/orders/\\d+']);
    expect(where(top, ['paths', 1])).toBe('19:17');
    const acl = entities(source, 'plugin')[2];
    expect(where(acl, ['config', 'whitelist'])).toBe('25:18');
    expect(where(entities(source, 'plugin')[1], ['config', 'policy'])).toBe('15:34');
  });

  it('falls back to the closest enclosing value for a missing field', () => {
    const keyAuth = entities(source, 'plugin')[0];
    expect(where(keyAuth, ['config', 'hide_credentials'])).toBe(where(keyAuth, []));
    expect(where(keyAuth, [])).toBe('12:7');
  });
});

describe('declarative loader: JSON', () => {
  const json = JSON.stringify({ _format_version: '3.0', _info: { select_tags: ['team-a'] }, services: [{ name: 's', routes: [{ name: 'r', paths: ['/a', '/b\\d'] }] }] }, null, 2);
  const document = readDeclarativeText('state.json', json);
  const source = new DeclarativeEntitySource([document]);

  it('tells a decK file by its decK-only keys', () => {
    expect(document.format).toBe('json');
    expect(document.flavor).toBe('deck');
    expect(document.flavorEvidence).toContain('_info');
    expect(document.selectTags?.value).toEqual(['team-a']);
  });

  it('locates values lazily', () => {
    const [route] = entities(source, 'route');
    const lines = json.split('\n');
    const expectedLine = lines.findIndex((l) => l.includes('"/b\\\\d"')) + 1;
    expect(route.at(['paths', 1])).toMatchObject({ line: expectedLine, column: lines[expectedLine - 1].indexOf('"') + 1 });
  });
});

describe('declarative loader: bad input', () => {
  const errorOf = (fn: () => unknown): InputError => {
    try {
      fn();
    } catch (error) {
      if (error instanceof InputError) return error;
      throw error;
    }
    throw new Error('expected an InputError');
  };

  it('names file and line of malformed YAML', () => {
    const error = errorOf(() => readDeclarativeText('bad.yml', 'services:\n- name: a\n  routes: [\n    paths: x\n'));
    expect(error.place.file).toBe('bad.yml');
    expect(error.place.line).toBeGreaterThanOrEqual(3);
    expect(error.oneLine()).toMatch(/^bad\.yml:\d+:\d+: malformed YAML/);
  });

  it('names file and line of malformed JSON', () => {
    const error = errorOf(() => readDeclarativeText('bad.json', '{\n  "services": [\n    {"name": "a",}\n  ]\n}'));
    expect(error.oneLine()).toMatch(/^bad\.json:3:\d+: malformed JSON/);
  });

  // V8 words this error `Unexpected token 'k', ..."key": k3y..."... is not valid JSON`, quoting
  // the credential an unquoted key-auth key is.
  it('names the place of an unquoted value in JSON without quoting the text there', () => {
    const text = '{\n  "consumers": [{"username": "a",\n    "keyauth_credentials": [{"key": Kp9SecretKeyValue}]}]\n}';
    const error = errorOf(() => readDeclarativeText('unquoted.json', text));
    expect(error.oneLine()).toBe('unquoted.json:3:37: malformed JSON: unexpected text');
    expect(error.oneLine()).not.toContain('Kp9');
  });

  it('refuses an empty file and a file that is not a mapping', () => {
    expect(errorOf(() => readDeclarativeText('empty.yml', '')).message).toContain('empty');
    expect(errorOf(() => readDeclarativeText('list.yml', '- a\n- b\n')).message).toContain('mapping');
  });

  it('reads a repeated key as Kong does (the later value wins) and names where it is repeated', () => {
    const document = readDeclarativeText('dup.yml', 'services: [{name: a}]\nservices: []\n');
    expect(document.root).toEqual({ services: [] });
    expect(document.duplicateKeys).toMatchObject([{ key: 'services', origin: { line: 2, column: 1 } }]);
  });
});

describe('declarative loader: files and folders', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kp-decl-'));
  mkdirSync(join(dir, 'many'));
  writeFileSync(join(dir, 'many', 'b.yaml'), '_format_version: "3.0"\nservices: [{name: b}]\n');
  writeFileSync(join(dir, 'many', 'a.json'), '{"_format_version": "3.0", "services": [{"name": "a"}]}');
  writeFileSync(join(dir, 'many', 'notes.txt'), 'ignored');
  writeFileSync(join(dir, 'kong.yml'), '_format_version: "1.1"\nroutes: [{name: r, paths: [/a]}]\n');

  const confNaming = (value: string): KongConf => {
    writeFileSync(join(dir, 'kong.conf'), `database = off\n# the production file\ndeclarative_config = ${value}\n`);
    return loadKongConf(join(dir, 'kong.conf'), {});
  };

  it('reads every .yml/.yaml/.json file of a folder in name order', async () => {
    const { config } = loadDeclarative({ paths: ['many'], cwd: dir });
    expect(config!.documents.map((d) => d.file)).toEqual([join('many', 'a.json'), join('many', 'b.yaml')]);
    const names: string[] = [];
    await config!.entities.each('service', (s) => names.push(s.name!));
    expect(names).toEqual(['a', 'b']);
  });

  it('reads subfolders too, in decK\'s walking order (a split state: services/, consumers/)', () => {
    mkdirSync(join(dir, 'state', 'services'), { recursive: true });
    mkdirSync(join(dir, 'state', 'consumers', 'empty'), { recursive: true });
    writeFileSync(join(dir, 'state', 'main.yaml'), '_format_version: "3.0"\n');
    writeFileSync(join(dir, 'state', 'services', 'orders.yaml'), 'services: [{name: orders}]\n');
    writeFileSync(join(dir, 'state', 'consumers', 'team.json'), '{"consumers": [{"username": "team"}]}');
    writeFileSync(join(dir, 'state', 'README.md'), 'not read');
    const { config } = loadDeclarative({ paths: ['state'], cwd: dir });
    expect(config!.documents.map((d) => d.file)).toEqual([join('state', 'consumers', 'team.json'), join('state', 'main.yaml'), join('state', 'services', 'orders.yaml')]);
  });

  it('refuses a folder tree without any declarative file, saying subfolders were searched', () => {
    mkdirSync(join(dir, 'bare', 'deeper'), { recursive: true });
    expect(() => loadDeclarative({ paths: ['bare'], cwd: dir })).toThrow(/holds no \.yml, \.yaml or \.json file \(subfolders included\)/);
  });

  it('says whether two places can share one object: only a YAML file with an alias can', () => {
    writeFileSync(join(dir, 'plain.yml'), '_format_version: "3.0"\nplugins: [{name: cors, config: {origins: ["*.example.com"]}}]\n');
    writeFileSync(join(dir, 'aliased.yml'), '_format_version: "3.0"\nx: &c {minute: 5}\nplugins: [{name: rate-limiting, config: *c}]\n');
    const shares = (path: string) => loadDeclarative({ paths: [path], cwd: dir }).config!.entities.sharesValues;
    expect(shares('many')).toBe(false);
    expect(shares('aliased.yml')).toBe(true);
    // A `*` inside a value is no alias.
    expect(shares('plain.yml')).toBe(false);
  });

  it('finds an alias only where a `*` starts a node', () => {
    const aliases = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return loadDeclarative({ paths: [name], cwd: dir }).config!.documents[0].mayHoldAliases;
    };
    const head = '_format_version: "3.0"\n';
    expect(aliases('a1.yml', `${head}x: &p [/a]\nroutes: [{name: r, paths: *p}]\n`)).toBe(true);
    expect(aliases('a2.yml', `${head}x: &p {name: r}\nroutes: [*p]\n`)).toBe(true);
    expect(aliases('a3.yml', `${head}x: &p {name: r}\nroutes:\n- *p\n`)).toBe(true);
    expect(aliases('a4.yml', `${head}x: &p {name: r}\nroutes: [{name: q}, *p]\n`)).toBe(true);
    expect(aliases('a5.yml', `${head}x: &p [/a]\nroutes: [{"name": r, "paths":*p}]\n`)).toBe(true);
    expect(aliases('n1.yml', `${head}routes: [{name: r, paths: [/api/*], hosts: ["*.example.com"]}]\n`)).toBe(false);
    expect(aliases('n2.json', '{"_format_version": "3.0", "x": "*", "routes": [{"name": "r", "hosts": ["*.example.com"]}]}')).toBe(false);
  });

  it('makes a missing --declarative file an input error', () => {
    expect(() => loadDeclarative({ paths: ['nope.yml'], cwd: dir })).toThrow(InputError);
  });

  it('resolves declarative_config against the kong.conf folder', () => {
    const { config } = loadDeclarative({ kongConf: confNaming('kong.yml') });
    expect(config!.from).toBe('kong.conf');
    expect(config!.documents[0].flavor).toBe('kong');
    expect(config!.documents[0].formatVersion?.value).toBe('1.1');
  });

  it('explains an absent production path instead of failing', () => {
    const result = loadDeclarative({ kongConf: confNaming('/etc/kong/kong.yml') });
    expect(result.config).toBeUndefined();
    expect(result.missingReason).toMatch(/declarative_config \(.*kong\.conf:3:1\) names \/etc\/kong\/kong\.yml, absent/);
  });

  it('does not take declarative_config for the entities of a node with a database', () => {
    // kong/init.lua@3.4.2 (init) parses declarative_config only when database = off.
    writeFileSync(join(dir, 'kong.yml'), '_format_version: "1.1"\nservices: []\n');
    writeFileSync(join(dir, 'pg.conf'), 'database = postgres\ndeclarative_config = kong.yml\n');
    const result = loadDeclarative({ kongConf: loadKongConf(join(dir, 'pg.conf'), {}) });
    expect(result.config).toBeUndefined();
    expect(result.missingReason).toMatch(/^database = postgres \(.*pg\.conf:1:1\): Kong reads declarative_config only on DB-less nodes/);
  });

  // kong_defaults.lua: database = postgres; kong/init.lua loads declarative_config only when it is off.
  it('reads declarative_config with no database set as any declarative file, not as one Kong loads', () => {
    writeFileSync(join(dir, 'kong.yml'), '_format_version: "1.1"\nservices: []\n');
    writeFileSync(join(dir, 'unset.conf'), 'declarative_config = kong.yml\n');
    const result = loadDeclarative({ kongConf: loadKongConf(join(dir, 'unset.conf'), {}) });
    expect(result.config!.documents[0]).toMatchObject({ loadedByKong: false, kongMigratesOnLoad: false });
    expect(result.notLoaded).toMatch(/^not loaded by Kong: no database is set, so Kong runs with its default, postgres/);
    // database = off: the file Kong loads, upgraded as it loads it.
    const off = loadDeclarative({ kongConf: confNaming('kong.yml') });
    expect(off.config!.documents[0]).toMatchObject({ loadedByKong: true, kongMigratesOnLoad: true });
    expect(off.notLoaded).toBeUndefined();
  });

  it('sends a data plane without declarative_config to the control plane for its entities', () => {
    writeFileSync(join(dir, 'dp.conf'), 'role = data_plane\ndatabase = off\ncluster_control_plane = cp:8005\n');
    const result = loadDeclarative({ kongConf: loadKongConf(join(dir, 'dp.conf'), {}) });
    expect(result.missingReason).toMatch(/^role = data_plane: its entities come from the control plane/);
    writeFileSync(join(dir, 'traditional.conf'), 'database = off\n');
    expect(loadDeclarative({ kongConf: loadKongConf(join(dir, 'traditional.conf'), {}) }).missingReason).toMatch(/^no declarative file given/);
  });

  it('lists a Lua declarative file as unreadable rather than parsing it', () => {
    writeFileSync(join(dir, 'kong.lua'), 'return {}');
    const { config } = loadDeclarative({ paths: ['kong.lua'], cwd: dir });
    expect(config!.unreadable).toEqual([expect.objectContaining({ reason: 'lua-format' })]);
  });
});

describe('declarative loader: anchors, merge keys, CRLF, BOM', () => {
  it('locates values reached through a merge key and an alias', () => {
    const text = [
      '_format_version: "3.0"',
      'x-defaults: &defaults',
      '  retries: 3',
      '  protocol: https',
      'services:',
      '- <<: *defaults',
      '  name: a',
      '  host: a.internal',
      '- name: b',
      '  host: b.internal',
      '  retries: 7',
      '',
    ].join('\n');
    const document = readDeclarativeText('kong.yml', text);
    const [a, b] = new DeclarativeEntitySource([document]).list('service');
    expect(a.fields).toMatchObject({ name: 'a', retries: 3, protocol: 'https' });
    expect(a.at(['protocol'])).toMatchObject({ line: 4, column: 13 });
    expect(a.at(['host'])).toMatchObject({ line: 8, column: 9 });
    expect(b.at(['retries'])).toMatchObject({ line: 11, column: 12 });
  });

  it('reads scalars as Kong does: a date stays text, merge keys still apply', () => {
    const text = ['_format_version: "3.0"', 'base: &base', '  retries: 3', 'services:', '- <<: *base', '  name: a', '  tags: [2024-01-31, 1.5, true, null]', ''].join('\n');
    const [service] = new DeclarativeEntitySource([readDeclarativeText('kong.yml', text)]).list('service');
    expect(service.fields).toEqual({ retries: 3, name: 'a', tags: ['2024-01-31', 1.5, true, null] });
  });

  it('reads YAML 1.1 words and numbers as Kong\'s lyaml does, and quoted text as text', () => {
    const text = ['services:', '- name: a', '  routes:', '  - name: r', '    strip_path: no', '    preserve_host: On',
      '    https_redirect_status_code: 0426', '    regex_priority: 1_000', '    tags: ["no", \'yes\', yes, 1:30, 0o17]', ''].join('\n');
    const [route] = new DeclarativeEntitySource([readDeclarativeText('kong.yml', text)]).list('route');
    expect(route.fields).toEqual({ name: 'r', strip_path: false, preserve_host: true, https_redirect_status_code: 278, regex_priority: 1000, tags: ['no', 'yes', true, 90, '0o17'] });
    // The layout reader still finds values whose text differs from what they became.
    expect(route.at(['strip_path'])).toMatchObject({ line: 5, column: 17 });
    expect(route.at(['tags', 2])).toMatchObject({ line: 9, column: 25 });
  });

  it('counts lines the same with CRLF and ignores a byte-order mark', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-decl-'));
    writeFileSync(join(dir, 'crlf.yml'), '\ufeff_format_version: "3.0"\r\nroutes:\r\n- name: r\r\n  paths: [/a]\r\n');
    const { config } = loadDeclarative({ paths: ['crlf.yml'], cwd: dir });
    const [route] = (config!.entities as DeclarativeEntitySource).list('route');
    expect(route.at(['paths', 0])).toMatchObject({ line: 4, column: 11 });
  });
});
