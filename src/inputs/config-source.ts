// Where a node's gateway configuration really lives when the node does not hold it: the
// Kubernetes resources a Kong Ingress Controller translates into Kong configuration, or the
// Konnect control plane a data plane is connected to. A backup of the node alone would miss it.

import type { ConfigSource, Role } from '../plan/types';
import { describeOrigin, type Origin } from '../model/origin';
import type { ControllerImageRef } from './images/controller-image';
import type { KongConf } from './kong-conf/types';

export interface ConfigSourceEvidence {
  role: Role;
  kongConf?: KongConf;
  /** The Helm values run the ingress controller: why (src/inputs/helm/kong-chart.ts helmControllerOn). */
  helmControllerOn?: string;
  /** Controller images named by manifests or compose files (and Helm values). */
  controllers: readonly ControllerImageRef[];
  /** Where a declarative file holds decK's `_konnect` block. */
  konnectFile?: Origin;
}

/**
 * Konnect's hybrid control plane endpoints are `<prefix>.cp.konghq.com` hosts
 * (developer.konghq.com app/gateway/aws-private-link.md@bc1cd742 line 84); `konghq.tech` is
 * Konnect's other domain (app/_data/event-gateway-bootstrap-schema/1.2.json@bc1cd742 line 15).
 */
const KONNECT_HOST = /^(?:[a-z]+:\/\/)?[^/:\s]+\.(?:konghq\.com|konghq\.tech)(?::\d+)?\/?$/i;

export function configSourceOf(evidence: ConfigSourceEvidence): ConfigSource | undefined {
  // A data plane takes its configuration from its control plane, whatever runs beside it.
  if (evidence.role === 'data_plane') return konnectSource(evidence);
  // The controller translates Kubernetes resources into Kong configuration and pushes it to
  // Kong (developer.konghq.com app/kubernetes-ingress-controller/architecture.md@bc1cd742 line
  // 29, ingress.md lines 35-45): those resources are the source of truth.
  const reason = ingressControllerRuns(evidence);
  return reason ? { kind: 'ingress-controller', reason } : undefined;
}

/** Why the inputs show a Kong Ingress Controller beside this Kong, or undefined. */
export function ingressControllerRuns(evidence: Pick<ConfigSourceEvidence, 'helmControllerOn' | 'controllers'>): string | undefined {
  if (evidence.helmControllerOn) return evidence.helmControllerOn;
  // Helm values speak through helmControllerOn, which also knows when they turn it off.
  const image = evidence.controllers.find((c) => c.via !== 'helm-values');
  return image ? `Kong Ingress Controller image ${image.reference} at ${image.origin.file}:${image.origin.line}` : undefined;
}

function konnectSource(evidence: ConfigSourceEvidence): ConfigSource | undefined {
  const conf = evidence.kongConf;
  // konnect_mode: "the dataplane is connected to Konnect" (app/_data/kong-conf/3.4.json@bc1cd742).
  const mode = conf?.get('konnect_mode');
  if (mode && ['on', 'true'].includes(mode.value.trim().toLowerCase())) {
    return { kind: 'konnect', reason: `konnect_mode = ${mode.value.trim()} at ${describeOrigin(mode.origin)}` };
  }
  const cp = conf?.get('cluster_control_plane');
  if (cp && KONNECT_HOST.test(cp.value.trim())) {
    return { kind: 'konnect', reason: `cluster_control_plane = ${cp.value.trim()} at ${describeOrigin(cp.origin)}, a Konnect endpoint` };
  }
  if (evidence.konnectFile) return { kind: 'konnect', reason: `decK _konnect at ${describeOrigin(evidence.konnectFile)}` };
  return undefined;
}
