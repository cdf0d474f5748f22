// Flags `database = cassandra`: Kong 3.4 refuses to start on it, so the node must move to
// PostgreSQL (or DB-less) before the hop to 3.4. Leftover `cassandra_*` keys are dead settings.

import { defineRule } from '../../src/engine/define-rule';
import { CASSANDRA_REMOVAL as FACT } from '../../src/knowledge/core-changes';

export default defineRule<'removed' | 'deprecated' | 'deadSetting'>({
  id: 'conf/cassandra-removed',
  description: 'Flags Cassandra as the datastore, which Kong refuses from 3.4.0.0, and cassandra_* settings left behind.',
  severity: 'blocker',
  versionData: ['removedIn', 'deprecatedIn', 'removedNote'],
  catalog: ['database-cassandra-removed'],
  inputs: ['kongConf'],
  messages: {
    removed: '`database = cassandra`: Kong {{removedIn}} and later refuse to start on Cassandra.',
    deprecated: '`database = cassandra` is deprecated since {{deprecatedIn}} and removed in {{removedIn}}; this path stays below it, but plan the move to PostgreSQL.',
    deadSetting: '`{{key}}` configures Cassandra, which this node does not use{{removedNote}}: Kong ignores it.',
  },
  remediation:
    'Migrate the configuration to PostgreSQL (or DB-less) on the current version before upgrading to 3.4, following Kong\'s Cassandra-to-PostgreSQL migration guide, then remove the cassandra_* settings.',
  docsUrl: FACT.migrationGuide,
  sources: [...FACT.sources],
  check(ctx) {
    const conf = ctx.input('kongConf');
    const database = conf.get('database');
    const usesCassandra = database?.value === 'cassandra';
    const crossesRemoval = ctx.crosses(FACT.removedIn);
    if (database && usesCassandra) {
      ctx.report({
        messageId: crossesRemoval ? 'removed' : 'deprecated',
        severity: crossesRemoval ? 'blocker' : 'warning',
        at: database.origin,
        since: FACT.removedIn,
        data: { removedIn: FACT.removedIn, deprecatedIn: FACT.deprecatedIn },
      });
    }
    // With Cassandra still in use the keys matter until the migration; only the database line blocks.
    if (usesCassandra) return;
    for (const setting of conf.withPrefix('cassandra_')) {
      ctx.report({
        messageId: 'deadSetting',
        severity: 'info',
        at: setting.origin,
        since: crossesRemoval ? FACT.removedIn : undefined,
        data: { key: setting.key, removedNote: crossesRemoval ? ` and Kong ${FACT.removedIn} no longer knows` : '' },
        remediation: `Remove ${setting.key}.`,
      });
    }
  },
});
