// Infers which Kong version migrated a database from its schema_meta ledger. Core migrations are
// numbered in release order, so the newest one recorded (executed or pending) fixes the lowest
// possible version, and the next known one fixes the first version ruled out. Plugin rows can only
// raise the lower bound: a plugin dropped from `plugins =` stops receiving migrations, so a missing
// plugin migration proves nothing.

import {
  coreFirstRelease, coreMigrationsFor, isEnterpriseCoreMigration, knownMinors, releaseProvedByPluginMigration,
} from '../../knowledge/database/migrations';
import { KongVersion } from '../../version/kong-version';
import type { LedgerRow } from './types';

export interface InstalledVersionRange {
  /** Lowest version consistent with the ledger (inclusive, OSS numbering). */
  min: KongVersion;
  /** First version the ledger rules out (exclusive); undefined when newer than the data we have. */
  below?: KongVersion;
  /** The version the plan should start from: the minor of `min` (`2.8.x`). */
  planVersion: KongVersion;
  /** `2.8.x`, `2.3.x-2.6.x`, `3.9.x or later`. */
  label: string;
  /** Why: the migrations the bounds rest on. */
  evidence: string[];
  /** Core migrations numbered past everything this tool knows: a newer Kong migrated the database. */
  newerThanKnown?: string[];
  /** Core migration names only Kong Enterprise records (the ledger was read against its list). */
  enterpriseCoreNames?: string[];
}

const migrationNumber = (name: string): number => Number(/^(\d+)_/.exec(name)?.[1] ?? NaN);

export function inferInstalledVersion(ledger: readonly LedgerRow[]): InstalledVersionRange {
  const core = ledger.find((row) => row.subsystem === 'core');
  const recorded = core ? [...core.executed, ...core.pending] : [];
  const { names: known, newest } = coreMigrationsFor(recorded);
  const evidence: string[] = [];

  const unknown = recorded.filter((name) => !known.includes(name));
  const newestKnown = recorded.filter((name) => known.includes(name))
    .sort((a, b) => migrationNumber(a) - migrationNumber(b)).pop();
  if (!newestKnown) {
    throw new Error('no known core migration in schema_meta'); // the loader checks this first
  }
  let min = coreFirstRelease(newestKnown)!;
  evidence.push(`core migration ${newestKnown} (first in ${min})`);
  // Only Kong Enterprise records these names: say so, since they decide which list is read.
  const enterpriseNames = recorded.filter(isEnterpriseCoreMigration);
  if (enterpriseNames.length > 0) evidence.push(`Kong Enterprise's core migration names (${enterpriseNames.join(', ')})`);
  let below: KongVersion | undefined;
  let newerThanKnown: string[] | undefined;
  const next = known[known.indexOf(newestKnown) + 1];
  if (unknown.some((name) => migrationNumber(name) > migrationNumber(newestKnown))) {
    // Newer than the releases our data covers.
    evidence.push(`core migrations newer than Kong ${newest.tag}: ${unknown.join(', ')}`);
    min = KongVersion.parse(newest.minor).truncate('minor');
    newerThanKnown = unknown.filter((name) => migrationNumber(name) > migrationNumber(newestKnown));
  } else if (migrationNumber(newestKnown) < migrationNumber('008_150_to_200')) {
    // Our data starts at 2.0.0, which shipped 000-008 together: fewer means a 1.x database. The
    // 1.x releases shipped 003-007 one by one, so "first in 2.0.0" would misdate them.
    min = KongVersion.of(1, 0, 0, 0, 'patch');
    below = coreFirstRelease('008_150_to_200');
    evidence.splice(0, evidence.length, `core migrations stop at ${newestKnown}: 008_150_to_200 (2.0.0) is not recorded, so a 1.x Kong migrated this database`);
  } else if (next) {
    below = coreFirstRelease(next);
    evidence.push(`core migration ${next} not recorded (first in ${below})`);
  }

  for (const row of ledger) {
    if (row.subsystem === 'core') continue;
    for (const name of [...row.executed, ...row.pending]) {
      const release = releaseProvedByPluginMigration(row.subsystem, name);
      if (!release || !release.gt(min)) continue;
      if (below && release.gte(below)) continue; // contradicts core: trust core
      min = release;
      evidence.push(`${row.subsystem} migration ${name} (first in ${release})`);
    }
  }
  const planVersion = KongVersion.of(min.major, min.minor, 0, 0, 'minor');
  return {
    min, below, planVersion, label: rangeLabel(min, below), evidence,
    ...(newerThanKnown ? { newerThanKnown } : {}),
    ...(enterpriseNames.length > 0 ? { enterpriseCoreNames: enterpriseNames } : {}),
  };
}

/** True when a version the user gave overlaps the inferred range. */
export function rangeAdmits(range: InstalledVersionRange, version: KongVersion): boolean {
  const [start, end] = span(version);
  const startsBeforeRangeEnds = !range.below || start.lt(range.below);
  return startsBeforeRangeEnds && end.gt(range.min);
}

/** The versions a (possibly partial) version stands for: [start, end). */
function span(version: KongVersion): [KongVersion, KongVersion] {
  const [ma, mi, pa, ee] = version.parts;
  switch (version.precision) {
    case 'major': return [version, KongVersion.of(ma + 1)];
    case 'minor': return [version, KongVersion.of(ma, mi + 1)];
    case 'patch': return [version, KongVersion.of(ma, mi, pa + 1)];
    default: return [version, KongVersion.of(ma, mi, pa, ee + 1)];
  }
}

function rangeLabel(min: KongVersion, below: KongVersion | undefined): string {
  const minorText = (v: KongVersion) => `${v.major}.${v.minor}.x`;
  if (min.major < 2) return '1.x (before 2.0)';
  if (!below) return `${min.patch === 0 ? minorText(min) : min.toString()} or later`;
  if (min.patch !== 0 || below.patch !== 0) return `>= ${min.toString()} and < ${below.toString()}`;
  const minors = knownMinors().filter((m) => m.gte(min) && m.lt(below));
  const first = minorText(min);
  const last = minors.length > 0 ? minorText(minors[minors.length - 1]) : first;
  return first === last ? first : `${first}-${last}`;
}
