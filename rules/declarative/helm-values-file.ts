// Says which files given as declarative configuration were Helm values for Kong's chart and so
// were not checked. A deployment folder often keeps values.yaml beside kong.yml, and `--declarative
// DIR` reads every YAML file under it; read as Kong's, the values would only get "no
// _format_version", and the image, settings and DB-less configuration they set would go unread.

import { defineRule } from '../../src/engine/define-rule';

export default defineRule<'notChecked'>({
  id: 'declarative/helm-values-file',
  description: 'Lists files given as declarative configuration that are Helm values for Kong\'s chart, which were not checked as such.',
  severity: 'info',
  inputs: ['declarative'],
  messages: {
    notChecked: '{{file}} holds Helm values for Kong\'s chart (`image`, `env`, `ingressController`...), not a Kong declarative file: it was not checked. Give it with --helm-values to read the Kong image, the kong.conf settings and the DB-less configuration it sets.',
  },
  remediation: 'Pass the values file with --helm-values, and point --declarative at the kong.yml or decK state files only.',
  docsUrl: 'https://developer.konghq.com/kubernetes-ingress-controller/',
  sources: [
    { kind: 'repo', ref: 'Kong/kong:kong/db/schema/others/declarative_config.lua@3.9.3', note: 'a declarative file is a record of entity collections with _format_version' },
    { kind: 'repo', ref: 'Kong/charts:charts/kong/values.yaml@e76b800', note: 'the chart values\' own top-level keys (image, env, proxy, admin, ingressController, dblessConfig...)' },
    { kind: 'repo', ref: 'Kong/charts:charts/ingress/values.yaml@e76b800', note: 'the kong/ingress chart nests them under controller and gateway' },
  ],
  check(ctx) {
    const declarative = ctx.input('declarative');
    // Nothing else was read: the operator may have pointed at the wrong file, so it is a warning.
    const severity = declarative.documents.length === 0 ? 'warning' : 'info';
    for (const file of declarative.unreadable) {
      if (file.reason === 'helm-values') ctx.report({ messageId: 'notChecked', severity, at: file.origin, data: { file: file.file } });
    }
  },
});
