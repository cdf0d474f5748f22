// The parsed kong.conf as rules see it: explicit settings from the file and `KONG_*` environment,
// each with its origin. Kong's defaults are not mixed in here: `get` answers "what did the user
// set", which is what most upgrade rules need (a default that changes only matters when unset).

import type { EnvOrigin, FileOrigin } from '../../model/origin';

export interface ConfSetting {
  /** The key as Kong reads it (non-alphanumerics turned into `_`, as Penlight does). */
  key: string;
  /** The value as Kong keeps it: trimmed, trailing comment removed, `\#` unescaped. */
  value: string;
  /** The value exactly as written after `=` (for messages about quoting or comments). */
  rawValue: string;
  /** The key exactly as written, when it differs from `key` (`pg-host`). */
  rawKey?: string;
  origin: FileOrigin | EnvOrigin;
  /** Earlier settings of the same key that this one overrides (duplicates in the file, the file line an env var beats). */
  overrides: ConfSetting[];
}

export type ConfDiagnosticKind =
  | 'duplicate-key'        // the same key twice in the file: the last one wins
  | 'section-header'       // `[section]`: Kong puts every later key into a table it ignores
  | 'no-equals'            // a line without `=`: Kong ignores it
  | 'unescaped-hash'       // a `#` inside a value cut the value short
  | 'quoted-value'         // quotes are kept as part of the value
  | 'env-overrides-file';  // a KONG_* variable replaces a file setting

export interface ConfDiagnostic {
  kind: ConfDiagnosticKind;
  key?: string;
  message: string;
  origin: FileOrigin | EnvOrigin;
}

export interface KongConf {
  /** Path as given on the command line; undefined when only the environment configures Kong. */
  readonly file?: string;
  /** The folder relative paths in kong.conf are resolved against. */
  readonly dir: string;
  /** When the file was last changed (a backup older than this may not cover it). */
  readonly modifiedAt?: Date;
  /** The effective explicit setting of a key (env beats file), or undefined when unset or set to NONE/empty. */
  get(key: string): ConfSetting | undefined;
  has(key: string): boolean;
  /** Every effective explicit setting: file settings in file order, then env-only settings. */
  settings(): ConfSetting[];
  /** Effective settings whose key starts with a prefix (`cassandra_`, `nginx_http_`). */
  withPrefix(prefix: string): ConfSetting[];
  /** Oddities Kong silently tolerates, for rules to report. */
  readonly diagnostics: readonly ConfDiagnostic[];
  /** A place to anchor installation-wide findings: the file's first line. */
  anchor(): FileOrigin | undefined;
}
