// Accessors over migrations.json: which migrations each minor records in schema_meta, and the
// first release that shipped each one.

import data from './migrations.json';
import type { FactSource } from '../../model/source';
import { KongVersion } from '../../version/kong-version';

interface MinorMigrations {
  tag: string;
  core: string[];
  plugins: Record<string, string[]>;
}

const minors = data.minors as Record<string, MinorMigrations>;
const firstRelease = data.firstRelease as { core: Record<string, string>; plugins: Record<string, Record<string, string>> };

export const migrationSources = data.sources as FactSource[];

/** Core migration names of the newest minor we know, in order. */
export function knownCoreMigrations(): string[] {
  return newestMinor().core;
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
  const tag = firstRelease.core[name];
  return tag ? KongVersion.parse(tag) : undefined;
}

/** The first OSS release shipping a plugin migration. */
export function pluginFirstRelease(plugin: string, name: string): KongVersion | undefined {
  const tag = firstRelease.plugins[plugin]?.[name];
  return tag ? KongVersion.parse(tag) : undefined;
}

const shippedOutside = (data.shippedOutsideKongBefore.plugins ?? {}) as Record<string, string>;

/**
 * The release a plugin migration proves, or undefined when it proves nothing: unknown names, and
 * migrations of plugins that shipped outside Kong (session, acme) before they moved in.
 */
export function releaseProvedByPluginMigration(plugin: string, name: string): KongVersion | undefined {
  const release = pluginFirstRelease(plugin, name);
  const movedIn = shippedOutside[plugin];
  if (!release || (movedIn && release.lte(KongVersion.parse(movedIn)))) return undefined;
  return release;
}

/** True when a schema_meta subsystem is one OSS Kong writes (core or a bundled plugin). */
export function isOssSubsystem(subsystem: string): boolean {
  return subsystem === 'core' || firstRelease.plugins[subsystem] !== undefined;
}
