// Custom plugins baked into the image: the project folders a Dockerfile read copies to where Kong
// loads plugins from. Kong loads a plugin as the Lua modules `kong.plugins.<name>.handler` and
// `.schema` (Kong/kong:kong/db/dao/plugins.lua@3.9.3 line 162, load_plugin_handler), so a plugin
// lives in a `kong/plugins/<name>/` folder under a root of the Lua search path: Kong's own Lua tree
// (the LuaRocks tree of Kong's images) or a folder lua_package_path names.
//
// `COPY ./plugins/my-plugin /usr/local/share/lua/5.1/kong/plugins/my-plugin` installs one plugin,
// named after the destination; `COPY ./plugins /usr/local/share/lua/5.1/kong/plugins/` a folder of
// them; `COPY ./lua /opt/kong/` with lua_package_path `/opt/kong/?.lua` the tree holding
// `kong/plugins/`. A plugin copied under a bundled plugin's name replaces Kong's code: that is
// rules/platform/patched-kong-files.ts's concern, and it is not read here.
// Left alone: single files copied into a plugin folder, wildcard sources, and copies whose files
// are not in the build context (`--from`, URLs): those are only named when they fill a plugin folder.

import { isAbsolute, posix, resolve } from 'node:path';
import { KONG_IMAGES } from '../../knowledge/platform/images';
import type { CopySource, DockerfileCopy } from '../images/dockerfile-copies';
import type { LuarocksMake } from '../images/luarocks-make';
import { namedLuaPlugin, pluginsInFolder, rockspecPluginsIn } from './load';
import type { CustomPlugin } from './types';

export interface CopiedPlugins {
  /** The plugins each step copies in, with the step (`COPY at Dockerfile:4`), its source and its destination. */
  copied: { at: string; source: string; destination: string; plugins: CustomPlugin[] }[];
  /**
   * Steps that fill a plugin folder from something not read here: `COPY at Dockerfile:5 copies
   * plugins/gone to ..., absent here`, `COPY at Dockerfile:6 fills ... (COPY --from=build copies from another stage or image)`.
   */
  unread: string[];
}

export interface CopiedPluginsInput {
  copies: CopySource;
  /** The lua_package_path roots of the settings read (`/opt/kong/?.lua` -> `/opt/kong`). */
  packagePathRoots: readonly string[];
  bundled: ReadonlySet<string>;
  kindOf: (path: string) => 'file' | 'folder' | undefined;
  cwd: string;
}

/** The `kong/plugins` folders in the image that Kong loads `kong.plugins.<name>` modules from. */
export function pluginFolders(packagePathRoots: readonly string[]): string[] {
  const own = posix.join(KONG_IMAGES.luaTree, 'plugins');
  const fromPath = packagePathRoots.filter((root) => root.startsWith('/')).map((root) => posix.join(posix.normalize(root), 'kong', 'plugins'));
  return [...new Set([own, ...fromPath])];
}

export function copiedPlugins(input: CopiedPluginsInput): CopiedPlugins {
  const folders = pluginFolders(input.packagePathRoots);
  const result: CopiedPlugins = { copied: [], unread: [] };
  const { context } = input.copies;
  const inContext = (source: string) => (source === '.' ? context : posix.join(context.replace(/\\/g, '/'), source));
  const onDisk = (path: string) => (isAbsolute(path) || input.cwd === process.cwd() ? path : resolve(input.cwd, path));
  for (const copy of input.copies.copies) {
    const destination = copy.destination === '/' ? '/' : copy.destination.replace(/\/+$/, '');
    const at = `${copy.instruction} at ${copy.origin.file}:${copy.origin.line}`;
    if (copy.unfollowed) {
      const target = folders.map((folder) => placeIn(destination, folder)).find((place) => place && !(place.kind === 'plugin' && input.bundled.has(place.name)));
      if (target && target.kind !== 'tree') result.unread.push(`${at} fills ${copy.destination} (${copy.unfollowed})`);
      continue;
    }
    for (const source of copy.sources) {
      if (/[*?[]/.test(source)) continue;
      const path = inContext(source);
      const kind = input.kindOf(path);
      for (const folder of folders) {
        const place = placeIn(destination, folder);
        if (!place || (place.kind === 'plugin' && input.bundled.has(place.name))) continue;
        if (kind === undefined) {
          result.unread.push(`${at} copies ${path} to ${copy.destination}, absent here`);
          break;
        }
        if (kind !== 'folder') continue;
        const read = readPlace(place, path, onDisk, input.bundled);
        if (read.length === 0) continue;
        result.copied.push({ at, source: path, destination: copy.destination, plugins: read });
        break;
      }
    }
  }
  for (const make of input.copies.luarocksMakes ?? []) {
    const at = `RUN luarocks make at ${make.origin.file}:${make.origin.line}`;
    for (const project of projectFolders(make, input.copies.copies, inContext, input.kindOf)) {
      const read = rockspecPluginsIn(onDisk(project), 'dockerfile-copy', input.bundled);
      if (read.length === 0) continue;
      result.copied.push({ at, source: project, destination: make.dir, plugins: read });
      break;
    }
  }
  return result;
}

/**
 * The build context folders that hold, as the copies before it lay them out, the folder a
 * `luarocks make` step builds in: a folder copied to it or above it (`COPY ./plugins/x /custom/x`
 * then `luarocks make` in /custom/x: ./plugins/x), or the folder of a rockspec file copied into it
 * (`COPY x-1.0-1.rockspec /tmp/x/` beside `COPY kong/ /tmp/x/kong/`: the rockspec's folder). The
 * last step that fits comes first, as the later copy wins.
 */
function projectFolders(make: LuarocksMake, copies: readonly DockerfileCopy[], inContext: (source: string) => string, kindOf: CopiedPluginsInput['kindOf']): string[] {
  const folders: string[] = [];
  for (const copy of [...copies].reverse()) {
    if (copy.unfollowed || copy.origin.line > make.origin.line) continue;
    const destination = copy.destination === '/' ? '/' : copy.destination.replace(/\/+$/, '');
    for (const source of copy.sources) {
      if (/[*?[]/.test(source)) continue;
      const context = inContext(source);
      const kind = kindOf(context);
      if (kind === 'folder' && (make.dir === destination || make.dir.startsWith(destination === '/' ? '/' : `${destination}/`))) {
        folders.push(posix.join(context, posix.relative(destination, make.dir)));
      } else if (kind === 'file' && source.endsWith('.rockspec')) {
        const placed = copy.destination.endsWith('/') || copy.sources.length > 1 ? posix.join(destination, posix.basename(source)) : destination;
        if (posix.dirname(placed) === make.dir && (!make.rockspec || posix.basename(placed) === make.rockspec)) folders.push(posix.dirname(context));
      }
    }
  }
  return [...new Set(folders)];
}

/**
 * How a copy's destination relates to a plugin folder: it is the folder (`plugins`), one plugin
 * in it (`plugin`), or lies above it, so the source holds the folder at `below` (`tree`).
 */
type Place = { kind: 'plugins' } | { kind: 'plugin'; name: string } | { kind: 'tree'; below: string };

function placeIn(destination: string, folder: string): Place | undefined {
  if (destination === folder) return { kind: 'plugins' };
  if (posix.dirname(destination) === folder) return { kind: 'plugin', name: posix.basename(destination) };
  const prefix = destination === '/' ? '/' : `${destination}/`;
  if (folder.startsWith(prefix)) return { kind: 'tree', below: folder.slice(prefix.length) };
  return undefined;
}

function readPlace(place: Place, path: string, onDisk: (path: string) => string, bundled: ReadonlySet<string>): CustomPlugin[] {
  if (place.kind === 'plugin') {
    const plugin = namedLuaPlugin(onDisk(path), place.name, 'dockerfile-copy');
    return plugin ? [plugin] : [];
  }
  const folder = place.kind === 'plugins' ? path : posix.join(path.replace(/\\/g, '/'), place.below);
  // Folders named like a bundled plugin replace Kong's own: patched-kong-files' concern.
  return pluginsInFolder(onDisk(folder), 'dockerfile-copy', bundled).filter((plugin) => !bundled.has(plugin.name));
}
