// Kong migrations cannot be undone: the upgrade guide asks for a backup first. This rule wants
// evidence (`--backup FILE`) of the right kind for the topology, newer than the configuration.

import { defineRule } from '../../src/engine/define-rule';
import { DATABASE_BACKUP_KINDS } from '../../src/inputs/backup';
import { BACKUP_FACTS as FACT } from '../../src/knowledge/core-changes';
import type { KongConf } from '../../src/inputs/kong-conf/types';
import { chartSwitchOf } from '../../src/inputs/helm/conf-layer';
import { describeEmbeddedSource, HELM_VALUES_KIND } from '../../src/inputs/declarative/embedded-source';
import type { DeclarativeConfig } from '../../src/inputs/declarative/types';
import { isVaultReference } from '../../src/inputs/kong-conf/values';
import type { Plan } from '../../src/plan/types';

export default defineRule<'noEvidence' | 'noEvidenceForGateway' | 'unrecognised' | 'wrongKind' | 'wrongKindForGateway' | 'olderThanConfig'>({
  id: 'backup/backup-evidence',
  description: 'Asks for evidence of a backup of the right kind for the topology, taken after the last configuration change.',
  severity: 'warning',
  inputs: [],
  messages: {
    noEvidence: 'No backup evidence given (--backup FILE). Steps for this {{topology}} node: {{steps}}',
    noEvidenceForGateway: 'No backup evidence given (--backup FILE). The files given run no gateway ({{elsewhere}}): the backup concerns the {{topology}} gateway release that the ingress controller drives. Steps for that gateway: {{steps}}',
    unrecognised: '{{file}} is not recognisably a pg_dump, `kong config db_export` or decK dump ({{detail}}).',
    wrongKind: '{{file}} is a {{kind}} backup; a {{topology}} node needs {{needed}}. Steps: {{steps}}',
    wrongKindForGateway: '{{file}} is a {{kind}} backup; the files given run no gateway ({{elsewhere}}), and the {{topology}} gateway release that the ingress controller drives needs {{needed}}. Steps for that gateway: {{steps}}',
    olderThanConfig: '{{file}} ({{backupDate}}) is older than {{configFile}} ({{configDate}}): it may not cover the current configuration.',
  },
  remediation: 'Take the backup for the topology just before the upgrade and pass it with --backup.',
  // Touching either file changes the dates, not what the finding is about.
  volatileData: ['backupDate', 'configDate'],
  docsUrl: FACT.docsUrl,
  sources: [
    ...FACT.sources,
    { kind: 'repo', ref: 'Kong/docs.konghq.com:app/_src/gateway/migrate-cassandra-to-postgres.md@8776e5a0b3db3e77317b92e6ededbd1db72841b9', note: 'a Cassandra node is backed up as a Cassandra database before the move' },
    { kind: 'docs', ref: 'https://cassandra.apache.org/doc/latest/cassandra/managing/operating/backups.html', note: 'nodetool snapshot: the keyspace backup, taken on each node' },
    { kind: 'repo', ref: 'Kong/charts:charts/kong/templates/_helpers.tpl@kong-3.4.1', note: 'a DB-less Kong the chart configures loads dblessConfig (a ConfigMap, a Secret or inline text) from /kong_dbless/kong.yml' },
    { kind: 'repo', ref: 'Kong/developer.konghq.com:app/kubernetes-ingress-controller/architecture.md@bc1cd742', note: 'line 29: Kubernetes resources are the source of truth for the configuration of a Kong the ingress controller manages' },
    { kind: 'repo', ref: 'Kong/developer.konghq.com:app/kubernetes-ingress-controller/ingress.md@bc1cd742', note: 'lines 35-45: the resources the controller translates into Kong configuration, and the Secrets they reference' },
    { kind: 'repo', ref: 'Kong/developer.konghq.com:app/gateway/db-less-mode.md@bc1cd742', note: 'lines 128-138: a DB-less node loads its declarative configuration at start-up from kong.conf (declarative_config, declarative_config_string) or at runtime through the Admin API /config endpoint' },
    { kind: 'repo', ref: 'Kong/developer.konghq.com:app/gateway/upgrade/backup-and-restore.md@bc1cd742', note: 'on Konnect only the declarative backup exists, as Kong manages the database: `deck gateway dump` with --konnect-token and --konnect-control-plane-name' },
  ],
  check(ctx) {
    const backup = ctx.optionalInput('backup');
    const conf = ctx.optionalInput('kongConf');
    const topology = ctx.plan.role === 'data_plane' ? 'data plane' : ctx.plan.topology;
    const steps = backupSteps(ctx.plan, conf, heldBy(ctx.optionalInput('declarative')));
    const anchor = conf?.anchor() ?? { kind: 'global' as const };
    if (!backup) {
      // A controller-only release holds nothing to back up itself: name the gateway it drives.
      const elsewhere = ctx.plan.gatewayElsewhere;
      if (elsewhere) ctx.report({ messageId: 'noEvidenceForGateway', at: anchor, data: { topology, steps, elsewhere } });
      else ctx.report({ messageId: 'noEvidence', at: anchor, data: { topology, steps } });
      return;
    }
    const at = { kind: 'global' as const, file: backup.file };
    if (backup.kind === 'unrecognised') {
      ctx.report({ messageId: 'unrecognised', at, data: { file: backup.file, detail: backup.detail } });
      return;
    }
    const needsDatabase = ctx.plan.topology === 'traditional' || ctx.plan.role === 'control_plane';
    const isDatabase = DATABASE_BACKUP_KINDS.includes(backup.kind);
    // A controller-only release: the backup is the driven gateway's, not a node of these files.
    const elsewhere = ctx.plan.gatewayElsewhere;
    const wrongKind = (needed: string) => ctx.report(elsewhere
      ? { messageId: 'wrongKindForGateway', at, data: { file: backup.file, kind: backup.kind, topology, needed, steps, elsewhere } }
      : { messageId: 'wrongKind', at, data: { file: backup.file, kind: backup.kind, topology, needed, steps } });
    if (needsDatabase && !isDatabase) {
      const needed = isCassandra(conf) ? 'a backup of its Cassandra keyspace' : 'a pg_dump of the Kong database';
      wrongKind(`${needed} (declarative exports are only a secondary backup)`);
    } else if (!needsDatabase && isDatabase) {
      wrongKind(declarativeNeed(ctx.plan));
    }
    const configTime = conf?.modifiedAt;
    if (configTime && backup.modifiedAt < configTime && conf?.file) {
      ctx.report({
        messageId: 'olderThanConfig',
        at,
        data: { file: backup.file, backupDate: backup.modifiedAt.toISOString(), configFile: conf.file, configDate: configTime.toISOString() },
      });
    }
  },
});

function isCassandra(conf: KongConf | undefined): boolean {
  return conf?.get('database')?.value.trim().toLowerCase() === 'cassandra';
}

/** A kong.conf value, or Kong's default when the key is unset or empty. */
function setting(conf: KongConf | undefined, key: string, fallback: string): string {
  const value = conf?.get(key)?.value.trim();
  return value ? value : fallback;
}

/** What backs up a node that keeps no database of its own. */
function declarativeNeed(plan: Plan): string {
  if (plan.configSource?.kind === 'ingress-controller') return 'a copy of the Kubernetes resources its ingress controller translates into Kong configuration';
  if (plan.configSource?.kind === 'konnect') return 'a decK dump of its Konnect control plane';
  return 'a copy of its declarative configuration';
}

/**
 * The Kubernetes resources a Kong Ingress Controller reads: the ones it translates, and the
 * Secrets they reference (developer.konghq.com app/kubernetes-ingress-controller/ingress.md@bc1cd742).
 */
const KIC_RESOURCES = 'the Kubernetes resources the ingress controller translates into Kong configuration (the Ingresses and Gateway API routes, the Kong custom resources such as KongPlugin, KongClusterPlugin and KongConsumer, and the Secrets they reference, for example with `kubectl get -A -o yaml`)';

/**
 * The manifest object whose key holds the configuration Kong loads (a ConfigMap's kong.yml a
 * volume mounts where declarative_config points), named for the backup steps; undefined for a file.
 */
function heldBy(declarative: DeclarativeConfig | undefined): string | undefined {
  const held = declarative?.documents.find((document) => document.loadedByKong && document.embeddedIn && document.embeddedIn.kind !== HELM_VALUES_KIND);
  return held?.embeddedIn && describeEmbeddedSource(held.embeddedIn);
}

/** The documented backup steps for the node's topology, in one line; `held`: the manifest object holding its declarative configuration. */
function backupSteps(plan: Plan, conf: KongConf | undefined, held?: string): string {
  const keyring = plan.edition === 'enterprise' ? ' If Keyring/data encryption is on, back up the keyring materials separately.' : '';
  const source = plan.configSource;
  if (plan.role === 'data_plane') {
    // Kong manages a Konnect control plane's database: decK is the only backup there is.
    if (source?.kind === 'konnect') return `data planes hold no database, and this one's control plane is in Konnect (${source.reason}), whose database Kong manages: back up the control plane's configuration with \`deck gateway dump -o konnect-backup.yaml --konnect-token $KONNECT_TOKEN --konnect-control-plane-name <name>\`, and copy kong.conf and the prefix (certificates, keys). Dev Portal, Catalog and other Konnect data are not in that dump.`;
    return 'data planes hold no database: back up kong.conf, the prefix (certificates, keys) and make sure the control plane is backed up.';
  }
  if (source?.kind === 'ingress-controller') {
    // The controller rebuilds Kong's configuration from the cluster: no declarative file is Kong's own.
    if (plan.topology === 'dbless') return `the ingress controller configures this DB-less Kong (${source.reason}): back up ${KIC_RESOURCES}, the Helm values files and the Secrets holding certificates and keys.${keyring}`;
    return `${databaseSteps(conf)} The ingress controller writes that configuration (${source.reason}): also back up ${KIC_RESOURCES}.${keyring}`;
  }
  if (plan.topology === 'dbless') {
    // Under the Kong chart the file is a ConfigMap or Secret mounted in the pod, and kong.conf is the values.
    const chart = conf?.get('declarative_config');
    const fromChart = chart && chartSwitchOf(chart);
    if (fromChart) return `copy the declarative configuration Kong loads, ${fromChart.chartReason} (validate it with \`kong config parse\`), the Helm values files and the Secrets holding certificates and keys.${keyring}`;
    // Kubernetes manifests without the chart: the file is a ConfigMap or Secret key the pod mounts.
    if (held) return `copy the declarative configuration Kong loads, ${held} (validate it with \`kong config parse\`), the manifests that configure the node and the Secrets holding certificates and keys.${keyring}`;
    // Without declarative_config the configuration is in kong.conf (declarative_config_string) or
    // arrives at runtime through the Admin API's /config endpoint.
    if (conf?.get('declarative_config_string')) return 'copy kong.conf, which holds the configuration in declarative_config_string (validate it with `kong config parse`), and the prefix folder (certificates, keys).' + keyring;
    if (conf && !conf.get('declarative_config')) return 'keep a copy of the declarative configuration last sent to the Admin API\'s /config endpoint (this node sets no declarative_config, so that is how it is loaded; validate the copy with `kong config parse`), and copy kong.conf and the prefix folder (certificates, keys).' + keyring;
    return 'copy the declarative file named by declarative_config (validate it with `kong config parse`), kong.conf and the prefix folder (certificates, keys).' + keyring;
  }
  return `${databaseSteps(conf)}${keyring}`;
}

/** The database-native backup (the primary one), then the declarative ones. */
function databaseSteps(conf: KongConf | undefined): string {
  const secondary = 'then `deck gateway dump --all-workspaces -o kong-deck.yaml` or `kong config db_export kong-export.yaml` as a secondary backup; also copy kong.conf and the prefix folder.';
  // pg_dump reads no Cassandra: the database-native backup of such a node is a keyspace snapshot.
  if (isCassandra(conf)) {
    return `a snapshot of the Cassandra keyspace on every node (\`nodetool snapshot ${setting(conf, 'cassandra_keyspace', 'kong')}\`, the primary backup), ${secondary}`;
  }
  // The docs' example names user and database `kong`; this node's own names are what pg_dump needs.
  // Without -h pg_dump reads the local server's socket: with the database on another host it would
  // fail, or dump a different local database.
  // Kong resolves `{vault://...}` settings at start-up; pg_dump would take the reference literally.
  const referenced: string[] = [];
  const connection = (key: string, fallback: string): string => {
    const value = setting(conf, key, fallback);
    if (!isVaultReference(value)) return value;
    referenced.push(`<${key}> stands for the secret at ${value}`);
    return `<${key}>`;
  };
  const host = connection('pg_host', '');
  const port = connection('pg_port', '5432');
  const where = `${host ? ` -h ${host}` : ''}${port !== '5432' ? ` -p ${port}` : ''}`;
  const command = `\`pg_dump${where} -U ${connection('pg_user', 'kong')} -d ${connection('pg_database', 'kong')} -F d -f kong-backup\``;
  const resolve = referenced.length > 0 ? `; ${referenced.join(', ')}` : '';
  return `${command} (the primary backup${resolve}), ${secondary}`;
}
