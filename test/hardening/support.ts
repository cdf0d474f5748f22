// Shared checks for the hardening tests: what "a clean failure" means for a loader and for the CLI.

import fc from 'fast-check';
import { InputError } from '../../src/errors';
import { runCli, type CliResult } from '../support/cli';

/** Every report format `check -f` writes. */
export const REPORT_FORMATS = ['text', 'json', 'sarif', 'markdown', 'junit', 'gitlab'] as const;

/**
 * Runs `args` once per report format (`-f FORMAT` added) and returns each run's stdout and stderr
 * together, by format: the secret tests look for a value in everything a run printed.
 */
export async function outputInEveryFormat(args: string[], options: { cwd?: string; env?: Record<string, string>; expectCode?: number } = {}): Promise<Record<string, string>> {
  const outputs: Record<string, string> = {};
  for (const format of REPORT_FORMATS) {
    const result = await runCli([...args, '-f', format], { ...(options.cwd ? { cwd: options.cwd } : {}), ...(options.env ? { env: options.env } : {}) });
    if (options.expectCode !== undefined) expect(result.code).toBe(options.expectCode);
    outputs[format] = `${result.stdout}${result.stderr}`;
  }
  return outputs;
}

/**
 * Runs a loader: returns normally, or throws an InputError whose one-line form really is one
 * line. Anything else (a TypeError, a RangeError, a string) is rethrown so the property fails
 * with the input that caused it.
 */
export function loadsOrRefuses(load: () => unknown): 'loaded' | InputError {
  try {
    load();
    return 'loaded';
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const line = error.oneLine();
    if (line.includes('\n') || line.trim() === '') throw new Error(`input error is not one line: ${JSON.stringify(line)}`);
    return error;
  }
}

/**
 * A CLI run ended the way the design promises: findings (exit 0 or 1), or exit 2 with exactly one
 * line on stderr that is not the "this looks like a bug" notice of an unexpected exception.
 */
export function expectFindingsOrOneLineError(result: CliResult): void {
  if (result.code === 0 || result.code === 1) return;
  expect(result.code).toBe(2);
  expect(result.stderr).not.toContain('looks like a bug');
  expect(result.stderr.endsWith('\n')).toBe(true);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
}

/** The same, for one line of stderr only (exit 2) with text the caller expects. */
export function expectOneLineError(result: CliResult, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toContain('looks like a bug');
}

/**
 * Damage for property tests: a few edits that insert, delete or replace characters at random
 * places of a generated text. `edit` is what an insertion writes (each suite mixes its own tricky
 * characters, syntax fragments and long runs); at most `maxEdits` edits removing up to `maxRemove`
 * characters each.
 */
export function mutated(text: fc.Arbitrary<string>, edit: fc.Arbitrary<string>, options: { maxEdits?: number; maxRemove?: number } = {}): fc.Arbitrary<string> {
  const edits = fc.array(fc.tuple(fc.nat(), fc.nat({ max: options.maxRemove ?? 6 }), edit), { maxLength: options.maxEdits ?? 4 });
  return fc.tuple(text, edits).map(([t, list]) => {
    let out = t;
    for (const [at, remove, insert] of list) {
      const i = out.length === 0 ? 0 : at % (out.length + 1);
      out = out.slice(0, i) + insert + out.slice(i + remove);
    }
    return out;
  });
}
