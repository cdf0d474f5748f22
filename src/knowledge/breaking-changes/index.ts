// The catalogue of Kong's breaking changes (one record per change, generated from the research
// digest by scripts/build-breaking-changes.mjs, plus the hand-curated additions.json for what the
// digest lacks). Rules name the entries they implement in `meta.catalog`; the entries no evaluated
// rule covers become the report's manual-review list. oss-fixes.json, kept by hand, adds the
// open-source fix of a known issue where OSS fixed it in another release than the Enterprise
// patch the digest names.

import type { FactSource } from '../../model/source';
import type { Severity } from '../../model/finding';
import type { Plan, Role } from '../../plan/types';
import { KongVersion } from '../../version/kong-version';
import { patchReleaseOnPath, reachedWithBackports } from '../enterprise-backports';
import data from './catalog.json';
import additions from './additions.json';
import ossFixData from './oss-fixes.json';

export type CatalogArtifact =
  | 'kong.conf'
  | 'database-entities'
  | 'database-server'
  | 'declarative-config'
  | 'custom-plugin-code'
  | 'nginx-template'
  | 'admin-api'
  | 'platform';

export interface CatalogEntry {
  id: string;
  /** Enterprise numbering; the change lies on a path when from < introducedIn <= to. */
  introducedIn: string;
  /** Known issues only: the releases that fix it, one per affected minor line. */
  fixedIn?: string[];
  /** Enterprise patch releases of older lines that also carry the change (additions.json). */
  backportedTo?: string[];
  /**
   * Only the lines of `introducedIn` and `backportedTo` carry the change (a fix in two patch
   * releases that no later minor has yet): it applies to targets on those lines only.
   */
  patchLinesOnly?: boolean;
  /** Known issues only: the open-source releases that fix it, where they are not `fixedIn`'s (oss-fixes.json). */
  ossFixedIn?: string[];
  /**
   * The node roles the change concerns (additions.json `roles`), where it is not every node: a
   * database connection check means nothing to a DB-less node or a data plane.
   */
  roles?: Role[];
  edition: 'oss+ee' | 'ee' | 'oss';
  artifact: CatalogArtifact;
  severity: Severity;
  title: string;
  remediation: string;
  docsUrl: string;
  confidence: 'high' | 'medium';
  sources: FactSource[];
}

interface Additions {
  entries: CatalogEntry[];
  backports: Record<string, { versions: string[]; sources: FactSource[] }>;
  roles: Record<string, { roles: Role[]; sources: FactSource[] }>;
}

interface OssFix {
  id: string;
  fixedIn: string[];
  sources: FactSource[];
}

const { entries: added, backports, roles: scopes } = additions as Additions;
const ossFixes = new Map((ossFixData as { entries: OssFix[] }).entries.map((fix) => [fix.id, fix]));

/** An entry with what the hand-kept files add to it: Enterprise backports, an open-source fix, the roles it concerns. */
function supplemented(entry: CatalogEntry): CatalogEntry {
  const backport = backports[entry.id];
  const fix = ossFixes.get(entry.id);
  const scope = scopes[entry.id];
  if (!backport && !fix && !scope) return entry;
  return {
    ...entry,
    ...(backport ? { backportedTo: backport.versions } : {}),
    ...(fix ? { ossFixedIn: fix.fixedIn } : {}),
    ...(scope ? { roles: scope.roles } : {}),
    sources: [...entry.sources, ...(backport?.sources ?? []), ...(fix?.sources ?? []), ...(scope?.sources ?? [])],
  };
}

export const BREAKING_CHANGES: readonly CatalogEntry[] = [
  ...(data as { entries: CatalogEntry[] }).entries.map(supplemented),
  ...added.map(supplemented),
];

const byId = new Map(BREAKING_CHANGES.map((entry) => [entry.id, entry]));

export function catalogEntry(id: string): CatalogEntry | undefined {
  return byId.get(id);
}

/**
 * True when the entry concerns this upgrade: the edition matches, the node's role is one the
 * entry concerns, the path crosses the version that brought it, and for a known issue the target
 * is a release that still has it.
 */
export function entryApplies(entry: CatalogEntry, plan: Pick<Plan, 'from' | 'to' | 'edition'> & Partial<Pick<Plan, 'hops' | 'role'>>): boolean {
  if (entry.edition === 'ee' && plan.edition !== 'enterprise') return false;
  if (entry.edition === 'oss' && plan.edition !== 'oss') return false;
  if (entry.roles && plan.role && !entry.roles.includes(plan.role)) return false;
  if (entryReachedIn(entry, plan) === undefined) return false;
  const fixes = plan.edition === 'oss' ? entry.ossFixedIn ?? entry.fixedIn : entry.fixedIn;
  if (!fixes) return true;
  // A known issue affects a target below the fix of the target's own minor line only.
  return fixes.some((fix) => {
    const fixed = KongVersion.parse(fix, 'fixedIn');
    return fixed.minorKey === plan.to.minorKey && plan.to.lt(fixed);
  });
}

/**
 * The release at which the entry reaches the path: its introduction, or on Enterprise the
 * backport of the line a hop ends on (3.9 -> 3.12.0.11 meets the 3.14.0.2 service-protection
 * change at 3.12.0.6); undefined when the path misses it.
 */
export function entryReachedIn(entry: CatalogEntry, plan: Pick<Plan, 'from' | 'to' | 'edition'> & Partial<Pick<Plan, 'hops'>>): string | undefined {
  if (entry.patchLinesOnly) return plan.edition === 'enterprise' ? patchReleaseOnPath(plan, [entry.introducedIn, ...(entry.backportedTo ?? [])]) : undefined;
  return reachedWithBackports(plan, entry.introducedIn, entry.backportedTo);
}

export function entriesOnPath(plan: Pick<Plan, 'from' | 'to' | 'edition'> & Partial<Pick<Plan, 'hops' | 'role'>>): CatalogEntry[] {
  return BREAKING_CHANGES.filter((entry) => entryApplies(entry, plan));
}
