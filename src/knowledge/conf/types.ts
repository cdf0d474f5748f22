// Shapes of the kong.conf knowledge: the generated per-version property data
// (properties.generated.json) and the curated changes (conf-changes.json, schema in
// schemas/conf-changes.schema.json).

import type { FactSource } from '../../model/source';

export type ConfType = 'boolean' | 'ngx_boolean' | 'number' | 'string' | 'array';

/** One property as a version of Kong declares it. Fields left out mean "none". */
export interface PropertyRecord {
  /** The built-in default; null when unset (`NONE` or empty). */
  default: string | null;
  type?: ConfType;
  enum?: string[];
  /** A pure alias: the value is copied to this property when that one is unset. */
  alias?: string;
  deprecated?: {
    /** The property to use instead; `false` when there is none. */
    replacement?: string | false;
    /** Only this value is deprecated, not the property. */
    value?: string;
    /** The loader still copies the value to the replacement. */
    valueCarriesOver?: boolean;
  };
  /** nginx directives the value is also written to. */
  directives?: string[];
}

export interface SeriesStep {
  source: string[];
  added?: Record<string, PropertyRecord>;
  changed?: Record<string, PropertyRecord>;
  removed?: string[];
}

/** A baseline and per-minor differences, in version order. */
export interface PropertySeries {
  versions: string[];
  baseline: { source: string[]; properties: Record<string, PropertyRecord> };
  steps: Record<string, SeriesStep>;
}

export interface NamespaceEntry {
  prefix: string;
  /** Directive names the namespace drops silently. */
  ignore?: string[];
}

export interface GeneratedConfData {
  oss: PropertySeries & { tags: Record<string, string>; schemaOnly: Record<string, Record<string, PropertyRecord>> };
  ee: PropertySeries & { gapsFilled: Record<string, string[]> };
  namespaces: { from: string; prefixes: NamespaceEntry[]; sources: string[] }[];
}

export type ChangeKind =
  | 'handled-elsewhere'
  | 'renamed'
  | 'removed'
  | 'deprecated'
  | 'default-changed'
  | 'value-deprecated'
  | 'value-restricted'
  | 'value-added'
  | 'namespace-renamed'
  | 'namespace-added'
  | 'namespace-removed'
  | 'product-removed'
  | 'known-issue';

export type ChangeEdition = 'oss+ee' | 'ee';
export type ChangeSeverity = 'blocker' | 'warning' | 'info';

/** A condition on the effective value of a property (the user's setting, else the target's default). */
export interface SettingCondition {
  property: string;
  /** Older names whose setting counts as this property's (an alias). */
  alsoSetBy?: string[];
  in?: string[];
  notIn?: string[];
  /** Also true when `database = off` (DB-less nodes behave like data planes). */
  orDatabaseOff?: boolean;
  /**
   * The setting has this effect only on targets that carry `release` (or, on Enterprise, one of
   * `backportedTo` on the target's line); elsewhere the condition is false whatever the value.
   * `ssl_cipher_suite = old` lowers OpenSSL's security level only from 3.6.1.0.
   */
  effectiveFrom?: { release: string; backportedTo?: string[] };
}

export interface ConfChange {
  id: string;
  kind: ChangeKind;
  properties?: string[];
  prefixes?: string[];
  excludePrefixes?: string[];
  /** Enterprise numbering (`3.6.1.0`); the change lies on a path when from < introducedIn <= to. */
  introducedIn: string;
  /** Enterprise patch releases of older lines that received the change too (`3.4.3.5`). */
  backportedTo?: string[];
  /** A later version that undoes the change: targets at or past it are not affected. */
  revertedIn?: string;
  /**
   * Known issues: the first fixed release of each affected line (`3.10.0.6`, `3.11.0.3`). A
   * target is affected from introducedIn on, until the fix of its own line; lines after the last
   * one listed carry the fix.
   */
  fixedIn?: string[];
  /**
   * Enterprise patch releases that fix a known issue on older lines (`3.4.3.5`); unlike `fixedIn`
   * they never count on open source, which has no such release.
   */
  fixBackportedTo?: string[];
  /**
   * Known issues: what to do on an affected release, in our words (`set incremental_sync = off`).
   * Restricted values: the setting that makes the value usable again, on targets that carry
   * `workaroundFrom`.
   */
  workaround?: string;
  /** Restricted values: the release (and Enterprise backports) from which `workaround` helps. */
  workaroundFrom?: { release: string; backportedTo?: string[] };
  /** For renames: the version from which the old name no longer carries its value. */
  aliasRemovedIn?: string;
  edition: ChangeEdition;
  severity?: ChangeSeverity;
  /** The rule that reports the change when it is not one of the generic property rules. */
  rule?: string;
  replacement?: string;
  valueCarriesOver?: boolean;
  /**
   * For a "rename" that is really a move: the old property's keys now go inside the JSON of
   * `replacement`, each with this prefix (admin_gui_session_conf's `secret` is admin_gui_auth_conf's `session_secret`).
   */
  movedIntoKeysWithPrefix?: string;
  harmlessValues?: string[];
  /**
   * The setting did nothing on the source version while another property held one of these
   * values (written or by the source's default): go_pluginserver_exe ran nothing while
   * go_plugins_dir = off. A removal is then only a leftover line.
   */
  harmlessWhile?: { property: string; in: string[] };
  from?: string | null;
  to?: string | null;
  /** Conditions on settings for the change to concern the node (all must hold). */
  when?: SettingCondition[];
  /**
   * Where `when` fails: report at this severity instead of not at all (nginx namespaces, default
   * changes whose impact depends on another setting).
   */
  otherwiseSeverity?: ChangeSeverity;
  unlessSet?: string[];
  unlessSetting?: SettingCondition;
  values?: string[];
  disallowedTokens?: string[];
  switch?: SettingCondition;
  leftoverSeverity?: ChangeSeverity;
  /** For a removed product: what to do while it is still switched on (each product has its own way out). */
  remediation?: string;
  suppress?: boolean;
  portClash?: number;
  note: string;
  breakingChanges?: string[];
  confidence: 'high' | 'medium' | 'uncertain';
  sources: FactSource[];
}

export interface CuratedConfData {
  changes: ConfChange[];
  nonPropertyEnv: {
    names: { env: string; use: string; sources: FactSource[] }[];
    prefixes: { prefix: string; use: string; sources: FactSource[] }[];
    /** Keys people write into kong.conf for things Kong reads elsewhere (the license). */
    fileKeys: { key: string; use: string; sources: FactSource[] }[];
  };
  listenFlags: {
    /** Which row list applies: status_listen had a list of its own before 3.2. */
    properties: Record<string, 'http' | 'stream' | 'status'>;
    byVersion: { from: string; http: string[]; stream: string[]; status: string[]; sources: FactSource[] }[];
  };
  sizeProperties: { properties: string[]; sources: FactSource[] };
  vaults: {
    bundled: { edition: ChangeEdition; names: string[]; from?: string; sources: FactSource[] }[];
    sources: FactSource[];
  };
}
