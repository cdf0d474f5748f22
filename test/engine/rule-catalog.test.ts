// Guards over the built-in rules: every module under rules/ is registered, well-formed and tested.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { builtinRules } from '../../rules';
import { RuleRegistry } from '../../src/engine/registry';

const root = join(__dirname, '../..');

function ruleFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return ruleFiles(path);
    return name.endsWith('.ts') && name !== 'index.ts' && !name.endsWith('.d.ts') ? [path] : [];
  });
}

// Helpers shared by one area's rules live in files ending in -utils.ts or in a `helpers` folder.
const isHelper = (path: string) => /-utils\.ts$|\/helpers\//.test(path);

describe('built-in rule catalog', () => {
  const registry = new RuleRegistry(builtinRules);
  const ids = registry.all().map((r) => r.meta.id);

  it('registers every rule module under rules/ exactly once', () => {
    const files = ruleFiles(join(root, 'rules')).filter((p) => !isHelper(p));
    const fileIds = files.map((p) => relative(join(root, 'rules'), p).replace(/\.ts$/, '')).sort();
    expect([...ids].sort()).toEqual(fileIds);
  });

  it.each(ids)('%s has a test file named after it', (id) => {
    expect(existsSync(join(root, 'test/rules', `${id}.test.ts`))).toBe(true);
  });

  it.each(ids)('%s has messages without stray braces and an https docs link', (id) => {
    const rule = registry.get(id)!;
    expect(rule.meta.docsUrl).toMatch(/^https:\/\//);
    for (const text of Object.values<string>(rule.meta.messages)) expect(text).not.toMatch(/\{\{[^}]*$|^[^{]*\}\}/);
  });

  // A release placeholder (since, fixedIn, removedIn...) left out of versionData prints Enterprise numbering (3.4.1.0) in
  // open-source reports. Rules gated to Enterprise never report on open source.
  it.each(ids)('%s declares the release placeholders of its messages in versionData', (id) => {
    const { meta } = registry.get(id)!;
    if (meta.gate?.editions?.every((e) => e === 'enterprise')) return;
    const placeholders = Object.values<string>(meta.messages).flatMap((t) => [...t.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]));
    const releases = [...new Set(placeholders.filter((name) => name === 'since' || /edIn$/.test(name)))];
    expect(releases.filter((name) => !meta.versionData?.includes(name))).toEqual([]);
  });
});
