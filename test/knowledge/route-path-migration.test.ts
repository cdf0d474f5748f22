// Our restatement of Kong's route path normalization against Kong's own Lua, run on the same
// paths by test/support/kong-route-paths/generate.ts (fixtures/route-paths/kong-oracle.json).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate2xPath, normalizePrefixPath, normalizeRegexPath } from '../../src/knowledge/entities/route-path-migration';

interface OracleCase { path: string; migrated: string; normalized: string }
const oracle = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'route-paths', 'kong-oracle.json'), 'utf8')) as { cases: OracleCase[] };

describe('route path migration, held to Kong\'s own code', () => {
  it('has cases of every kind', () => {
    expect(oracle.cases.length).toBeGreaterThan(40);
    expect(oracle.cases.some((c) => c.migrated.startsWith('~'))).toBe(true);
    expect(oracle.cases.some((c) => c.normalized !== c.path && !c.migrated.startsWith('~'))).toBe(true);
  });

  it.each(oracle.cases)('$path: migrated as migrate_path_280_300.lua does', ({ path, migrated }) => {
    expect(migrate2xPath(path)).toBe(migrated);
  });

  it.each(oracle.cases)('$path: normalized as normalize(path, true) does', ({ path, normalized }) => {
    expect(normalizePrefixPath(path)).toBe(normalized);
  });

  it('a decoded byte sequence that is not UTF-8 keeps its escapes (a text file cannot hold it)', () => {
    expect(normalizePrefixPath('/bad%C3x')).toBe('/bad%C3x');
    expect(normalizeRegexPath('/bad%c3(x)')).toBe('/bad%C3(x)');
    expect(normalizePrefixPath('/ok%C3%A9%2dx')).toBe('/oké-x');
  });
});
