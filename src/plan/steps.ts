// Routes before they become hops: ordered lists of the versions to install, written the way the
// tables write them (`3.4.x`, `3.1.1.3`). Three producers (a table row, the guaranteed-path rules,
// the LTS shortcut) and the helpers to compare them. src/plan/hops.ts turns steps into hops.

import { isLts, ltsChain, nextLts, nextMinor } from '../knowledge/releases';
import { pathRules, type TableRow } from '../knowledge/upgrade-paths';
import { KongVersion } from '../version/kong-version';
import type { Topology } from './types';

export interface Step {
  to: string;
  condition?: 'blue-green';
  note?: string;
}

const minorOf = (text: string): string => KongVersion.parse(text.replace(/\+$/, ''), 'step').minorKey;
const minorStep = (minor: string, note?: string): Step => ({ to: `${minor}.x`, ...(note ? { note } : {}) });

/** A table row's route as steps. */
export function rowSteps(row: TableRow): Step[] {
  return row.path.map((s) => ({ to: s.to, ...(s.condition ? { condition: s.condition } : {}) }));
}

/**
 * A route built from the guaranteed-path rules alone: patch upgrades, one minor at a time, and
 * (when `useLts`) the direct jump between adjacent LTS minors. The 2.x -> 3.x crossing follows the
 * documented entry points, since no adjacent-minor rule spans a major: from below 2.8 go to 2.8
 * first (every table routes 2.x through 2.8.2.x or 3.0.x); from 2.8 go to 3.4 over the LTS guide,
 * to 3.0.x for a 3.0 target, else to 3.1.1.3 (the first 3.1 patch that takes 2.8 directly).
 * `from` must be 2.1.0 or later; legacy sources get their 2.1.0 stop from the caller.
 */
export function guaranteedSteps(from: KongVersion, to: KongVersion, topology: Topology, useLts: boolean): Step[] {
  const steps: Step[] = [];
  let minor = from.minorKey;
  let at = from;
  const toMinor = to.minorKey;
  const toMinorVersion = KongVersion.parse(toMinor);
  const reached = () => KongVersion.parse(minor).gte(toMinorVersion);

  if (from.major === 2 && to.major === 2) {
    while (!reached()) steps.push(minorStep((minor = nextMinor(minor)!)));
    return withFinal(steps, to);
  }
  if (from.major === 2 && from.minor < 8) {
    steps.push(minorStep('2.8'));
    minor = '2.8';
    at = KongVersion.parse('2.8');
  }
  if (minor === '2.8') {
    if (useLts && to.gte(KongVersion.parse(`${nextLts('2.8')}`))) {
      minor = nextLts('2.8')!;
      steps.push(minorStep(minor));
    } else if (toMinor === '3.0') {
      minor = '3.0';
      steps.push(minorStep(minor));
    } else {
      minor = '3.1';
      at = KongVersion.parse(pathRules.twoEightToThreeOneVia);
      steps.push({ to: pathRules.twoEightToThreeOneVia });
    }
  }
  const ws = pathRules.hybridWebsocket;
  if (topology === 'hybrid' && at.gte(KongVersion.parse(ws.affectedFrom)) && at.lt(KongVersion.parse(ws.affectedBelow)) && toMinor !== '3.1') {
    steps.push({ to: ws.via });
  }
  while (!reached()) {
    const lts = useLts && isLts(minor) ? nextLts(minor) : undefined;
    minor = lts && KongVersion.parse(lts).lte(toMinorVersion) ? lts : nextMinor(minor)!;
    steps.push(minorStep(minor));
  }
  return withFinal(steps, to);
}

/** Ends a route at the target's minor: a same-minor route is a single patch step. */
function withFinal(steps: Step[], to: KongVersion): Step[] {
  const last = steps[steps.length - 1];
  if (!last || minorOf(last.to) !== to.minorKey) steps.push({ to: to.toString() });
  return steps;
}

/** The pairs of the LTS chain, oldest first: [2.8, 3.4], [3.4, 3.10], [3.10, 3.14]. */
function ltsPairs(): [string, string][] {
  const chain = ltsChain();
  return chain.slice(1).map((to, i) => [chain[i], to]);
}

/**
 * Shortens a route over the LTS guide: where the route stands on an LTS minor (at the source or at a
 * step) and later reaches the next LTS minor through intermediate minors, those intermediate steps
 * go. A blue-green-only stop on the first LTS becomes unconditional, since the LTS jump starts there.
 * Returns the same array when nothing changes.
 */
export function ltsShortcut(fromMinor: string, steps: Step[]): Step[] {
  let route = steps;
  for (const [low, high] of ltsPairs()) {
    const minors = [fromMinor, ...route.map((s) => minorOf(s.to))];
    const start = minors.lastIndexOf(low);
    const end = minors.indexOf(high);
    if (start < 0 || end < 0 || end <= start + 1) continue;
    // minors[k] is the minor after step k-1, so steps start..end-2 are the intermediate ones.
    const kept = [...route.slice(0, start), ...route.slice(end - 1)];
    if (start > 0 && kept[start - 1].condition) {
      const { condition: _dropped, ...rest } = kept[start - 1];
      kept[start - 1] = { ...rest, note: `needed as the start of the ${low} -> ${high} LTS upgrade` };
    }
    route = kept;
  }
  return route;
}

/** A route's shape for de-duplication: minors and conditions, not the exact patch texts. */
export function stepsSignature(steps: Step[]): string {
  return steps.map((s) => `${minorOf(s.to)}${s.condition ? `?${s.condition}` : ''}`).join(' > ');
}
