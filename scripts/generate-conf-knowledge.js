#!/usr/bin/env node
// Builds src/knowledge/conf/properties.generated.json from the research digests in
// /work/shared/kong-facts/conf (or the folder given as the first argument).
//
// Why a generated file: the digests hold one full copy of kong.conf per version (25 copies,
// ~600 KB). The linter needs the same facts as a baseline plus per-version differences, which is
// a tenth of the size, loads fast and reads well in a diff when the digests are refreshed.
// Runtime code never reads /work/shared; only this script does, and its output is committed.
//
// Usage: node scripts/generate-conf-knowledge.js [facts-dir] [out-file]

'use strict';

const fs = require('fs');
const path = require('path');

const factsDir = process.argv[2] || '/work/shared/kong-facts/conf';
const outFile = process.argv[3] || path.join(__dirname, '..', 'src', 'knowledge', 'conf', 'properties.generated.json');

function readJson(name) {
  return JSON.parse(fs.readFileSync(path.join(factsDir, name), 'utf8'));
}

/** `NONE` and an empty template value both mean "unset" at run time (parsing.md section 5). */
function normaliseDefault(value) {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' || text === 'NONE' ? null : text;
}

function minorOf(tag) {
  return tag.split('.').slice(0, 2).join('.');
}

/** One property as the linter keeps it; fields left out mean "none" (untyped string, no enum...). */
function ossRecord(defaultValue, typed) {
  const record = { default: normaliseDefault(defaultValue) };
  if (!typed) return record;
  if (typed.typ) record.type = typed.typ;
  if (typed.enum) record.enum = typed.enum;
  if (typed.alias && typed.alias.replacement) record.alias = typed.alias.replacement;
  if (typed.deprecated) {
    const dep = {};
    if (typed.deprecated.replacement !== undefined) dep.replacement = typed.deprecated.replacement;
    if (typed.deprecated.value !== undefined) dep.value = typed.deprecated.value;
    // A deprecation with an alias function (or a pure alias) still copies the value over.
    if (typed.deprecated.alias !== undefined || (typed.alias && typed.alias.replacement)) dep.valueCarriesOver = true;
    record.deprecated = dep;
  }
  if (typed.directives) record.directives = typed.directives;
  return record;
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** Turns full per-version property maps into a baseline and per-version differences. */
function toSeries(versions, recordsByVersion, sourcesByVersion) {
  const [first, ...rest] = versions;
  const steps = {};
  let previous = recordsByVersion[first];
  for (const version of rest) {
    const current = recordsByVersion[version];
    const added = {};
    const changed = {};
    const removed = [];
    for (const [name, record] of Object.entries(current)) {
      if (!(name in previous)) added[name] = record;
      else if (!same(previous[name], record)) changed[name] = record;
    }
    for (const name of Object.keys(previous)) if (!(name in current)) removed.push(name);
    const step = { source: sourcesByVersion[version] };
    if (Object.keys(added).length) step.added = added;
    if (Object.keys(changed).length) step.changed = changed;
    if (removed.length) step.removed = removed.sort();
    steps[version] = step;
    previous = current;
  }
  return { versions, baseline: { source: sourcesByVersion[first], properties: recordsByVersion[first] }, steps };
}

// ---------------------------------------------------------------------------------------------
// OSS: kong_defaults.lua (which keys exist, defaults) + conf_loader typing, 2.0 to 3.9.

const defaults = readJson('properties-by-version.json');
const typed = readJson('typed-schema-by-version.json');
const ossTags = Object.keys(defaults);
const ossVersions = ossTags.map(minorOf);
const ossRecords = {};
const ossSources = {};
const ossTagOf = {};
for (const tag of ossTags) {
  const minor = minorOf(tag);
  ossTagOf[minor] = tag;
  const schema = typed[tag].properties;
  const records = {};
  // Only keys of kong_defaults.lua are kept by Kong (parsing.md section 3); schema-only keys
  // such as router_consistency in 2.1+ are ignored at load time, so they are not "known".
  for (const [name, value] of Object.entries(defaults[tag])) records[name] = ossRecord(value, schema[name]);
  ossRecords[minor] = records;
  const loader = typed[tag]._source.replace(/^Kong\/kong (\S+) @ (\S+).*$/, 'Kong/kong:$1@$2');
  ossSources[minor] = [`Kong/kong:kong/templates/kong_defaults.lua@${tag}`, loader];
}

// Schema-only aliases (deprecated names missing from the defaults) are facts the renamed-property
// rule needs even though Kong ignores the keys: keep them per version apart from the known keys.
const ossSchemaOnly = {};
for (const tag of ossTags) {
  const extra = {};
  for (const [name, schema] of Object.entries(typed[tag].properties)) {
    if (!(name in defaults[tag])) extra[name] = ossRecord(null, schema);
  }
  if (Object.keys(extra).length) ossSchemaOnly[minorOf(tag)] = extra;
}

// ---------------------------------------------------------------------------------------------
// Enterprise: the documented kong.conf reference per minor (2.8, 3.0 to 3.15). Docs list
// defaults only. Docs presence flaps (a key vanishes for a few minors and comes back); a gap
// between two documented minors is treated as documented, and recorded, because Kong does not
// drop and re-add properties (conf-changes.md, "docs noise").

const eeDocs = readJson('ee-docs-properties-by-version.json');
const eeVersions = Object.keys(eeDocs);
const eeRecords = {};
const eeSources = {};
for (const version of eeVersions) {
  eeRecords[version] = {};
  for (const [name, value] of Object.entries(eeDocs[version].properties)) {
    eeRecords[version][name] = { default: normaliseDefault(value) };
  }
  const src = eeDocs[version]._source;
  const m = /^Kong\/(\S+) (\S+) @ (\S+)/.exec(src);
  eeSources[version] = [m ? `Kong/${m[1]}:${m[2]}@${m[3]}` : src];
}
const gapsFilled = {};
const allEeNames = new Set(eeVersions.flatMap((v) => Object.keys(eeRecords[v])));
for (const name of allEeNames) {
  const present = eeVersions.map((v) => name in eeRecords[v]);
  const firstIdx = present.indexOf(true);
  const lastIdx = present.lastIndexOf(true);
  for (let i = firstIdx + 1; i < lastIdx; i++) {
    if (present[i]) continue;
    const version = eeVersions[i];
    // Carry the last documented record into the gap.
    const before = eeVersions.slice(0, i).reverse().find((v) => name in eeRecords[v]);
    eeRecords[version][name] = eeRecords[before][name];
    (gapsFilled[name] = gapsFilled[name] || []).push(version);
  }
}

// ---------------------------------------------------------------------------------------------
// Dynamic key namespaces (nginx_*_, pluginserver_, vault_): an ordered prefix list per version,
// stored only where it changes.

const namespacesRaw = readJson('dynamic-namespaces-by-version.json');
const namespaces = [];
for (const tag of Object.keys(namespacesRaw)) {
  const prefixes = namespacesRaw[tag].namespaces.map((ns) => {
    const entry = { prefix: ns.prefix };
    if (ns.ignore && !ns.ignore.expr) entry.ignore = Object.keys(ns.ignore).sort();
    return entry;
  });
  const last = namespaces[namespaces.length - 1];
  if (last && same(last.prefixes, prefixes)) continue;
  const loader = namespacesRaw[tag]._source.replace(/^Kong\/kong (\S+) @ (\S+).*$/, 'Kong/kong:$1@$2');
  namespaces.push({ from: minorOf(tag), prefixes, sources: [loader] });
}

const output = {
  $comment: 'Generated by scripts/generate-conf-knowledge.js from the kong-facts digests; do not edit by hand.',
  oss: {
    ...toSeries(ossVersions, ossRecords, ossSources),
    tags: ossTagOf,
    schemaOnly: ossSchemaOnly,
  },
  ee: {
    ...toSeries(eeVersions, eeRecords, eeSources),
    gapsFilled,
  },
  namespaces,
};

fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, JSON.stringify(output) + '\n');
console.log(`wrote ${outFile} (${fs.statSync(outFile).size} bytes)`);
