// kong.conf properties that only Kong Gateway Enterprise documents: seeing one set means the
// installation runs Enterprise. Prefixes cover families (`keyring_*`). Chosen from the keys the
// Enterprise reference documents and the OSS defaults lack, keeping only unambiguous families.

import type { FactSource } from '../model/source';

export interface EditionMarkers {
  keys: readonly string[];
  prefixes: readonly string[];
  /** Environment variables only Enterprise reads. */
  env: readonly string[];
  /**
   * Log keys a marker prefix covers that Kong's own deployment tooling writes for every edition,
   * and the values that only send the log to the container's streams or turn it off: set so, they
   * say nothing about which Kong runs. A log path of its own still counts.
   */
  neutralLogs: { keys: readonly string[]; values: readonly string[] };
  sources: readonly FactSource[];
}

export const ENTERPRISE_MARKERS: EditionMarkers = {
  keys: [
    'enforce_rbac', 'event_hooks_enabled', 'konnect_mode', 'fips', 'admin_api_uri',
    // Enterprise's PostgreSQL TLS settings: no OSS kong_defaults.lua from 2.0 to 3.9 declares them,
    // and without them a 2.8 Enterprise kong.conf with `pg_ssl_version = tlsv1` reads as OSS and
    // the 3.2.1.0 pg_ssl_version blocker is never considered.
    'pg_ssl_version', 'pg_ro_ssl_version', 'pg_ssl_required', 'pg_ro_ssl_required', 'pg_ssl_cert', 'pg_ssl_cert_key',
  ],
  prefixes: ['admin_gui_auth', 'audit_log', 'keyring_', 'portal', 'vitals', 'rbac', 'admin_emails_', 'smtp_', 'cluster_telemetry_', 'analytics_', 'pg_iam_auth', 'pg_ro_iam_auth'],
  env: ['KONG_LICENSE_DATA', 'KONG_LICENSE_PATH'],
  // The Kong chart's values.yaml sets these two for every edition and the Kong operator gives them
  // to every DataPlane; compose files, Dockerfiles and manifests copy them onto open-source images.
  neutralLogs: { keys: ['portal_api_access_log', 'portal_api_error_log'], values: ['/dev/stdout', '/dev/stderr', 'off'] },
  sources: [
    { kind: 'digest', ref: 'kong-facts/conf/ee-docs-diff.json#documented_but_not_in_oss_defaults', note: 'Enterprise kong.conf reference 2.8-3.9 minus OSS kong_defaults.lua' },
    { kind: 'repo', ref: 'Kong/kong:kong/templates/kong_defaults.lua@2.8.5', note: 'no pg_ssl_version, pg_ssl_required, pg_ssl_cert(_key) or pg_iam_auth (same at 2.0.5, 3.4.0, 3.9.3)' },
    { kind: 'docs', ref: 'https://developer.konghq.com/gateway/entities/license/' },
    { kind: 'repo', ref: 'Kong/charts:charts/kong/values.yaml@e76b8003', note: 'env: portal_api_access_log /dev/stdout, portal_api_error_log /dev/stderr, outside any enterprise switch' },
    { kind: 'repo', ref: 'Kong/kong-operator:internal/utils/config/dataplane.go@cefc3842', note: 'KongDefaults: KONG_PORTAL_API_ACCESS_LOG /dev/stdout and KONG_PORTAL_API_ERROR_LOG /dev/stderr for every DataPlane' },
  ],
};

/**
 * Declarative content only Kong Enterprise loads: entity collections Kong OSS has no schema for,
 * and vault backends beyond OSS's single `env` one. A file holding one was written for Enterprise
 * even when none of its plugins is Enterprise-only (sweep 10: decK dumps of consumer groups with
 * the OSS rate-limiting plugin, and of a conjur vault, read as OSS and got a false "Kong OSS has no
 * 3.14 release" blocker).
 */
export const ENTERPRISE_DECLARATIVE = {
  collections: ['consumer_groups', 'partials'] as const,
  vaultBackends: ['aws', 'gcp', 'hcv', 'azure', 'conjur'] as const,
  /**
   * decK's Konnect-only file metadata (`_konnect.control_plane_name`): the file configures a
   * Konnect control plane, whose data planes run the Enterprise gateway. Konnect's compatibility
   * policy lists the gateway releases it supports in Enterprise numbering only (3.14.0.0,
   * 3.2.1.0, 2.5.0.1), and its install guides deploy kong/kong-gateway.
   */
  konnectKey: '_konnect',
  sources: [
    { kind: 'repo', ref: 'Kong/kong:kong/db/schema/entities@3.9.3', note: 'no consumer_groups or partials entity in the last OSS release' },
    { kind: 'repo', ref: 'Kong/kong:kong/constants.lua@3.9.3', note: 'BUNDLED_VAULTS holds only env' },
    { kind: 'docs', ref: 'https://developer.konghq.com/gateway/entities/vault/', note: 'aws, gcp, hcv, azure and conjur backends are Enterprise' },
    { kind: 'repo', ref: 'Kong/developer.konghq.com@bc1cd742:app/deck/dbless-vs-deck.md:133-142', note: '_konnect and _konnect.control_plane_name: decK on Konnect only, not decK on-prem nor DB-less' },
    { kind: 'repo', ref: 'Kong/developer.konghq.com@bc1cd742:app/_data/support/gateway.yml:1-10', note: 'rendered by app/konnect-platform/compatibility.md:66: Konnect supports each gateway line from an Enterprise release (konnect: true, beginning: "3.14.0.0")' },
    { kind: 'repo', ref: 'Kong/developer.konghq.com@bc1cd742:app/_how-tos/gateway/gateway-install-helm-konnect.md:128', note: 'Konnect data planes installed with Helm use repository kong/kong-gateway' },
  ] as readonly FactSource[],
};

/** The first Enterprise-only key among the given settings, if any. */
export function findEnterpriseMarker(settings: Iterable<{ key: string; value: string }>): string | undefined {
  const { neutralLogs } = ENTERPRISE_MARKERS;
  for (const { key, value } of settings) {
    if (neutralLogs.keys.includes(key) && neutralLogs.values.includes(value)) continue;
    if (ENTERPRISE_MARKERS.keys.includes(key)) return key;
    if (ENTERPRISE_MARKERS.prefixes.some((p) => key.startsWith(p))) return key;
  }
  return undefined;
}
