// The kong.conf a Kubernetes container reads from a ConfigMap or Secret key its volume shows where
// Kong looks for kong.conf (./kubernetes-mounts.ts, ./copied-kong-conf.ts). Kong reads the key's
// value as the file's text, so the value is read as a kong.conf whose places are the manifest's:
// written as a literal block (`kong.conf: |`) each line of the text is a line of the manifest,
// shifted by the block's indentation, as a ConfigMap's kong.yml is located
// (../declarative/literal-block.ts); written as a quoted string on one line, each character has
// its own column there (../declarative/one-line-scalar.ts). Any other form (a quoted string over
// several lines, a folded one, a Secret's base64 `data`) has no exact place: every setting then
// cites the line the value starts on.

import { TextDecoder } from 'node:util';
import type { HeldConfText } from '../kong-conf/load';
import { heldValuePlaces } from './held-value-places';
import { volumeObjectOf, type ObjectMount, type VolumeObject } from './kubernetes-mounts';

export type HeldKongConf =
  /** The key's text, read as kong.conf; `approximate`: why its settings cite the value's first line. */
  | { kind: 'held'; conf: HeldConfText; approximate?: string; secrets: string[] }
  /** The object is given but its key cannot be read as kong.conf: why. */
  | { kind: 'unread'; why: string };

/**
 * The kong.conf text of `key` of the object `mount` shows, among the objects of the manifests
 * given; undefined when the object is not among them (it is then only named).
 */
export function heldKongConf(found: { mount: ObjectMount; key: string }, namespace: string | undefined, objects: readonly VolumeObject[]): HeldKongConf | undefined {
  const object = volumeObjectOf(found.mount, namespace, objects);
  if (!object) return undefined;
  const entry = object.entries.find((e) => e.key === found.key);
  if (!entry) return { kind: 'unread', why: `${object.kind} ${object.name} in ${object.file} has no key ${found.key}` };
  // The value's first place: the block header (`|`) on the key's line, or a one-line string.
  const at = { line: entry.origin.line, column: entry.origin.column };
  const atValue = () => at;
  if (entry.base64) {
    const text = decodeBase64Text(entry.value);
    if (text === undefined) return { kind: 'unread', why: `the value of key ${found.key} of ${object.kind} ${object.name} (${object.file}:${at.line}) is not base64 of UTF-8 text` };
    // The encoded text shows the whole kong.conf, secrets included, to anyone who decodes it, and
    // every finding cites its line: no format prints that line today (a fingerprint hashes a line
    // only when the finding quotes it), but it is handed to the hiding by value all the same.
    return { kind: 'held', conf: { file: object.file, text, place: atValue, start: at }, approximate: `base64 in the Secret's data`, secrets: [entry.value.replace(/\s+/g, '')] };
  }
  const places = heldValuePlaces(object.lines, at, entry.value);
  const conf: HeldConfText = { file: object.file, text: entry.value, place: places.place, start: at };
  return { kind: 'held', conf, ...(places.approximate ? { approximate: places.approximate } : {}), secrets: [] };
}

/** Base64 (the standard alphabet, blanks between allowed) of UTF-8 text without NUL, decoded; else undefined. */
export function decodeBase64Text(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact)) return undefined;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(Buffer.from(compact, 'base64'));
    return text.includes('\u0000') ? undefined : text;
  } catch {
    return undefined;
  }
}
