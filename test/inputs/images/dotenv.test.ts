// The .env / env_file format as compose-go dotenv/parser.go@e70e961 reads it: `${NAME}` in a value
// takes the lookup (the shell) first, then earlier entries; single quotes and `$$` keep a literal;
// a variable nobody sets stays unknown rather than empty.

import { InputError } from '../../../src/errors';
import { parseDotEnv } from '../../../src/inputs/images/dotenv';

const values = (text: string, lookup: Record<string, string> = {}) =>
  Object.fromEntries(parseDotEnv(text, { lookup: new Map(Object.entries(lookup)) }).map((entry) => [entry.name, entry.value]));

describe('parseDotEnv', () => {
  it('substitutes earlier entries, with the lookup over them', () => {
    const text = 'KONG_VERSION=3.4.3.5\nKONG_IMAGE=kong/kong-gateway:${KONG_VERSION}\n';
    expect(values(text).KONG_IMAGE).toBe('kong/kong-gateway:3.4.3.5');
    expect(values(text, { KONG_VERSION: '3.6.1.0' }).KONG_IMAGE).toBe('kong/kong-gateway:3.6.1.0');
  });

  it('reads defaults, $NAME and double-quoted values; an entry later in the file is not yet known', () => {
    const parsed = values('A=${UNSET:-3.4}\nB="v$A"\nC=${D:-none}\nD=late\n');
    expect(parsed).toEqual({ A: '3.4', B: 'v3.4', C: 'none', D: 'late' });
  });

  it('keeps single-quoted values, $$ and \\$ as written', () => {
    const parsed = values("V=1\nA='${V}'\nB=$${V}\nC=\"\\${V}\"\nD=\"a\\tb\\n\"\n");
    expect(parsed).toEqual({ V: '1', A: '${V}', B: '${V}', C: '${V}', D: 'a\tb\n' });
  });

  it('leaves a variable nobody sets unknown, and a value copying it unknown too', () => {
    const entries = parseDotEnv('IMAGE=kong:${TAG}\nCOPY=${IMAGE}\nFINE=${TAG:-3.4}\n');
    expect(entries.map((entry) => [entry.name, entry.value, entry.unresolved])).toEqual([
      ['IMAGE', 'kong:${TAG}', ['TAG']],
      ['COPY', 'kong:${TAG}', ['TAG']],
      ['FINE', '3.4', undefined],
    ]);
  });

  it('reads comments, export, `NAME: value`, quotes over lines, and a name alone from the lookup', () => {
    const text = '# c\nexport A=1 # note\nB: two\nC="x\ny" # after\nSHELL_ONLY\nNOT_SET\nE=a#b\n';
    const entries = parseDotEnv(text, { lookup: new Map([['SHELL_ONLY', 's']]) });
    expect(entries.map((entry) => [entry.name, entry.value, entry.line])).toEqual([
      ['A', '1', 2], ['B', 'two', 3], ['C', 'x\ny', 4], ['SHELL_ONLY', 's', 6], ['NOT_SET', '${NOT_SET}', 7], ['E', 'a#b', 8],
    ]);
    expect(entries.find((entry) => entry.name === 'NOT_SET')?.unresolved).toEqual(['NOT_SET']);
  });

  it('skips a malformed line and reads on', () => {
    expect(values('BAD NAME=1\nA B=2\nOK=3\nQ="never closed\n')).toEqual({ OK: '3' });
  });

  it('values built from copies of earlier ones are refused at the line that overflows (once a RangeError: Invalid string length)', () => {
    // Each line copies the one before ten times: line 12 would hold 10^12 characters.
    const lines = ['V0=xxxxxxxxxx', ...Array.from({ length: 11 }, (_, i) => `V${i + 1}=${`\${V${i}}`.repeat(10)}`)];
    let error: unknown;
    try {
      parseDotEnv(lines.join('\n'), { file: 'bomb.env' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).oneLine()).toBe('bomb.env:8: variables expand to more than 67108864 characters (values built from copies of earlier values?): not read, as the tools would run out of memory');
    // A few copies (the common use) still read.
    expect(values('A=abc\nB=${A}${A}\nC=$B-$B\n').C).toBe('abcabc-abcabc');
  });
});
