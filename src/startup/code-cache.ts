// A V8 code cache for the tool's own compiled modules, made at build time and used at start-up.
//
// Loading the ~230 modules a check needs costs ~100 ms on the build machine, and compiling them
// is a large part of it (bundling them into one file saved nothing: resolving paths is cheap,
// compiling is not). `npm run build` runs representative checks once and keeps V8's compiled
// code for each module (scripts/build-code-cache.js); the launcher hands it back to V8 when
// the same module is loaded again, ~25 ms less per run. Node 22 has this built in
// (module.enableCompileCache); Node 20, which the machines run, does not.
//
// Safety: V8 checks only the source's length before using cached code, so each entry also keeps
// a SHA-1 of the module's text and is used only for that exact text. An entry V8 refuses (other
// V8 version or flags) costs nothing but the normal compile; a cache made by another Node major
// is not used at all. Nothing here may stop the tool: any failure leaves Node's own loader.
//
// The same runs also record where each relative `require` of one of our modules led. Once the
// code was cached, finding the files was the larger part of loading: Node probes the disk for
// every request (`./x`, `./x.js`, the package scope of each folder), ~35 ms for ~230 modules.
// A recorded answer is used only for a request from a module under the dist folder that the
// build saw resolve to another module there; everything else goes to Node.
//
// This file is loaded before everything else: it may import Node built-ins only.

import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Module = require('node:module');
import { dirname, join, relative, sep } from 'node:path';
import { Script } from 'node:vm';

/** The cache sits next to the compiled tree it describes. */
export const CODE_CACHE_FILE = 'code-cache.bin';

interface CacheIndex {
  node: string;
  v8: string;
  /** [module path relative to the dist folder, sha1 of its text, byte length of its cached code]. */
  entries: [string, string, number][];
  /** [requiring module, relative request, resolved module], both modules relative to the dist folder. */
  resolutions?: [string, string, string][];
}

interface CompilingModule {
  filename?: string | null;
  exports: unknown;
  require(id: string): unknown;
  _compile(content: string, filename: string, ...rest: unknown[]): unknown;
}

type CompileFunction = CompilingModule['_compile'];

const moduleInternals = Module as unknown as {
  prototype: CompilingModule;
  wrap(content: string): string;
  _resolveFilename(request: string, parent: { filename?: string | null } | null | undefined, isMain: boolean, options?: unknown): string;
  _cache: unknown;
  _extensions: Record<string, (module: CompilingModule, filename: string) => void>;
};

/** What the loader did with the cache, for tests and `KONG_PREFLIGHT_CODE_CACHE=report`. */
export const codeCacheUse = { used: 0, refused: 0, compiled: 0, resolved: 0 };

/**
 * Serves cached code for modules under `distRoot`. Returns false when there is no usable cache
 * (missing, unreadable, made by another Node major); the tool then loads as it always did.
 */
export function installCodeCache(distRoot: string, cacheFile = join(distRoot, CODE_CACHE_FILE)): boolean {
  try {
    if (!existsSync(cacheFile)) return false;
    const cache = readCache(cacheFile);
    if (!cache || majorOf(cache.index.node) !== majorOf(process.versions.node)) return false;
    hookCompile(distRoot, (filename, content) => {
      const entry = cache.entries.get(relativeKey(distRoot, filename));
      return entry && entry.sha1 === sha1(content) ? entry.data : undefined;
    });
    if (cache.index.resolutions?.length) useResolutions(distRoot, cache.index.resolutions);
    if (process.env.KONG_PREFLIGHT_CODE_CACHE === 'report') {
      process.once('exit', () => process.stderr.write(`code cache: ${codeCacheUse.used} used, ${codeCacheUse.refused} refused by V8, ${codeCacheUse.compiled} compiled, ${codeCacheUse.resolved} paths recorded\n`));
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Compiles modules under `distRoot` through V8 scripts that can give their code back, and
 * writes the cache when the process exits (the build step runs checks in between).
 */
export function recordCodeCache(distRoot: string, cacheFile = join(distRoot, CODE_CACHE_FILE)): void {
  const scripts = new Map<string, { sha1: string; script: Script }>();
  hookCompile(distRoot, () => undefined, (filename, content, script) => {
    scripts.set(relativeKey(distRoot, filename), { sha1: sha1(content), script });
  });
  const resolutions = recordResolutions(distRoot);
  process.once('exit', () => {
    const index: CacheIndex = { node: process.versions.node, v8: process.versions.v8, entries: [], resolutions: [...resolutions.values()].sort((a, b) => compareKeys(a.join('\0'), b.join('\0'))) };
    const blobs: Buffer[] = [];
    for (const [key, { sha1: hash, script }] of [...scripts].sort(([a], [b]) => compareKeys(a, b))) {
      const data = script.createCachedData();
      index.entries.push([key, hash, data.length]);
      blobs.push(data);
    }
    const head = Buffer.from(JSON.stringify(index));
    const size = Buffer.alloc(4);
    size.writeUInt32LE(head.length);
    writeFileSync(cacheFile, Buffer.concat([size, head, ...blobs]));
  });
}

function hookCompile(
  distRoot: string,
  cachedFor: (filename: string, content: string) => Buffer | undefined,
  compiled?: (filename: string, content: string, script: Script) => void,
): void {
  const root = withSeparator(distRoot);
  const original: CompileFunction = moduleInternals.prototype._compile;
  moduleInternals.prototype._compile = function compileWithCache(this: CompilingModule, content: string, filename: string, ...rest: unknown[]) {
    if (!filename.startsWith(root) || !filename.endsWith('.js')) return original.call(this, content, filename, ...rest);
    const cachedData = cachedFor(filename, content);
    const script = new Script(moduleInternals.wrap(content), { filename, ...(cachedData ? { cachedData } : {}) });
    if (cachedData) {
      if (script.cachedDataRejected) codeCacheUse.refused++;
      else codeCacheUse.used++;
    } else codeCacheUse.compiled++;
    compiled?.(filename, content, script);
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, dirname(filename));
  };
}

/** Remembers where relative requests between modules under `distRoot` led, keyed by requester and request. */
function recordResolutions(distRoot: string): Map<string, [string, string, string]> {
  const root = withSeparator(distRoot);
  const seen = new Map<string, [string, string, string]>();
  const original = moduleInternals._resolveFilename;
  moduleInternals._resolveFilename = function recordResolution(request, parent, isMain, options) {
    const resolved = original.call(this, request, parent, isMain, options);
    const from = parent?.filename;
    if (options === undefined && isRelativeRequest(request) && typeof from === 'string' && from.startsWith(root) && resolved.startsWith(root)) {
      const entry: [string, string, string] = [relativeKey(distRoot, from), request, relativeKey(distRoot, resolved)];
      seen.set(`${entry[0]}\0${request}`, entry);
    }
    return resolved;
  };
  return seen;
}

/**
 * Answers recorded relative requests without asking the disk, and loads modules under
 * `distRoot` without looking up their package scope: that lookup only asks whether a `.js` file
 * is an ES module, and the tool's package (checked here, once) says it is not.
 */
function useResolutions(distRoot: string, resolutions: readonly [string, string, string][]): void {
  const root = withSeparator(distRoot);
  const known = new Map<string, string>();
  for (const [from, request, to] of resolutions) known.set(`${from}\0${request}`, root + to.split('/').join(sep));
  const original = moduleInternals._resolveFilename;
  moduleInternals._resolveFilename = function resolveRecorded(request, parent, isMain, options) {
    const from = parent?.filename;
    if (options === undefined && typeof from === 'string' && from.startsWith(root)) {
      const resolved = known.get(`${relativeKey(distRoot, from)}\0${request}`);
      if (resolved !== undefined) {
        codeCacheUse.resolved++;
        return resolved;
      }
    }
    return original.call(this, request, parent, isMain, options);
  };
  if (!isCommonJsPackage(distRoot)) return;
  const extensions = moduleInternals._extensions;
  const loadJs = extensions['.js'];
  extensions['.js'] = function loadOwnModule(module, filename) {
    if (!filename.startsWith(root) || !filename.endsWith('.js')) return loadJs.call(this, module, filename);
    module._compile(readFileSync(filename, 'utf8'), filename, 'commonjs');
  };
}

/** True when `.js` files under `distRoot` are CommonJS for Node: no package.json in the dist folder, none above it saying `"type": "module"`. */
function isCommonJsPackage(distRoot: string): boolean {
  try {
    if (existsSync(join(distRoot, 'package.json'))) return false;
    const manifest = JSON.parse(readFileSync(join(distRoot, '..', 'package.json'), 'utf8')) as { type?: unknown };
    return manifest.type === undefined || manifest.type === 'commonjs';
  } catch {
    return false;
  }
}

function isRelativeRequest(request: string): boolean {
  return request.startsWith('./') || request.startsWith('../');
}

function withSeparator(dir: string): string {
  return dir.endsWith(sep) ? dir : dir + sep;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The `require` a module sees, as Node makes it (the tool's own modules use only the call and `resolve`). */
function requireFor(module: CompilingModule): NodeJS.Require {
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  require.resolve = ((request: string, options?: unknown) => moduleInternals._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  require.cache = moduleInternals._cache as NodeJS.Require['cache'];
  require.extensions = moduleInternals._extensions as unknown as NodeJS.Require['extensions'];
  require.main = (process as unknown as { mainModule?: NodeJS.Module }).mainModule;
  return require;
}

function readCache(file: string): { index: CacheIndex; entries: Map<string, { sha1: string; data: Buffer }> } | undefined {
  const blob = readFileSync(file);
  if (blob.length < 4) return undefined;
  const headLength = blob.readUInt32LE(0);
  const index = JSON.parse(blob.subarray(4, 4 + headLength).toString('utf8')) as CacheIndex;
  const entries = new Map<string, { sha1: string; data: Buffer }>();
  let at = 4 + headLength;
  for (const [key, hash, length] of index.entries) {
    if (at + length > blob.length) return undefined;
    entries.set(key, { sha1: hash, data: blob.subarray(at, at + length) });
    at += length;
  }
  return { index, entries };
}

function relativeKey(distRoot: string, filename: string): string {
  // Called for every module loaded: a prefix cut, not path.relative (two path.resolve calls each).
  const root = withSeparator(distRoot);
  const rest = filename.startsWith(root) ? filename.slice(root.length) : relative(distRoot, filename);
  return sep === '/' ? rest : rest.split(sep).join('/');
}

const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

function sha1(text: string): string {
  // One-shot hashing (Node 20.12+) spares a Hash object per module: ~250 at every start.
  return oneShotHash ? oneShotHash('sha1', text, 'hex') : createHash('sha1').update(text).digest('hex');
}

function majorOf(version: string): string {
  return version.split('.')[0];
}
