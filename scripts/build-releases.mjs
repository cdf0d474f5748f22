#!/usr/bin/env node
// Builds src/knowledge/data/releases.json, the release facts kong-preflight checks versions against.
//
//   node scripts/build-releases.mjs [--facts PATH/releases.json] [--kong-repo PATH/TO/Kong/kong/.git]
//
// Input: the research digest `kong-facts/upgrade/releases.json` (Enterprise minors and patches with
// dates, support windows, LTS flags, OSS tags from 2.0 on) and, optionally, a clone of Kong/kong whose
// git tags add the OSS 0.x and 1.x releases the digest leaves out. The output keeps only what the
// tool uses, in one shape per minor, and names its sources. Commit the output; re-run when the facts
// change.

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = parseArgs(process.argv.slice(2));
const factsPath = args.facts ?? '/work/shared/kong-facts/upgrade/releases.json';
const kongRepo = args['kong-repo'] ?? '/work/.mirror/Kong+kong/repo';
const outPath = join(root, 'src/knowledge/data/releases.json');

const facts = JSON.parse(readFileSync(factsPath, 'utf8'));

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  return out;
}

const numeric = (v) => v.split('.').map(Number);
function compareVersions(a, b) {
  const pa = numeric(a), pb = numeric(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** OSS 0.x and 1.x release tags (no release candidates) with their tag dates, keyed by minor. */
function legacyOssTags() {
  let lines;
  try {
    lines = execFileSync('git', ['--git-dir', kongRepo, 'for-each-ref', '--format=%(refname:short) %(creatordate:short)', 'refs/tags'], { encoding: 'utf8' }).split('\n');
  } catch (error) {
    console.warn(`no Kong/kong clone at ${kongRepo}; OSS 0.x/1.x tags left out (${error.message.split('\n')[0]})`);
    return { byMinor: new Map(), head: undefined };
  }
  const head = execFileSync('git', ['--git-dir', kongRepo, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  const byMinor = new Map();
  for (const line of lines) {
    const [tag, date] = line.split(' ');
    if (!/^[01]\.\d+\.\d+(\.\d+)?$/.test(tag ?? '')) continue;
    const minor = tag.split('.').slice(0, 2).join('.');
    if (!byMinor.has(minor)) byMinor.set(minor, []);
    byMinor.get(minor).push({ version: tag, date });
  }
  for (const tags of byMinor.values()) tags.sort((a, b) => compareVersions(a.version, b.version));
  return { byMinor, head };
}

const factSources = facts.meta.sources.map((s) => ({
  kind: 'repo',
  ref: `${s.repo}:${s.path}@${s.ref}`,
  note: s.use,
}));

const legacy = legacyOssTags();
const minors = new Map();

for (const m of facts.minors) {
  minors.set(m.minor, {
    minor: m.minor,
    lts: Boolean(m.lts),
    legacy: false,
    releaseDate: m.releaseDate ?? null,
    endOfFullSupport: m.endOfFullSupport ?? null,
    endOfSunsetSupport: m.endOfSunsetSupport ?? null,
    // The support table lists Enterprise minors only, so a release date there means Enterprise shipped it.
    enterprise: {
      shipped: Boolean(m.releaseDate || m.firstEnterpriseVersion || m.enterprisePatches.length),
      patchesKnown: m.enterprisePatches.length > 0,
      patches: m.enterprisePatches.map((p) => ({ version: p.version, date: p.releaseDate ?? null })),
    },
    oss: m.ossTags.map((t) => ({ version: t.version, date: t.tagCommitDate ?? null })),
    discrepancies: m.discrepancies ?? [],
  });
}

for (const m of facts.legacyMinors) {
  minors.set(m.minor, {
    minor: m.minor,
    lts: false,
    legacy: true,
    releaseDate: m.releaseDate ?? null,
    endOfFullSupport: m.endOfFullSupport ?? null,
    endOfSunsetSupport: m.endOfSunsetSupport ?? null,
    enterprise: { shipped: true, patchesKnown: false, patches: [] },
    oss: [],
    discrepancies: [],
  });
}

for (const [minor, tags] of legacy.byMinor) {
  const entry = minors.get(minor) ?? {
    minor,
    lts: false,
    legacy: true,
    releaseDate: null,
    endOfFullSupport: null,
    endOfSunsetSupport: null,
    enterprise: { shipped: false, patchesKnown: false, patches: [] },
    oss: [],
    discrepancies: [],
  };
  entry.oss = tags;
  minors.set(minor, entry);
}

const sortedMinors = [...minors.values()].sort((a, b) => compareVersions(a.minor, b.minor));

// Versions the docs name (special cases, old tables) that the changelog does not list. They are
// accepted as input but never chosen as a hop, since they may never have shipped.
const docsReferenced = [
  { version: '3.1.1.1', note: 'named by the hybrid WebSocket special case of the upgrade guide; absent from the Enterprise changelog' },
  { version: '3.0.2.0', note: 'listed as the 3.0 Enterprise version by an old docs revision; absent from the Enterprise changelog' },
];

const sources = [...factSources];
if (legacy.head) sources.push({ kind: 'repo', ref: `Kong/kong:git tags 0.x and 1.x@${legacy.head}`, note: 'OSS releases before 2.0 (release candidates left out)' });
sources.push({ kind: 'digest', ref: 'kong-facts/upgrade/releases.json', note: 'research digest these facts were read from' });

const out = {
  $comment: 'Generated by scripts/build-releases.mjs; do not edit by hand.',
  snapshotDate: facts.meta.docsSnapshotDate,
  sources,
  ltsChain: facts.meta.ltsChain,
  plannedLts: facts.meta.plannedLts,
  docsReferenced,
  minors: sortedMinors,
};

mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, JSON.stringify(out, null, 2) + '\n');
console.log(`wrote ${outPath}: ${sortedMinors.length} minors`);
