// The curated kong.conf changes and the helpers rules use to ask about them: which changes lie
// on a path, which rule owns a key, what a condition on settings evaluates to.

import type { RuleChange } from '../../engine/define-rule';
import type { KongConf } from '../../inputs/kong-conf/types';
import type { Plan } from '../../plan/types';
import { KongVersion } from '../../version/kong-version';
import { pathCrosses } from '../../plan/gate';
import { confCatalog } from './catalog';
import { type BackportPlan, reachedWithBackports, versionCarries } from '../enterprise-backports';
import curated from './conf-changes.json';
import type { ChangeKind, ConfChange, CuratedConfData, SettingCondition } from './types';
import { HIDDEN_VALUE, isSecretName, quotedValue } from './sensitive';

export const CONF_DATA = curated as unknown as CuratedConfData;
export const CONF_CHANGES: readonly ConfChange[] = CONF_DATA.changes;

/** The rule that reports each kind of change. */
export const RULE_FOR_KIND: Record<ChangeKind, string | undefined> = {
  'handled-elsewhere': undefined,
  renamed: 'conf/renamed-property',
  removed: 'conf/removed-property',
  deprecated: 'conf/removed-property',
  'default-changed': 'conf/default-changed',
  'value-deprecated': 'conf/value-invalid',
  'value-restricted': 'conf/value-invalid',
  'value-added': 'conf/value-invalid',
  'namespace-renamed': 'conf/nginx-namespace',
  'namespace-added': 'conf/nginx-namespace',
  'namespace-removed': 'conf/nginx-namespace',
  'product-removed': 'conf/enterprise-removed',
  'known-issue': 'conf/known-issue',
};

/** The rule that reports a change (its own `rule`, else the rule for its kind). */
export function ruleOf(change: ConfChange): string | undefined {
  return change.rule ?? RULE_FOR_KIND[change.kind];
}

/** The curated changes a rule reports, as rule metadata (`meta.changes`) for listings. */
export function ruleChanges(ruleId: string): RuleChange[] {
  return CONF_CHANGES.filter((c) => ruleOf(c) === ruleId && !c.suppress).map((c) => ({
    id: c.id,
    introducedIn: c.introducedIn,
    ...(c.edition === 'ee' ? { editions: ['enterprise' as const] } : {}),
    what: [...(c.properties ?? []), ...(c.prefixes ?? []).map((p) => `${p}*`)].join(', '),
  }));
}

/**
 * The breaking-change catalogue ids a rule covers (`meta.catalog`): the `breakingChanges` of its
 * curated changes, silenced ones included (the rule still decides them).
 */
export function ruleCatalog(ruleId: string): string[] {
  const ids = CONF_CHANGES.filter((c) => ruleOf(c) === ruleId).flatMap((c) => c.breakingChanges ?? []);
  return [...new Set(ids)].sort();
}

export function changesOfKind(...kinds: ChangeKind[]): ConfChange[] {
  return CONF_CHANGES.filter((c) => kinds.includes(c.kind));
}

/** True when the change concerns a key: listed by name, or under a listed prefix. */
export function changeCovers(change: ConfChange, key: string): boolean {
  if (change.properties?.includes(key)) return true;
  if (change.excludePrefixes?.some((p) => key.startsWith(p))) return false;
  return change.prefixes?.some((p) => key.startsWith(p)) ?? false;
}

/** The tokens of a value (`TLSv1.1 TLSv1.2`, comma or space separated) that a value-restricted change disallows. */
export function restrictedTokens(change: ConfChange, value: string): string[] {
  return value.split(/[\s,]+/).filter((t) => change.disallowedTokens?.includes(t));
}

/**
 * The version at which the change reaches this path, or undefined when it does not: its
 * introduction, or on Enterprise a backport (3.4.3.5 for a 2.8 -> 3.4.3.29 path); nothing when an
 * Enterprise source already carries the backport of its own line. A target at or past
 * `revertedIn` is not affected.
 */
export function changeReachedAt(change: ConfChange, plan: BackportPlan): string | undefined {
  if (change.edition === 'ee' && plan.edition !== 'enterprise') return undefined;
  if (change.revertedIn && KongVersion.parse(change.revertedIn).lte(plan.to)) return undefined;
  return reachedWithBackports(plan, change.introducedIn, change.backportedTo);
}

/**
 * For a known issue: true when the target itself runs an affected release. A known issue is a
 * bug of the releases between introducedIn (or, on Enterprise, a backport that brought it to an
 * older line) and the fix of each line, so only the version the node ends on matters, not the
 * hops on the way.
 */
export function knownIssueAffectsTarget(change: ConfChange, plan: Pick<Plan, 'to' | 'edition'>): boolean {
  if (change.edition === 'ee' && plan.edition !== 'enterprise') return false;
  const target = plan.to;
  if (!versionCarries(target, plan.edition, change.introducedIn, change.backportedTo)) return false;
  // No fix at or after the target's line means the target's line came after every fixed one.
  const fix = knownIssueFix(change, target, plan.edition);
  return fix !== undefined && target.lt(fix);
}

/**
 * The release that fixes a known issue for `target`: the fix of its own line, else the first fix
 * of a later line; undefined when every listed fix is older (the target's line came after them).
 * Enterprise-only fixes (`fixBackportedTo`) count on Enterprise only.
 */
export function knownIssueFix(change: ConfChange, target: KongVersion, edition: Plan['edition'] = 'enterprise'): KongVersion | undefined {
  const listed = [...(change.fixedIn ?? []), ...(edition === 'enterprise' ? change.fixBackportedTo ?? [] : [])];
  const fixes = listed.map((v) => KongVersion.parse(v)).sort((a, b) => a.compare(b));
  return fixes.find((fix) => fix.minorKey === target.minorKey) ?? fixes.find((fix) => fix.gt(target));
}

/** True when the change applies to the plan's edition and reaches its path. */
export function changeOnPath(change: ConfChange, plan: Pick<Plan, 'from' | 'to' | 'edition'>): boolean {
  if (changeReachedAt(change, plan) !== undefined) return true;
  // A rename also matters where its alias stops carrying the value (2.1 rename, 3.0 alias removal).
  return change.aliasRemovedIn !== undefined && (change.edition !== 'ee' || plan.edition === 'enterprise') && pathCrosses(plan, change.aliasRemovedIn);
}

/** Kinds of change that say what becomes of a key itself; defaults and values do not claim keys. */
const CLAIMING_KINDS: ChangeKind[] = ['handled-elsewhere', 'renamed', 'removed', 'product-removed', 'namespace-renamed', 'namespace-removed'];

/**
 * The rule, other than `self`, that reports on this key for this plan: a curated change on the
 * path owned by another rule, or a change owned by a rule written elsewhere (Cassandra).
 */
export function ownedByOtherRule(key: string, self: string, plan: Pick<Plan, 'from' | 'to' | 'edition'>): string | undefined {
  for (const change of CONF_CHANGES) {
    if (!CLAIMING_KINDS.includes(change.kind) || !changeCovers(change, key)) continue;
    const owner = ruleOf(change);
    if (!owner || owner === self) continue;
    // Keys owned by another module (Cassandra, pg_ssl_version) are theirs on every path.
    if (change.kind === 'handled-elsewhere' || changeOnPath(change, plan)) return owner;
  }
  return undefined;
}

/** The effective value of a property on the target: the user's setting, else the target default. */
export function effectiveValue(conf: KongConf, property: string, plan: Pick<Plan, 'to' | 'edition'>, alsoSetBy: string[] = []): string | undefined {
  const setting = conf.get(property) ?? alsoSetBy.map((k) => conf.get(k)).find(Boolean);
  if (setting) return setting.value;
  return confCatalog().property(property, plan.to, plan.edition)?.default ?? undefined;
}

export function conditionHolds(conf: KongConf, condition: SettingCondition, plan: Pick<Plan, 'to' | 'edition'>): boolean {
  if (condition.effectiveFrom && !conditionEffective(condition, plan)) return false;
  if (condition.orDatabaseOff && effectiveValue(conf, 'database', plan) === 'off') return true;
  const value = effectiveValue(conf, condition.property, plan, condition.alsoSetBy);
  if (condition.in) return value !== undefined && condition.in.includes(value);
  if (condition.notIn) return value !== undefined && !condition.notIn.includes(value);
  return value !== undefined;
}

/** True when the target runs a release on which the condition's setting has its effect (see `effectiveFrom`). */
export function conditionEffective(condition: SettingCondition, plan: Pick<Plan, 'to' | 'edition'>): boolean {
  const from = condition.effectiveFrom;
  return !from || versionCarries(plan.to, plan.edition, from.release, from.backportedTo);
}

export function allConditionsHold(conf: KongConf, conditions: SettingCondition[] | undefined, plan: Pick<Plan, 'to' | 'edition'>): boolean {
  return (conditions ?? []).every((c) => conditionHolds(conf, c, plan));
}

/** Values of keys that hold secrets are never echoed in a finding. */
export function printable(key: string, value: string): string {
  if (isSecretName(key)) return HIDDEN_VALUE;
  return quotedValue(value);
}
