// Decides whether a change made in some version lies on the upgrade path, and on which hop.
// A change introduced in V lies on the path when from < V <= to: the installed version does not
// have it yet and the target does.

import { KongVersion } from '../version/kong-version';
import type { Hop, Plan } from './types';

function asVersion(version: string | KongVersion): KongVersion {
  return typeof version === 'string' ? KongVersion.parse(version, 'fact version') : version;
}

/** True when a change introduced in `version` happens somewhere on the path. */
export function pathCrosses(plan: Pick<Plan, 'from' | 'to'>, version: string | KongVersion): boolean {
  const v = asVersion(version);
  return plan.from.lt(v) && v.lte(plan.to);
}

/** The hop that brings a change introduced in `version`, or undefined when the path misses it. */
export function hopCrossing(plan: Pick<Plan, 'from' | 'to' | 'hops'>, version: string | KongVersion): Hop | undefined {
  const v = asVersion(version);
  if (!pathCrosses(plan, v)) return undefined;
  const hop = plan.hops.find((h) => h.fromVersion.lt(v) && v.lte(h.toVersion));
  // Hop ends are concrete patch releases; a change between them still belongs to the first hop
  // whose target is at or past it.
  return hop ?? plan.hops.find((h) => v.lte(h.toVersion)) ?? plan.hops[plan.hops.length - 1];
}
