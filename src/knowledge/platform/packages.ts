// Facts about Kong's Linux packages, as a Dockerfile that installs Kong from a package names them:
// the package names of each edition and the forms their versions take in file names, download
// URLs and package-manager commands. Data only; read by src/inputs/images/kong-package.ts.

import type { FactSource } from '../../model/source';

export const KONG_PACKAGES = {
  /** Package names per edition (the `-fips` build is Enterprise too). */
  names: [
    { name: 'kong-enterprise-edition-fips', edition: 'enterprise' },
    { name: 'kong-enterprise-edition', edition: 'enterprise' },
    { name: 'kong', edition: 'oss' },
    // The open-source package's name up to 1.1.x (kong-community-edition_0.13.1_all.deb,
    // bintray kong-community-edition-alpine-tar kong-community-edition-1.0.0.apk.tar.gz).
    { name: 'kong-community-edition', edition: 'oss' },
  ] as const,
  /**
   * What may follow `<name>-<version>.` in an .rpm or .deb file name: the distribution tag or the
   * architecture (`kong-3.9.3.el9.x86_64.rpm`, `kong-2.8.1.aws.amd64.rpm`,
   * `kong-enterprise-edition-3.4.3.5.amd64.deb`, `kong-enterprise-edition-2.3.2.0.el7.noarch.rpm`).
   * Alpine builds were `<name>-<version>.<arch>.apk.tar.gz` (`kong-enterprise-edition-2.8.4.1.amd64.apk.tar.gz`).
   * Before 2.x the .deb files named the Ubuntu or Debian release by its codename
   * (`kong-2.0.4.xenial.amd64.deb`, `kong-community-edition-0.13.0.xenial.all.deb`,
   * `kong-0.9.0.jessie_all.deb`).
   * A version followed by anything else (`kong-3.4.0.tar.gz`, a rockspec) is no package of Kong's.
   */
  rpmQualifiers: ['el', 'rhel', 'aws', 'amzn', 'centos', 'noarch', 'amd64', 'arm64', 'x86_64', 'aarch64', 'all', 'deb', 'rpm', 'apk',
    'precise', 'trusty', 'xenial', 'zesty', 'bionic', 'focal', 'squeeze', 'wheezy', 'jessie', 'stretch', 'buster', 'bullseye'],
  /** Package managers whose `install` arguments name packages (`apt-get install kong=2.8.1`, `yum install kong-2.8.1`). */
  installers: ['apt-get', 'apt', 'yum', 'dnf', 'microdnf', 'zypper'],
  sources: [
    { kind: 'repo', ref: 'Kong/developer.konghq.com:app/_includes/install/gateway/linux/binaries/urls/debian.html@bc1cd7426', note: '.deb: <name>_<version>_<arch>.deb under pool/<codename>/main/k/ko/<name>_<version>/, name kong-enterprise-edition(-fips)' },
    { kind: 'repo', ref: 'Kong/developer.konghq.com:app/_includes/install/gateway/linux/binaries/urls/rhel.html@bc1cd7426', note: '.rpm: <name>-<version>.el<N>.<arch>.rpm; amazonlinux.html: <name>-<version>.aws.<arch>.rpm' },
    { kind: 'repo', ref: 'Kong/developer.konghq.com:app/_includes/install/gateway/linux/packages/ubuntu.md@bc1cd7426', note: 'apt-get install -y kong-enterprise-edition=<version>; rhel.md: yum install -y kong-enterprise-edition-<version>' },
    { kind: 'repo', ref: 'Kong/docker-kong:Dockerfile.deb@d1ed165b', note: 'open-source kong_${KONG_VERSION}_amd64.deb from packages.konghq.com/public/gateway-<NN>/deb/debian/pool/<codename>/main/k/ko/kong_<version>/' },
    { kind: 'repo', ref: 'Kong/docker-kong:Dockerfile.rpm@d1ed165b', note: 'open-source kong-$KONG_VERSION.el9.x86_64.rpm' },
    { kind: 'changelog', ref: 'Kong/kong:CHANGELOG.md@1.5.0 (1.2.0: all Kong packages renamed from kong-community-edition to kong)' },
    { kind: 'repo', ref: 'Kong/docs.konghq.com@027832f0:app/install/ubuntu.md', note: 'kong-<version>.xenial.amd64.deb, .bionic.amd64.deb, .focal.amd64.deb from bintray kong-deb' },
    { kind: 'repo', ref: 'Kong/docs.konghq.com@14fc5965:app/install/debian.md', note: 'kong-<version>.squeeze_all.deb, .wheezy_all.deb, .jessie_all.deb' },
    { kind: 'repo', ref: 'Kong/kong:scripts/release-kong.sh@3.9.3', note: 'release file names <package>-<version>.rhel<N>.<arch>.rpm, .aws.<arch>.rpm and .<arch>.apk.tar.gz; .requirements KONG_PACKAGE_NAME=kong' },
  ] satisfies FactSource[],
} as const;
