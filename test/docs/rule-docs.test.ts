// docs/rules/ is generated from rule metadata: it must match what the rules say now, `explain`
// must print the same page, and every finding's docsUrl must lead to Kong's docs or our page.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { builtinRules } from '../../rules';
import { ruleDocFiles, RULE_DOCS_DIR } from '../../src/docs/rule-docs';
import { rulePagePath, REPOSITORY_URL } from '../../src/docs/rule-links';
import { fixture, REPO_ROOT, runCli } from '../support/cli';

const docsDir = join(REPO_ROOT, RULE_DOCS_DIR);
const STALE = 'docs/rules is out of date: run `npm run docs:rules` and commit the result';

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [relative(docsDir, path).split('\\').join('/')];
  });
}

describe('docs/rules', () => {
  const expected = ruleDocFiles(builtinRules);

  it('holds exactly the generated pages (no stale or missing page)', () => {
    const actual = listFiles(docsDir).sort();
    if (JSON.stringify(actual) !== JSON.stringify([...expected.keys()].sort())) throw new Error(`${STALE} (files differ: ${[...expected.keys()].filter((k) => !actual.includes(k)).concat(actual.filter((a) => !expected.has(a))).join(', ')})`);
  });

  it.each([...expected.keys()])('%s matches the rule metadata', (path) => {
    const actual = existsSync(join(docsDir, path)) ? readFileSync(join(docsDir, path), 'utf8') : '(missing)';
    if (actual !== expected.get(path)) throw new Error(`${STALE} (${path} differs)`);
  });

  it.each(builtinRules.map((r) => r.meta.id))('%s: explain prints its page', async (id) => {
    const { stdout, code } = await runCli(['explain', id]);
    expect(code).toBe(0);
    expect(stdout).toBe(readFileSync(join(REPO_ROOT, rulePagePath(id)), 'utf8'));
  });

  it.each(builtinRules.map((r) => r.meta.id))('%s links to Kong documentation or to its own page', (id) => {
    const url = builtinRules.find((r) => r.meta.id === id)!.meta.docsUrl;
    const ours = `${REPOSITORY_URL}/blob/main/${rulePagePath(id)}`;
    expect(url === ours || /^https:\/\/(docs|developer)\.konghq\.com\//.test(url)).toBe(true);
  });

  it('every finding of every fixture carries such a docsUrl', async () => {
    for (const name of readdirSync(join(REPO_ROOT, 'fixtures/installations'))) {
      const from = /-(\d+\.\d+)-/.exec(name)![1];
      const { stdout } = await runCli(['check', fixture('installations', name, 'kong.conf'), '--from', from, '--to', '3.4', '--format', 'json']);
      for (const f of JSON.parse(stdout).findings as { docsUrl?: string; ruleId: string }[]) {
        expect(f.docsUrl).toMatch(new RegExp(`^https://((docs|developer)\\.konghq\\.com/|github\\.com/kong-preflight/kong-preflight/blob/main/docs/rules/${f.ruleId}\\.md$)`));
      }
    }
  });
});
