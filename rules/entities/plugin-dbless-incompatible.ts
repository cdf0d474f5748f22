// Flags plugin settings a DB-less (or hybrid) node refuses because they need a database: the
// configuration fails to load on such a node.

import { defineRule } from '../../src/engine/define-rule';
import { entityLabel } from '../../src/engine/entity-facts';
import { dblessLimits } from '../../src/knowledge/entities/dbless-limits';
import { deepestExisting, matches } from '../../src/model/field-paths';

export default defineRule<'needsDatabase'>({
  id: 'entities/plugin-dbless-incompatible',
  description: 'Reports plugin settings that cannot work without a database on DB-less and hybrid nodes.',
  severity: 'blocker',
  inputs: ['entities'],
  gate: { topologies: ['dbless', 'hybrid'] },
  messages: {
    needsDatabase: '{{entity}}: `{{field}}` cannot be used on a {{topology}} node. {{summary}}',
  },
  remediation: 'Pick a setting that does not need Kong\'s database (redis counters, external storage).',
  docsUrl: 'https://developer.konghq.com/gateway/db-less-mode/',
  sources: dblessLimits.flatMap((l) => l.sources),
  check(ctx) {
    const limits = dblessLimits.filter((l) => l.topologies.includes(ctx.plan.topology));
    return {
      plugin(entity) {
        for (const limit of limits) {
          if (entity.fields.name !== limit.plugin || !matches(entity, limit.when)) continue;
          ctx.report({
            messageId: 'needsDatabase',
            severity: limit.severity,
            at: entity.at(deepestExisting(entity.fields, limit.path)),
            remediation: limit.remediation,
            data: { entity: entityLabel(entity), field: limit.path, topology: ctx.plan.topology, summary: limit.summary },
          });
        }
      },
    };
  },
});
