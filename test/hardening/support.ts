// Shared checks for the hardening tests: what "a clean failure" means for a loader and for the CLI.

import { InputError } from '../../src/errors';
import type { CliResult } from '../support/cli';

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
