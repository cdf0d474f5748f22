// Flags plugins that a version on the path removes (Kong then refuses to start: the plugin is
// configured but not installed) or deprecates.

import { defineRule } from '../../src/engine/define-rule';
import { entityLabel } from '../../src/engine/entity-facts';
import { pluginLifecycle } from '../../src/knowledge/entities/plugin-lifecycle';
import { BREAKING_CHANGES_PAGE } from '../../src/knowledge/entities/sources';

export default defineRule<'removed' | 'deprecated'>({
  id: 'entities/plugin-removed',
  description: 'Reports configured plugins that a version on the path removes or deprecates.',
  severity: 'blocker',
  inputs: ['entities'],
  messages: {
    removed: '{{entity}}: the {{plugin}} plugin is removed in {{since}}; Kong will not start with it configured.{{replacement}}',
    deprecated: '{{entity}}: the {{plugin}} plugin is deprecated from {{since}}{{planned}}.{{replacement}}',
  },
  remediation: 'Replace the plugin before the hop that removes it.',
  docsUrl: BREAKING_CHANGES_PAGE,
  sources: pluginLifecycle.flatMap((p) => p.sources),
  check(ctx) {
    const byName = new Map(pluginLifecycle
      .filter((p) => p.edition === 'oss+ee' || ctx.plan.edition === 'enterprise')
      .map((p) => [p.plugin, p]));
    return {
      plugin(entity) {
        const fact = typeof entity.fields.name === 'string' ? byName.get(entity.fields.name) : undefined;
        if (!fact) return;
        const data = {
          entity: entityLabel(entity), plugin: fact.plugin,
          replacement: fact.replacement ? ` Use ${fact.replacement} instead.` : '',
          planned: fact.plannedRemoval ? ` (removal planned for ${fact.plannedRemoval})` : '',
        };
        if (fact.removedIn && ctx.crosses(fact.removedIn)) {
          ctx.report({ messageId: 'removed', at: entity.at(['name']), since: fact.removedIn, data: { ...data, since: fact.removedIn } });
        } else if (fact.deprecatedIn && ctx.crosses(fact.deprecatedIn)) {
          ctx.report({ messageId: 'deprecated', severity: 'info', at: entity.at(['name']), since: fact.deprecatedIn, data: { ...data, since: fact.deprecatedIn } });
        }
      },
    };
  },
});
