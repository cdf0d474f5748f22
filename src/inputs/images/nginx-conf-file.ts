// The file of the project behind the `--nginx-conf` a Kong container is started with: the template
// Kong renders, so the template rules read it as a `--nginx-template` would be. The path inside the
// container is followed as a kong.conf's `-c` is (./copied-kong-conf.ts): a compose bind mount that
// holds it, else the Dockerfile COPY or ADD that puts it in the image. A Kubernetes ConfigMap or
// Secret key mounted there is named, not read: a template read from a manifest would cite lines of
// the key's text, not of the file. Kong opens the path as given
// (kong/cmd/utils/prefix_handler.lua@3.9.3 lines 739-748), so a relative one lies in its working
// folder: ./stock-templates.ts places it there when the compose service or Dockerfile says which;
// one still relative here is not followed.

import { describeOrigin } from '../../model/origin';
import { hostPathOf, type BindMount } from './compose-mounts';
import { contextFileAt, describeCopy, type CopySource } from './dockerfile-copies';
import { describeObjectKey, objectKeyAt, type ObjectMount } from './kubernetes-mounts';

export type NginxConfFile =
  /** A file on this machine: `by` says who starts Kong with it and how it gets into the container. */
  | { kind: 'file'; path: string; by: string }
  /** Known to be the template, but not readable here, and why. */
  | { kind: 'unread'; reason: string };

/**
 * `start`: the container path and who passes it (./stock-templates.ts nodeTemplates). `exists`
 * and `kindOf` look at this machine. Undefined when nothing read holds the path.
 */
export function nginxConfFile(
  start: { path: string; by: string },
  mounts: { unit: string; mounts: readonly BindMount[] } | undefined,
  copies: CopySource | undefined,
  objectMounts: readonly ObjectMount[] | undefined,
  exists: (path: string) => boolean,
  kindOf: (path: string) => 'file' | 'folder' | undefined,
): NginxConfFile | undefined {
  if (!start.path.startsWith('/')) return undefined;
  const mounted = mounts && hostPathOf(start.path, mounts.mounts);
  if (mounted) {
    const how = `${start.by}, mounted from ${mounted.path} (${describeOrigin(mounted.mount.origin)})`;
    return exists(mounted.path) ? { kind: 'file', path: mounted.path, by: how } : { kind: 'unread', reason: `${how}; ${mounted.path} is absent on this machine (give it with --nginx-template)` };
  }
  const key = objectMounts && objectKeyAt(start.path, objectMounts);
  if (key) return { kind: 'unread', reason: `${start.by}, held in ${describeObjectKey(key)}, mounted at ${describeOrigin(key.mount.origin)}; not read from the manifest (give a copy of that key with --nginx-template)` };
  const found = copies && contextFileAt(start.path, copies.copies, copies.context, kindOf);
  if (!found || !copies) return undefined;
  if (found.kind === 'file') return { kind: 'file', path: found.path, by: `${start.by}, ${describeCopy(start.path, found.copy, copies, kindOf)}` };
  const at = `${found.copy.instruction} at ${found.copy.origin.file}:${found.copy.origin.line}`;
  return {
    kind: 'unread',
    reason: found.kind === 'absent'
      ? `${start.by}; ${at} copies ${found.path} there, absent on this machine (give it with --nginx-template)`
      : `${start.by}; ${at} puts a file there, not followed here: ${found.copy.unfollowed}`,
  };
}
