// Facts about Kong's container images: which repositories are Kong Gateway, which tag suffixes
// name which base OS, and the convenience tags' base. Data only; read by src/inputs/images and
// rules/platform/image-tag.ts.

import type { FactSource } from '../../model/source';

export interface ImageFlavour {
  /** The tag suffix after the version (`3.4.1.0-rhel`). */
  suffix: string;
  /** The OS as the support tables name it, and the version when the suffix pins one. */
  os: string;
  osVersion?: string;
}

export const KONG_IMAGES = {
  /** Repositories (registry host removed) that hold Kong Gateway; Enterprise ones first. */
  enterprise: ['kong/kong-gateway'],
  oss: ['kong', 'library/kong', 'kong/kong'],
  /** Tag suffixes and the OS each stands for (developer packages.yml docker_tag; alpine and centos from the changelogs). */
  flavours: [
    { suffix: 'alpine', os: 'Alpine' },
    { suffix: 'ubuntu', os: 'Ubuntu' },
    { suffix: 'debian', os: 'Debian' },
    { suffix: 'rhel', os: 'RHEL' },
    { suffix: 'centos', os: 'CentOS' },
    { suffix: 'amazonlinux-2', os: 'Amazon Linux', osVersion: '2' },
    { suffix: 'amazonlinux-2023', os: 'Amazon Linux', osVersion: '2023' },
    { suffix: 'distroless', os: 'Distroless' },
  ] satisfies ImageFlavour[],
  /** Tags without a suffix (`kong:2.8`) were Alpine-based before 3.4 and Ubuntu-based from 3.4. */
  convenienceBase: [
    { before: '3.4.0.0', os: 'Alpine' },
    { from: '3.4.0.0', os: 'Ubuntu' },
  ],
  /** The `-rhel` tag moved from UBI 8 to UBI 9 in 3.4 under the same name. */
  rhelBaseChange: { in: '3.4.0.0', before: 'UBI 8', after: 'UBI 9' },
  sources: [
    { kind: 'repo', ref: 'Kong/developer.konghq.com:app/_data/support/packages.yml@bc1cd74260f0bddb06dcf004c9c34b53bb870c1a', note: 'docker_tag per OS: ubuntu, debian, rhel, amazonlinux-2, amazonlinux-2023, distroless' },
    { kind: 'docs', ref: 'https://developer.konghq.com/gateway/breaking-changes/', note: '3.4: Alpine images discontinued, convenience tags now Ubuntu-based' },
    { kind: 'changelog', ref: 'Kong/docs.konghq.com:app/gateway/changelog.md@fb0334b0 (3.4.0.0: -rhel images built on UBI 9; 2.8.0.0: no new OSS CentOS images)' },
    { kind: 'repo', ref: 'Kong/kong:.github/matrix-full.yml@3.3.0 vs @3.4.0 (rhel base ubi8 -> ubi9; alpine label gone)' },
    { kind: 'repo', ref: 'Kong/charts:charts/kong/values.yaml@e76b8003 (image.repository kong; Enterprise kong/kong-gateway)' },
    { kind: 'repo', ref: 'Kong/official-images:library/kong@b2d57525', note: 'Tags: 3.7.1-ubuntu, 3.7-ubuntu, 3.7.1, 3.7, 3, latest, ubuntu and 2.8.5-alpine, 2.8-alpine, 2.8.5, 2.8, 2: one-field tags float' },
    { kind: 'repo', ref: 'Kong/docker-kong:compose/docker-compose.yml@d1ed165b', note: 'image: "${KONG_DOCKER_TAG:-kong:latest}": compose substitutes the default when the variable is unset or empty' },
  ] satisfies FactSource[],
} as const;
