// Facts about Kong's stock nginx templates: fingerprints (line hashes per release) and the
// elements each stock file contains per minor. Both JSON files are generated from the research
// digests by scripts/generate-nginx-facts.js and hold no template text.

import type { FactSource } from '../model/source';
import { KongVersion } from '../version/kong-version';
import fingerprintData from './nginx/fingerprints.json';
import elementData from './nginx/elements.json';

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

const fingerprints = fingerprintData as FingerprintData;

export const FINGERPRINT_NORMALIZATION = fingerprints.normalization;
export const FINGERPRINT_SOURCES: FactSource[] = fingerprints.sources;

export const STOCK_VARIANTS: readonly StockVariant[] = fingerprints.variants.map((v) => ({
  file: v.file as StockFile,
  tags: v.tags,
  sha256: v.sha256,
  lines: v.lines.map((i) => fingerprints.hashes[i]),
}));

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

const elements = elementData as unknown as ElementData;

export const ELEMENT_SOURCES: FactSource[] = elements.sources;

const MINORS = Object.keys(elements.versions)
  .map((m) => ({ minor: m, version: KongVersion.parse(m) }))
  .sort((a, b) => a.version.compare(b.version));

/**
 * Stock elements for the minor of `version`. Versions past the newest researched minor get the
 * newest one (templates change slowly), versions before 2.0 get undefined.
 */
export function stockElements(version: KongVersion): StockMinorElements | undefined {
  let found: StockMinorElements | undefined;
  for (const { minor, version: v } of MINORS) {
    if (v.major < version.major || (v.major === version.major && v.minor <= version.minor)) found = elements.versions[minor];
  }
  return found;
}

/** Every researched minor, oldest first, with its elements. */
export function stockMinors(): { minor: KongVersion; elements: StockMinorElements }[] {
  return MINORS.map(({ minor, version }) => ({ minor: version, elements: elements.versions[minor] }));
}
