// Bind mounts of a compose service, and the file on this machine behind a path inside the
// container. A compose project often keeps kong.yml beside the compose file and mounts it where
// KONG_DECLARATIVE_CONFIG points (`./kong.yml:/etc/kong/kong.yml`): the container path alone
// names nothing here, the mount says which file of the project Kong reads.
//
// As compose-spec 05-services.md (`volumes`, short and long syntax) reads them: `SOURCE:TARGET`
// or `SOURCE:TARGET:MODE`, where a source that is a path (it starts with `.`, `/` or `~`) is a
// bind mount and anything else names a volume; relative sources are resolved from the compose
// file's folder; the long syntax's `type: bind` with `source` and `target`. A later file's entry
// replaces an earlier one's of the same target (13-merge.md, volumes merged by `target`).
// (compose-spec/compose-spec@170098ba 05-services.md lines 2119-2163, 13-merge.md line 101.)

import { posix } from 'node:path';
import type { FileOrigin } from '../../model/origin';

export interface BindMount {
  /** The host path as the report shows it: joined to the compose file's folder when relative. */
  source: string;
  /** The path inside the container, normalised (no trailing `/`). */
  target: string;
  /** The `volumes:` entry. */
  origin: FileOrigin;
}

/**
 * A mount whose files are not read here: a compose named or anonymous volume, a tmpfs, a bind of a
 * host path not known here (under `~`, or behind a variable without a value); a Kubernetes volume
 * other than a ConfigMap or Secret (a PersistentVolumeClaim, an emptyDir, a hostPath). It still
 * hides what the image holds at its target.
 */
export interface OpaqueMount {
  /** What is mounted, for messages: `named volume kong_lua`, `persistentVolumeClaim volume tpl`. */
  what: string;
  /** The path inside the container, normalised; undefined when it depends on a variable without a value here. */
  target?: string;
  origin: FileOrigin;
}

/**
 * The source and target of a short-syntax entry when it is a bind mount, else undefined (a named
 * or anonymous volume). A Windows drive letter (`C:\kong:/etc/kong`) stays with its path.
 */
export function shortSyntaxBind(written: string): { source: string; target: string } | undefined {
  const parts = written.split(':');
  if (parts.length >= 2 && /^[A-Za-z]$/.test(parts[0]) && /^[\\/]/.test(parts[1])) parts.splice(0, 2, `${parts[0]}:${parts[1]}`);
  if (parts.length < 2) return undefined;
  const [source, target] = parts;
  if (!isHostPath(source) || !target.startsWith('/')) return undefined;
  return { source, target };
}

/** A volume source that is a host path (compose treats every other word as a volume name). */
export function isHostPath(source: string): boolean {
  return /^[./~]/.test(source) || /^[A-Za-z]:[\\/]/.test(source);
}

export function normaliseTarget(target: string): string {
  const normal = posix.normalize(target);
  return normal.length > 1 ? normal.replace(/\/+$/, '') : normal;
}

/** Whether the normalised absolute `path` is `folder` or lies below it (`/` holds every path). */
export function isWithinFolder(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder === '/' ? '/' : `${folder}/`);
}

/** Mounts of a later compose file (or of a service over its `extends` base) over earlier ones: by target. */
export function mergeMounts(lower: readonly BindMount[], higher: readonly BindMount[]): BindMount[] {
  const targets = new Set(higher.map((mount) => mount.target));
  return [...lower.filter((mount) => !targets.has(mount.target)), ...higher];
}

/**
 * The host path behind an absolute path inside the container: the deepest mount that holds it
 * (a mount inside another one hides what lies beneath it). Undefined when no bind mount holds it.
 */
export function hostPathOf(containerPath: string, mounts: readonly BindMount[]): { path: string; mount: BindMount } | undefined {
  if (!containerPath.startsWith('/')) return undefined;
  const path = normaliseTarget(containerPath);
  let best: BindMount | undefined;
  for (const mount of mounts) {
    if (isWithinFolder(path, mount.target) && (!best || mount.target.length > best.target.length)) best = mount;
  }
  if (!best) return undefined;
  const rest = path.slice(best.target === '/' ? 1 : best.target.length + 1);
  return { path: rest ? `${best.source.replace(/[\\/]+$/, '')}/${rest}` : best.source, mount: best };
}
