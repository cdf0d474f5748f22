// Mounts that lay a file of the project over Kong's own Lua code inside the container: a compose
// bind mount (`./approle.lua:/usr/local/share/lua/5.1/kong/vaults/hcv/approle.lua`) or a
// Kubernetes ConfigMap or Secret volume mounted below Kong's Lua tree. Like a Dockerfile COPY to
// the same place (./dockerfile.ts noteKongTreeWrite), the copy was taken from one release, and the
// container keeps running it whatever image it starts: after the upgrade the node runs a mix of
// two releases. Read for rules/platform/patched-kong-files.ts.

import { KONG_IMAGES } from '../../knowledge/platform/images';
import type { FileOrigin } from '../../model/origin';
import type { ContainerEnv } from './container-env';
import type { KongImageRef, KongTreeMount } from './image-ref';
import { describeObjectKey } from './kubernetes-mounts';

/** The mounts of one container that land below Kong's Lua tree; the tree itself is left alone. */
export function kongTreeMountsOf(container: ContainerEnv): KongTreeMount[] {
  // A one-shot container (kong migrations) runs no node: what it mounts serves no traffic.
  if (container.oneShot) return [];
  const out: KongTreeMount[] = [];
  for (const mount of container.mounts ?? []) {
    const path = belowKongTree(mount.target);
    if (path) out.push({ path, source: mount.source, user: container.unit, origin: mount.origin });
  }
  for (const mount of container.objectMounts ?? []) {
    const path = belowKongTree(mount.target);
    if (!path) continue;
    const source = mount.subPath ? describeObjectKey({ mount, key: mount.subPath }) : `${mount.kind} ${mount.name}`;
    out.push({ path, source, user: container.unit, origin: mount.origin });
  }
  return out;
}

/**
 * Puts on each Kong image reference the tree mounts of the containers that run it (matched by the
 * line of their `image:`, as ./image-users.ts matches them).
 */
export function attachKongTreeMounts(images: readonly KongImageRef[], containers: readonly ContainerEnv[]): void {
  const byLine = new Map<string, KongTreeMount[]>();
  for (const container of containers) {
    if (!container.imageOrigin) continue;
    const mounts = kongTreeMountsOf(container);
    if (mounts.length === 0) continue;
    const key = lineKey(container.imageOrigin);
    byLine.set(key, [...(byLine.get(key) ?? []), ...mounts]);
  }
  if (byLine.size === 0) return;
  for (const image of images) {
    if (image.via === 'dockerfile') continue;
    const mounts = byLine.get(lineKey(image.origin));
    if (mounts) image.mountsKongTree = mounts;
  }
}

/** `vaults/hcv/approle.lua` for a target inside Kong's Lua tree; undefined outside it, or for the tree itself. */
function belowKongTree(target: string): string | undefined {
  const tree = KONG_IMAGES.luaTree;
  if (!target.startsWith(tree)) return undefined;
  const path = target.slice(tree.length).replace(/\/+$/, '');
  return path || undefined;
}

const lineKey = (origin: FileOrigin) => `${origin.line}\u0000${origin.file}`;
