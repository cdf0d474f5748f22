// Questions plugin rules ask of every custom plugin's Lua code, answered from tokens once here.

import { findProtectedRequires, findRequires, type RequireCall } from '../lua/code';
import type { CustomPlugin, CustomPlugins, LuaFile } from './types';

export interface PluginFileRef {
  plugin: CustomPlugin;
  file: LuaFile;
}

/** Every Lua file of every plugin, in load order. */
export function luaFilesOf(plugins: CustomPlugins): PluginFileRef[] {
  return plugins.plugins.flatMap((plugin) => plugin.luaFiles.map((file) => ({ plugin, file })));
}

const requireCache = new WeakMap<LuaFile, RequireCall[]>();

/** The literal `require` calls of a file (cached: several rules ask). */
export function requiresOf(file: LuaFile): RequireCall[] {
  let calls = requireCache.get(file);
  if (!calls) {
    calls = findRequires(file.code);
    requireCache.set(file, calls);
  }
  return calls;
}

/** Names a file binds to `require(module)`: `local utils = require "kong.tools.utils"` gives `utils`. */
export function bindingsOf(file: LuaFile, module: string): Set<string> {
  return new Set(requiresOf(file).filter((r) => r.module === module && r.binding).map((r) => r.binding!));
}

const boundModulesCache = new WeakMap<LuaFile, Map<string, Set<string>>>();

/**
 * Every module a name is bound to anywhere in the file, through `require` or `pcall(require, ...)`.
 * A name bound to two modules is a fallback between versions: `X = require "kong.tools.gzip"` on
 * new Kong, `X = require "kong.tools.utils"` on old.
 */
export function modulesBoundTo(file: LuaFile, name: string): ReadonlySet<string> {
  let byName = boundModulesCache.get(file);
  if (!byName) {
    byName = new Map();
    for (const call of [...requiresOf(file), ...findProtectedRequires(file.code)]) {
      if (!call.binding) continue;
      const modules = byName.get(call.binding) ?? new Set<string>();
      modules.add(call.module);
      byName.set(call.binding, modules);
    }
    boundModulesCache.set(file, byName);
  }
  return byName.get(name) ?? new Set();
}
