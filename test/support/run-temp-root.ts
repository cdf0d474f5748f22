// One temporary folder per test run. Tests make thousands of scratch folders (rule fixtures,
// kong.conf files, CLI runs); without this each run left them all in the system's temporary
// folder. Global setup points TMPDIR at a fresh folder, which os.tmpdir() in the workers and the
// CLI processes they start then use, and global teardown removes it with everything inside.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT_KEY = 'KONG_PREFLIGHT_TEST_TMP_ROOT';
/** The temporary folder before this run's replaced it (the test servers keep their data there). */
export const SYSTEM_TMP_KEY = 'KONG_PREFLIGHT_TEST_SYSTEM_TMP';

/**
 * Creates this run's folder and makes it the temporary folder of everything started after. Each
 * jest project's global setup calls it; the first creates the folder, the others find it.
 */
export function enterRunTempRoot(): string {
  const existing = process.env[ROOT_KEY];
  if (existing) return existing;
  process.env[SYSTEM_TMP_KEY] = tmpdir();
  const root = mkdtempSync(join(tmpdir(), 'kp-run-'));
  process.env[ROOT_KEY] = root;
  process.env.TMPDIR = root;
  return root;
}

/** Removes this run's folder, if setup made one (each project's teardown calls it; the first removes it). */
export function removeRunTempRoot(): void {
  const root = process.env[ROOT_KEY];
  if (root) rmSync(root, { recursive: true, force: true });
}
