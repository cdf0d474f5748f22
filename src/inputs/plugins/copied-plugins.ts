// Custom plugins baked into the image: the project folders and files a Dockerfile read copies to
// where Kong loads plugins from. Kong loads a plugin as the Lua modules `kong.plugins.<name>.handler`
// and `.schema` (Kong/kong:kong/db/dao/plugins.lua@3.9.3 line 162, load_plugin_handler), so a
// plugin lives in a `kong/plugins/<name>/` folder under a root of the Lua search path: Kong's own
// Lua tree (the LuaRocks tree of Kong's images) or a folder lua_package_path names.
//
// `COPY ./plugins/my-plugin /usr/local/share/lua/5.1/kong/plugins/my-plugin` installs one plugin,
// named after the destination; `COPY ./plugins /usr/local/share/lua/5.1/kong/plugins/` a folder of
// them; `COPY ./lua /opt/kong/` with lua_package_path `/opt/kong/?.lua` the tree holding
// `kong/plugins/`; `COPY handler.lua schema.lua .../kong/plugins/my-plugin/` (or `src/*.lua`) one
// plugin from single files, each keeping its name in the folder. As Docker copies a source folder's
// contents, not the folder (moby/buildkit@73ed682 frontend/dockerfile/docs/reference.md:1727, and
// dockerfile2llb/convert_copy.go:277 CopyDirContentsOnly, wildcard matches alike), a plugin folder
// copied to `kong/plugins/` itself spills its handler.lua there, where Kong loads no plugin: that is
// named, not read. Several sources or a wildcard need a destination ending in `/` (reference.md:1698).
// A plugin copied under a bundled plugin's name replaces Kong's code: that is
// rules/platform/patched-kong-files.ts's concern, and it is not read here.
// Left alone: wildcards in a source's folder part, and copies whose files are not in the build
// context (`--from`, URLs): those are only named when they fill a plugin folder or a folder above one.

import { readdirSync } from 'node:fs';
import { isAbsolute, posix, resolve } from 'node:path';
import { KONG_IMAGES } from '../../knowledge/platform/images';
import { globMatch, type CopySource, type DockerfileCopy } from '../images/dockerfile-copies';
import type { LuarocksMake } from '../images/luarocks-make';
import { walk } from './folders';
import { luaPluginFromFiles, namedLuaPlugin, pluginsInFolder, rockspecPluginsIn } from './load';
import type { CustomPlugin, PluginCopyNotRead as CopyNotRead } from './types';

export interface CopiedPlugins {
  /** The plugins each step copies in, with the step (`COPY at Dockerfile:4`), its source and its destination. */
  copied: { at: string; source: string; destination: string; plugins: CustomPlugin[] }[];
  /**
   * What fills a plugin folder, or may, from something not read here: `COPY at Dockerfile:5 copies
   * plugins/gone to ..., absent here`, `COPY at Dockerfile:6 fills ... (COPY --from=build copies from another stage or image)`.
   */
  unread: string[];
  /** Sources absent here, with the plugin they install when the destination names one. */
  absent: CopyNotRead[];
  /**
   * Plugin code put directly into a `kong/plugins/` folder instead of a plugin's own folder under
   * it; `plugin` is the source folder's name, the plugin the project most likely meant.
   */
  misplaced: (CopyNotRead & { text: string })[];
}


export interface CopiedPluginsInput {
  copies: CopySource;
  /** The lua_package_path roots of the settings read (`/opt/kong/?.lua` -> `/opt/kong`). */
  packagePathRoots: readonly string[];
  /** The lua_package_path templates that are not absolute (`./?.lua`, `lua/?.lua`): named as not followed. */
  relativeTemplates?: readonly string[];
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

const MARKERS = new Set(['handler.lua', 'schema.lua']);

/** A plugin gathered from single files over one or more steps, the later step winning a place. */
interface FilePlugin { entry: CopiedPlugins['copied'][number]; steps: string[]; files: Map<string, string> }

export function copiedPlugins(input: CopiedPluginsInput): CopiedPlugins {
  const folders = pluginFolders(input.packagePathRoots);
  const result: CopiedPlugins = { copied: [], unread: [], absent: [], misplaced: [] };
  const { context } = input.copies;
  const inContext = (source: string) => (source === '.' ? context : posix.join(context.replace(/\\/g, '/'), source));
  const onDisk = (path: string) => (isAbsolute(path) || input.cwd === process.cwd() ? path : resolve(input.cwd, path));
  const placeOf = (destination: string) => folders.map((folder) => placeIn(destination, folder))
    .find((place): place is Place => place !== undefined && !('name' in place && input.bundled.has(place.name)));
  const fromFiles = new Map<string, FilePlugin>();
  /** Plugins read whole from a copied folder, by name, with the step's entry: a later step may add files to one. */
  const fromFolders = new Map<string, { entry: CopiedPlugins['copied'][number]; plugin: CustomPlugin }>();
  const filePlugin = (name: string, at: string, destination: string): FilePlugin => {
    let plugin = fromFiles.get(name);
    if (!plugin) {
      plugin = { entry: { at, source: '', destination, plugins: [] }, steps: [], files: new Map() };
      fromFiles.set(name, plugin);
      result.copied.push(plugin.entry);
      // Docker writes a later copy into the folder an earlier one made, keeping the files it does
      // not replace: the plugin is the earlier folder's files with the later step's over them.
      const earlier = fromFolders.get(name);
      if (earlier) {
        fromFolders.delete(name);
        earlier.entry.plugins = earlier.entry.plugins.filter((read) => read !== earlier.plugin);
        plugin.steps.push(earlier.entry.at);
        for (const file of earlier.plugin.luaFiles) plugin.files.set(placeInPlugin(earlier.plugin, file), file.path);
      }
    }
    if (!plugin.steps.includes(at)) plugin.steps.push(at);
    return plugin;
  };
  const addFile = (name: string, place: string, file: string, at: string, destination: string) => {
    filePlugin(name, at, destination).files.set(place, file);
  };
  const absent = (at: string, path: string, destination: string, plugin?: string) => {
    result.unread.push(`${at} copies ${path} to ${destination}, absent here`);
    result.absent.push({ at, source: path, destination, ...(plugin ? { plugin } : {}) });
  };

  for (const copy of input.copies.copies) {
    const destination = copy.destination === '/' ? '/' : copy.destination.replace(/\/+$/, '');
    const at = `${copy.instruction} at ${copy.origin.file}:${copy.origin.line}`;
    if (copy.unfollowed) {
      const target = placeOf(destination);
      if (target?.kind === 'tree') {
        // `COPY --from=build /usr/local /usr/local`: whatever it brings may hold plugins.
        result.unread.push(`plugins ${at} may bring into ${posix.join(destination, target.below)}/, as it writes over ${copy.destination} (${copy.unfollowed})`);
      } else if (target) result.unread.push(`${at} fills ${copy.destination} (${copy.unfollowed})`);
      continue;
    }
    const sources = expandSources(copy, inContext, (path) => entriesOf(onDisk(path)));
    if (sources.wildFolders.length > 0 && placeOf(destination)) {
      result.unread.push(`${at} copies ${sources.wildFolders.join(', ')} to ${copy.destination} (a wildcard in a folder name is not followed here)`);
    }
    const intoFolder = copy.destination.endsWith('/');
    for (const source of sources.paths) {
      const kind = input.kindOf(source);
      if (kind === undefined) {
        // File or folder, it would fill the place its destination names.
        const place = placeOf(destination);
        if (place) absent(at, source, copy.destination, place.kind === 'plugin' || place.kind === 'inside' ? place.name : undefined);
        continue;
      }
      if (kind === 'file') {
        // A file keeps its name in a folder destination; else it is written as the destination.
        const lands = intoFolder ? posix.join(destination, posix.basename(source)) : sources.paths.length === 1 ? destination : undefined;
        const file = lands === undefined ? undefined : fileIn(lands, folders);
        if (file === undefined || (file.name !== undefined && input.bundled.has(file.name))) continue;
        if (file.name !== undefined) addFile(file.name, file.place, onDisk(source), at, `${posix.join(file.folder, file.name)}/`);
        else if (MARKERS.has(file.place)) {
          result.misplaced.push({ at, source, destination: copy.destination,
            text: `${at} puts ${source} at ${lands}, in ${file.folder}/ itself rather than in a plugin's folder under it: Kong loads no plugin from it` });
        }
        continue;
      }
      const place = placeOf(destination);
      if (!place) continue;
      if (place.kind === 'inside') {
        // `COPY migrations .../kong/plugins/my-plugin/migrations`: files of that plugin.
        for (const file of walk(onDisk(source))) addFile(place.name, posix.join(place.below, posix.relative(onDisk(source), file).replace(/\\/g, '/')), file, at, `${posix.join(place.folder, place.name)}/`);
        continue;
      }
      const marker = place.kind === 'plugins' ? markerIn(source, input.kindOf) : undefined;
      if (marker) {
        const name = posix.basename(source.replace(/\\/g, '/'));
        result.misplaced.push({ at, source, destination: copy.destination, plugin: name,
          text: `${at} copies the contents of ${source} into ${copy.destination} itself (Docker copies a folder's contents, not the folder): its ${marker} lands at ${posix.join(destination, marker)}, where Kong loads no plugin; to install it as ${name}, copy it to ${posix.join(destination, name)}/` });
        continue;
      }
      const read = readPlace(place, source, onDisk, input.bundled);
      if (read.length === 0) continue;
      const entry = { at, source, destination: copy.destination, plugins: [] as CustomPlugin[] };
      for (const plugin of read) {
        if (plugin.language === 'lua' && (fromFiles.has(plugin.name) || fromFolders.has(plugin.name))) {
          // Written into the folder an earlier step filled: its files over the earlier ones.
          const folder = place.kind === 'plugin' ? destination : posix.join(destination, place.kind === 'tree' ? place.below : '', plugin.name);
          const merged = filePlugin(plugin.name, at, `${folder}/`);
          for (const file of plugin.luaFiles) merged.files.set(placeInPlugin(plugin, file), file.path);
          continue;
        }
        entry.plugins.push(plugin);
        if (plugin.language === 'lua') fromFolders.set(plugin.name, { entry, plugin });
      }
      result.copied.push(entry);
    }
  }
  for (const [name, gathered] of fromFiles) {
    const plugin = luaPluginFromFiles(name, [...gathered.files].map(([place, file]) => ({ file, place })), 'dockerfile-copy');
    gathered.entry.at = gathered.steps.join(', ');
    gathered.entry.source = [...new Set(gathered.files.values())].join(', ');
    if (plugin) gathered.entry.plugins.push(plugin);
  }
  result.copied = result.copied.filter((step) => step.plugins.length > 0);
  const relative = input.relativeTemplates ?? [];
  if (relative.length > 0) {
    // See relativePackagePaths: nginx's working directory is the container's or the shell's.
    result.unread.push(`plugins under lua_package_path ${relative.join(', ')}, relative to the working directory nginx starts in, which is not known here`);
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
 * The context paths a step's sources name, wildcards in the last segment matched against the
 * folder on this machine (Go filepath.Match, as Docker does); `wildFolders` the sources with a
 * wildcard in a folder part, not followed. A wildcard matching nothing names nothing.
 */
function expandSources(copy: DockerfileCopy, inContext: (source: string) => string, namesIn: (path: string) => string[]): { paths: string[]; wildFolders: string[] } {
  const paths: string[] = [];
  const wildFolders: string[] = [];
  for (const source of copy.sources) {
    if (!/[*?[]/.test(source)) {
      paths.push(inContext(source));
      continue;
    }
    const slash = source.lastIndexOf('/');
    const parent = slash < 0 ? '.' : source.slice(0, slash);
    if (/[*?[]/.test(parent)) {
      wildFolders.push(source);
      continue;
    }
    const pattern = source.slice(slash + 1);
    const folder = inContext(parent);
    for (const name of namesIn(folder)) if (globMatch(pattern, name)) paths.push(posix.join(folder.replace(/\\/g, '/'), name));
  }
  return { paths, wildFolders };
}

function entriesOf(folder: string): string[] {
  try {
    return readdirSync(folder).sort();
  } catch {
    return [];
  }
}

/** A file's place in its plugin's folder (`handler.lua`, `migrations/000_base.lua`). */
function placeInPlugin(plugin: CustomPlugin, file: CustomPlugin['luaFiles'][number]): string {
  return file.place ?? posix.relative(plugin.dir.replace(/\\/g, '/'), file.path.replace(/\\/g, '/'));
}

/** The plugin's handler.lua or schema.lua a folder holds itself, if any. */
function markerIn(path: string, kindOf: CopiedPluginsInput['kindOf']): string | undefined {
  return [...MARKERS].find((marker) => kindOf(posix.join(path.replace(/\\/g, '/'), marker)) === 'file');
}

/** Where a copied file lands relative to a plugin folder: in plugin `name` at `place`, or (no name) in the folder itself. */
function fileIn(lands: string, folders: readonly string[]): { folder: string; name?: string; place: string } | undefined {
  for (const folder of folders) {
    if (!lands.startsWith(`${folder}/`)) continue;
    const parts = lands.slice(folder.length + 1).split('/');
    return parts.length === 1 ? { folder, place: parts[0] } : { folder, name: parts[0], place: parts.slice(1).join('/') };
  }
  return undefined;
}

/**
 * How a copy's destination relates to a plugin folder: it is the folder (`plugins`), one plugin
 * in it (`plugin`), a folder inside one plugin (`inside`, at `below`), or lies above it, so the
 * source holds the folder at `below` (`tree`).
 */
type Place = { kind: 'plugins' } | { kind: 'plugin'; name: string } | { kind: 'inside'; folder: string; name: string; below: string } | { kind: 'tree'; below: string };

function placeIn(destination: string, folder: string): Place | undefined {
  if (destination === folder) return { kind: 'plugins' };
  if (posix.dirname(destination) === folder) return { kind: 'plugin', name: posix.basename(destination) };
  if (destination.startsWith(`${folder}/`)) {
    const [name, ...below] = destination.slice(folder.length + 1).split('/');
    return { kind: 'inside', folder, name, below: below.join('/') };
  }
  const prefix = destination === '/' ? '/' : `${destination}/`;
  if (folder.startsWith(prefix)) return { kind: 'tree', below: folder.slice(prefix.length) };
  return undefined;
}

function readPlace(place: Exclude<Place, { kind: 'inside' }>, path: string, onDisk: (path: string) => string, bundled: ReadonlySet<string>): CustomPlugin[] {
  if (place.kind === 'plugin') {
    const plugin = namedLuaPlugin(onDisk(path), place.name, 'dockerfile-copy');
    return plugin ? [plugin] : [];
  }
  const folder = place.kind === 'plugins' ? path : posix.join(path.replace(/\\/g, '/'), place.below);
  // Folders named like a bundled plugin replace Kong's own: patched-kong-files' concern.
  return pluginsInFolder(onDisk(folder), 'dockerfile-copy', bundled).filter((plugin) => !bundled.has(plugin.name));
}
