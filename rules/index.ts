// Every built-in rule, listed explicitly (as ESLint's lib/rules/index.js does): a rule that is
// not here does not run, and a guard test checks that every file under rules/ is listed.

import type { Rule } from '../src/engine/define-rule';
import backupEvidence from './backup/backup-evidence';
import cassandraRemoved from './conf/cassandra-removed';
import fileSyntax from './conf/file-syntax';
import pgSslVersionEnum from './conf/pg-ssl-version-enum';
import removedProperty from './conf/removed-property';
import renamedProperty from './conf/renamed-property';
import defaultChanged from './conf/default-changed';
import valueInvalid from './conf/value-invalid';
import enterpriseRemoved from './conf/enterprise-removed';
import nginxNamespace from './conf/nginx-namespace';
import unknownProperty from './conf/unknown-property';
import vaultReference from './conf/vault-reference';
import enterpriseLicense from './license/enterprise-license';
import upgradePath from './path/upgrade-path';
import expiredIgnore from './meta/expired-ignore';
import invalidSuppression from './meta/invalid-suppression';
import unusedSuppression from './meta/unused-suppression';

export const builtinRules: readonly Rule[] = [
  upgradePath,
  backupEvidence,
  cassandraRemoved,
  fileSyntax,
  pgSslVersionEnum,
  removedProperty,
  renamedProperty,
  defaultChanged,
  valueInvalid,
  enterpriseRemoved,
  nginxNamespace,
  unknownProperty,
  vaultReference,
  enterpriseLicense,
  // Reported by the triage step (src/triage), listed here for docs, SARIF and configuration.
  unusedSuppression,
  invalidSuppression,
  expiredIgnore,
];
