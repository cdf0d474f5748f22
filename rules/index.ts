// Every built-in rule, listed explicitly (as ESLint's lib/rules/index.js does): a rule that is
// not here does not run, and a guard test checks that every file under rules/ is listed.

import type { Rule } from '../src/engine/define-rule';
import backupEvidence from './backup/backup-evidence';
import cassandraRemoved from './conf/cassandra-removed';
import fileSyntax from './conf/file-syntax';
import pgSslVersionEnum from './conf/pg-ssl-version-enum';
import deckTransformFalse from './declarative/deck-transform-false';
import formatVersion from './declarative/format-version';
import luaFormatRemoved from './declarative/lua-format-removed';
import vaultsBetaRenamed from './declarative/vaults-beta-renamed';
import behaviourChanged from './entities/behaviour-changed';
import certificateWeakKey from './entities/certificate-weak-key';
import defaultChanged from './entities/default-changed';
import fieldValueRejected from './entities/field-value-rejected';
import pluginDblessIncompatible from './entities/plugin-dbless-incompatible';
import pluginFieldRenamed from './entities/plugin-field-renamed';
import pluginRemoved from './entities/plugin-removed';
import routeMultiPathPriority from './entities/route-multi-path-priority';
import routePathHandlingV1 from './entities/route-path-handling-v1';
import routePathPercentEncoded from './entities/route-path-percent-encoded';
import routeRegexPathWithoutTilde from './entities/route-regex-path-without-tilde';
import routeRegexUnsupportedSyntax from './entities/route-regex-unsupported-syntax';
import targetDuplicates from './entities/target-duplicates';
import enterpriseLicense from './license/enterprise-license';
import upgradePath from './path/upgrade-path';

export const builtinRules: readonly Rule[] = [
  upgradePath,
  backupEvidence,
  cassandraRemoved,
  fileSyntax,
  pgSslVersionEnum,
  enterpriseLicense,
  formatVersion,
  deckTransformFalse,
  vaultsBetaRenamed,
  luaFormatRemoved,
  routeRegexPathWithoutTilde,
  routeRegexUnsupportedSyntax,
  routePathPercentEncoded,
  routePathHandlingV1,
  routeMultiPathPriority,
  pluginFieldRenamed,
  fieldValueRejected,
  defaultChanged,
  behaviourChanged,
  pluginRemoved,
  pluginDblessIncompatible,
  targetDuplicates,
  certificateWeakKey,
];
