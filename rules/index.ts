// Every built-in rule, listed explicitly (as ESLint's lib/rules/index.js does): a rule that is
// not here does not run, and a guard test checks that every file under rules/ is listed.

import type { Rule } from '../src/engine/define-rule';
import backupEvidence from './backup/backup-evidence';
import dbCustomPlugins from './db/custom-plugins';
import dbHybridDataPlanes from './db/hybrid-data-planes';
import dbInstalledVersionMismatch from './db/installed-version-mismatch';
import dbMigrationsInProgress from './db/migrations-in-progress';
import dbPostgres15SchemaPrivilege from './db/postgres15-schema-privilege';
import dbPostgresVersion from './db/postgres-version';
import cassandraRemoved from './conf/cassandra-removed';
import fileSyntax from './conf/file-syntax';
import pgSslVersionEnum from './conf/pg-ssl-version-enum';
import enterpriseLicense from './license/enterprise-license';
import upgradePath from './path/upgrade-path';

export const builtinRules: readonly Rule[] = [
  upgradePath,
  backupEvidence,
  cassandraRemoved,
  fileSyntax,
  pgSslVersionEnum,
  enterpriseLicense,
  dbMigrationsInProgress,
  dbInstalledVersionMismatch,
  dbPostgresVersion,
  dbPostgres15SchemaPrivilege,
  dbHybridDataPlanes,
  dbCustomPlugins,
];
