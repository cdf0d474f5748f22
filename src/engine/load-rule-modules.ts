// Loads third-party rules from `--rules-dir DIR`: every `.js` or `.cjs` file directly in the
// folder is a CommonJS module exporting one rule (`module.exports = { meta, check }`, or
// `exports.default`) or an array of rules. They go through the same registry validation as the
// built-in rules; a broken module is an input error that names its file. TypeScript rules must
// be compiled first (the tool does not ship a TypeScript compiler at run time).

import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../errors';
import { fsErrorReason } from '../inputs/fs-error';
import type { Rule } from './define-rule';
import { validateRule } from './registry';

/** `taken`: ids already registered (the built-in rules); a module may not reuse one. */
export function loadRuleModules(dirs: readonly string[], cwd: string, taken: Iterable<string> = []): Rule[] {
  const rules: Rule[] = [];
  const ids = new Set(taken);
  for (const given of dirs) {
    const dir = resolve(cwd, given);
    let names: string[];
    try {
      if (!statSync(dir).isDirectory()) throw new InputError('--rules-dir is not a folder', { file: given });
      names = readdirSync(dir).filter((n) => /\.c?js$/.test(n)).sort();
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(`cannot read the rules folder: ${fsErrorReason(error)}`, { file: given });
    }
    for (const name of names) {
      const file = join(dir, name);
      for (const rule of loadModule(file)) {
        if (ids.has(rule.meta.id)) throw new InputError(`rule ${rule.meta.id}: duplicate rule id (a built-in or another module has it)`, { file });
        ids.add(rule.meta.id);
        rules.push(rule);
      }
    }
  }
  return rules;
}

function loadModule(file: string): Rule[] {
  let exported: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exported = require(file);
  } catch (error) {
    throw new InputError(`cannot load the rule module: ${(error as Error).message.split('\n')[0]}`, { file });
  }
  const value = (exported as { default?: unknown })?.default ?? exported;
  const list = Array.isArray(value) ? value : [value];
  for (const rule of list) {
    const problems = validateRule(rule as Rule);
    if (problems.length > 0) throw new InputError(`invalid rule ${(rule as Rule)?.meta?.id ?? '(no id)'}: ${problems.join('; ')}`, { file });
  }
  return list as Rule[];
}
