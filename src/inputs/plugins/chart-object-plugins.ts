// Reads the custom plugins Kong's Helm chart installs from ConfigMaps and Secrets
// (../helm/chart-plugins.ts) when a manifest given here defines those objects: each key is a file
// of the plugin folder the chart mounts (`handler.lua: |`), read from the manifest itself. Kong
// reads the key's value as the file's text, so the Lua is tokenized from that value and every
// token is moved to its place in the manifest (../images/held-value-places.ts): findings then
// cite the manifest's lines, which are what the operator edits. A value with no exact place there
// (a folded block, a quoted string over several lines, a Secret's base64 `data`, decoded in memory)
// is still read, and its findings cite the key's first line; the inputs line says so.

import { InputError } from '../../errors';
import { fileOrigin, type FileOrigin } from '../../model/origin';
import { CHART_PLUGIN_ROOT, type ChartPlugin, type ChartPluginObject } from '../helm/chart-plugins';
import { decodeBase64Text } from '../images/held-kong-conf';
import { heldValuePlaces, type ValuePlaces } from '../images/held-value-places';
import type { VolumeObject } from '../images/kubernetes-mounts';
import { codeTokens, tokenizeLua, type LuaToken } from '../lua/tokenizer';
import { luaPluginFromTexts } from './load';
import type { CustomPlugin, LuaFile } from './types';

export interface ChartObjectPlugins {
  plugins: CustomPlugin[];
  /** For the inputs line: `hmac-auth-tiktok: ConfigMap hmac-auth-tiktok, in k8s/plugin.yaml`. */
  sources: { plugin: string; text: string }[];
  /** What an operator should know of what was read: keys whose findings cite the key's line, objects missing. */
  notes: string[];
  /**
   * Plugins whose code was not read: `why` for the unlocated-plugin rule, `brief` for the list of
   * missing inputs, which every plugin rule repeats.
   */
  notRead: { plugin: string; why: string; brief: string }[];
}

/** The plugins of `chart` whose objects are among `objects` (the ConfigMaps and Secrets of the manifests given). */
export function chartObjectPlugins(chart: readonly ChartPlugin[], objects: readonly VolumeObject[]): ChartObjectPlugins {
  const result: ChartObjectPlugins = { plugins: [], sources: [], notes: [], notRead: [] };
  for (const plugin of chart) {
    const mountedAt = `${CHART_PLUGIN_ROOT}/${plugin.name}`;
    const installedBy = `${plugin.valuesPath}, ${plugin.origin.file}:${plugin.origin.line}`;
    const [own, ...subfolders] = plugin.objects;
    const root = objectOf(own, objects);
    if (!root) {
      result.notRead.push({
        plugin: plugin.name,
        why: `it comes from ${own.kind} ${own.name}, which the Kong chart mounts at ${mountedAt} (${installedBy}), and no manifest given defines it: give that manifest with --image-file (or --declarative)`,
        brief: `${plugin.name} (${own.kind} ${own.name}, in no manifest given)`,
      });
      continue;
    }
    const files: Omit<LuaFile, 'role'>[] = [];
    const keyOrigins = new Map<string, FileOrigin>();
    const approximate: string[] = [];
    const unread: string[] = [...plugin.unplaced.map((u) => `not read: ${u}`)];
    for (const [object, folder] of [[root, own.folder] as const, ...subfolders.map((sub) => [objectOf(sub, objects), sub.folder] as const)]) {
      if (!object) continue;
      for (const entry of object.entries.filter((e) => e.key.endsWith('.lua'))) {
        const place = folder ? `${folder}/${entry.key}` : entry.key;
        const text = entry.base64 ? decodeBase64Text(entry.value) : entry.value;
        if (text === undefined) {
          unread.push(`not read: ${place} (${object.kind} ${object.name}, ${object.file}:${entry.origin.line}) is not base64 of UTF-8 text`);
          continue;
        }
        const at = { line: entry.origin.line, column: entry.origin.column };
        const places: ValuePlaces = entry.base64 ? { place: () => at, approximate: 'base64 in the Secret\'s data' } : heldValuePlaces(object.lines, at, entry.value);
        const tokens = tokenizeHeld(text, object, entry.key, places);
        files.push({ path: object.file, place, tokens, code: codeTokens(tokens) });
        keyOrigins.set(place, fileOrigin(object.file, at.line, at.column));
        if (places.approximate) approximate.push(`${place} (${places.approximate})`);
      }
    }
    const missing = subfolders.filter((sub) => !objectOf(sub, objects)).map((sub) => `${sub.kind} ${sub.name} (its ${sub.folder}/ folder)`);
    if (missing.length > 0) unread.push(`not read: ${missing.join(', ')}, which no manifest given defines`);
    const read = luaPluginFromTexts(plugin.name, root.file, files, 'chart-object');
    if (!read) {
      result.notRead.push({
        plugin: plugin.name,
        why: `${own.kind} ${own.name} (${root.file}), which the Kong chart mounts at ${mountedAt} (${installedBy}), has no handler.lua or schema.lua key, so Kong finds no plugin there`,
        brief: `${plugin.name} (${own.kind} ${own.name} has no handler.lua or schema.lua key)`,
      });
      continue;
    }
    // The plugin as a whole is where its handler (or schema) key is written.
    const anchor = keyOrigins.get(read.handler?.place ?? '') ?? keyOrigins.get(read.schema?.place ?? '');
    result.plugins.push(anchor ? { ...read, origin: anchor } : read);
    const subNames = subfolders.filter((sub) => objectOf(sub, objects)).map((sub) => `, its ${sub.folder}/ from ${sub.kind} ${sub.name}`).join('');
    result.sources.push({ plugin: plugin.name, text: `${plugin.name}: ${own.kind} ${own.name}${subNames}, in ${root.file}` });
    if (approximate.length > 0) result.notes.push(`findings in ${plugin.name}'s ${approximate.join(', ')} cite the key's first line, as its text has no line-for-line place in the manifest`);
    result.notes.push(...unread);
  }
  return result;
}

/** The object the chart mounts, among those given; a chart release's namespace is not known here, so any namespace does. */
function objectOf(wanted: ChartPluginObject, objects: readonly VolumeObject[]): VolumeObject | undefined {
  return objects.find((o) => o.kind === wanted.kind && o.name === wanted.name);
}

/** The value's Lua tokens, each at its place in the manifest; a lexical error names the manifest's line too. */
function tokenizeHeld(text: string, object: VolumeObject, key: string, places: ValuePlaces): LuaToken[] {
  let tokens: LuaToken[];
  try {
    tokens = tokenizeLua(text, object.file);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const { line, column } = places.place(error.place.line ?? 1, error.place.column ?? 1);
    throw new InputError(`key ${key} of ${object.kind} ${object.name}: ${error.message}`, { file: object.file, line, column });
  }
  return tokens.map((token) => {
    const start = places.place(token.line, token.column);
    const end = places.place(token.endLine, token.endColumn);
    return { ...token, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  });
}
