// Kong's own Lua modules per release, to tell when a `require` in custom code stops resolving.
// data/oss-lua-modules.json (generated from the Kong/kong trees 2.0.0-3.9.3) gives, per module,
// the tag intervals where it exists; `curatedRemovals` adds the replacement for the well-known ones.

import type { FactSource } from '../../model/source';
import { KongVersion } from '../../version/kong-version';
import modulesData from './data/oss-lua-modules.json';
import type { RemovedModule } from './types';
import { ownValue } from '../../own-key';

const TAGS = (modulesData.tags as string[]).map((t) => KongVersion.parse(t));
const LAST_TAG = TAGS[TAGS.length - 1];
const MODULES = modulesData.modules as unknown as Record<string, [string, string][]>;

export const MODULE_INVENTORY_SOURCE: FactSource = { kind: 'repo', ref: modulesData.source };

export const curatedRemovals: readonly RemovedModule[] = [
  { module: 'kong.plugins.base_plugin', removedIn: '3.0.0.0', factId: 'custom-plugin-base-plugin-removed',
    replacement: 'write the handler as a plain table with PRIORITY, VERSION and phase functions; drop the `.super` calls',
    sources: [{ kind: 'repo', ref: 'Kong/kong:kong/plugins/base_plugin.lua@2.8.0' }] },
  { module: 'kong.singletons', removedIn: '3.0.0.0', factId: 'custom-plugin-singletons-removed',
    replacement: 'use the global `kong` (kong.db, kong.cache, kong.configuration...)',
    sources: [{ kind: 'repo', ref: 'Kong/kong:kong/singletons.lua@2.8.0' }] },
  { module: 'kong.plugins.log-serializers.basic', removedIn: '3.0.0.0', factId: 'custom-plugin-log-serializer-basic-removed',
    replacement: 'call kong.log.serialize()',
    sources: [{ kind: 'repo', ref: 'Kong/kong:kong/plugins/log-serializers/basic.lua@2.8.0' }] },
  { module: 'kong.tools.batch_queue', removedIn: '3.3.0.0', factId: 'custom-plugin-batch-queue-renamed',
    replacement: 'port to kong.tools.queue (a different API: Queue.enqueue with a queue config)',
    sources: [{ kind: 'repo', ref: 'Kong/kong:kong/tools/batch_queue.lua@3.2.2' }] },
  { module: 'kong.db.migrations.helpers', removedIn: '3.0.0.0', factId: 'custom-plugin-migration-helpers-removed',
    replacement: 'inline the SQL in the migration (the helpers served Cassandra, which 3.x no longer supports)',
    sources: [{ kind: 'repo', ref: 'Kong/kong:kong/db/migrations/helpers.lua@2.8.0' }] },
];

export interface ModuleRemoval {
  module: string;
  /** First release without the module. */
  removedIn: KongVersion;
  curated?: RemovedModule;
  /** False when the target lies past the last tag the inventory covers. */
  exact: boolean;
}

function latestTagAtOrBelow(version: KongVersion): KongVersion | undefined {
  const cut = version.truncate('patch');
  let chosen: KongVersion | undefined;
  for (const tag of TAGS) if (tag.lte(cut)) chosen = tag;
  return chosen;
}

function presentAt(module: string, tag: KongVersion): boolean {
  return (ownValue(MODULES, module) ?? []).some(([a, b]) => KongVersion.parse(a).lte(tag) && tag.lte(KongVersion.parse(b)));
}

/**
 * The removal of a Kong module between `from` and `to`, or undefined when the module is not a
 * Kong OSS module, was already gone at `from`, or still exists at `to`.
 */
export function moduleRemovalOnPath(module: string, from: KongVersion, to: KongVersion): ModuleRemoval | undefined {
  if (!ownValue(MODULES, module)) return undefined;
  // A 0.x or 1.x source predates the inventory: judge it from the first tag the inventory has, as
  // the plan checks nothing before 2.x either. A module the plugin loads today existed there.
  const fromTag = latestTagAtOrBelow(from) ?? (from.lt(TAGS[0]) ? TAGS[0] : undefined);
  const toTag = latestTagAtOrBelow(to);
  if (!fromTag || !toTag || !presentAt(module, fromTag) || presentAt(module, toTag)) return undefined;
  const removedIn = TAGS.find((t) => fromTag.lt(t) && t.lte(toTag) && !presentAt(module, t));
  if (!removedIn) return undefined;
  const curated = curatedRemovals.find((c) => c.module === module);
  return {
    module,
    removedIn: curated ? KongVersion.parse(curated.removedIn) : removedIn,
    ...(curated ? { curated } : {}),
    exact: to.lte(LAST_TAG),
  };
}
