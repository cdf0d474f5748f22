// A container image reference that names the Kong Ingress Controller (KIC), read into the
// controller version its tag implies. Kept apart from the gateway images (./image-ref.ts): a
// controller tag says nothing about the Kong version the path starts from.

import type { FileOrigin } from '../../model/origin';
import { KongVersion } from '../../version/kong-version';
import { stripRegistry, type ImageUser } from './image-ref';

/**
 * Repositories of the controller: Docker Hub's `kong/kubernetes-ingress-controller` (the Helm
 * chart's default, and the deploy/ manifests from 1.x on), its unreleased builds
 * `kong/nightly-ingress-controller` (a version only through the chart's effectiveSemver), and the
 * Bintray registry the 0.x manifests pulled from (deploy/ at tag 0.8.0), matched with its host
 * because `kong-ingress-controller` alone is too common a name.
 */
const CONTROLLER_REPOSITORIES = ['kong/kubernetes-ingress-controller', 'kong/nightly-ingress-controller'];
const CONTROLLER_FULL_REPOSITORIES = ['kong-docker-kubernetes-ingress-controller.bintray.io/kong-ingress-controller'];

export interface ControllerImageRef {
  /** As written, variables substituted (`kong/kubernetes-ingress-controller:2.12`). */
  reference: string;
  tag?: string;
  /** The controller version the tag names (`2.12`, `0.8.0`), when it names one of two fields or more. */
  version?: KongVersion;
  /** Why no version could be read: a floating tag (`3`, `latest`), no tag, or a variable without value. */
  noVersion?: string;
  origin: FileOrigin;
  via: 'compose' | 'manifest' | 'helm-values';
  /** The Helm values leave the tag to the chart: the release whose default it is, and where it is named. */
  chartDefault?: string;
  /** The compose services or Kubernetes containers that run this reference (./image-users.ts). */
  users?: ImageUser[];
}

/** Reads a reference when it names the controller's image; undefined otherwise. */
export function parseControllerImage(reference: string, origin: FileOrigin, via: ControllerImageRef['via'], unresolved: readonly string[] = []): ControllerImageRef | undefined {
  const withoutDigest = reference.split('@')[0];
  const colon = withoutDigest.lastIndexOf(':');
  const hasTag = colon > withoutDigest.lastIndexOf('/');
  const repository = (hasTag ? withoutDigest.slice(0, colon) : withoutDigest).toLowerCase();
  if (!CONTROLLER_REPOSITORIES.includes(stripRegistry(repository)) && !CONTROLLER_FULL_REPOSITORIES.includes(repository)) return undefined;
  const tag = hasTag ? withoutDigest.slice(colon + 1) : undefined;
  const ref: ControllerImageRef = { reference, ...(tag ? { tag } : {}), origin, via };
  if (unresolved.length > 0) {
    ref.noVersion = `its tag depends on ${unresolved.join(', ')}, which has no value here`;
    return ref;
  }
  if (!tag) {
    ref.noVersion = 'it names no tag (the registry\'s `latest`)';
    return ref;
  }
  return withTagVersion(ref, tag);
}

/** The version a tag names: `2.12`, `2.12.3`, `v0.8.0`, `3.4.1-redhat`; one field (`3`) floats. */
export function withTagVersion<T extends { version?: KongVersion; noVersion?: string }>(ref: T, tag: string): T {
  const match = /^v?(\d+(?:\.\d+){0,2})(?:-.+)?$/.exec(tag);
  if (match && match[1].includes('.')) ref.version = KongVersion.parse(match[1]);
  else ref.noVersion = match ? `\`${tag}\` is a floating tag that follows the newest ${match[1]}.x release` : `\`${tag}\` names no version`;
  return ref;
}

/**
 * The chart's `ingressController.image.effectiveSemver`: the version to assume when the tag is not
 * one (a `next` or custom build), as Kong's chart documents it (values.yaml, ingressController.image).
 */
export function withEffectiveSemver(ref: ControllerImageRef, semver: string | undefined): ControllerImageRef {
  if (ref.version || !semver) return ref;
  const version = KongVersion.tryParse(semver.replace(/^v/, '').split('-')[0]);
  if (!version || version.precision === 'major') return ref;
  const read: ControllerImageRef = { ...ref, version };
  delete read.noVersion;
  return read;
}
