// Walks declarative documents into the shared entity model: top-level collections and the
// collections Kong (and decK) let you nest (routes in services, plugins in services, routes,
// consumers and consumer groups, targets in upstreams, snis in certificates, keys in key sets).
// A consumer group's `plugins` are Enterprise overrides, not plugins, where decK syncs them so
// (nestedCollectionsOf).
// An entity configured from elsewhere too (a service `url`, decK `_config` and `_info.defaults`)
// sees its merged fields; see layered-fields.ts.

import type { Entity, EntityParent, EntityParents as Parents, EntityRef, EntitySource, EntityType, FieldPath } from '../../model/entities';
import { InputError } from '../../errors';
import type { Origin } from '../../model/origin';
import { layeredFields, placeOf, readDeckShared, type DeckShared, type LayeredFields } from './layered-fields';
import type { DeclarativeDocument } from './types';
import { isRecord } from '../../model/field-paths';
import { KongVersion } from '../../version/kong-version';

type Parent = EntityParent;

/** Top-level collection name -> entity type (`vaults_beta` is 2.8's name for `vaults`). */
const TOP_LEVEL: Readonly<Record<string, EntityType | 'consumer_group'>> = {
  services: 'service', routes: 'route', plugins: 'plugin', consumers: 'consumer', upstreams: 'upstream',
  targets: 'target', certificates: 'certificate', ca_certificates: 'ca_certificate', snis: 'sni',
  vaults: 'vault', vaults_beta: 'vault', keys: 'key', key_sets: 'key_set', workspaces: 'workspace',
  licenses: 'license', consumer_groups: 'consumer_group', partials: 'partial',
  // Kong's own format only: Enterprise lists consumer_group_plugins among its entities, and the
  // declarative schema gives every entity a top-level list (declarative_config.lua@FTI-6378).
  consumer_group_plugins: 'consumer_group_plugin',
};

type NestedCollections = Readonly<Partial<Record<EntityType | 'consumer_group', Readonly<Record<string, EntityType>>>>>;

/**
 * Collections nested inside an entity of a type. Kong's format nests a child under the name of
 * its entity (declarative_config.lua@FTI-6378, nest_foreign_relationships): under a consumer
 * group, `plugins` are plugins scoped to it (their consumer_group foreign key, plugins.lua) and
 * `consumer_group_plugins` are the Enterprise overrides.
 */
const NESTED: NestedCollections = {
  service: { routes: 'route', plugins: 'plugin' },
  route: { plugins: 'plugin' },
  consumer: { plugins: 'plugin' },
  consumer_group: { plugins: 'plugin', consumer_group_plugins: 'consumer_group_plugin' },
  upstream: { targets: 'target' },
  certificate: { snis: 'sni' },
  key_set: { keys: 'key' },
};

/**
 * The same for a decK file that decK syncs as overrides: its `consumer_groups[].plugins` are
 * kong.ConsumerGroupPlugin (go-database-reconciler pkg/file/types.go FConsumerGroupObject), sent
 * to /consumer_groups/{id}/overrides/plugins/{name}, their config the override's four fields.
 */
const NESTED_DECK_OVERRIDES: NestedCollections = {
  ...NESTED,
  consumer_group: { plugins: 'consumer_group_plugin', consumer_group_plugins: 'consumer_group_plugin' },
};

export class DeclarativeEntity implements Entity {
  readonly sourceKind = 'declarative' as const;
  readonly id?: string;
  readonly name?: string;
  readonly workspace?: string;
  /** The fields Kong receives: the record as written, merged with what `layered` adds. */
  readonly fields: Readonly<Record<string, unknown>>;
  parents?: Parents;

  constructor(
    readonly type: EntityType,
    written: Readonly<Record<string, unknown>>,
    private readonly document: DeclarativeDocument,
    /** The path of the collection holding the entity, shared by its siblings. */
    private readonly collectionPath: readonly (string | number)[],
    private readonly index: number,
    /** Set only for an entity configured from elsewhere too (service `url`, decK `_config`, `_info.defaults`). */
    private readonly layered?: LayeredFields,
  ) {
    const fields = layered ? layered.fields : written;
    this.fields = fields;
    if (typeof fields.id === 'string') this.id = fields.id;
    const handle = entityHandle(type, fields);
    if (handle !== undefined) this.name = handle;
    if (document.workspace) this.workspace = document.workspace.value;
  }

  /** Where the entity sits in its document: `['services', 0, 'routes', 2]` (for --fix-output). */
  get documentPath(): (string | number)[] {
    return this.collectionPath.concat(this.index);
  }

  /**
   * Where a field's value is written in the entity's document (for --fix-output, which converts
   * one file): in the entity, or in the decK `_plugin_configs` entry or `_info.defaults` it
   * takes the value from. A field written nowhere belongs to the entity, or, given `beside`, to
   * the place that field is written in (a renamed field stays in its shared config).
   */
  documentPathOf(path: FieldPath, beside?: FieldPath): (string | number)[] {
    if (!this.layered || path.length === 0) return this.collectionPath.concat(this.index, path);
    return placeOf(this.layered, { document: this.document, path: this.documentPath }, path, beside).path;
  }

  get pathsMigratedOnLoad(): boolean {
    return this.document.kongMigratesOnLoad;
  }

  get pathsWrittenFor3x(): boolean {
    return this.document.formatVersion?.value === '3.0';
  }

  get origin(): Origin {
    return this.document.at(this.documentPath);
  }

  at(path: FieldPath = []): Origin {
    if (!this.layered || path.length === 0) return this.document.at(this.collectionPath.concat(this.index, path));
    const place = placeOf(this.layered, { document: this.document, path: this.documentPath }, path);
    return place.document.at(place.path);
  }
}

/**
 * The workspace a decK file's `_workspace` names: decK creates it when missing and syncs the
 * file's entities into it (deck cmd/gateway_sync.go, "_workspace fields in state files"), so it is
 * checked as a workspace named so. Its one field is written at `_workspace`.
 */
class DeckWorkspaceEntity implements Entity {
  readonly type = 'workspace' as const;
  readonly sourceKind = 'declarative' as const;
  readonly fields: Readonly<Record<string, unknown>>;
  constructor(private readonly document: DeclarativeDocument, readonly name: string) {
    this.fields = { name };
  }

  get origin(): Origin {
    return this.document.at(['_workspace']);
  }

  at(): Origin {
    return this.document.at(['_workspace']);
  }
}

function entityHandle(type: EntityType, fields: Readonly<Record<string, unknown>>): string | undefined {
  switch (type) {
    case 'consumer': return text(fields.username) ?? text(fields.custom_id);
    case 'target': return text(fields.target);
    case 'vault': return text(fields.prefix) ?? text(fields.name);
    default: return text(fields.name);
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `service: orders`, `service: { id: ... }` or `service: { name: ... }` as a parent reference. */
function asReference(value: unknown): EntityRef | undefined {
  if (typeof value === 'string') return { name: value };
  if (value && typeof value === 'object') {
    const { id, name, username } = value as Record<string, unknown>;
    const ref: EntityRef = {};
    if (typeof id === 'string') ref.id = id;
    if (typeof name === 'string') ref.name = name;
    else if (typeof username === 'string') ref.name = username;
    return ref.id || ref.name ? ref : undefined;
  }
  return undefined;
}

/** The entity types found anywhere below a collection type, nested at any depth. */
const HOLDS: Readonly<Partial<Record<EntityType | 'consumer_group', ReadonlySet<EntityType>>>> = (() => {
  const below = (type: EntityType | 'consumer_group'): EntityType[] =>
    [NESTED, NESTED_DECK_OVERRIDES].flatMap((table) => Object.values(table[type] ?? {})).flatMap((child) => [child, ...below(child)]);
  const out: Partial<Record<EntityType | 'consumer_group', ReadonlySet<EntityType>>> = {};
  for (const type of Object.keys(NESTED) as (keyof typeof NESTED)[]) out[type] = new Set(below(type));
  return out;
})();

/**
 * Entities of several documents, in file order. Nothing is collected: each `each` or `eachOf`
 * walks the parsed documents again, down only the collections that can hold a type asked for, and
 * the entity objects it makes live as long as a rule keeps them. Holding all 120,000 entities of
 * a 50,000-route file cost ~30 MB and, through the garbage collector, ~0.1 s, for objects each
 * rule looked at once.
 */
export class DeclarativeEntitySource implements EntitySource {
  readonly kind = 'declarative' as const;
  readonly label: string;
  /** decK's `_plugin_configs` and `_info.defaults`, read once; undefined when no file has them. */
  private readonly deck: DeckShared | undefined;
  /** The Kong the files are synced to today, once the plan is known (see knowInstalledVersion). */
  private installed: KongVersion | undefined;
  /** Only YAML aliases share objects (DeclarativeDocument.mayHoldAliases); Kubernetes manifests may hold them too. */
  readonly sharesValues: boolean;
  constructor(
    private readonly documents: readonly DeclarativeDocument[],
    /** KongPlugin and KongClusterPlugin resources of Kubernetes manifests (kic-plugins.ts), visited after the files' plugins. */
    private readonly kicPlugins: readonly Entity[] = [],
  ) {
    const files = documents.map((d) => d.file);
    for (const plugin of kicPlugins) {
      const file = plugin.origin.kind === 'file' ? plugin.origin.file : undefined;
      if (file !== undefined && !files.includes(file)) files.push(file);
    }
    this.label = files.join(', ');
    this.deck = readDeckShared(documents);
    this.sharesValues = kicPlugins.length > 0 || documents.some((d) => d.mayHoldAliases);
    // Only YAML aliases can make a file hold more entities than its text; JSON cannot.
    for (const document of documents) if (document.format === 'yaml') refuseAliasBombs(document);
  }

  /**
   * The version the path starts from: the Kong a decK file is synced to today. decK reads a
   * consumer group's `plugins` by that version, so until it is known they are read as decK reads
   * them for a current Kong.
   */
  knowInstalledVersion(version: KongVersion): void {
    this.installed = version;
  }

  async each(type: EntityType, visit: (entity: Entity) => void): Promise<void> {
    this.visit(new Set([type]), visit);
  }

  /**
   * Every entity of the given types in one walk, in file order (a route's plugins right after
   * the route). One walk touches each parsed object once; a walk per type went over services and
   * routes again for each of them.
   */
  async eachOf(types: ReadonlySet<EntityType>, visit: (entity: Entity) => void): Promise<void> {
    this.visit(types, visit);
  }

  async count(type: EntityType): Promise<number> {
    let count = 0;
    this.visit(new Set([type]), () => count++);
    return count;
  }

  /** Every entity of a type, synchronously (tests, fix-output). */
  list(type: EntityType): readonly Entity[] {
    const out: Entity[] = [];
    this.visit(new Set([type]), (entity) => out.push(entity));
    return out;
  }

  /**
   * The first plugin whose name passes `test`, with where the name is written, read off the
   * parsed documents without making entities: asked before any rule runs (the edition), it must
   * not cost a walk of every entity (60,000 plugin objects on the largest files).
   */
  firstPluginNamed(test: (name: string) => boolean): { name: string; origin: Origin } | undefined {
    for (const document of this.documents) {
      const found = firstNamedIn(document.root, 'top', [], test) ?? firstInAddPlugins(document, test);
      if (found) return { name: found.name, origin: document.at(found.path) };
    }
    for (const plugin of this.kicPlugins) {
      const name = plugin.fields.name;
      if (typeof name === 'string' && test(name)) return { name, origin: plugin.at(['name']) };
    }
    return undefined;
  }

  /**
   * The first top-level entry only Kong Enterprise loads (`collections` such as consumer_groups,
   * or a vault whose backend is one of `vaultBackends`), with where it is written.
   */
  firstEnterpriseOnlyEntry(
    collections: readonly string[], vaultBackends: readonly string[], konnectKey?: string,
  ): { what: string; origin: Origin } | undefined {
    for (const document of this.documents) {
      if (konnectKey && isRecord(document.root[konnectKey])) return { what: `decK ${konnectKey} (a Konnect control plane)`, origin: document.at([konnectKey]) };
      for (const collection of collections) {
        const items = document.root[collection];
        if (Array.isArray(items) && items.length > 0) return { what: `entity ${collection}`, origin: document.at([collection, 0]) };
      }
      const vaults = document.root.vaults;
      if (!Array.isArray(vaults)) continue;
      for (let i = 0; i < vaults.length; i++) {
        const name: unknown = isRecord(vaults[i]) ? (vaults[i] as { name?: unknown }).name : undefined;
        if (typeof name === 'string' && vaultBackends.includes(name)) {
          return { what: `vault backend ${name}`, origin: document.at(['vaults', i, 'name']) };
        }
      }
    }
    return undefined;
  }

  private visit(want: ReadonlySet<EntityType>, visit: (entity: Entity) => void): void {
    // The collections worth descending into: those holding a wanted type somewhere below.
    const descend = new Set(Object.keys(HOLDS).filter((type) => [...want].some((w) => HOLDS[type as keyof typeof HOLDS]!.has(w))));
    for (const document of this.documents) {
      const reading: Reading = { document, deck: this.deck, nested: nestedCollectionsOf(document, this.installed) };
      for (const [collection, type] of Object.entries(TOP_LEVEL)) {
        if (!want.has(type as EntityType) && !descend.has(type)) continue;
        const items = document.root[collection];
        if (Array.isArray(items)) walk(reading, type, items, [collection], undefined, want, descend, visit);
      }
      if (document.patchFile === 'add-plugins' && want.has('plugin')) walkAddPlugins(document, visit);
      if (document.workspace && want.has('workspace')) visit(new DeckWorkspaceEntity(document, document.workspace.value));
    }
    if (want.has('plugin')) for (const plugin of this.kicPlugins) visit(plugin);
  }
}

/**
 * Under the file's top and under each entity type, the collections whose entities hold plugins,
 * with their entity type (from TOP_LEVEL, NESTED and HOLDS).
 */
const PLUGIN_HOLDERS: ReadonlyMap<string, readonly (readonly [string, string])[]> = (() => {
  const holding = (collections: Readonly<Record<string, string>>) =>
    Object.entries(collections).filter(([, type]) => HOLDS[type as keyof typeof HOLDS]?.has('plugin'));
  const out = new Map([['top', holding(TOP_LEVEL)]]);
  for (const [type, collections] of Object.entries(NESTED)) out.set(type, holding(collections));
  return out;
})();

/**
 * Depth-first: a `plugins` list's items, then the plugins of nested entities. Only the keys that
 * can hold plugins are looked up, and the path is built only for the plugin found: this runs over
 * every entity of the file before any rule does.
 */
function firstNamedIn(
  container: Readonly<Record<string, unknown>>, holder: string, path: (string | number)[], test: (name: string) => boolean,
): { name: string; path: (string | number)[] } | undefined {
  const plugins = container.plugins;
  if (Array.isArray(plugins)) {
    const found = firstInList(plugins, path, test);
    if (found) return found;
  }
  for (const [key, type] of PLUGIN_HOLDERS.get(holder) ?? []) {
    const items = container[key];
    if (!Array.isArray(items)) continue;
    for (let i = 0; i < items.length; i++) {
      const item: unknown = items[i];
      if (!isRecord(item)) continue;
      path.push(key, i);
      const found = firstNamedIn(item, type, path, test);
      if (found) return found;
      path.length -= 2;
    }
  }
  return undefined;
}

function firstInList(plugins: readonly unknown[], path: readonly (string | number)[], test: (name: string) => boolean): { name: string; path: (string | number)[] } | undefined {
  for (let i = 0; i < plugins.length; i++) {
    const item = plugins[i];
    const name = item !== null && typeof item === 'object' ? (item as { name?: unknown }).name : undefined;
    if (typeof name === 'string' && test(name)) return { name, path: [...path, 'plugins', i, 'name'] };
  }
  return undefined;
}

/** The plugins of a decK add-plugins file (`add-plugins[].plugins`). */
function firstInAddPlugins(document: DeclarativeDocument, test: (name: string) => boolean): { name: string; path: (string | number)[] } | undefined {
  if (document.patchFile !== 'add-plugins') return undefined;
  const patches = document.root['add-plugins'];
  if (!Array.isArray(patches)) return undefined;
  for (let index = 0; index < patches.length; index++) {
    const plugins = (patches[index] as { plugins?: unknown } | null)?.plugins;
    const found = Array.isArray(plugins) ? firstInList(plugins, ['add-plugins', index], test) : undefined;
    if (found) return found;
  }
  return undefined;
}

/**
 * The plugins of a decK add-plugins file (`add-plugins[].plugins`, go-apiops
 * plugins/pluginfile.go): each is added as written to every entity its selectors match, so its
 * config is what Kong will receive and is checked like any plugin. Where it lands is not known here.
 */
function walkAddPlugins(document: DeclarativeDocument, visit: (entity: Entity) => void): void {
  const patches = document.root['add-plugins'];
  if (!Array.isArray(patches)) return;
  for (let index = 0; index < patches.length; index++) {
    const patch = patches[index];
    if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) continue;
    const plugins = (patch as Record<string, unknown>).plugins;
    if (Array.isArray(plugins)) walk({ document, deck: undefined, nested: NESTED }, 'plugin', plugins, ['add-plugins', index, 'plugins'], undefined, new Set(['plugin']), new Set(), visit);
  }
}

/**
 * Refuses a file holding more entities than it could written out. An entity takes at least
 * three bytes (`{},`), so a file holds fewer entities than a third of its length; only YAML
 * aliases exceed that: a service list of 2,000 aliases to a service with 2,000 aliased routes
 * is 20 kB of text and 4 million entities to Kong. The count stops at the budget, so such a
 * file costs no more than a plain one.
 */
function refuseAliasBombs(document: DeclarativeDocument): void {
  // Every alias is written `*name` where a node starts: a text without one has none to expand.
  if (!document.mayHoldAliases) return;
  let budget = Math.ceil(document.text.length / 2) + 1000;
  const count = (type: EntityType | 'consumer_group', items: unknown[]): void => {
    const nested = NESTED[type];
    for (const item of items) {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
      if (--budget < 0) {
        throw new InputError(`YAML aliases expand to more entities than the file could hold written out (an alias bomb?); Kong would create every copy`, { file: document.file });
      }
      if (!nested) continue;
      for (const key in nested) {
        const children = (item as Record<string, unknown>)[key];
        if (Array.isArray(children)) count(nested[key], children);
      }
    }
  };
  for (const [collection, type] of Object.entries(TOP_LEVEL)) {
    const items = document.root[collection];
    if (Array.isArray(items)) count(type, items);
  }
}

/** One document as a walk reads it: its decK shared settings and what its collections nest. */
interface Reading {
  readonly document: DeclarativeDocument;
  readonly deck: DeckShared | undefined;
  readonly nested: NestedCollections;
}

/** decK 3.4 (go-database-reconciler pkg/utils Kong340Version): from it, decK scopes plugins to consumer groups. */
const DECK_SCOPES_GROUP_PLUGINS_FROM = KongVersion.of(3, 4);

/**
 * What a document's collections nest; only `consumer_groups[].plugins` differs. decK decides it
 * by the Kong it syncs to (go-database-reconciler pkg/file/builder.go@v1.40.3, build and
 * consumerGroups; the same since decK 1.26): plugins scoped to the group against 3.4 or later and
 * Konnect, overrides before 3.4. `_info.consumer_group_policy_overrides: true` (decK 1.44, read
 * by deck cmd/common.go determinePolicyOverride) keeps them overrides on any version; the
 * `--consumer-group-policy-overrides` flag does too, but leaves no trace in the file. Kong's own
 * format always means scoped plugins there, so a file Kong loads (declarative_config) is read so.
 * A file without a decK-only key is read as decK reads it: before 3.4 Kong refuses `plugins` in a
 * consumer group (plugins gained their consumer_group key in 3.4.0.0, CHANGELOG-EE.md@FTI-6378),
 * so there only decK can sync it, and from 3.4 both read scoped plugins.
 */
function nestedCollectionsOf(document: DeclarativeDocument, installed: KongVersion | undefined): NestedCollections {
  if (document.loadedByKong || !Array.isArray(document.root.consumer_groups)) return NESTED;
  const info = document.root._info;
  if (isRecord(info) && info.consumer_group_policy_overrides === true) return NESTED_DECK_OVERRIDES;
  if ('_konnect' in document.root || !installed) return NESTED;
  return installed.compare(DECK_SCOPES_GROUP_PLUGINS_FROM) < 0 ? NESTED_DECK_OVERRIDES : NESTED;
}

/**
 * Visits the entities of the types in `want` in one collection and below it, in file order,
 * descending only into the collection types in `descend`. Parent references are worked out on
 * the way down, and only for entities that nest something.
 */
function walk(
  reading: Reading,
  type: EntityType | 'consumer_group',
  items: unknown[],
  path: (string | number)[],
  inherited: Parents | undefined,
  want: ReadonlySet<EntityType>,
  descend: ReadonlySet<string>,
  visit: (entity: Entity) => void,
): void {
  const { document, deck } = reading;
  const nested = descend.has(type) ? reading.nested[type] : undefined;
  const wanted = want.has(type as EntityType);
  if (!wanted && !nested) return;
  for (let index = 0; index < items.length; index++) {
    const fields = items[index];
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) continue;
    const record = fields as Record<string, unknown>;
    const parents = referencedParents(record, inherited);
    if (wanted) {
      // Only a service (its `url`) or a file using decK's shared settings can need merged fields.
      const layered = deck !== undefined || type === 'service' ? layeredFields(type as EntityType, record, document.flavor, deck) : undefined;
      const entity = new DeclarativeEntity(type as EntityType, record, document, path, index, layered);
      if (parents) entity.parents = parents;
      visit(entity);
    }
    if (!nested) continue;
    let childParents: Parents | undefined | null = null;
    for (const key in nested) {
      const childType = nested[key];
      const children = record[key];
      if (!Array.isArray(children) || (!want.has(childType) && !descend.has(childType))) continue;
      if (childParents === null) {
        // certificates have no name; their id (when given) identifies them
        const self = asReference({ id: record.id, name: record.name ?? record.username });
        const parentKey = PARENT_KEY[type as keyof typeof PARENT_KEY];
        childParents = self && parentKey ? withParent(parents, parentKey, self) : parents;
      }
      walk(reading, childType, children, childPath(path, index, key), childParents, want, descend, visit);
    }
  }
}

/**
 * The parents an entity inherits, plus those its own reference fields name (`service: orders`
 * on a top-level route). Most entities carry none, and then nothing is copied. The fields are
 * read by name: a loop over a list of keys made each read a slow keyed lookup, ~40 ms over
 * 120,000 entities.
 */
function referencedParents(record: Record<string, unknown>, inherited: Parents | undefined): Parents | undefined {
  let parents = inherited;
  if (record.service !== undefined) parents = withReference(parents, 'service', record.service);
  if (record.route !== undefined) parents = withReference(parents, 'route', record.route);
  if (record.consumer !== undefined) parents = withReference(parents, 'consumer', record.consumer);
  if (record.consumer_group !== undefined) parents = withReference(parents, 'consumer_group', record.consumer_group);
  if (record.upstream !== undefined) parents = withReference(parents, 'upstream', record.upstream);
  if (record.certificate !== undefined) parents = withReference(parents, 'certificate', record.certificate);
  return parents;
}

function withReference(parents: Parents | undefined, key: Parent, value: unknown): Parents | undefined {
  const ref = asReference(value);
  return ref ? withParent(parents, key, ref) : parents;
}

/**
 * A copy of `parents` with one more. Copied key by key: `{ ...parents, [key]: ref }` takes V8's
 * slow path for a computed key and was ten times slower, ~80 ms on a 50,000-route file.
 */
function withParent(parents: Parents | undefined, key: Parent, ref: EntityRef): Parents {
  const out: Parents = {};
  if (parents) for (const name in parents) out[name as Parent] = parents[name as Parent];
  out[key] = ref;
  return out;
}

/** `path` + `[index, key]`, copied in a loop: array spread here cost more than the rest of the walk. */
function childPath(path: readonly (string | number)[], index: number, key: string): (string | number)[] {
  const out: (string | number)[] = new Array(path.length + 2);
  for (let i = 0; i < path.length; i++) out[i] = path[i];
  out[path.length] = index;
  out[path.length + 1] = key;
  return out;
}

/** Types that become a parent reference of what they nest. */
const PARENT_KEY = {
  service: 'service', route: 'route', consumer: 'consumer', consumer_group: 'consumer_group', upstream: 'upstream', certificate: 'certificate',
} as const;
