// The declarative input as rules see it: each file's header facts (format version, flavour,
// workspace) with their locations, and the gateway entities it holds, through the shared
// entity model. File-level rules read `DeclarativeConfig`; entity rules see only `EntitySource`.

import type { Entity, EntitySource } from '../../model/entities';
import type { FileOrigin } from '../../model/origin';
import type { TextLines } from '../../text/line-index';
import type { UncheckedKicPlugin } from './kic-plugins';
import type { KicIngressPath } from './kic-ingresses';

/** `kong`: a DB-less kong.yml that Kong loads itself; `deck`: a decK state file. */
export type DeclarativeFlavor = 'kong' | 'deck';

export interface HeaderValue<T> {
  value: T;
  origin: FileOrigin;
}

export interface DeclarativeDocument {
  /** The path as the user gave it (or as kong.conf names it, resolved). */
  readonly file: string;
  readonly format: 'yaml' | 'json';
  /** False when no two places of the file can hold one list or record: JSON, or YAML without an alias. */
  readonly mayHoldAliases: boolean;
  readonly flavor: DeclarativeFlavor;
  /** Why we think so: `_info key`, `declarative_config of kong.conf`, `no decK-only key`. */
  readonly flavorEvidence: string;
  /** `_format_version` as written (numbers are turned into text: `3.0` unquoted -> `3.0`). */
  readonly formatVersion?: HeaderValue<string>;
  /**
   * What YAML or JSON made of `_format_version`: Kong's schema wants text, so an unquoted `3.0`
   * (a number) or a `null` is refused where the quoted "3.0" is not.
   */
  readonly formatVersionType?: 'text' | 'number' | 'other';
  /** `_transform` (Kong: false means "do not hash credentials"; decK refuses false). */
  readonly transform?: HeaderValue<unknown>;
  /**
   * A decK patch file rather than a state: `add-plugins` (deck file add-plugins, go-apiops
   * plugins/pluginfile.go) or `patches` (deck file patch, go-apiops patch/deckpatchfile.go).
   * decK applies it to a state file; neither Kong nor a sync reads it, so its `_format_version`
   * (documented as "1.0") is not the state format.
   */
  readonly patchFile?: 'add-plugins' | 'patches';
  /**
   * decK's legacy Konnect format (`deck konnect`): `_format_version: "0.1"` and
   * `service_packages` (go-database-reconciler pkg/file/writer.go, KonnectStateToFile). Neither
   * Kong nor `deck gateway` reads it: it is no Kong Gateway configuration.
   */
  readonly konnectLegacy?: true;
  /** `_workspace` (decK, Enterprise). */
  readonly workspace?: HeaderValue<string>;
  /** decK `_info.select_tags`. */
  readonly selectTags?: HeaderValue<string[]>;
  /** Top-level keys in file order, with where each starts (for collection-level rules). */
  readonly collections: readonly HeaderValue<string>[];
  /**
   * Kong itself loads this configuration: the file kong.conf's declarative_config names, or a
   * kong.yml kept in a ConfigMap or Secret (which Kong's chart mounts where declarative_config points).
   */
  readonly loadedByKong: boolean;
  /** Kept in a manifest object that only a decK container mounts: that workload (`Job deck-sync`). */
  readonly readByDeckIn?: string;
  /**
   * Kong loads the file and upgrades it as it does (format "1.1" or "2.1", written as text):
   * regex paths get their `~` (kong/db/declarative/migrations/route_path.lua).
   */
  readonly kongMigratesOnLoad: boolean;
  /** The text as read (without a byte-order mark): reused for fingerprints and suppression comments. */
  readonly text: string;
  /** The text's line index, made once by the reader and shared with fingerprints. */
  readonly lines: TextLines;
  /** The parsed document (the first, when a YAML file holds several: Kong reads only that one). */
  readonly root: Readonly<Record<string, unknown>>;
  /** Where the YAML documents after the first begin, when any of them holds something. */
  readonly laterDocuments?: FileOrigin;
  /** Keys a YAML mapping writes twice, each at its later place (the value Kong keeps), in file order. */
  readonly duplicateKeys?: readonly { key: string; origin: FileOrigin }[];
  /**
   * Set when the configuration is text inside a Kubernetes manifest (a ConfigMap's `data.kong.yml`):
   * `file`, `text` and `lines` are then the manifest's, and every position is in its lines.
   */
  readonly embeddedIn?: EmbeddedSource;
  /** Where a value of the document sits: `at(['services', 0, 'routes'])`. */
  at(path: readonly (string | number)[]): FileOrigin;
}

/**
 * A file given as declarative configuration that is not one Kong or decK could read: a Lua file
 * (3.x reads only YAML and JSON), or a Kubernetes manifest kept in the same folder (its root has
 * `apiVersion` and `kind`, and no Kong collection), or a docker compose file (its `services` is a
 * mapping of container definitions, not Kong's list), or Helm values for Kong's chart, or a file
 * of another tool (no key of Kong's or decK's at its root).
 */
export interface UnreadableDeclarative {
  file: string;
  reason: 'lua-format' | 'kubernetes-manifest' | 'compose-file' | 'helm-values' | 'not-kong';
  /** The root keys of a file that is not Kong's (`not-kong`), for the message. */
  rootKeys?: string[];
  /** The manifest's `kind`, for a Kubernetes manifest. */
  kind?: string;
  /**
   * The Kong declarative configurations the manifest holds as text (a ConfigMap's `data.kong.yml`,
   * as the Kong Helm chart writes `dblessConfig.config`), in file order: the one read in place,
   * those that could not be, and those left because another was read.
   */
  embedded?: EmbeddedDeclarative[];
  /**
   * What the objects of a Kubernetes manifest were, across all its documents: the Kong Ingress
   * Controller plugin resources read and checked as plugins (counted by kind), those whose config
   * could not be read here, and the kinds of every other object (not checked).
   */
  objects?: ManifestObjects;
  origin: FileOrigin;
}

/** Where a Kong declarative configuration kept as text in a Kubernetes manifest comes from. */
export interface EmbeddedSource {
  /** The manifest file, as given. */
  file: string;
  /** `data.kong.yml`, `stringData.kong.yml`. */
  key: string;
  /** The object holding it: `ConfigMap`, `Secret`. */
  kind: string;
  /** Its `metadata.name`, when written. */
  name?: string;
  /** The manifest document holding it, from 1. */
  document: number;
}

/**
 * One such configuration and what became of it: `checked` in place; `unmappable`, written in a
 * form whose lines are not the file's (`why` says which); `not-read`, because `readInstead` was;
 * `beside-files`, because the input also holds Kong declarative files (`files`, the first few).
 */
export type EmbeddedDeclarative = EmbeddedSource & { origin: FileOrigin } & (
  | { status: 'checked' }
  | { status: 'unmappable'; why: string }
  | { status: 'not-read'; readInstead: EmbeddedSource }
  | { status: 'beside-files'; files: string[] }
);

export interface ManifestObjects {
  checked: { kind: string; count: number }[];
  unchecked: UncheckedKicPlugin[];
  /**
   * Checked plugin resources some of whose fields the controller sets from Secrets (`configPatches`),
   * with the plugin as the entity rules see it (to name the checks a whole object from a Secret
   * left out). A function: the summary, serialized, must not carry the resource and its Secret names.
   */
  patched: { label: string; fields: string[]; origin: FileOrigin; plugin: () => Entity }[];
  otherKinds: string[];
  /** ImplementationSpecific paths of the Ingresses the Kong Ingress Controller serves (kic-ingresses.ts). */
  ingressPaths: KicIngressPath[];
}

export interface DeclarativeConfig {
  readonly documents: readonly DeclarativeDocument[];
  readonly unreadable: readonly UnreadableDeclarative[];
  /** `cli` for --declarative, `kong.conf` for declarative_config. */
  readonly from: 'cli' | 'kong.conf';
  readonly entities: EntitySource;
}
