// docs/coverage.md names every kong.conf and env entry of the breaking-changes digest, and only
// rules that exist; the curated conf changes cite only entries the page lists.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRules } from '../../rules';
import { CONF_CHANGES } from '../../src/knowledge/conf/changes';

const page = readFileSync(join(__dirname, '../../docs/coverage.md'), 'utf8');
const section = (title: string) => {
  const start = page.indexOf(`## ${title}\n`);
  const next = page.indexOf('\n## ', start + 1);
  return page.slice(start, next === -1 ? undefined : next);
};
const confSection = section('kong.conf');
const rows = [...confSection.matchAll(/^\| `([a-z0-9-]+)` \| ([^|]+) \|/gm)].map((m) => ({ id: m[1], rules: m[2] }));

describe('docs/coverage.md, kong.conf section', () => {
  it('has a row per entry, once', () => {
    expect(rows.length).toBeGreaterThan(30);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it('names only registered rules', () => {
    const ids = new Set(builtinRules.map((r) => r.meta.id));
    const named = rows.flatMap((r) => [...r.rules.matchAll(/`([a-z]+\/[a-z0-9-]+)`/g)].map((m) => m[1]));
    expect(named.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('gives a reason for every entry without a rule', () => {
    for (const row of rows.filter((r) => !r.rules.includes('`'))) {
      const line = confSection.split('\n').find((l) => l.startsWith(`| \`${row.id}\``))!;
      expect(line.split('|')[3].trim().length).toBeGreaterThan(20);
    }
  });

  it('lists every entry the curated changes cite', () => {
    const cited = CONF_CHANGES.flatMap((c) => c.breakingChanges ?? []);
    expect(cited.filter((id) => !rows.some((r) => r.id === id))).toEqual([]);
  });
});

// When the digest is on this machine, the page must cover all of its kong.conf and env entries.
const DIGEST = '/work/shared/kong-facts/breaking-changes.json';
(existsSync(DIGEST) ? describe : describe.skip)('docs/coverage.md against the digest', () => {
  it('covers every kong.conf and env entry', () => {
    const entries: { id: string; artifact: string }[] = JSON.parse(readFileSync(DIGEST, 'utf8')).entries;
    const wanted = entries.filter((e) => e.artifact === 'kong.conf' || e.artifact === 'env').map((e) => e.id);
    expect(wanted.filter((id) => !rows.some((r) => r.id === id))).toEqual([]);
  });
});
