// The OS a node that runs one of Kong's images is on, before and after the upgrade: the image's
// own base, and the base of the same repository and tag suffix at each release the path installs.
// Derived only for an image of Kong's (or a Dockerfile FROM one) whose tag names a release, and
// only when the facts name every base on the path: otherwise the OS stays a question for --os.

import { describeBase, officialImageBase, type ImageBase } from '../../knowledge/platform/image-os';
import type { Plan } from '../../plan/types';
import type { KongVersion } from '../../version/kong-version';
import { describeImage, type KongImageRef } from './image-ref';

export interface ImageOsHop {
  /** The release this hop installs. */
  to: KongVersion;
  base: ImageBase;
}

export interface ImageOs {
  /** The image the node runs. */
  image: KongImageRef;
  /** Its base, when the facts cover its release. */
  current?: ImageBase;
  /** The base of the image each hop moves to, in path order. */
  hops: ImageOsHop[];
}

/** The OS questions answered by the running image, or why they cannot be. */
export function imageOsOnPath(running: readonly KongImageRef[], plan: Plan): { imageOs: ImageOs } | { why: string } {
  const distinct = running.filter((image, i) => running.findIndex((other) => other.reference === image.reference) === i);
  if (distinct.length !== 1) return { why: `the Kong images ${distinct.map((i) => i.reference).join(', ')} differ, so which base the node runs on is unknown` };
  const image = distinct[0];
  const named = describeImage(image);
  if (image.unresolvedVariables || !image.version || image.unknownSuffix) return { why: `the image ${named} names no exact release and OS suffix` };
  const suffix = image.flavour?.suffix ?? '';
  const of = (version: KongVersion) => officialImageBase({ name: image.name, edition: image.edition, suffix, version });
  const hops: ImageOsHop[] = [];
  for (const hop of plan.hops) {
    const base = of(hop.toVersion);
    if (!base) return { why: `the base OS of ${image.name}${suffix ? ` with the -${suffix} suffix` : ''} at ${hop.toVersion} is not known here (or Kong publishes no such image)` };
    hops.push({ to: hop.toVersion, base });
  }
  const current = of(image.version);
  return { imageOs: { image, ...(current ? { current } : {}), hops } };
}

/** `kong:3.4.2 at compose.yml:5 (Ubuntu 22.04)`, for the inputs list. */
export function describeImageOs(imageOs: ImageOs): string {
  const target = imageOs.hops.at(-1)?.base;
  const now = imageOs.current ? describeBase(imageOs.current) : 'base not known';
  return `${describeImage(imageOs.image)} (${now}${target ? `; ${describeBase(target)} at the target` : ''})`;
}
