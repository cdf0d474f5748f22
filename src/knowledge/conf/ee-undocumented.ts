// Enterprise kong.conf properties that Kong's own instructions set but the Enterprise
// configuration reference (the source of the Enterprise series in properties.generated.json)
// does not list for some minors. Without them a key that Kong itself wrote into a node's
// settings (Konnect's generated data plane parameters) reads as a typo.

import type { FactSource } from '../../model/source';
import type { PropertyRecord } from './types';

export interface UndocumentedEnterpriseProperty {
  name: string;
  record: PropertyRecord;
  /** The first Enterprise minor that reads the key; absent: every minor the catalogue knows. */
  addedIn?: string;
  /** The first Enterprise minor that no longer reads the key; absent: still read. */
  removedIn?: string;
  sources: FactSource[];
}

export const EE_UNDOCUMENTED_PROPERTIES: readonly UndocumentedEnterpriseProperty[] = [
  {
    // Konnect's generated data plane parameters carried `vitals_ttl_days = 732` (kong.conf,
    // KONG_VITALS_TTL_DAYS for Docker, env.vitals_ttl_days for Helm); the key went with Vitals.
    name: 'vitals_ttl_days',
    record: { default: '0', type: 'number' },
    removedIn: '3.5',
    sources: [
      { kind: 'repo', ref: 'Kong/docs.konghq.com:app/konnect/legacy/runtime-manager/gateway-runtime-conf.md@303e2dff5e5d4e8022cafa6d1c7b3b4f2a5e9a78', note: 'Konnect configuration parameters for a kong.conf data plane: vitals_ttl_days = 732' },
      { kind: 'repo', ref: 'Kong/docs.konghq.com:app/konnect/legacy/runtime-manager/gateway-runtime-docker.md@303e2dff5e5d4e8022cafa6d1c7b3b4f2a5e9a78', note: 'the same as KONG_VITALS_TTL_DAYS=732' },
      { kind: 'docs', ref: 'https://developer.konghq.com/gateway/breaking-changes/', note: '3.5.0.0: Vitals removed' },
    ],
  },
  {
    // Documented for 2.6-2.8 in 2022 (DOCU-2401), then lost from the 2.8 page when it was
    // regenerated in 2023; documented again from 3.0. Konnect's 2.x parameters set it.
    name: 'cluster_telemetry_server_name',
    record: { default: null, type: 'string' },
    addedIn: '2.6',
    sources: [
      { kind: 'repo', ref: 'Kong/docs.konghq.com:app/gateway/2.8.x/reference/configuration.md@694df1d05d9b116467f225c2dd4cdd18a1030eff', note: 'DOCU-2401 adds cluster_telemetry_server_name to the 2.6, 2.7 and 2.8 references' },
      { kind: 'repo', ref: 'Kong/docs.konghq.com:app/konnect/legacy/runtime-manager/gateway-runtime-conf.md@303e2dff5e5d4e8022cafa6d1c7b3b4f2a5e9a78', note: 'Konnect configuration parameters for a kong.conf data plane' },
    ],
  },
];
