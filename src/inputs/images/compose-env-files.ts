// The env files docker compose reads the project's variables from instead of the `.env` of the
// project folder: `--env-file` (repeatable), whose default is COMPOSE_ENV_FILES of the shell split
// at commas (docker/compose cmd/compose/compose.go@f72979427 `defaultStringArrayVar`, read when the
// flags are made, so a `.env` cannot set it). Given any, the `.env` is not read at all
// (compose-go cli/options.go@e70e961 `WithEnvFiles`); relative paths start from the folder docker
// compose runs in (docker/compose `normalizeProjectOptions`); a later file's value wins and a
// missing file stops docker compose (compose-go dotenv/env.go@e70e961 `GetEnvFromFile`).

import { resolve } from 'node:path';

export interface ComposeEnvFiles {
  /** Absolute paths, in order. */
  files: string[];
  /** How the user named them, for messages: `--compose-env-file prod.env` or `COMPOSE_ENV_FILES=prod.env`. */
  said: string;
}

/** The env files chosen (`flags`: the check's --compose-env-file), or undefined when neither flags nor COMPOSE_ENV_FILES name one. */
export function chosenComposeEnvFiles(flags: readonly string[] | undefined, env: Readonly<Record<string, string | undefined>>, cwd: string): ComposeEnvFiles | undefined {
  if (flags && flags.length > 0) return { files: flags.map((file) => resolve(cwd, file)), said: flags.map((file) => `--compose-env-file ${file}`).join(' ') };
  const variable = env.COMPOSE_ENV_FILES ?? '';
  const listed = variable.split(',').filter((file) => file !== '');
  if (listed.length === 0) return undefined;
  return { files: listed.map((file) => resolve(cwd, file)), said: `COMPOSE_ENV_FILES=${variable}` };
}
