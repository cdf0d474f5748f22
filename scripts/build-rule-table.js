#!/usr/bin/env node
// A step of `npm run build`, after tsc: writes dist/rules/rule-table.json, the metadata of every
// built-in rule with the module that holds its code. A check reads the table instead of loading
// all ~90 rule modules and the knowledge they import, and loads a rule's code only when the rule
// is evaluated (src/engine/builtin-rules.ts explains why and how it guards against a stale table).
//
// The metadata must survive JSON unchanged: a rule whose metadata holds a function, a RegExp or
// an undefined field fails the build here, rather than running with different metadata.

'use strict';
const { createHash } = require('node:crypto');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { isDeepStrictEqual } = require('node:util');

const rulesDir = join(__dirname, '..', 'dist', 'rules');
const indexFile = join(rulesDir, 'index.js');
const { builtinRules } = require(indexFile);

const problems = [];
const rules = builtinRules.map((rule) => {
  const { id } = rule.meta;
  // A rule's id is its file's path under rules/ (RuleMeta.id).
  const moduleFile = join(rulesDir, `${id}.js`);
  if (!existsSync(moduleFile) || require(moduleFile).default !== rule) problems.push(`${id}: not the default export of rules/${id}`);
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(rule.meta)), rule.meta)) problems.push(`${id}: its metadata does not survive JSON`);
  return { module: id, meta: rule.meta };
});
if (problems.length > 0) {
  process.stderr.write(`build-rule-table: ${problems.join('; ')}\n`);
  process.exit(1);
}

// The table answers for the rule list it was made from: a check uses it only while
// dist/rules/index.js is the same text (src/engine/builtin-rules.ts).
const indexSha1 = createHash('sha1').update(readFileSync(indexFile, 'utf8')).digest('hex');
writeFileSync(join(rulesDir, 'rule-table.json'), JSON.stringify({ indexSha1, rules }));
