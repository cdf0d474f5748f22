// Reading YAML nodes the way compose-go and kubectl read them: scalars as text, map pairs with
// `<<` merge keys applied (each map's pairs computed once), and the file position of a node.
// Shared by the readers of compose files, Kubernetes manifests and ECS task definitions.

import type { Document, Node as YamlNode, YAMLMap } from 'yaml';
import type { FileOrigin } from '../../model/origin';

const yamlModule = (): typeof import('yaml') => require('yaml') as typeof import('yaml');

export type At = (offset: number) => FileOrigin;

export function scalarText(node: unknown): string | undefined {
  const { isScalar } = yamlModule();
  return isScalar(node) && node.value !== null && typeof node.value !== 'object' ? String(node.value) : undefined;
}

export function originOf(node: unknown, at: At): FileOrigin {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return at(range?.[0] ?? 0);
}

type Pairs = { key: string; keyNode: YamlNode; value: unknown }[];

/**
 * Each map's pairs, computed once: a map merged in through many aliases (`<<: [*a, *a]` nested,
 * the merge-key form of an alias bomb) is read once, so the work stays linear in the file.
 */
const pairsCache = new WeakMap<YAMLMap, Pairs>();

/** The pairs of a map with `<<` merge keys applied (merged entries first, the map's own win), as compose-go and kubectl read YAML. */
export function mapPairs(node: YAMLMap, doc: Document.Parsed): Pairs {
  const cached = pairsCache.get(node);
  if (cached) return cached;
  // A map merging itself (`x: &x {<<: *x}`) adds nothing of its own to itself.
  pairsCache.set(node, []);
  const { isAlias, isMap, isScalar, isSeq } = yamlModule();
  const own: Pairs = [];
  const merged: Pairs = [];
  for (const pair of node.items) {
    const keyNode = pair.key as YamlNode;
    const keyText = isScalar(keyNode) ? (keyNode.source ?? String(keyNode.value)) : '';
    if (keyText === '<<') {
      const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
      for (const source of sources) {
        const target = isAlias(source) ? source.resolve(doc) : source;
        if (isMap(target)) merged.push(...mapPairs(target, doc));
      }
      continue;
    }
    const value = isAlias(pair.value) ? pair.value.resolve(doc) : pair.value;
    own.push({ key: isScalar(keyNode) ? String(keyNode.value) : '', keyNode, value });
  }
  const result = new Map<string, Pairs[number]>();
  for (const entry of [...merged, ...own]) {
    result.delete(entry.key);
    result.set(entry.key, entry);
  }
  const pairs = [...result.values()];
  pairsCache.set(node, pairs);
  return pairs;
}

export function get(node: unknown, doc: Document.Parsed, key: string): unknown {
  const { isMap } = yamlModule();
  if (!isMap(node)) return undefined;
  return mapPairs(node, doc).find((pair) => pair.key === key)?.value;
}
