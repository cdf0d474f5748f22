// Kong installed from a Linux package in a Dockerfile (`RUN apt-get install -y
// kong-enterprise-edition=3.4.3.5`, `COPY kong-2.8.1.el7.amd64.rpm /tmp/`, a download URL from
// packages.konghq.com): the edition the package name states, and the version when it states one.
// Package names and forms: src/knowledge/platform/packages.ts.

import { KONG_PACKAGES } from '../../knowledge/platform/packages';
import type { FileOrigin } from '../../model/origin';
import { KongVersion } from '../../version/kong-version';

export interface KongPackageRef {
  /** The package as found after substitution (`kong-enterprise-edition_3.4.3.5_amd64.deb`, `kong=2.8.1`). */
  written: string;
  name: string;
  edition: 'enterprise' | 'oss';
  /** The version the name states; absent when it states none (`apt-get install kong`) or a variable hides it. */
  version?: KongVersion;
  /** Variables the version depends on that have no value here (`kong_${KONG_VERSION}_amd64.deb`). */
  unresolvedVariables?: string[];
  origin: FileOrigin;
  /** Set when the package is installed in an earlier stage of a multi-stage Dockerfile only. */
  buildStage?: string;
}

/** `3.4.3.5` (Enterprise numbers its releases in four fields) or `2.8.1`. */
const VERSION = String.raw`\d+\.\d+\.\d+(?:\.\d+)?`;
/** A variable left in the text because it has no value here (interpolate keeps `${NAME}`). */
const UNRESOLVED = String.raw`\$\{[A-Za-z_][A-Za-z0-9_]*\}`;
const NAMES = KONG_PACKAGES.names.map((n) => n.name.replace(/-/g, '\\-')).join('|');
// Not part of a longer name (`lua-resty-kong-1.0.0`, `my_kong_2.0.0`): the name starts the text or follows a separator.
const BEFORE = String.raw`(?<![A-Za-z0-9_.\-])`;

/** `<name>_<version>_<arch>.deb` (a URL's pool folder `<name>_<version>/` precedes the same file name). */
const DEB = new RegExp(`${BEFORE}(${NAMES})_(${VERSION}|${UNRESOLVED})(?=_)`, 'g');
/** `<name>-<version>.<distribution or arch>...(.rpm|.deb)`, and `<name>-<version>.rpm|.deb`. */
const FILE = new RegExp(`${BEFORE}(${NAMES})-(${VERSION}|${UNRESOLVED})\\.(?=(?:${KONG_PACKAGES.rpmQualifiers.join('|')})\\d*(?![A-Za-z]))`, 'g');
const INSTALL = new RegExp(String.raw`(?:^|[\s;&|(])(?:sudo\s+)?(${KONG_PACKAGES.installers.join('|')})\s+((?:-\S+\s+)*)install\b([^;&|]*)`, 'g');

/**
 * Kong packages named in one instruction's text, variables already substituted. One entry per
 * distinct package: a download URL names the same file twice (pool folder and file name).
 */
export function findKongPackages(written: string, origin: FileOrigin): KongPackageRef[] {
  // Bintray download URLs passed the package's path URL-encoded in a query parameter
  // (`download_file?file_path=dists%2Fkong-community-edition-0.11.2.el7.noarch.rpm`): read the
  // encoded slash as the folder separator it stands for, or the name seems glued to `%2F`.
  const text = written.replace(/%2F/gi, '/');
  const found: KongPackageRef[] = [];
  const add = (name: string, version: string | undefined, written: string) => {
    const edition = KONG_PACKAGES.names.find((n) => n.name === name)!.edition;
    const unresolved = version?.startsWith('$') ? [version.slice(2, -1)] : undefined;
    const parsed = version && !unresolved ? KongVersion.tryParse(version) : undefined;
    // The open-source package numbers its releases in three fields: a fourth is something else.
    const ref: KongPackageRef = { written, name, edition, origin, ...(parsed ? { version: parsed } : {}), ...(unresolved ? { unresolvedVariables: unresolved } : {}) };
    if (!found.some((f) => f.name === ref.name && f.version?.toString() === ref.version?.toString() && String(f.unresolvedVariables) === String(ref.unresolvedVariables))) found.push(ref);
  };
  for (const pattern of [DEB, FILE]) {
    for (const match of text.matchAll(pattern)) {
      const [, name, version] = match;
      if (name === 'kong' && !ossVersion(version)) continue;
      add(name, version, fileNameAt(text, match.index!));
    }
  }
  for (const match of text.matchAll(INSTALL)) {
    const apt = match[1].startsWith('apt');
    for (const word of match[3].trim().split(/\s+/)) {
      const named = packageArgument(word, apt);
      if (named) add(named.name, named.version, word);
    }
  }
  return found;
}

/** `kong-enterprise-edition=3.4.3.5` (apt), `kong-2.8.1` (yum), or a bare name. */
function packageArgument(word: string, apt: boolean): { name: string; version?: string } | undefined {
  const bare = KONG_PACKAGES.names.find((n) => n.name === word);
  if (bare) return { name: bare.name };
  const separator = apt ? '=' : '-';
  for (const { name } of KONG_PACKAGES.names) {
    if (!word.startsWith(name + separator)) continue;
    const version = word.slice(name.length + 1);
    if (!new RegExp(`^(?:${VERSION}|${UNRESOLVED})$`).test(version)) continue;
    if (name === 'kong' && !ossVersion(version)) continue;
    return { name, version };
  }
  return undefined;
}

/** Open-source Kong numbers its releases in three fields; a variable may hold one. */
function ossVersion(version: string): boolean {
  return version.startsWith('$') || version.split('.').length === 3;
}

/** The file name (or URL path segment) around a match, for messages. */
function fileNameAt(text: string, index: number): string {
  const start = Math.max(text.lastIndexOf('/', index), ...[' ', '"', "'", '\t'].map((c) => text.lastIndexOf(c, index))) + 1;
  const end = text.slice(index).search(/[\s"'/]/);
  return text.slice(start, end < 0 ? undefined : index + end);
}
