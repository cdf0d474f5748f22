// The compose profiles the deployment activates, taken as docker compose takes them: the
// `--profile` flags when any is given (each one profile, never split), otherwise COMPOSE_PROFILES
// split at commas. A flag given makes docker compose ignore the variable entirely: the two are
// never combined (compose-go cli/options.go `WithDefaultProfiles`, called by docker/compose
// cmd/compose/compose.go `toProjectOptions` with the `--profile` values; docker/compose
// docs/reference/compose.md "If flags are explicitly set on the command line, the associated
// environment variable is ignored").

export interface ComposeProfiles {
  /** The active profile names; `*` activates every profile. */
  names: string[];
  /** How the user set them, for messages: `--profile prod` or `COMPOSE_PROFILES=prod`. */
  said: string;
}

/**
 * The active profiles, or undefined when neither `--profile` nor COMPOSE_PROFILES is given (docker
 * compose then starts only the services without profiles).
 */
export function activeComposeProfiles(flags: readonly string[] | undefined, env: Record<string, string | undefined>): ComposeProfiles | undefined {
  if (flags && flags.length > 0) return { names: [...flags], said: flags.map((name) => `--profile ${name}`).join(' ') };
  const variable = env.COMPOSE_PROFILES;
  if (variable === undefined) return undefined;
  return { names: variable.split(',').map((name) => name.trim()).filter((name) => name !== ''), said: `COMPOSE_PROFILES=${variable}` };
}
