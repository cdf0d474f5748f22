// Warns when configuration tables were written minutes before the check: the Admin API, Kong
// Manager, decK or a script is still in use, and a write during the upgrade is lost (dual-cluster:
// it never reaches the new cluster) or lands in a half-migrated database (in-place).

import { defineRule } from '../../src/engine/define-rule';
import { FREEZE_STEP_SOURCES, freezeStepsFor } from '../../src/knowledge/upgrade-checklist';

export default defineRule<'recentWrites'>({
  id: 'db/recent-config-writes',
  description: 'Warns about configuration written to the database in the last minutes: writes are not frozen yet.',
  severity: 'warning',
  inputs: ['database'],
  gate: { roles: ['traditional', 'control_plane'] },
  messages: {
    recentWrites: 'Configuration was written in the last {{minutes}} minutes ({{tables}}; newest {{newest}}): something still writes through the Admin API, Kong Manager, decK or SQL.',
  },
  remediation: 'Freeze configuration writes before the upgrade starts, then take `kong-preflight freeze snapshot` and verify it when the upgrade ends.',
  docsUrl: 'https://developer.konghq.com/gateway/upgrade/',
  sources: [...FREEZE_STEP_SOURCES, { kind: 'digest', ref: 'kong-facts/database.md §3 (created_at / updated_at columns per version)' }],
  check(ctx) {
    const db = ctx.input('database');
    const { tables, windowMinutes } = db.recentWrites;
    if (tables.length === 0) return;
    const newest = tables[0];
    ctx.report({
      messageId: 'recentWrites',
      at: db.origin(newest.table),
      data: {
        minutes: windowMinutes,
        tables: tables.map((t) => `${t.table}: ${t.rows} row${t.rows === 1 ? '' : 's'}`).join(', '),
        newest: `${newest.newest.toISOString()} in ${newest.table}`,
      },
      // A controller-only release's gateway is elsewhere: the steps are for it and its controller.
      remediation: freezeStepsFor(ctx.plan),
    });
  },
});
