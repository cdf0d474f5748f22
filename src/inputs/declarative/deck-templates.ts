// decK renders a state file as a Go template before it reads the YAML or JSON: `${{ env
// "DECK_API_KEY" }}` becomes the variable's value (go-database-reconciler pkg/file/readfile.go
// and template.go, delimiters `${{` and `}}`). Written inside a double-quoted value, the
// expression's own quotes end that value early, so the raw file is not valid YAML or JSON, yet
// decK syncs it. We cannot render it (the values are the operator's secrets, and a check must not
// depend on them), so such a file is read with those inner quotes turned into single quotes: the
// same length, so every offset, line and column still points into the file as written.

/** Where a decK template expression may start. */
const OPEN = '${{';
const CLOSE = '}}';

/**
 * The text with the double quotes of each template expression that sits inside a double-quoted
 * value replaced by single quotes; the text itself when nothing needed it.
 */
export function maskDeckTemplates(text: string): string {
  if (!text.includes(OPEN)) return text;
  let out = '';
  let copiedUpTo = 0;
  for (let lineStart = 0; lineStart < text.length; ) {
    const next = text.indexOf('\n', lineStart);
    const lineEnd = next === -1 ? text.length : next;
    const open = text.indexOf(OPEN, lineStart);
    if (open !== -1 && open < lineEnd) {
      for (const [from, to] of quotedExpressions(text, lineStart, lineEnd)) {
        out += text.slice(copiedUpTo, from) + text.slice(from, to).replace(/"/g, "'");
        copiedUpTo = to;
      }
    }
    lineStart = lineEnd + 1;
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}

/**
 * The template expressions of one line that open inside a double-quoted value, as [start, end)
 * offsets. Quote state is followed from the line's start: double quotes with backslash escapes,
 * single quotes with `''`, and a `#` after a blank outside quotes ends the line (a YAML comment).
 */
function quotedExpressions(text: string, lineStart: number, lineEnd: number): [number, number][] {
  const found: [number, number][] = [];
  let quote: '"' | "'" | undefined;
  for (let i = lineStart; i < lineEnd; i++) {
    const c = text[i];
    if (quote === undefined) {
      if (c === '"' || c === "'") quote = c;
      else if (c === '#' && (i === lineStart || text[i - 1] === ' ' || text[i - 1] === '\t')) break;
    } else if (quote === '"') {
      if (c === '\\') i++;
      else if (text.startsWith(OPEN, i)) {
        const close = text.indexOf(CLOSE, i + OPEN.length);
        if (close === -1 || close >= lineEnd) break;
        found.push([i, close + CLOSE.length]);
        i = close + CLOSE.length - 1;
      } else if (c === '"') quote = undefined;
    } else if (c === "'") {
      if (text[i + 1] === "'") i++;
      else quote = undefined;
    }
  }
  return found;
}

/**
 * Puts the template expressions masked in `masked` back as `original` wrote them, in a text made
 * from the masked one (a converted copy): each masked expression becomes its original again.
 */
export function restoreDeckTemplates(output: string, original: string, masked: string): string {
  if (original === masked) return output;
  const pairs = new Map<string, string>();
  for (const [at, end] of expressionSpans(masked)) {
    const before = original.slice(at, end);
    if (before !== masked.slice(at, end)) pairs.set(masked.slice(at, end), before);
  }
  let restored = output;
  for (const [maskedExpression, originalExpression] of pairs) restored = restored.split(maskedExpression).join(originalExpression);
  return restored;
}

/**
 * The text with every template expression replaced by a plain letter: what decK sends Kong is the
 * rendered value, which we do not know, so checks of a value's characters (is this path a 2.x
 * regex?) look only at the text around the expressions.
 */
export function withoutDeckTemplates(text: string): string {
  if (!text.includes(OPEN)) return text;
  let out = '';
  let from = 0;
  for (const [at, end] of expressionSpans(text)) {
    out += `${text.slice(from, at)}x`;
    from = end;
  }
  return out + text.slice(from);
}

/** Each `${{ ... }}` of a text as [start, end) offsets, left to right; an unclosed one ends the list. */
function* expressionSpans(text: string): Generator<[number, number]> {
  for (let at = text.indexOf(OPEN); at !== -1; ) {
    const close = text.indexOf(CLOSE, at + OPEN.length);
    if (close === -1) return;
    const end = close + CLOSE.length;
    yield [at, end];
    at = text.indexOf(OPEN, end);
  }
}
