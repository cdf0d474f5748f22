// A container image reference that names Kong Gateway, read into the parts the image checks
// need: the repository, the version the tag implies, the OS flavour suffix and the edition.

import { KONG_IMAGES, type ImageFlavour } from '../../knowledge/platform/images';
import type { FileOrigin } from '../../model/origin';
import { KongVersion } from '../../version/kong-version';
import type { Interpolated } from './interpolate';

export interface KongImageRef {
  /** As written (`kong/kong-gateway:2.8.4.1-alpine`). */
  reference: string;
  /** Registry host removed (`kong/kong-gateway`). */
  name: string;
  tag?: string;
  /** The version part of the tag (`2.8.4.1`), when the tag starts with one of at least two fields. */
  version?: KongVersion;
  /**
   * The major of a one-field tag (`kong:3`): a floating tag that follows the newest release of
   * that major (Kong/official-images library/kong lists `3` with the newest 3.x and `2` with
   * 2.8.5), so it names no exact version, like `latest`.
   */
  floatingMajor?: number;
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
  /** A Dockerfile stage built on this image runs `yum` or `dnf` (CentOS/RHEL package managers). */
  usesYum?: boolean;
  /**
   * COPY and ADD steps of a Dockerfile stage built on this image that write into Kong's own Lua
   * tree (`/usr/local/share/lua/5.1/kong/templates/kong_defaults.lua`), with the path under
   * `kong/` they write (./dockerfile.ts).
   */
  writesKongTree?: { instruction: 'COPY' | 'ADD'; path: string; origin: FileOrigin }[];
  /**
   * Compose bind mounts and Kubernetes ConfigMap or Secret volumes of the containers that run this
   * image, mounted below Kong's own Lua tree (./kong-tree-mounts.ts).
   */
  mountsKongTree?: KongTreeMount[];
  /**
   * Set when the image only feeds an earlier stage of a multi-stage Dockerfile (`FROM kong:2.8 AS
   * build`): the container runs the last stage, so this tag says nothing about the running version.
   */
  buildStage?: string;
  /** The reference as written, when variables were substituted (`${KONG_DOCKER_TAG:-kong:2.8.1}`). */
  written?: string;
  /** Variables taken as unset to read the reference (their defaults applied). */
  assumedUnset?: string[];
  /** Variables whose values came from the check's environment (a compose file's `${KONG_IMAGE}`). */
  fromEnvironment?: string[];
  /** Variables in the tag with no value or default here (`kong:${KONG_VERSION}`): the version is unknown. */
  unresolvedVariables?: string[];
  /**
   * Who named the version the path starts from, for messages that compare it with this tag:
   * `--from`, the database, or an image (`image kong:3.5 at compose.yml:25`). Set by the
   * installation once the path is known; absent means --from.
   */
  pathFromSaidBy?: string;
  /**
   * The compose services, Kubernetes containers or Dockerfile stage that run or build on this
   * reference, in file order: one `image:` line read through a YAML anchor serves several.
   */
  users?: ImageUser[];
}

/** Who uses an image reference, for findings that name them (./image-users.ts). */
export interface ImageUser {
  kind: 'service' | 'container' | 'stage';
  /** `kong` (service), `proxy of Deployment kong` (container), `build` (stage); absent for an unnamed stage. */
  name?: string;
  /** Where the user is declared (the service key, the container, the FROM line). */
  origin: FileOrigin;
}

/** A mount of a container that lays a project file over a path of Kong's Lua tree. */
export interface KongTreeMount {
  /** The path below `kong/` it covers (`vaults/hcv/approle.lua`). */
  path: string;
  /** What is mounted: the host path (compose), or `ConfigMap NAME (key KEY)` (Kubernetes). */
  source: string;
  /** `service kong`, `Deployment kong (container proxy)`. */
  user: string;
  /** The `volumes:` or `volumeMounts` entry. */
  origin: FileOrigin;
}

/** `kong:2.8.1 (written ${TAG:-kong:2.8.1}, TAG taken as unset) at compose.yml:4`, for reasons and messages. */
export function describeImage(image: KongImageRef): string {
  const notes = [
    ...(image.fromEnvironment?.length ? [`${image.fromEnvironment.join(', ')} from the check's environment`] : []),
    ...(image.assumedUnset?.length ? [`${image.assumedUnset.join(', ')} taken as unset`] : []),
  ];
  const written = image.written ? ` (written \`${image.written}\`${notes.map((note) => `, ${note}`).join('')})` : '';
  return `${image.reference}${written} at ${image.origin.file}:${image.origin.line}`;
}

/** `docker.io/kong/kong-gateway` -> `kong/kong-gateway`. */
export function stripRegistry(repository: string): string {
  const parts = repository.split('/');
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) parts.shift();
  return parts.join('/');
}

/**
 * The Kong repository a path names: one of Kong's own, or one of those with two or more segments
 * behind a mirror's path (`dockerhub-proxy/kong/kong-gateway` in a Harbor proxy cache,
 * `mirror/library/kong`): registry mirrors and pull-through caches keep the upstream path under a
 * project of their own. A lone `kong` under another owner (`bitnami/kong`) is someone else's build
 * with its own tags, and stays unknown.
 */
function kongRepositoryOf(path: string): string | undefined {
  const own = [...KONG_IMAGES.enterprise, ...KONG_IMAGES.oss] as readonly string[];
  if (own.includes(path)) return path;
  return own.find((repository) => repository.includes('/') && path.endsWith(`/${repository}`));
}

/** Reads a reference when it names a Kong Gateway image; undefined otherwise. */
export function parseKongImage(reference: string, origin: FileOrigin, via: KongImageRef['via']): KongImageRef | undefined {
  // No image reference holds blanks, quotes or `=` (a broken quote that ran a FROM line into the
  // next instruction): reading one as a tag would quote the rest of the file, secrets included.
  if (/[\s"'=]/.test(reference)) return undefined;
  const withoutDigest = reference.split('@')[0];
  const colon = withoutDigest.lastIndexOf(':');
  const hasTag = colon > withoutDigest.lastIndexOf('/');
  const repository = hasTag ? withoutDigest.slice(0, colon) : withoutDigest;
  const name = kongRepositoryOf(stripRegistry(repository).toLowerCase());
  if (name === undefined) return undefined;
  const enterprise = (KONG_IMAGES.enterprise as readonly string[]).includes(name);
  const tag = hasTag ? withoutDigest.slice(colon + 1) : undefined;
  const ref: KongImageRef = { reference, name, ...(tag ? { tag } : {}), edition: enterprise ? 'enterprise' : 'oss', origin, via };
  if (!tag) return ref;
  const match = /^(\d+(?:\.\d+){0,3})(?:-(.+))?$/.exec(tag);
  const suffix = match ? match[2] : tag;
  if (match && !match[1].includes('.')) {
    ref.floatingMajor = Number(match[1]);
  } else if (match) {
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

/** An image reference that depends on a variable nobody gives a value or default to. */
export interface UnresolvedImage {
  written: string;
  origin: FileOrigin;
  variables: string[];
}

/**
 * A reference after substitution: a Kong image, or nothing. A reference that only a variable
 * without a value could have made a Kong image is noted in `unresolved` rather than skipped silently.
 */
export function readImageReference(written: string, reference: Interpolated, origin: FileOrigin, via: KongImageRef['via'], unresolved: UnresolvedImage[]): KongImageRef | undefined {
  const image = parseKongImage(reference.text, origin, via);
  if (!image) {
    if (reference.unresolved.length > 0 && !/^[^$]*[:@]/.test(reference.text) && !/[\s"'=]/.test(reference.text)) unresolved.push({ written, origin, variables: reference.unresolved });
    return undefined;
  }
  if (reference.text !== written) image.written = written;
  if (reference.assumedUnset.length > 0) image.assumedUnset = reference.assumedUnset;
  if (reference.unresolved.length > 0) image.unresolvedVariables = reference.unresolved;
  return image;
}
