// Flags Wasm filter chains in declarative files bound for Enterprise 3.11 or later. Through 3.10
// a filter chain is valid only while Wasm is enabled: its schema runs wasm.status as an entity
// check, so a DB-less node refuses the file and the Admin API routes for chains are off. 3.11
// builds no longer ship the Wasm module and drop the wasm settings from kong.conf, so Wasm can
// never be enabled again and every chain in the file stands in the way of the upgrade.
//
// decK nests chains in services and routes (go-database-reconciler pkg/file/types.go); Kong's
// own format may also list them at the top level. The nested ones ride on the entity walk, so
// the rule adds no walk of its own.

import { defineRule } from '../../src/engine/define-rule';
import { entityLabel } from '../../src/engine/entity-facts';
import type { Entity } from '../../src/model/entities';

const REMOVED_IN = '3.11.0.0';

export default defineRule<'nested' | 'collection'>({
  id: 'declarative/filter-chains-wasm-removed',
  description: 'Reports Wasm filter chains in declarative files whose Enterprise target (3.11 and later) can no longer run Wasm.',
  severity: 'blocker',
  inputs: ['declarative'],
  gate: { introducedIn: REMOVED_IN, editions: ['enterprise'] },
  catalog: ['wasm-removed'],
  messages: {
    nested: '{{entity}} has {{count}} Wasm filter chain(s): Kong Enterprise 3.11 no longer builds the Wasm module, and a filter chain is accepted only while Wasm is enabled, so Kong (DB-less) and decK refuse this configuration.',
    collection: '`filter_chains` lists {{count}} Wasm filter chain(s): Kong Enterprise 3.11 no longer builds the Wasm module, and a filter chain is accepted only while Wasm is enabled, so Kong (DB-less) and decK refuse this configuration.',
  },
  remediation: 'Before the upgrade, replace each filter chain with Lua plugins (the datakit plugin for datakit filters) and remove the chains from the file.',
  docsUrl: 'https://developer.konghq.com/gateway/breaking-changes/',
  sources: [
    { kind: 'repo', ref: 'Kong/developer.konghq.com@bc1cd742:app/gateway/breaking-changes.md', note: '3.11.0.0: support for the beta Wasm module removed' },
    { kind: 'repo', ref: 'Kong/developer.konghq.com@bc1cd742:app/_data/changelogs/gateway.json', note: '3.11.0.0: ngx_wasm_module removed from default builds' },
    { kind: 'repo', ref: 'Kong/kong:kong/db/schema/entities/filter_chains.lua@FTI-6378', note: 'Enterprise 3.10: custom_entity_check runs wasm.status, which fails while Wasm is not enabled' },
    { kind: 'repo', ref: 'Kong/kong:kong/runloop/wasm.lua@3.9.3', note: 'status() returns an error unless Wasm is enabled' },
  ],
  check(ctx) {
    for (const document of ctx.input('declarative').documents) {
      const collection = document.collections.find((c) => c.value === 'filter_chains');
      const chains = document.root.filter_chains;
      if (collection && Array.isArray(chains) && chains.length > 0) {
        ctx.report({ messageId: 'collection', at: collection.origin, data: { count: chains.length } });
      }
    }
    const visit = (entity: Entity) => {
      if (entity.sourceKind !== 'declarative') return;
      const chains = entity.fields.filter_chains;
      if (!Array.isArray(chains) || chains.length === 0) return;
      ctx.report({ messageId: 'nested', at: entity.at(['filter_chains']), data: { entity: entityLabel(entity), count: chains.length } });
    };
    return { service: visit, route: visit };
  },
});
