// Shapes of the custom-plugin facts. Data files in this folder satisfy these types; every entry
// names its sources so a reviewer can check it against Kong's code or docs.

import type { FactSource } from '../../model/source';
import type { Severity } from '../../model/finding';

export type EditionScope = 'oss+ee' | 'ee';

/** A fact of breaking-changes.json that plugin rules implement, keyed by its id there. */
export interface PluginFact {
  id: string;
  /** Four-part Enterprise numbering; OSS x.y.z is x.y.z.0. */
  introducedIn: string;
  edition: EditionScope;
  severity: Severity;
  confidence: 'high' | 'uncertain';
  docsUrl: string;
  sources: FactSource[];
  note?: string;
}

/** A bundled plugin that left the distribution or is on its way out. */
export interface BundledPluginChange {
  name: string;
  change: 'removed' | 'deprecated';
  /** The version the change takes effect in. */
  version: string;
  edition: EditionScope;
  replacement?: string;
  confidence: 'high' | 'uncertain';
  sources: FactSource[];
  note?: string;
}

/** A Lua module of Kong that custom code may require and that went away. */
export interface RemovedModule {
  module: string;
  removedIn: string;
  /** The breaking-changes fact this removal is, when it has its own entry. */
  factId?: string;
  replacement: string;
  sources: FactSource[];
}

/** A function that `kong.tools.utils` stopped exporting, and where it lives now. */
export interface MovedUtilsFunction {
  name: string;
  removedIn: string;
  factId: string;
  /** The module that has it from `removedIn` on, or undefined when it left the public modules. */
  movedTo?: string;
}

/** A member of `kong.db.schema.typedefs` that a release no longer defines. */
export interface RemovedTypedef {
  name: string;
  removedIn: string;
  factId: string;
  /** The typedef that took its place. */
  replacement: string;
}

/** A Lua name chain whose meaning changed: `ngx.ctx.balancer_address`, `*.CREDENTIAL_USERNAME`. */
export interface ApiReference {
  /** The chain as written, dotted; `*` as first part matches any prefix (`constants.HEADERS.X`). */
  chain: string;
  factId: string;
  introducedIn: string;
  severity: Severity;
  edition: EditionScope;
  /** What to write instead, in our words. */
  replacement: string;
  /** Only a call whose arguments include this string literal is affected (`"select"`). */
  whenArgument?: string;
  /**
   * Kong's upgrade notes name the change for Lua in custom nginx templates too (`*_by_lua_block`),
   * so nginx/template-lua-api checks those blocks for it.
   */
  inNginxTemplates?: true;
}

/** A bundled plugin whose PRIORITY changed: custom plugins in between run in a different order. */
export interface PriorityChange {
  plugin: string;
  from: number;
  to: number;
  introducedIn: string;
  /** `oss`: only the open-source package changed (Enterprise already had the new value). */
  edition: EditionScope | 'oss';
  factId: string;
  /** Enterprise patch releases of older lines that shipped the same change. */
  backportedTo?: readonly string[];
  /** When the rule's default (warning) overstates what the flip usually does. */
  severity?: Severity;
  /** For changes that are not an entry of breaking-changes.json. */
  sources?: FactSource[];
  /**
   * Enterprise loads the plugin with `plugins = bundled` from this release, by its source's
   * plugins-ee list (src/knowledge/database/bundled-plugins.json), though no docs page lists it.
   */
  enterpriseBundledFrom?: string;
}
