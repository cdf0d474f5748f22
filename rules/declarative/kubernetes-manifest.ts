// Says which files given as declarative configuration were Kubernetes manifests and so were not
// checked. Folders of configuration often keep them beside kong.yml (Kong Ingress Controller
// resources, the gateway's Deployment); neither Kong nor decK reads them as configuration, and a
// report must not look as if they had been checked. A ConfigMap that carries a kong.yml as text
// (the Kong Helm chart's `dblessConfig.config`) is named as such, in whichever document of the
// file it sits: it is a DB-less configuration, not an Ingress Controller resource, and only needs
// extracting to be checked.

import { defineRule } from '../../src/engine/define-rule';

export default defineRule<'notChecked' | 'embeddedConfig' | 'embeddedConfigLater'>({
  id: 'declarative/kubernetes-manifest',
  description: 'Lists files given as declarative configuration that are Kubernetes manifests, which were not checked.',
  severity: 'info',
  inputs: ['declarative'],
  messages: {
    notChecked: '{{file}} is a Kubernetes manifest (`kind: {{kind}}`), not a Kong declarative file: it was not checked. Kong Ingress Controller resources need their own review.',
    embeddedConfig: '{{file}} is a Kubernetes {{kind}} that holds a Kong declarative configuration as text in `{{key}}` (as the Kong Helm chart writes `dblessConfig.config`): that configuration was not checked. Extract it to a file and give that file with --declarative.',
    embeddedConfigLater: '{{file}} is a Kubernetes manifest whose document {{document}}, a {{embeddedKind}}, holds a Kong declarative configuration as text in `{{key}}`: that configuration was not checked. Extract it to a file and give that file with --declarative.',
  },
  remediation: 'Point --declarative at the kong.yml or decK state files only. For a ConfigMap holding a kong.yml, extract it first (`yq \'.data["kong.yml"]\' configmap.yaml > kong.yml`, or `kubectl get configmap NAME -o jsonpath=\'{.data.kong\\.yml}\' > kong.yml`) and check that file. Review Kong Ingress Controller resources against its upgrade notes.',
  docsUrl: 'https://developer.konghq.com/kubernetes-ingress-controller/',
  sources: [
    { kind: 'repo', ref: 'Kong/kong:kong/db/schema/others/declarative_config.lua@3.9.3', note: 'the keys a declarative file may hold' },
    { kind: 'repo', ref: 'Kong/charts:charts/kong/templates/config-dbless.yaml@kong-2.52.0', note: 'dblessConfig.config is written into a ConfigMap as data.kong.yml' },
  ],
  check(ctx) {
    const declarative = ctx.input('declarative');
    const manifests = declarative.unreadable.filter((file) => file.reason === 'kubernetes-manifest');
    // Nothing else was read: the operator may have pointed at the wrong file, so it is a warning.
    const severity = declarative.documents.length === 0 ? 'warning' : 'info';
    for (const file of manifests) {
      const data = { file: file.file, kind: file.kind ?? 'unknown' };
      const embedded = file.embedded;
      if (embedded?.document) {
        ctx.report({ messageId: 'embeddedConfigLater', severity, at: embedded.origin, data: { ...data, key: embedded.key, document: String(embedded.document), embeddedKind: embedded.kind ?? 'unknown' } });
      } else if (embedded) ctx.report({ messageId: 'embeddedConfig', severity, at: embedded.origin, data: { ...data, key: embedded.key } });
      else ctx.report({ messageId: 'notChecked', severity, at: file.origin, data });
    }
  },
});
