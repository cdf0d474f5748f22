// The declarative configuration a Kubernetes container loads from a ConfigMap or Secret key: the
// DB-less node's `declarative_config` (KONG_DECLARATIVE_CONFIG, or kong.conf's key) names a path
// inside the container where a volume shows that key as a file (../images/kubernetes-mounts.ts).
// Kong reads the key's value as the file's text, so the value is read in place in the manifest
// that defines the object, as a ConfigMap's kong.yml given with --declarative is
// (embedded-declarative.ts): every finding cites the manifest's own lines. A value with no exact
// place in the manifest (a folded or multi-line quoted string, a Secret's base64 `data`) is
// named, not read, as any such text is.

import { describeOrigin } from '../../model/origin';
import { describeObjectKey, objectKeyAt, volumeObjectOf, type ObjectMount, type VolumeObject } from '../images/kubernetes-mounts';
import { ParsedDocument } from './document';
import { readBlock } from './embedded-declarative';
import { embeddedLayoutAt } from './embedded-layout';
import type { DeclarativeDocument, EmbeddedSource } from './types';

/** The Kubernetes container read as the Kong node: its volumes, namespace, and the objects of the manifests given. */
export interface ContainerObjectMounts {
  unit: string;
  mounts: readonly ObjectMount[];
  namespace?: string;
  objects?: readonly VolumeObject[];
}

export type HeldDeclarativeReading =
  /** `how`: where the text came from, for the inputs list. */
  | { document: DeclarativeDocument; how: string }
  /** The path is a key of an object the container mounts, but it is not read: `how`, and why not. */
  | { how: string; unread: string };

/**
 * The configuration at `configured` (an absolute path in the container) when a volume of
 * `container` shows an object's key there; undefined when none does. `loadedByKong`: Kong loads
 * it (database = off), as for a file declarative_config names.
 */
export function heldDeclarative(configured: string, container: ContainerObjectMounts, loadedByKong: boolean): HeldDeclarativeReading | undefined {
  const found = objectKeyAt(configured, container.mounts);
  if (!found) return undefined;
  const how = `declarative_config ${configured}: ${describeObjectKey(found)}, which ${container.unit} mounts at ${found.mount.target} (${describeOrigin(found.mount.origin)})`;
  const object = volumeObjectOf(found.mount, container.namespace, container.objects ?? []);
  if (!object) return { how, unread: `no manifest given defines ${found.mount.kind} ${found.mount.name}; give it with --image-file, or a copy of the key with --declarative` };
  const entry = object.entries.find((e) => e.key === found.key);
  if (!entry) return { how, unread: `${object.kind} ${object.name} in ${object.file} has no key ${found.key}, so Kong finds no file there` };
  const at = `${object.file}:${entry.origin.line}`;
  if (entry.base64) return { how, unread: `its value (${at}) is base64 in the Secret's data, which has no lines to cite; give a decoded copy with --declarative` };
  const lines = object.lines.index();
  const reading = embeddedLayoutAt(lines, entry.origin, entry.value);
  if ('unmappable' in reading) return { how, unread: `its value (${at}) cannot be read in place (${reading.unmappable}); give a copy with --declarative` };
  // A Secret's text value is one of `stringData` (its `data` is base64, above).
  const source: EmbeddedSource = { file: object.file, key: `${object.kind === 'Secret' ? 'stringData' : 'data'}.${found.key}`, kind: object.kind, name: object.name, document: object.document ?? 1 };
  const parsed = readBlock(object.file, lines, reading.layout, entry.value, source);
  if (!parsed) return { how, unread: `its value (${at}) holds no mapping, which Kong refuses as a declarative configuration` };
  return { document: new ParsedDocument(object.file, parsed.format, object.lines.text, object.lines, parsed, loadedByKong, source), how };
}
