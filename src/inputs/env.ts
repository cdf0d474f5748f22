// `KONG_*` environment variables as Kong looks them up: for a property `pg_host` it reads exactly
// `KONG_PG_HOST` (`overrides()` in Kong/kong kong/conf_loader/parse.lua@3.9.3). Callers pass the
// environment in (the CLI passes process.env, tests their own object).

export interface KongEnvVar {
  /** The variable name, `KONG_PG_HOST`. */
  name: string;
  /** The property it sets, `pg_host`. */
  key: string;
  /**
   * The exact content. An empty string is a value too: Kong's parse_value turns it into nil, which
   * unsets most properties but makes Kong refuse to start for enum and *_listen properties.
   */
  value: string;
}

/**
 * The `KONG_*` variables Kong could read, by name (`{ KONG_PG_HOST: 'db' }`): what the CLI hands
 * to the loader and to edition detection, so no unrelated variable travels further.
 */
export function collectKongEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(kongEnvVars(env).map((variable) => [variable.name, variable.value]));
}

/**
 * Every `KONG_*` variable Kong could read, sorted by name. A name with a lower-case letter after
 * `KONG_` (`KONG_pg_host`) is left out: Kong only ever asks for the upper-cased name.
 */
export function kongEnvVars(env: Readonly<Record<string, string | undefined>>): KongEnvVar[] {
  const vars: KongEnvVar[] = [];
  for (const [name, value] of Object.entries(env)) {
    const key = value === undefined ? undefined : kongPropertyOf(name);
    if (key !== undefined) vars.push({ name, key, value: value! });
  }
  return vars.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The property a variable sets (`KONG_PG_HOST` -> `pg_host`), or undefined when Kong never reads it.
 * Kong names the variable `"KONG_" .. upper(key)` with Lua's string.upper, which in the C locale
 * (Kong sets no other: no setlocale in Kong/kong@3.9.3) changes ASCII letters only. So the case
 * mapping here is ASCII too: `KONG_\u212AONNECT_MODE` (a Kelvin sign, which JavaScript lower-cases to
 * `k`) sets no `konnect_mode`, and a name with a lower-case ASCII letter is never asked for.
 */
export function kongPropertyOf(name: string): string | undefined {
  if (!name.startsWith('KONG_')) return undefined;
  const rest = name.slice('KONG_'.length);
  return rest === '' || /[a-z]/.test(rest) ? undefined : rest.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** The variable Kong reads for a property: `KONG_` + the key with its ASCII letters upper-cased. */
export function envNameFor(key: string): string {
  return `KONG_${key.replace(/[a-z]/g, (c) => c.toUpperCase())}`;
}
