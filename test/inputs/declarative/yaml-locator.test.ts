// The layout reader (yaml-locator.ts) against the parser's own positions (js-yaml's listener):
// for every value of real fixtures and of documents written by two YAML emitters in many
// styles, both must name the same place, or the layout reader must decline (and the caller then
// asks the parser). Declining is allowed only for layouts the reader says it does not know.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { load, dump } from 'js-yaml';
import { stringify } from 'yaml';
import { YamlLayoutLocator } from '../../../src/inputs/declarative/yaml-locator';
import { parserPositions, readYaml } from '../../../src/inputs/declarative/yaml-reader';
import { offsetAt } from '../../../src/inputs/declarative/positions';
import { valueStart } from '../../../src/inputs/declarative/document';
import { LineIndex } from '../../../src/text/line-index';

type Path = (string | number)[];

/** Every path of a value, plus a missing key and a missing index under each collection. */
function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) {
    value.forEach((item, i) => pathsOf(item, [...prefix, i], out));
    out.push([...prefix, value.length]);
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const key of Object.keys(value)) pathsOf((value as Record<string, unknown>)[key], [...prefix, key], out);
    out.push([...prefix, 'no_such_field']);
  }
  return out;
}

function valueAtPath(value: unknown, path: Path): unknown {
  let node = value;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

interface Comparison {
  compared: number;
  declined: number;
  mismatches: string[];
}

/**
 * `keepIndexAbove` 0 makes the locator index and keep every collection it reads, as it does for
 * large ones; the default reads small collections again at each lookup. Both must agree with the parser.
 */
function compare(text: string, keepIndexAbove?: number): Comparison {
  // Read as the product reads it (Kong's scalars: a key written `no` is the key `false`), so the
  // value and the parser's positions agree on the keys.
  const value = readYaml(text, 'compare.yml').value;
  const reference = parserPositions(text);
  const lines = new LineIndex(text);
  const locator = new YamlLayoutLocator(text, lines, keepIndexAbove);
  const result: Comparison = { compared: 0, declined: 0, mismatches: [] };
  const where = (offset: number) => {
    const { line, column } = lines.locate(valueStart(text, offset, 'yaml'));
    return `${line}:${column}`;
  };
  for (const path of pathsOf(value)) {
    const found = locator.offsetAt(value, path);
    if (found === undefined) {
      result.declined++;
      continue;
    }
    result.compared++;
    // A value written as nothing (`key:` alone) has no text: the layout reader names the key's
    // own indicator, where the parser's offset runs on to whatever the next line holds.
    const indicator = text[found];
    if ((indicator === ':' || indicator === '-') && valueAtPath(value, path) === null) continue;
    const expected = where(offsetAt(reference, path));
    const actual = where(found);
    if (expected !== actual) result.mismatches.push(`${JSON.stringify(path)}: parser ${expected}, layout ${actual}`);
  }
  return result;
}

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yamlFiles(full, out);
    else if (/\.ya?ml$/.test(name)) out.push(full);
  }
  return out;
}

describe('YAML positions from the layout: shrunk counterexamples', () => {
  // A quote inside a plain scalar of a flow collection (`{it's: 0}`) was taken for the start of
  // a quoted scalar, and the next item was placed at the wrong offset.
  it('reads an apostrophe inside a plain flow scalar as a character', () => {
    expect(compare("a: [{it's: 0}, [{it's: false}, '', false], '']\n").mismatches).toEqual([]);
  });
  // A mapping used as a key (`{toString: 1}: true`) was turned into text by calling its own
  // toString, which threw a TypeError (property-inputs, seed 670905123); js-yaml names it `[object Object]`.
  it('names a mapping used as a key as js-yaml does, without calling it', () => {
    for (const text of ['services:\n  - name: a\n    {toString: 1}: true\n    [{toString: 1}, 2]: x\n', '{toString: 1}: true\n']) {
      const read = readYaml(text, 'k.yml');
      expect(Object.keys(parserPositions(text) as object)).toEqual(expect.arrayContaining(text.startsWith('services') ? ['services'] : ['[object Object]']));
      expect(JSON.stringify(read.value)).toContain('[object Object]');
    }
  });
  // Kong's YAML 1.1 scalars make the key written `no` the key `false`: positions follow that key.
  it('follows keys that Kong reads as booleans', () => {
    const text = 'name:\n  - a:\n      no: false\n';
    expect(compare(text).mismatches).toEqual([]);
    expect(readYaml(text, 'k.yml').value).toEqual({ name: [{ a: { false: false } }] });
  });
});

describe('YAML positions from the layout', () => {
  const fixtures = yamlFiles(join(__dirname, '../../../fixtures')).filter((file) => {
    try {
      const value = load(readFileSync(file, 'utf8'));
      return value !== null && typeof value === 'object';
    } catch {
      return false; // malformed on purpose
    }
  });

  it('has YAML fixtures to compare', () => {
    expect(fixtures.length).toBeGreaterThan(10);
  });

  it.each(fixtures.map((file) => [file.slice(file.indexOf('fixtures'))]))('names the parser’s place for every value of %s', (file) => {
    const text = readFileSync(join(__dirname, '../../..', file), 'utf8');
    const result = compare(text);
    expect(result.mismatches).toEqual([]);
    expect(result.compared).toBeGreaterThan(0);
    const indexed = compare(text, 0);
    expect(indexed.mismatches).toEqual([]);
    expect(indexed.compared).toBe(result.compared);
  });

  it('locates every value of typical decK and kong.yml layouts without the parser', () => {
    const text = [
      '# exported by deck',
      '_format_version: "3.0"',
      '_info:',
      '  select_tags: [team-a, "team b"]',
      'services:',
      '- name: orders',
      '  url: http://orders:8080',
      '  tags: [a, b]',
      '  routes:',
      '  - name: orders-api',
      '    paths:',
      '    - /orders/\\d+',
      '    - "/v2/orders"',
      '    methods: [GET, POST]',
      '    plugins:',
      '    - name: rate-limiting',
      '      config: {minute: 5, policy: local}',
      '',
      '      # a comment between fields',
      '    strip_path: false',
      '  plugins:',
      '    - name: cors',
      '      config:',
      '        origins:',
      "          - 'https://a.example'",
      'consumers:',
      '  - username: alice',
      '    keyauth_credentials:',
      '      - key: secret',
      'certificates:',
      '- cert: |',
      '    -----BEGIN CERTIFICATE-----',
      '    name: not a key',
      '    -----END CERTIFICATE-----',
      '  key: >-',
      '    folded',
      '  snis:',
      '  - name: a.example',
      '"quoted key": 1',
      "'single ''quoted''': 2",
      'empty:',
      'last: [ ]',
      '',
    ].join('\n');
    const result = compare(text);
    expect(result).toEqual({ compared: expect.any(Number), declined: 0, mismatches: [] });
    expect(result.compared).toBeGreaterThan(40);
    // `empty:` is named at its own line, not at the next key's.
    const value = load(text);
    const at = new YamlLayoutLocator(text, new LineIndex(text)).offsetAt(value, ['empty']) as number;
    expect(new LineIndex(text).locate(at).line).toBe(text.split('\n').indexOf('empty:') + 1);
  });

  it('declines aliases and merge keys, and the reader then uses the parser’s positions', () => {
    const text = ['base: &base', '  retries: 3', 'services:', '- <<: *base', '  name: a', '- *base', ''].join('\n');
    const value = load(text);
    const locator = new YamlLayoutLocator(text, new LineIndex(text));
    expect(locator.offsetAt(value, ['services', 0, 'retries'])).toBeUndefined();
    expect(locator.offsetAt(value, ['services', 1, 'retries'])).toBeUndefined();
    expect(locator.offsetAt(value, ['base', 'retries'])).toBe(text.indexOf('3'));

    const parsed = readYaml(text, 'aliases.yml') as ReturnType<typeof readYaml> & { usedParserPositions: boolean };
    expect(parsed.usedParserPositions).toBe(false);
    // The merged key points into the anchored mapping, as the parser reports it.
    expect(valueStart(text, parsed.offsetAt(['services', 0, 'retries']), 'yaml')).toBe(text.indexOf('3'));
    expect(parsed.usedParserPositions).toBe(true);
  });

  it('declines tabs used where indentation is read', () => {
    const text = 'services:\n-\tname: a\n \tport: 1\n';
    let value: unknown;
    try {
      value = load(text);
    } catch {
      return; // the parser refuses it too: nothing to locate
    }
    const locator = new YamlLayoutLocator(text, new LineIndex(text));
    const found = locator.offsetAt(value, ['services', 0, 'name']);
    if (found !== undefined) expect(found).toBe(offsetAt(parserPositions(text), ['services', 0, 'name']));
  });

  it('agrees with the parser on documents written by two emitters in many styles', () => {
    const key = fc.oneof(
      fc.constantFrom('name', 'paths', 'config', 'routes', 'a b', 'x:y', 'http://h', '#hash', 'é', '1', 'true', 'null', "it's", 'say "hi"', '-dash', '? q', '&anchor', 'trailing '),
      fc.stringMatching(/^[a-z_]{1,8}$/),
    );
    const scalar = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('', ' ', 'a: b', '- x', '# not a comment', 'line\nbreak', 'multi\nline\ntext\n', '[x]', '{y}', 'yes', '~', '0x1F', '1e3', "'", '"', '\\d+', 'ü', '*star', '&amp'),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
      list: fc.array(tie('node'), { maxLength: 4 }),
      map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
    })).map;
    const style = fc.record({
      emitter: fc.constantFrom('js-yaml', 'yaml'),
      indent: fc.constantFrom(2, 4),
      flowLevel: fc.constantFrom(-1, 1, 2, 3),
      noArrayIndent: fc.boolean(),
      forceQuotes: fc.boolean(),
      quotingType: fc.constantFrom("'", '"') as fc.Arbitrary<"'" | '"'>,
      comments: fc.boolean(),
      keepIndexAbove: fc.constantFrom(0, 1, undefined),
    });
    const totals = { compared: 0, declined: 0 };
    fc.assert(
      fc.property(tree, style, (value, s) => {
        let text =
          s.emitter === 'js-yaml'
            ? dump(value, { indent: s.indent, flowLevel: s.flowLevel, noArrayIndent: s.noArrayIndent, forceQuotes: s.forceQuotes, quotingType: s.quotingType, lineWidth: -1 })
            : stringify(value, { indent: s.indent, indentSeq: !s.noArrayIndent, defaultStringType: s.forceQuotes ? 'QUOTE_DOUBLE' : 'PLAIN', lineWidth: 0 });
        // Comments and blank lines between block lines (never inside block scalars or flow).
        if (s.comments) text = text.replace(/\n(?=( *)[A-Za-z_-][^\n]*:( |\n))/g, (m, indent: string) => `\n\n${indent}# note\n`);
        let reparsed: unknown;
        try {
          reparsed = readYaml(text, 'property.yml').value;
        } catch {
          return; // an emitter wrote something js-yaml reads differently: not this reader's concern
        }
        if (reparsed === null || typeof reparsed !== 'object') return;
        const result = compare(text, s.keepIndexAbove);
        if (result.mismatches.length > 0) throw new Error(`${result.mismatches[0]}\n--- text ---\n${text}`);
        totals.compared += result.compared;
        totals.declined += result.declined;
      }),
      { numRuns: 400 },
    );
    // The comparison must have happened, mostly without the parser's help (the odd keys above
    // are there to make it decline sometimes).
    expect(totals.compared).toBeGreaterThan(1000);
    expect(totals.declined).toBeLessThan(totals.compared);
  });
});
