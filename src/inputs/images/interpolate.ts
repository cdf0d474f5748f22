// Variable substitution in image references, as Dockerfile `FROM` lines (build arguments) and
// compose files (`image: "${KONG_DOCKER_TAG:-kong:latest}"`, the form of Kong/docker-kong
// compose/docker-compose.yml) spell them: `$NAME`, `${NAME}`, and the shell modifiers
// `${NAME:-default}` / `${NAME-default}` (default when unset, `:` also when empty),
// `${NAME:+alt}` / `${NAME+alt}` and `${NAME:?message}` / `${NAME?message}`.
//
// The values the deploy will pass (`--build-arg`, the shell that runs `docker compose`) are not
// known here, and the environment of the check is not the deploy's: a variable without a known
// value is taken as unset, as the tools do when nobody sets it. A reference that then depends on
// such a variable without a default is unresolved, never guessed.

import { InputError } from '../../errors';

export interface Interpolated {
  /** The text with every variable replaced; one without a value or default is kept as `${NAME}`. */
  text: string;
  /** Variables that had no known value and were taken as unset (their defaults, if any, applied). */
  assumedUnset: string[];
  /** Variables a result depends on that have neither a known value nor a default. */
  unresolved: string[];
}

export interface InterpolateOptions {
  /** Values known for variables (Dockerfile `ARG` defaults, a compose `.env` file). */
  known: VariableLookup;
  /** How a literal `$` is written: `\$` in a Dockerfile, `$$` in a compose file. */
  escape: 'backslash' | 'double-dollar';
  /** What the substitutions may still copy; share one across a file's calls (substitutionBudget). Default: a fresh one per call. */
  budget?: SubstitutionBudget;
}

/**
 * Characters of variable values one file's substitutions may copy in all. Values built from copies
 * of earlier ones (`B=$A$A`, `C=$B$B`, ...) double at each line: 60 lines would need 2^60
 * characters, which docker too runs out of memory on. 64 Mi characters is far above any real
 * file (a Linux process cannot even receive an environment string over 128 KiB, MAX_ARG_STRLEN).
 */
export const MAX_SUBSTITUTED_CHARS = 64 * 1024 * 1024;

export interface SubstitutionBudget {
  left: number;
}

export function substitutionBudget(): SubstitutionBudget {
  return { left: MAX_SUBSTITUTED_CHARS };
}

/**
 * Thrown when the budget runs out; the reader that knows the file and line names them
 * (withSubstitutionPlace). The message never holds a value.
 */
export class SubstitutionTooLarge extends InputError {
  constructor() {
    super(`variables expand to more than ${MAX_SUBSTITUTED_CHARS} characters (values built from copies of earlier values?): not read, as the tools would run out of memory`);
    this.name = 'SubstitutionTooLarge';
  }
}

/** `read()`, with a SubstitutionTooLarge it throws placed at `file` and `line`. */
export function withSubstitutionPlace<T>(file: string | undefined, line: number, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof SubstitutionTooLarge && !error.place.file && file !== undefined) throw new InputError(error.message, { file, line });
    throw error;
  }
}

/** What interpolation asks of the known values: a Map, or a view over several (a Dockerfile stage's ENV over its ARGs). */
export interface VariableLookup {
  get(name: string): string | undefined;
  /**
   * For a name that has a value: the variables without a known value that the value was built
   * from (a compose `.env` entry `PG_PASS=${VAULT_PG_PASS}`). The value is then only a stand-in,
   * and whatever uses it depends on those variables too.
   */
  unknownOf?(name: string): readonly string[] | undefined;
}

/** The variables a known value stands in for (empty when it is a real value or unknown). */
export function unknownBehind(known: VariableLookup, name: string): readonly string[] {
  return known.unknownOf?.(name) ?? [];
}

/**
 * A variable name starting at an index (sticky: no copy of the rest of the text per `$`). A name
 * never runs past the `}` that ends a braced range, so ranges need no bound here.
 */
const NAME_AT = /[A-Za-z_][A-Za-z0-9_]*/y;

function nameAt(text: string, index: number): string | undefined {
  NAME_AT.lastIndex = index;
  return NAME_AT.exec(text)?.[0];
}

export function interpolate(text: string, options: InterpolateOptions): Interpolated {
  const state: State = { assumedUnset: new Set<string>(), unresolved: new Set<string>(), closes: braceTable(text), depth: 0, budget: options.budget ?? substitutionBudget() };
  const out = expand(text, 0, text.length, options, state);
  return {
    text: out,
    assumedUnset: [...state.assumedUnset],
    unresolved: [...state.unresolved],
  };
}

interface State {
  assumedUnset: Set<string>;
  unresolved: Set<string>;
  /** For each `{` of the text, the index of its `}` (-1 when unclosed): found once, so nested defaults stay linear. */
  closes: Int32Array;
  /** How many `${NAME:-...}` words are being expanded inside each other. */
  depth: number;
  budget: SubstitutionBudget;
}

/** A known value copied into the result, charged to the budget. */
function copied(value: string, state: State): string {
  state.budget.left -= value.length;
  if (state.budget.left < 0) throw new SubstitutionTooLarge();
  return value;
}

/**
 * Defaults nested deeper than this are not followed (the reference counts as unresolved): no
 * real file nests a dozen, and following thousands would overflow the stack.
 */
const MAX_NESTING = 64;

/** The text between `from` and `to` with its variables replaced. */
function expand(text: string, from: number, to: number, options: InterpolateOptions, state: State): string {
  let out = '';
  let i = from;
  while (i < to) {
    const ch = text[i];
    if (options.escape === 'backslash' && ch === '\\' && i + 1 < to && text[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (ch !== '$') {
      out += ch;
      i += 1;
      continue;
    }
    if (options.escape === 'double-dollar' && i + 1 < to && text[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (i + 1 < to && text[i + 1] === '{') {
      const close = state.closes[i + 1];
      if (close < 0 || close >= to) {
        out += text.slice(i, to);
        break;
      }
      out += braced(text, i + 2, close, options, state);
      i = close + 1;
      continue;
    }
    const name = nameAt(text, i + 1);
    if (!name) {
      out += ch;
      i += 1;
      continue;
    }
    out += lookup(name, options, state);
    i += 1 + name.length;
  }
  return out;
}

/**
 * The end (exclusive) of the variable reference starting with the `$` at `index` (`$NAME`,
 * `${...}`), or -1 when no variable starts there (a lone `$`, an unclosed brace). `closes` is
 * the text's brace table (braceTable), for callers that ask at many places of one text.
 */
export function variableEnd(text: string, index: number, closes?: Int32Array): number {
  if (text[index + 1] === '{') {
    const close = closes ? closes[index + 1] : matchingBrace(text, index + 1);
    return close < 0 ? -1 : close + 1;
  }
  const name = nameAt(text, index + 1);
  return name ? index + 1 + name.length : -1;
}

/** The index of the `}` closing the `{` at `open`, nested `${...}` included; -1 when absent. */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth += 1;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/**
 * For every `{` of the text, the index of the `}` that closes it (counting nested braces), or -1
 * when the text ends first; other entries are unused. One pass with a stack.
 */
export function braceTable(text: string): Int32Array {
  const closes = new Int32Array(text.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x7b) open.push(i);
    else if (ch === 0x7d && open.length > 0) closes[open.pop()!] = i;
  }
  return closes;
}

/** `NAME`, `NAME:-word`, `NAME-word`, `NAME:+word`, `NAME+word`, `NAME:?msg`, `NAME?msg`. */
function braced(text: string, from: number, to: number, options: InterpolateOptions, state: State): string {
  const name = nameAt(text, from);
  if (!name) return `\${${text.slice(from, to)}}`;
  const restStart = from + name.length;
  const modifier = /^(:?)([-+?])/.exec(text.slice(restStart, Math.min(restStart + 2, to)));
  if (!modifier) return lookup(name, options, state);
  if (state.depth >= MAX_NESTING) {
    state.unresolved.add(name);
    return `\${${name}}`;
  }
  const wordStart = restStart + modifier[0].length;
  const value = options.known.get(name);
  const set = value !== undefined && (modifier[1] === '' || value !== '');
  if (value === undefined) state.assumedUnset.add(name);
  // `${NAME+alt}` asks only whether NAME is set, which a stand-in value answers; every other form
  // uses the value itself or whether it is empty.
  else if (!(modifier[1] === '' && modifier[2] === '+')) for (const unknown of unknownBehind(options.known, name)) state.unresolved.add(unknown);
  switch (modifier[2]) {
    case '-': return set ? copied(value!, state) : nested(text, wordStart, to, options, state);
    case '+': return set ? nested(text, wordStart, to, options, state) : '';
    default:
      // `?`: the tool stops with an error when the variable is unset: no image to read.
      if (set) return copied(value!, state);
      state.unresolved.add(name);
      return `\${${name}}`;
  }
}

function nested(text: string, from: number, to: number, options: InterpolateOptions, state: State): string {
  state.depth += 1;
  try {
    return expand(text, from, to, options, state);
  } finally {
    state.depth -= 1;
  }
}

function lookup(name: string, options: InterpolateOptions, state: State): string {
  const value = options.known.get(name);
  if (value !== undefined) {
    for (const unknown of unknownBehind(options.known, name)) state.unresolved.add(unknown);
    return copied(value, state);
  }
  state.unresolved.add(name);
  return `\${${name}}`;
}
