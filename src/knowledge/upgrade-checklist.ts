// The steps of an upgrade that no rule can verify but every checklist needs: the backup for the
// node's role and the freeze on configuration writes. Data only, each step with its sources;
// the Markdown reporter prints them as checkboxes.

import type { FactSource } from '../model/source';
import type { ConfigSource, Edition, Plan, Role } from '../plan/types';

export interface ChecklistStep {
  id: string;
  title: string;
  /** What to do, in our words. */
  detail: string;
  /** The roles the step concerns; absent = every role. */
  roles?: Role[];
  editions?: Edition[];
  /**
   * Where the configuration must live for the step to apply (plan.configSource): a kind, or
   * `node` for a node that holds its own; absent = anywhere.
   */
  configSource?: ConfigSource['kind'] | 'node';
  sources: FactSource[];
}

const BACKUP_SOURCES: FactSource[] = [
  { kind: 'docs', ref: 'https://developer.konghq.com/gateway/upgrade/backup-and-restore/' },
  { kind: 'digest', ref: 'kong-facts/upgrade/strategies.md §4 Backup strategy' },
];
const KIC_SOURCES: FactSource[] = [
  { kind: 'repo', ref: 'Kong/developer.konghq.com:app/kubernetes-ingress-controller/architecture.md@bc1cd742', note: 'line 29: Kubernetes resources are the source of truth' },
  { kind: 'repo', ref: 'Kong/developer.konghq.com:app/kubernetes-ingress-controller/ingress.md@bc1cd742', note: 'lines 35-45: translated resources and the Secrets they reference' },
];
const FREEZE_SOURCES: FactSource[] = [
  { kind: 'docs', ref: 'https://developer.konghq.com/gateway/upgrade/' },
  { kind: 'repo', ref: 'Kong/kong:UPGRADE.md@3.0.0' },
  { kind: 'digest', ref: 'kong-facts/upgrade/strategies.md §5 No writes during the upgrade' },
];

export const BEFORE_UPGRADE_STEPS: readonly ChecklistStep[] = [
  {
    id: 'backup.database',
    title: 'Back up the database',
    detail: 'Take a pg_dump of the Kong database (on Cassandra, a snapshot of its keyspace on every node: the primary backup; migrations cannot be undone), then a decK dump or `kong config db_export` as a secondary one. Copy kong.conf and the prefix folder (certificates, keys, rendered nginx files).',
    roles: ['traditional', 'control_plane'],
    sources: BACKUP_SOURCES,
  },
  {
    id: 'backup.declarative',
    title: 'Back up the declarative configuration',
    detail: 'Copy the file named by declarative_config (check it with `kong config parse`), kong.conf and the prefix folder.',
    roles: ['dbless'],
    configSource: 'node',
    sources: BACKUP_SOURCES,
  },
  {
    id: 'backup.ingress-controller',
    title: 'Back up the Kubernetes resources',
    detail: 'The ingress controller builds Kong\'s configuration from Kubernetes resources: export the Ingresses, Gateway API routes, Kong custom resources (KongPlugin, KongClusterPlugin, KongConsumer...) and the Secrets they reference, with the Helm values files.',
    roles: ['dbless', 'traditional', 'control_plane'],
    configSource: 'ingress-controller',
    sources: KIC_SOURCES,
  },
  {
    id: 'backup.data-plane',
    title: 'Back up the data plane files',
    detail: 'Data planes keep no database: copy kong.conf and the prefix folder, and make sure the control plane has been backed up.',
    roles: ['data_plane'],
    configSource: 'node',
    sources: BACKUP_SOURCES,
  },
  {
    id: 'backup.konnect',
    title: 'Back up the Konnect control plane',
    detail: 'Kong manages the database of a Konnect control plane, so decK is the backup: `deck gateway dump -o konnect-backup.yaml --konnect-token $KONNECT_TOKEN --konnect-control-plane-name <name>` (Dev Portal, Catalog and other Konnect data are not in it). Copy kong.conf and the prefix folder of the data plane.',
    roles: ['data_plane'],
    configSource: 'konnect',
    sources: BACKUP_SOURCES,
  },
  {
    id: 'backup.keyring',
    title: 'Back up the keyring materials',
    detail: 'With Keyring and data encryption on, save the keyring materials separately: without them encrypted data cannot be recovered.',
    editions: ['enterprise'],
    sources: BACKUP_SOURCES,
  },
  {
    id: 'freeze.writes',
    title: 'Freeze configuration writes',
    detail: 'From the start of the upgrade until it ends, make no Admin API, Kong Manager, decK or `kong config` changes and no direct SQL (for DB-less nodes: no pushes to /config). Proxy traffic may keep flowing.',
    sources: FREEZE_SOURCES,
  },
];

/** The steps that concern a node of this role and edition, whose configuration lives at `source`, in order. */
export function checklistFor(role: Role, edition: Edition, source?: ConfigSource['kind']): ChecklistStep[] {
  return BEFORE_UPGRADE_STEPS.filter((s) => (!s.roles || s.roles.includes(role)) && (!s.editions || s.editions.includes(edition))
    && (!s.configSource || s.configSource === (source ?? 'node')));
}

/**
 * How to freeze configuration writes, per role of a node with a database: where the writes come
 * in, and what to close. The freeze guard (`kong-preflight freeze`) proves afterwards it held.
 * `controller_driven`: the files given run only an ingress controller (Plan.gatewayElsewhere),
 * which configures the gateways of another release through their Admin API from Kubernetes
 * resources (KIC_SOURCES): the database is that gateway release's, and the controller writes too.
 */
export const FREEZE_STEPS: Readonly<Record<'traditional' | 'control_plane' | 'controller_driven', string>> = {
  traditional: 'Every node of a traditional cluster serves the Admin API: close admin_listen (and Kong Manager) to clients at the firewall or load balancer on all of them, pause decK and CI pipelines, and keep direct SQL off the database. Then take `kong-preflight freeze snapshot` and keep it until the upgrade is verified.',
  control_plane: 'In hybrid mode writes reach only the control planes: close their Admin API and Kong Manager to clients and pause decK and CI pipelines; data planes keep proxying with the configuration they have. Then take `kong-preflight freeze snapshot` of the control plane database.',
  controller_driven: 'The release given runs only the ingress controller: the database is the one of the gateway release it drives, and the controller itself writes to it through that gateway\'s Admin API, from the Kubernetes resources it translates. Make no changes to those resources, close the gateway\'s Admin API and Kong Manager to other clients, pause decK and CI pipelines, and keep direct SQL off the database. Then take `kong-preflight freeze snapshot` of that database and keep it until the upgrade is verified.',
};
export const FREEZE_STEP_SOURCES: readonly FactSource[] = [...FREEZE_SOURCES, ...KIC_SOURCES];

/** The freeze steps for a plan: its role's, or the driven gateway's when the files run only a controller. */
export function freezeStepsFor(plan: Pick<Plan, 'role' | 'gatewayElsewhere'>): string {
  if (plan.gatewayElsewhere) return FREEZE_STEPS.controller_driven;
  return FREEZE_STEPS[plan.role === 'control_plane' ? 'control_plane' : 'traditional'];
}
