// The upgrade strategies a node's role allows on a route, recommended first. Nodes with a database
// (traditional, hybrid control planes) upgrade dual-cluster or in-place, blue-green being possible
// but not recommended; nodes without one (DB-less, hybrid data planes) upgrade by rolling.

import { releaseForEdition } from '../knowledge/releases';
import { pathRules, strategyPages } from '../knowledge/upgrade-paths';
import { KongVersion } from '../version/kong-version';
import type { Edition, Hop, Role, Strategy, StrategyId } from './types';

function strategy(id: StrategyId, recommended: boolean, notes: string[]): Strategy {
  return { id, recommended, note: notes.filter(Boolean).join('; '), docsUrl: strategyPages[id] };
}

/** True for the roles whose nodes own a database and so run `kong migrations`. */
export function hasDatabase(role: Role): boolean {
  return role === 'traditional' || role === 'control_plane';
}

/**
 * Across the 2.x -> 3.x boundary a control plane refuses the data planes of the other major
 * (Kong/kong kong/clustering/utils.lua@3.0.0, compat/init.lua@3.4.2 check_kong_version_compatibility;
 * Enterprise 3.0 alone still accepts 2.8: src/knowledge/database/hybrid-compatibility.json).
 */
function majorSkew(hops: readonly Hop[], from: KongVersion, edition: Edition): string {
  if (from.major >= 3 || !hops.some((h) => h.toVersion.major >= 3)) return '';
  const since = edition === 'enterprise' ? 'from 3.1 (Enterprise 3.0 still accepts 2.8)' : 'from 3.0';
  return `across 2.x -> 3.x the majors must match: ${since} a control plane refuses 2.x data planes, which keep serving their last configuration until they are upgraded`;
}

export function strategiesFor(role: Role, hops: readonly Hop[], from: KongVersion, edition: Edition): Strategy[] {
  const skew = role === 'data_plane' || role === 'control_plane' ? majorSkew(hops, from, edition) : '';
  if (!hasDatabase(role)) {
    const order = role === 'data_plane' ? 'after the control planes: a control plane accepts data planes of its own major whose minor is not newer than its own' : '';
    return [strategy('rolling', true, ['add new nodes and retire old ones behind a load balancer; no database', order, skew])];
  }
  const cpFirst = role === 'control_plane' ? ['upgrade control planes before data planes', skew].filter(Boolean).join('; ') : '';
  const strategies = [
    strategy('dual-cluster', true, ['when there is hardware for a second cluster of the same size: a new database restored from a backup, no planned downtime', cpFirst]),
    strategy('in-place', true, ['when resources are short: reuses the database, with downtime while migrations run', cpFirst]),
  ];
  // The LTS guides offer only in-place, dual-cluster and rolling.
  if (hops.some((h) => h.covers === 'adjacent-lts')) return strategies;
  const crossesMinors = hops.some((h) => h.covers !== 'patch');
  const minimum = KongVersion.parse(pathRules.blueGreenMinimumFor3);
  const needsTwoEightTwo = from.lt(minimum) && hops.some((h) => h.toVersion.major >= 3);
  strategies.push(strategy('blue-green', false, [
    'possible but not recommended: Kong supports it only in a limited way and only between patches',
    crossesMinors ? 'this route crosses minors' : '',
    needsTwoEightTwo ? `reaching 3.x this way starts from ${releaseForEdition(pathRules.blueGreenMinimumFor3, edition)} or later (the blue-green-only hop)` : '',
  ]));
  return strategies;
}
