// Facts about Kong's stock nginx templates: fingerprints (line hashes per release) and the
// elements each stock file contains per minor. Both JSON files are generated from the research
// digests by scripts/generate-nginx-facts.js and hold no template text.
//
// The ~390 KB of facts are read on first use: every check loads the nginx rules for their
// metadata, but only a check given a template compares against the stock files (start-up cost).
// The `typeof import(...)` casts keep both files in the compiled program, so the build copies them.

import type { FactSource } from '../model/source';
import { KongVersion } from '../version/kong-version';
import sourcesData from './nginx/sources.json';

/** Kong's template files, named as in kong/templates/, plus `inlined` (nginx.lua with the http/stream content pasted in). */
export type StockFile =
  | 'nginx.lua' | 'nginx_kong.lua' | 'nginx_kong_stream.lua' | 'nginx_inject.lua'
  | 'nginx_kong_inject.lua' | 'nginx_kong_stream_inject.lua' | 'nginx_kong_gui_include.lua' | 'inlined';

/** What each stock file renders to in Kong's prefix, for messages. */
export const RENDERS_TO: Record<StockFile, string> = {
  'nginx.lua': 'nginx.conf',
  'nginx_kong.lua': 'nginx-kong.conf',
  'nginx_kong_stream.lua': 'nginx-kong-stream.conf',
  'nginx_inject.lua': 'nginx-inject.conf',
  'nginx_kong_inject.lua': 'nginx-kong-inject.conf',
  'nginx_kong_stream_inject.lua': 'nginx-kong-stream-inject.conf',
  'nginx_kong_gui_include.lua': 'nginx-kong-gui-include.conf',
  inlined: 'nginx.conf (http/stream content inlined)',
};

export interface StockVariant {
  file: StockFile;
  /** Release tags whose stock file normalises to exactly this text. */
  tags: string[];
  sha256: string;
  /** Line hashes in file order. */
  lines: string[];
}

interface FingerprintData {
  normalization: string;
  sources: FactSource[];
  hashes: string[];
  variants: { file: string; tags: string[]; sha256: string; lines: number[] }[];
}

const nginxSources = sourcesData as { fingerprints: FactSource[]; elements: FactSource[] };

export const FINGERPRINT_SOURCES: FactSource[] = nginxSources.fingerprints;

let variantsCache: readonly StockVariant[] | undefined;

/** Every stock file variant, with its line hashes. */
export function stockVariants(): readonly StockVariant[] {
  if (!variantsCache) {
    const fingerprints = require('./nginx/fingerprints.json') as typeof import('./nginx/fingerprints.json') as FingerprintData;
    variantsCache = fingerprints.variants.map((v) => ({
      file: v.file as StockFile,
      tags: v.tags,
      sha256: v.sha256,
      lines: v.lines.map((i) => fingerprints.hashes[i]),
    }));
  }
  return variantsCache;
}

/** Elements of one stock file (contexts use nginx block paths: `http>server>location`). */
export interface StockFileElements {
  dicts: { context: string; name: string; size: string; when?: string[] }[];
  includes: { context: string; target: string; when?: string[] }[];
  handlers: { context: string; phase: string; calls: string[]; when?: string[] }[];
  servers: { name: string; when?: string[] }[];
  locations: { path: string; when?: string[] }[];
  upstreams: string[];
  injectionLists: string[];
  directives: Record<string, string[]>;
  placeholders: string[];
}

export interface StockMinorElements {
  /** The tag the elements were read at (latest of the minor). */
  tag: string;
  /** Shared dicts kong/init.lua insists on at start-up (stream prefixes them with `stream_`). */
  requiredDicts: string[];
  /** kong.conf prefixes and the template loop each feeds, in Kong's matching order (first match wins). */
  namespaces: { prefix: string; list: string }[];
  files: Partial<Record<StockFile, StockFileElements>>;
}

interface ElementData {
  sources: FactSource[];
  versions: Record<string, StockMinorElements>;
}

export const ELEMENT_SOURCES: FactSource[] = nginxSources.elements;

let elementTable: { versions: ElementData['versions']; minors: { minor: string; version: KongVersion }[] } | undefined;

function elements(): NonNullable<typeof elementTable> {
  if (!elementTable) {
    const { versions } = require('./nginx/elements.json') as typeof import('./nginx/elements.json') as unknown as ElementData;
    const minors = Object.keys(versions)
      .map((m) => ({ minor: m, version: KongVersion.parse(m) }))
      .sort((a, b) => a.version.compare(b.version));
    elementTable = { versions, minors };
  }
  return elementTable;
}

/**
 * Stock elements for the minor of `version`. Versions past the newest researched minor get the
 * newest one (templates change slowly), versions before 2.0 get undefined.
 */
export function stockElements(version: KongVersion): StockMinorElements | undefined {
  const { versions, minors } = elements();
  let found: StockMinorElements | undefined;
  for (const { minor, version: v } of minors) {
    if (v.major < version.major || (v.major === version.major && v.minor <= version.minor)) found = versions[minor];
  }
  return found;
}

/**
 * The newest minor whose stock templates were researched (3.9: Kong's repository has no later
 * tag); targets past it are judged against its templates.
 */
export function newestStockMinor(): KongVersion {
  const { minors } = elements();
  return minors[minors.length - 1].version;
}

/** Every researched minor, oldest first, with its elements. */
export function stockMinors(): { minor: KongVersion; elements: StockMinorElements }[] {
  const { versions, minors } = elements();
  return minors.map(({ minor, version }) => ({ minor: version, elements: versions[minor] }));
}
