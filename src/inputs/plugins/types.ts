// Custom plugin sources given with `--plugin-dir` (or found through lua_package_path, or copied
// into the image by a Dockerfile read), read and tokenized once so every plugin rule sees the same
// tokens and positions.

import type { FileOrigin } from '../../model/origin';
import type { LuaToken } from '../lua/tokenizer';

/** What a Lua file is for, from its place in the plugin folder. */
export type LuaFileRole = 'handler' | 'schema' | 'daos' | 'api' | 'migrations-index' | 'migration' | 'other';

export interface LuaFile {
  /** The path as findings print it: the given plugin dir joined with the file's place in it. */
  path: string;
  role: LuaFileRole;
  /** All tokens, comments included. */
  tokens: LuaToken[];
  /** Tokens without comments: what rules match on. */
  code: LuaToken[];
  /**
   * The file's place in the plugin folder (`handler.lua`, `migrations/000_base.lua`) when `path`
   * is not the file itself: the manifest whose ConfigMap or Secret key holds its text.
   */
  place?: string;
}

export type PluginLanguage = 'lua' | 'go' | 'javascript' | 'python';

/** A source file of a plugin run by a plugin server (Go, JavaScript, Python). */
export interface ExternalFile {
  path: string;
  language: Exclude<PluginLanguage, 'lua'>;
  /** The file's lines with comments blanked (same line numbers), for simple searches. */
  lines: string[];
}

export interface CustomPlugin {
  /**
   * The plugin name Kong knows it by: the module name a rockspec installs it under, else the
   * folder name (Lua); for plugin-server plugins, the name their server gives them.
   */
  name: string;
  /** Where the name came from, when not simply from the plugin's folder. */
  naming?: PluginNaming;
  /** The plugin's folder (or file, for a single-file external plugin) as given. */
  dir: string;
  language: PluginLanguage;
  luaFiles: LuaFile[];
  externalFiles: ExternalFile[];
  handler?: LuaFile;
  schema?: LuaFile;
  daos?: LuaFile;
  migrations: LuaFile[];
  /** Where to anchor findings about the plugin as a whole. */
  origin: FileOrigin;
  /** Python: the exact `kong-pdk==X` pin of a requirements.txt beside the plugin, when there is one. */
  pdkPin?: { version: string; origin: FileOrigin };
  /**
   * How it was found: `--plugin-dir`, `lua_package_path` on this machine, a project folder a
   * Dockerfile read copies to where Kong loads plugins from, or the keys of a ConfigMap or Secret
   * that Kong's Helm chart mounts as the plugin's folder (`plugins.configMaps`).
   */
  foundVia: 'plugin-dir' | 'lua_package_path' | 'dockerfile-copy' | 'chart-object';
}

/**
 * `rockspec`: read from `build.modules` of that rockspec. `folder-above-src`: the files sit in a
 * folder called src and no rockspec names them, so the folder above it gave the name (a guess).
 * `go-file-declared`: a Go program built from that one file, whose name kong.conf declares.
 * `dockerfile-copy`: a --plugin-dir folder that the Dockerfile read copies in under another
 * folder name (`at` is the step, `COPY at Dockerfile:29`).
 */
export type PluginNaming =
  | { from: 'rockspec'; rockspec: string }
  | { from: 'folder-above-src' }
  | { from: 'go-file-declared'; file: string }
  | { from: 'dockerfile-copy'; at: string };

export interface CustomPlugins {
  /** The directories that were searched, as given. */
  roots: string[];
  plugins: CustomPlugin[];
  /** Bundled plugins found in a tree that also holds Kong's own code: Kong's, not custom, so not read. */
  setAside?: { name: string; dir: string }[];
}

/** A Dockerfile step that puts a custom plugin's code where Kong loads it, not read here. */
export interface PluginCopyNotRead {
  /** `COPY at Dockerfile:4`. */
  at: string;
  source: string;
  destination: string;
  /** The plugin it installs, when the step names one (`kong/plugins/NAME`, or the misplaced folder's name). */
  plugin?: string;
}

/**
 * The steps of the Dockerfile read whose plugin code was not read: sources absent here, and plugin
 * folders copied into `kong/plugins/` itself (their files land beside the plugins, not in one).
 * Read by plugins/unlocated-custom-plugin so it can say why an enabled plugin's code was not found.
 */
export interface PluginCopiesNotRead {
  absent: PluginCopyNotRead[];
  misplaced: PluginCopyNotRead[];
  /**
   * Plugins Kong's Helm chart installs from a ConfigMap or Secret whose code was not read, and
   * why (`it comes from ConfigMap NAME, which the Kong chart mounts at ...: give its manifest ...`).
   */
  chartObjects?: { plugin: string; why: string }[];
}
