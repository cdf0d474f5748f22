// Where Kong looks for the distribution's CA bundle when `lua_ssl_trusted_certificate` is
// `system`: a fixed list of paths, each labelled in Kong's source with the distributions that
// keep their bundle there. A kong.conf that names one of those paths itself is tied to that
// distribution; an image whose base changes on the upgrade path may not hold the file. Data
// only; read by rules/platform/ca-bundle-path.ts.

import type { FactSource } from '../../model/source';

export interface SystemCaBundle {
  path: string;
  /** Image bases (as ImageBase.os names them) that Kong's list labels this path with. */
  bases: readonly string[];
  /** The distributions as Kong's comment names them. */
  label: string;
}

/**
 * Kong's list, in its lookup order. Only the labels that name a base Kong's images are built on
 * carry `bases`: Fedora, OpenSUSE, OpenELEC and OpenBSD are no image base of Kong's.
 */
export const SYSTEM_CA_BUNDLES: readonly SystemCaBundle[] = [
  { path: '/etc/ssl/certs/ca-certificates.crt', bases: ['Debian', 'Ubuntu'], label: 'Debian, Ubuntu and Gentoo' },
  { path: '/etc/pki/tls/certs/ca-bundle.crt', bases: ['RHEL'], label: 'Fedora and RHEL 6' },
  { path: '/etc/ssl/ca-bundle.pem', bases: [], label: 'OpenSUSE' },
  { path: '/etc/pki/tls/cacert.pem', bases: [], label: 'OpenELEC' },
  { path: '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem', bases: ['RHEL'], label: 'CentOS and RHEL 7' },
  { path: '/etc/ssl/cert.pem', bases: ['Alpine'], label: 'OpenBSD and Alpine' },
];

export const CA_BUNDLE_FACTS = {
  /** `system` is accepted from this release; before it, only paths. */
  systemAcceptedIn: '2.2.0',
  /** `system` is the default from this release (NONE before). */
  systemDefaultIn: '3.0.0',
  sources: [
    { kind: 'repo', ref: 'Kong/kong:kong/tools/utils.lua@3.4.2:127-134', note: 'trusted_certs_paths, each path labelled with its distributions (same list at 2.2.0:140-147 and 2.8.5)' },
    { kind: 'repo', ref: 'Kong/kong:kong/tools/system.lua@3.9.1:35-42', note: 'the same list, moved to kong.tools.system' },
    { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/init.lua@3.4.2:778-809', note: 'a path that does not exist (and is no base64 certificate) is a configuration error: "failed loading certificate from"' },
    { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/init.lua@2.8.4:917', note: '2.x: "lua_ssl_trusted_certificate: no such file at"' },
    { kind: 'repo', ref: 'Kong/kong:kong/templates/kong_defaults.lua@3.0.0:160', note: 'lua_ssl_trusted_certificate = system (NONE at 2.8.4:168)' },
  ] satisfies FactSource[],
} as const;

/** The entry of Kong's list for `path`, if it is one of them. */
export function systemCaBundleAt(path: string): SystemCaBundle | undefined {
  return SYSTEM_CA_BUNDLES.find((bundle) => bundle.path === path);
}

/** Where Kong's list expects the bundle of a base, or undefined when it names none for it. */
export function systemCaBundleFor(base: string): SystemCaBundle | undefined {
  return SYSTEM_CA_BUNDLES.find((bundle) => bundle.bases.includes(base));
}
