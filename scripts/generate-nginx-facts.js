#!/usr/bin/env node
// Derives the compact nginx-template facts the linter ships from the research digests in
// kong-facts/nginx: fingerprints as line hashes (no template text) and per-minor element lists.
// The runtime reads only the generated files; rerun this when the digests change:
//
//   npm run build && node scripts/generate-nginx-facts.js [/work/shared/kong-facts/nginx] [Kong/kong git dir]
//
// The digests start at 2.0. Fingerprints of the 0.9 - 1.5 releases (identification only: no
// element lists, nothing checks a target before 2.0 against the stock files) are read straight
// from a Kong/kong git mirror, normalised by the linter's own normalize module so the hashes are
// those a user's file gets; the 2.0.0 digest entries are reproduced by the same code.
//
// Output: src/knowledge/nginx/fingerprints.json and src/knowledge/nginx/elements.json, and
// sources.json with the two files' sources alone: rule metadata cites them on every start, while
// the ~390 KB of facts are read only when a check has an nginx template to compare.

'use strict';
const fs = require('node:fs');
const path = require('node:path');

const factsDir = process.argv[2] ?? '/work/shared/kong-facts/nginx';
const kongGitDir = process.argv[3] ?? '/work/.mirror/Kong+kong/repo';
const outDir = path.join(__dirname, '..', 'src', 'knowledge', 'nginx');
const RELEASE = /^\d+\.\d+\.\d+$/;

const fingerprints = JSON.parse(fs.readFileSync(path.join(factsDir, 'template-fingerprints.json'), 'utf8'));
const elements = JSON.parse(fs.readFileSync(path.join(factsDir, 'template-elements-by-version.json'), 'utf8'));
// The kong.conf prefixes that feed each template loop live beside the conf facts.
const namespaces = JSON.parse(fs.readFileSync(path.join(factsDir, '..', 'conf', 'dynamic-namespaces-by-version.json'), 'utf8'));

// ---- fingerprints: one table of distinct line hashes, variants refer to it by index ----------

const hashIndex = new Map();
const hashes = [];
function indexOf(hash) {
  if (!hashIndex.has(hash)) {
    hashIndex.set(hash, hashes.length);
    hashes.push(hash);
  }
  return hashIndex.get(hash);
}

// Pre-releases are left out: nobody runs production on them, and keeping them would blur ties.
function compactVariant(file, variant) {
  const tags = variant.tags.filter((t) => RELEASE.test(t));
  if (tags.length === 0) return undefined;
  return { file, tags, sha256: variant.normalized_sha256, lines: variant.line_hashes.map(indexOf) };
}

const variants = [];
for (const [file, list] of Object.entries(fingerprints.variants)) {
  if (file === 'wasmtime_cache_config.lua') continue; // not an nginx file
  for (const v of list) {
    const c = compactVariant(file, v);
    if (c) variants.push(c);
  }
}
for (const v of fingerprints.inlined_variants) {
  const c = compactVariant('inlined', v);
  if (c) variants.push(c);
}

// ---- fingerprints before 2.0, from the git mirror ------------------------------------------

const { execFileSync } = require('node:child_process');
const normalize = require(path.join(__dirname, '..', 'dist', 'src', 'inputs', 'nginx', 'normalize.js'));
/**
 * 0.9 (the first release with kong/templates/nginx.lua + nginx_kong.lua, the split Kong still
 * renders) to 1.5. Before 0.13 the dicts and handlers differ, but a template copied from 0.10
 * must be named as such: its nginx.lua is identical from 0.10 to 0.14, and without these tags an
 * untouched 0.11 copy was called a copy of 0.13.
 */
const LEGACY_RELEASE = /^(0\.(9|1[0-4])|1\.\d+)\.\d+$/;
const LEGACY_FILES = ['nginx.lua', 'nginx_kong.lua', 'nginx_kong_stream.lua'];
const RENDERED_BY = { 'nginx-kong.conf': 'nginx_kong.lua', 'nginx-kong-stream.conf': 'nginx_kong_stream.lua' };

function gitShow(tag, file) {
  try {
    return execFileSync('git', ['--git-dir', kongGitDir, 'show', `${tag}:kong/templates/${file}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

function normalizedLines(text) {
  return normalize.normalizeTemplate(normalize.unwrapLuaTemplate(text).body).map((l) => l.text);
}

/** The digest's inlining: each `include` of a Kong-generated file replaced by that file's normalised lines. */
function inlined(files, lines) {
  return lines.flatMap((line) => {
    const target = /^include '([^']+)';$/.exec(line)?.[1];
    const file = target && RENDERED_BY[target];
    return file && files[file] ? inlined(files, files[file]) : [line];
  });
}

const legacyTags = execFileSync('git', ['--git-dir', kongGitDir, 'tag'], { encoding: 'utf8' })
  .split('\n').filter((t) => LEGACY_RELEASE.test(t))
  .sort((a, b) => { const x = a.split('.').map(Number); const y = b.split('.').map(Number); return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
const legacyVariants = new Map();
function addLegacy(file, tag, lines) {
  const sha256 = normalize.sha256(lines.join('\n') + '\n');
  const key = `${file} ${sha256}`;
  if (!legacyVariants.has(key)) legacyVariants.set(key, { file, tags: [], sha256, lines: lines.map((l) => indexOf(normalize.lineHash(l))) });
  legacyVariants.get(key).tags.push(tag);
}
for (const tag of legacyTags) {
  const files = {};
  for (const file of LEGACY_FILES) {
    const text = gitShow(tag, file);
    if (text !== undefined) files[file] = normalizedLines(text);
  }
  for (const [file, lines] of Object.entries(files)) addLegacy(file, tag, lines);
  if (files['nginx.lua']) addLegacy('inlined', tag, inlined(files, files['nginx.lua']));
}
variants.unshift(...legacyVariants.values());

const fingerprintFacts = {
  schema: 'kong-preflight/nginx-fingerprints/v1',
  normalization: fingerprints.normalization.id,
  generatedBy: 'scripts/generate-nginx-facts.js',
  sources: [
    { kind: 'digest', ref: 'kong-facts/nginx/template-fingerprints.json', note: fingerprints.source },
    { kind: 'repo', ref: 'Kong/kong:kong/templates/*.lua@<each release tag 2.0.0-3.9.3>' },
    { kind: 'repo', ref: 'Kong/kong:kong/templates/{nginx,nginx_kong,nginx_kong_stream}.lua@<each release tag 0.9.0-1.5.1>', note: 'read from the git mirror by this script (the digest starts at 2.0)' },
  ],
  notes: [
    "file 'inlined' = nginx.lua with Kong's generated includes replaced by the stock templates they render (a custom template that pastes the http/stream content)",
    'lines = indexes into hashes; each hash is the first 16 hex digits of SHA-256 of one normalised line',
  ],
  hashes,
  variants,
};

// ---- elements: what each stock file contains, per minor (latest tag of the minor) ------------

/** Identifiers a guard tests (`role`, `proxy_listeners`), without the Lua text itself. */
function guardVars(guard) {
  const vars = new Set();
  for (const cond of guard ?? []) {
    const code = cond.replace(/"[^"]*"|'[^']*'/g, ' ');
    for (const m of code.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
      if (!['if', 'then', 'and', 'or', 'not', 'nil', 'true', 'false', 'elseif'].includes(m[0])) vars.add(m[0]);
    }
  }
  return [...vars].sort();
}

function compactFile(f) {
  const when = (g) => {
    const vars = guardVars(g);
    return vars.length ? { when: vars } : {};
  };
  return {
    dicts: f.lua_shared_dicts.map((d) => ({ context: d.context, name: d.name, size: d.size, ...when(d.guard) })),
    includes: f.includes.map((i) => ({ context: i.context, target: i.target, ...when(i.guard) })),
    handlers: f.lua_phase_handlers
      .filter((h) => h.calls.length > 0)
      .map((h) => ({ context: h.context, phase: h.phase, calls: h.calls.map((c) => c.replace(/^Kong\./, '').replace(/\(.*$/, '')), ...when(h.guard) })),
    servers: f.server_names.map((s) => ({ name: s.name, ...when(s.guard) })),
    locations: f.locations.map((l) => ({ path: l.path, ...when(l.guard) })),
    upstreams: f.upstreams.map((u) => u.name),
    injectionLists: [...new Set(f.injection_points.map((p) => p.list))],
    directives: f.directives,
    placeholders: f.substitutions,
  };
}

/** kong.conf prefix -> template list, in Kong's matching order (first match wins), nginx ones only. */
function namespacesAt(tag) {
  const entry = namespaces[tag];
  if (!entry) throw new Error(`no dynamic namespaces for ${tag}`);
  return entry.namespaces.filter((n) => n.injected_conf_name).map((n) => ({ prefix: n.prefix, list: n.injected_conf_name }));
}

const versions = {};
for (const [minor, v] of Object.entries(elements.versions)) {
  const files = {};
  for (const [file, f] of Object.entries(v.files)) files[file] = compactFile(f);
  versions[minor] = { tag: v.tag, requiredDicts: v.required_shared_dicts_checked_at_init.names, namespaces: namespacesAt(v.tag), files };
}

const elementFacts = {
  schema: 'kong-preflight/nginx-elements/v1',
  generatedBy: 'scripts/generate-nginx-facts.js',
  sources: [
    { kind: 'digest', ref: 'kong-facts/nginx/template-elements-by-version.json', note: elements.source },
    { kind: 'repo', ref: 'Kong/kong:kong/templates/*.lua@<latest tag of each minor>' },
    { kind: 'repo', ref: 'Kong/kong:kong/constants.lua@<latest tag of each minor>', note: 'requiredDicts: DICTS checked by kong/init.lua at start' },
    { kind: 'digest', ref: 'kong-facts/conf/dynamic-namespaces-by-version.json', note: 'namespaces: DYNAMIC_KEY_NAMESPACES of kong/conf_loader at the same tags' },
  ],
  notes: [
    'context = nginx block path; the http and stream include files start at http / stream',
    'when = template variables the element is conditional on (empty: always rendered)',
  ],
  versions,
};

fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'fingerprints.json'), JSON.stringify(fingerprintFacts) + '\n');
fs.writeFileSync(path.join(outDir, 'elements.json'), JSON.stringify(elementFacts) + '\n');
fs.writeFileSync(path.join(outDir, 'sources.json'), JSON.stringify({ fingerprints: fingerprintFacts.sources, elements: elementFacts.sources }, null, 2) + '\n');
console.log(`fingerprints: ${variants.length} variants (${legacyVariants.size} before 2.0, ${legacyTags.length} tags), ${hashes.length} distinct line hashes`);
console.log(`elements: ${Object.keys(versions).length} minors`);
