// kong.conf properties that only Kong Gateway Enterprise documents: seeing one set means the
// installation runs Enterprise. Prefixes cover families (`keyring_*`). Chosen from the keys the
// Enterprise reference documents and the OSS defaults lack, keeping only unambiguous families.

import type { FactSource } from '../model/source';

export interface EditionMarkers {
  keys: readonly string[];
  prefixes: readonly string[];
  /** Environment variables only Enterprise reads. */
  env: readonly string[];
  sources: readonly FactSource[];
}

export const ENTERPRISE_MARKERS: EditionMarkers = {
  keys: ['enforce_rbac', 'event_hooks_enabled', 'konnect_mode', 'fips', 'admin_api_uri'],
  prefixes: ['admin_gui_auth', 'audit_log', 'keyring_', 'portal', 'vitals', 'rbac', 'admin_emails_', 'smtp_', 'cluster_telemetry_', 'analytics_'],
  env: ['KONG_LICENSE_DATA', 'KONG_LICENSE_PATH'],
  sources: [
    { kind: 'digest', ref: 'kong-facts/conf/ee-docs-diff.json#documented_but_not_in_oss_defaults', note: 'Enterprise kong.conf reference 2.8-3.9 minus OSS kong_defaults.lua' },
    { kind: 'docs', ref: 'https://developer.konghq.com/gateway/entities/license/' },
  ],
};

/** The first Enterprise-only key among the given ones, if any. */
export function findEnterpriseMarker(keys: Iterable<string>): string | undefined {
  for (const key of keys) {
    if (ENTERPRISE_MARKERS.keys.includes(key)) return key;
    if (ENTERPRISE_MARKERS.prefixes.some((p) => key.startsWith(p))) return key;
  }
  return undefined;
}
