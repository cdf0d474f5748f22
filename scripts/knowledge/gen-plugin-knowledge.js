#!/usr/bin/env node
'use strict';
// Regenerates the plugin facts under src/knowledge/plugins/data/ from local git mirrors of
// Kong/kong and Kong/developer.konghq.com. The output is committed; this script documents how it
// was obtained and lets a reviewer re-derive it.
//
//   node scripts/knowledge/gen-plugin-knowledge.js <Kong/kong git dir> <developer.konghq.com git dir>
//
// Reads only: `git show <tag>:kong/constants.lua` (bundled plugin list), `git ls-tree <tag> kong/`
// (which Lua modules exist), and the front matter of app/_kong_plugins/*/index.md (docs).

const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const [kongGit, docsGit] = process.argv.slice(2);
if (!kongGit || !docsGit) {
  console.error('usage: gen-plugin-knowledge.js <Kong/kong git dir> <developer.konghq.com git dir>');
  process.exit(2);
}
const OUT = path.join(__dirname, '../../src/knowledge/plugins/data');
const git = (dir, ...args) => execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });

// Release tags 2.0.0 .. 3.9.x, no pre-releases, in version order.
const tags = git(kongGit, 'tag').split('\n')
  .filter((t) => /^(2|3)\.\d+\.\d+$/.test(t))
  .sort((a, b) => { const x = a.split('.').map(Number), y = b.split('.').map(Number); return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });

// 1. Bundled plugins: the string items of `local plugins = { ... }` in kong/constants.lua.
const bundled = {};
for (const tag of tags) {
  const src = git(kongGit, 'show', `${tag}:kong/constants.lua`);
  const block = /(?:^|\n)local plugins = \{([\s\S]*?)\n\}/.exec(src);
  if (!block) throw new Error(`no plugin list in kong/constants.lua@${tag}`);
  const body = block[1].replace(/--[^\n]*/g, '');
  bundled[tag] = [...body.matchAll(/"([a-z0-9-]+)"/g)].map((m) => m[1]);
}
write('oss-bundled-plugins.json', {
  description: 'Plugins bundled with Kong Gateway OSS per release tag (the `bundled` keyword of the plugins property).',
  source: 'Kong/kong:kong/constants.lua (local plugins) at each tag',
  tags: bundled,
});

// 2. Lua modules under kong/: module name -> intervals of tags where the file exists.
const present = new Map();
for (const tag of tags) {
  const files = git(kongGit, 'ls-tree', '-r', '--name-only', tag, 'kong/').split('\n').filter((f) => f.endsWith('.lua'));
  for (const f of files) {
    const mod = f.replace(/\.lua$/, '').replace(/\/init$/, '').split('/').join('.');
    if (!present.has(mod)) present.set(mod, new Set());
    present.get(mod).add(tag);
  }
}
const modules = {};
for (const [mod, seen] of [...present].sort(([a], [b]) => a.localeCompare(b))) {
  const intervals = [];
  let open = null;
  tags.forEach((tag, i) => {
    if (seen.has(tag)) { if (!open) open = [tag, tag]; else open[1] = tag; }
    else if (open) { intervals.push(open); open = null; }
    if (i === tags.length - 1 && open) intervals.push(open);
  });
  modules[mod] = intervals;
}
write('oss-lua-modules.json', {
  description: 'Lua modules shipped under kong/ per release tag, as [first tag, last tag] intervals of presence.',
  source: 'Kong/kong:kong/ (git ls-tree) at each tag',
  tags,
  modules,
});

// 3. Plugins documented by Kong Inc. on developer.konghq.com with their minimum gateway version.
const docsCommit = git(docsGit, 'rev-parse', 'HEAD').trim();
const pages = git(docsGit, 'ls-tree', '-r', '--name-only', 'HEAD', 'app/_kong_plugins/')
  .split('\n').filter((f) => /^app\/_kong_plugins\/[^/]+\/index\.md$/.test(f));
const documented = [];
for (const page of pages) {
  const text = git(docsGit, 'show', `HEAD:${page}`);
  const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  const field = (key) => new RegExp(`^${key}:\\s*['"]?([^'"\\n]+)`, 'm').exec(front)?.[1]?.trim();
  const minVersion = /^min_version:\s*\n\s+gateway:\s*['"]?([\d.]+)/m.exec(front)?.[1];
  const publisher = field('publisher');
  if (publisher !== 'kong-inc') continue; // third-party plugins are not bundled
  documented.push({ name: page.split('/')[2], minVersion, tier: field('tier') ?? null });
}
write('documented-plugins.json', {
  description: 'Plugins published by Kong Inc. on developer.konghq.com, with the min_version.gateway of their page and their tier.',
  source: `Kong/developer.konghq.com:app/_kong_plugins/*/index.md@${docsCommit}`,
  plugins: documented.sort((a, b) => a.name.localeCompare(b.name)),
});

function write(name, data) {
  fs.writeFileSync(path.join(OUT, name), JSON.stringify(data, null, 1) + '\n');
  console.log(`wrote ${name}`);
}
