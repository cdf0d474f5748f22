// The few Go template actions of a helmfile that can be evaluated exactly without Go: a lookup of
// the environment's values (`{{ .Values.kong.tag }}`, `.StateValues` is the same map), the
// environment's name, the release's name and namespace (in a release's `.gotmpl` values files),
// `env "X"` and `requiredEnv "X"`, each optionally piped to quote, squote, toString, upper, lower
// or `default "x"`. helmfile renders with Go's text/template, Sprig's functions and its own
// (pkg/tmpl/context_tmpl.go CreateFuncMap, pkg/tmpl/context_funcs.go, at
// helmfile/helmfile@ecf604d529666c75f3ca9ef0aeafe3597c1dbe65). Anything else stays as written and is
// set aside as an unknown by helmfile-templates.ts: nothing here guesses.

import { templateSpans } from './helmfile-templates';
import { valueAt, type HelmValue } from './values';

/** What a template can see while helmfile renders one file. */
export interface RenderScope {
  /** The environment's name, `.Environment.Name`. */
  environment: string;
  /**
   * The environment's values as known at this point, `.Values` and `.StateValues`. Undefined
   * before any environment was read: helmfile renders with no values then.
   */
  values?: HelmValue & { kind: 'map' };
  /** `.Release.Name` and `.Release.Namespace`: set for a release's values files only. */
  release?: { name?: string; namespace?: string };
  /** The check's environment variables, which `env` and `requiredEnv` read. */
  env: Readonly<Record<string, string | undefined>>;
}

/** One action evaluated: where it was written, and where its value came from (never the value). */
export interface EvaluatedAction {
  file: string;
  line: number;
  action: string;
  from: string;
}

/**
 * The text with each simple action replaced by what helmfile prints for it, as text, the way
 * text/template substitutes it before the YAML is read. An action whose result would span lines
 * or hold another template stays as written, so line numbers never move. `linesBefore`: how many
 * lines of the file precede the text (one `---` part of it), for the lines `evaluated` records.
 */
export function renderSimpleActions(text: string, file: string, scope: RenderScope, evaluated: EvaluatedAction[], linesBefore = 0): string {
  if (!text.includes('{{')) return text;
  return text.split('\n').map((line, index) => {
    const spans = templateSpans(line);
    if (spans.length === 0) return line;
    let out = '';
    let last = 0;
    for (const [start, end] of spans) {
      const span = line.slice(start, end);
      const result = evaluateAction(span, scope);
      out += line.slice(last, start);
      if (result && !/[\r\n]/.test(result.text) && !result.text.includes('{{')) {
        out += result.text;
        evaluated.push({ file, line: linesBefore + index + 1, action: span, from: result.from });
      } else out += span;
      last = end;
    }
    return out + line.slice(last);
  }).join('\n');
}

type Result = { text: string; from: string };
/** A value as Go holds it before printing: a string, a number as YAML typed it, a boolean. */
type GoValue = { kind: 'string'; text: string } | { kind: 'int' | 'float'; number: number } | { kind: 'bool'; value: boolean };

/** One `{{ ... }}` evaluated, or undefined when it is not one of the simple forms. */
export function evaluateAction(span: string, scope: RenderScope): Result | undefined {
  // Trim markers change the white space around the action: left to the masking, as unknowns.
  if (!/^\{\{[^-]/.test(span) || /-\}\}$/.test(span)) return undefined;
  const commands = splitPipeline(span.slice(2, -2).trim());
  if (!commands || commands.length === 0) return undefined;
  const head = firstCommand(commands[0], scope);
  if (!head) return undefined;
  let value = head.value;
  let from = head.from;
  for (const command of commands.slice(1)) {
    const next = pipe(command, value);
    if (!next) return undefined;
    value = next.value;
    if (next.defaulted) from = `default ${command.replace(/^default\s+/, '')}, as ${from} is empty`;
  }
  const text = printed(value);
  return text === undefined ? undefined : { text, from };
}

/** The commands of a pipeline, split at `|` outside quoted strings; undefined on anything unusual. */
function splitPipeline(inner: string): string[] | undefined {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < inner.length; i++) {
    const char = inner[i];
    if (quote) {
      current += char;
      if (char === '\\') return undefined;
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === '`') {
      quote = char;
      current += char;
    } else if (char === '|') {
      parts.push(current.trim());
      current = '';
    } else if ('()$'.includes(char)) return undefined;
    else current += char;
  }
  if (quote) return undefined;
  parts.push(current.trim());
  return parts.every((part) => part !== '') ? parts : undefined;
}

const STRING_LITERAL = /^"([^"\\]*)"$|^`([^`]*)`$/;

function literal(text: string): string | undefined {
  const match = STRING_LITERAL.exec(text.trim());
  return match ? (match[1] ?? match[2]) : undefined;
}

function firstCommand(command: string, scope: RenderScope): { value: GoValue; from: string } | undefined {
  const lookup = /^\.(Values|StateValues)((?:\.[A-Za-z_][A-Za-z0-9_]*)+)$/.exec(command);
  if (lookup) {
    // helmfile renders with missingkey=error (pkg/tmpl/context_tmpl.go newTemplate): a key the
    // values do not hold stops it, so it is left unknown rather than read as empty.
    const node = valueAt(scope.values, lookup[2].slice(1).split('.'));
    const value = node && goValue(node);
    return value && node ? { value, from: `.${lookup[1]}${lookup[2]} from ${node.origin.file}:${node.origin.line}` } : undefined;
  }
  if (command === '.Environment.Name') return { value: { kind: 'string', text: scope.environment }, from: 'the environment\'s name' };
  const release = /^\.Release\.(Name|Namespace)$/.exec(command);
  if (release && scope.release) {
    const text = release[1] === 'Name' ? scope.release.name : scope.release.namespace;
    return text !== undefined ? { value: { kind: 'string', text }, from: `the release's ${release[1].toLowerCase()}` } : undefined;
  }
  const env = /^(env|requiredEnv)\s+(.+)$/.exec(command);
  const name = env ? literal(env[2]) : undefined;
  if (env && name !== undefined) {
    const set = scope.env[name];
    // requiredEnv stops helmfile on an unset or empty variable (pkg/tmpl/context_funcs.go RequiredEnv);
    // Sprig's env prints it empty.
    if (env[1] === 'requiredEnv' && !set) return undefined;
    return { value: { kind: 'string', text: set ?? '' }, from: `environment variable ${name}${set ? '' : ' (unset)'}` };
  }
  return undefined;
}

function goValue(node: HelmValue): GoValue | undefined {
  if (node.kind !== 'scalar' || node.template || node.value === null) return undefined;
  if (typeof node.value === 'string') return { kind: 'string', text: node.value };
  if (typeof node.value === 'boolean') return { kind: 'bool', value: node.value };
  if (!Number.isFinite(node.value)) return undefined;
  // go-yaml v3 decodes `8000` as an int and `3.10` as a float64 (printed 3.1).
  return /^[-+]?[0-9]+$/.test(node.source.trim()) ? { kind: 'int', number: node.value } : { kind: 'float', number: node.value };
}

/** The text Go's fmt prints for a value; undefined where JavaScript's printing could differ. */
function printed(value: GoValue): string | undefined {
  switch (value.kind) {
    case 'string': return value.text;
    case 'bool': return String(value.value);
    case 'int': return Number.isSafeInteger(value.number) ? String(value.number) : undefined;
    // Go's %v writes a float64 with an exponent from 1e6 up and below 1e-4; JavaScript does not.
    case 'float': return value.number === 0 || (Math.abs(value.number) >= 1e-4 && Math.abs(value.number) < 1e6) ? String(value.number) : undefined;
  }
}

/** Sprig's `empty`, which `default` asks: the zero value of its type. */
function empty(value: GoValue): boolean {
  return value.kind === 'string' ? value.text === '' : value.kind === 'bool' ? !value.value : value.number === 0;
}

function pipe(command: string, value: GoValue): { value: GoValue; defaulted?: boolean } | undefined {
  const text = printed(value);
  if (text === undefined) return undefined;
  const plainAscii = /^[\x20-\x7e]*$/.test(text);
  switch (command) {
    case 'toString': return { value: { kind: 'string', text } };
    // Go's %q escapes anything but printable ASCII and the quote and backslash themselves.
    case 'quote': return plainAscii && !/["\\]/.test(text) ? { value: { kind: 'string', text: `"${text}"` } } : undefined;
    case 'squote': return plainAscii && !text.includes('\'') ? { value: { kind: 'string', text: `'${text}'` } } : undefined;
    case 'upper': return plainAscii ? { value: { kind: 'string', text: text.toUpperCase() } } : undefined;
    case 'lower': return plainAscii ? { value: { kind: 'string', text: text.toLowerCase() } } : undefined;
  }
  const fallback = /^default\s+(.+)$/.exec(command);
  const given = fallback ? literal(fallback[1]) : undefined;
  if (given === undefined) return undefined;
  return empty(value) ? { value: { kind: 'string', text: given }, defaulted: true } : { value };
}
