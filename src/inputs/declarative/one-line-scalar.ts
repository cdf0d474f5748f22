// Where each character of a quoted string written on one line of a file sits in that file. A
// ConfigMap may hold its kong.yml as one quoted line: `kong.yml: '{"_format_version":"3.0",...}'`
// in YAML, or `"kong.yml": "_format_version: \"3.0\"\nservices: ..."` in a JSON manifest (what
// `kubectl get configmap -o json` prints). The whole value then sits on the line of its opening
// quote, and the escapes (`''` in single quotes; `\"`, `\n`, `\u00e9`... in double quotes) only
// shift columns: decoding the written text again gives, for every character of the value, the
// offset of what wrote it, so findings inside it get the manifest's exact line and column.
//
// Escapes are those of a YAML double-quoted scalar (YAML 1.2.2 spec, section 5.7 "Escaped
// Characters"), which hold JSON's (RFC 8259 section 7) as a subset; a single-quoted YAML scalar
// escapes only its quote, doubled (section 7.3.2). The decoding is checked against the value the
// parser made: a text it does not give back exactly is left unmapped rather than placed wrongly.

/** The file offset of each character of the value, and one more: that of the closing quote. */
export interface OneLineScalarLayout {
  readonly offsets: readonly number[];
}

export type OneLineScalarReading = { layout: OneLineScalarLayout } | { unmappable: string };

/** The characters a one-character escape of a double-quoted scalar stands for. */
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
/** Hex digits after `\x`, `\u` and `\U`. */
const HEX_ESCAPES: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/**
 * The layout of the quoted string that starts at `valueOffset` of `text` (its opening quote),
 * checked against `value`, the string the parser made of it. Undefined when the value is not a
 * quoted string closed on its own line (a literal block, a folded or multi-line string): other
 * readings decide those.
 */
export function oneLineScalarLayout(text: string, valueOffset: number, value: string): OneLineScalarReading | undefined {
  // An anchor or a tag before the string (`kong.yml: !!str '...'`) is where the readers put the value.
  const properties = /^(?:[&!][^ \t\r\n]*[ \t]+)+/.exec(text.slice(valueOffset, valueOffset + 200));
  if (properties) valueOffset += properties[0].length;
  const quote = text[valueOffset];
  if (quote !== "'" && quote !== '"') return undefined;
  const offsets: number[] = [];
  let decoded = '';
  const put = (chars: string, at: number) => {
    decoded += chars;
    for (let k = 0; k < chars.length; k++) offsets.push(at);
  };
  let i = valueOffset + 1;
  for (;;) {
    if (i >= text.length || text[i] === '\n' || text[i] === '\r') return undefined;
    const ch = text[i];
    if (quote === "'" && ch === "'") {
      if (text[i + 1] !== "'") break;
      put("'", i);
      i += 2;
    } else if (quote === '"' && ch === '"') {
      break;
    } else if (quote === '"' && ch === '\\') {
      const kind = text[i + 1];
      const digits = HEX_ESCAPES[kind];
      if (digits !== undefined) {
        const hex = text.slice(i + 2, i + 2 + digits);
        if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== digits) return { unmappable: 'its escapes were not understood' };
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) return { unmappable: 'its escapes were not understood' };
        // `\u` is one UTF-16 unit (JSON writes a pair for characters past U+FFFF); `\U` and `\x` a code point.
        put(kind === 'u' ? String.fromCharCode(code) : String.fromCodePoint(code), i);
        i += 2 + digits;
      } else if (kind !== undefined && SIMPLE_ESCAPES[kind] !== undefined) {
        put(SIMPLE_ESCAPES[kind], i);
        i += 2;
      } else {
        // A backslash ending the line continues the string on the next: not one line.
        return undefined;
      }
    } else {
      put(ch, i);
      i++;
    }
  }
  if (decoded !== value) return { unmappable: 'its text does not match the file\'s' };
  offsets.push(i);
  return { layout: { offsets } };
}

/** The file offset of `innerOffset` of the value; past its end, the closing quote's. */
export function oneLineFileOffset(layout: OneLineScalarLayout, innerOffset: number): number {
  return layout.offsets[Math.max(0, Math.min(innerOffset, layout.offsets.length - 1))];
}
