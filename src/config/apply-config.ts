// Merges .kong-preflight.yml into the check's options: a flag given on the command line always
// wins, the file fills the rest. Paths in the file are relative to its folder. The rule policy
// (off, severity overrides) becomes the engine's RunOptions.

import { isAbsolute, relative, resolve } from 'node:path';
import { InputError } from '../errors';
import type { Severity } from '../model/finding';
import { asList, type ConfigFile, type LoadedConfig } from './types';
import { keyName } from './load-config';

/**
 * Config key -> check option name (the attribute commander gives the flag) and how to read it.
 * Inputs other modules add (declarative files, templates, plugin folders, PostgreSQL) are listed
 * here so the file can already name them; the option name must match their flag's attribute.
 */
const CONFIG_TO_OPTION: readonly [keyof ConfigFile, string, 'value' | 'values' | 'path' | 'paths'][] = [
  ['from', 'from', 'value'],
  ['to', 'to', 'value'],
  ['edition', 'edition', 'value'],
  ['topology', 'topology', 'value'],
  ['role', 'role', 'value'],
  ['backup', 'backup', 'path'],
  ['failOn', 'failOn', 'value'],
  ['baseline', 'baseline', 'path'],
  ['category', 'category', 'value'],
  ['maxFileSize', 'maxFileSize', 'value'],
  ['declarative', 'declarative', 'paths'],
  ['nginxTemplates', 'nginxTemplate', 'paths'],
  ['pluginDirs', 'pluginDir', 'paths'],
  ['helmValues', 'helmValues', 'paths'],
  ['imageFiles', 'imageFile', 'paths'],
  ['systemdUnits', 'systemdUnit', 'paths'],
  ['profiles', 'profile', 'values'],
  ['composeEnvFiles', 'composeEnvFile', 'paths'],
  ['helmfileEnvironment', 'helmfileEnvironment', 'value'],
  ['os', 'os', 'value'],
  ['rulesDir', 'rulesDir', 'paths'],
];

/**
 * Fills `options` (mutated) from the configuration for every option not given on the command
 * line, and returns the kong.conf to check. `given` holds the attribute names of flags the
 * user typed.
 */
export function applyConfigDefaults(
  confFile: string | undefined,
  options: Record<string, unknown>,
  loaded: LoadedConfig | undefined,
  given: ReadonlySet<string>,
  env: Record<string, string | undefined>,
  cwd: string,
  /** Receives the option names the file supplied, so the report can say where a value came from. */
  filled: Set<string> = new Set(),
): string | undefined {
  if (!loaded) return confFile;
  const { config, dir } = loaded;
  // Reports show paths as the user would type them: relative to the working folder when inside
  // it. Loaders open relative paths against the process's folder, so only when that is `cwd`.
  const path = (p: string) => {
    const absolute = resolve(dir, p);
    const rel = relative(cwd, absolute);
    const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
    return inside && resolve(cwd) === process.cwd() ? rel : absolute;
  };
  for (const [key, option, kind] of CONFIG_TO_OPTION) {
    const value = config[key];
    if (value === undefined || given.has(option)) continue;
    filled.add(option);
    if (kind === 'value') options[option] = value;
    else if (kind === 'values') options[option] = asList(value as string | string[]);
    else if (kind === 'path') options[option] = path(value as string);
    else options[option] = asList(value as string | string[]).map(path);
  }
  if (config.pg && !given.has('pg')) {
    const url = env[config.pg.urlEnv];
    if (url === undefined || url === '') {
      throw new InputError(`pg.urlEnv: the environment variable ${config.pg.urlEnv} is not set`, { file: loaded.file, line: loaded.lineOf(['pg', 'urlEnv']) });
    }
    options.pg = url;
  }
  return confFile ?? (config.kongConf ? path(config.kongConf) : undefined);
}

export interface RulePolicy {
  disabled: Set<string>;
  severityOverrides: Map<string, Severity>;
}

/** The `rules:` section as engine options; an id no rule has is an input error naming the key. */
export function rulePolicy(loaded: LoadedConfig | undefined, knownRules: ReadonlySet<string>): RulePolicy {
  const policy: RulePolicy = { disabled: new Set(), severityOverrides: new Map() };
  if (!loaded) return policy;
  for (const [id, setting] of Object.entries(loaded.config.rules ?? {})) {
    if (!knownRules.has(id)) {
      throw new InputError(`${keyName(['rules', id])}: no rule has this id (\`kong-preflight rules\` lists them)`, { file: loaded.file, line: loaded.lineOf(['rules', id]) });
    }
    if (setting === 'off') policy.disabled.add(id);
    else if (setting !== 'on') policy.severityOverrides.set(id, setting);
  }
  (loaded.config.ignores ?? []).forEach((entry, i) => {
    const area = entry.rule.endsWith('/*') ? entry.rule.slice(0, -1) : undefined;
    const exists = area ? [...knownRules].some((id) => id.startsWith(area)) : knownRules.has(entry.rule);
    if (!exists) {
      throw new InputError(`${keyName(['ignores', i, 'rule'])}: no rule matches "${entry.rule}"`, { file: loaded.file, line: loaded.lineOf(['ignores', i, 'rule']) });
    }
  });
  return policy;
}

/**
 * `--print-config`: the configuration file used and the settings the check will run with, under
 * the configuration file's own keys, so the `settings` part can be pasted into a
 * .kong-preflight.yml as it is. Empty lists (flags not given) are left out. The database URL is
 * never printed: the `pg` entry names the variable it came from, as the file writes it.
 */
export function printConfig(loaded: LoadedConfig | undefined, confFile: string | undefined, options: Record<string, unknown>, given: ReadonlySet<string>): string {
  const settings: Record<string, unknown> = {};
  if (confFile) settings.kongConf = confFile;
  for (const [key, option] of CONFIG_TO_OPTION) {
    const value = options[option];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    settings[key] = value;
  }
  const fromFile = loaded?.config.pg !== undefined && options.pg !== undefined && !given.has('pg');
  if (fromFile) settings.pg = { urlEnv: loaded!.config.pg!.urlEnv };
  const out = {
    configFile: loaded?.file ?? null,
    settings,
    ...(options.pg !== undefined && !fromFile ? { database: '--pg given (the URL is not printed)' } : {}),
    rules: loaded?.config.rules ?? {},
    ignores: loaded?.config.ignores ?? [],
    ...(loaded?.config.sarif ? { sarif: loaded.config.sarif } : {}),
  };
  // Loaded here only: printing the configuration is the one use of `yaml` in a normal check.
  return (require('yaml') as typeof import('yaml')).stringify(out);
}
