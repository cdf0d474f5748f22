// Plugin settings a DB-less (or hybrid) node refuses: they need a database Kong does not have.
// Read by rules/entities/plugin-dbless-incompatible.

import type { Severity } from '../../model/finding';
import type { FactSource } from '../../model/source';
import type { Topology } from '../../plan/types';
import { repo } from './sources';
import type { FieldCondition } from './types';

export interface DblessLimit {
  id: string;
  plugin: string;
  /** Conditions under which the plugin cannot run (all must hold); none means never. */
  when: readonly FieldCondition[];
  /** The field to point at. */
  path: string;
  topologies: readonly Topology[];
  severity: Severity;
  summary: string;
  remediation: string;
  sources: readonly FactSource[];
}

export const dblessLimits: readonly DblessLimit[] = [
  ...(['rate-limiting', 'response-ratelimiting'] as const).map((plugin): DblessLimit => ({
    id: `plugin.${plugin}.policy-cluster.dbless`,
    plugin,
    when: [{ path: 'config.policy', equals: 'cluster' }],
    path: 'config.policy',
    topologies: ['dbless', 'hybrid'],
    severity: 'blocker',
    summary: 'The cluster policy keeps counters in the database; without one Kong only accepts local or redis.',
    remediation: 'Use policy redis (shared counters) or local.',
    sources: [repo(`kong/plugins/${plugin}/schema.lua`, '3.4.0', 'is_dbless(): policy one_of local, redis')],
  })),
  {
    id: 'plugin.acme.storage-kong.dbless',
    plugin: 'acme',
    when: [{ path: 'config.storage', equals: 'kong' }],
    path: 'config.storage',
    topologies: ['dbless'],
    severity: 'blocker',
    summary: 'acme cannot store certificates in Kong\'s database in DB-less mode.',
    remediation: 'Use redis, consul or vault storage (shm does not survive restarts).',
    sources: [repo('kong/plugins/acme/schema.lua', '3.4.0', 'custom_entity_check refuses "kong" storage with database = off')],
  },
  {
    id: 'plugin.rate-limiting-advanced.strategy-cluster.dbless',
    plugin: 'rate-limiting-advanced',
    when: [{ path: 'config.strategy', equals: 'cluster' }],
    path: 'config.strategy',
    topologies: ['dbless', 'hybrid'],
    severity: 'blocker',
    summary: 'rate-limiting-advanced refuses the cluster strategy on DB-less and hybrid nodes.',
    remediation: 'Use the redis or local strategy.',
    sources: [{ kind: 'docs', ref: 'https://developer.konghq.com/support/why-cluster-options-is-not-working-in-rate-limiting-advanced-plugin-for-k4k8s-dbless-or-kong-in-hybrid-mode/' }],
  },
];
