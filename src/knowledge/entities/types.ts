// Shapes of the entity-level facts: plugin fields renamed or removed, values a version refuses,
// defaults that changed, behaviour changes worth a look. Each kind is read by one generic rule
// module under rules/entities/, so a new fact is a new data entry, not new code.

import type { EntityType } from '../../model/entities';
import type { Severity } from '../../model/finding';
import type { FactSource } from '../../model/source';
import type { Topology } from '../../plan/types';

/**
 * A path into an entity's fields, dot-separated, with `[]` for "every element of this list":
 * `config.whitelist`, `config.llm_providers[].window_size`.
 */
export type FieldPathText = string;

/** A condition on the entity for a fact to apply (all conditions must hold). */
export interface FieldCondition {
  /** The field tested (not needed for `parent`). */
  path?: FieldPathText;
  /** The value equals this. */
  equals?: unknown;
  /** The value is one of these. */
  oneOf?: readonly unknown[];
  /** The field is (true) or is not (false) set; `null` counts as not set. */
  exists?: boolean;
  /** The list value contains this, or the field is unset and its default contains it (`defaultIncludes`). */
  includes?: unknown;
  /** With `includes`: treat an unset field as holding this default list. */
  defaultList?: readonly unknown[];
  /** Some string somewhere under the path contains one of these texts. */
  textContains?: readonly string[];
  /** The entity has this parent (`service` for a service-scoped plugin). */
  parent?: 'service' | 'route' | 'consumer' | 'consumer_group';
  /** At least one of these holds (a fact about any of several fields: one finding, not one per field). */
  anyOf?: readonly FieldCondition[];
}

export interface EntityChangeBase {
  /** Stable dotted id. */
  id: string;
  /** The entry of kong-facts/breaking-changes.json this encodes, when there is one. */
  breakingChange?: string;
  /** The version that brings the change: the fact applies when from < introducedIn <= to. */
  introducedIn: string;
  /** For known issues: fixed in this version, so only targets below it are affected. */
  fixedIn?: string;
  /**
   * Enterprise patch releases that brought the change to their own minor lines only (a fix shipped
   * in 3.12.0.11 and 3.13.0.10 and in no other line yet). The fact then concerns a target on one
   * of these lines at or past its release, from a source that does not already run it, and
   * `introducedIn` names the earliest of them.
   */
  patchReleases?: readonly string[];
  /**
   * The release that brought what the fact compares against (a field and its old default): a
   * source below it never had that, so the fact would misstate its starting point.
   */
  sourceSince?: string;
  edition: 'oss+ee' | 'ee';
  /** Topologies the fact concerns; absent means all. */
  topologies?: readonly Topology[];
  severity: Severity;
  /** `uncertain` facts never raise blockers. */
  confidence?: 'high' | 'uncertain';
  entity: EntityType;
  /** For plugin facts: the plugin names concerned. */
  plugins?: readonly string[];
  when?: readonly FieldCondition[];
  /**
   * Which sources the fact concerns. `declarative` for changes that only bite configurations
   * re-created from files (defaults filled in at load); database rows already hold a value.
   * `database` for facts told of stored rows only, whose file counterpart has a fact of its own.
   */
  appliesTo?: 'declarative' | 'database' | 'both';
  /**
   * A kong.conf boolean whose `off` on the target lifts the change (3.14 keeps accepting and
   * honouring verification turned off while tls_certificate_verify = off). Without a kong.conf
   * nothing is known of it, and the fact applies.
   */
  liftedByConfOff?: string;
  /**
   * A kong.conf boolean that must be on, on the target, for the fact to apply (a known issue of a
   * mode Kong leaves off by default). A kong.conf that leaves it off, or unset with an off
   * default, rules the fact out; without a kong.conf nothing is known, so the fact applies as
   * information only.
   */
  requiresConfOn?: string;
  /** Kong's own migrations rewrite stored rows: a database finding is only informative. */
  databaseMigrated?: boolean;
  /**
   * The release whose migrations rewrite the stored rows, when earlier than `introducedIn` (the
   * 2.1 migrations rewrote whitelist into allow; 3.0 removed the alias). A path that does not
   * cross it leaves such a row to the later release, which drops the field when reading it.
   */
  migratedIn?: string;
  /** One sentence, our words: what changed. */
  summary: string;
  remediation: string;
  docsUrl?: string;
  sources: readonly FactSource[];
}

/** A field that was renamed (an alias may remain) or removed. */
export interface FieldRename extends EntityChangeBase {
  from: FieldPathText;
  /** The replacement; absent when the field was dropped without one. */
  to?: FieldPathText;
  /** `removed`: rejected by the schema; `deprecated`: still accepted as an alias; `ignored`: accepted but has no effect. */
  status: 'removed' | 'deprecated' | 'ignored';
  /** Further fields that take the same value (one old timeout became three). */
  alsoTo?: readonly FieldPathText[];
  /**
   * The new field wants another shape. `host-port-to-nodes`: `host:port` strings become records
   * of a host key and a port; the key differs by field (Enterprise Redis: `cluster_nodes` take
   * `ip`, `sentinel_nodes` `host`). `one-path-list`: the old value becomes the only item of a
   * list. `operator-reshapes`: the new value cannot be built from this field alone, so
   * `--fix-output` leaves it for the operator and the rule does not compare the two.
   * `narrower-enum`: the new field accepts only `accepted`; an old value Kong's alias translates
   * (`translate`) is written translated, any other value outside the list is left to the operator.
   */
  valueShape?: { kind: 'host-port-to-nodes'; hostKey: 'ip' | 'host' } | { kind: 'one-path-list' } | { kind: 'operator-reshapes' }
    | { kind: 'narrower-enum'; accepted: readonly string[]; translate?: Readonly<Record<string, string>> };
  /**
   * From this version Kong refuses the alias and its replacement holding different values (a
   * shorthand whose deprecation names its replacement; kong/db/schema/init.lua, 3.8). Before it,
   * Kong applies the alias over the replacement, a null alias included.
   */
  mismatchRefusedIn?: string;
  /**
   * The field's default, which Kong takes without a deprecation warning (the schema's
   * `deprecation.old_default`): every dump writes it, so only other values are reported.
   */
  oldDefault?: string | number | boolean;
  /**
   * The default the schemas before the change wrote into every row that left the field unset
   * (Kong stores the whole config record). In a database row that value is Kong's filling, not an
   * operator's choice, and the versions after the change treat it as the field left unset, so a
   * row holding it is not reported. Files still are (unlike `oldDefault`, which Kong takes silently
   * from any source).
   */
  storedDefault?: string | number | boolean;
  /**
   * For a removed field: the release from which Kong already ignored it (the schema kept it only
   * so that configurations still validated). A database row that still holds a value loses
   * nothing when the removing release drops the key on reading it, unless the path also crosses
   * this release.
   */
  noEffectSince?: string;
  /**
   * The alias's shorthand turns a null into this value and writes it over the replacement, set or
   * not (the 3.2 session schema: `cookie_idletime: null` becomes `idling_timeout: 0`). A null alias
   * alone then keeps the older behaviour; beside a replacement holding something else it wins.
   */
  nullBecomes?: { value: string | number | boolean; meaning: string };
}

/** What a value must satisfy from `introducedIn` on. */
export type ValueCheck =
  | { kind: 'not-equal'; value: unknown }
  | { kind: 'not-one-of'; values: readonly unknown[] }
  | { kind: 'map-values-are-strings' }
  | { kind: 'integer' }
  | { kind: 'at-least'; min: number }
  | { kind: 'at-most'; max: number }
  | { kind: 'list' }
  | { kind: 'not-blank' }
  | { kind: 'set' };

export interface ValueRule extends EntityChangeBase {
  /** The fields checked (each may hold `[]`). */
  paths: readonly FieldPathText[];
  check: ValueCheck;
  /** What a valid value looks like, for the message. */
  expected: string;
  /** The value is only deprecated: Kong still accepts it, so the finding says so instead of "not accepted". */
  stillAccepted?: boolean;
  /**
   * What Kong does with a database row holding the refused value when no migration converts it.
   * `floored`: the field became an integer and reading a row rounds a number down, so nothing is
   * refused. `kept`: reading a row validates nothing, so the value stays in use, but every write
   * re-validates the whole entity (an Admin API PATCH fails) and a data plane validates what its
   * control plane sends (the whole configuration is refused).
   */
  storedRows?: 'floored' | 'kept';
}

/** A default that changed: entities that leave the field unset change behaviour. */
export interface DefaultChange extends EntityChangeBase {
  path: FieldPathText;
  oldDefault: unknown;
  newDefault: unknown;
  /** False when writing the old default would itself be refused (3.14 rejects verification turned off). */
  pinnable?: boolean;
  /**
   * Facts sharing a group are one decision for the operator (prometheus's four metric switches of
   * 3.0): an entity leaving several of them unset gets one finding naming each field, not one per
   * field. Members share their version, defaults, summary and remediation.
   */
  group?: string;
}

/** A change of behaviour that concerns every matching entity (metrics renamed, sessions reset...). */
export type BehaviourChange = EntityChangeBase;
