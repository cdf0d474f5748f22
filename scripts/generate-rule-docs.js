#!/usr/bin/env node
'use strict';
// Writes docs/rules/ from the compiled rules (run through `npm run docs:rules`, which builds
// first). Pages of rules that no longer exist are removed.
const { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');

const root = join(__dirname, '..');
const { builtinRules } = require(join(root, 'dist/rules/index.js'));
const { ruleDocFiles, RULE_DOCS_DIR } = require(join(root, 'dist/src/docs/rule-docs.js'));

const dir = join(root, RULE_DOCS_DIR);
const files = ruleDocFiles(builtinRules);
const existing = [];
const walk = (d) => {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else existing.push(relative(dir, p).split('\\').join('/'));
  }
};
mkdirSync(dir, { recursive: true });
walk(dir);
for (const path of existing) if (!files.has(path)) rmSync(join(dir, path));
for (const [path, text] of files) {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}
process.stdout.write(`wrote ${files.size} files to ${RULE_DOCS_DIR}/\n`);
