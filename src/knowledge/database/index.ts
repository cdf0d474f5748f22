// Accessors over the database knowledge: PostgreSQL support per target minor, bundled plugins per
// minor, and the control plane / data plane version rule.

import bundled from './bundled-plugins.json';
import hybrid from './hybrid-compatibility.json';
import postgres from './postgres-support.json';
import type { FactSource } from '../../model/source';
import type { Edition } from '../../plan/types';
import { KongVersion } from '../../version/kong-version';

export interface PostgresSupport {
  /** The target minor the list belongs to (`3.4`). */
  minor: string;
  testedMajors: number[];
  /** Other documentation sources that list different majors (3.9, 3.10). */
  disagreeing: { basis: string; majors: number[] }[];
}

export const postgresCodeMinimum = KongVersion.parse(postgres.codeMinimum.version);
export const postgresSources: FactSource[] = [...postgres.codeMinimum.sources, ...postgres.sources] as FactSource[];
export const pg15PrivilegeFromMajor: number = postgres.pg15SchemaPrivilege.fromMajor;
export const pg15PrivilegeSources = postgres.pg15SchemaPrivilege.sources as FactSource[];

/** The tested PostgreSQL majors for a target version, or undefined when its minor is not in the data. */
export function postgresSupportFor(target: KongVersion): PostgresSupport | undefined {
  const minor = `${target.major}.${target.minor}`;
  const entry = (postgres.minors as Record<string, { testedMajors: number[]; otherViews?: { basis: string; majors: number[] }[] }>)[minor];
  if (!entry) return undefined;
  return { minor, testedMajors: [...entry.testedMajors].sort((a, b) => a - b), disagreeing: entry.otherViews ?? [] };
}

/** Plugins a stock OSS build of a minor bundles; undefined when the minor is not in the data. */
export function bundledPlugins(version: KongVersion): string[] | undefined {
  return (bundled.minors as Record<string, { plugins: string[] }>)[`${version.major}.${version.minor}`]?.plugins;
}

/** The newest minor whose bundled list we know, for targets beyond the data. */
export function newestBundledPlugins(): { minor: string; plugins: string[] } {
  const minors = Object.keys(bundled.minors).sort((a, b) => KongVersion.parse(a).compare(KongVersion.parse(b)));
  const minor = minors[minors.length - 1];
  return { minor, plugins: (bundled.minors as Record<string, { plugins: string[] }>)[minor].plugins };
}

export const bundledPluginSources = bundled.sources as FactSource[];

/** Plugins Kong Enterprise bundles on top of the OSS list (3.10.0.0, kong/constants.lua@FTI-6378). */
export function enterpriseBundledPlugins(): string[] {
  return bundled.enterprise.plugins;
}

export const enterpriseBundledPluginSources = bundled.enterprise.sources as FactSource[];
export const hybridSources = hybrid.sources as FactSource[];

/** Why a control plane of version `cp` refuses a data plane of version `dp`, or undefined when it accepts it. */
export function dataPlaneRefusal(cp: KongVersion, dp: KongVersion, edition: Edition): 'major' | 'newer-minor' | undefined {
  const excepted = hybrid.exceptions.some((e) =>
    e.editions.includes(edition) && KongVersion.parse(e.controlPlane).contains(cp) && KongVersion.parse(e.dataPlane).contains(dp));
  if (excepted) return undefined;
  if (cp.major !== dp.major) return 'major';
  if (dp.minor > cp.minor) return 'newer-minor';
  return undefined;
}
