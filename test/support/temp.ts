// Temporary folders for tests that write kong.conf, configuration or baseline files.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A fresh folder holding the given files (relative path -> content). */
export function tempDir(files: Record<string, string> = {}, prefix = 'kp-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** A fresh folder holding the given files; returns the path of the first. */
export function tempFiles(files: Record<string, string>, prefix = 'kp-'): string {
  return join(tempDir(files, prefix), Object.keys(files)[0]);
}
