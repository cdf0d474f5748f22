// Bundled plugins deprecated or removed along 2.x -> 3.x. The OSS bundle only grew from 2.8.5 to
// 3.9.3 (kong/constants.lua at both tags lists every 2.8 plugin); the entries below are the
// Enterprise ones Kong announced. Read by rules/entities/plugin-removed.

import type { FactSource } from '../../model/source';
import { digest, repo } from './sources';

export interface PluginLifecycle {
  id: string;
  plugin: string;
  edition: 'oss+ee' | 'ee';
  deprecatedIn?: string;
  /** Kong refuses to start with the plugin configured from this version. */
  removedIn?: string;
  /** Announced removal that no released version carries out yet. */
  plannedRemoval?: string;
  replacement?: string;
  sources: readonly FactSource[];
}

export const pluginLifecycle: readonly PluginLifecycle[] = [
  {
    id: 'plugin.statsd-advanced.lifecycle',
    plugin: 'statsd-advanced',
    edition: 'ee',
    deprecatedIn: '3.0.0.0',
    plannedRemoval: '4.0',
    replacement: 'statsd',
    sources: [digest('plugin-statsd-advanced-deprecated'), repo('kong/constants.lua', '3.9.3', 'OSS bundle unchanged apart from additions since 2.8.5')],
  },
];
