// Flags custom plugin migrations that still carry a `cassandra` section: from 3.4 the migration
// schema has no such key, every migration is validated against it, and `kong migrations up`
// stops with "unknown field".

import * as path from 'path';
import { defineRule } from '../../src/engine/define-rule';
import { returnedTable, tableField } from '../../src/inputs/lua/table';
import { tokenOrigin } from '../../src/inputs/plugins/origin';
import { pluginFacts } from '../../src/knowledge/plugins/facts';

const FACT = pluginFacts.migrationCassandraUnknown;

export default defineRule<'cassandraSection'>({
  id: 'plugins/migration-format',
  description: 'Flags custom plugin migrations with a cassandra section, which the 3.4 migration schema rejects.',
  severity: 'blocker',
  versionData: ['since'],
  inputs: ['customPlugins'],
  gate: { introducedIn: FACT.introducedIn },
  messages: {
    cassandraSection: '{{plugin}}: migration {{migration}} has a `cassandra` section; from Kong {{since}} it is an unknown field and `kong migrations up` fails.',
  },
  remediation: 'Delete the cassandra sections from the plugin\'s migrations (keep `postgres`), and release the plugin before running the 3.4 migrations.',
  docsUrl: FACT.docsUrl,
  sources: FACT.sources,
  check(ctx) {
    for (const plugin of ctx.input('customPlugins').plugins) {
      for (const file of plugin.migrations) {
        const table = returnedTable(file.code);
        const cassandra = table && tableField(table, 'cassandra');
        if (!cassandra) continue;
        ctx.report({
          messageId: 'cassandraSection',
          at: tokenOrigin(file, cassandra.at),
          data: { plugin: plugin.name, migration: path.basename(file.place ?? file.path), since: FACT.introducedIn },
        });
      }
    }
  },
});
