// The entity checks that could not be made on a plugin because a Kong Ingress Controller
// `configPatches` entry sets a whole object from a Secret (`path: /redis`): a field the check
// needs lies inside it, and the Secret may or may not hold it. The entity rules claim nothing
// then (model/field-paths.ts marks such hits `maybe`); this names what they left out, for the one
// info the manifest rule gives per patched plugin (rules/declarative/kubernetes-manifest.ts).
// It repeats the rules' own choice of facts (path, edition, plugin, source kind, topology), so
// it names only checks the rules would have made. Called for patched plugins only: it never runs
// on an ordinary declarative file.

import { behaviourChanges } from '../knowledge/entities/behaviour-changes';
import { dblessLimits } from '../knowledge/entities/dbless-limits';
import { defaultChanges } from '../knowledge/entities/default-changes';
import { fieldValueRules } from '../knowledge/entities/field-value-rules';
import { pluginFieldRenames } from '../knowledge/entities/plugin-field-renames';
import type { EntityChangeBase, FieldCondition, FieldPathText } from '../knowledge/entities/types';
import type { Entity, FieldPath } from '../model/entities';
import { conditionState, fieldValues, matchState, stateOfHits, type FieldHit } from '../model/field-paths';
import type { RuleContext } from './define-rule';
import { FactIndex, concerns, factsOnPath, fieldValuesOrAlias } from './entity-facts';

/** One check not made: the rule, the field it needed, and the object from a Secret that may hold it. */
export interface UnmadeCheck {
  rule: string;
  field: FieldPathText;
  /** The patched object, from the plugin's root (`['config', 'redis']`). */
  within: FieldPath;
}

type Context = Pick<RuleContext<string>, 'plan' | 'crosses' | 'optionalInput'>;

/** A function naming the checks not made on one plugin; the facts are chosen once per run. */
export function unmadeChecksFinder(ctx: Context): (entity: Entity) => UnmadeCheck[] {
  const renames = new FactIndex(factsOnPath(ctx, pluginFieldRenames));
  const defaults = new FactIndex(factsOnPath(ctx, defaultChanges));
  const values = new FactIndex(factsOnPath(ctx, fieldValueRules));
  const behaviours = new FactIndex(factsOnPath(ctx, behaviourChanges));
  const limits = dblessLimits.filter((limit) => limit.topologies.includes(ctx.plan.topology));
  return (entity) => {
    const found = new Map<string, UnmadeCheck>();
    const add = (rule: string, field: FieldPathText, within: FieldPath) => found.set(`${rule} ${field}`, { rule, field, within });
    const addMaybe = (rule: string, field: FieldPathText, hits: readonly FieldHit[]) => {
      for (const hit of hits) if (hit.maybe) add(rule, field, hit.path);
    };
    /** False when a condition fails; otherwise true, the unknown conditions named. */
    const conditionsMayHold = (rule: string, when: readonly FieldCondition[] | undefined): boolean => {
      const state = matchState(entity, when);
      if (state === undefined) for (const condition of unknownConditions(entity, when ?? [])) addMaybe(rule, condition, fieldValues(entity.fields, condition));
      return state === true;
    };
    const applicable = <F extends EntityChangeBase>(index: FactIndex<F>) => index.for(entity).filter((fact) => concerns(fact, entity));

    for (const fact of applicable(renames)) {
      if (conditionsMayHold('entities/plugin-field-renamed', fact.when)) addMaybe('entities/plugin-field-renamed', fact.from, fieldValues(entity.fields, fact.from));
    }
    for (const fact of applicable(defaults)) {
      if (!conditionsMayHold('entities/default-changed', fact.when)) continue;
      const hits = fieldValuesOrAlias(entity, fact.path);
      if (stateOfHits(hits) === 'unknown') addMaybe('entities/default-changed', fact.path, hits);
    }
    for (const fact of applicable(values)) {
      if (!conditionsMayHold('entities/field-value-rejected', fact.when)) continue;
      for (const path of fact.paths) addMaybe('entities/field-value-rejected', path, fieldValuesOrAlias(entity, path));
    }
    for (const fact of applicable(behaviours)) conditionsMayHold('entities/behaviour-changed', fact.when);
    for (const limit of limits) {
      if (entity.fields.name === limit.plugin) conditionsMayHold('entities/plugin-dbless-incompatible', limit.when);
    }
    return [...found.values()];
  };
}

/** The paths of the conditions that cannot be told, inside `anyOf` too. */
function unknownConditions(entity: Entity, conditions: readonly FieldCondition[]): FieldPathText[] {
  const paths: FieldPathText[] = [];
  for (const condition of conditions) {
    if (conditionState(entity, condition) !== undefined) continue;
    if (condition.anyOf) paths.push(...unknownConditions(entity, condition.anyOf));
    else if (condition.path) paths.push(condition.path);
  }
  return paths;
}
