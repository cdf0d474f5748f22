// The tool's own name and version, read from package.json so the version has one home. The file
// is found by walking up from this module: the same code runs from src/ (tests) and dist/src/.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const TOOL_NAME = 'kong-preflight';

function findPackageRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'schemas'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}

/** The project folder (holds package.json, schemas/, docs/). */
export const PACKAGE_ROOT = findPackageRoot(__dirname);

export const TOOL_VERSION: string = (() => {
  try {
    return JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
})();
