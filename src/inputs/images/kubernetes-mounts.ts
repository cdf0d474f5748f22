// ConfigMap and Secret volumes of a Kubernetes container, and the object key behind a path inside
// it. A manifest often keeps kong.conf in a ConfigMap and mounts it at /etc/kong/kong.conf: the
// container path alone names nothing here, the mount says which object and key Kong reads.
//
// As the Kubernetes API reads them: a ConfigMap or Secret volume shows each key of the object as a
// file named by the key, or, when `items` is set, only the listed keys, each at its `path`
// (ConfigMapVolumeSource and SecretVolumeSource, "Adapts a ConfigMap into a volume", kubernetes/
// kubernetes api/swagger-spec; https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#volumes).
// A volumeMount puts the volume at `mountPath`, or with `subPath` only that entry of the volume
// (https://kubernetes.io/docs/concepts/storage/volumes/#using-subpath).

import { posix } from 'node:path';
import type { FileOrigin } from '../../model/origin';
import type { TextLines } from '../../text/line-index';
import { isWithinFolder, normaliseTarget } from './compose-mounts';

/** A ConfigMap or Secret volume a container mounts. */
export interface ObjectMount {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  /** The path inside the container, normalised (no trailing `/`). */
  target: string;
  /** The entry of the volume mounted there (`subPath`); none: the whole volume. */
  subPath?: string;
  /** The volume's `items` as path inside the volume → key; none: every key at its own name. */
  items?: ReadonlyMap<string, string>;
  /** The volumeMounts entry. */
  origin: FileOrigin;
}

/**
 * A ConfigMap or Secret of the manifests given, whose keys a volume shows as files. A Secret's
 * `data` values are base64 (kept so, `base64`), its `stringData` values text that the API server
 * merges over `data` on write, a key of both taking the `stringData` value (Secret, "stringData
 * ... is merged into the data field on write, overwriting any existing values",
 * https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/secret-v1/).
 */
export interface VolumeObject {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  namespace?: string;
  file: string;
  /** The text of the file, as read: a key's value is located in it. */
  lines: TextLines;
  /** The manifest document that defines it, from 1. */
  document?: number;
  entries: { key: string; value: string; origin: FileOrigin; base64?: boolean }[];
}

/** The object of `mount` among `objects`: same kind and name, and the namespace when both say one. */
export function volumeObjectOf(mount: ObjectMount, namespace: string | undefined, objects: readonly VolumeObject[]): VolumeObject | undefined {
  return objects.find((o) => o.kind === mount.kind && o.name === mount.name && (o.namespace === undefined || namespace === undefined || o.namespace === namespace));
}

/** The object and key Kubernetes shows at an absolute path inside the container, through the deepest mount that holds it. */
export function objectKeyAt(containerPath: string, mounts: readonly ObjectMount[]): { mount: ObjectMount; key: string } | undefined {
  if (!containerPath.startsWith('/')) return undefined;
  const path = normaliseTarget(containerPath);
  const holding = mounts
    .filter((mount) => isWithinFolder(path, mount.target))
    .sort((a, b) => b.target.length - a.target.length)[0];
  if (!holding) return undefined;
  const below = path === holding.target ? '' : path.slice(holding.target.length + 1);
  const inVolume = posix.join(holding.subPath ?? '', below);
  if (inVolume === '.' || inVolume === '') return undefined;
  if (holding.items) {
    const key = holding.items.get(posix.normalize(inVolume));
    return key === undefined ? undefined : { mount: holding, key };
  }
  // Without items every key is a file at the top of the volume: keys hold no `/`.
  return inVolume.includes('/') ? undefined : { mount: holding, key: inVolume };
}

/** `ConfigMap kong-conf (key kong.conf)`: where a file inside the container comes from; never its content. */
export function describeObjectKey(found: { mount: ObjectMount; key: string }): string {
  return `${found.mount.kind} ${found.mount.name} (key ${found.key})`;
}
