// Facts behind the first rules (Cassandra removal, pg_ssl_version values, license behaviour,
// backups). Data only: rules read these, so versions and values are reviewed in one place.

import type { FactSource } from '../model/source';

export const CASSANDRA_REMOVAL = {
  id: 'conf.cassandra.removed',
  /** Kong refuses `database = cassandra` at start from this version. */
  removedIn: '3.4.0.0',
  /** Kong announced Cassandra as deprecated from the 2.7 release. */
  deprecatedIn: '2.7.0',
  migrationGuide: 'https://docs.konghq.com/gateway/3.3.x/migrate-cassandra-to-postgres/',
  sources: [
    { kind: 'docs', ref: 'https://developer.konghq.com/gateway/breaking-changes/ (3.4.0.0: Cassandra removed)' },
    { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/init.lua@3.4.0 (start-up rejects database = cassandra)' },
    { kind: 'repo', ref: 'Kong/kong:CHANGELOG.md@3.9.3 (#10931)' },
    { kind: 'digest', ref: 'kong-facts/breaking-changes.json#database-cassandra-removed' },
    { kind: 'docs', ref: 'https://konghq.com/blog/cassandra-support-deprecated/ (deprecated from 2.7, removal planned for 3.4)' },
  ] satisfies FactSource[],
} as const;

export const PG_SSL_VERSION_ENUM = {
  id: 'conf.pg-ssl-version.enum',
  properties: ['pg_ssl_version', 'pg_ro_ssl_version'],
  /** Enterprise 3.2 shipped as 3.2.1.0; from there Kong refuses other values at start. */
  introducedIn: '3.2.1.0',
  allowedValues: ['tlsv1_1', 'tlsv1_2', 'tlsv1_3', 'any'],
  /** The new default: a PostgreSQL server that only offers TLS 1.0 or 1.1 is refused. */
  newDefault: 'tlsv1_2',
  sources: [
    { kind: 'docs', ref: 'https://developer.konghq.com/gateway/breaking-changes/ (3.2.0.0: pg_ssl_version)' },
    { kind: 'changelog', ref: 'Kong Gateway Enterprise changelog 3.2.1.0' },
    { kind: 'docs', ref: 'https://docs.konghq.com/gateway/latest/upgrade/ (considerations: pg_ssl_version tlsv1 in 2.8.2.4 invalid in 3.2.2.1)' },
    { kind: 'digest', ref: 'kong-facts/breaking-changes.json#kong-conf-pg-ssl-version-enum' },
  ] satisfies FactSource[],
} as const;

export const LICENSE_FACTS = {
  /** Kong's lookup order: KONG_LICENSE_DATA, /etc/kong/license.json, KONG_LICENSE_PATH, the /licenses entity. kong.conf has no license key. */
  envVariables: ['KONG_LICENSE_DATA', 'KONG_LICENSE_PATH'],
  defaultPath: '/etc/kong/license.json',
  /** Warn when the license expires within this many days of the check. */
  expiryWarningDays: 30,
  /** From 3.10 starting without a license behaves like an expired license (free mode gone). */
  freeModeRemovedIn: '3.10.0.0',
  /** From 3.15 the Admin API is read-only without a valid license. */
  adminApiReadOnlyIn: '3.15.0.0',
  docsUrl: 'https://developer.konghq.com/gateway/entities/license/',
  sources: [
    { kind: 'docs', ref: 'https://docs.konghq.com/gateway/latest/upgrade/ (considerations: apply the Enterprise license to the new cluster)' },
    { kind: 'docs', ref: 'https://developer.konghq.com/gateway/entities/license/ (lookup order; Admin API licenses not supported DB-less)' },
    { kind: 'docs', ref: 'https://developer.konghq.com/gateway/breaking-changes/ (3.10.0.0 free mode; 3.15.0.0 read-only Admin API)' },
    { kind: 'digest', ref: 'kong-facts/breaking-changes.json#ee-free-mode-removed, #ee-license-expiry-read-only' },
  ] satisfies FactSource[],
} as const;

export const BACKUP_FACTS = {
  docsUrl: 'https://developer.konghq.com/gateway/upgrade/backup-and-restore/',
  sources: [
    { kind: 'docs', ref: 'https://developer.konghq.com/gateway/upgrade/backup-and-restore/' },
    { kind: 'digest', ref: 'kong-facts/upgrade/strategies.md §4 Backup strategy' },
  ] satisfies FactSource[],
} as const;
