// What a given Kong version does with a kong.conf key: a declared property (with default, type,
// enum...), a key claimed by a dynamic namespace (nginx_http_..., vault_...), or nothing (Kong
// ignores it). Built once from the generated data by replaying each series' per-minor steps.
//
// Two series: OSS 2.0-3.9 from Kong's code, and Enterprise 2.8, 3.0-3.15 from the documented
// reference. An Enterprise node knows the union of both up to 3.9; from 3.10 on (no OSS release)
// it knows the documented keys plus the OSS 3.9 keys the docs never listed (internal ones).

import type { FactSource } from '../../model/source';
import type { Edition } from '../../plan/types';
import { KongVersion } from '../../version/kong-version';
import { EE_UNDOCUMENTED_PROPERTIES } from './ee-undocumented';
import generated from './properties.generated.json';
import type { GeneratedConfData, NamespaceEntry, PropertyRecord, PropertySeries } from './types';

const DATA = generated as unknown as GeneratedConfData;

/** A property as one version declares it, with where that fact comes from. */
export interface PropertyFacts extends PropertyRecord {
  name: string;
  /** `code` (Kong's sources) or `docs` (the Enterprise reference only). */
  evidence: 'code' | 'docs';
  sources: FactSource[];
}

export type KeyResolution =
  | { kind: 'property'; facts: PropertyFacts }
  | { kind: 'namespace'; prefix: string; directive: string; ignored: boolean };

type SeriesState = Map<string, { record: PropertyRecord; source: string[] }>;

function replay(series: PropertySeries): Map<string, SeriesState> {
  const states = new Map<string, SeriesState>();
  let state: SeriesState = new Map();
  for (const [name, record] of Object.entries(series.baseline.properties)) state.set(name, { record, source: series.baseline.source });
  states.set(series.versions[0], state);
  for (const version of series.versions.slice(1)) {
    const step = series.steps[version];
    state = new Map(state);
    for (const name of step.removed ?? []) state.delete(name);
    for (const [name, record] of Object.entries({ ...step.added, ...step.changed })) state.set(name, { record, source: step.source });
    states.set(version, state);
  }
  return states;
}

function toSources(refs: string[]): FactSource[] {
  return refs.map((ref) => ({ kind: ref.startsWith('Kong/kong:') ? 'repo' : 'docs', ref }));
}

const minorNumber = (minor: string) => KongVersion.parse(minor);

export class ConfCatalog {
  private readonly oss = replay(DATA.oss);
  private readonly ee = replay(DATA.ee);
  readonly ossVersions = DATA.oss.versions;
  readonly eeVersions = DATA.ee.versions;
  private readonly lastOss = DATA.oss.versions[DATA.oss.versions.length - 1];
  /** directiveWriter's answers: directive key -> the property that writes it, per edition and minor. */
  private readonly writersByMinor = new Map<string, Map<string, PropertyFacts>>();

  /** Every minor the catalogue distinguishes, ascending (OSS minors, then Enterprise-only ones). */
  minors(edition: Edition): string[] {
    const extra = edition === 'enterprise' ? this.eeVersions.filter((v) => minorNumber(v).gt(minorNumber(this.lastOss))) : [];
    return [...this.ossVersions, ...extra];
  }

  /** The OSS minor whose data describes `version` (clamped to the 2.0-3.9 range). */
  private ossMinor(version: KongVersion): string {
    const key = version.minorKey;
    if (this.oss.has(key)) return key;
    return version.lt(minorNumber(this.ossVersions[0])) ? this.ossVersions[0] : this.lastOss;
  }

  /** The documented Enterprise minor for `version`; 2.x before 2.8 uses 2.8, the oldest page. */
  private eeMinor(version: KongVersion): string | undefined {
    const key = version.minorKey;
    if (this.ee.has(key)) return key;
    if (version.major === 2) return this.eeVersions[0];
    return version.gt(minorNumber(this.eeVersions[this.eeVersions.length - 1])) ? this.eeVersions[this.eeVersions.length - 1] : undefined;
  }

  /** True for versions after the last OSS release, where only the Enterprise reference speaks. */
  beyondOss(version: KongVersion): boolean {
    return version.truncate('minor').gt(minorNumber(this.lastOss));
  }

  /** The property as `version` declares it, or undefined when that version does not know the key. */
  property(name: string, version: KongVersion, edition: Edition): PropertyFacts | undefined {
    const ossEntry = this.oss.get(this.ossMinor(version))!.get(name);
    if (edition === 'oss') return ossEntry && this.facts(name, ossEntry.record, 'code', ossEntry.source);
    const eeKey = this.eeMinor(version);
    const eeEntry = eeKey ? this.ee.get(eeKey)!.get(name) : undefined;
    if (!this.beyondOss(version)) {
      if (ossEntry) return this.facts(name, ossEntry.record, 'code', ossEntry.source);
      return eeEntry ? this.facts(name, eeEntry.record, 'docs', eeEntry.source) : this.undocumented(name, version);
    }
    // 3.10 and later: the documentation decides, typing still comes from the last OSS code.
    const documentedAt39 = this.ee.get(this.lastOss)?.has(name) ?? false;
    if (eeEntry) {
      const typed = ossEntry ? { ...ossEntry.record, default: eeEntry.record.default } : eeEntry.record;
      return this.facts(name, typed, ossEntry ? 'code' : 'docs', [...eeEntry.source, ...(ossEntry?.source ?? [])]);
    }
    if (ossEntry && !documentedAt39) return this.facts(name, ossEntry.record, 'code', ossEntry.source);
    return undefined;
  }

  /** An Enterprise key the reference never listed but Kong's own instructions set (ee-undocumented.ts). */
  private undocumented(name: string, version: KongVersion): PropertyFacts | undefined {
    const entry = EE_UNDOCUMENTED_PROPERTIES.find((p) => p.name === name);
    const minor = version.truncate('minor');
    if (!entry || (entry.addedIn && minor.lt(minorNumber(entry.addedIn))) || (entry.removedIn && minor.gte(minorNumber(entry.removedIn)))) return undefined;
    return { name, ...entry.record, evidence: 'docs', sources: entry.sources };
  }

  private facts(name: string, record: PropertyRecord, evidence: 'code' | 'docs', source: string[]): PropertyFacts {
    return { name, ...record, evidence, sources: toSources(source) };
  }

  /** The dynamic namespaces of a version, in the order Kong tries them. */
  namespaces(version: KongVersion, edition: Edition): NamespaceEntry[] {
    const minor = this.ossMinor(version);
    const entry = [...DATA.namespaces].reverse().find((ns) => minorNumber(ns.from).lte(minorNumber(minor)));
    const prefixes = entry ? [...entry.prefixes] : [];
    // The Enterprise reference also documents a Debug API server block (nginx_debug_).
    if (edition === 'enterprise') prefixes.unshift({ prefix: 'nginx_debug_' });
    return prefixes;
  }

  /** What `version` does with a key: property, namespace, or undefined (ignored). */
  resolve(name: string, version: KongVersion, edition: Edition): KeyResolution | undefined {
    const facts = this.property(name, version, edition);
    if (facts) return { kind: 'property', facts };
    const ns = this.namespaces(version, edition).find((n) => name.startsWith(n.prefix) && name.length > n.prefix.length);
    if (!ns) return undefined;
    const directive = name.slice(ns.prefix.length);
    return { kind: 'namespace', prefix: ns.prefix, directive, ignored: ns.ignore?.includes(directive) ?? false };
  }

  /**
   * True when `version` takes the key into account: a property, a namespace key that is injected,
   * or one the namespace skips only because Kong writes that directive itself from the key's
   * value (3.4+: nginx_http_lua_ssl_protocols is left out of the injected list and rendered by
   * nginx-kong-inject.conf instead; Kong's conf_loader spec keeps a user's value there).
   */
  isEffective(name: string, version: KongVersion, edition: Edition): boolean {
    const r = this.resolve(name, version, edition);
    if (r === undefined) return false;
    if (r.kind !== 'namespace' || !r.ignored) return true;
    return this.directiveWriter(name, version, edition) !== undefined;
  }

  /**
   * The property of `version` that writes the directive key `name` itself (its `directives`
   * list: lua_ssl_protocols writes nginx_http_lua_ssl_protocols), or undefined.
   */
  directiveWriter(name: string, version: KongVersion, edition: Edition): PropertyFacts | undefined {
    // Asked once per unset directive default on the path: an Enterprise 3.4 -> 3.9 check asked
    // ~100 times, each walking every property (~30 ms of a 250 ms start). One table per minor.
    const key = `${edition}|${version.minorKey}`;
    let writers = this.writersByMinor.get(key);
    if (writers === undefined) {
      writers = new Map();
      for (const property of this.names(version, edition)) {
        const facts = this.property(property, version, edition);
        for (const directive of facts?.directives ?? []) if (!writers.has(directive)) writers.set(directive, facts!);
      }
      this.writersByMinor.set(key, writers);
    }
    return writers.get(name);
  }

  /**
   * The minor in (from, to] where the key stopped being effective for the last time, as `3.0`;
   * undefined when it is still effective at `to` or was never effective after `from`.
   */
  lostIn(name: string, from: KongVersion, to: KongVersion, edition: Edition): string | undefined {
    if (this.isEffective(name, to, edition)) return undefined;
    let lost: string | undefined;
    let previous = this.isEffective(name, from, edition);
    for (const minor of this.minors(edition)) {
      const v = minorNumber(minor);
      if (v.lte(from.truncate('minor')) || v.gt(to)) continue;
      const now = this.isEffective(name, v, edition);
      if (previous && !now) lost = minor;
      previous = now;
    }
    return lost;
  }

  /** Every property name `version` declares (namespaces excluded), for suggestions. */
  names(version: KongVersion, edition: Edition): string[] {
    const names = new Set(this.oss.get(this.ossMinor(version))!.keys());
    if (edition === 'enterprise') {
      const eeKey = this.eeMinor(version);
      if (eeKey) for (const n of this.ee.get(eeKey)!.keys()) names.add(n);
    }
    return [...names].filter((n) => this.property(n, version, edition) !== undefined).sort();
  }

  /** The minors in which some series declares the key, for "it existed in ..." messages. */
  knownIn(name: string, edition: Edition): string[] {
    return this.minors(edition).filter((m) => this.property(name, minorNumber(m), edition) !== undefined);
  }

  /** Schema entries of a minor that Kong declares but drops at load time (router_consistency in 2.1+). */
  schemaOnly(name: string, version: KongVersion): PropertyRecord | undefined {
    return DATA.oss.schemaOnly[this.ossMinor(version)]?.[name];
  }

  /** The defaults of consecutive minors of one series, for computing default changes. */
  defaultSteps(edition: Edition): { version: string; name: string; from: string | null; to: string | null; evidence: 'code' | 'docs'; sources: FactSource[] }[] {
    const events: ReturnType<ConfCatalog['defaultSteps']> = [];
    const collect = (states: Map<string, SeriesState>, versions: string[], evidence: 'code' | 'docs') => {
      for (let i = 1; i < versions.length; i++) {
        const before = states.get(versions[i - 1])!;
        const after = states.get(versions[i])!;
        for (const [name, { record, source }] of after) {
          const old = before.get(name);
          if (old && old.record.default !== record.default) {
            events.push({ version: versions[i], name, from: old.record.default, to: record.default, evidence, sources: toSources(source) });
          }
        }
      }
    };
    collect(this.oss, this.ossVersions, 'code');
    if (edition === 'enterprise') {
      // Only the documentation era after the last OSS release: earlier docs pages are known to
      // mix in patch backports, and the code is the better witness there.
      const docsEra = this.eeVersions.filter((v) => minorNumber(v).gte(minorNumber(this.lastOss)));
      collect(this.ee, docsEra, 'docs');
    }
    return events;
  }
}

/** The shared catalogue; building it replays ~25 small steps, done once per process. */
let shared: ConfCatalog | undefined;
export function confCatalog(): ConfCatalog {
  shared ??= new ConfCatalog();
  return shared;
}
