// Accessors over migrations.json: which migrations each minor records in schema_meta, and the
// first release that shipped each one.

import data from './migrations.json';
import type { FactSource } from '../../model/source';
import { KongVersion } from '../../version/kong-version';
// Names come from the database's schema_meta: a row named `constructor` must not find Object's.
import { ownValue } from '../../own-key';

interface MinorMigrations {
  tag: string;
  core: string[];
  plugins: Record<string, string[]>;
}

const minors = data.minors as Record<string, MinorMigrations>;
const firstRelease = data.firstRelease as { core: Record<string, string>; plugins: Record<string, Record<string, string>> };
/** Enterprise's core list (kong/db/migrations/core/init.lua@FTI-6378) and the names only it records. */
const enterprise = data.enterprise as { tag: string; minor: string; core: string[]; firstRelease: Record<string, string> };

export const migrationSources = data.sources as FactSource[];

/** Core migration names of the newest minor we know, in order. */
export function knownCoreMigrations(): string[] {
  return newestMinor().core;
}

/** True for a core migration name only Kong Enterprise records (014_230_to_260, 025_390_to_3100). */
export function isEnterpriseCoreMigration(name: string): boolean {
  return ownValue(enterprise.firstRelease, name) !== undefined && ownValue(firstRelease.core, name) === undefined;
}

/**
 * The core list a ledger is read against: Enterprise's when it records an Enterprise-only name
 * (its 2.6-2.8 migrations are named differently), else the newest OSS minor's. `newest` names
 * the release the list stops at.
 */
export function coreMigrationsFor(recorded: readonly string[]): { names: string[]; newest: { minor: string; tag: string } } {
  if (recorded.some(isEnterpriseCoreMigration)) return { names: enterprise.core, newest: { minor: enterprise.minor, tag: `Enterprise ${enterprise.minor} (${enterprise.tag})` } };
  const oss = newestMinor();
  return { names: oss.core, newest: { minor: oss.minor, tag: oss.tag } };
}

/** The newest minor the data covers (`3.9`) and its tag. */
export function newestMinor(): MinorMigrations & { minor: string } {
  const keys = Object.keys(minors).sort((a, b) => KongVersion.parse(a).compare(KongVersion.parse(b)));
  const minor = keys[keys.length - 1];
  return { minor, ...minors[minor] };
}

/** The minors the data covers, ascending (`2.0` ... `3.9`). */
export function knownMinors(): KongVersion[] {
  return Object.keys(minors).map((m) => KongVersion.parse(m)).sort((a, b) => a.compare(b));
}

/** The first OSS release shipping a core migration, or undefined for a name we do not know. */
export function coreFirstRelease(name: string): KongVersion | undefined {
  const tag = ownValue(firstRelease.core, name) ?? ownValue(enterprise.firstRelease, name);
  return tag ? KongVersion.parse(tag) : undefined;
}

/** The first OSS release shipping a plugin migration. */
export function pluginFirstRelease(plugin: string, name: string): KongVersion | undefined {
  const migrations = ownValue(firstRelease.plugins, plugin);
  const tag = migrations && ownValue(migrations, name);
  return tag ? KongVersion.parse(tag) : undefined;
}

const shippedOutside = (data.shippedOutsideKongBefore.plugins ?? {}) as Record<string, string>;

/**
 * The release a plugin migration proves, or undefined when it proves nothing: unknown names, and
 * migrations of plugins that shipped outside Kong (session, acme) before they moved in.
 */
export function releaseProvedByPluginMigration(plugin: string, name: string): KongVersion | undefined {
  const release = pluginFirstRelease(plugin, name);
  const movedIn = ownValue(shippedOutside, plugin);
  if (!release || (movedIn && release.lte(KongVersion.parse(movedIn)))) return undefined;
  return release;
}

/** True when a schema_meta subsystem is one OSS Kong writes (core or a bundled plugin). */
export function isOssSubsystem(subsystem: string): boolean {
  return subsystem === 'core' || ownValue(firstRelease.plugins, subsystem) !== undefined;
}
