// Flags a database in the middle of an upgrade: pending migrations (`kong migrations up` ran,
// `finish` did not) or a migrations lock held right now. Kong refuses a new `up` while anything is
// pending, and starting another upgrade on a half-migrated database mixes two schemas.

import { defineRule } from '../../src/engine/define-rule';
import { MIGRATION_STATE as FACT } from '../../src/knowledge/database/facts';

export default defineRule<'pending' | 'locked'>({
  id: 'db/migrations-in-progress',
  description: 'Flags pending migrations and a live migrations lock: an upgrade is already under way on this database.',
  severity: 'blocker',
  inputs: ['database'],
  // Only nodes with a database: DB-less nodes and data planes have none.
  gate: { roles: ['traditional', 'control_plane'] },
  messages: {
    pending: 'An upgrade is already in progress: {{subsystem}} has pending migrations ({{names}}); `kong migrations up` ran and `kong migrations finish` did not.',
    locked: 'A `kong migrations` command holds the migrations lock right now (owner {{owner}}, until {{ttl}}).',
  },
  remediation: 'Finish the upgrade under way (`kong migrations finish` with the new version) or roll it back from the backup, then run the check again. Wait for a running migration command to end before upgrading.',
  docsUrl: FACT.docsUrl,
  sources: [...FACT.sources],
  check(ctx) {
    const db = ctx.input('database');
    for (const { subsystem, names } of db.pending) {
      ctx.report({
        messageId: 'pending',
        at: db.origin('schema_meta', subsystem, 'pending'),
        data: { subsystem, names: names.join(', ') },
      });
    }
    if (db.lock?.active) {
      ctx.report({
        messageId: 'locked',
        at: db.origin('locks', FACT.lockKey),
        data: { owner: db.lock.owner ?? 'unknown', ttl: db.lock.ttl.toISOString() },
      });
    }
  },
});
