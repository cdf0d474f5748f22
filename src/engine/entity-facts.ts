// Helpers for the data-driven entity rules: which facts apply to this plan, an index by plugin
// name (a 60,000-plugin file must not be checked against every fact), and how a finding's
// severity follows the fact and the entity's source.

import { pluginFieldAliases } from '../knowledge/entities/plugin-field-renames';
import type { EntityChangeBase, FieldPathText } from '../knowledge/entities/types';
import type { Entity } from '../model/entities';
import { fieldValues, type FieldHit } from '../model/field-paths';
import type { Severity } from '../model/finding';
import type { RuleContext } from './define-rule';
import { effectiveValue } from '../knowledge/conf/changes';
import { readKongBoolean } from '../inputs/kong-conf/values';
import type { Plan } from '../plan/types';
import { KongVersion } from '../version/kong-version';
import { patchReleaseOnPath } from '../knowledge/enterprise-backports';

/** Facts whose change lies on the path, for this edition (known issues: only targets before the fix). */
export function factsOnPath<F extends EntityChangeBase>(ctx: FactContext, facts: readonly F[]): F[] {
  return facts.filter((fact) => {
    if (fact.edition === 'ee' && ctx.plan.edition !== 'enterprise') return false;
    if (fact.topologies && !fact.topologies.includes(ctx.plan.topology)) return false;
    if (fact.patchReleases ? !patchReleaseOnPath(ctx.plan, fact.patchReleases) : !ctx.crosses(fact.introducedIn)) return false;
    if (fact.fixedIn && ctx.crosses(fact.fixedIn)) return false;
    if (fact.sourceSince && ctx.plan.from.lt(KongVersion.parse(fact.sourceSince))) return false;
    if (fact.liftedByConfOff && confTurnsOff(ctx, fact.liftedByConfOff)) return false;
    if (fact.requiresConfOn && confTurnsOff(ctx, fact.requiresConfOn)) return false;
    return true;
  });
}

/** The patch release of the target's own line, when the source does not already run it. */

/** The release at which the fact reaches this plan: its introduction, or the patch release of the target's line. */
export function factReachedIn(fact: EntityChangeBase, plan: Pick<Plan, 'from' | 'to'>): string {
  return (fact.patchReleases && patchReleaseOnPath(plan, fact.patchReleases)) || fact.introducedIn;
}

type FactContext = Pick<RuleContext<string>, 'plan' | 'crosses'> & Partial<Pick<RuleContext<string>, 'optionalInput'>>;

/**
 * True when kong.conf (file or KONG_* env) makes a boolean property false on the target, read as
 * Kong reads booleans (only `on` and `true` are true); its target default counts when unset.
 */
export function confTurnsOff(ctx: FactContext, property: string): boolean {
  const conf = ctx.optionalInput?.('kongConf');
  if (!conf) return false;
  const value = effectiveValue(conf, property, ctx.plan);
  return value !== undefined && !readKongBoolean(value).value;
}

/**
 * The severity of a fact that needs a kong.conf boolean on (`requiresConfOn`) while no kong.conf
 * was given: the setting may well be off, its usual value, so the finding only informs.
 */
export function severityWithoutConf(ctx: FactContext, fact: EntityChangeBase, severity: Severity): Severity {
  return fact.requiresConfOn && !ctx.optionalInput?.('kongConf') ? 'info' : severity;
}

/** Facts of one entity type, keyed by plugin name (`*` for facts about any plugin). */
export class FactIndex<F extends EntityChangeBase> {
  private readonly byPlugin = new Map<string, F[]>();
  readonly types = new Set<Entity['type']>();

  constructor(facts: readonly F[]) {
    for (const fact of facts) {
      this.types.add(fact.entity);
      for (const key of fact.plugins ?? ['*']) {
        const list = this.byPlugin.get(`${fact.entity}:${key}`) ?? [];
        list.push(fact);
        this.byPlugin.set(`${fact.entity}:${key}`, list);
      }
    }
  }

  /** Answers of `for`, by entity type and plugin name: asked once per entity, 100,000 times in a large file. */
  private readonly answers = new Map<string, Map<string, F[]>>();

  /** Facts that concern this entity, before conditions. */
  for(entity: Entity): F[] {
    let byName = this.answers.get(entity.type);
    if (!byName) this.answers.set(entity.type, (byName = new Map()));
    const name = entity.type === 'plugin' && typeof entity.fields.name === 'string' ? entity.fields.name : '';
    let answer = byName.get(name);
    if (!answer) byName.set(name, (answer = this.compute(entity.type, name)));
    return answer;
  }

  private compute(type: Entity['type'], pluginName: string): F[] {
    const any = this.byPlugin.get(`${type}:*`) ?? [];
    if (type !== 'plugin') return any;
    const named = pluginName !== '' ? this.byPlugin.get(`plugin:${pluginName}`) ?? [] : [];
    return any.length === 0 ? named : [...named, ...any];
  }
}

export function fromDatabase(entity: Entity): boolean {
  return entity.sourceKind ? entity.sourceKind === 'database' : entity.origin.kind === 'db';
}

/** False when a fact only concerns one kind of source (files, or stored rows) and the entity comes from the other. */
export function concerns(fact: EntityChangeBase, entity: Entity): boolean {
  if (fact.appliesTo === 'declarative') return !fromDatabase(entity);
  if (fact.appliesTo === 'database') return fromDatabase(entity);
  return true;
}

/**
 * The fact's severity, lowered to info for stored rows Kong's migrations rewrite, and never a
 * blocker when the fact is uncertain.
 */
export function severityFor(fact: EntityChangeBase, entity: Entity): Severity {
  if (fact.databaseMigrated && fromDatabase(entity)) return 'info';
  return confidentSeverity(fact);
}

/** The fact's severity, no higher than a warning while the fact is uncertain. */
export function confidentSeverity(fact: EntityChangeBase): Severity {
  return fact.confidence === 'uncertain' && fact.severity === 'blocker' ? 'warning' : fact.severity;
}

/**
 * The values at `path`, or, when the plugin leaves it unset, those of a deprecated alias Kong
 * turns into it (`config.redis_ssl_verify` for `config.redis.ssl_verify`), at the alias's own
 * path. Kong applies such an alias over an unset or null replacement (kong/db/schema/init.lua@3.9.3).
 */
export function fieldValuesOrAlias(entity: Entity, path: FieldPathText): FieldHit[] {
  const hits = fieldValues(entity.fields, path);
  if (hits.length > 0 || entity.type !== 'plugin') return hits;
  const aliases = typeof entity.fields.name === 'string' ? pluginFieldAliases.get(entity.fields.name)?.get(path) : undefined;
  for (const alias of aliases ?? []) {
    const found = fieldValues(entity.fields, alias);
    if (found.length > 0) return found;
  }
  return hits;
}

/**
 * Calls `each` for a route's string paths with their index in `paths`; anything else in the list
 * is skipped. A callback, not a list: route rules run on every route, and a list of pairs per
 * route was 100,000 short-lived objects on a 50,000-route file.
 */
export function forEachRoutePath(entity: Entity, each: (path: string, index: number) => void): void {
  const paths = entity.fields.paths;
  if (!Array.isArray(paths)) return;
  for (let index = 0; index < paths.length; index++) {
    const path: unknown = paths[index];
    if (typeof path === 'string') each(path, index);
  }
}

/** `plugin "key-auth"` or `route "orders"`, for messages. */
export function entityLabel(entity: Entity): string {
  if (entity.label) return entity.label;
  return entity.name ? `${entity.type} "${entity.name}"` : entity.id ? `${entity.type} ${entity.id}` : entity.type;
}

/** Every source of a list of facts, without duplicates, for a rule's metadata. */
export function sourcesOf(facts: readonly EntityChangeBase[]): EntityChangeBase['sources'][number][] {
  const seen = new Map<string, EntityChangeBase['sources'][number]>();
  for (const fact of facts) for (const source of fact.sources) seen.set(source.ref, source);
  return [...seen.values()];
}
