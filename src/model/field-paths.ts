// Reads entity fields by the dotted paths knowledge uses (`config.llm_providers[].limit`), and
// decides whether an entity matches a fact's conditions. Shared by the generic entity rules so
// that database rows and declarative records are read the same way.

import type { Entity, FieldPath } from './entities';
import type { FieldCondition, FieldPathText } from '../knowledge/entities/types';
import { isUnknownValue } from './unknown-value';

export interface FieldHit {
  path: FieldPath;
  value: unknown;
  /**
   * Present on a value from a Secret (model/unknown-value.ts) that stands above the field: a
   * `configPatches` entry set a whole object the path runs through (`/redis` for
   * `config.redis.timeout`), so the field may or may not be inside it. Absent on every other hit,
   * the field itself (a patch of the exact field keeps `value` unknown but the field present).
   */
  maybe?: true;
}

/**
 * Whether an entity holds a field: `unknown` when the path runs into a value from a Secret
 * above the field, which may or may not hold it. Rules claim neither presence nor absence then.
 */
export type FieldState = 'set' | 'unset' | 'unknown';

const parsedPaths = new Map<string, string[]>();

function steps(text: FieldPathText): string[] {
  let parsed = parsedPaths.get(text);
  if (!parsed) {
    parsed = text.split('.').flatMap((part) => (part.endsWith('[]') ? [part.slice(0, -2), '[]'] : [part]));
    parsedPaths.set(text, parsed);
  }
  return parsed;
}

/**
 * Every value a path reaches. A missing or null field yields nothing; `[]` fans out over a list
 * (a map is not fanned out: the knowledge names lists only). With `nullLeaf`, a field written as
 * null at the end of the path is a hit too: Kong refuses a field its schema no longer has even
 * when the value is null (kong/db/schema/init.lua; only data planes skip it).
 * A value known to be set but not known here (model/unknown-value.ts) is a hit wherever it sits
 * on the path: whatever the path names below it may be inside that value. Above the field, the hit
 * is marked `maybe`, and a caller decides what "perhaps there" means for its claim.
 */
export function fieldValues(fields: Readonly<Record<string, unknown>>, text: FieldPathText, options?: { nullLeaf?: boolean }): FieldHit[] {
  const hits: FieldHit[] = [];
  const nullLeaf = options?.nullLeaf === true;
  // Parsed once per call: this runs for every plugin and fact of a 60,000-plugin file.
  const parts = steps(text);
  const walk = (value: unknown, index: number, path: (string | number)[]): void => {
    if (value === undefined) return;
    if (value === null) {
      if (nullLeaf && index === parts.length && path.length > 0) hits.push({ path, value });
      return;
    }
    if (index === parts.length) {
      hits.push({ path, value });
      return;
    }
    // Rare (a KIC plugin patching a whole object): the ordinary hit above keeps its one shape.
    if (isUnknownValue(value)) {
      hits.push({ path, value, maybe: true });
      return;
    }
    const step = parts[index];
    if (step === '[]') {
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, index + 1, [...path, i]));
      return;
    }
    if (typeof value !== 'object' || Array.isArray(value)) return;
    if (!Object.prototype.hasOwnProperty.call(value, step)) return;
    walk((value as Record<string, unknown>)[step], index + 1, [...path, step]);
  };
  walk(fields, 0, []);
  return hits;
}

/** A record (a YAML or JSON mapping): an object that is not a list, nor a value not known here. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !isUnknownValue(value);
}

/** Unset, null, or an empty list or record: a value that carries nothing over. */
export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0) ||
    (isRecord(value) && Object.keys(value).length === 0);
}

/** The path of an absent field's closest existing container, for "field not set" findings. */
export function deepestExisting(fields: Readonly<Record<string, unknown>>, text: FieldPathText): FieldPath {
  const path: string[] = [];
  let value: unknown = fields;
  for (const step of steps(text)) {
    if (step === '[]' || value === null || typeof value !== 'object' || Array.isArray(value)) break;
    if (!Object.prototype.hasOwnProperty.call(value, step) || (value as Record<string, unknown>)[step] == null) break;
    value = (value as Record<string, unknown>)[step];
    path.push(step);
  }
  return path;
}

/** Turns a dotted path without `[]` into a FieldPath. */
export function toFieldPath(text: FieldPathText): FieldPath {
  return steps(text).filter((s) => s !== '[]');
}

/** True when the field is set, or may be inside a value from a Secret: no "unset" claim can be made. */
export function isSet(fields: Readonly<Record<string, unknown>>, text: FieldPathText): boolean {
  return fieldValues(fields, text).length > 0;
}

/** What a list of hits says of the field: one hit that is the field itself makes it set. */
export function stateOfHits(hits: readonly FieldHit[]): FieldState {
  if (hits.length === 0) return 'unset';
  for (let i = 0; i < hits.length; i++) if (hits[i].maybe !== true) return 'set';
  return 'unknown';
}

export function fieldState(fields: Readonly<Record<string, unknown>>, text: FieldPathText): FieldState {
  return stateOfHits(fieldValues(fields, text));
}

/**
 * True when a string anywhere inside `value` contains a needle. Iterative, and each object is
 * visited once: YAML aliases share objects, so a 1 kB "billion laughs" file must not expand into
 * a billion strings here, and deep nesting must not overflow the stack.
 */
function anyTextContains(value: unknown, needles: readonly string[]): boolean {
  const pending: unknown[] = [value];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (needles.some((n) => next.includes(n))) return true;
    } else if (next && typeof next === 'object' && !seen.has(next)) {
      seen.add(next);
      for (const child of Array.isArray(next) ? next : Object.values(next)) pending.push(child);
    }
  }
  return false;
}

/**
 * Whether a condition holds: `undefined` when it cannot be told, because the field it tests may
 * or may not be inside a value from a Secret (a hit marked `maybe`). A value test on a field set
 * from a Secret itself stays false, as before: nothing is claimed about what the Secret holds.
 */
export function conditionState(entity: Entity, condition: FieldCondition): boolean | undefined {
  if (condition.parent) return Boolean(entity.parents?.[condition.parent]);
  if (condition.anyOf) {
    let unknown = false;
    for (const c of condition.anyOf) {
      const state = conditionState(entity, c);
      if (state === true) return true;
      if (state === undefined) unknown = true;
    }
    return unknown ? undefined : false;
  }
  const hits = fieldValues(entity.fields, condition.path ?? '');
  if (condition.exists !== undefined || !(condition.textContains || condition.includes !== undefined || condition.oneOf || condition.equals !== undefined)) {
    const state = stateOfHits(hits);
    const wanted = condition.exists ?? true;
    return state === 'unknown' ? undefined : (state === 'set') === wanted;
  }
  if (condition.includes !== undefined && !condition.textContains) {
    if (hits.length > 0 && hits[0].maybe) return undefined;
    const list = hits.length > 0 ? hits[0].value : condition.defaultList;
    return Array.isArray(list) && list.includes(condition.includes);
  }
  let maybe = false;
  for (const hit of hits) {
    if (hit.maybe) maybe = true;
    else if (valueHolds(condition, hit.value)) return true;
  }
  return maybe ? undefined : false;
}

/** The value test of a condition (`textContains`, `oneOf` or `equals`), on one value. */
function valueHolds(condition: FieldCondition, value: unknown): boolean {
  if (condition.textContains) return anyTextContains(value, condition.textContains);
  if (condition.oneOf) return condition.oneOf.includes(value);
  return value === condition.equals;
}

/** Every condition holds (true), one fails (false), or none fails but one cannot be told (undefined). */
export function matchState(entity: Entity, conditions: readonly FieldCondition[] | undefined): boolean | undefined {
  if (!conditions) return true;
  let unknown = false;
  for (const condition of conditions) {
    const state = conditionState(entity, condition);
    if (state === false) return false;
    if (state === undefined) unknown = true;
  }
  return unknown ? undefined : true;
}

/**
 * True when every condition holds (no conditions: always). One that cannot be told counts as not
 * holding: a fact is not claimed on a field a Secret may or may not hold.
 */
export function matches(entity: Entity, conditions: readonly FieldCondition[] | undefined): boolean {
  return matchState(entity, conditions) === true;
}
