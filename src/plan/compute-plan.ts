// Computes the upgrade plan: the primary route (as hops), documented alternatives, strategies for
// the node's role, and path-level problems.
//
// Which route leads:
// 1. the seed guide's table for the target minor (3.1-3.6), the project's specification;
//    a row the seed table lacks (2.8.x traditional for 3.5 and 3.6) falls back to rule 3;
// 2. otherwise a later docs revision's table (3.7, 3.8);
// 3. otherwise the guaranteed paths: patch, adjacent minor, adjacent LTS (src/plan/steps.ts).
// Where the chosen route walks minor by minor between two adjacent LTS minors, the LTS guide's
// direct jump leads instead and the walk becomes an alternative. Later tables that differ from the
// seed, and the route built from the guaranteed rules, are alternatives too.
//
// Versions: `--from` stands for its oldest release and `--to` for its newest (src/knowledge/releases.ts).
// Same concrete version: an empty plan with an info problem. Target older than source: InputError.

import { InputError } from '../errors';
import type { FactSource } from '../model/source';
import { checkEditionRelease, minorInfo, newestWithin, oldestWithin, resolveVersion } from '../knowledge/releases';
import { findRow, laterTable, ltsPair, pathRules, pathSource, seedTable, type PathTable } from '../knowledge/upgrade-paths';
import { KongVersion } from '../version/kong-version';
import { toHops, type RouteEnds } from './hops';
import * as problems from './problems';
import { guaranteedSteps, ltsShortcut, rowSteps, stepsSignature, type Step } from './steps';
import { strategiesFor } from './strategies';
import type { Edition, Hop, Plan, PlanProblem, Role, Route, Topology } from './types';

export interface PlanRequest {
  from: string | KongVersion;
  to: string | KongVersion;
  topology: Topology;
  /** Defaults from the topology; hybrid defaults to control_plane (the node with the database). */
  role?: Role;
  edition?: Edition;
  /** Who gave `from` when --from did not (`the image kong:3.5 at compose.yml:25`), for errors. */
  fromSaidBy?: string;
  /** Why the edition is what it is (`inferred: KONG_LICENSE_DATA is set`), for errors. */
  editionReason?: string;
}

interface Candidate {
  basis: Route['basis'];
  steps: Step[];
  sources: FactSource[];
  note: string;
}

const ROLES: Record<Topology, Role[]> = {
  traditional: ['traditional'],
  hybrid: ['control_plane', 'data_plane'],
  dbless: ['dbless'],
};

function checkRole(topology: Topology, role: Role | undefined): Role {
  const allowed = ROLES[topology];
  if (!allowed) throw new InputError(`topology "${topology}" is not one of ${Object.keys(ROLES).join(', ')}`);
  if (role === undefined) return allowed[0];
  if (!allowed.includes(role)) throw new InputError(`role "${role}" does not fit topology "${topology}" (expected ${allowed.join(' or ')})`);
  return role;
}

function released(value: string | KongVersion, what: string): KongVersion {
  return resolveVersion(typeof value === 'string' ? value : value.toString(), what);
}

/**
 * 1.x always stops at 2.1.0; 2.0.x does when its route would otherwise reach 3.x directly. A
 * target before 2.1.0 (1.0 -> 1.5) is reached directly: the stop would overshoot it.
 */
function legacyPrefix(from: KongVersion, to: KongVersion, steps: Step[]): Step[] {
  const minimum = KongVersion.parse(pathRules.minimumSourceForMajor3);
  if (from.gte(minimum) || to.lte(KongVersion.parse(pathRules.legacyStepTarget))) return [];
  const firstRequired = steps.find((s) => !s.condition);
  const reaches3 = firstRequired !== undefined && KongVersion.parse(firstRequired.to.replace(/\+$/, '')).major >= 3;
  return from.major < 2 || reaches3 ? [{ to: pathRules.legacyStepTarget }] : [];
}

function tableCandidate(table: PathTable | undefined, basis: 'seed-table' | 'later-table', from: KongVersion, topology: Topology): Candidate | undefined {
  const row = table && findRow(table, from, topology);
  if (!table || !row) return undefined;
  const whose = basis === 'seed-table' ? "the seed guide's" : 'a later docs revision\'s';
  return { basis, steps: rowSteps(row), sources: table.sources, note: `${whose} table for ${table.target}, row ${row.current} ${topology}` };
}

function guaranteedCandidate(from: KongVersion, to: KongVersion, topology: Topology, useLts: boolean): Candidate {
  return {
    basis: 'guaranteed-paths',
    steps: guaranteedSteps(from, to, topology, useLts),
    sources: [pathSource('guaranteedPaths'), pathSource('majorUpgrade')],
    note: useLts ? 'built from the guaranteed upgrade paths (patch, adjacent minor, adjacent LTS)' : 'one minor at a time, without LTS jumps',
  };
}

function ltsSources(hops: readonly Hop[]): FactSource[] {
  return hops.filter((h) => h.covers === 'adjacent-lts').flatMap((h) => ltsPair(h.fromVersion.minorKey, h.toVersion.minorKey)?.sources ?? []);
}

export function computePlan(request: PlanRequest): Plan {
  const edition = request.edition ?? 'enterprise';
  const { topology } = request;
  const role = checkRole(topology, request.role);
  const requested = { from: released(request.from, '--from'), to: released(request.to, '--to') };
  checkEditionRelease(requested.from, edition, request.fromSaidBy ? `the installed version read from ${request.fromSaidBy}` : '--from', request.editionReason);
  checkEditionRelease(requested.to, edition, '--to', request.editionReason);
  const from = oldestWithin(requested.from, edition);
  const to = newestWithin(requested.to, edition);
  if (to.lt(from)) {
    // The release a line resolves to is shown beside it; an exact version is shown once.
    const shown = (written: KongVersion, resolved: KongVersion) => (written.toString() === resolved.toString() ? `${written}` : `${written} (${resolved})`);
    const fromText = request.fromSaidBy ? `${shown(requested.from, from)}, the installed version read from ${request.fromSaidBy}` : `--from ${shown(requested.from, from)}`;
    throw new InputError(`--to ${shown(requested.to, to)} is older than ${fromText}: kong-preflight plans upgrades, not downgrades`);
  }
  const base = { from, to, requested, topology, role, edition };
  if (to.compare(from) === 0) {
    return { ...base, hops: [], alternatives: [], strategies: strategiesFor(role, [], from, edition), problems: [problems.nothingToDo(to)], basis: 'guaranteed-paths', sources: [] };
  }

  const found: PlanProblem[] = [];
  const minimum = KongVersion.parse(pathRules.minimumSourceForMajor3);
  const lookupFrom = from.lt(minimum) && to.gte(minimum) ? minimum : from;
  const crossesMinor = lookupFrom.minorKey !== to.minorKey;

  // Candidates, best first: the first is the primary route before the LTS shortcut.
  const candidates: Candidate[] = [];
  const seed = tableCandidate(seedTable(to.minorKey), 'seed-table', lookupFrom, topology);
  const later = tableCandidate(laterTable(to.minorKey), 'later-table', lookupFrom, topology);
  const general = guaranteedCandidate(lookupFrom, to, topology, true);
  if (to.lt(minimum)) {
    found.push(problems.legacyTarget(to));
    candidates.push({ ...general, steps: [{ to: to.toString() }], note: 'a single hop: no path facts before 2.1' });
  } else if (seed) {
    candidates.push(seed);
  } else if (seedTable(to.minorKey) && crossesMinor) {
    const current = minorInfo(lookupFrom)?.minor ?? lookupFrom.minorKey;
    found.push(problems.tableRowMissing(to.minorKey, `${current}.x`, topology));
  } else if (later) {
    candidates.push(later);
  }
  const shortcut = candidates[0] && ltsShortcut(lookupFrom.minorKey, candidates[0].steps);
  if (shortcut && shortcut !== candidates[0].steps) {
    candidates.unshift({ basis: 'lts-direct', steps: shortcut, sources: candidates[0].sources, note: `${candidates[0].note}, shortened over the LTS upgrade guide` });
  }
  if (seed && later) candidates.push(later);
  const minorByMinor = guaranteedCandidate(lookupFrom, to, topology, false);
  if (!to.lt(minimum)) candidates.push(general, minorByMinor);

  const ends: RouteEnds = { fromText: requested.from.toString(), from, toText: requested.to.toString(), to, edition };
  const seen = new Set<string>();
  const routes: Route[] = [];
  for (const candidate of candidates) {
    const steps = [...legacyPrefix(from, to, candidate.steps), ...candidate.steps];
    const signature = stepsSignature(steps);
    if (seen.has(signature)) continue;
    // The minor-by-minor walk is worth showing only next to a route that jumps over the LTS guide.
    if (candidate === minorByMinor && !routes[0]?.hops.some((h) => h.covers === 'adjacent-lts')) continue;
    seen.add(signature);
    const hops = toHops(steps, ends);
    const viaLts = hops.some((h) => h.covers === 'adjacent-lts');
    const basis = candidate.basis === 'guaranteed-paths' && viaLts ? 'lts-direct' : candidate.basis;
    routes.push({
      kind: routes.length ? 'alternative' : 'primary',
      basis,
      hops,
      strategies: strategiesFor(role, hops, from, edition),
      note: candidate.note,
      sources: [...candidate.sources, ...ltsSources(hops)],
    });
  }

  const [primary, ...alternatives] = routes;
  found.push(...pathProblems(primary.hops, from, to, topology, edition));
  return {
    ...base,
    hops: primary.hops,
    alternatives,
    strategies: primary.strategies,
    problems: found,
    basis: primary.basis,
    sources: primary.sources,
  };
}

/** Problems the primary route itself raises. */
function pathProblems(hops: readonly Hop[], from: KongVersion, to: KongVersion, topology: Topology, edition: Edition): PlanProblem[] {
  const found: PlanProblem[] = [];
  const prefix = hops[0]?.to === pathRules.legacyStepTarget && hops.length > 1;
  // A 1.x target has no documented route at all: legacyTarget says so, and no 2.1.0 stop applies.
  if (from.major < 2 && to.gte(KongVersion.parse(pathRules.minimumSourceForMajor3))) found.push(problems.legacySource(from));
  else if (prefix) found.push(problems.belowMinimumFor3(from));
  const ws = pathRules.hybridWebsocket;
  const inGap = from.gte(KongVersion.parse(ws.affectedFrom)) && from.lt(KongVersion.parse(ws.affectedBelow));
  if (topology === 'hybrid' && inGap && to.minorKey !== from.minorKey) found.push(problems.hybridWebsocket(from, edition));
  const tableOnly = hops.filter((h) => h.covers === 'documented' && h.fromVersion.major === 3 && h.toVersion.major === 3);
  if (tableOnly.length) found.push(problems.tableOnlyHops(tableOnly));
  if (edition === 'oss') {
    const missing = [...new Set(hops.map((h) => h.toVersion.minorKey))].filter((m) => !minorInfo(m)?.oss.length);
    if (missing.length) found.push(problems.ossWithoutRelease(missing));
  }
  return found;
}
