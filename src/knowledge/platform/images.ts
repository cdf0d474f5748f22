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
  /**
   * Repositories (registry host removed) that hold Kong Gateway; Enterprise ones first.
   * `kong-enterprise-edition` is the Enterprise image of the Bintray registries Kong's docs
   * pulled from up to 2.x (kong-docker-kong-enterprise-edition-docker.bintray.io).
   */
  enterprise: ['kong/kong-gateway', 'kong-enterprise-edition'],
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
  /**
   * Tags without a suffix (`kong:2.8`) were CentOS-based up to 0.12, Alpine-based from 0.13 and
   * Ubuntu-based from 3.4 (the official-images manifest moved `0.13.0, latest` to alpine/).
   */
  convenienceBase: [
    { before: '0.13.0', os: 'CentOS' },
    { before: '3.4.0.0', os: 'Alpine' },
    { from: '3.4.0.0', os: 'Ubuntu' },
  ],
  /**
   * Where Kong's images (and packages) keep Kong's own Lua code: the LuaRocks tree the entrypoint
   * reads kong/templates/kong_defaults.lua from. Its files are replaced by the release installed.
   */
  luaTree: '/usr/local/share/lua/5.1/kong/',

  /** The `-rhel` tag moved from UBI 8 to UBI 9 in 3.4 under the same name. */
  rhelBaseChange: { in: '3.4.0.0', before: 'UBI 8', after: 'UBI 9' },
  sources: [
    { kind: 'repo', ref: 'Kong/developer.konghq.com:app/_data/support/packages.yml@bc1cd74260f0bddb06dcf004c9c34b53bb870c1a', note: 'docker_tag per OS: ubuntu, debian, rhel, amazonlinux-2, amazonlinux-2023, distroless' },
    { kind: 'docs', ref: 'https://developer.konghq.com/gateway/breaking-changes/', note: '3.4: Alpine images discontinued, convenience tags now Ubuntu-based' },
    { kind: 'changelog', ref: 'Kong/docs.konghq.com:app/gateway/changelog.md@fb0334b0 (3.4.0.0: -rhel images built on UBI 9; 2.8.0.0: no new OSS CentOS images)' },
    { kind: 'repo', ref: 'Kong/kong:.github/matrix-full.yml@3.3.0 vs @3.4.0 (rhel base ubi8 -> ubi9; alpine label gone)' },
    { kind: 'repo', ref: 'Kong/charts:charts/kong/values.yaml@e76b8003 (image.repository kong; Enterprise kong/kong-gateway)' },
    { kind: 'repo', ref: 'Kong/kong:build/dockerfiles/entrypoint.sh@3.9.3', note: 'all_kong_options=/usr/local/share/lua/5.1/kong/templates/kong_defaults.lua (L33)' },
    { kind: 'repo', ref: 'Kong/docs.konghq.com@0a1c4ad8:app/enterprise/2.3.x/deployment/installation/docker.md', note: 'docker pull kong-docker-kong-enterprise-edition-docker.bintray.io/kong-enterprise-edition:<version>-alpine' },
    { kind: 'repo', ref: 'Kong/official-images:library/kong@b2d57525', note: 'Tags: 3.7.1-ubuntu, 3.7-ubuntu, 3.7.1, 3.7, 3, latest, ubuntu and 2.8.5-alpine, 2.8-alpine, 2.8.5, 2.8, 2: one-field tags float' },
    { kind: 'repo', ref: 'Kong/official-images:library/kong@c846e87ab21058ad349a300521a3bc15be2121dc', note: 'Tags: 0.12-centos, 0.12.1-centos, 0.12, 0.12.1, latest from centos/; 0.11, 0.11.2 from centos/ too' },
    { kind: 'repo', ref: 'Kong/official-images:library/kong@df4fcf1b0ff769b2d620074af7fd772cb54ab6bb', note: 'Tags: 0.13.0-alpine, 0.13.0, latest from alpine/: unsuffixed tags Alpine-based from 0.13' },
    { kind: 'repo', ref: 'Kong/docker-kong:Dockerfile@0.11.0', note: 'FROM centos:7 (the 0.11.0 tag; 0.11.0-alpine separate)' },
    { kind: 'repo', ref: 'Kong/docker-kong:compose/docker-compose.yml@d1ed165b', note: 'image: "${KONG_DOCKER_TAG:-kong:latest}": compose substitutes the default when the variable is unset or empty' },
  ] satisfies FactSource[],
} as const;

/**
 * What Kong's images run when nothing replaces their command: `kong docker-start`, which their
 * entrypoint turns into `kong prepare -p $PREFIX` and nginx on that prefix. No `--nginx-conf` is
 * passed, so Kong renders the templates of its own Lua tree, those of the release installed.
 */
export const KONG_IMAGE_COMMAND = {
  command: 'kong docker-start',
  /** The CMD, word by word. */
  words: ['kong', 'docker-start'],
  /**
   * Their ENTRYPOINT scripts: docker-kong's images (Docker Hub `kong`) run /docker-entrypoint.sh,
   * those built from Kong/kong's build/dockerfiles run /entrypoint.sh. Only the script handles
   * `docker-start` (kong/cmd has no such command); another first word it runs as given (`exec "$@"`).
   */
  entrypoints: ['/docker-entrypoint.sh', '/entrypoint.sh'] as readonly string[],
  sources: [
    { kind: 'repo', ref: 'Kong/docker-kong:ubuntu/Dockerfile@d1ed165b', note: 'L55 COPY docker-entrypoint.sh /docker-entrypoint.sh, L59 ENTRYPOINT ["/docker-entrypoint.sh"], L67 CMD ["kong", "docker-start"]' },
    { kind: 'repo', ref: 'Kong/docker-kong:docker-entrypoint.sh@d1ed165b', note: 'L31 `$1 == kong`, L44-45 `$2 == docker-start` runs `kong prepare -p "$PREFIX" "$@"`; L73 otherwise `exec "$@"`' },
    { kind: 'repo', ref: 'Kong/kong:kong/cmd@3.9.3', note: 'check, config, drain, health, hybrid, migrations, prepare, quit, reload, restart, roar, start, stop, vault, version: no docker-start' },
    { kind: 'repo', ref: 'Kong/kong:kong/cmd/prepare.lua@3.9.3', note: 'L10 prepare_prefix(conf, args.nginx_conf, ...); L30-32 options -c, -p, --nginx-conf only' },
    { kind: 'repo', ref: 'Kong/kong:kong/cmd/utils/prefix_handler.lua@3.9.3', note: 'L1-7 the templates are the kong.templates.* modules; L739-748 a custom template only from nginx_custom_template_path (--nginx-conf)' },
    { kind: 'repo', ref: 'Kong/docker-kong:customize/packer.lua@d1ed165b', note: 'L321-361: a customised image moves /docker-entrypoint.sh aside and writes one that adds --nginx-conf=/custom_nginx.conf to kong start, prepare, reload and restart' },
    { kind: 'repo', ref: 'Kong/kong:build/dockerfiles/deb.Dockerfile@3.9.3', note: 'L38 ENTRYPOINT ["/entrypoint.sh"], L46 CMD ["kong", "docker-start"]' },
    { kind: 'repo', ref: 'Kong/kong:build/dockerfiles/entrypoint.sh@3.9.3', note: 'L44-70: docker-start runs `kong prepare -p "$PREFIX" "$@"`, then nginx -p "$PREFIX" -c nginx.conf; no --nginx-conf' },
    { kind: 'repo', ref: 'Kong/docker-kong:alpine/Dockerfile@01d203f755f26036e80221770e2273a59b0af1b1', note: 'CMD ["kong", "docker-start"] in the 2.x-era images' },
    { kind: 'repo', ref: 'Kong/docker-kong:docker-entrypoint.sh@eb1b4b631413cecc7e3267087199277a42c7fdda', note: 'docker-start: `kong prepare -p "$PREFIX" "$@"`, then nginx on the prefix; no --nginx-conf' },
  ] satisfies FactSource[],
} as const;
