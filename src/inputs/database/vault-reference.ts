// kong.conf settings may be vault references (`pg_password = {vault://env/kong-pg-password}`):
// Kong resolves them at start. For the settings that say how to reach the database, a reference
// to the `env` vault is resolved here as Kong's env vault does, from this check's environment;
// any other vault cannot be read here, and trying the reference text as a password only failed
// as a wrong password.
//
// As Kong reads them (kong/pdk/vault.lua@3.9.3 parse_reference, lines 122-182): `{vault://NAME/
// RESOURCE[/KEY][?query][#version]}`; a last path part after the resource is a key into the
// resource's JSON object (extract_key_from_json_string, lines 288-300: flat objects, string
// values). The env vault reads the variable named by the prefix (the `prefix` query argument, else
// vault_env_prefix) and the resource, upper-cased with `-` turned into `_`; version 2 reads the
// name with `_PREVIOUS` (kong/vaults/env/init.lua@3.9.3 `get`).

/**
 * A path part with its `%XX` escapes decoded, as Kong's unescape_uri does; a malformed escape
 * (`%zz`) leaves the part as written, where decodeURIComponent would throw. (OpenResty's
 * ngx.unescape_uri keeps a `%` that starts no valid escape.)
 */
function unescapePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export type VaultReading = { value: string } | { unreadable: string };

export function resolveEnvReference(reference: string, env: Readonly<Record<string, string | undefined>>, defaultPrefix?: string): VaultReading {
  let url: URL;
  try {
    url = new URL(reference.slice(1, -1));
  } catch {
    return { unreadable: 'is not a vault reference Kong can parse' };
  }
  const name = url.hostname;
  if (name !== 'env') return { unreadable: `refers to the vault \`${name}\`, which kong-preflight does not read` };
  const parts = url.pathname.replace(/^\//, '').split('/').filter((part) => part !== '').map(unescapePart);
  if (parts.length === 0) return { unreadable: 'names no resource' };
  const directory = url.pathname.endsWith('/');
  const [resource, key] = parts.length === 1 || directory ? [parts.join('/'), undefined] : [parts.slice(0, -1).join('/'), parts[parts.length - 1]];
  const prefix = url.searchParams.get('prefix') ?? defaultPrefix ?? '';
  const version = url.hash ? Number(url.hash.slice(1)) : undefined;
  const variable = `${prefix}${resource}`.replace(/-/g, '_').toUpperCase() + (version === 2 ? '_PREVIOUS' : '');
  const value = env[variable];
  if (value === undefined) return { unreadable: `reads ${variable}, which is not set in the environment of this check` };
  if (key === undefined) return { value };
  let object: unknown;
  try {
    object = JSON.parse(value);
  } catch {
    return { unreadable: `reads the key \`${key}\` of ${variable}, which does not hold JSON` };
  }
  const field = object !== null && typeof object === 'object' && !Array.isArray(object) ? (object as Record<string, unknown>)[key] : undefined;
  return typeof field === 'string' ? { value: field } : { unreadable: `reads the key \`${key}\` of ${variable}, which holds no such text` };
}
