// The built-in rules as a check sees them: metadata for all, code only for the rules it runs.
//
// Loading every rule module (and the knowledge each imports) was ~100 of the ~300 modules of a
// check on a small kong.conf, ~30 ms of a ~190 ms start-up, though such a run evaluates only the
// kong.conf rules: the rest need entities, a database or templates it does not have. Everything
// but `check` (the report's rule list, SARIF's rule descriptors, manual review, gating) reads
// metadata alone, so the build writes every rule's metadata to dist/rules/rule-table.json
// (scripts/build-rule-table.js) and a rule's module is loaded the first time its check runs.
//
// The table is trusted only while it answers for the code beside it: it records the SHA-1 of the
// rule list (dist/rules/index.js) it was made from, and a rule whose module, once loaded, has
// other metadata than the table fails with an internal error naming the fix. Without a table (the
// TypeScript sources under test, a dist built by `tsc` alone) every rule loads as before.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rule, RuleMeta } from './define-rule';

/** The file the build writes next to the compiled rules. */
export const RULE_TABLE_FILE = 'rule-table.json';

export interface RuleTable {
  /** SHA-1 of the text of the rule list (index.js) the table was made from. */
  indexSha1: string;
  /** Every built-in rule in the list's order: its module path under the rules folder (no extension) and its metadata. */
  rules: { module: string; meta: RuleMeta<string> }[];
}

/** The compiled rules folder, from dist/src/engine (the sources' rules/ holds no table). */
const RULES_DIR = join(__dirname, '..', '..', 'rules');

/** Every built-in rule: lazily loaded from the build's table when it is usable, else all loaded now. */
export function builtinRuleSet(rulesDir = RULES_DIR): readonly Rule[] {
  const table = usableTable(rulesDir);
  if (table) return rulesFromTable(table, (module) => require(join(rulesDir, `${module}.js`)) as { default?: Rule });
  return (require('../../rules') as typeof import('../../rules')).builtinRules;
}

/** The table in `rulesDir` when it was made from the rule list there; undefined otherwise. */
export function usableTable(rulesDir: string): RuleTable | undefined {
  try {
    const table = JSON.parse(readFileSync(join(rulesDir, RULE_TABLE_FILE), 'utf8')) as RuleTable;
    const index = readFileSync(join(rulesDir, 'index.js'), 'utf8');
    if (!Array.isArray(table.rules) || table.indexSha1 !== createHash('sha1').update(index).digest('hex')) return undefined;
    return table;
  } catch {
    // No table (or an unreadable one): the rules load as they always did.
    return undefined;
  }
}

/** Rules whose `check` loads their module (through `load`) on its first call. */
export function rulesFromTable(table: RuleTable, load: (module: string) => { default?: Rule }): Rule[] {
  return table.rules.map(({ module, meta }) => {
    let loaded: Rule | undefined;
    const code = (): Rule => {
      if (loaded) return loaded;
      const rule = load(module).default;
      // The table and the module were built apart (a partial rebuild): running the module's code
      // under other metadata could report with messages or gates it does not have.
      if (!rule || JSON.stringify(rule.meta) !== JSON.stringify(meta)) {
        throw new Error(`the built rule table (${RULE_TABLE_FILE}) does not match rule ${meta.id}: rebuild with \`npm run build\``);
      }
      return (loaded = rule);
    };
    return { meta, check: (context) => code().check(context) };
  });
}
