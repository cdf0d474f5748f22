// Finds and reads `.kong-preflight.yml`: from `--config`, else the nearest one walking up from the
// working folder. The file is validated against schemas/config.schema.json; an error names the
// file, the line and the key (`ignores[0].reason`), and ends the run with exit code 2.

import type { ErrorObject, ValidateFunction } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Document } from 'yaml';
import { InputError } from '../errors';
import { fsErrorReason } from '../inputs/fs-error';
import { PACKAGE_ROOT } from '../tool-info';
import type { ConfigFile, LoadedConfig } from './types';
import { firstCollectionKey } from '../text/yaml-keys';

export const CONFIG_NAMES = ['.kong-preflight.yml', '.kong-preflight.yaml'] as const;

// ajv and yaml are loaded only when a configuration file exists: most runs have none, and the
// two modules cost ~40 ms of start-up (docs/performance.md).
const yamlModule = (): typeof import('yaml') => require('yaml') as typeof import('yaml');

let validator: ValidateFunction | undefined;
function validate(value: unknown): ErrorObject[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'schemas/config.schema.json'), 'utf8'));
    const Ajv = (require('ajv') as typeof import('ajv')).default;
    validator = new Ajv({ allErrors: true, strict: false }).compile(schema);
  }
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

/** The nearest configuration file at or above `startDir`, if any. */
export function findConfigFile(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Loads the configuration: `explicit` (from --config), else the nearest file; `false` disables it. */
export function loadConfig(explicit: string | false | undefined, cwd: string): LoadedConfig | undefined {
  if (explicit === false) return undefined;
  const file = explicit ? (isAbsolute(explicit) ? explicit : resolve(cwd, explicit)) : findConfigFile(cwd);
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read the configuration file: ${fsErrorReason(error)}`, { file: explicit || file });
  }
  return parseConfig(text, file);
}

export function parseConfig(text: string, file: string): LoadedConfig {
  const { LineCounter, parseDocument } = yamlModule();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const pos = lineCounter.linePos(first.pos[0]);
    throw new InputError(`invalid YAML: ${first.message.split('\n')[0]}`, { file, line: pos.line, column: pos.col });
  }
  // The schema names every key: a key written as a mapping or list (`? {to: null}`) is none of
  // them, and the yaml package would turn it into text with a process warning on stderr.
  const complexKey = firstCollectionKey(doc);
  if (complexKey !== undefined) {
    const pos = lineCounter.linePos(complexKey);
    throw new InputError('invalid configuration: a key written as a mapping or list; keys are names', { file, line: pos.line, column: pos.col });
  }
  let value: unknown;
  try {
    value = doc.toJS() ?? {};
  } catch (error) {
    // The yaml package resolves aliases only here: an alias whose anchor is not set before it
    // (a merge key `<<: *a` too), or aliases expanding past its limit (an alias bomb), throw a
    // ReferenceError (once out of the loader, reported as a bug).
    if (!(error instanceof ReferenceError)) throw error;
    throw new InputError(`invalid YAML: ${error.message.split('\n')[0]}`, { file });
  }
  const errors = validate(value);
  if (errors.length > 0) {
    const error = mostUseful(errors);
    const path = pathOf(error);
    throw new InputError(`${keyName(path) || '(top level)'}: ${explain(error, value, path)}`, { file, line: lineOf(doc, lineCounter, path) });
  }
  return { file, dir: dirname(file), config: value as ConfigFile, lineOf: (path) => lineOf(doc, lineCounter, path) };
}

/** The key path an error is about, including the offending property for additionalProperties. */
function pathOf(error: ErrorObject): (string | number)[] {
  const parts = error.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const path: (string | number)[] = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (error.keyword === 'additionalProperties') path.push(String(error.params.additionalProperty));
  if (error.keyword === 'required') path.push(String(error.params.missingProperty));
  if (error.keyword === 'propertyNames') path.push(String(error.params.propertyName));
  return path;
}

/** `ignores[0].reason`, `rules.conf/foo`. */
export function keyName(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The innermost, most specific error: oneOf/anyOf wrappers say less than what they wrap. */
function mostUseful(errors: ErrorObject[]): ErrorObject {
  const ranked = [...errors].sort((a, b) => score(b) - score(a));
  return ranked[0];
}

function score(e: ErrorObject): number {
  const depth = e.instancePath.split('/').length * 10;
  const wrapper = e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if' ? -5 : 0;
  const extra = e.keyword === 'additionalProperties' || e.keyword === 'required' || e.keyword === 'propertyNames' ? 5 : 0;
  return depth + wrapper + extra;
}

function explain(error: ErrorObject, root: unknown, path: readonly (string | number)[]): string {
  const actual = path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), root);
  switch (error.keyword) {
    case 'additionalProperties': return 'unknown key (see schemas/config.schema.json)';
    case 'required': return 'is required';
    case 'propertyNames': return 'is not a rule id (area/name)';
    case 'enum': return `must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
    case 'pattern':
      // Quoted as JSON so a line break in the value cannot split the one-line error.
      if (path[0] === 'from' || path[0] === 'to') return `${JSON.stringify(String(actual))} is not a version such as 3.4 or 2.8.2.4`;
      // Written here by mistake, the postgres:// URL itself (its password with it) would be quoted.
      if (path[0] === 'pg' && path[1] === 'urlEnv') return 'must be the name of an environment variable (letters, digits, _) that holds the URL, not the URL itself';
      return `${JSON.stringify(String(actual))} has the wrong form`;
    case 'type':
      // YAML reads `to: 3.10` as the number 3.1: make the fix obvious.
      if (typeof actual === 'number' && (path[0] === 'from' || path[0] === 'to')) return `write the version in quotes ("${actual}"): unquoted, YAML reads it as a number`;
      return `must be a ${error.params.type}`;
    default: return error.message ?? 'is invalid';
  }
}

function lineOf(doc: Document, counter: import('yaml').LineCounter, path: readonly (string | number)[]): number | undefined {
  // Walk as deep as the document goes: a missing key is reported at its parent.
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    const keyNode = depth > 0 ? keyNodeOf(doc, path.slice(0, depth)) : undefined;
    const range = (keyNode as { range?: [number, number] } | undefined)?.range ?? (node as { range?: [number, number] } | undefined)?.range;
    if (range) return counter.linePos(range[0]).line;
  }
  return undefined;
}

function keyNodeOf(doc: Document, path: readonly (string | number)[]): unknown {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1];
  const { isMap, isSeq } = yamlModule();
  if (isMap(parent)) return parent.items.find((pair) => (pair.key as { value?: unknown })?.value === last)?.key;
  if (isSeq(parent) && typeof last === 'number') return parent.items[last];
  return undefined;
}
