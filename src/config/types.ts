// The shape of .kong-preflight.yml (schemas/config.schema.json is the authority).

import type { Severity } from '../model/finding';

export type PathList = string | string[];

export interface IgnoreEntry {
  rule: string;
  paths?: PathList;
  reason: string;
  expires?: string;
}

export interface ConfigFile {
  kongConf?: string;
  from?: string;
  to?: string;
  edition?: 'oss' | 'enterprise';
  topology?: 'traditional' | 'hybrid' | 'dbless';
  role?: 'traditional' | 'control_plane' | 'data_plane' | 'dbless';
  backup?: string;
  pg?: { urlEnv: string };
  declarative?: PathList;
  nginxTemplates?: PathList;
  pluginDirs?: PathList;
  helmValues?: PathList;
  imageFiles?: PathList;
  systemdUnits?: PathList;
  /** Compose profiles to activate (--profile). */
  profiles?: string | string[];
  /** Env files read in place of the compose project's .env (--compose-env-file). */
  composeEnvFiles?: PathList;
  /** The helmfile environment (--helmfile-environment). */
  helmfileEnvironment?: string;
  os?: string;
  rulesDir?: PathList;
  failOn?: Severity | 'none';
  baseline?: string;
  category?: string;
  /** `--max-file-size`: `50MB`, `10MiB` or bytes. */
  maxFileSize?: string | number;
  sarif?: { aggregateAbove?: number };
  rules?: Record<string, 'off' | 'on' | Severity>;
  ignores?: IgnoreEntry[];
}

export interface LoadedConfig {
  file: string;
  /** Relative paths in the file are resolved against this folder. */
  dir: string;
  config: ConfigFile;
  /** The line of a key path in the file (for findings about ignores). */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

export function asList(value: PathList | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
