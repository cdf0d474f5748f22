// Breaking changes and known issues that only concern some CPU architectures and base OSes. When
// the node's OS or architecture is known and lies outside them, src/engine/manual-review.ts sets
// the change aside instead of asking for a review by hand; unknown keeps it listed.

import type { FactSource } from '../../model/source';
import type { ImageBase } from './image-os';

export interface PlatformScopedChange {
  /** The catalogue id (src/knowledge/breaking-changes). */
  id: string;
  /** The architecture concerned, as Node names it (`arm64`, `x64`). */
  arch: string;
  /** The OS releases concerned, as the support tables name them. */
  bases: readonly Required<ImageBase>[];
  /** OS releases where the change holds on any architecture: never set aside there. */
  anyArchBases?: readonly Required<ImageBase>[];
  sources: FactSource[];
}

export const PLATFORM_SCOPED_CHANGES: readonly PlatformScopedChange[] = [
  {
    // Kong's build left ngx_brotli out on these ARM64 targets; the other builds carry it.
    id: 'known-issue-arm64-brotli-missing',
    arch: 'arm64',
    bases: [
      { os: 'RHEL', version: '9' },
      { os: 'Debian', version: '12' },
      { os: 'Amazon Linux', version: '2' },
      { os: 'Amazon Linux', version: '2023' },
    ],
    // The same 3.6.0.0 build change left Brotli out of the RHEL 7 packages too, x86 included.
    anyArchBases: [{ os: 'RHEL', version: '7' }],
    sources: [
      { kind: 'repo', ref: 'Kong/developer.konghq.com:app/gateway/breaking-changes.md@bc1cd742', note: 'known issues 3.6.0.0 to 3.11.0.0: Brotli missing from the ARM64 RHEL 9, Debian 12, Amazon Linux 2 and 2023 images' },
      { kind: 'repo', ref: 'Kong/developer.konghq.com:app/_data/changelogs/gateway.json@bc1cd742', note: '3.6.0.0: ngx_brotli disabled on rhel7, rhel9-arm64 and amazonlinux-2023-arm64 for toolchain reasons' },
    ],
  },
];
