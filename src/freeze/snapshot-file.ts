// Reads and writes freeze snapshot files. A missing, unreadable or malformed file is an input
// error naming the file (exit code 2); the shape is checked against schemas/freeze.schema.json.

import type { ValidateFunction } from 'ajv';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../errors';
import { fsErrorReason, fsWriteErrorReason } from '../inputs/fs-error';
import { PACKAGE_ROOT } from '../tool-info';
import type { Snapshot } from './snapshot';

// ajv loads with the first snapshot read, not at every start-up (docs/performance.md).
let validator: ValidateFunction | undefined;

function validate(value: unknown): string | undefined {
  if (!validator) {
    const schema = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'schemas/freeze.schema.json'), 'utf8'));
    const Ajv = (require('ajv') as typeof import('ajv')).default;
    validator = new Ajv({ allErrors: false, strict: false }).compile(schema);
  }
  if (validator(value)) return undefined;
  const [first] = validator.errors ?? [];
  return first ? `${first.instancePath || '(top level)'} ${first.message}` : 'does not match schemas/freeze.schema.json';
}

export function readSnapshotFile(file: string, cwd: string): Snapshot {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new InputError(`cannot read the freeze snapshot: ${fsErrorReason(error)}`, { file });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`not a freeze snapshot: invalid JSON (${(error as Error).message.split('\n')[0]})`, { file });
  }
  if (typeof value !== 'object' || value === null || (value as { kind?: unknown }).kind !== 'kong-preflight/freeze-snapshot') {
    throw new InputError('not a freeze snapshot (written by `kong-preflight freeze snapshot`): "kind" is missing or different', { file });
  }
  const problem = validate(value);
  if (problem) throw new InputError(`malformed freeze snapshot: ${problem}`, { file });
  return value as Snapshot;
}

/** One table per line: the file stays small and a diff of two snapshots stays readable. */
export function formatSnapshot(snapshot: Snapshot): string {
  const { tables, skipped, schemaMeta, ...head } = snapshot;
  const lines = (items: readonly unknown[]) => items.map((i) => `    ${JSON.stringify(i)}`).join(',\n');
  const headText = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  return `${headText},\n  "schemaMeta": [\n${lines(schemaMeta)}\n  ],\n  "tables": [\n${lines(tables)}\n  ],\n  "skipped": ${JSON.stringify(skipped)}\n}\n`;
}

export function writeSnapshotFile(snapshot: Snapshot, file: string, cwd: string): void {
  try {
    writeFileSync(resolve(cwd, file), formatSnapshot(snapshot));
  } catch (error) {
    throw new InputError(`cannot write the freeze snapshot: ${fsWriteErrorReason(error, file)}`, { file });
  }
}
