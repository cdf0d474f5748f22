// Gathers the custom plugins of an installation: the `--plugin-dir` folders, the project folders
// the Dockerfile read copies to where Kong loads plugins from, the ConfigMaps and Secrets Kong's
// Helm chart mounts as plugin folders when a manifest given defines them, plus the custom plugins
// enabled in kong.conf that lua_package_path points at on this machine.

import * as path from 'path';
import type { KongConf } from '../kong-conf/types';
import type { Plan } from '../../plan/types';
import { bundledPlugins } from '../../knowledge/plugins/bundled';
import type { CopySource } from '../images/dockerfile-copies';
import type { ChartPlugin } from '../helm/chart-plugins';
import type { VolumeObject } from '../images/kubernetes-mounts';
import { copiedPlugins, type CopiedPlugins } from './copied-plugins';
import { enabledPlugins, packagePathRoots, pluginServerNames, relativePackagePaths } from './enabled-list';
import { loadPluginDirs, locateInPackagePath } from './load';
import type { CustomPlugin, CustomPlugins, PluginCopiesNotRead } from './types';

// Plugins Kong's Helm chart mounts are read only with Helm values that name some.
const chartPluginsModule = (): typeof import('../helm/chart-plugins') => require('../helm/chart-plugins') as typeof import('../helm/chart-plugins');
const chartObjectPluginsModule = (): typeof import('./chart-object-plugins') => require('./chart-object-plugins') as typeof import('./chart-object-plugins');

export interface LoadedPlugins {
  customPlugins?: CustomPlugins;
  /** For the report's input list: `3 plugins from --plugin-dir ./plugins`. */
  label: string;
  /** Why there is no plugin input, when there is none. */
  missingReason: string;
  /** The Dockerfile steps whose plugin code was not read, when there are any. */
  notRead?: PluginCopiesNotRead;
}

/** The Dockerfile whose image Kong runs, to read the plugin folders it copies in. */
export interface ImageCopiesInput {
  copies: CopySource;
  kindOf: (path: string) => 'file' | 'folder' | undefined;
  cwd: string;
}

/** The plugins the Helm values install from ConfigMaps and Secrets, and the objects of the manifests given. */
export interface ChartPluginsInput {
  plugins: readonly ChartPlugin[];
  objects: readonly VolumeObject[];
}

export function loadCustomPlugins(dirs: readonly string[], conf: KongConf | undefined, plan: Pick<Plan, 'from' | 'edition'>, image?: ImageCopiesInput, chart?: ChartPluginsInput): LoadedPlugins {
  const bundled = bundledPlugins(plan.from, plan.edition).names;
  const fromDirs = dirs.length > 0 ? loadPluginDirs(dirs, { bundled }) : { roots: [], plugins: [] };
  const copied = image
    ? copiedPlugins({ copies: image.copies, packagePathRoots: conf ? packagePathRoots(conf) : [], relativeTemplates: conf ? relativePackagePaths(conf) : [], bundled, kindOf: image.kindOf, cwd: image.cwd })
    : { copied: [], unread: [], absent: [], misplaced: [] };
  const held = chart && chart.plugins.length > 0 ? chartObjectPluginsModule().chartObjectPlugins(chart.plugins, chart.objects) : undefined;
  const notRead = copied.absent.length > 0 || copied.misplaced.length > 0 || (held?.notRead.length ?? 0) > 0
    ? { notRead: { absent: copied.absent, misplaced: copied.misplaced.map(({ text: _text, ...step }) => step), ...(held?.notRead.length ? { chartObjects: held.notRead.map(({ plugin, why }) => ({ plugin, why })) } : {}) } }
    : {};
  const given = renamedByCopies(fromDirs.plugins, copied.copied);
  // A plugin --plugin-dir also gives is read once, as given; a later copy of a name already read adds nothing.
  const taken = new Set(given.flatMap((p) => [`name:${p.name}`, `dir:${path.resolve(p.dir)}`]));
  const fromCopies: CustomPlugin[] = [];
  const copySources: string[] = [];
  for (const step of copied.copied) {
    const fresh = step.plugins.filter((p) => !taken.has(`name:${p.name}`) && !taken.has(`dir:${path.resolve(p.dir)}`));
    for (const p of fresh) taken.add(`name:${p.name}`);
    if (fresh.length === 0) continue;
    fromCopies.push(...fresh);
    copySources.push(`${step.at} (${fresh.map((p) => p.name).join(', ')} from ${step.source} to ${step.destination})`);
  }
  // The chart mounts its objects over whatever the image holds at /opt/kong/plugins/NAME, but a
  // plugin given with --plugin-dir is the copy the operator asked to check: it is read once, as given.
  const fromChart = (held?.plugins ?? []).filter((p) => !taken.has(`name:${p.name}`));
  let viaPath: CustomPlugins['plugins'] = [];
  if (conf) {
    const known = new Set([...given, ...fromCopies, ...fromChart].map((p) => p.name));
    const wanted = enabledPlugins(conf).explicit.map((e) => e.name).filter((n) => !bundled.has(n) && !known.has(n));
    viaPath = locateInPackagePath(packagePathRoots(conf), wanted).plugins;
  }
  const plugins = [...(conf ? namedAsDeclared(given, conf) : given), ...fromCopies, ...fromChart, ...viaPath];
  const setAside = setAsideNote(fromDirs.setAside ?? [], plan);
  const unread = [...copied.misplaced.map((m) => `not loadable: ${m.text}`), ...copied.unread.map((u) => `not read: ${u}`), ...(held?.notes ?? [])];
  if (plugins.length === 0) {
    const why = setAside
      ? `--plugin-dir holds only Kong's own plugins (${setAside})`
      : 'no --plugin-dir given and no custom plugin found on lua_package_path';
    const chartUnread = held?.notRead.length ? [`the plugins the Kong chart mounts from ConfigMaps and Secrets were not read: ${held.notRead.map((n) => n.brief).join(', ')} (give the manifests that define them with --image-file or --declarative)`] : [];
    return { label: '', missingReason: [why, ...chartUnread, ...unread].join('; ') + ': custom plugin code was not checked', ...notRead };
  }
  const chartTexts = (held?.sources ?? []).filter((source) => fromChart.some((p) => p.name === source.plugin)).map((source) => source.text);
  const chartSources = chartTexts.length > 0 ? [`the objects the Kong chart mounts at ${chartPluginsModule().CHART_PLUGIN_ROOT}/<plugin> (${chartTexts.join('; ')})`] : [];
  const sources = [...dirs.map((d) => `--plugin-dir ${d}`), ...copySources, ...chartSources, ...(viaPath.length > 0 ? ['lua_package_path'] : [])];
  const notes = [...namingNotes(plugins), ...(setAside ? [setAside] : []), ...unread];
  return {
    customPlugins: { roots: [...dirs], plugins, ...(fromDirs.setAside ? { setAside: fromDirs.setAside } : {}) },
    label: `${plugins.length} plugin${plugins.length === 1 ? '' : 's'} (${plugins.map((p) => p.name).join(', ')}) from ${sources.join(', ')}`
      + notes.map((n) => `; ${n}`).join(''),
    missingReason: '',
    ...notRead,
  };
}

/**
 * Kong loads a Lua plugin by the folder it sits in under `kong/plugins/`, so a Dockerfile step
 * that copies a --plugin-dir folder in under another folder name
 * (`COPY ./plugins/lua /usr/local/share/lua/5.1/kong/plugins/lua-plugin`) names the plugin Kong
 * knows: without this the folder's own name (`lua`) was taken, and `plugins = lua-plugin` seemed
 * to enable a plugin whose code was missing.
 */
function renamedByCopies(plugins: readonly CustomPlugin[], copies: CopiedPlugins['copied']): CustomPlugin[] {
  const installedAs = new Map<string, { name: string; at: string }>();
  for (const step of copies) {
    for (const plugin of step.plugins) {
      if (plugin.name !== path.basename(path.resolve(plugin.dir))) installedAs.set(path.resolve(plugin.dir), { name: plugin.name, at: step.at });
    }
  }
  return plugins.map((plugin) => {
    const copy = installedAs.get(path.resolve(plugin.dir));
    if (!copy || copy.name === plugin.name) return plugin;
    return { ...plugin, name: copy.name, naming: { from: 'dockerfile-copy' as const, at: copy.at } };
  });
}

/**
 * A Go plugin takes the name of its executable (Kong/go-pdk server/os.go getName: path.Base of
 * os.Executable()), and `go build` names that after the folder, or after the file when the file is
 * built alone (`go build my-plugin.go`, as Kong/go-plugins does). The loader cannot see the build,
 * so it takes the folder; when that is no name kong.conf declares (in `plugins` or
 * `pluginserver_names`) but the one program file's name is, kong.conf says how it was built.
 * A 2.x go-pluginserver module has no main: its name is its `.so` file's (Kong/go-pluginserver
 * pluginserver.go@54c89b6 loadPlugin opens <name>.so), built from the one file defining `New`.
 */
function namedAsDeclared(plugins: readonly CustomPlugin[], conf: KongConf): CustomPlugin[] {
  const declared = new Set([
    ...enabledPlugins(conf).explicit.map((e) => e.name.toLowerCase()),
    ...pluginServerNames(conf),
  ]);
  return plugins.map((plugin) => {
    if (plugin.language !== 'go' || declared.has(plugin.name.toLowerCase())) return plugin;
    const defining = (re: RegExp) => plugin.externalFiles.filter((f) => f.lines.some((line) => re.test(line)));
    const mains = defining(/^\s*func\s+main\s*\(\s*\)/);
    const programs = mains.length > 0 ? mains : defining(/^\s*func\s+New\s*\(/);
    if (programs.length !== 1) return plugin;
    const fileName = path.basename(programs[0].path).replace(/\.go$/, '');
    // `go build -o go-hello.so go_hello.go`: the output name may swap underscores for hyphens.
    const asDeclared = [...declared].find((d) => sameGoName(d, fileName));
    if (!asDeclared) return plugin;
    const name = declared.has(fileName.toLowerCase()) ? fileName : asDeclared;
    return { ...plugin, name, naming: { from: 'go-file-declared' as const, file: programs[0].path } };
  });
}

/** Equal names once lower-cased and with `_` and `-` read alike. */
function sameGoName(a: string, b: string): boolean {
  const norm = (n: string) => n.toLowerCase().replace(/_/g, '-');
  return norm(a) === norm(b);
}

/** Says where names came from when not from the plugin's own folder, so a wrong guess can be seen. */
function namingNotes(plugins: readonly CustomPlugin[]): string[] {
  const fromRockspec = plugins.filter((p) => p.naming?.from === 'rockspec' && path.basename(path.resolve(p.dir)) !== p.name);
  const guessed = plugins.filter((p) => p.naming?.from === 'folder-above-src');
  const goFiles = plugins.filter((p) => p.naming?.from === 'go-file-declared');
  const copiedAs = plugins.flatMap((p) => (p.naming?.from === 'dockerfile-copy' ? [`${p.name} (${path.basename(path.resolve(p.dir))}, ${p.naming.at})`] : []));
  return [
    ...(copiedAs.length > 0 ? [`named after the folder the Dockerfile copies them to: ${copiedAs.join(', ')}`] : []),
    ...(goFiles.length > 0 ? [`named after their Go file, built alone, as kong.conf declares that name: ${goFiles.map((p) => p.name).join(', ')}`] : []),
    ...(fromRockspec.length > 0 ? [`named by their rockspec's build.modules: ${fromRockspec.map((p) => p.name).join(', ')}`] : []),
    ...(guessed.length > 0
      ? [`named after the folder above src/ (no rockspec found; check it is the name in \`plugins\`): ${guessed.map((p) => p.name).join(', ')}`]
      : []),
  ];
}

function setAsideNote(setAside: NonNullable<CustomPlugins['setAside']>, plan: Pick<Plan, 'from'>): string | undefined {
  if (setAside.length === 0) return undefined;
  const n = setAside.length;
  return `${n} plugin${n === 1 ? '' : 's'} bundled with Kong ${plan.from} set aside (the folder also holds Kong's own code)`;
}
