// Reads entity fields by the dotted paths knowledge uses (`config.llm_providers[].limit`), and
// decides whether an entity matches a fact's conditions. Shared by the generic entity rules so
// that database rows and declarative records are read the same way.

import type { Entity, FieldPath } from './entities';
import type { FieldCondition, FieldPathText } from '../knowledge/entities/types';
import { isUnknownValue } from './unknown-value';

export interface FieldHit {
  path: FieldPath;
  value: unknown;
}

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
 * on the path: whatever the path names below it may be inside that value.
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
    if (index === parts.length || isUnknownValue(value)) {
      hits.push({ path, value });
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

export function isSet(fields: Readonly<Record<string, unknown>>, text: FieldPathText): boolean {
  return fieldValues(fields, text).length > 0;
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

function conditionHolds(entity: Entity, condition: FieldCondition): boolean {
  if (condition.parent) return Boolean(entity.parents?.[condition.parent]);
  if (condition.anyOf) return condition.anyOf.some((c) => conditionHolds(entity, c));
  const path = condition.path ?? '';
  const values = fieldValues(entity.fields, path).map((h) => h.value);
  if (condition.exists !== undefined) return condition.exists ? values.length > 0 : values.length === 0;
  if (condition.textContains) return values.some((v) => anyTextContains(v, condition.textContains!));
  if (condition.includes !== undefined) {
    const list = values.length > 0 ? values[0] : condition.defaultList;
    return Array.isArray(list) && list.includes(condition.includes);
  }
  if (condition.oneOf) return values.some((v) => condition.oneOf!.includes(v));
  if (condition.equals !== undefined) return values.some((v) => v === condition.equals);
  return values.length > 0;
}

/** True when every condition holds (no conditions: always). */
export function matches(entity: Entity, conditions: readonly FieldCondition[] | undefined): boolean {
  return !conditions || conditions.every((c) => conditionHolds(entity, c));
}
