// The catalogue of Kong's breaking changes (one record per change, generated from the research
// digest by scripts/build-breaking-changes.mjs). Rules name the entries they implement in
// `meta.catalog`; the entries no evaluated rule covers become the report's manual-review list.

import type { FactSource } from '../../model/source';
import type { Severity } from '../../model/finding';
import { pathCrosses } from '../../plan/gate';
import type { Plan } from '../../plan/types';
import { KongVersion } from '../../version/kong-version';
import data from './catalog.json';

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
  edition: 'oss+ee' | 'ee' | 'oss';
  artifact: CatalogArtifact;
  severity: Severity;
  title: string;
  remediation: string;
  docsUrl: string;
  confidence: 'high' | 'medium';
  sources: FactSource[];
}

export const BREAKING_CHANGES: readonly CatalogEntry[] = (data as { entries: CatalogEntry[] }).entries;

const byId = new Map(BREAKING_CHANGES.map((entry) => [entry.id, entry]));

export function catalogEntry(id: string): CatalogEntry | undefined {
  return byId.get(id);
}

/**
 * True when the entry concerns this upgrade: the edition matches, the path crosses the version
 * that brought it, and for a known issue the target is a release that still has it.
 */
export function entryApplies(entry: CatalogEntry, plan: Pick<Plan, 'from' | 'to' | 'edition'>): boolean {
  if (entry.edition === 'ee' && plan.edition !== 'enterprise') return false;
  if (entry.edition === 'oss' && plan.edition !== 'oss') return false;
  if (!pathCrosses(plan, entry.introducedIn)) return false;
  if (!entry.fixedIn) return true;
  // A known issue affects a target below the fix of the target's own minor line only.
  return entry.fixedIn.some((fix) => {
    const fixed = KongVersion.parse(fix, 'fixedIn');
    return fixed.minorKey === plan.to.minorKey && plan.to.lt(fixed);
  });
}

export function entriesOnPath(plan: Pick<Plan, 'from' | 'to' | 'edition'>): CatalogEntry[] {
  return BREAKING_CHANGES.filter((entry) => entryApplies(entry, plan));
}
