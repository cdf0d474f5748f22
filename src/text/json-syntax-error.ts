// Where JSON.parse stopped, found without its message. V8 (Node 20 and later) words most syntax
// errors as `Unexpected token 'x', "...text around it..." is not valid JSON`: the quoted window is
// the file's own text, which in a declarative file can be a key-auth key or a password, and the
// message then gives no position either. This scanner runs only after JSON.parse has refused a
// text, so it costs nothing on the files that load.

const OBJECT = 0;
const ARRAY = 1;

/**
 * The offset of the first character that keeps `text` from being JSON, `text.length` when the
 * text ends too early, undefined when the text is valid JSON.
 */
export function jsonSyntaxErrorOffset(text: string): number | undefined {
  const n = text.length;
  // An explicit stack: a file nested ten thousand levels deep must not overflow the call stack.
  const open: number[] = [];
  let i = skipSpace(text, 0);
  let expect: 'value' | 'key' | 'after' = 'value';
  for (;;) {
    if (expect === 'key') {
      if (text[i] !== '"') return i;
      const end = stringEnd(text, i);
      if (end.error !== undefined) return end.error;
      i = skipSpace(text, end.next);
      if (text[i] !== ':') return i;
      i = skipSpace(text, i + 1);
      expect = 'value';
      continue;
    }
    if (expect === 'value') {
      if (i >= n) return n;
      const c = text[i];
      if (c === '{' || c === '[') {
        const close = c === '{' ? '}' : ']';
        i = skipSpace(text, i + 1);
        if (text[i] === close) {
          i = skipSpace(text, i + 1);
          expect = 'after';
        } else {
          open.push(c === '{' ? OBJECT : ARRAY);
          expect = c === '{' ? 'key' : 'value';
        }
        continue;
      }
      const end = c === '"' ? stringEnd(text, i) : c === '-' || isDigit(c) ? numberEnd(text, i) : literalEnd(text, i);
      if (end.error !== undefined) return end.error;
      i = skipSpace(text, end.next);
      expect = 'after';
      continue;
    }
    // After a value: the end of the text, or what its container allows next.
    const container = open[open.length - 1];
    if (container === undefined) return i < n ? i : undefined;
    const c = text[i];
    if (c === ',') {
      i = skipSpace(text, i + 1);
      expect = container === OBJECT ? 'key' : 'value';
    } else if (c === (container === OBJECT ? '}' : ']')) {
      open.pop();
      i = skipSpace(text, i + 1);
    } else {
      return Math.min(i, n);
    }
  }
}

interface End { next: number; error?: number }

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return i;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function stringEnd(text: string, start: number): End {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return { next: i + 1 };
    if (c < 0x20) return { next: i, error: i };
    if (c === 0x5c) {
      const escape = text[i + 1];
      if (escape === 'u') {
        for (let k = i + 2; k < i + 6; k++) if (!/[0-9a-fA-F]/.test(text[k] ?? '')) return { next: k, error: Math.min(k, text.length) };
        i += 5;
      } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) {
        i += 1;
      } else {
        return { next: i + 1, error: Math.min(i + 1, text.length) };
      }
    }
  }
  return { next: text.length, error: text.length };
}

function numberEnd(text: string, start: number): End {
  let i = start;
  if (text[i] === '-') i++;
  if (text[i] === '0') i++;
  else if (isDigit(text[i])) while (isDigit(text[i])) i++;
  else return { next: i, error: i };
  if (text[i] === '.') {
    i++;
    if (!isDigit(text[i])) return { next: i, error: i };
    while (isDigit(text[i])) i++;
  }
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    if (!isDigit(text[i])) return { next: i, error: i };
    while (isDigit(text[i])) i++;
  }
  return { next: i };
}

function literalEnd(text: string, start: number): End {
  for (const word of ['true', 'false', 'null']) {
    if (text[start] !== word[0]) continue;
    for (let k = 1; k < word.length; k++) if (text[start + k] !== word[k]) return { next: start + k, error: start + k };
    return { next: start + word.length };
  }
  return { next: start, error: start };
}
