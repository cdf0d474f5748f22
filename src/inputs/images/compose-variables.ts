// The values docker compose substitutes for `${NAME}` in a compose file: the environment
// `docker compose` runs in first, and the project's env file (`.env`) only for names that
// environment leaves unset. compose-go cli/options.go@e70e961 `WithOsEnv` fills the project
// environment from the process, then `WithDotEnv` adds the env file's entries with
// types/mapping.go@e70e961 `Mapping.Merge`, which keeps every name already set; docker/compose
// cmd/compose/compose.go@f72979427 `toProjectOptions` applies them in that order. The check runs
// in the deploy's job (a CI step that exports KONG_IMAGE before `docker compose up`), so its
// environment stands for that shell.

import { isSecretName } from '../../knowledge/conf/sensitive';
import type { DotEnvEntry } from './dotenv';
import type { VariableLookup } from './interpolate';

/** What the env file read says beyond its values (./dotenv.ts, shared maps of one read). */
export interface EnvFileProvenance {
  /** Entries whose value waits on variables nobody here sets (`PG_PASS=${VAULT_PG_PASS}`), with those variables. */
  unknown?: ReadonlyMap<string, readonly string[]>;
  /** Entries whose value took variables of the check's environment (`KONG_TAG=${CI_TAG}`), with their names. */
  fromLookup?: ReadonlyMap<string, readonly string[]>;
}

export interface ComposeVariables {
  /** Every value known, the environment's over the env file's. */
  values: ReadonlyMap<string, string>;
  /** Names whose value was taken from the check's environment rather than the env file. */
  fromEnvironment: ReadonlySet<string>;
  /** Env file entries built from the check's environment, with the names taken from it. */
  environmentBehind: ReadonlyMap<string, readonly string[]>;
  /**
   * `values` for interpolation: an env file entry built from a variable nobody here sets is only a
   * stand-in for that variable, and whatever copies it depends on the variable too.
   */
  known: VariableLookup;
  /**
   * Values of the environment's variables whose names say they hold a secret (`DB_PASSWORD`,
   * `CI_JOB_TOKEN`): once the compose file may copy them anywhere, the report hides them by value.
   */
  secretValues: string[];
}

export function composeVariables(environment: Readonly<Record<string, string | undefined>>, envFile: ReadonlyMap<string, string>, provenance: EnvFileProvenance = {}): ComposeVariables {
  const values = new Map(envFile);
  const fromEnvironment = new Set<string>();
  const secretValues: string[] = [];
  for (const [name, value] of Object.entries(environment)) {
    if (value === undefined) continue;
    values.set(name, value);
    fromEnvironment.add(name);
    if (isSecretName(name)) secretValues.push(value);
  }
  // A name the environment sets takes the environment's value: the env file's provenance is moot.
  const unlessSet = (map: ReadonlyMap<string, readonly string[]> | undefined) => new Map([...(map ?? [])].filter(([name]) => !fromEnvironment.has(name)));
  const unknown = unlessSet(provenance.unknown);
  const environmentBehind = unlessSet(provenance.fromLookup);
  const known: VariableLookup = { get: (name) => values.get(name), unknownOf: (name) => unknown.get(name) };
  return { values, fromEnvironment, environmentBehind, known, secretValues };
}

/**
 * The values of a .env's secret-named entries (`PG_PASSWORD=${CI_DB_PASSWORD}`), as written and
 * as substituted: the compose file may copy either anywhere, so the report hides both.
 */
export function secretEntryValues(entries: readonly DotEnvEntry[]): string[] {
  return entries.filter((entry) => isSecretName(entry.name)).flatMap((entry) => (entry.written === entry.value ? [entry.value] : [entry.value, entry.written]));
}
