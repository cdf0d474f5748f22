// The kong.conf the Kong container reads from the project: the path its command names with -c
// (./run-conf.ts), else Kong's default paths, the first that exists in the container being read
// (../../knowledge/conf/default-conf-paths.ts). At each path a bind mount of the compose service
// hides what the image holds there; else the Dockerfile's COPY that puts a file there says which
// file of the build context it is. A mount whose source is not on this machine hides the image's
// file all the same (where the source is missing, compose creates a folder there and mounts it:
// compose-spec/compose-spec@170098b 05-services.md lines 2145-2147, 2162), so the file Kong reads
// is named as unread, and the COPY's file is not read in its place. A Kubernetes container's
// ConfigMap or Secret volume there hides the image's file as a bind mount does: the key's text is
// read as the kong.conf when the object is among the manifests given (./held-kong-conf.ts), and
// only named when it is not.

import { KONG_DEFAULT_CONF_PATHS } from '../../knowledge/conf/default-conf-paths';
import { describeOrigin } from '../../model/origin';
import { hostPathOf, isWithinFolder, type BindMount, type OpaqueMount } from './compose-mounts';
import { describeObjectKey, objectKeyAt, type ObjectMount, type VolumeObject } from './kubernetes-mounts';
import { heldKongConf } from './held-kong-conf';
import type { HeldConfText } from '../kong-conf/load';
import { contextFileAt, describeCopy, type ContextLookup, type CopySource } from './dockerfile-copies';
import type { CommandConf, RunConf } from './run-conf';

export type CopiedKongConf =
  /** A project file the image holds as kong.conf, and how it was found. */
  | { kind: 'file'; path: string; how: string; containerPath: string; at: string }
  /** A step puts a kong.conf there that cannot be read here: why; `given`: what to say when a kong.conf is given in its place. */
  | { kind: 'unread'; reason: string; given?: string };

export type ContainerKongConf =
  | CopiedKongConf
  /** A project file the compose service mounts where Kong reads kong.conf. */
  | { kind: 'mounted'; path: string; how: string; containerPath: string; mount: BindMount }
  /**
   * The text of a ConfigMap or Secret key the Kubernetes container mounts where Kong reads
   * kong.conf; `given`: what to say when a kong.conf is given in its place; `secrets`: text of the
   * manifest the report must hide (a Secret's base64 value).
   */
  | { kind: 'held'; conf: HeldConfText; how: string; given: string; secrets: string[] };

export interface ContainerFiles {
  run?: RunConf;
  /** The compose service's bind mounts, and the mounts whose files are not read here (named volumes, configs from inline content). */
  mounts?: { unit: string; mounts: readonly BindMount[]; opaque?: readonly OpaqueMount[] };
  /** The Kubernetes container's ConfigMap and Secret volumes, its namespace, and the objects of the manifests given. */
  objectMounts?: { unit: string; mounts: readonly ObjectMount[]; namespace?: string; objects?: readonly VolumeObject[] };
  /** The COPY steps of the Dockerfile that builds the image. */
  copies?: CopySource;
}

/** The project file Kong reads as kong.conf in the container, or why the one there is not read. */
export function containerKongConf(files: ContainerFiles, exists: (path: string) => boolean, kindOf: (path: string) => 'file' | 'folder' | undefined): ContainerKongConf | undefined {
  const named = files.run?.conf;
  const paths = named ? [named.path] : KONG_DEFAULT_CONF_PATHS;
  // The image's -c that the service's command set aside: said beside a default path read instead.
  const setAside = !named ? setAsideConf(files.run) : undefined;
  const aside = setAside ? ` (${setAside})` : '';
  // Why Kong reads the path, said after whatever is found there.
  const where = named ? `, which the -c of ${named.origin.file}:${named.origin.line} names` : `, where Kong looks when started without -c${aside}`;
  for (const containerPath of paths) {
    const mounted = files.mounts && hostPathOf(containerPath, files.mounts.mounts);
    // A mount not read here, deeper than any bind mount that holds the path: what Kong reads there is not known.
    const opaque = files.mounts?.opaque?.find((mount) => mount.target !== undefined && isWithinFolder(containerPath, mount.target) && (!mounted || mount.target.length > mounted.mount.target.length));
    if (opaque) {
      const source = `${containerPath} in ${files.mounts!.unit}, the ${opaque.what} mounted at ${describeOrigin(opaque.origin)}${where}`;
      return { kind: 'unread', reason: `${source}; its content is not read here (give a copy as the first argument to check)`, given: `given, read in place of ${source}` };
    }
    if (mounted && exists(mounted.path)) {
      const why = named ? `, which the -c of ${named.origin.file}:${named.origin.line} names` : `: Kong reads it when started without -c${aside}`;
      return { kind: 'mounted', path: mounted.path, containerPath, mount: mounted.mount, how: `${containerPath} in ${files.mounts!.unit}, mounted at ${describeOrigin(mounted.mount.origin)}${why}` };
    }
    if (mounted) {
      // Not readable here, yet the mount still hides what the image holds there.
      const source = `${containerPath} in ${files.mounts!.unit}, mounted from ${mounted.path} (${describeOrigin(mounted.mount.origin)})${where}`;
      const given = `given, read in place of ${source}`;
      if (kindOf(mounted.mount.source) !== 'folder') return { kind: 'unread', reason: `${source}; ${mounted.path} is absent on this machine (give it as the first argument to check)`, given };
      // A folder of the project mounted over the path's folder, without the file: the container
      // has none there, and Kong looks at its next default path.
      if (named) return { kind: 'unread', reason: `${source}; the mounted folder ${mounted.mount.source} holds no such file here (give the file as the first argument to check)`, given };
      continue;
    }
    // A ConfigMap or Secret volume hides what the image holds there, as a bind mount does.
    const fromObject = files.objectMounts && objectKeyAt(containerPath, files.objectMounts.mounts);
    if (fromObject) {
      const source = `${describeObjectKey(fromObject)}, which ${files.objectMounts!.unit} mounts at ${containerPath} (${describeOrigin(fromObject.mount.origin)})${where}`;
      const given = `given, read in place of ${source}`;
      const held = heldKongConf(fromObject, files.objectMounts!.namespace, files.objectMounts!.objects ?? []);
      if (held?.kind === 'held') {
        const approximate = held.approximate ? `; ${held.approximate}, so its settings cite the line where the value starts` : '';
        return { kind: 'held', conf: held.conf, secrets: held.secrets, how: `${source}${approximate}`, given };
      }
      if (held) return { kind: 'unread', reason: `${source}; not read: ${held.why}`, given };
      return { kind: 'unread', reason: `${source}; not read here: give a copy of that key as the first argument`, given };
    }
    const copied = files.copies && copiedAt(containerPath, named, aside, files.copies, kindOf);
    if (copied) return copied;
  }
  return undefined;
}

function copiedAt(containerPath: string, named: CommandConf | undefined, aside: string, source: CopySource, kindOf: (path: string) => 'file' | 'folder' | undefined): CopiedKongConf | undefined {
  const found: ContextLookup | undefined = contextFileAt(containerPath, source.copies, source.context, kindOf);
  if (!found) return undefined;
  const which = named ? `, which the -c of ${named.origin.file}:${named.origin.line} names` : undefined;
  const at = `${found.copy.instruction} at ${found.copy.origin.file}:${found.copy.origin.line}`;
  if (found.kind === 'file') return { kind: 'file', path: found.path, how: `${describeCopy(containerPath, found.copy, source, kindOf)}${which ?? `: Kong reads it when started without -c${aside}`}`, containerPath, at };
  // Kong reads the first default path that exists: an unreadable one there hides the next.
  const where = which ?? `, where Kong looks when started without -c${aside}`;
  return {
    kind: 'unread',
    reason: found.kind === 'absent'
      ? `${at} copies ${found.path} to ${containerPath}${where}; it is absent on this machine (give it as the first argument to check)`
      : `${at} puts a file at ${containerPath}${where}; not followed here: ${found.copy.unfollowed}`,
  };
}

/** `the -c of Dockerfile:4 does not apply: ...`, when the service's command sets the image's -c aside and names none. */
export function setAsideConf(run: RunConf | undefined): string | undefined {
  const replaced = run?.replaced;
  if (!replaced || run.conf) return undefined;
  return `the -c of ${replaced.conf.origin.file}:${replaced.conf.origin.line} does not apply: the service's ${replaced.by} at ${replaced.origin.file}:${replaced.origin.line} replaces the image's ${replaced.by === 'command' ? 'CMD' : 'ENTRYPOINT and CMD'}`;
}

/**
 * What to say when the service's command sets the image's -c aside and no project file is found
 * at Kong's default paths either: Kong then starts with no kong.conf of the project.
 */
export function setAsideWithoutConf(run: RunConf | undefined): string | undefined {
  const setAside = setAsideConf(run);
  return setAside && `${setAside}; nothing of the project is mounted or copied at ${KONG_DEFAULT_CONF_PATHS.join(' or ')}, where Kong looks without -c`;
}
