// Which migrations of a newer Kong Enterprise source an older Enterprise release had run, for
// generate.ts's `TAG~RELEASE` histories (an Enterprise 2.8 or 3.4 database approximated from the
// 3.10 source on the mirror's FTI-6378 branch, since the mirror holds no Enterprise tags).
//
// Kong names a migration after the release it leads to: `NNN_<from>_to_<to>[_n]`. How the digits
// of <to> read depends on the subsystem (every name below is in an init.lua list @FTI-6378):
//   core         major.minor.patch, the minor taking two digits once it has them:
//                `020_330_to_340` is 3.4.0, `025_390_to_3100` is 3.10.0 (kong/db/migrations/core/init.lua);
//   enterprise,  Enterprise's four-part version: `018_3300_to_3400` is 3.4.0.0, `010_2200_to_2211`
//   enterprise.* 2.2.1.1 (kong/enterprise_edition/db/migrations/enterprise/init.lua,
//                kong/plugins/key-auth-enc/migrations/enterprise/init.lua: `002_2800_to_3200`);
//   plugins      two digits major.minor (openid-connect `001_14_to_15`), three the OSS
//                major.minor.patch (`001_280_to_300`, Enterprise plugins too: rate-limiting-advanced
//                `001_370_to_380`), four the Enterprise version (mtls-auth `002_2200_to_2300`).
// A name without a release (`000_base_acl`, session's `001_add_ttl_index`) is a base migration,
// run by any release that bundles the plugin. The few names that say nothing or mislead are listed
// in LATER, from the Enterprise history the branch carries.
//
// This is an approximation: the older release ran its own copies of these files. Kong does not
// change a released migration's SQL, but it does change the files (Cassandra strategies dropped,
// 000_base's ttls table dropped in 3.4, proxy-cache-advanced's 001_035_to_050 deleted); see
// fixtures/db/kong/README.md for what differs.

/** A release as [major, minor] (patches are not told apart: `2.8` is every 2.8.x.x). */
export type Minor = readonly [number, number];

export function parseMinor(text: string): Minor {
  const match = /^(\d+)\.(\d+)$/.exec(text);
  if (!match) throw new Error(`expected a release such as 2.8 or 3.4, got ${text}`);
  return [Number(match[1]), Number(match[2])];
}

function digitsToMinor(subsystem: string, digits: string): Minor {
  const d = digits.split('').map(Number);
  if (subsystem === 'core') {
    if (digits.length === 3) return [d[0], d[1]];
    if (digits.length === 4) return [d[0], d[1] * 10 + d[2]];
  } else if (subsystem === 'enterprise' || subsystem.startsWith('enterprise.')) {
    if (digits.length === 4) return [d[0], d[1]];
    if (digits.length === 5) return [d[0], d[1] * 10 + d[2]];
  } else {
    if (digits.length === 2 || digits.length === 3 || digits.length === 4) return [d[0], d[1]];
  }
  throw new Error(`${subsystem}: cannot read a release from ${digits}`);
}

/** The release a migration leads to, read from its name; undefined for a base migration. */
export function releaseInName(subsystem: string, name: string): Minor | undefined {
  const match = /^\d+_(\d+)_to_(\d+)(?:_\d+)?$/.exec(name);
  if (match) return digitsToMinor(subsystem, match[2]);
  if (/^\d+_/.test(name) && !/_to_\d/.test(name)) return undefined;
  throw new Error(`${subsystem} ${name}: neither a base migration nor NNN_<from>_to_<to>`);
}

/**
 * Plugins and migrations that came later than their names say, with the first Enterprise minor
 * that shipped them. Sources: the Enterprise history of the FTI-6378 branch (the version bumps of
 * kong/enterprise_edition/meta.lua mark each feature freeze: 2.8.1.0 at c12cc4f52c 2022-04-08,
 * 3.4 frozen at 9436f9b2f9 2023-07-27, 3.5 at cbd03af6b2 2023-10-24, 3.6 at 0e4230e9d0 2024-02-02)
 * and the plugin pages of developer.konghq.com.
 */
const LATER: { subsystem: string; migration?: string; minor: Minor; source: string }[] = [
  { subsystem: 'header-cert-auth', minor: [3, 8],
    source: 'developer.konghq.com app/_kong_plugins/header-cert-auth/index.md min_version 3.8' },
  { subsystem: 'konnect-application-auth', minor: [3, 0],
    source: 'plugins-ee/konnect-application-auth added by ca1e212806 (2022-06-15), after 2.8.1.0' },
  { subsystem: 'konnect-application-auth', migration: '001_consumer_group_addition', minor: [3, 5],
    source: '471765b2fa (2023-08-23), after the 3.4 feature freeze' },
  { subsystem: 'konnect-application-auth', migration: '002_strategy_id_addition', minor: [3, 6],
    source: '9851512be9 (2023-12-05), after the 3.5 feature freeze' },
  { subsystem: 'konnect-application-auth', migration: '003_application_context', minor: [3, 6],
    source: 'b6b605733a (2024-01-09), after the 3.5 feature freeze' },
  { subsystem: 'konnect-application-auth', migration: '004_exhausted_scopes_addition', minor: [3, 6],
    source: '70665c4c17 (2024-01-11), after the 3.5 feature freeze' },
];

function atMost(a: Minor, b: Minor): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]);
}

/** True when an Enterprise database of release `minor` (its newest patch) has run this migration. */
export function ranBy(minor: Minor, subsystem: string, migration: string): boolean {
  const plugin = subsystem.replace(/^enterprise\./, '');
  for (const later of LATER) {
    if (later.subsystem !== plugin && later.subsystem !== subsystem) continue;
    if (later.migration === undefined || later.migration === migration) {
      if (!atMost(later.minor, minor)) return false;
    }
  }
  const release = releaseInName(subsystem, migration);
  return release === undefined || atMost(release, minor);
}
