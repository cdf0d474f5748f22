// Which distributions Kong lists per minor (generated os-support.json), how a host's OS matches
// a listing, and which breaking-change catalogue entry records the end of each distribution.

import type { FactSource } from '../../model/source';
import data from './os-support.json';

export interface OsListing {
  os: string;
  /** As the table writes it: `22.04`, `11`, `8.x`, `2023`, `N/A`. */
  version: string;
  /** Kong ships packages for it (false: Docker image only, or only listed by the old docs). */
  package: boolean;
  /** Kong ships a Docker image on it; absent when the table does not say. */
  docker?: boolean;
  /** End of support as the table states it (`2026-06-30`, `April 2025`). */
  eol?: string;
  /** Only an older docs revision listed it; the current table dropped it (usually after the OS's end of life). */
  listedOnlyInOldDocs?: boolean;
}

export interface MinorOsSupport {
  minor: string;
  basis: string;
  source: FactSource;
  os: OsListing[];
}

const support = data as unknown as { sources: FactSource[]; minors: MinorOsSupport[] };

export const OS_SUPPORT_SOURCES: readonly FactSource[] = support.sources;

export function osSupportFor(minor: string): MinorOsSupport | undefined {
  return support.minors.find((m) => m.minor === minor);
}

/** The minors the tables cover, oldest first. */
export function osSupportMinors(): string[] {
  return support.minors.map((m) => m.minor);
}

/** How a table version compares with a host's: Ubuntu by `YY.MM`, others by major (`8.x` = 8). */
export function versionKey(os: string, version: string): string {
  if (os === 'Ubuntu') return version.split('.').slice(0, 2).join('.');
  return version.replace(/\.x$/, '').split('.')[0];
}

/** The listing of an OS in a minor's table (dropped ones included, marked), or undefined. */
export function findListing(minor: string, os: string, version: string): OsListing | undefined {
  const table = osSupportFor(minor);
  if (!table) return undefined;
  const key = versionKey(os, version);
  const matches = table.os.filter((l) => l.os === os && versionKey(l.os, l.version) === key);
  return matches.find((l) => !l.listedOnlyInOldDocs) ?? matches[0];
}

/** The catalogue entry that records the end of a distribution (or a version of it). */
export const OS_DROPS: readonly { catalog: string; os: string; versions?: string[] }[] = [
  { catalog: 'platform-el1-debian8-ubuntu1604-dropped', os: 'Amazon Linux', versions: ['1'] },
  { catalog: 'platform-el1-debian8-ubuntu1604-dropped', os: 'Debian', versions: ['8'] },
  { catalog: 'platform-el1-debian8-ubuntu1604-dropped', os: 'Ubuntu', versions: ['16.04'] },
  { catalog: 'platform-alpine-dropped', os: 'Alpine' },
  { catalog: 'platform-ubuntu-1804-dropped', os: 'Ubuntu', versions: ['18.04'] },
  { catalog: 'platform-debian10-rhel7-centos7-dropped', os: 'Debian', versions: ['10'] },
  { catalog: 'platform-debian10-rhel7-centos7-dropped', os: 'RHEL', versions: ['7'] },
  { catalog: 'platform-debian10-rhel7-centos7-dropped', os: 'CentOS', versions: ['7'] },
  { catalog: 'platform-centos-dropped', os: 'CentOS' },
  { catalog: 'platform-ubuntu-2004-dropped', os: 'Ubuntu', versions: ['20.04'] },
  { catalog: 'platform-amazon-linux-2-dropped', os: 'Amazon Linux', versions: ['2'] },
];

export function dropEntryFor(os: string, version: string): string | undefined {
  const key = versionKey(os, version);
  return OS_DROPS.find((d) => d.os === os && (!d.versions || d.versions.includes(key)))?.catalog;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** An end-of-support text as a date (the last day of a named month), or undefined. */
export function parseEol(text: string): Date | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return new Date(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])));
  const named = /^([A-Za-z]+)\.?\s+(\d{4})$/.exec(text.trim());
  if (!named) return undefined;
  const month = MONTHS.indexOf(named[1].slice(0, 3).toLowerCase());
  return month < 0 ? undefined : new Date(Date.UTC(Number(named[2]), month + 1, 0));
}
