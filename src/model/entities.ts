// One entity model for the gateway configuration, filled by two sources: declarative files
// (kong.yml, decK state) and the PostgreSQL database. Entity rules see the same shape from both;
// only the origin differs (a file line, or a table row).

import type { Origin } from './origin';
import type { KongVersion } from '../version/kong-version';

export const ENTITY_TYPES = [
  'service', 'route', 'plugin', 'consumer', 'upstream', 'target', 'certificate', 'ca_certificate',
  'sni', 'vault', 'key', 'key_set', 'workspace', 'license', 'data_plane', 'partial',
  // An Enterprise consumer-group override (table consumer_group_plugins): its config is a record
  // of its own, not the plugin's, so plugin rules must not read it as a plugin.
  'consumer_group_plugin',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** A path into an entity's fields: `['config', 'allow', 0]`. */
export type FieldPath = readonly (string | number)[];

/** A reference to another entity, as Kong stores it (`{ id }`) or decK writes it (a name). */
export interface EntityRef {
  id?: string;
  name?: string;
}

/** Entity kinds that others belong to: a target's upstream, an sni's certificate. */
export type EntityParent = 'service' | 'route' | 'consumer' | 'consumer_group' | 'upstream' | 'certificate';

/** The enclosing entities of one entity, by kind. */
export type EntityParents = Partial<Record<EntityParent, EntityRef>>;

export interface Entity {
  type: EntityType;
  /** Kong's id when known (always for database rows, often absent in declarative files). */
  id?: string;
  /** The entity's name, username or other human handle, for messages. */
  name?: string;
  /**
   * How messages name the entity when its type and name would not say where it comes from: a
   * Kong Ingress Controller resource is known by its Kubernetes kind, name and namespace.
   */
  label?: string;
  /**
   * Field values in Kong's schema shape (`paths` is an array, `config` an object), as Kong
   * receives them: a declarative service's `url` already split into protocol, host, port and
   * path, a plugin's decK `_config` merged into `config`, decK `_info.defaults` filled in. `at`
   * points at whichever text holds each value.
   */
  fields: Readonly<Record<string, unknown>>;
  /** Enclosing entities: a plugin nested under a route under a service knows both. */
  parents?: EntityParents;
  workspace?: string;
  /**
   * Which kind of source holds the entity, when the source says so cheaply: rules that only need
   * "file or database row" should not make a declarative source compute a line number.
   */
  sourceKind?: EntitySource['kind'];
  /**
   * True when Kong itself loads the entity's file and upgrades it on the way (a 1.1 or 2.1
   * declarative file named by declarative_config): its 2.x-style regex paths get their `~`.
   */
  pathsMigratedOnLoad?: boolean;
  /**
   * True for an entity of a file in format "3.0": only 3.x reads it (2.x accepts only 1.1 and
   * 2.1, declarative_config.lua@2.8.5), so its paths mean what 3.x makes of them.
   */
  pathsWrittenFor3x?: boolean;
  /** For an entity of a declarative file: its place in the document (`['services', 0, 'routes', 2]`). */
  readonly documentPath?: (string | number)[];
  /** Where the entity itself starts. */
  origin: Origin;
  /** Where one of its fields is written (its own text, or a shared one); falls back to the entity's origin. */
  at(path?: FieldPath): Origin;
}

/** A human label for messages: `route "orders" (3f2a…)`. */
export function describeEntity(entity: Entity): string {
  if (entity.label) return entity.label;
  const handle = entity.name ? ` "${entity.name}"` : '';
  const id = entity.id ? ` (${entity.id})` : '';
  return `${entity.type}${handle}${id}`;
}

/**
 * Entities from one source. `each` may stream (the database reads with a cursor), so the engine
 * walks each type once and hands every entity to all interested rules.
 */
export interface EntitySource {
  /** `declarative` or `database`, for reports. */
  readonly kind: 'declarative' | 'database';
  /** A short description: the file names, or `postgres host:port/db`. */
  readonly label: string;
  each(type: EntityType, visit: (entity: Entity) => void): Promise<void>;
  /**
   * Entities of several types in one pass, in the source's own order (types interleaved), for
   * sources where that is cheaper than one pass per type. Rules see no difference: visitors
   * never depended on the order of types.
   */
  eachOf?(types: ReadonlySet<EntityType>, visit: (entity: Entity) => void): Promise<void>;
  /** Count of entities of a type, when cheap to know. */
  count?(type: EntityType): Promise<number>;
  /**
   * Told the version the path starts from before rules run, by a source whose entities depend on
   * the Kong they are applied to (a decK file's consumer-group `plugins`).
   */
  knowInstalledVersion?(version: KongVersion): void;
  /**
   * False when no two entities (or places in one) can hold the same list or record object, so a
   * walk of their fields meets nothing twice. YAML aliases share objects; JSON and database rows
   * never do. Absent means "may share".
   */
  readonly sharesValues?: boolean;
}
