// A text nested hundreds of levels deep (`[[[[...`, `- - - - ...`, one long line of either) runs
// the yaml package's recursive parser, or a walk over the tree it builds, out of stack before
// anything else is found wrong with it. Where that happens depends on the stack the reader is
// called with, so it is caught and told as what it is: no real file nests so deep.

import { InputError, type ErrorPlace } from '../errors';

const NESTED_TOO_DEEPLY = 'nested too deeply to read (hundreds of levels: no real file nests so deep)';

/** Whether an error is the JavaScript engine running out of stack. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/** Runs a reading step; a stack overflow in it becomes an InputError about `place`. */
export function refusingDeepNesting<T>(place: ErrorPlace, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (isStackOverflow(error)) throw new InputError(NESTED_TOO_DEEPLY, place);
    throw error;
  }
}

/**
 * A YAML parse error's first line for a message: the yaml package records a stack overflow it
 * caught while building the tree as a parse error, which says nothing useful about the file.
 */
export function yamlErrorLine(message: string): string {
  return /Maximum call stack size exceeded/.test(message) ? NESTED_TOO_DEEPLY : message.split('\n')[0];
}

/**
 * Nesting past this many levels is refused before the yaml package parses the text. Real files
 * nest a few dozen levels at most; the package's recursive parser overflows near 800, and V8 may
 * then abort the whole process while compiling a regular expression, an error nothing can catch.
 */
export const MAX_YAML_NESTING = 256;

/**
 * Where a YAML text first nests deeper than `limit`, or undefined. An upper bound read line by
 * line, without parsing: the indentation levels still open, the `- `, `? ` and `: ` indicators
 * that start the line, and the `[`/`{` still open (outside quotes and comments). Linear in the text.
 */
export function yamlNestingBeyond(text: string, limit = MAX_YAML_NESTING): { line: number; column: number } | undefined {
  const indents: number[] = [];
  let flow = 0;
  let line = 1;
  for (let start = 0; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let at = start;
    while (at < end && text[at] === ' ') at++;
    const blank = at === end || text[at] === '#' || text[at] === '\r';
    if (!blank && flow === 0) {
      const indent = at - start;
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      if (indents.length + flow > limit) return { line, column: indent + 1 };
    }
    let compact = 0;
    while (at < end && (text[at] === '-' || text[at] === '?' || text[at] === ':') && (at + 1 === end || text[at + 1] === ' ' || text[at + 1] === '\t')) {
      compact++;
      if (indents.length + compact + flow > limit) return { line, column: at - start + 1 };
      at += 1;
      while (at < end && (text[at] === ' ' || text[at] === '\t')) at++;
    }
    let quote = '';
    for (let c = at; c < end; c++) {
      const char = text[c];
      if (quote) {
        if (quote === '"' && char === '\\') c++;
        else if (char === quote) quote = '';
        continue;
      }
      const tokenStart = c === at || ' \t[{,:'.includes(text[c - 1]);
      if ((char === '"' || char === "'") && tokenStart) quote = char;
      else if (char === '#' && (c === at || text[c - 1] === ' ' || text[c - 1] === '\t')) break;
      else if (char === '[' || char === '{') {
        flow++;
        if (indents.length + compact + flow > limit) return { line, column: c - start + 1 };
      } else if ((char === ']' || char === '}') && flow > 0) flow--;
    }
    start = end + 1;
  }
  return undefined;
}

/** Throws the nesting InputError at the place where a YAML text nests too deep to parse safely. */
export function refuseDeepYaml(text: string, file: string): void {
  const place = yamlNestingBeyond(text);
  if (place) throw new InputError(`${NESTED_TOO_DEEPLY.replace('hundreds of levels', `more than ${MAX_YAML_NESTING} levels`)}`, { file, ...place });
}
