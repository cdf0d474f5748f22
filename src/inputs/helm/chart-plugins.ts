// The custom plugins Kong's Helm chart installs from ConfigMaps and Secrets: each entry of
// `plugins.configMaps` and `plugins.secrets` names the object (`name`) and the plugin
// (`pluginName`). The chart mounts the object's keys as the files of the folder
// /opt/kong/plugins/<pluginName> (Kong/charts@e76b8003 charts/kong/templates/_helpers.tpl lines
// 676-695 and 811-832), adds the name to KONG_PLUGINS (lines 853-867) and puts /opt/?.lua on
// KONG_LUA_PACKAGE_PATH (line 1011), so Kong loads it as kong.plugins.<pluginName>. Each of
// `subdirectories` is one more object, mounted as a folder of the plugin: at its `path`, which a
// ConfigMap's entry may leave to its `name` (line 818) and a Secret's may not (line 829).

import type { FileOrigin } from '../../model/origin';
import type { HelmValue, HelmValues } from './values';

/** Where the chart mounts a plugin's folders from. */
export const CHART_PLUGIN_ROOT = '/opt/kong/plugins';

/** One object the chart mounts into a plugin's folder. */
export interface ChartPluginObject {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  /** The folder inside the plugin's folder its keys land in: `` for the plugin's own folder, `migrations`. */
  folder: string;
}

export interface ChartPlugin {
  /** The plugin name Kong knows it by (`pluginName`). */
  name: string;
  /** The plugin's own folder first, then its subdirectories. */
  objects: ChartPluginObject[];
  /** The values entry that installs it, and its path (`plugins.configMaps[0]`). */
  origin: FileOrigin;
  valuesPath: string;
  /** Subdirectories the chart cannot place (a Secret's without `path`): named, not read. */
  unplaced: string[];
}

export function chartPlugins(values: HelmValues): ChartPlugin[] {
  const plugins: ChartPlugin[] = [];
  for (const [key, kind] of [['configMaps', 'ConfigMap'], ['secrets', 'Secret']] as const) {
    const list = values.at('plugins', key);
    if (list?.kind !== 'seq') continue;
    list.items.forEach((item, i) => {
      const entry = record(item);
      const name = text(entry?.name);
      const pluginName = text(entry?.pluginName);
      if (!entry || !name || !pluginName) return;
      const objects: ChartPluginObject[] = [{ kind, name, folder: '' }];
      const unplaced: string[] = [];
      for (const sub of Array.isArray(entry.subdirectories) ? entry.subdirectories : []) {
        const subName = text(record(sub)?.name);
        if (!subName) continue;
        const folder = text(record(sub)?.path) ?? (kind === 'ConfigMap' ? subName : undefined);
        if (folder) objects.push({ kind, name: subName, folder: folder.replace(/^\/+|\/+$/g, '') });
        else unplaced.push(`${kind} ${subName} (a Secret's subdirectory needs a \`path\`)`);
      }
      const node: HelmValue | undefined = list.nodes?.[i];
      plugins.push({ name: pluginName, objects, origin: node?.origin ?? list.origin, valuesPath: `${values.prefix}plugins.${key}[${i}]`, unplaced });
    });
  }
  return plugins;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
