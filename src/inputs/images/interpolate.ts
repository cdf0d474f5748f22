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
  known: ReadonlyMap<string, string>;
  /** How a literal `$` is written: `\$` in a Dockerfile, `$$` in a compose file. */
  escape: 'backslash' | 'double-dollar';
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function interpolate(text: string, options: InterpolateOptions): Interpolated {
  const state = { assumedUnset: new Set<string>(), unresolved: new Set<string>() };
  const out = expand(text, options, state);
  return {
    text: out,
    assumedUnset: [...state.assumedUnset],
    unresolved: [...state.unresolved],
  };
}

interface State { assumedUnset: Set<string>; unresolved: Set<string> }

function expand(text: string, options: InterpolateOptions, state: State): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (options.escape === 'backslash' && ch === '\\' && text[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (ch !== '$') {
      out += ch;
      i += 1;
      continue;
    }
    if (options.escape === 'double-dollar' && text[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (text[i + 1] === '{') {
      const close = matchingBrace(text, i + 1);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      out += braced(text.slice(i + 2, close), options, state);
      i = close + 1;
      continue;
    }
    const name = NAME.exec(text.slice(i + 1))?.[0];
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
 * `${...}`), or -1 when no variable starts there (a lone `$`, an unclosed brace).
 */
export function variableEnd(text: string, index: number): number {
  if (text[index + 1] === '{') {
    const close = matchingBrace(text, index + 1);
    return close < 0 ? -1 : close + 1;
  }
  const name = NAME.exec(text.slice(index + 1))?.[0];
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

/** `NAME`, `NAME:-word`, `NAME-word`, `NAME:+word`, `NAME+word`, `NAME:?msg`, `NAME?msg`. */
function braced(inner: string, options: InterpolateOptions, state: State): string {
  const name = NAME.exec(inner)?.[0];
  if (!name) return `\${${inner}}`;
  const rest = inner.slice(name.length);
  const modifier = /^(:?)([-+?])/.exec(rest);
  if (!modifier) return lookup(name, options, state);
  const word = rest.slice(modifier[0].length);
  const value = options.known.get(name);
  const set = value !== undefined && (modifier[1] === '' || value !== '');
  if (value === undefined) state.assumedUnset.add(name);
  switch (modifier[2]) {
    case '-': return set ? value! : expand(word, options, state);
    case '+': return set ? expand(word, options, state) : '';
    default:
      // `?`: the tool stops with an error when the variable is unset: no image to read.
      if (set) return value!;
      state.unresolved.add(name);
      return `\${${name}}`;
  }
}

function lookup(name: string, options: InterpolateOptions, state: State): string {
  const value = options.known.get(name);
  if (value !== undefined) return value;
  state.unresolved.add(name);
  return `\${${name}}`;
}
