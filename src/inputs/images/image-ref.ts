// A container image reference that names Kong Gateway, read into the parts the image checks
// need: the repository, the version the tag implies, the OS flavour suffix and the edition.

import { KONG_IMAGES, type ImageFlavour } from '../../knowledge/platform/images';
import type { FileOrigin } from '../../model/origin';
import { KongVersion } from '../../version/kong-version';

export interface KongImageRef {
  /** As written (`kong/kong-gateway:2.8.4.1-alpine`). */
  reference: string;
  /** Registry host removed (`kong/kong-gateway`). */
  name: string;
  tag?: string;
  /** The version part of the tag (`2.8.4.1`), when the tag starts with one. */
  version?: KongVersion;
  /** The OS suffix of the tag, when known (`alpine`, `rhel`). */
  flavour?: ImageFlavour;
  /** A suffix that is not a known flavour (`-custom`), kept for messages. */
  unknownSuffix?: string;
  edition: 'enterprise' | 'oss';
  origin: FileOrigin;
  /** Where the reference was found. */
  via: 'dockerfile' | 'compose' | 'manifest' | 'helm-values';
  /** A Dockerfile stage built on this image runs `apk` (Alpine's package manager). */
  usesApk?: boolean;
}

/** `docker.io/kong/kong-gateway` -> `kong/kong-gateway`. */
export function stripRegistry(repository: string): string {
  const parts = repository.split('/');
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) parts.shift();
  return parts.join('/');
}

/** Reads a reference when it names a Kong Gateway image; undefined otherwise. */
export function parseKongImage(reference: string, origin: FileOrigin, via: KongImageRef['via']): KongImageRef | undefined {
  const withoutDigest = reference.split('@')[0];
  const colon = withoutDigest.lastIndexOf(':');
  const hasTag = colon > withoutDigest.lastIndexOf('/');
  const repository = hasTag ? withoutDigest.slice(0, colon) : withoutDigest;
  const name = stripRegistry(repository).toLowerCase();
  const enterprise = (KONG_IMAGES.enterprise as readonly string[]).includes(name);
  if (!enterprise && !(KONG_IMAGES.oss as readonly string[]).includes(name)) return undefined;
  const tag = hasTag ? withoutDigest.slice(colon + 1) : undefined;
  const ref: KongImageRef = { reference, name, ...(tag ? { tag } : {}), edition: enterprise ? 'enterprise' : 'oss', origin, via };
  if (!tag) return ref;
  const match = /^(\d+(?:\.\d+){0,3})(?:-(.+))?$/.exec(tag);
  const suffix = match ? match[2] : tag;
  if (match) {
    const version = KongVersion.tryParse(match[1]);
    if (version) ref.version = version;
  }
  if (suffix) {
    const flavour = KONG_IMAGES.flavours.find((f) => f.suffix === suffix.toLowerCase());
    if (flavour) ref.flavour = flavour;
    else if (match) ref.unknownSuffix = suffix;
  }
  return ref;
}
