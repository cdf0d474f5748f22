// Enterprise needs its license on the new cluster (KONG_LICENSE_DATA, /etc/kong/license.json,
// KONG_LICENSE_PATH or a database row, in Kong's lookup order): without one, Enterprise features stop (from
// 3.10 an unlicensed node behaves as expired; from 3.15 its Admin API turns read-only). A node
// whose deployment turns Enterprise off on purpose (Helm `enterprise.enabled: false`) runs in free
// mode, which is a warning on paths that end before 3.10; a node already on 3.10 or later has no
// free mode left, so it already runs as if its license had expired. Also flags a license that has
// expired or expires soon.

import { defineRule } from '../../src/engine/define-rule';
import { DEFAULT_LICENSE_PATH, type LicenseCandidate } from '../../src/inputs/license';
import type { ConfSetting, KongConf } from '../../src/inputs/kong-conf/types';
import { readKongBoolean } from '../../src/inputs/kong-conf/values';
import { LICENSE_FACTS as FACT } from '../../src/knowledge/core-changes';
import { KongVersion } from '../../src/version/kong-version';

const DAY_MS = 24 * 60 * 60 * 1000;

export default defineRule<'missing' | 'missingDbUnchecked' | 'freeMode' | 'freeModeGone' | 'dataPlane' | 'konnectDataPlane' | 'expired' | 'expiresSoon' | 'unverifiable' | 'malformed' | 'shadowed'>({
  id: 'license/enterprise-license',
  description: 'Checks that the Enterprise node has a license for the new cluster and that it is not expired or about to expire.',
  severity: 'blocker',
  catalog: ['ee-free-mode-removed', 'ee-license-expiry-read-only'],
  inputs: ['license'],
  gate: { editions: ['enterprise'] },
  messages: {
    missing: 'No Enterprise license: KONG_LICENSE_DATA and KONG_LICENSE_PATH are unset and {{defaultPath}} is absent here{{dbNote}}.{{consequence}}',
    missingDbUnchecked: 'No license in KONG_LICENSE_DATA, KONG_LICENSE_PATH or {{defaultPath}}, and the database was not inspected: a license applied through the Admin API lives there (pass --pg to verify).{{consequence}}',
    freeMode: 'No Enterprise license, and {{reason}}: the node runs in free mode (Enterprise features off) before and after this upgrade. Free mode ends in {{freeModeEnd}}: from then on a node without a license behaves as if its license had expired.',
    freeModeGone: 'No Enterprise license, and {{reason}}: free mode ended in {{freeModeEnd}}, so this node already runs as if its license had expired, before and after this upgrade.',
    dataPlane: 'No license configured on this data plane: data planes receive the license from their control plane, which must hold one.',
    konnectDataPlane: 'No license configured on this data plane, and none is needed: it connects to Konnect ({{reason}}), which manages the Enterprise license and delivers it to its data planes.',
    expired: 'The license from {{via}} expired on {{expiresAt}}.{{consequence}}',
    expiresSoon: 'The license from {{via}} expires on {{expiresAt}}, in {{days}} day(s): renew it before the upgrade window.',
    unverifiable: 'The license from {{via}} could not be verified here: {{detail}}.',
    malformed: 'The license from {{via}} is not a readable Kong license ({{detail}}).',
    shadowed: 'The license from {{via}} {{state}}, but this node never loads it: Kong takes the first license source that is set (KONG_LICENSE_DATA, {{defaultPath}}, KONG_LICENSE_PATH, then the database) and this node has {{loadedVia}}. Nodes without it load this one.',
  },
  remediation: 'Apply a valid Enterprise license to the new cluster (KONG_LICENSE_DATA, KONG_LICENSE_PATH, /etc/kong/license.json, or POST /licenses on database-backed nodes) before moving traffic.',
  docsUrl: FACT.docsUrl,
  sources: [...FACT.sources],
  check(ctx) {
    const license = ctx.input('license');
    const consequence = ctx.crosses(FACT.adminApiReadOnlyIn)
      ? ` From ${FACT.adminApiReadOnlyIn} the Admin API is read-only without a valid license.`
      : ctx.crosses(FACT.freeModeRemovedIn)
        ? ` From ${FACT.freeModeRemovedIn} a node without a license behaves as if its license had expired.`
        : ' Enterprise features stop working without a license.';
    const anchor = { kind: 'global' as const };

    if (license.candidates.length === 0) {
      if (ctx.plan.role === 'data_plane') {
        const konnect = konnectEvidence(ctx.optionalInput('kongConf'));
        if (konnect) ctx.report({ messageId: 'konnectDataPlane', severity: 'info', at: konnect.origin, data: { reason: konnect.reason }, remediation: 'Nothing to apply on the node; keep the Konnect organization\'s subscription active.' });
        else ctx.report({ messageId: 'dataPlane', severity: 'info', at: anchor });
      } else if (license.freeMode && !ctx.crosses(FACT.freeModeRemovedIn) && !ctx.crosses(FACT.adminApiReadOnlyIn)) {
        // Enterprise turned off on purpose, on a path that leaves the free-mode question as it is:
        // it ends before 3.10, or it starts where free mode is already gone.
        const gone = ctx.plan.from.gte(KongVersion.parse(FACT.freeModeRemovedIn));
        ctx.report({ messageId: gone ? 'freeModeGone' : 'freeMode', severity: 'warning', at: license.freeMode.origin, data: { reason: license.freeMode.reason, freeModeEnd: FACT.freeModeRemovedIn } });
      } else if (!license.databaseInspected && ctx.plan.topology !== 'dbless') {
        // Licenses applied through the Admin API live in the database: without it we cannot be sure.
        ctx.report({ messageId: 'missingDbUnchecked', severity: 'warning', at: anchor, data: { consequence, defaultPath: DEFAULT_LICENSE_PATH } });
      } else {
        const dbNote = license.databaseInspected ? '; the database has no license row' : '';
        ctx.report({ messageId: 'missing', at: anchor, data: { consequence, defaultPath: DEFAULT_LICENSE_PATH, dbNote } });
      }
      return;
    }
    for (const candidate of license.candidates) {
      const via = candidate.via;
      if (candidate.shadowedBy) {
        // A license this node never loads is not this node's problem, but it may be another's.
        const state = shadowedState(candidate, ctx.now);
        if (state) ctx.report({ messageId: 'shadowed', severity: 'info', at: candidate.origin, data: { via, state, loadedVia: SOURCE_PRESENT[candidate.shadowedBy], defaultPath: DEFAULT_LICENSE_PATH } });
        continue;
      }
      if (candidate.status === 'absent-here' || candidate.status === 'unreadable') {
        ctx.report({ messageId: 'unverifiable', severity: 'info', at: candidate.origin, data: { via, detail: candidate.detail } });
      } else if (candidate.status === 'malformed') {
        ctx.report({ messageId: 'malformed', severity: 'warning', at: candidate.origin, data: { via, detail: candidate.detail } });
      } else if (candidate.expiresAt) {
        const days = daysLeft(candidate.expiresAt, ctx.now);
        if (days < 0) {
          ctx.report({ messageId: 'expired', at: candidate.origin, data: { via, expiresAt: candidate.expiresAt, consequence } });
        } else if (days <= FACT.expiryWarningDays) {
          ctx.report({ messageId: 'expiresSoon', severity: 'warning', at: candidate.origin, data: { via, expiresAt: candidate.expiresAt, days } });
        }
      }
    }
  },
});

/** How a message says a node has a license source. */
const SOURCE_PRESENT: Readonly<Record<LicenseCandidate['via'], string>> = {
  KONG_LICENSE_DATA: 'KONG_LICENSE_DATA set',
  'default-path': `${DEFAULT_LICENSE_PATH}`,
  KONG_LICENSE_PATH: 'KONG_LICENSE_PATH set',
  database: 'a license row in the database',
  Konnect: 'its license from Konnect',
};

/** Whole days from `now` to the end of the expiry date (UTC); negative once it has passed. */
function daysLeft(expiresAt: string, now: Date): number {
  return Math.floor((Date.parse(`${expiresAt}T23:59:59Z`) - now.getTime()) / DAY_MS);
}

/** What is wrong with a license this node does not load, in a few words; undefined when nothing is. */
function shadowedState(candidate: LicenseCandidate, now: Date): string | undefined {
  if (candidate.status === 'malformed') return `is not a readable Kong license (${candidate.detail})`;
  if (candidate.status !== 'read' || !candidate.expiresAt) return undefined;
  const days = daysLeft(candidate.expiresAt, now);
  if (days < 0) return `expired on ${candidate.expiresAt}`;
  return days <= FACT.expiryWarningDays ? `expires on ${candidate.expiresAt}, in ${days} day(s)` : undefined;
}

/**
 * A data plane of a Konnect control plane: `konnect_mode = on`, or a control plane address on
 * Konnect's own domain. Konnect keeps the license and hands it to its data planes
 * (Kong/developer.konghq.com@bc1cd742: app/_gateway_entities/vault.md, the license is managed and
 * stored by Konnect; app/_how-tos/operator/operator-dataplane-cert-manager.md).
 */
function konnectEvidence(conf: KongConf | undefined): { origin: ConfSetting['origin']; reason: string } | undefined {
  if (!conf) return undefined;
  const mode = conf.get('konnect_mode');
  if (mode && readKongBoolean(mode.value).value) return { origin: mode.origin, reason: 'konnect_mode = on' };
  const address = conf.get('cluster_control_plane');
  if (address && /\.konghq\.com(:\d+)?$/i.test(address.value.trim())) return { origin: address.origin, reason: `cluster_control_plane = ${address.value.trim()}` };
  return undefined;
}
