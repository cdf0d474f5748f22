// Reads Helm values files (`-f values.yaml`, repeatable) and merges them as Helm does: maps merge
// key by key, anything else is replaced by the later file, and a `null` deletes the key. Every
// merged value remembers the file, line and column it came from, so findings about a Helm-run
// Kong point into values.yaml. YAML is read as YAML 1.1, like Helm's parser (`off` is a boolean).

import { readFileSync, statSync } from 'node:fs';
import type { Document, Node as YamlNode } from 'yaml';

// The yaml package (~15 ms to load) is required only when a values file is given.
const yamlModule = (): typeof import('yaml') => require('yaml') as typeof import('yaml');
import { InputError } from '../../errors';
import type { FileOrigin } from '../../model/origin';

/** Values files are small; a bigger file is almost certainly the wrong file. */
const MAX_VALUES_BYTES = 5 * 1024 * 1024;

export type HelmValue =
  | { kind: 'map'; entries: Map<string, HelmValue>; origin: FileOrigin }
  | { kind: 'seq'; items: unknown[]; origin: FileOrigin }
  | {
      kind: 'scalar';
      value: string | number | boolean | null;
      origin: FileOrigin;
      /** The text as written (`off`, `"3.4"`). */
      source: string;
      /** Set when no values file wrote it: the chart's own default (`Kong chart 3.4.1`). */
      chartDefault?: string;
    };

export interface HelmValues {
  /** The files in the order given; later ones override earlier ones. */
  readonly files: readonly string[];
  /** The merged tree (a map at the top). */
  readonly root: HelmValue & { kind: 'map' };
  /** The merged value at a path of keys (`['image', 'tag']`), or undefined when absent. */
  at(...path: string[]): HelmValue | undefined;
  /** A scalar at a path, or undefined when absent or not a scalar. */
  scalar(...path: string[]): (HelmValue & { kind: 'scalar' }) | undefined;
}

/**
 * Loads and merges values files over the chart's defaults (`defaults`: a values tree whose
 * scalars carry `chartDefault`); throws InputError naming the file and line of a YAML error.
 */
export function loadHelmValues(files: readonly string[], defaults?: HelmValue & { kind: 'map' }): HelmValues {
  if (files.length === 0) throw new InputError('--helm-values needs at least one file');
  let root: HelmValue & { kind: 'map' } = defaults ?? { kind: 'map', entries: new Map(), origin: { kind: 'file', file: files[0], line: 1, column: 1 } };
  for (const file of files) {
    const parsed = readValuesFile(file);
    if (parsed.kind !== 'map') throw new InputError('a Helm values file must be a YAML mapping at the top', { file, line: parsed.origin.line, column: parsed.origin.column });
    root = mergeMaps(root, parsed);
  }
  return new MergedValues(files, root);
}

class MergedValues implements HelmValues {
  constructor(readonly files: readonly string[], readonly root: HelmValue & { kind: 'map' }) {}

  at(...path: string[]): HelmValue | undefined {
    let node: HelmValue | undefined = this.root;
    for (const key of path) {
      if (!node || node.kind !== 'map') return undefined;
      node = node.entries.get(key);
    }
    return node;
  }

  scalar(...path: string[]): (HelmValue & { kind: 'scalar' }) | undefined {
    const node = this.at(...path);
    return node?.kind === 'scalar' && node.value !== null ? node : undefined;
  }
}

/** Helm's coalescing of two maps: nested maps merge, other values replace, null deletes. */
function mergeMaps(base: HelmValue & { kind: 'map' }, over: HelmValue & { kind: 'map' }): HelmValue & { kind: 'map' } {
  const entries = new Map(base.entries);
  for (const [key, value] of over.entries) {
    const previous = entries.get(key);
    if (value.kind === 'scalar' && value.value === null) entries.delete(key);
    else if (previous?.kind === 'map' && value.kind === 'map') entries.set(key, mergeMaps(previous, value));
    else entries.set(key, value);
  }
  return { kind: 'map', entries, origin: base.origin };
}

function readValuesFile(file: string): HelmValue {
  let text: string;
  try {
    if (statSync(file).size > MAX_VALUES_BYTES) throw new InputError(`larger than ${MAX_VALUES_BYTES} bytes: not a Helm values file`, { file });
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read Helm values file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { file });
  }
  const { LineCounter, parseDocument } = yamlModule();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { version: '1.1', lineCounter, prettyErrors: false, uniqueKeys: false });
  const error = doc.errors[0];
  if (error) {
    const pos = lineCounter.linePos(error.pos[0]);
    throw new InputError(`not valid YAML: ${error.message.split('\n')[0]}`, { file, line: pos.line, column: pos.col });
  }
  const at = (offset: number): FileOrigin => {
    const pos = lineCounter.linePos(offset);
    return { kind: 'file', file, line: pos.line, column: pos.col };
  };
  if (!doc.contents) return { kind: 'map', entries: new Map(), origin: at(0) };
  return toValue(doc.contents as YamlNode, at, text, doc);
}

function toValue(node: YamlNode, at: (offset: number) => FileOrigin, text: string, doc: Document): HelmValue {
  const { isAlias, isMap, isScalar, isSeq } = yamlModule();
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (target) return { ...toValue(target as YamlNode, at, text, doc), origin: at(node.range?.[0] ?? 0) };
  }
  const origin = at(node.range?.[0] ?? 0);
  if (isMap(node)) {
    const entries = new Map<string, HelmValue>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const value = pair.value as YamlNode | null;
      // `key:` with nothing after it is null in YAML (Helm then drops the key).
      entries.set(key, value ? toValue(value, at, text, doc) : { kind: 'scalar', value: null, source: '', origin: at((pair.key as YamlNode).range?.[1] ?? 0) });
    }
    return { kind: 'map', entries, origin };
  }
  if (isSeq(node)) return { kind: 'seq', items: node.toJSON() as unknown[], origin };
  if (isScalar(node)) {
    const raw = node.value;
    const value = raw === null || typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? raw : String(raw);
    const source = node.range ? text.slice(node.range[0], node.range[1]) : String(raw);
    return { kind: 'scalar', value, source, origin };
  }
  // An alias to nothing: YAML reads it as null.
  return { kind: 'scalar', value: null, source: '', origin };
}
