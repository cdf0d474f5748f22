// Which ConfigMaps and Secrets of a manifest are files for decK rather than for Kong. A common way
// to manage a database-backed Kong on Kubernetes is a Job or CronJob that runs decK (`deck gateway
// sync /config/kong.yaml`) with the configuration mounted from a ConfigMap. Such a kong.yml is
// never loaded by Kong: decK reads it as written and refuses a 1.1 file against Kong 3.x, where a
// Kong that loads the file itself would upgrade it (embedded-declarative.ts). The mount is what
// tells the two apart: a pod volume names the object (`configMap.name`, `secret.secretName`, or
// one of a `projected` volume's sources), and a container mounts that volume by its name
// (Kubernetes core/v1 Volume and VolumeMount, https://kubernetes.io/docs/concepts/storage/volumes/).

import { podSpecPathOf } from '../../knowledge/platform/kubernetes-workloads';
import type { ManifestDocument } from './manifest-documents';

/** decK's subcommands that read state files (Kong/deck@4657ee37 cmd/gateway_sync.go, gateway_diff.go, gateway_apply.go, gateway_validate.go, file.go; root.go keeps the older top-level `sync`, `diff`, `validate`). */
const DECK_INVOCATION = /(?:^|[\s;&|(`'"/])deck\s+(?:gateway\s+)?(?:sync|diff|apply|validate|file\b)/;

/**
 * `ConfigMap/NAME` or `Secret/NAME` -> the workload whose decK container mounts it
 * (`Job deck-sync`), for objects that only containers running decK mount.
 */
export function deckMountedObjects(documents: readonly ManifestDocument[]): Map<string, string> {
  const byDeck = new Map<string, string>();
  const byOthers = new Set<string>();
  for (const document of documents) {
    const kind = typeof document.root.kind === 'string' ? document.root.kind : '';
    const path = podSpecPathOf(kind);
    if (!path) continue;
    const spec = dig(document.root, path);
    if (!isRecord(spec)) continue;
    const volumes = volumeObjects(spec.volumes);
    const workload = `${kind} ${nameOf(document.root) ?? '(unnamed)'}`;
    for (const container of [...listOf(spec.initContainers), ...listOf(spec.containers)]) {
      if (!isRecord(container)) continue;
      const runsDeck = isDeckContainer(container);
      for (const mount of listOf(container.volumeMounts)) {
        if (!isRecord(mount) || typeof mount.name !== 'string') continue;
        for (const object of volumes.get(mount.name) ?? []) {
          if (runsDeck) {
            if (!byDeck.has(object)) byDeck.set(object, workload);
          } else byOthers.add(object);
        }
      }
    }
  }
  // An object Kong's own container also mounts may well be the file Kong loads.
  for (const object of byOthers) byDeck.delete(object);
  return byDeck;
}

/** A container that runs decK: its image is decK's (`kong/deck:v1.40`), or its command calls it. */
export function isDeckContainer(container: Readonly<Record<string, unknown>>): boolean {
  if (typeof container.image === 'string' && imageRepositoryName(container.image) === 'deck') return true;
  const words = [...listOf(container.command), ...listOf(container.args)].filter((w): w is string => typeof w === 'string');
  if (words.length > 0 && basename(words[0]) === 'deck') return true;
  return words.some((word) => DECK_INVOCATION.test(word)) || DECK_INVOCATION.test(words.join(' '));
}

/** The last path segment of an image's repository: `deck` for `docker.io/kong/deck:v1.40.0@sha256:...`. */
function imageRepositoryName(image: string): string {
  const withoutDigest = image.split('@')[0];
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  return lastSegment.split(':')[0].toLowerCase();
}

/** Volume name -> the ConfigMaps and Secrets it brings in (`ConfigMap/NAME`, `Secret/NAME`). */
function volumeObjects(volumes: unknown): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const volume of listOf(volumes)) {
    if (!isRecord(volume) || typeof volume.name !== 'string') continue;
    const objects: string[] = [];
    const add = (source: unknown) => {
      if (!isRecord(source)) return;
      if (isRecord(source.configMap) && typeof source.configMap.name === 'string') objects.push(`ConfigMap/${source.configMap.name}`);
      if (isRecord(source.secret) && typeof source.secret.secretName === 'string') objects.push(`Secret/${source.secret.secretName}`);
      // A projected volume's sources name their Secret as `secret.name`.
      if (isRecord(source.secret) && typeof source.secret.name === 'string') objects.push(`Secret/${source.secret.name}`);
    };
    add(volume);
    if (isRecord(volume.projected)) for (const source of listOf(volume.projected.sources)) add(source);
    out.set(volume.name, objects);
  }
  return out;
}

function dig(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const key of path) value = isRecord(value) ? value[key] : undefined;
  return value;
}

function nameOf(root: Readonly<Record<string, unknown>>): string | undefined {
  const metadata = root.metadata;
  return isRecord(metadata) && typeof metadata.name === 'string' ? metadata.name : undefined;
}

function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
