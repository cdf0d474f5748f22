// COMPOSE_FILE as docker compose reads it when given no -f: the list of compose files of the
// project, split at COMPOSE_PATH_SEPARATOR (default the platform's path-list separator, `:` on
// Linux), each relative to the folder docker compose runs in. When it is set, docker compose never
// looks for compose.yaml or its override file (compose-go cli/options.go `WithConfigFileEnv` runs
// before `WithDefaultConfigPath`, which does nothing once files are chosen). The variable comes
// from the shell, else from the `.env` of the folder docker compose runs in (`WithOsEnv`, then
// `WithDotEnv`, whose `Mapping.Merge` keeps what the shell set).

import { delimiter, resolve } from 'node:path';

/** The files COMPOSE_FILE lists, absolute, in its order; undefined when it is unset or empty. */
export function composeFileList(variables: { get(name: string): string | undefined }, base: string): string[] | undefined {
  const value = variables.get('COMPOSE_FILE');
  if (value === undefined || value.trim() === '') return undefined;
  const separator = variables.get('COMPOSE_PATH_SEPARATOR') || delimiter;
  return value.split(separator).filter((entry) => entry !== '').map((entry) => resolve(base, entry));
}

/**
 * The files to read when COMPOSE_FILE of the check's environment lists one of the files given:
 * each member not given is placed before the given member that follows it in the list (after the
 * last given member when none follows), so the project merges in COMPOSE_FILE's order while the
 * files given keep theirs. Undefined when COMPOSE_FILE lists none of the files given.
 */
export function withComposeFileMembers(files: readonly string[], listed: readonly string[], cwd: string): { files: string[]; added: string[] } | undefined {
  const given = new Map(files.map((file) => [resolve(cwd, file), file]));
  if (!listed.some((member) => given.has(member))) return undefined;
  const added = listed.filter((member) => !given.has(member));
  if (added.length === 0) return { files: [...files], added: [] };
  const out: string[] = [];
  // The members not given that precede each given member (or lead the list), placed with it.
  const before = new Map<string, string[]>();
  let pending: string[] = [];
  for (const member of listed) {
    if (given.has(member)) {
      if (pending.length > 0) before.set(member, pending);
      pending = [];
    } else pending.push(member);
  }
  const trailing = pending;
  const lastGiven = [...listed].reverse().find((member) => given.has(member))!;
  for (const file of files) {
    const absolute = resolve(cwd, file);
    out.push(...(before.get(absolute) ?? []), file);
    if (absolute === lastGiven) out.push(...trailing);
  }
  return { files: [...new Set(out)], added };
}
