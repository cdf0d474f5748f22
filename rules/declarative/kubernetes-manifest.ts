// Says which files given as declarative configuration were Kubernetes manifests and so were not
// checked. Folders of configuration often keep them beside kong.yml (Kong Ingress Controller
// resources, the gateway's Deployment); neither Kong nor decK reads them as configuration, and a
// report must not look as if they had been checked.

import { defineRule } from '../../src/engine/define-rule';

export default defineRule<'notChecked'>({
  id: 'declarative/kubernetes-manifest',
  description: 'Lists files given as declarative configuration that are Kubernetes manifests, which were not checked.',
  severity: 'info',
  inputs: ['declarative'],
  messages: {
    notChecked: '{{file}} is a Kubernetes manifest (`kind: {{kind}}`), not a Kong declarative file: it was not checked. Kong Ingress Controller resources need their own review.',
  },
  remediation: 'Point --declarative at the kong.yml or decK state files only, or review the Kubernetes resources against the Kong Ingress Controller upgrade notes.',
  docsUrl: 'https://developer.konghq.com/kubernetes-ingress-controller/',
  sources: [{ kind: 'repo', ref: 'Kong/kong:kong/db/schema/others/declarative_config.lua@3.9.3', note: 'the keys a declarative file may hold' }],
  check(ctx) {
    const declarative = ctx.input('declarative');
    const manifests = declarative.unreadable.filter((file) => file.reason === 'kubernetes-manifest');
    // Nothing else was read: the operator may have pointed at the wrong file, so it is a warning.
    const severity = declarative.documents.length === 0 ? 'warning' : 'info';
    for (const file of manifests) ctx.report({ messageId: 'notChecked', severity, at: file.origin, data: { file: file.file, kind: file.kind ?? 'unknown' } });
  },
});
