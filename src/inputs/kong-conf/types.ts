// The parsed kong.conf as rules see it: explicit settings from the file and `KONG_*` environment,
// each with its origin. Kong's defaults are not mixed in here: `get` answers "what did the user
// set", which is what most upgrade rules need (a default that changes only matters when unset).

import type { EnvOrigin, FileOrigin } from '../../model/origin';

export interface ConfSetting {
  /** The key as Kong reads it (non-alphanumerics turned into `_`, as Penlight does). */
  key: string;
  /**
   * The value as Kong 3.2+ keeps it: trimmed, a number-like value rendered back from a Lua number
   * (`05432` -> `5432`), trailing comment removed, `\#` unescaped. Environment values are only
   * trimmed. What 2.x-3.1 read instead: `valueBefore32` (comments.ts via index.ts).
   */
  value: string;
  /**
   * The value as written: for a file, the text after `=` with the surrounding whitespace
   * removed (continued lines joined); for an environment variable, its exact content.
   */
  rawValue: string;
  /** The key exactly as written, when it differs from `key` (`pg-host`). */
  rawKey?: string;
  /** True when Penlight read the file value as a Lua number (then no comment can follow it). */
  numberLike?: boolean;
  origin: FileOrigin | EnvOrigin;
  /**
   * The environment variable that carries the setting to Kong when the origin is a file that is
   * not kong.conf (a Helm values file: the chart turns `env.pg_host` into `KONG_PG_HOST`).
   */
  envName?: string;
  /**
   * Set when Kong receives the value from somewhere this tool cannot read: the file a
   * `KONG_PG_PASSWORD_FILE` variable names, which the official image's entrypoint reads into
   * `KONG_PG_PASSWORD` at start. It says where the value comes from; `value` and `rawValue` are
   * then empty, so `get` and `settings` skip the setting while `raw` shows the key is set.
   */
  unreadableFrom?: string;
  /**
   * Variables without a value here whose `${NAME:-default}` default gave the value (a compose
   * file's `KONG_DATABASE: ${KONG_DATABASE:-postgres}`): the value is the one docker compose uses
   * unless whoever starts it sets them.
   */
  defaultedFrom?: readonly string[];
  /**
   * For a container's `KONG_*` variable: what else reads it, the container's own command (`the
   * command of service kong`) rendering a template before Kong starts, say (../images/command-variables.ts).
   */
  readByCommand?: string;
  /**
   * Earlier settings of the same key that this one overrides, oldest first (duplicates in the
   * file, the file lines an env var beats). Filled on effective settings; empty on the settings
   * listed here.
   */
  overrides: ConfSetting[];
}

export type ConfDiagnosticKind =
  | 'duplicate-key'        // the same key twice in the file: the last one wins
  | 'section-header'       // `[section]`: Kong puts every later key into a table it ignores
  | 'malformed-section'    // a line starting with `[` without `[name]`: Penlight fails, Kong cannot load the file
  | 'no-equals'            // a line without `=`: Kong ignores it
  | 'empty-key'            // `= value` with no key: Kong ignores it
  | 'unescaped-hash'       // a `#` inside a value cut the value short
  | 'quoted-value'         // quotes are kept as part of the value
  | 'numeric-conversion'   // a number-like value is rewritten by Lua (`05432` -> `5432`, `1e3` -> `1000`)
  | 'none-literal'         // `NONE` written by the user: Kong keeps the word except for injected nginx directives
  | 'dangling-continuation' // a `\` on the last line: Kong drops that pending text
  | 'byte-order-mark'      // a UTF-8 BOM: Kong reads it as part of the first line
  | 'latin1-comment'       // comments holding bytes that are not UTF-8: read as Latin-1, Kong skips them
  | 'env-overrides-file'   // a KONG_* variable replaces a file setting
  | 'layer-overrides-file' // a Helm `env:` entry, a container's environment or a Dockerfile `ENV` replaces a kong.conf setting (or a lower layer's)
  | 'unreadable-value'     // a Helm `env:` entry or container variable read from a Secret or ConfigMap at deploy time or from the shell, a KONG_*_FILE variable, or a Dockerfile ENV built from a build argument without default
  | 'file-env-conflict'    // KONG_X and KONG_X_FILE both set: the official image's entrypoint refuses to start
  | 'unread-override-file' // a compose.override.yaml beside the compose file given, which docker compose reads unasked, was not given
  | 'ignored-by-systemd'   // a KONG_* assignment of a systemd unit or EnvironmentFile that systemd ignores (`export KONG_X=1`, unbalanced quotes)
  | 'unread-unit-file'     // a kong.conf or nginx template a systemd unit's Kong command names that the check was not given
  | 'yaml-boolean'         // an unquoted `off`/`on`/`yes`/`no` that YAML 1.1 turns into true/false
  | 'helm-render-refused'  // a Helm `env:` entry the Kong chart refuses, so the release does not render
  | 'exponent-number'      // a number Helm renders in exponent form (1000000 -> 1e+06)
  | 'enterprise-on-oss-image' // Helm values turn on the chart's Enterprise block while the chart runs an open-source image
  | 'chart-upgrade-refuses' // Helm values the chart release in use accepts but every newer chart release refuses
  | 'enterprise-switch-text'; // Helm `enterprise.enabled` written as text saying off ("false"), which the chart's templates read as on

export interface ConfDiagnostic {
  kind: ConfDiagnosticKind;
  key?: string;
  /** One sentence for the operator. Never contains a value (values may be secrets). */
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
  /**
   * The effective explicit setting of a key (env beats file), or undefined when unset or set to
   * NONE/empty. (An explicit empty value differs from absence in Kong: it also drops the default,
   * and enum and *_listen properties refuse it: conf/value-invalid reads those through `raw`.
   * Kong keeps a user's `NONE` as the word except for injected nginx directives; `none-literal`
   * diagnostics flag it. Use `raw` to see such settings.)
   */
  get(key: string): ConfSetting | undefined;
  has(key: string): boolean;
  /** Every effective explicit setting: file settings in file order, then env-only settings. */
  settings(): ConfSetting[];
  /** Effective settings whose key starts with a prefix (`cassandra_`, `nginx_http_`). */
  withPrefix(prefix: string): ConfSetting[];
  /** The effective setting of a key even when its value is empty or NONE (for rules that need the line). */
  raw(key: string): ConfSetting | undefined;
  /** Every effective setting, empty and NONE ones included, in the order of `settings()`. */
  rawSettings(): ConfSetting[];
  /** Effective settings that come from `KONG_*` environment variables (empty ones included). */
  envSettings(): ConfSetting[];
  /** Oddities Kong silently tolerates, for rules to report. */
  readonly diagnostics: readonly ConfDiagnostic[];
  /** A place to anchor installation-wide findings: the file's first line (or the first values file's). */
  anchor(): FileOrigin | undefined;
}
