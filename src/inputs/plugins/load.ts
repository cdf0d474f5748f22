// Finds custom plugins in the folders given with `--plugin-dir` and reads them. A folder may be one
// plugin (handler.lua, schema.lua...), a folder of plugins, a tree with the `kong/plugins/<name>/`
// layout of a rock (or its kong/ folder), a repository with its plugins under plugins/<name>/, a
// repository whose rockspec maps `kong.plugins.<name>.*` modules to its files (often kept under
// src/), a folder of such repositories, or hold Go, JavaScript or Python plugins for a plugin server.

import * as fs from 'fs';
import * as path from 'path';
import { InputError } from '../../errors';
import { fileOrigin } from '../../model/origin';
import { codeTokens, tokenizeLua } from '../lua/tokenizer';
import { externalPluginsIn } from './external';
import { subdirs, walk } from './folders';
import { isDirectory, isFile } from '../file-kind';
import { isInKongCodeTree } from './kong-tree';
import { pluginsOfRockspec, rockspecsIn, type RockspecPlugin } from './rockspec';
import type { CustomPlugin, CustomPlugins, LuaFile, LuaFileRole, PluginNaming } from './types';

const LUA_MARKERS = ['handler.lua', 'schema.lua'];
// How far above a plugin folder given directly its repository root (and rockspec) may be:
// `<root>/src`, `<root>/plugins/<name>`, `<root>/kong/plugins/<name>`.
const ROCKSPEC_LEVELS_UP = 3;

export interface LoadOptions {
  /**
   * The plugins the source version bundles. In a tree that also holds Kong's own code, folders
   * of these names are Kong's bundled plugins, not custom ones, and are set aside unread.
   */
  bundled?: ReadonlySet<string>;
}

type Via = CustomPlugin['foundVia'];
type SetAside = NonNullable<CustomPlugins['setAside']>;

/** Reads every plugin under the given folders; raises InputError for a missing or plugin-less folder. */
export function loadPluginDirs(dirs: readonly string[], options: LoadOptions = {}): CustomPlugins {
  const plugins: CustomPlugin[] = [];
  const setAside: SetAside = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) throw new InputError(`--plugin-dir ${dir}: no such directory`, { file: dir });
    if (!isDirectory(dir)) {
      throw new InputError(`--plugin-dir expects a folder, but this is a file; give the folder that holds the plugin (${path.dirname(dir)})`, { file: dir });
    }
    const found = new Finder(options.bundled ?? new Set()).pluginsIn(dir, 'plugin-dir');
    if (found.plugins.length === 0 && found.setAside.length === 0) {
      throw new InputError(
        `--plugin-dir ${dir}: no plugin found (expected handler.lua or schema.lua in the folder, in its sub-folders, `
        + 'under plugins/<name>/ or kong/plugins/<name>/, or mapped by a rockspec\'s build.modules; or Go/JavaScript/Python plugin-server sources)', { file: dir });
    }
    plugins.push(...found.plugins);
    setAside.push(...found.setAside.filter((s) => !setAside.some((t) => path.resolve(t.dir) === path.resolve(s.dir))));
  }
  return { roots: [...dirs], plugins: dedupe(plugins), ...(setAside.length > 0 ? { setAside } : {}) };
}

/**
 * Looks for `kong/plugins/<name>/` under the lua_package_path roots that exist on this machine.
 * Names found nowhere are returned so a rule can say their code was not checked.
 */
export function locateInPackagePath(roots: readonly string[], names: readonly string[]): { plugins: CustomPlugin[]; unlocated: string[] } {
  const plugins: CustomPlugin[] = [];
  const unlocated: string[] = [];
  for (const name of names) {
    const folder = roots.map((r) => path.join(r, 'kong', 'plugins', name)).find(isLuaPluginFolder);
    if (folder) plugins.push(readLuaPlugin(folder, 'lua_package_path'));
    else unlocated.push(name);
  }
  return { plugins, unlocated };
}

/**
 * The plugins in a folder found some other way than `--plugin-dir` (a Dockerfile's COPY source),
 * read like one; bundled plugins in a tree of Kong's own code are set aside. Never raises: a folder
 * without plugins gives none.
 */
export function pluginsInFolder(dir: string, via: Via, bundled: ReadonlySet<string>): CustomPlugin[] {
  if (!isDirectory(dir)) return [];
  return dedupe(new Finder(bundled).pluginsIn(dir, via).plugins);
}

/**
 * The plugins `luarocks make` run in `root` installs: those its rockspec's build.modules map
 * under `kong.plugins.*`, from their files on this machine; none when `root` holds no rockspec.
 */
export function rockspecPluginsIn(root: string, via: Via, bundled: ReadonlySet<string>): CustomPlugin[] {
  if (!isDirectory(root)) return [];
  const read = rockspecsIn(root).flatMap(pluginsOfRockspec).map((plugin) => readRockspecPlugin(plugin, via));
  return dedupe(read.filter((plugin): plugin is CustomPlugin => plugin !== undefined && !bundled.has(plugin.name)));
}

/**
 * The Lua plugin in `dir`, under the name Kong knows it by (the folder it is installed as, whatever
 * the project calls it); undefined when `dir` holds no handler.lua or schema.lua.
 */
export function namedLuaPlugin(dir: string, name: string, via: Via): CustomPlugin | undefined {
  if (!isLuaPluginFolder(dir)) return undefined;
  return { ...readLuaPlugin(dir, via), name };
}

/**
 * A Lua plugin assembled from single files a Dockerfile copies into its folder: each file with its
 * place in the plugin folder (`handler.lua`, `migrations/000_init.lua`), which gives its role.
 * Undefined without a handler.lua or schema.lua, as a folder without them is no plugin.
 */
export function luaPluginFromFiles(name: string, files: readonly { file: string; place: string }[], via: Via): CustomPlugin | undefined {
  const luaFiles = files.filter((f) => f.place.endsWith('.lua') && isFile(f.file)).map((f) => readLuaFile(f.file, roleOf(path.normalize(f.place))));
  if (!luaFiles.some((f) => f.role === 'handler' || f.role === 'schema')) return undefined;
  const anchor = luaFiles.find((f) => f.role === 'handler') ?? luaFiles.find((f) => f.role === 'schema') ?? luaFiles[0];
  return assemble(name, path.dirname(anchor.path), luaFiles, via);
}

/**
 * A Lua plugin from files that are not on this machine as files (the keys of a ConfigMap), read
 * already: each with its place in the plugin folder, which gives its role. Undefined without a
 * handler.lua or schema.lua, as a folder without them is no plugin.
 */
export function luaPluginFromTexts(name: string, dir: string, files: readonly Omit<LuaFile, 'role'>[], via: Via): CustomPlugin | undefined {
  const luaFiles = files.filter((f) => f.place?.endsWith('.lua')).map((f) => ({ ...f, role: roleOf(path.normalize(f.place!)) }));
  if (!luaFiles.some((f) => f.role === 'handler' || f.role === 'schema')) return undefined;
  return assemble(name, dir, luaFiles, via);
}

class Finder {
  private readonly plugins: CustomPlugin[] = [];
  private readonly setAside: SetAside = [];

  constructor(private readonly bundled: ReadonlySet<string>) {}

  pluginsIn(dir: string, via: Via): { plugins: CustomPlugin[]; setAside: SetAside } {
    if (isLuaPluginFolder(dir)) {
      // A plugin folder given directly: a rockspec in it or in its repository root names it.
      const named = this.rockspecPluginsOf(dir, via);
      if (named.length > 0) this.plugins.push(...named);
      else this.addLuaFolder(dir, via);
      return { plugins: this.plugins, setAside: this.setAside };
    }
    // Files a rockspec installs belong to the plugin it names, whatever folder holds them.
    const claimed = new Set<string>();
    for (const root of [dir, ...subdirs(dir)]) {
      for (const plugin of rockspecsIn(root).flatMap(pluginsOfRockspec)) {
        const read = readRockspecPlugin(plugin, via);
        if (!read) continue;
        this.plugins.push(read);
        for (const file of read.luaFiles) claimed.add(path.resolve(file.path));
      }
    }
    // `plugins/<name>/` too: the folder given may be the rock's `kong/` folder, or a repository
    // that keeps its plugins under plugins/ and COPYs them from there.
    const candidates = [...subdirs(path.join(dir, 'kong', 'plugins')), ...subdirs(path.join(dir, 'plugins')), ...subdirs(dir)];
    for (const sub of subdirs(dir)) candidates.push(...subdirs(path.join(sub, 'kong', 'plugins')));
    for (const candidate of candidates) {
      const isClaimed = LUA_MARKERS.some((m) => claimed.has(path.resolve(candidate, m)));
      if (isLuaPluginFolder(candidate) && !isClaimed) this.addLuaFolder(candidate, via);
    }
    this.plugins.push(...externalPluginsIn(dir));
    return { plugins: this.plugins, setAside: this.setAside };
  }

  /** The plugins a rockspec at or above `dir` installs from files inside `dir`. */
  private rockspecPluginsOf(dir: string, via: Via): CustomPlugin[] {
    let root = path.resolve(dir);
    for (let level = 0; level <= ROCKSPEC_LEVELS_UP; level++) {
      const inside = rockspecsIn(root).flatMap(pluginsOfRockspec)
        .filter((p) => p.files.some((f) => path.dirname(path.resolve(f.file)) === path.resolve(dir)));
      const read = inside.map((p) => readRockspecPlugin(p, via)).filter((p): p is CustomPlugin => p !== undefined);
      if (read.length > 0) return read;
      const parent = path.dirname(root);
      if (parent === root) break;
      root = parent;
    }
    return [];
  }

  private addLuaFolder(dir: string, via: Via): void {
    const name = path.basename(path.resolve(dir));
    if (this.bundled.has(name) && isInKongCodeTree(dir)) this.setAside.push({ name, dir });
    else this.plugins.push(readLuaPlugin(dir, via));
  }
}

function isLuaPluginFolder(dir: string): boolean {
  return LUA_MARKERS.some((m) => isFile(path.join(dir, m)));
}

function readLuaPlugin(dir: string, via: Via): CustomPlugin {
  const luaFiles = walk(dir).filter((f) => f.endsWith('.lua')).map((f) => readLuaFile(f, roleOf(path.relative(dir, f))));
  const folder = path.basename(path.resolve(dir));
  // A repository's src/ folder is not how Kong knows the plugin; without a rockspec to say, the
  // repository's folder is the better guess, and the report says it is one.
  const naming: PluginNaming | undefined = folder === 'src' ? { from: 'folder-above-src' } : undefined;
  return assemble(naming ? path.basename(path.dirname(path.resolve(dir))) : folder, dir, luaFiles, via, naming);
}

/** A plugin from the files its rockspec maps; undefined when none of them exists. */
function readRockspecPlugin(plugin: RockspecPlugin, via: Via): CustomPlugin | undefined {
  const luaFiles = plugin.files.filter((f) => isFile(f.file)).map((f) => readLuaFile(f.file, f.role));
  if (luaFiles.length === 0) return undefined;
  const anchor = luaFiles.find((f) => f.role === 'handler') ?? luaFiles.find((f) => f.role === 'schema') ?? luaFiles[0];
  return assemble(plugin.name, path.dirname(anchor.path), luaFiles, via, { from: 'rockspec', rockspec: plugin.rockspec });
}

function assemble(name: string, dir: string, luaFiles: LuaFile[], via: Via, naming?: PluginNaming): CustomPlugin {
  const byRole = (role: LuaFileRole) => luaFiles.find((f) => f.role === role);
  const handler = byRole('handler');
  const anchor = handler ?? byRole('schema') ?? luaFiles[0];
  return {
    name,
    ...(naming ? { naming } : {}),
    dir,
    language: 'lua',
    luaFiles,
    externalFiles: [],
    ...(handler ? { handler } : {}),
    ...(byRole('schema') ? { schema: byRole('schema') } : {}),
    ...(byRole('daos') ? { daos: byRole('daos') } : {}),
    migrations: luaFiles.filter((f) => f.role === 'migration'),
    origin: fileOrigin(anchor?.path ?? dir, 1, 1),
    foundVia: via,
  };
}

function roleOf(relative: string): LuaFileRole {
  const parts = relative.split(path.sep);
  if (parts.length === 1) {
    const base = parts[0].replace(/\.lua$/, '');
    if (base === 'handler' || base === 'schema' || base === 'daos' || base === 'api') return base;
    return 'other';
  }
  if (parts.length === 2 && parts[0] === 'migrations') return parts[1] === 'init.lua' ? 'migrations-index' : 'migration';
  return 'other';
}

export function readLuaFile(file: string, role: LuaFileRole): LuaFile {
  // Lua source is bytes; latin1 keeps every byte as one character, so columns stay byte columns.
  const tokens = tokenizeLua(fs.readFileSync(file, 'latin1'), file);
  return { path: file, role, tokens, code: codeTokens(tokens) };
}

function dedupe(plugins: CustomPlugin[]): CustomPlugin[] {
  const seen = new Set<string>();
  return plugins.filter((p) => {
    // Two plugins may share a folder (a rockspec can map several from one src/); one given twice is dropped.
    const key = `${p.language}:${path.resolve(p.dir)}:${p.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
