// Compares the version the plan starts from (--from) with the version the database's migrations
// say is installed. When they disagree, the plan skips or repeats changes: rules between the two
// versions are gated wrongly and the report cannot be trusted.

import { defineRule } from '../../src/engine/define-rule';
import { rangeAdmits } from '../../src/inputs/database/installed-version';
import { migrationSources } from '../../src/knowledge/database/migrations';
import { MIGRATION_STATE } from '../../src/knowledge/database/facts';

export default defineRule<'older' | 'newer'>({
  id: 'db/installed-version-mismatch',
  description: 'Flags a --from version that contradicts the version the database was migrated by.',
  severity: 'warning',
  inputs: ['database'],
  // Only nodes with a database: DB-less nodes and data planes have none.
  gate: { roles: ['traditional', 'control_plane'] },
  messages: {
    older: '--from {{from}} is newer than this database: its migrations stop at {{installed}} ({{evidence}}). The plan starts past migrations this database still needs, and changes between the two are not checked.',
    newer: '--from {{from}} is older than this database: its migrations reach {{installed}} ({{evidence}}).',
  },
  remediation: 'Run the check without --from (the database decides), or with the version the database reports; if the database is not the one of this node, fix pg_* or --pg.',
  docsUrl: MIGRATION_STATE.docsUrl,
  sources: migrationSources,
  check(ctx) {
    const db = ctx.input('database');
    const { installed } = db;
    // The version as given (`2.1`, a whole minor), not the release the plan starts from (2.1.0):
    // a database migrated by 2.1.3 or 3.6.1 is still a 2.1 or 3.6 one, and when --from was left
    // out the database's own minor must not contradict it.
    const from = ctx.plan.requested?.from ?? ctx.plan.from;
    if (rangeAdmits(installed, from)) return;
    const older = from.gte(installed.min);
    ctx.report({
      messageId: older ? 'older' : 'newer',
      // A database behind --from still needs the migrations of the versions in between: the plan
      // starts past them (2.8 database, --from 3.4, --to 3.10 plans one LTS jump where two are
      // required) and the report passes without checking them. A database ahead of --from only
      // makes the plan check more than needed.
      ...(older ? { severity: 'blocker' as const } : {}),
      at: db.origin('schema_meta', 'core', 'executed'),
      data: { from: from.toString(), installed: installed.label, evidence: installed.evidence[0] },
    });
  },
});
