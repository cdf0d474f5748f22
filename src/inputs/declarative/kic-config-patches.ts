// The config a KongPlugin or KongClusterPlugin gives Kong once the Ingress Controller has applied
// its `configPatches`: each entry adds the value of a Secret key at a JSON Pointer into `config`
// (a JSON Patch `add`, with missing parents created; the empty pointer replaces the whole config).
// Sources: Kong/kubernetes-ingress-controller pkg/apis/configuration/v1/configsource.go@v3.4.0
// (ConfigPatch: `path`, a RFC 6901 pointer, and `valueFrom.secretKeyRef`) and
// internal/dataplane/kongstate/plugin.go@v3.4.0 (applyJSONPatchFromNamespacedSecretRef: op `add`,
// `replace` for the empty path, EnsurePathExistsOnAdd).
//
// Secrets are never read here, so each patched field holds VALUE_FROM_SECRET: set, value unknown.
// What is written in `config` stays checkable; a default no longer looks unset when a Secret sets it.

import type { FieldPath } from '../../model/entities';
import { isRecord } from '../../model/field-paths';
import { isUnknownValue, VALUE_FROM_SECRET } from '../../model/unknown-value';

/** A field a patch sets, with the index of the `configPatches` entry that sets it. */
export interface PatchedField {
  /** From the plugin's root: `['config', 'redis_password']`. */
  path: FieldPath;
  patch: number;
}

export type PatchedConfig =
  | { config: Record<string, unknown>; patched: PatchedField[] }
  /** Nothing of the config can be known: a patch replaces all of it, or one the controller cannot apply. */
  | { unknown: 'whole-config' | 'not-applicable' };

/**
 * The config Kong receives, patched fields holding VALUE_FROM_SECRET. The written config is not
 * changed: containers on a patched path are copied.
 */
export function applyConfigPatches(written: unknown, patches: readonly unknown[]): PatchedConfig {
  const config: Record<string, unknown> = isRecord(written) ? { ...written } : {};
  const patched: PatchedField[] = [];
  for (let index = 0; index < patches.length; index++) {
    const entry = patches[index];
    const pointer = isRecord(entry) ? entry.path : undefined;
    if (typeof pointer !== 'string') return { unknown: 'not-applicable' };
    if (pointer === '') return { unknown: 'whole-config' };
    const steps = parsePointer(pointer);
    const at = steps && addUnknown(config, steps);
    if (!at) return { unknown: 'not-applicable' };
    patched.push({ path: ['config', ...at], patch: index });
  }
  return { config, patched };
}

/** RFC 6901: `/a/b~1c` is `['a', 'b/c']`; undefined for a pointer not starting with `/`. */
export function parsePointer(pointer: string): string[] | undefined {
  if (!pointer.startsWith('/')) return undefined;
  const steps = pointer.slice(1).split('/');
  // `~` must be followed by 0 or 1; `~1` is unescaped before `~0` so `~01` reads `~1`.
  if (steps.some((step) => /~(?![01])/.test(step))) return undefined;
  return steps.map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Adds VALUE_FROM_SECRET at `steps` under `root`, copying each container on the way. Returns the
 * path as set (list positions as numbers; a value already unknown on the way ends it), or
 * undefined where JSON Patch `add` fails: a scalar in the way, a list position out of range.
 */
function addUnknown(root: Record<string, unknown>, steps: readonly string[]): FieldPath | undefined {
  const path: (string | number)[] = [];
  let container: Record<string, unknown> | unknown[] = root;
  for (let i = 0; i < steps.length; i++) {
    const last = i === steps.length - 1;
    const step = steps[i];
    if (Array.isArray(container)) {
      const position = step === '-' ? container.length : listPosition(step);
      if (position === undefined || position > container.length || (!last && position === container.length)) return undefined;
      if (last) {
        container.splice(position, 0, VALUE_FROM_SECRET);
        path.push(position);
        return path;
      }
      const child: unknown = container[position];
      path.push(position);
      if (isUnknownValue(child)) return path;
      const copy = copied(child);
      if (copy === undefined) return undefined;
      container[position] = copy;
      container = copy;
      continue;
    }
    path.push(step);
    if (last) {
      container[step] = VALUE_FROM_SECRET;
      return path;
    }
    const child: unknown = Object.prototype.hasOwnProperty.call(container, step) ? container[step] : undefined;
    if (isUnknownValue(child)) return path;
    // A missing parent is created as a mapping (EnsurePathExistsOnAdd).
    const copy: Record<string, unknown> | unknown[] | undefined = child === undefined || child === null ? {} : copied(child);
    if (copy === undefined) return undefined;
    container[step] = copy;
    container = copy;
  }
  return path;
}

function copied(value: unknown): Record<string, unknown> | unknown[] | undefined {
  if (Array.isArray(value)) return [...value];
  return isRecord(value) ? { ...value } : undefined;
}

/** A list position as JSON Pointer writes it: digits, no leading zero. */
function listPosition(step: string): number | undefined {
  return /^(0|[1-9][0-9]{0,8})$/.test(step) ? Number(step) : undefined;
}
