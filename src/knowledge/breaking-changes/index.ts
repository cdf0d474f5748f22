// The catalogue of Kong's breaking changes (one record per change, generated from the research
// digest by scripts/build-breaking-changes.mjs). Rules name the entries they implement in
// `meta.catalog`; the entries no evaluated rule covers become the report's manual-review list.
// oss-fixes.json, kept by hand, adds the open-source fix of a known issue where OSS fixed it in
// another release than the Enterprise patch the digest names.

import type { FactSource } from '../../model/source';
import type { Severity } from '../../model/finding';
import { pathCrosses } from '../../plan/gate';
import type { Plan } from '../../plan/types';
import { KongVersion } from '../../version/kong-version';
import data from './catalog.json';
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
  /** Known issues only: the open-source releases that fix it, where they are not `fixedIn`'s (oss-fixes.json). */
  ossFixedIn?: string[];
  edition: 'oss+ee' | 'ee' | 'oss';
  artifact: CatalogArtifact;
  severity: Severity;
  title: string;
  remediation: string;
  docsUrl: string;
  confidence: 'high' | 'medium';
  sources: FactSource[];
}

interface OssFix {
  id: string;
  fixedIn: string[];
  sources: FactSource[];
}

const ossFixes = new Map((ossFixData as { entries: OssFix[] }).entries.map((fix) => [fix.id, fix]));

export const BREAKING_CHANGES: readonly CatalogEntry[] = (data as { entries: CatalogEntry[] }).entries.map((entry) => {
  const fix = ossFixes.get(entry.id);
  return fix ? { ...entry, ossFixedIn: fix.fixedIn, sources: [...entry.sources, ...fix.sources] } : entry;
});

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
  const fixes = plan.edition === 'oss' ? entry.ossFixedIn ?? entry.fixedIn : entry.fixedIn;
  if (!fixes) return true;
  // A known issue affects a target below the fix of the target's own minor line only.
  return fixes.some((fix) => {
    const fixed = KongVersion.parse(fix, 'fixedIn');
    return fixed.minorKey === plan.to.minorKey && plan.to.lt(fixed);
  });
}

export function entriesOnPath(plan: Pick<Plan, 'from' | 'to' | 'edition'>): CatalogEntry[] {
  return BREAKING_CHANGES.filter((entry) => entryApplies(entry, plan));
}
