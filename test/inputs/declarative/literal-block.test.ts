import { load } from 'js-yaml';
import { fileOffsetOf, literalBlockLayout, type LiteralBlockReading } from '../../../src/inputs/declarative/literal-block';
import { LineIndex } from '../../../src/text/line-index';

/** The layout of `data.kong.yml` in a manifest, with the value js-yaml makes of it. */
function layoutOf(manifest: string): { reading: LiteralBlockReading; value: string; lines: LineIndex } {
  const value = (load(manifest) as { data: Record<string, string> }).data['kong.yml'];
  const lines = new LineIndex(manifest);
  // The value starts after `kong.yml:` and its blanks, as the readers' positions say.
  const key = manifest.indexOf('kong.yml:') + 'kong.yml:'.length;
  const start = key + /^[ \t]*/.exec(manifest.slice(key))![0].length;
  return { reading: literalBlockLayout(lines, start, value), value, lines };
}

/** Where the first `needle` of the value lands in the manifest, as `line:column`. */
function placeOf(manifest: string, needle: string): string {
  const { reading, value, lines } = layoutOf(manifest);
  if (!('layout' in reading)) throw new Error(`not mapped: ${reading.unmappable}`);
  const offset = fileOffsetOf(reading.layout, new LineIndex(value), lines, value.indexOf(needle));
  expect(manifest.slice(offset, offset + needle.length)).toBe(needle);
  const { line, column } = lines.locate(offset);
  return `${line}:${column}`;
}

const HEAD = 'apiVersion: v1\nkind: ConfigMap\ndata:\n';

describe('literal block layout', () => {
  it('maps a plain `|` block: line i of the text is the first content line + i, columns shifted by the indentation', () => {
    const manifest = `${HEAD}  kong.yml: |\n    _format_version: "3.0"\n    services:\n    - name: svc\n      url: http://a\n`;
    expect(layoutOf(manifest).reading).toEqual({ layout: { firstLine: 4, indent: 4 } });
    expect(placeOf(manifest, '_format_version')).toBe('5:5');
    expect(placeOf(manifest, 'url: http://a')).toBe('8:7');
  });

  it('maps `|-` and `|+` the same (chomping changes only the value\'s last line breaks)', () => {
    for (const header of ['|-', '|+', '|  # the Kong config']) {
      const manifest = `${HEAD}  kong.yml: ${header}\n    services:\n    - name: svc\n\n\nother: 1\n`;
      expect(layoutOf(manifest).reading).toEqual({ layout: { firstLine: 4, indent: 4 } });
      expect(placeOf(manifest, 'name: svc')).toBe('6:7');
    }
  });

  it('maps blocks with an indentation indicator, whose text may begin with spaces', () => {
    // `|2` under a key at column 3: the block is indented 4, and its lines keep 2 more spaces.
    const manifest = `${HEAD}  kong.yml: |2\n      services:\n      - name: svc\n`;
    const { reading, value } = layoutOf(manifest);
    expect(value).toBe('  services:\n  - name: svc\n');
    expect(reading).toEqual({ layout: { firstLine: 4, indent: 4 } });
    expect(placeOf(manifest, 'name: svc')).toBe('6:9');
    // The indicator after the chomping one.
    expect(layoutOf(`${HEAD}  kong.yml: |-2\n    services: []\n`).reading).toEqual({ layout: { firstLine: 4, indent: 4 } });
  });

  it('keeps blank lines of the block (empty, or fewer spaces than the indentation) in step', () => {
    const manifest = `${HEAD}  kong.yml: |\n    _format_version: "3.0"\n\n  \n    services:\n    - name: svc\n`;
    expect(layoutOf(manifest).reading).toEqual({ layout: { firstLine: 4, indent: 4 } });
    expect(placeOf(manifest, 'services')).toBe('8:5');
    // A blank line with more spaces than the indentation keeps them in the value, and still maps.
    const wide = `${HEAD}  kong.yml: |\n    a: 1\n        \n    services: []\n`;
    expect(placeOf(wide, 'services')).toBe('7:5');
  });

  it('maps a CRLF manifest: the value has LF line breaks, the columns are the same', () => {
    const manifest = `${HEAD}  kong.yml: |\n    _format_version: "3.0"\n\n    services:\n    - name: svc\n`.replace(/\n/g, '\r\n');
    const { reading, value } = layoutOf(manifest);
    expect(value).not.toContain('\r');
    expect(reading).toEqual({ layout: { firstLine: 4, indent: 4 } });
    expect(placeOf(manifest, 'name: svc')).toBe('8:7');
  });

  it('maps JSON text held in a literal block', () => {
    const manifest = `${HEAD}  kong.yml: |\n    {\n      "services": [{"name": "svc"}]\n    }\n`;
    expect(placeOf(manifest, '"name"')).toBe('6:21');
  });

  // Found by test/hardening/property-in-place-readers.test.ts: the readers place the value at its
  // anchor or tag, and the block was taken for a plain scalar and left unread.
  it('maps a literal block written after an anchor or a tag', () => {
    for (const header of ['&cfg |', '!!str |-', '&cfg !!str |2', '! |']) {
      const manifest = `${HEAD}  kong.yml: ${header}\n    services:\n    - name: svc\n`;
      expect(layoutOf(manifest).reading).toEqual({ layout: { firstLine: 4, indent: 4 } });
      expect(placeOf(manifest, 'name: svc')).toBe('6:7');
    }
    expect(layoutOf(`${HEAD}  kong.yml: &cfg >\n    services: []\n`).reading).toEqual({ unmappable: expect.stringMatching(/folded/) });
  });

  it('does not map forms whose lines are not the file\'s: folded, quoted, plain', () => {
    const why = (manifest: string) => {
      const { reading } = layoutOf(manifest);
      return 'unmappable' in reading ? reading.unmappable : 'mapped';
    };
    expect(why(`${HEAD}  kong.yml: >\n    services:\n    - name: svc\n`)).toMatch(/folded/);
    expect(why(`${HEAD}  kong.yml: "services:\\n- name: svc\\n"\n`)).toMatch(/quoted/);
    expect(why(`${HEAD}  kong.yml: 'services: []'\n`)).toMatch(/quoted/);
    expect(why(`${HEAD}  kong.yml: services\n    none\n`)).toMatch(/plain/);
    // A block whose value does not match its lines (here: a value that is not this block's) is not mapped.
    const lines = new LineIndex(`${HEAD}  kong.yml: |\n    services: []\n`);
    expect(literalBlockLayout(lines, lines.text.indexOf('|'), 'routes: []\n')).toEqual({ unmappable: expect.stringMatching(/do not match/) });
  });
});
