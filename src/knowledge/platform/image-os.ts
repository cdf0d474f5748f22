// The base OS of Kong's own images, per repository, tag suffix and release: what a node that runs
// an official image runs on, and what it will run on once the tag moves to the target release.
// Kong picks the base of each image, so for such a node the OS questions of the support tables
// are answered by these facts instead of by --os or --host. Data only; read by
// src/inputs/platform.ts and rules/platform/os-support.ts.
//
// Two pipelines build the images: the Docker official image `kong` (library/kong) comes from
// Kong/docker-kong's per-OS folders through docker-library/official-images; `kong/kong` and
// `kong/kong-gateway` come from Kong's own release matrix (Kong/kong .github/matrix-full.yml,
// the same matrix the Enterprise changelog reports changes of). Ranges not listed are unknown,
// and an unknown base keeps the OS questions open rather than guessing.

import type { FactSource } from '../../model/source';
import { KongVersion } from '../../version/kong-version';

export interface ImageBase {
  /** As the support tables name it (`Ubuntu`, `Debian`, `RHEL`, `Amazon Linux`, `Alpine`). */
  os: string;
  /** `22.04`, `12`, `9`; absent when only the distribution is established. */
  version?: string;
}

interface BaseRange extends ImageBase {
  /** `library` (Docker official image `kong`) or `kong` (Kong's `kong/kong`, `kong/kong-gateway`). */
  pipeline: 'library' | 'kong';
  /** Which repositories of that pipeline; both when absent. */
  edition?: 'oss' | 'enterprise';
  /** The tag suffix; `''` for tags without one. */
  suffix: string;
  /** First release with this base (open-source or Enterprise numbering, compared by parts). */
  from: string;
  /** First release without it. */
  before?: string;
  source: string;
}

const MATRIX = (tag: string) => `Kong/kong:.github/matrix-full.yml@${tag}`;
const GW_CHANGELOG = 'Kong/developer.konghq.com:app/_data/changelogs/gateway.json@bc1cd7426';

const RANGES: readonly BaseRange[] = [
  // Docker official image `kong`: the `ubuntu` folder serves `-ubuntu` and, from 3.2.2, the
  // unsuffixed tags too (the library file lists `3.2.2-ubuntu, 3.2.2, 3.2`); 3.9 moved to noble.
  { pipeline: 'library', suffix: 'ubuntu', from: '3.0.0', before: '3.2.0', os: 'Ubuntu', version: '20.04', source: 'Kong/docker-kong:ubuntu/Dockerfile@3.0.0 (FROM ubuntu:focal); Kong/official-images:library/kong@e1717d5ed (3.0.x, 3.1.x -ubuntu)' },
  { pipeline: 'library', suffix: 'ubuntu', from: '3.2.0', before: '3.9.0', os: 'Ubuntu', version: '22.04', source: 'Kong/docker-kong:ubuntu/Dockerfile@3.2.2..3.8.0 (FROM ubuntu:jammy); Kong/official-images:library/kong@cb9e20a90' },
  { pipeline: 'library', suffix: '', from: '3.2.0', before: '3.9.0', os: 'Ubuntu', version: '22.04', source: 'Kong/official-images:library/kong@cb9e20a90 (unsuffixed 3.2.2 to 3.8.0 from ubuntu/); Kong/docker-kong:ubuntu/Dockerfile@3.8.0' },
  { pipeline: 'library', suffix: 'ubuntu', from: '3.9.0', before: '3.10.0', os: 'Ubuntu', version: '24.04', source: 'Kong/docker-kong:ubuntu/Dockerfile@3.9.0 (FROM ubuntu:noble); Kong/official-images:library/kong@25ebf49ca (3.9.0, 3.9, 3, latest from ubuntu/)' },
  { pipeline: 'library', suffix: '', from: '3.9.0', before: '3.10.0', os: 'Ubuntu', version: '24.04', source: 'Kong/official-images:library/kong@25ebf49ca; Kong/docker-kong:ubuntu/Dockerfile@3.9.0 (FROM ubuntu:noble)' },
  { pipeline: 'library', suffix: 'alpine', from: '2.0.0', before: '3.2.0', os: 'Alpine', source: 'Kong/official-images:library/kong@e1717d5ed (3.1.1-alpine, 3.1.1, 3.1 from alpine/; the last ones)' },
  { pipeline: 'library', suffix: '', from: '2.0.0', before: '3.2.0', os: 'Alpine', source: 'Kong/official-images:library/kong@e1717d5ed (unsuffixed 3.1.1, 3.0.2, 2.8.3 from alpine/)' },

  // Kong's release matrix: build-images base-image per label.
  { pipeline: 'kong', suffix: 'ubuntu', from: '3.2.0', before: '3.9.0', os: 'Ubuntu', version: '22.04', source: `${MATRIX('3.2.0')} .. ${MATRIX('3.8.0')} (ubuntu: ubuntu:22.04)` },
  { pipeline: 'kong', suffix: 'ubuntu', from: '3.9.0', before: '3.10.0', os: 'Ubuntu', version: '24.04', source: `${MATRIX('3.9.0')} (ubuntu: ubuntu:24.04); ${GW_CHANGELOG} 3.9.0.0 "Add Ubuntu 24.04 (Noble Numbat) to build"` },
  // Later Enterprise -ubuntu images: the tables mark both 22.04 and 24.04 with the ubuntu tag,
  // and no source at hand says which one the image uses.
  { pipeline: 'kong', edition: 'enterprise', suffix: 'ubuntu', from: '3.10.0.0', os: 'Ubuntu', source: 'Kong/developer.konghq.com:app/_data/support/packages.yml@bc1cd7426 (docker_tag ubuntu on 22.04 and 24.04)' },
  // Unsuffixed tags: Ubuntu-based from 3.2.1.0 on Enterprise (Debian from 3.0.0.0 before that);
  // the open-source kong/kong matrix releases the ubuntu label as the convenience tag from 3.4.
  { pipeline: 'kong', edition: 'enterprise', suffix: '', from: '2.0.0.0', before: '3.0.0.0', os: 'Alpine', source: `${GW_CHANGELOG} 3.0.0.0 (convenience tags Alpine -> Debian: Alpine-based before)` },
  { pipeline: 'kong', edition: 'enterprise', suffix: '', from: '3.0.0.0', before: '3.2.1.0', os: 'Debian', source: `${GW_CHANGELOG} 3.0.0.0 (convenience tags Alpine -> Debian)` },
  { pipeline: 'kong', edition: 'enterprise', suffix: '', from: '3.2.1.0', before: '3.9.0.0', os: 'Ubuntu', version: '22.04', source: `${GW_CHANGELOG} 3.2.1.0 (convenience tags Debian -> Ubuntu); ${MATRIX('3.4.0')} (ubuntu: ubuntu:22.04)` },
  { pipeline: 'kong', edition: 'enterprise', suffix: '', from: '3.9.0.0', before: '3.10.0.0', os: 'Ubuntu', version: '24.04', source: `${MATRIX('3.9.0')}; ${GW_CHANGELOG} 3.9.0.0` },
  { pipeline: 'kong', edition: 'enterprise', suffix: '', from: '3.10.0.0', os: 'Ubuntu', source: `${GW_CHANGELOG} 3.2.1.0 (convenience tags Ubuntu-based); Kong/developer.konghq.com:app/_data/support/packages.yml@bc1cd7426` },
  { pipeline: 'kong', edition: 'oss', suffix: '', from: '3.4.0', before: '3.9.0', os: 'Ubuntu', version: '22.04', source: `https://developer.konghq.com/gateway/breaking-changes/ (3.4: convenience tags Ubuntu-based); ${MATRIX('3.4.0')}` },
  { pipeline: 'kong', edition: 'oss', suffix: '', from: '3.9.0', before: '3.10.0', os: 'Ubuntu', version: '24.04', source: MATRIX('3.9.0') },
  // Debian: 11 until the Debian 12 rebuilds (3.4.3.3, 3.5.0.3, 3.6.0.0 on Enterprise; 3.6.0 open source).
  { pipeline: 'kong', edition: 'oss', suffix: 'debian', from: '3.2.0', before: '3.6.0', os: 'Debian', version: '11', source: `${MATRIX('3.2.0')} .. ${MATRIX('3.5.0')} (debian: debian:11-slim)` },
  { pipeline: 'kong', edition: 'oss', suffix: 'debian', from: '3.6.0', before: '3.10.0', os: 'Debian', version: '12', source: `${MATRIX('3.6.0')} .. ${MATRIX('3.9.3')} (debian: debian:12-slim)` },
  { pipeline: 'kong', edition: 'enterprise', suffix: 'debian', from: '3.2.0.0', before: '3.4.3.3', os: 'Debian', version: '11', source: `${MATRIX('3.2.0')} .. ${MATRIX('3.4.0')} (debian: debian:11-slim)` },
  { pipeline: 'kong', edition: 'enterprise', suffix: 'debian', from: '3.4.3.3', before: '3.5.0.0', os: 'Debian', version: '12', source: `${GW_CHANGELOG} 3.4.3.3 (debian variant built on Debian 12)` },
  { pipeline: 'kong', edition: 'enterprise', suffix: 'debian', from: '3.5.0.0', before: '3.5.0.3', os: 'Debian', version: '11', source: MATRIX('3.5.0') },
  { pipeline: 'kong', edition: 'enterprise', suffix: 'debian', from: '3.5.0.3', before: '3.10.0.0', os: 'Debian', version: '12', source: `${GW_CHANGELOG} 3.5.0.3, 3.6.0.0 (debian variant built on Debian 12); ${MATRIX('3.9.3')}` },
  { pipeline: 'kong', edition: 'enterprise', suffix: 'debian', from: '3.10.0.0', os: 'Debian', source: 'Kong/developer.konghq.com:app/_data/support/packages.yml@bc1cd7426 (docker_tag debian on 11 and 12)' },
  // RHEL: UBI 8 until 3.4 moved the -rhel tag to UBI 9.
  { pipeline: 'kong', suffix: 'rhel', from: '3.2.0', before: '3.4.0', os: 'RHEL', version: '8', source: `${MATRIX('3.2.0')}, ${MATRIX('3.3.0')} (rhel: ubi8)` },
  { pipeline: 'kong', suffix: 'rhel', from: '3.4.0', os: 'RHEL', version: '9', source: `${MATRIX('3.4.0')} .. ${MATRIX('3.9.3')} (rhel: ubi9); ${GW_CHANGELOG} 3.4.0.0 (RHEL 8 image replaced by RHEL 9)` },
  { pipeline: 'kong', suffix: 'alpine', from: '3.2.0', before: '3.4.0', os: 'Alpine', source: `${MATRIX('3.2.0')}, ${MATRIX('3.3.0')} (alpine: alpine:3.16; label gone at 3.4.0)` },
  // The Amazon Linux tags name their release.
  { pipeline: 'kong', edition: 'enterprise', suffix: 'amazonlinux-2', from: '3.0.0.0', os: 'Amazon Linux', version: '2', source: 'Kong/developer.konghq.com:app/_data/support/packages.yml@bc1cd7426 (docker_tag amazonlinux-2)' },
  { pipeline: 'kong', edition: 'enterprise', suffix: 'amazonlinux-2023', from: '3.0.0.0', os: 'Amazon Linux', version: '2023', source: 'Kong/developer.konghq.com:app/_data/support/packages.yml@bc1cd7426 (docker_tag amazonlinux-2023)' },
];

export const IMAGE_OS_SOURCES: readonly FactSource[] = [
  { kind: 'repo', ref: 'Kong/kong:.github/matrix-full.yml@3.2.0..3.9.3', note: 'build-images base-image per label: ubuntu 22.04 -> 24.04 at 3.9.0, debian 11 -> 12 at 3.6.0, rhel ubi8 -> ubi9 at 3.4.0, alpine until 3.3' },
  { kind: 'repo', ref: 'Kong/docker-kong:ubuntu/Dockerfile@3.0.0..3.9.0', note: 'FROM ubuntu:focal (3.0, 3.1), jammy (3.2.2 to 3.8.0), noble (3.9.0)' },
  { kind: 'repo', ref: 'Kong/official-images:library/kong@25ebf49ca', note: 'Docker official image tags per folder: 3.9.0, 3.9, 3, latest from ubuntu/' },
  { kind: 'changelog', ref: `${GW_CHANGELOG}`, note: '3.0.0.0 and 3.2.1.0 convenience tag bases; 3.4.3.3/3.5.0.3/3.6.0.0 debian variant on Debian 12; 3.9.0.0 Ubuntu 24.04' },
];

/** Which pipeline builds an image repository (registry host already removed). */
function pipelineOf(name: string): BaseRange['pipeline'] | undefined {
  if (name === 'kong' || name === 'library/kong') return 'library';
  if (name === 'kong/kong' || name === 'kong/kong-gateway') return 'kong';
  return undefined;
}

/**
 * The base OS of Kong's image `name:version[-suffix]`, or undefined when the facts do not cover
 * that release or suffix. `suffix` is `''` for a tag without one.
 */
export function officialImageBase(image: { name: string; edition: 'oss' | 'enterprise'; suffix: string; version: KongVersion }): ImageBase | undefined {
  const pipeline = pipelineOf(image.name);
  if (!pipeline) return undefined;
  const found = RANGES.find((r) => r.pipeline === pipeline && r.suffix === image.suffix && (!r.edition || r.edition === image.edition)
    && image.version.gte(KongVersion.parse(r.from)) && (!r.before || image.version.lt(KongVersion.parse(r.before))));
  return found ? { os: found.os, ...(found.version ? { version: found.version } : {}) } : undefined;
}

/** `Ubuntu 22.04`, or `Ubuntu` when only the distribution is known. */
export function describeBase(base: ImageBase): string {
  return base.version ? `${base.os} ${base.version}` : base.os;
}
