// Reads what a LuaRocks rockspec says about a plugin's files: `build.modules`, which maps module
// names (`kong.plugins.<name>.handler`) to source files. Kong loads a plugin by module name
// (kong/db/dao/plugins.lua@3.0.0 requires `kong.plugins.<name>.handler`) and the builtin back-end
// of LuaRocks installs each mapped file under its module name (luarocks/luarocks
// src/luarocks/build/builtin.lua), so the rockspec, not the folder a repository keeps its files in,
// gives the plugin its name. A rockspec is Lua; it is never run here. Only string literals, `..`
// between them, and top-level names bound to such constants are understood; any other key or
// value is left out.

import * as fs from 'fs';
import * as path from 'path';
import { expressionEnd } from '../lua/code';
import { parseTable, tableField } from '../lua/table';
import { codeTokens, tokenizeLua, type LuaToken } from '../lua/tokenizer';
import type { LuaFileRole } from './types';
import { isDirectory, isFile } from '../file-kind';
import { ownValue } from '../../own-key';

export interface RockspecModule {
  module: string;
  /** The source file as the rockspec writes it, relative to the source root. */
  file: string;
}

export interface Rockspec {
  path: string;
  /** The folder the mapped files are relative to: where `luarocks make` runs. */
  root: string;
  modules: RockspecModule[];
}

// `luarocks make` looks for rockspecs in the current folder and in rockspec/ and rockspecs/
// (luarocks/luarocks wiki, "make"); the module paths stay relative to the current folder.
const ROCKSPEC_DIRS = ['.', 'rockspec', 'rockspecs'];
// A rockspec kept in a sub-folder of its repository may map paths from the repository root
// (`["kong.plugins.x.handler"] = "./kong-plugin-x/handler.lua"`): `luarocks make sub/x.rockspec`
// run there, or `luarocks install` of the rockspec, which builds from the checkout of source.url.
const SOURCE_ROOT_LEVELS_UP = 2;

/**
 * The rockspecs `luarocks make` would consider in `root`, one per package: when a repository keeps
 * several versions of one package's rockspec, the highest version is the one LuaRocks builds.
 */
export function rockspecsIn(root: string): Rockspec[] {
  const newest = new Map<string, { file: string; version: string }>();
  for (const sub of ROCKSPEC_DIRS) {
    const dir = path.join(root, sub);
    if (!isDirectory(dir)) continue;
    for (const entry of fs.readdirSync(dir).sort()) {
      if (!entry.endsWith('.rockspec') || !fs.statSync(path.join(dir, entry)).isFile()) continue;
      const { pkg, version } = splitRockspecName(entry);
      const seen = newest.get(pkg);
      if (!seen || compareRockVersions(version, seen.version) > 0) newest.set(pkg, { file: path.join(dir, entry), version });
    }
  }
  return [...newest.values()].map(({ file }) => {
    const modules = readBuildModules(file);
    return { path: file, root: sourceRoot(root, modules), modules };
  });
}

/**
 * The folder the mapped Lua files resolve from: `root` when one of them exists there, else the
 * nearest folder above it where one does (a rockspec whose paths name its own sub-folder).
 */
function sourceRoot(root: string, modules: readonly RockspecModule[]): string {
  const lua = modules.filter((m) => m.file.endsWith('.lua'));
  // Joined, not resolved, so findings keep the paths as the user gave them.
  let dir = root;
  for (let level = 0; level <= SOURCE_ROOT_LEVELS_UP && lua.length > 0; level++) {
    if (lua.some((m) => isFile(path.join(dir, m.file)))) return dir;
    const parent = path.join(dir, '..');
    if (path.resolve(parent) === path.resolve(dir)) break;
    dir = parent;
  }
  return root;
}

/** `kong-plugin-foo-1.2.0-1.rockspec` -> package `kong-plugin-foo`, version `1.2.0-1`. */
function splitRockspecName(file: string): { pkg: string; version: string } {
  const m = /^(.+)-([^-]+-\d+)\.rockspec$/.exec(file);
  return m ? { pkg: m[1], version: m[2] } : { pkg: file.replace(/\.rockspec$/, ''), version: '' };
}

// LuaRocks ranks `dev` and `scm` above every numbered version (luarocks/core/vers.lua deltas).
const NAMED_VERSIONS: Record<string, number> = { dev: 2, scm: 1 };

/** Orders rock versions (`1.10.0-1` after `1.9.0-2`; `scm-1` after both). */
export function compareRockVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.-]/).map((p) => {
    const named = ownValue(NAMED_VERSIONS, p);
    return named !== undefined ? [1, named] : [0, Number.parseInt(p, 10) || 0];
  });
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const [ka, na] = pa[i] ?? [0, 0];
    const [kb, nb] = pb[i] ?? [0, 0];
    if (ka !== kb) return ka - kb;
    if (na !== nb) return na - nb;
  }
  return 0;
}

/** The Lua-module entries of `build.modules` whose key and value are constant strings. */
export function readBuildModules(file: string): RockspecModule[] {
  const code = codeTokens(tokenizeLua(fs.readFileSync(file, 'latin1'), file));
  const constants = topLevelConstants(code);
  const build = topLevelTable(code, 'build');
  const modules = build && tableField(build, 'modules');
  if (!modules || modules.value.kind !== 'table') return [];
  const out: RockspecModule[] = [];
  for (const field of modules.value.fields) {
    // A table value is a C module (`{ sources = ... }`): no Lua to read.
    if (field.value.kind !== 'expr') continue;
    const key = field.keyKind === 'expr' ? fold(field.keyTokens ?? [], constants) : field.key;
    const value = fold(field.value.tokens, constants);
    if (key !== undefined && value !== undefined) out.push({ module: key, file: value });
  }
  return out;
}

/** The table assigned to a top-level global, `NAME = { ... }`. */
function topLevelTable(code: readonly LuaToken[], name: string) {
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    depth += nesting(code[i]);
    if (depth === 0 && isName(code[i], name) && isOp(code[i + 1], '=') && isOp(code[i + 2], '{') && !isMember(code[i - 1])) {
      return parseTable(code, i + 2).table;
    }
  }
  return undefined;
}

/**
 * Names bound to constant strings by top-level statements (`local plugin_name = "foo"`). A name
 * assigned anything else, or assigned inside a block (a branch may not run), is not a constant.
 */
function topLevelConstants(code: readonly LuaToken[]): Map<string, string> {
  const constants = new Map<string, string>();
  let brackets = 0;
  let blocks = 0;
  for (let i = 0; i < code.length; i++) {
    const t = code[i];
    // Outside brackets a `name =` is an assignment; inside them it is a table key.
    if (t.kind === 'name' && brackets === 0 && !isMember(code[i - 1])) {
      const single = isOp(code[i + 1], '=') && !isOp(code[i - 1], ',');
      const value = single && blocks === 0 ? fold(code.slice(i + 2, expressionEnd(code, i + 2)), constants) : undefined;
      if (value !== undefined) constants.set(t.value, value);
      else if (isOp(code[i + 1], '=') || isOp(code[i + 1], ',')) constants.delete(t.value);
    }
    if (t.kind === 'op') brackets += nesting(t);
    else blocks += nesting(t);
  }
  return constants;
}

/** The string an expression of string literals, known constants and `..` stands for. */
function fold(tokens: readonly LuaToken[], constants: ReadonlyMap<string, string>): string | undefined {
  const matched = matchCall(tokens, constants);
  if (matched !== undefined) return matched;
  if (tokens.length === 0 || tokens.length % 2 === 0) return undefined;
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (i % 2 === 1) {
      if (!isOp(t, '..')) return undefined;
      continue;
    }
    if (t.kind === 'string') out += t.value;
    else if (t.kind === 'name' && constants.has(t.value)) out += constants.get(t.value);
    else return undefined;
  }
  return out;
}

/**
 * `package:match("^kong%-plugin%-(.+)$")` on a known constant: how Kong's plugin template of
 * 2017 named its plugin from the package (Kong/kong-plugin@6480c39
 * kong-plugin-myplugin-0.1.0-1.rockspec line 10), a form plugins made from it still carry. The
 * first capture (or the whole match) when the pattern is one luaPattern reads; else undefined.
 */
function matchCall(tokens: readonly LuaToken[], constants: ReadonlyMap<string, string>): string | undefined {
  if (tokens.length !== 6) return undefined;
  const [subject, colon, method, open, pattern, close] = tokens;
  if (subject.kind !== 'name' || !constants.has(subject.value) || !isOp(colon, ':') || method.kind !== 'name' || method.value !== 'match') return undefined;
  if (!isOp(open, '(') || pattern.kind !== 'string' || !isOp(close, ')')) return undefined;
  const re = luaPattern(pattern.value);
  const m = re ? re.exec(constants.get(subject.value)!) : null;
  return m ? (m[1] ?? m[0]) : undefined;
}

/** A character matched as itself in a RegExp. */
function literal(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

/**
 * A Lua pattern made only of literal characters, `%` escapes of punctuation, `.`, the quantifiers
 * `*`, `+`, `-` (shortest) and `?`, captures and the `^`/`$` anchors, as a RegExp; undefined for
 * anything else (character classes such as `%a`, sets, back-references), which is not guessed.
 */
function luaPattern(pattern: string): RegExp | undefined {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '%') {
      const next = pattern[++i];
      if (next === undefined || /[A-Za-z0-9]/.test(next)) return undefined;
      out += literal(next);
    } else if (c === '^' && i === 0) out += '^';
    else if (c === '$' && i === pattern.length - 1) out += '$';
    else if (c === '.') out += '[^]';
    else if (c === '-') out += '*?';
    else if (c === '*' || c === '+' || c === '?' || c === ')') out += c;
    else if (c === '(') {
      if (pattern[i + 1] === ')') return undefined;
      out += '(';
    } else if (c === '[' || c === ']') return undefined;
    else out += literal(c);
  }
  try {
    return new RegExp(out);
  } catch {
    return undefined;
  }
}

const OPEN = new Set(['(', '{', '[']);
const CLOSE = new Set([')', '}', ']']);
const BLOCK_OPEN = new Set(['function', 'if', 'do', 'repeat']);
const BLOCK_CLOSE = new Set(['end', 'until']);

/** +1 for a token that opens a bracket or block, -1 for one that closes it. */
function nesting(t: LuaToken): number {
  if (t.kind === 'op') return OPEN.has(t.value) ? 1 : CLOSE.has(t.value) ? -1 : 0;
  if (t.kind === 'keyword') return BLOCK_OPEN.has(t.value) ? 1 : BLOCK_CLOSE.has(t.value) ? -1 : 0;
  return 0;
}

const isOp = (t: LuaToken | undefined, op: string): boolean => t?.kind === 'op' && t.value === op;
const isName = (t: LuaToken | undefined, name: string): boolean => t?.kind === 'name' && t.value === name;
const isMember = (t: LuaToken | undefined): boolean => isOp(t, '.') || isOp(t, ':');


/** A plugin as a rockspec installs it: its name and its files with the role each module plays. */
export interface RockspecPlugin {
  name: string;
  rockspec: string;
  /** Source files (joined to the rockspec's root) and their roles, in the rockspec's order. */
  files: { file: string; role: LuaFileRole }[];
}

const PLUGIN_MODULE = /^kong\.plugins\.([^.]+)\.(.+)$/;

/** The Kong plugins a rockspec installs; modules outside `kong.plugins.*` are not plugin files. */
export function pluginsOfRockspec(spec: Rockspec): RockspecPlugin[] {
  const byName = new Map<string, RockspecPlugin>();
  for (const { module, file } of spec.modules) {
    const m = PLUGIN_MODULE.exec(module);
    if (!m || !file.endsWith('.lua')) continue;
    const plugin = byName.get(m[1]) ?? { name: m[1], rockspec: spec.path, files: [] };
    byName.set(m[1], plugin);
    plugin.files.push({ file: path.join(spec.root, file), role: roleOfModule(m[2]) });
  }
  return [...byName.values()];
}

/** The role a module plays inside its plugin, from its name below `kong.plugins.<name>.`. */
function roleOfModule(sub: string): LuaFileRole {
  const parts = sub.split('.');
  // `x.init` and `x` name the same module (LuaRocks installs `x` from an init.lua as x/init.lua).
  if (parts.length > 1 && parts[parts.length - 1] === 'init') parts.pop();
  if (parts.length === 1) {
    if (parts[0] === 'handler' || parts[0] === 'schema' || parts[0] === 'daos' || parts[0] === 'api') return parts[0];
    return parts[0] === 'migrations' ? 'migrations-index' : 'other';
  }
  return parts.length === 2 && parts[0] === 'migrations' ? 'migration' : 'other';
}
