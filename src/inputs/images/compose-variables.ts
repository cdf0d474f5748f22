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

export interface ComposeVariables {
  /** Every value known, the environment's over the env file's. */
  values: ReadonlyMap<string, string>;
  /** Names whose value was taken from the check's environment rather than the env file. */
  fromEnvironment: ReadonlySet<string>;
  /**
   * Values of the environment's variables whose names say they hold a secret (`DB_PASSWORD`,
   * `CI_JOB_TOKEN`): once the compose file may copy them anywhere, the report hides them by value.
   */
  secretValues: string[];
}

export function composeVariables(environment: Readonly<Record<string, string | undefined>>, envFile: ReadonlyMap<string, string>): ComposeVariables {
  const values = new Map(envFile);
  const fromEnvironment = new Set<string>();
  const secretValues: string[] = [];
  for (const [name, value] of Object.entries(environment)) {
    if (value === undefined) continue;
    values.set(name, value);
    fromEnvironment.add(name);
    if (isSecretName(name)) secretValues.push(value);
  }
  return { values, fromEnvironment, secretValues };
}

/**
 * The values of a .env's secret-named entries (`PG_PASSWORD=${CI_DB_PASSWORD}`), as written and
 * as substituted: the compose file may copy either anywhere, so the report hides both.
 */
export function secretEntryValues(entries: readonly DotEnvEntry[]): string[] {
  return entries.filter((entry) => isSecretName(entry.name)).flatMap((entry) => (entry.written === entry.value ? [entry.value] : [entry.value, entry.written]));
}
