// Compares parsed declarative values as Kong sees them: a mapping is a Lua table, so key order
// does not matter; a list's order does. Used to skip what a conversion left alone and, after
// writing, to prove that the copy reads back as intended.

import { isRecord } from '../model/field-paths';

type Path = readonly (string | number)[];

/** The first place where `actual` and `expected` differ, or undefined when they are the same value. */
export function firstDifference(actual: unknown, expected: unknown, path: Path = []): Path | undefined {
  if (actual === expected) return undefined;
  if (typeof actual === 'number' && typeof expected === 'number') {
    // NaN is a value a YAML file can hold (`.nan`); it must compare equal to itself here.
    return Number.isNaN(actual) && Number.isNaN(expected) ? undefined : path;
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) return path;
    for (let i = 0; i < actual.length; i++) {
      const found = firstDifference(actual[i], expected[i], [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (isRecord(actual) && isRecord(expected)) {
    const keys = Object.keys(expected);
    for (const key of keys) {
      if (!Object.prototype.hasOwnProperty.call(actual, key)) return [...path, key];
      const found = firstDifference(actual[key], expected[key], [...path, key]);
      if (found) return found;
    }
    const extra = Object.keys(actual).find((key) => !Object.prototype.hasOwnProperty.call(expected, key));
    return extra === undefined ? undefined : [...path, extra];
  }
  return path;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return firstDifference(a, b) === undefined;
}

/** `services[1].routes[0].paths[0]`, as messages show a place in a file's value. */
export function describePath(path: Path): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out === '' ? 'the whole file' : out;
}
