// Breaking changes that only concern Kong installed from a package or built from source, not a
// node that runs one of Kong's images: the upgrade replaces the image with one Kong built from a
// fresh package on a clean base, so there is no earlier install to merge with and no build to redo.
// Read by src/engine/manual-review.ts, which sets them aside for such nodes instead of asking for
// a review by hand.

import type { FactSource } from '../../model/source';

export interface PackageOnlyChange {
  /** The catalogue id (src/knowledge/breaking-changes). */
  id: string;
  /** Why an image-based node is not concerned, in a few words. */
  why: string;
  sources: FactSource[];
}

export const PACKAGE_ONLY_CHANGES: readonly PackageOnlyChange[] = [
  {
    id: 'platform-logrotate-config-preserved',
    why: 'the .deb/.rpm keeps an edited /etc/kong/kong.logrotate on an in-place package upgrade; Kong\'s images install the package once, into a clean base, so no earlier file exists to keep or merge',
    sources: [
      { kind: 'repo', ref: 'Kong/kong:build/package/nfpm.yaml@3.8.0', note: 'kong.logrotate turns into a config|noreplace file (plain file at 3.7.0)' },
      { kind: 'repo', ref: 'Kong/kong:build/dockerfiles/deb.Dockerfile@3.9.0', note: 'the image installs the package into a fresh base image' },
    ],
  },
  {
    id: 'platform-openresty-1-21-4-required',
    why: 'it concerns Kong built from source against a self-built OpenResty; Kong\'s images ship the OpenResty Kong built',
    sources: [
      { kind: 'repo', ref: 'Kong/kong:build/dockerfiles/deb.Dockerfile@3.9.0', note: 'the image installs Kong\'s own package, OpenResty included' },
    ],
  },
];
