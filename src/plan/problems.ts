// Path-level problems: facts about the route itself that an operator must act on (a legacy source,
// the hybrid 3.1 protocol gap, a route only a table vouches for). Each builder returns a problem in
// our words with its sources; src/plan/compute-plan.ts decides when they apply.

import { newestRelease } from '../knowledge/releases';
import { pathRules, pathSource } from '../knowledge/upgrade-paths';
import type { KongVersion } from '../version/kong-version';
import type { Edition, Hop, PlanProblem } from './types';

const REFERENCE = 'https://developer.konghq.com/gateway/upgrade/';

export function legacySource(from: KongVersion): PlanProblem {
  const zero = from.major === 0 ? ' The docs this tool follows give no route out of 0.x: reach 1.x with Kong\'s legacy upgrade notes first.' : '';
  return {
    id: 'plan.legacy-source',
    severity: 'warning',
    message: `Kong ${from} predates the documented upgrade paths: it must reach ${pathRules.legacyStepTarget} first (Kong does not upgrade 1.x straight to 3.x), and kong-preflight knows almost none of the breaking changes on that step (only the custom nginx template placeholders 2.0 dropped), so it barely checks it.${zero}`,
    remediation: `Upgrade to ${pathRules.legacyStepTarget} following Kong's 1.x to 2.x notes, then run kong-preflight again with --from ${pathRules.legacyStepTarget}.`,
    docsUrl: REFERENCE,
    sources: [pathSource('majorUpgrade')],
  };
}

export function belowMinimumFor3(from: KongVersion): PlanProblem {
  return {
    id: 'plan.below-2.1',
    severity: 'warning',
    message: `Kong 3.0 migrates from ${pathRules.minimumSourceForMajor3} at the lowest; ${from} needs a stop at ${pathRules.legacyStepTarget} before its first 3.x hop.`,
    remediation: `Upgrade to ${pathRules.legacyStepTarget} (or to 2.8.x) before installing 3.x.`,
    docsUrl: REFERENCE,
    sources: [pathSource('majorUpgrade')],
  };
}

export function legacyTarget(to: KongVersion): PlanProblem {
  return {
    id: 'plan.legacy-target',
    severity: 'warning',
    message: `kong-preflight has no upgrade-path facts for targets before ${pathRules.minimumSourceForMajor3} (${to}); the route shown is a single hop and nothing on it is checked.`,
    sources: [pathSource('majorUpgrade')],
  };
}

export function hybridWebsocket(from: KongVersion, edition: Edition): PlanProblem {
  const ws = pathRules.hybridWebsocket;
  if (edition === 'oss') return ossHybridWebsocket(from);
  return {
    id: 'plan.hybrid-websocket-3.1',
    severity: 'warning',
    message: `Hybrid ${from}: 3.1.0.0 dropped the legacy CP/DP sync protocol, ${ws.proseSays} restored it and 3.2 drops the newer one, so control and data planes on ${from} lose sync with 3.2+ nodes. Move every node to ${ws.via} before going further.`,
    remediation: `Upgrade all control planes, then all data planes, to ${ws.via} (the guide's prose names ${ws.proseSays}; its tables ${ws.via}), then continue the route.`,
    docsUrl: REFERENCE,
    sources: [pathSource('hybridWebsocket'), pathSource('seed')],
  };
}

/**
 * The same gap on open source has no bridge: OSS 3.1.0 and 3.1.1 serve only the wRPC endpoint
 * (/v1/wrpc), 3.2.0 serves only the restored WebSocket one (/v1/outlet), and the patch that brought
 * the older protocol back to 3.1 (3.1.1.2) is Enterprise's alone.
 */
function ossHybridWebsocket(from: KongVersion): PlanProblem {
  return {
    id: 'plan.hybrid-websocket-3.1',
    severity: 'warning',
    message: `Hybrid ${from}: open-source 3.1 syncs control and data planes over wRPC only, 3.2 drops wRPC, and no OSS 3.1 release brings the older protocol back (Enterprise 3.1.1.2 does), so nodes left on 3.1 lose sync with 3.2+ nodes.`,
    remediation: 'Upgrade the control planes and the data planes past 3.1 in the same window: a data plane still on 3.1 cannot sync with a 3.2+ control plane.',
    docsUrl: REFERENCE,
    sources: [
      pathSource('hybridWebsocket'),
      { kind: 'repo', ref: 'Kong/kong:kong/templates/nginx_kong.lua@3.1.1', note: 'the cluster listener serves /v1/wrpc only' },
      { kind: 'repo', ref: 'Kong/kong:kong/templates/nginx_kong.lua@3.2.0', note: 'the cluster listener serves /v1/outlet only' },
      { kind: 'changelog', ref: 'Kong/kong:CHANGELOG.md@3.2.0', note: '#9921: WebSocket config sync restored, wRPC disabled; 3.1.1 lists no protocol change' },
    ],
  };
}

export function tableRowMissing(targetMinor: string, current: string, topology: string): PlanProblem {
  return {
    id: 'plan.table-row-missing',
    severity: 'info',
    message: `The upgrade table for ${targetMinor} has no row for ${current} ${topology}; the route follows the guaranteed upgrade paths instead.`,
    sources: [pathSource('seed'), pathSource('guaranteedPaths')],
  };
}

export function tableOnlyHops(hops: readonly Hop[]): PlanProblem {
  return {
    id: 'plan.table-only-hop',
    severity: 'info',
    message: `${hops.map((h) => h.label).join(', ')} skips minors with only the docs table behind it (no patch, adjacent-minor or adjacent-LTS guarantee); the alternative route goes one minor at a time.`,
    sources: [pathSource('guaranteedPaths')],
  };
}

export function ossWithoutRelease(minors: readonly string[]): PlanProblem {
  return {
    id: 'plan.no-oss-release',
    // Open-source Kong stops at 3.9: a target past it cannot be installed on an open-source node.
    severity: 'blocker',
    message: `Kong OSS has no ${minors.join(', ')} release, so an open-source node cannot be upgraded along this route; the versions shown there are Enterprise ones.`,
    remediation: `Check --to and --edition: the newest OSS release is ${newestRelease('oss')}; going further means moving to Kong Enterprise.`,
    sources: [pathSource('digest')],
  };
}

export function nothingToDo(version: KongVersion): PlanProblem {
  return {
    id: 'plan.nothing-to-do',
    severity: 'info',
    message: `--from and --to both stand for ${version}: there is nothing to upgrade.`,
    sources: [],
  };
}
