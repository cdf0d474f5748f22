// Where a node's gateway configuration really lives when the node does not hold it: the
// Kubernetes resources a Kong Ingress Controller translates into Kong configuration. A backup of
// the node alone would miss it.

import type { ConfigSource, Role } from '../plan/types';
import type { ControllerImageRef } from './images/controller-image';

export interface ConfigSourceEvidence {
  role: Role;
  /** The Helm values run the ingress controller: why (src/inputs/helm/kong-chart.ts helmControllerOn). */
  helmControllerOn?: string;
  /** Controller images named by manifests or compose files (and Helm values). */
  controllers: readonly ControllerImageRef[];
}

export function configSourceOf(evidence: ConfigSourceEvidence): ConfigSource | undefined {
  // A data plane takes its configuration from its control plane, whatever runs beside it.
  if (evidence.role === 'data_plane') return undefined;
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
