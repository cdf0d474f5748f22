// How a declarative configuration held as text inside another file is named in reports. Apart
// from the readers (embedded-declarative.ts) so that naming one loads no parser.

import type { EmbeddedSource } from './types';

/** The `kind` of an EmbeddedSource that is Helm values' `dblessConfig.config`, not a Kubernetes object. */
export const HELM_VALUES_KIND = 'Helm values';

/** `data.kong.yml` of ConfigMap kong-dbless in k8s/dbless.yaml (document 2); `dblessConfig.config` of the Helm values in values.yaml. */
export function describeEmbeddedSource(source: EmbeddedSource): string {
  if (source.kind === HELM_VALUES_KIND) return `\`${source.key}\` of the Helm values in ${source.file}`;
  return `\`${source.key}\` of ${source.kind}${source.name ? ` ${source.name}` : ''} in ${source.file}${source.document > 1 ? ` (document ${source.document})` : ''}`;
}
