// Finds custom plugins in the folders given with `--plugin-dir` and reads them. A folder may be one
// plugin (handler.lua, schema.lua...), a folder of plugins, a tree with the `kong/plugins/<name>/`
// layout of a rock, or hold Go, JavaScript or Python plugins for a plugin server.

import * as fs from 'fs';
import * as path from 'path';
import { InputError } from '../../errors';
import { fileOrigin } from '../../model/origin';
import { codeTokens, tokenizeLua } from '../lua/tokenizer';
import { externalPluginsIn } from './external';
import { subdirs, walk } from './folders';
import type { CustomPlugin, CustomPlugins, LuaFile, LuaFileRole } from './types';

const LUA_MARKERS = ['handler.lua', 'schema.lua'];

/** Reads every plugin under the given folders; raises InputError for a missing or plugin-less folder. */
export function loadPluginDirs(dirs: readonly string[]): CustomPlugins {
  const plugins: CustomPlugin[] = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      throw new InputError(`--plugin-dir ${dir}: no such directory`, { file: dir });
    }
    const found = pluginsIn(dir, 'plugin-dir');
    if (found.length === 0) {
      throw new InputError(
        `--plugin-dir ${dir}: no plugin found (expected handler.lua or schema.lua in the folder, in its sub-folders, `
        + 'or under kong/plugins/<name>/; or Go/JavaScript/Python plugin-server sources)', { file: dir });
    }
    plugins.push(...found);
  }
  return { roots: [...dirs], plugins: dedupe(plugins) };
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

function pluginsIn(dir: string, via: CustomPlugin['foundVia']): CustomPlugin[] {
  if (isLuaPluginFolder(dir)) return [readLuaPlugin(dir, via)];
  const found: CustomPlugin[] = [];
  const rockLayout = path.join(dir, 'kong', 'plugins');
  const candidates = [...subdirs(rockLayout), ...subdirs(dir)];
  for (const sub of subdirs(dir)) candidates.push(...subdirs(path.join(sub, 'kong', 'plugins')));
  for (const candidate of candidates) {
    if (isLuaPluginFolder(candidate)) found.push(readLuaPlugin(candidate, via));
  }
  found.push(...externalPluginsIn(dir));
  return found;
}

function isLuaPluginFolder(dir: string): boolean {
  return LUA_MARKERS.some((m) => fs.existsSync(path.join(dir, m)));
}

function readLuaPlugin(dir: string, via: CustomPlugin['foundVia']): CustomPlugin {
  const luaFiles = walk(dir).filter((f) => f.endsWith('.lua')).map((f) => readLuaFile(f, roleOf(path.relative(dir, f))));
  const byRole = (role: LuaFileRole) => luaFiles.find((f) => f.role === role);
  const handler = byRole('handler');
  const anchor = handler ?? byRole('schema') ?? luaFiles[0];
  return {
    name: path.basename(path.resolve(dir)),
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
    // Single-file plugins of one folder share nothing but the folder: the key holds the name too.
    const key = `${p.language}:${path.resolve(p.dir)}:${p.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
