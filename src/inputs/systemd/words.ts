// Splits a unit file value into words as systemd does for `Environment=` and the `Exec*=` command
// lines: `extract_first_word` with EXTRACT_UNQUOTE and EXTRACT_CUNESCAPE
// (systemd/systemd@539bcc83:src/basic/extract-word.c `extract_first_word`), with C escapes
// decoded by `cunescape_one` (src/basic/escape.c, the same table in every release: \a \b \f \n \r
// \t \v \\ \" \' \s, \xHH, \uHHHH, \UHHHHHHHH, three octal digits; NUL never allowed).
//
// Words are separated by runs of blanks; a `'` or `"` anywhere in a word opens a quoted part that
// the matching quote closes, and the quotes themselves are dropped (`KONG_X="4 64k"` is one word,
// `KONG_X=4 64k`). A backslash escapes inside and outside quotes. An unknown escape, a quote left
// open or a backslash at the very end makes systemd refuse the whole value.

const WHITESPACE = ' \t\n\r';

export type WordsResult = { words: string[] } | { invalid: string };

/** The words of `text`, or why systemd refuses it (the setting is then ignored as a whole). */
export function splitWords(text: string): WordsResult {
  const words: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    while (i < n && WHITESPACE.includes(text[i])) i++;
    if (i >= n) return { words };
    let word = '';
    let quote = '';
    while (i < n) {
      const c = text[i];
      if (c === '\\') {
        if (i + 1 >= n) return { invalid: 'it ends with a backslash' };
        const decoded = unescapeOne(text, i + 1);
        if (!decoded) return { invalid: `\\${text[i + 1]} is no escape systemd knows` };
        word += decoded.text;
        i += 1 + decoded.length;
        continue;
      }
      if (quote) {
        if (c === quote) quote = '';
        else word += c;
        i++;
        continue;
      }
      if (c === '"' || c === "'") {
        quote = c;
        i++;
        continue;
      }
      if (WHITESPACE.includes(c)) break;
      word += c;
      i++;
    }
    if (quote) return { invalid: `a ${quote === '"' ? 'double' : 'single'} quote is never closed` };
    words.push(word);
  }
}

const SIMPLE: Readonly<Record<string, string>> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'", s: ' ' };

/** The escape starting at `at` (the character after the backslash): its text and how many characters it spans. */
export function unescapeOne(text: string, at: number): { text: string; length: number } | undefined {
  const c = text[at];
  if (Object.prototype.hasOwnProperty.call(SIMPLE, c)) return { text: SIMPLE[c], length: 1 };
  const hex = (count: number) => {
    const digits = text.slice(at + 1, at + 1 + count);
    return digits.length === count && /^[0-9a-fA-F]+$/.test(digits) ? parseInt(digits, 16) : undefined;
  };
  if (c === 'x') {
    const value = hex(2);
    // A byte: values of 0x80 and above make a byte that is no UTF-8 on its own; read as Latin-1 here.
    return value === undefined || value === 0 ? undefined : { text: String.fromCharCode(value), length: 3 };
  }
  if (c === 'u' || c === 'U') {
    const value = hex(c === 'u' ? 4 : 8);
    if (value === undefined || value === 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return undefined;
    return { text: String.fromCodePoint(value), length: c === 'u' ? 5 : 9 };
  }
  if (c !== undefined && c >= '0' && c <= '7') {
    const digits = text.slice(at, at + 3);
    if (!/^[0-7]{3}$/.test(digits)) return undefined;
    const value = parseInt(digits, 8);
    return value === 0 || value > 255 ? undefined : { text: String.fromCharCode(value), length: 3 };
  }
  return undefined;
}
