// Every built-in rule, listed explicitly (as ESLint's lib/rules/index.js does): a rule that is
// not here does not run, and a guard test checks that every file under rules/ is listed.

import type { Rule } from '../src/engine/define-rule';
import backupEvidence from './backup/backup-evidence';
import dbCustomPlugins from './db/custom-plugins';
import dbEventHookWebhooks from './db/event-hook-webhooks';
import dbHybridDataPlanes from './db/hybrid-data-planes';
import dbInstalledVersionMismatch from './db/installed-version-mismatch';
import dbMigrationsInProgress from './db/migrations-in-progress';
import dbPostgres15SchemaPrivilege from './db/postgres15-schema-privilege';
import dbPostgresVersion from './db/postgres-version';
import dbRecentConfigWrites from './db/recent-config-writes';
import dbUnreadableSecretColumns from './db/unreadable-secret-columns';
import cassandraRemoved from './conf/cassandra-removed';
import fileSyntax from './conf/file-syntax';
import pgSslVersionEnum from './conf/pg-ssl-version-enum';
import deckTransformFalse from './declarative/deck-transform-false';
import formatVersion from './declarative/format-version';
import kubernetesManifest from './declarative/kubernetes-manifest';
import kicIngressRegexPaths from './declarative/kic-ingress-regex-paths';
import composeFile from './declarative/compose-file';
import helmValuesFile from './declarative/helm-values-file';
import notKongFile from './declarative/not-kong-file';
import multipleDocuments from './declarative/multiple-documents';
import duplicateKeys from './declarative/duplicate-keys';
import luaFormatRemoved from './declarative/lua-format-removed';
import vaultsBetaRenamed from './declarative/vaults-beta-renamed';
import filterChainsWasmRemoved from './declarative/filter-chains-wasm-removed';
import behaviourChanged from './entities/behaviour-changed';
import certificateWeakKey from './entities/certificate-weak-key';
import entityDefaultChanged from './entities/default-changed';
import fieldValueRejected from './entities/field-value-rejected';
import pluginDblessIncompatible from './entities/plugin-dbless-incompatible';
import pluginFieldRenamed from './entities/plugin-field-renamed';
import pluginRemoved from './entities/plugin-removed';
import routeMultiPathPriority from './entities/route-multi-path-priority';
import routePathHandlingV1 from './entities/route-path-handling-v1';
import routePathPercentEncoded from './entities/route-path-percent-encoded';
import routeRegexPathWithoutTilde from './entities/route-regex-path-without-tilde';
import routeRegexUnsupportedSyntax from './entities/route-regex-unsupported-syntax';
import routeRegexPcre2 from './entities/route-regex-pcre2';
import targetDuplicates from './entities/target-duplicates';
import removedProperty from './conf/removed-property';
import renamedProperty from './conf/renamed-property';
import defaultChanged from './conf/default-changed';
import valueInvalid from './conf/value-invalid';
import enterpriseRemoved from './conf/enterprise-removed';
import nginxNamespace from './conf/nginx-namespace';
import unknownProperty from './conf/unknown-property';
import vaultReference from './conf/vault-reference';
import knownIssue from './conf/known-issue';
import legacyTlsPeers from './conf/legacy-tls-peers';
import hashCommentChanged from './conf/hash-comment-changed';
import pluginserverDefaultsChanged from './conf/pluginserver-defaults-changed';
import wasmDatakitFilterRemoved from './conf/wasm-datakit-filter-removed';
import confCertificateWeakKey from './conf/certificate-weak-key';
import confFallbackConfigVersion from './conf/fallback-config-version';
import confDeclarativeConfigIgnored from './conf/declarative-config-ignored';
import enterpriseLicense from './license/enterprise-license';
import upgradePath from './path/upgrade-path';
import platformImageTag from './platform/image-tag';
import platformOsSupport from './platform/os-support';
import platformCaBundlePath from './platform/ca-bundle-path';
import platformHostSizing from './platform/host-sizing';
import platformIngressController from './platform/ingress-controller';
import platformHelmDistrolessHelpers from './platform/helm-distroless-helpers';
import platformPatchedKongFiles from './platform/patched-kong-files';
import injectedDirectives from './nginx/injected-directives';
import templateDirectives from './nginx/template-directives';
import templateIdentified from './nginx/template-identified';
import templateInjectionLoops from './nginx/template-injection-loops';
import templateMissingElements from './nginx/template-missing-elements';
import templateObsoleteElements from './nginx/template-obsolete-elements';
import templateRequiredDicts from './nginx/template-required-dicts';
import templateSyntax from './nginx/template-syntax';
import templateLuaApi from './nginx/template-lua-api';
import expiredIgnore from './meta/expired-ignore';
import invalidSuppression from './meta/invalid-suppression';
import unusedSuppression from './meta/unused-suppression';
import pluginsRemovedModule from './plugins/removed-module';
import pluginsToolsUtilsMoved from './plugins/tools-utils-moved';
import pluginsHandlerPriorityVersion from './plugins/handler-priority-version';
import pluginsHybridPluginSet from './plugins/hybrid-plugin-set';
import pluginsChangedApiReference from './plugins/changed-api-reference';
import pluginsLegacySchemaForms from './plugins/legacy-schema-forms';
import pluginsMigrationFormat from './plugins/migration-format';
import pluginsPcre2Regex from './plugins/pcre2-regex';
import pluginsPluginServer from './plugins/plugin-server';
import pluginsBundledPluginRemoved from './plugins/bundled-plugin-removed';
import pluginsCustomNameClash from './plugins/custom-name-clash';
import pluginsUnlocatedCustomPlugin from './plugins/unlocated-custom-plugin';
import pluginsPriorityOrderChanged from './plugins/priority-order-changed';
import pluginsTlsVerifyDisabled from './plugins/tls-verify-disabled';
import pluginsPluginNotEnabled from './plugins/plugin-not-enabled';
import pluginsResponseExitInHeaderFilter from './plugins/response-exit-in-header-filter';

export const builtinRules: readonly Rule[] = [
  platformImageTag,
  platformOsSupport,
  platformCaBundlePath,
  platformHostSizing,
  platformIngressController,
  platformHelmDistrolessHelpers,
  platformPatchedKongFiles,
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
  knownIssue,
  legacyTlsPeers,
  hashCommentChanged,
  pluginserverDefaultsChanged,
  wasmDatakitFilterRemoved,
  confCertificateWeakKey,
  confFallbackConfigVersion,
  confDeclarativeConfigIgnored,
  enterpriseLicense,
  dbMigrationsInProgress,
  dbInstalledVersionMismatch,
  dbPostgresVersion,
  dbRecentConfigWrites,
  dbUnreadableSecretColumns,
  dbPostgres15SchemaPrivilege,
  dbHybridDataPlanes,
  dbCustomPlugins,
  dbEventHookWebhooks,
  formatVersion,
  kubernetesManifest,
  kicIngressRegexPaths,
  composeFile,
  notKongFile,
  helmValuesFile,
  deckTransformFalse,
  multipleDocuments,
  duplicateKeys,
  vaultsBetaRenamed,
  filterChainsWasmRemoved,
  luaFormatRemoved,
  routeRegexPathWithoutTilde,
  routeRegexUnsupportedSyntax,
  routeRegexPcre2,
  routePathPercentEncoded,
  routePathHandlingV1,
  routeMultiPathPriority,
  pluginFieldRenamed,
  fieldValueRejected,
  entityDefaultChanged,
  behaviourChanged,
  pluginRemoved,
  pluginDblessIncompatible,
  targetDuplicates,
  certificateWeakKey,
  templateIdentified,
  templateRequiredDicts,
  templateMissingElements,
  templateObsoleteElements,
  templateDirectives,
  templateSyntax,
  templateLuaApi,
  templateInjectionLoops,
  injectedDirectives,
  // Reported by the triage step (src/triage), listed here for docs, SARIF and configuration.
  unusedSuppression,
  invalidSuppression,
  expiredIgnore,
  pluginsRemovedModule,
  pluginsToolsUtilsMoved,
  pluginsHandlerPriorityVersion,
  pluginsHybridPluginSet,
  pluginsChangedApiReference,
  pluginsLegacySchemaForms,
  pluginsMigrationFormat,
  pluginsPcre2Regex,
  pluginsPluginServer,
  pluginsBundledPluginRemoved,
  pluginsCustomNameClash,
  pluginsUnlocatedCustomPlugin,
  pluginsPriorityOrderChanged,
  pluginsTlsVerifyDisabled,
  pluginsPluginNotEnabled,
  pluginsResponseExitInHeaderFilter,
];
