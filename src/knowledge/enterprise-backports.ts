// Changes that Kong ships in a minor release and Enterprise also backports into patch releases of
// older lines (OpenSSL 3.1.1 in 2.8.4.2, 3.1.1.5 and 3.2.2.4; ssl_cipher_suite = old's
// @SECLEVEL=0 and the TLSv1.2-only defaults in 2.8.4.8, 3.4.3.5 and 3.5.0.4; OpenSSL security
// level 2 (OpenSSL 3.2) in 3.4.3.4 and 3.5.0.4; docs app/_data/changelogs/gateway.json). Such a
// change reaches a node at the first release it runs that carries it, which on Enterprise may be
// a backport rather than the introduction.

import type { Plan } from '../plan/types';
import { pathCrosses } from '../plan/gate';
import { KongVersion } from '../version/kong-version';

export type BackportPlan = Pick<Plan, 'from' | 'to' | 'edition'> & Partial<Pick<Plan, 'hops'>>;

/** The backport of `version`'s own minor line that `version` already carries, if any. */
function carriedBackport(version: KongVersion, backports: readonly string[]): string | undefined {
  return backports.find((b) => {
    const backport = KongVersion.parse(b);
    return backport.minorKey === version.minorKey && backport.lte(version);
  });
}

/**
 * True when a node running `version` has the change: at or past its introduction, or on
 * Enterprise at or past the backport of its own line. Used where only the end of the path
 * matters (whether a setting works on the target), not when the change was met.
 */
export function versionCarries(version: KongVersion, edition: Plan['edition'], introducedIn: string, backports: readonly string[] = []): boolean {
  if (KongVersion.parse(introducedIn).lte(version)) return true;
  return edition === 'enterprise' && carriedBackport(version, backports) !== undefined;
}

/**
 * The release that brings a change to `version`'s own line: on Enterprise, the backport of that
 * line when `version` is older than the introduction (Enterprise 3.1.1.5 for OpenSSL 3 on a 3.1
 * node), else the introduction. For a node that carries the change it is the release it came
 * with; for one that does not, the first release of its line (or a later minor) that has it.
 */
export function releaseOnLine(version: KongVersion, edition: Plan['edition'], introducedIn: string, backports: readonly string[] = []): string {
  if (edition !== 'enterprise' || !version.lt(KongVersion.parse(introducedIn))) return introducedIn;
  return backports.find((b) => KongVersion.parse(b).minorKey === version.minorKey) ?? introducedIn;
}

/**
 * For a change that only some patch releases carry (a fix on two maintained lines, absent from
 * later minors): the release of the target's own line, when the path reaches it and the source
 * does not already run it; undefined otherwise.
 */
export function patchReleaseOnPath(plan: Pick<Plan, 'from' | 'to'>, releases: readonly string[]): string | undefined {
  const text = releases.find((r) => KongVersion.parse(r).minorKey === plan.to.minorKey);
  if (!text) return undefined;
  const release = KongVersion.parse(text);
  if (plan.to.lt(release)) return undefined;
  return plan.from.minorKey === release.minorKey && plan.from.gte(release) ? undefined : text;
}

/**
 * The version at which a change reaches the path, or undefined when it does not.
 *
 * Backports count on Enterprise only. An Enterprise source at or past the backport of its own line
 * already runs the change (3.4.3.5 -> 3.10 meets nothing new). Otherwise the change arrives with
 * the first hop whose end carries it: through the backport of that end's line (2.8.4.1 -> 3.4.3.12
 * -> 3.10 meets it at 3.4.3.5, on the first hop), else through its introduction.
 */
export function reachedWithBackports(plan: BackportPlan, introducedIn: string, backports: readonly string[] = []): string | undefined {
  const enterprise = plan.edition === 'enterprise';
  if (enterprise && carriedBackport(plan.from, backports)) return undefined;
  if (!pathCrosses(plan, introducedIn)) {
    // Below the introduction, only a target on a backported line can meet it.
    const backport = enterprise ? carriedBackport(plan.to, backports) : undefined;
    return backport && pathCrosses(plan, backport) ? backport : undefined;
  }
  if (!enterprise) return introducedIn;
  const introduced = KongVersion.parse(introducedIn);
  for (const end of (plan.hops ?? []).map((h) => h.toVersion)) {
    if (end.lte(plan.from)) continue;
    const backport = carriedBackport(end, backports);
    if (backport && pathCrosses(plan, backport)) return backport;
    if (introduced.lte(end)) break;
  }
  return introducedIn;
}
