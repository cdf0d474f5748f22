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

export function strategiesFor(role: Role, hops: readonly Hop[], from: KongVersion, edition: Edition): Strategy[] {
  if (!hasDatabase(role)) {
    const order = role === 'data_plane' ? 'after the control planes: a control plane must run a minor at least as new as its data planes' : '';
    return [strategy('rolling', true, ['add new nodes and retire old ones behind a load balancer; no database', order])];
  }
  const cpFirst = role === 'control_plane' ? 'upgrade control planes before data planes' : '';
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
