// A control plane refuses data planes of another major version, and data planes whose minor is
// newer than its own. Data planes recorded in the control plane's database that the upgraded
// control plane will refuse stop receiving configuration until they are upgraded.

import { defineRule } from '../../src/engine/define-rule';
import { dataPlaneRefusal, hybridSources } from '../../src/knowledge/database';
import { HYBRID_DOCS } from '../../src/knowledge/database/facts';
import { KongVersion } from '../../src/version/kong-version';

export default defineRule<'otherMajor' | 'newerMinor' | 'unknownVersion'>({
  id: 'db/hybrid-data-planes',
  description: 'Flags connected data planes that the upgraded control plane will refuse (another major, or a newer minor).',
  catalog: ['hybrid-upgrade-order-and-skew'],
  severity: 'warning',
  inputs: ['database'],
  // Only nodes with a database: DB-less nodes and data planes have none.
  gate: { roles: ['traditional', 'control_plane'] },
  messages: {
    otherMajor: 'Data plane {{hostname}} runs {{version}}: a {{target}} control plane refuses other majors, so it keeps its last configuration and gets no updates until it is upgraded.',
    newerMinor: 'Data plane {{hostname}} runs {{version}}, newer than the {{target}} control plane: it will be refused.',
    unknownVersion: 'Data plane {{hostname}} reports no version that can be compared with {{target}}.',
  },
  remediation: 'Upgrade the control plane first, then the data planes (rolling), soon after: a control plane must be on the same major as its data planes and at least their minor.',
  docsUrl: HYBRID_DOCS.docsUrl,
  sources: hybridSources,
  check(ctx) {
    const db = ctx.input('database');
    const target = ctx.plan.to;
    for (const dp of db.dataPlanes) {
      if (!dp.live) continue; // expired rows: nodes that stopped reporting
      const version = dp.version ? KongVersion.tryParse(dp.version.replace(/-.*$/, '')) : undefined;
      const data = { hostname: dp.hostname, version: dp.version ?? 'unknown', target: target.toString() };
      if (!version) {
        ctx.report({ messageId: 'unknownVersion', severity: 'info', at: dp.origin, data });
        continue;
      }
      const refusal = dataPlaneRefusal(target, version, ctx.plan.edition);
      if (refusal === 'major') ctx.report({ messageId: 'otherMajor', at: dp.origin, data });
      else if (refusal === 'newer-minor') ctx.report({ messageId: 'newerMinor', at: dp.origin, data });
    }
  },
});
