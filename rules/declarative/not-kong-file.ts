// Says which files given as declarative configuration belong to no Kong tool and so were not
// checked. `--declarative DIR` reads every YAML and JSON file under a deployment folder, which
// often keeps a Helm chart's Chart.yaml, a Grafana dashboard or another chart's values beside
// kong.yml; read as Kong's, each would get a "no _format_version" blocker.

import { defineRule } from '../../src/engine/define-rule';

/** Root keys shown in the message: enough to recognise the file, never its values. */
const SHOWN_KEYS = 4;

export default defineRule<'notChecked'>({
  id: 'declarative/not-kong-file',
  description: 'Lists files given as declarative configuration that hold none of the keys of a Kong or decK file, which were not checked.',
  severity: 'info',
  inputs: ['declarative'],
  messages: {
    notChecked: '{{file}} has none of the top-level keys of a Kong declarative or decK file (`_format_version`, `services`, `routes`, `plugins`...); its root holds {{keys}}: it was not checked.',
  },
  remediation: 'Point --declarative at the kong.yml or decK state files only; if this file is meant to be one, give it Kong\'s keys (`_format_version` and the entity lists).',
  docsUrl: 'https://developer.konghq.com/gateway/declarative-configuration/',
  sources: [
    { kind: 'repo', ref: 'Kong/kong:kong/db/schema/others/declarative_config.lua@3.9.3', note: 'build_fields (lines 250-262) and add_top_level_entities (lines 145-153): _format_version, _transform, _comment, _ignore and one array of records per entity' },
    { kind: 'repo', ref: 'Kong/go-database-reconciler:pkg/file/types.go@8f5e476d', note: 'decK Content: _format_version, _transform, _info, _workspace, _konnect, _plugin_configs and entity lists' },
  ],
  check(ctx) {
    const declarative = ctx.input('declarative');
    // Nothing else was read: the operator may have pointed at the wrong file, so it is a warning.
    const severity = declarative.documents.length === 0 ? 'warning' : 'info';
    for (const file of declarative.unreadable) {
      if (file.reason !== 'not-kong') continue;
      const keys = file.rootKeys ?? [];
      const shown = keys.slice(0, SHOWN_KEYS).map((key) => `\`${key}\``).join(', ') + (keys.length > SHOWN_KEYS ? ', ...' : '');
      ctx.report({ messageId: 'notChecked', severity, at: file.origin, data: { file: file.file, keys: shown } });
    }
  },
});
