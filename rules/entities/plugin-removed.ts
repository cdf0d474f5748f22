// Flags configured plugins (entities in a file or the database) that a version on the path
// removes, so Kong refuses to start ("plugin is in use but not enabled"), or deprecates. The facts
// are the bundled-plugin lifecycle shared with plugins/bundled-plugin-removed, which looks at the
// `plugins` property of kong.conf instead.

import { defineRule } from '../../src/engine/define-rule';
import { entityLabel } from '../../src/engine/entity-facts';
import { BREAKING_CHANGES_PAGE } from '../../src/knowledge/entities/sources';
import { bundledPluginChanges } from '../../src/knowledge/plugins/lifecycle';

export default defineRule<'removed' | 'deprecated'>({
  id: 'entities/plugin-removed',
  description: 'Reports configured plugins that a version on the path removes or deprecates.',
  severity: 'blocker',
  versionData: ['since'],
  catalog: ['plugin-statsd-advanced-deprecated'],
  inputs: ['entities'],
  messages: {
    removed: '{{entity}}: the {{plugin}} plugin is removed in {{since}}; Kong will not start with it configured.{{replacement}}',
    deprecated: '{{entity}}: the {{plugin}} plugin is deprecated from {{since}}.{{note}}{{replacement}}',
  },
  remediation: 'Remove or replace the plugin before the hop that removes it.',
  docsUrl: BREAKING_CHANGES_PAGE,
  sources: bundledPluginChanges.flatMap((p) => p.sources),
  check(ctx) {
    const onPath = bundledPluginChanges.filter((p) =>
      (p.edition !== 'ee' || ctx.plan.edition === 'enterprise') && ctx.crosses(p.version));
    if (onPath.length === 0) return;
    const byName = new Map(onPath.map((p) => [p.name, p]));
    return {
      plugin(entity) {
        const fact = typeof entity.fields.name === 'string' ? byName.get(entity.fields.name) : undefined;
        if (!fact) return;
        const removed = fact.change === 'removed';
        ctx.report({
          messageId: removed ? 'removed' : 'deprecated',
          // An uncertain removal date is never a blocker.
          severity: removed ? (fact.confidence === 'high' ? 'blocker' : 'warning') : 'info',
          at: entity.at(['name']),
          since: fact.version,
          data: {
            entity: entityLabel(entity), plugin: fact.name, since: fact.version,
            replacement: fact.replacement ? ` Use ${fact.replacement} instead.` : '',
            note: fact.note ? ` (${fact.note})` : '',
          },
        });
      },
    };
  },
});
