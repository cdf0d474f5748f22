// The built-in rules a check uses: metadata from the build's table, code loaded on first use.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRules } from '../../rules';
import { builtinRuleSet, RULE_TABLE_FILE, rulesFromTable, usableTable, type RuleTable } from '../../src/engine/builtin-rules';
import type { Rule } from '../../src/engine/define-rule';
import { REPO_ROOT } from '../support/cli';
import { tempDir } from '../support/temp';

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** A table of the real rules, as the build writes it. */
function tableOf(rules: readonly Rule[], index = 'list'): RuleTable {
  return { indexSha1: sha1(index), rules: rules.map((rule) => ({ module: rule.meta.id, meta: JSON.parse(JSON.stringify(rule.meta)) })) };
}

describe('rulesFromTable', () => {
  const rules = builtinRules.slice(0, 3);
  const byId = new Map(rules.map((rule) => [rule.meta.id, rule]));

  it('loads a rule module only when its check first runs, and once', async () => {
    const loads: string[] = [];
    const lazy = rulesFromTable(tableOf(rules), (module) => {
      loads.push(module);
      return { default: byId.get(module) };
    });
    expect(lazy.map((rule) => rule.meta)).toEqual(rules.map((rule) => rule.meta));
    expect(loads).toEqual([]);
    const context = {} as Parameters<Rule['check']>[0];
    // A check that throws on the empty context still proves the module's own code ran.
    const run = async (rule: Rule) => {
      try {
        await rule.check(context);
      } catch {
        // the context is not a real one
      }
    };
    await run(lazy[1]);
    await run(lazy[1]);
    expect(loads).toEqual([rules[1].meta.id]);
  });

  it('calls the module’s own check', () => {
    const calls: string[] = [];
    const fake: Rule = { meta: rules[0].meta, check: () => void calls.push('ran') };
    const [lazy] = rulesFromTable(tableOf([rules[0]]), () => ({ default: fake }));
    lazy.check({} as Parameters<Rule['check']>[0]);
    expect(calls).toEqual(['ran']);
  });

  it('refuses a module whose metadata differs from the table (a partial rebuild)', () => {
    const changed: Rule = { meta: { ...rules[0].meta, severity: rules[0].meta.severity === 'info' ? 'warning' : 'info' }, check: () => undefined };
    const [lazy] = rulesFromTable(tableOf([rules[0]]), () => ({ default: changed }));
    expect(() => lazy.check({} as Parameters<Rule['check']>[0])).toThrow(`the built rule table (${RULE_TABLE_FILE}) does not match rule ${rules[0].meta.id}: rebuild with \`npm run build\``);
    const [missing] = rulesFromTable(tableOf([rules[0]]), () => ({}));
    expect(() => missing.check({} as Parameters<Rule['check']>[0])).toThrow(/does not match rule/);
  });
});

describe('usableTable', () => {
  const table = JSON.stringify(tableOf(builtinRules.slice(0, 2), 'the list'));

  it('is used while the rule list beside it is the one it was made from', () => {
    expect(usableTable(tempDir({ [RULE_TABLE_FILE]: table, 'index.js': 'the list' }))?.rules.map((r) => r.module)).toEqual(builtinRules.slice(0, 2).map((r) => r.meta.id));
  });

  it('is set aside when the list changed, or the table is missing or unreadable', () => {
    expect(usableTable(tempDir({ [RULE_TABLE_FILE]: table, 'index.js': 'another list' }))).toBeUndefined();
    expect(usableTable(tempDir({ 'index.js': 'the list' }))).toBeUndefined();
    expect(usableTable(tempDir({ [RULE_TABLE_FILE]: '{"indexSha1": ', 'index.js': 'the list' }))).toBeUndefined();
    expect(usableTable(tempDir({ [RULE_TABLE_FILE]: JSON.stringify({ indexSha1: sha1('the list') }), 'index.js': 'the list' }))).toBeUndefined();
  });

  it('without a table every rule loads as before (the sources under test have none)', () => {
    expect(builtinRuleSet(tempDir({}))).toBe(builtinRules);
  });
});

const builtDir = join(REPO_ROOT, 'dist', 'rules');
(existsSync(join(builtDir, 'index.js')) ? describe : describe.skip)('the table `npm run build` writes', () => {
  it('lists every built-in rule, in order, with its metadata unchanged', () => {
    const table = usableTable(builtDir);
    expect(table).toBeDefined();
    expect(table!.rules.map((r) => r.module)).toEqual(builtinRules.map((r) => r.meta.id));
    expect(table!.rules.map((r) => r.meta)).toEqual(builtinRules.map((r) => r.meta));
    expect(table!.indexSha1).toBe(sha1(readFileSync(join(builtDir, 'index.js'), 'utf8')));
  });
});
