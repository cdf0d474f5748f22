// Folder walking shared by the plugin loaders.

import * as fs from 'fs';
import * as path from 'path';
import { compareText } from '../../text/compare';
import { isDirectory, isFile } from '../file-kind';

// Test and vendored folders are not loaded by Kong; findings there would be noise.
export const SKIPPED_DIRS = new Set(['node_modules', '.git', 'spec', 'test', 'tests', '__pycache__', 'vendor']);

/** The sub-folders of `dir` that may hold plugin code, sorted. */
export function subdirs(dir: string): string[] {
  if (!isDirectory(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !SKIPPED_DIRS.has(e.name))
    .map((e) => path.join(dir, e.name))
    .sort();
}

/** The files directly in `dir`, sorted by name. */
export function filesIn(dir: string): string[] {
  return fs.readdirSync(dir).sort().map((f) => path.join(dir, f)).filter(isFile);
}

/** Every file under `dir`, skipping test and vendored folders, in a stable order. */
export function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareText(a.name, b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...walk(full));
    } else if (entry.isFile()) out.push(full);
  }
  return out;
}
