// The fields an entity of a declarative file ends up with when what configures it is written in
// more than one place: a service's `url` shorthand, a decK `_plugin_configs` entry a plugin names
// with `_config`, and decK `_info.defaults`. Rules must judge the values Kong receives, and point
// at the text that holds each one. Only entities that use one of these get a merged copy; every
// other entity keeps its parsed record as is, so a file without them pays nothing.

import type { EntityType, FieldPath } from '../../model/entities';
import type { DeclarativeDocument, DeclarativeFlavor } from './types';
import { isRecord } from '../../model/field-paths';

type Fields = Readonly<Record<string, unknown>>;

/** Entity types decK's `_info.defaults` can fill (go-database-reconciler pkg/file/types.go KongDefaults). */
const DEFAULTED_TYPES = ['service', 'route', 'upstream', 'target'] as const;
type DefaultedType = (typeof DEFAULTED_TYPES)[number];

/** A value written in one document at one path. */
interface Written<T> {
  value: T;
  document: DeclarativeDocument;
  path: readonly (string | number)[];
}

/**
 * The decK features of a set of documents read as one state. decK merges several state files into
 * one before it builds anything (pkg/file/readfile.go, mergo without override): a name or a field
 * defined twice keeps its first definition.
 */
export interface DeckShared {
  pluginConfigs: ReadonlyMap<string, Written<Fields>>;
  defaults: ReadonlyMap<DefaultedType, ReadonlyMap<string, Written<unknown>>>;
}

/** The decK features the documents use; undefined when none does (the usual case). */
export function readDeckShared(documents: readonly DeclarativeDocument[]): DeckShared | undefined {
  const pluginConfigs = new Map<string, Written<Fields>>();
  const defaults = new Map<DefaultedType, Map<string, Written<unknown>>>();
  for (const document of documents) {
    // Kong reads neither key: in a file Kong loads itself they configure nothing.
    if (document.flavor !== 'deck') continue;
    const configs = document.root._plugin_configs;
    if (isRecord(configs)) {
      for (const name of Object.keys(configs)) {
        const config = configs[name];
        if (isRecord(config) && !pluginConfigs.has(name)) pluginConfigs.set(name, { value: config, document, path: ['_plugin_configs', name] });
      }
    }
    const info = document.root._info;
    const byType = isRecord(info) && isRecord(info.defaults) ? info.defaults : undefined;
    if (!byType) continue;
    for (const type of DEFAULTED_TYPES) {
      const values = byType[type];
      if (!isRecord(values)) continue;
      let fields = defaults.get(type);
      if (!fields) defaults.set(type, (fields = new Map()));
      for (const key of Object.keys(values)) {
        if (!fields.has(key) && !isUnset(values[key])) fields.set(key, { value: values[key], document, path: ['_info', 'defaults', type, key] });
      }
    }
  }
  return pluginConfigs.size > 0 || defaults.size > 0 ? { pluginConfigs, defaults } : undefined;
}

/** An entity's fields merged from the places that configure it, with what is needed to find each value again. */
export interface LayeredFields {
  /** The merged fields, as Kong receives them. */
  fields: Fields;
  /** The entity's record as written. */
  written: Fields;
  /** `url` set these fields; `wins` when they override the written ones. */
  url?: { values: Fields; wins: boolean };
  /** The decK `_plugin_configs` entry merged under the plugin's own `config`. */
  sharedConfig?: Written<Fields>;
  /** decK `_info.defaults` for the entity's type. */
  defaults?: ReadonlyMap<string, Written<unknown>>;
}

/**
 * The merged fields of one entity, or undefined when nothing applies to it. Cheap to ask: a plain
 * route or plugin returns at the first test.
 */
export function layeredFields(
  type: EntityType,
  record: Fields,
  flavor: DeclarativeFlavor,
  shared: DeckShared | undefined,
): LayeredFields | undefined {
  const url = type === 'service' && typeof record.url === 'string' ? serviceUrlFields(record.url, flavor) : undefined;
  const defaults = shared?.defaults.get(type as DefaultedType);
  const configName = type === 'plugin' && shared && typeof record._config === 'string' ? record._config : undefined;
  const sharedConfig = configName !== undefined ? shared!.pluginConfigs.get(configName) : undefined;
  if (!url && !defaults && !sharedConfig) return undefined;

  // Object.assign, not a spread: adding keys to a spread copy took ~10 µs per service (V8).
  const fields: Record<string, unknown> = Object.assign({}, record);
  const layered: LayeredFields = { fields, written: record };
  if (url) {
    // Kong applies a shorthand that is not deprecated over the fields (kong/db/schema/init.lua@3.9.3,
    // and unconditionally @2.8.5); decK fills only the fields the service leaves unset
    // (go-database-reconciler pkg/file/types.go copyFromService).
    const wins = flavor === 'kong';
    for (const key of Object.keys(url)) if (wins || record[key] == null) fields[key] = url[key];
    layered.url = { values: url, wins };
  }
  if (defaults) {
    // decK's defaulter fills what the state leaves empty (pkg/utils/defaulter.go, mergo.Merge).
    for (const [key, written] of defaults) if (isUnset(fields[key])) fields[key] = written.value;
    layered.defaults = defaults;
  }
  if (sharedConfig) {
    // decK merges the named config under the plugin's own, key by key at every depth, the plugin's
    // values winning (pkg/file/builder.go fillPluginConfig, mergePluginConfig).
    fields.config = mergeUnder(isRecord(record.config) ? record.config : {}, sharedConfig.value);
    layered.sharedConfig = sharedConfig;
  }
  return layered;
}

/**
 * Where the value at `path` is written: which document, and where in it. A field written nowhere
 * goes to the entity itself, except that `beside` (a field of the same entity) can name a value
 * whose place the new field should share: a renamed field moved out of a decK `_plugin_configs`
 * entry stays in that entry.
 */
export function placeOf(
  layered: LayeredFields,
  own: { document: DeclarativeDocument; path: readonly (string | number)[] },
  path: FieldPath,
  beside: FieldPath = path,
): { document: DeclarativeDocument; path: (string | number)[] } {
  const key = beside[0];
  const ownPlace = { document: own.document, path: own.path.concat(path) };
  if (typeof key !== 'string') return ownPlace;
  const { written, url, defaults, sharedConfig } = layered;
  if (url && Object.prototype.hasOwnProperty.call(url.values, key) && (url.wins || written[key] == null)) {
    return { document: own.document, path: own.path.concat('url') };
  }
  if (sharedConfig && key === 'config' && inSharedConfig(written.config, sharedConfig.value, beside)) {
    return { document: sharedConfig.document, path: sharedConfig.path.concat(path.slice(1)) };
  }
  const fallback = defaults?.get(key);
  if (fallback && isUnset(written[key]) && !(url && Object.prototype.hasOwnProperty.call(url.values, key))) {
    return { document: fallback.document, path: fallback.path.concat(path.slice(1)) };
  }
  return ownPlace;
}

/** True when `path` (`config`, ...) reaches a value the plugin's own config does not write and the shared one does. */
function inSharedConfig(ownConfig: unknown, sharedConfig: Fields, path: FieldPath): boolean {
  let mine: unknown = isRecord(ownConfig) ? ownConfig : {};
  let theirs: unknown = sharedConfig;
  if (path.length === 1) return !isRecord(ownConfig);
  for (let i = 1; i < path.length; i++) {
    const step = path[i];
    if (!isRecord(mine) || typeof step !== 'string') return false;
    if (!Object.prototype.hasOwnProperty.call(mine, step)) return isRecord(theirs) && Object.prototype.hasOwnProperty.call(theirs, step);
    mine = mine[step];
    theirs = isRecord(theirs) ? theirs[step] : undefined;
    // A value the plugin writes, and that is not a record to merge into, hides the shared one.
    if (!isRecord(mine) || !isRecord(theirs)) return false;
  }
  return false;
}

/** `own` with every key of `shared` it lacks, records merged at every depth; neither is changed. */
function mergeUnder(own: Fields, shared: Fields): Fields {
  const out: Record<string, unknown> = Object.assign({}, own);
  for (const key of Object.keys(shared)) {
    if (!Object.prototype.hasOwnProperty.call(own, key)) out[key] = shared[key];
    else if (isRecord(own[key]) && isRecord(shared[key])) out[key] = mergeUnder(own[key] as Fields, shared[key] as Fields);
  }
  return out;
}

/**
 * The fields a service's `url` sets. Kong splits the URL as LuaSocket's url.parse does and fills
 * the gaps (kong/db/schema/entities/services.lua@3.9.3 and @2.8.5, the `url` shorthand): no scheme
 * means https for port 443 and http otherwise, no port means 443 for https and 80 otherwise. decK
 * splits it itself first (go-database-reconciler pkg/file/types.go unwrapURL): Go lowercases the
 * scheme and refuses a URL without one, and the port is 443 for https and 80 for anything else.
 */
export function serviceUrlFields(url: string, flavor: DeclarativeFlavor): Fields | undefined {
  const parts = splitUrl(url);
  if (!parts) return undefined;
  const portNumber = parts.port !== undefined && /^\d+$/.test(parts.port) ? Number(parts.port) : undefined;
  if (flavor === 'deck') {
    if (parts.scheme === undefined) return undefined;
    const protocol = parts.scheme.toLowerCase();
    return {
      protocol,
      port: portNumber ?? (protocol === 'https' ? 443 : 80),
      ...(parts.host !== undefined ? { host: parts.host } : {}),
      ...(parts.path !== undefined ? { path: parts.path } : {}),
    };
  }
  const protocol = parts.scheme ?? (portNumber === 443 ? 'https' : 'http');
  return {
    protocol,
    host: parts.host ?? null,
    port: portNumber ?? (protocol === 'https' ? 443 : 80),
    path: parts.path ?? null,
  };
}

interface UrlParts {
  scheme?: string;
  host?: string;
  port?: string;
  path?: string;
}

/** scheme://userinfo@host:port/path;params?query#fragment, split the way LuaSocket's url.parse does. */
function splitUrl(url: string): UrlParts | undefined {
  let rest = /\s/.test(url) ? url.replace(/\s/g, '') : url;
  if (rest === '') return undefined;
  const parts: UrlParts = {};
  const fragment = rest.indexOf('#');
  if (fragment !== -1) rest = rest.slice(0, fragment);
  const scheme = /^([A-Za-z0-9][A-Za-z0-9+.-]*):/.exec(rest);
  if (scheme) {
    parts.scheme = scheme[1];
    rest = rest.slice(scheme[0].length);
  }
  let authority: string | undefined;
  const slashes = /^\/\/([^/?#]*)/.exec(rest);
  if (slashes) {
    authority = slashes[1];
    rest = rest.slice(slashes[0].length);
  }
  for (const mark of ['?', ';']) {
    const at = rest.indexOf(mark);
    if (at !== -1) rest = rest.slice(0, at);
  }
  if (rest !== '') parts.path = rest;
  if (authority !== undefined) {
    const at = authority.indexOf('@');
    let host = at === -1 ? authority : authority.slice(at + 1);
    const port = /:([^:\]]*)$/.exec(host);
    if (port) {
      parts.port = port[1];
      host = host.slice(0, port.index);
    }
    if (host !== '') parts.host = host.replace(/^\[(.+)\]$/, '$1');
  }
  return parts;
}

/** What decK's defaulter treats as empty: absent, null, or an empty list. */
function isUnset(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}
