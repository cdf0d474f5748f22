import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../../rules/backup/backup-evidence';
import { loadBackupEvidence } from '../../../src/inputs/backup-loader';
import { helmConfLayer } from '../../../src/inputs/helm/conf-layer';
import { chartDefaultValues } from '../../../src/inputs/helm/kong-chart';
import { loadHelmValues } from '../../../src/inputs/helm/values';
import { loadKongConf } from '../../../src/inputs/kong-conf';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ruleTester, runCase } from '../../support/rule-tester';

const backups = join(__dirname, '../../../fixtures/backups');
const backup = (name: string, mtime = new Date('2030-01-01T00:00:00Z')) => () => {
  const file = join(backups, name);
  const evidence = loadBackupEvidence(file);
  // The backup's age is what the rule judges: pin it rather than trust checkout times.
  return { backup: { ...evidence, modifiedAt: mtime } };
};

/** kong.conf as the Kong chart renders a values file. */
const helm = (text: string) => () => {
  const file = join(mkdtempSync(join(tmpdir(), 'kp-backup-helm-')), 'values.yaml');
  writeFileSync(file, text);
  return { kongConf: loadKongConf(undefined, {}, { layer: helmConfLayer(loadHelmValues([file], chartDefaultValues())) }) };
};

ruleTester.run(rule, {
  valid: [
    { name: 'pg_dump text for a traditional node', conf: 'database = postgres\n', from: '2.8', to: '3.4', inputs: backup('kong-pg_dump.sql') },
    { name: 'pg_dump custom archive for a control plane', conf: 'role = control_plane\n', from: '3.4', to: '3.10', topology: 'hybrid', inputs: backup('kong.dump') },
    { name: 'declarative copy for a DB-less node', conf: 'database = off\n', from: '3.3', to: '3.4', topology: 'dbless', inputs: backup('deck-dump.yaml') },
  ],
  invalid: [
    {
      name: 'no backup evidence at all',
      conf: 'database = postgres\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'noEvidence', severity: 'warning', line: 1, message: 'pg_dump' }],
    },
    {
      name: 'DB-less steps name the declarative file',
      conf: 'database = off\ndeclarative_config = /etc/kong/kong.yml\n', from: '3.3', to: '3.4', topology: 'dbless',
      findings: [{ messageId: 'noEvidence', message: 'copy the declarative file named by declarative_config' }],
    },
    {
      // developer.konghq.com app/gateway/db-less-mode.md@bc1cd742 lines 128-138.
      name: 'a DB-less node without declarative_config is loaded through /config: keep what was sent',
      conf: 'database = off\n', from: '3.3', to: '3.4', topology: 'dbless',
      findings: [{ messageId: 'noEvidence', message: "keep a copy of the declarative configuration last sent to the Admin API's /config endpoint (this node sets no declarative_config" }],
    },
    {
      name: 'a DB-less node whose kong.conf holds the configuration in declarative_config_string',
      conf: 'database = off\ndeclarative_config_string = {"_format_version":"3.0"}\n', from: '3.3', to: '3.4', topology: 'dbless',
      findings: [{ messageId: 'noEvidence', message: 'copy kong.conf, which holds the configuration in declarative_config_string' }],
    },
    {
      // The chart mounts dblessConfig.configMap at /kong_dbless/kong.yml: no file an operator copies from a host.
      name: 'DB-less steps under the Kong chart name the dblessConfig ConfigMap, not declarative_config',
      inputs: helm('ingressController:\n  enabled: false\ndblessConfig:\n  configMap: my-kong-config\n'), from: '3.4', to: '3.10', topology: 'dbless',
      findings: [{ messageId: 'noEvidence', message: 'copy the declarative configuration Kong loads, the ConfigMap `my-kong-config` (key kong.yml) named by `dblessConfig.configMap`' }],
    },
    {
      // somethingwentwell/kong-docker-compose deployments/kong_cassandra: an Enterprise 2.3 node on Cassandra.
      name: 'a Cassandra node is backed up with a keyspace snapshot, not pg_dump',
      conf: 'database = cassandra\ncassandra_keyspace = kong_ee\n', from: '2.3.3.2', to: '2.8',
      findings: [{ messageId: 'noEvidence', message: '`nodetool snapshot kong_ee`' }],
    },
    {
      name: 'the pg_dump command names the database and user kong.conf sets',
      conf: 'database = postgres\npg_user = gateway\npg_database = kongdb\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'noEvidence', message: '`pg_dump -U gateway -d kongdb -F d -f kong-backup`' }],
    },
    {
      name: 'the pg_dump command connects to the host and port kong.conf sets',
      conf: 'database = postgres\npg_host = pg-kong.prod.internal\npg_port = 6432\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'noEvidence', message: '`pg_dump -h pg-kong.prod.internal -p 6432 -U kong -d kong -F d -f kong-backup`' }],
    },
    {
      // developer.konghq.com how-to store-the-gateway-database-credentials-with-aws-secrets-manager:
      // KONG_PG_USER and KONG_PG_PASSWORD hold AWS Secrets Manager references.
      name: 'a pg_user kept in a vault is a placeholder in the pg_dump command, not the reference',
      conf: 'database = postgres\npg_host = kong-database\npg_user = {vault://aws/kong-gateway-database/pg_user}\n', from: '3.4', to: '3.10',
      findings: [{
        messageId: 'noEvidence',
        message: '`pg_dump -h kong-database -U <pg_user> -d kong -F d -f kong-backup` (the primary backup; <pg_user> stands for the secret at {vault://aws/kong-gateway-database/pg_user})',
      }],
    },
    {
      name: 'only a declarative export for a Cassandra node',
      conf: 'database = cassandra\n', from: '2.8', to: '3.4', inputs: backup('kong-db-export.yaml'),
      findings: [{ messageId: 'wrongKind', message: 'needs a backup of its Cassandra keyspace' }],
    },
    {
      name: 'a file that is no backup',
      conf: 'database = postgres\n', from: '2.8', to: '3.4', inputs: backup('notes.txt'),
      findings: [{ messageId: 'unrecognised' }],
    },
    {
      name: 'only a declarative export for a traditional node',
      conf: 'database = postgres\n', from: '2.8', to: '3.4', inputs: backup('kong-db-export.yaml'),
      findings: [{ messageId: 'wrongKind', data: { kind: 'kong-db-export' } }],
    },
    {
      // The Kong chart runs the ingress controller by default: Kong's configuration is the cluster's resources.
      name: 'a DB-less Kong under the ingress controller is backed up as Kubernetes resources',
      conf: 'database = off\n', from: '3.4', to: '3.10', topology: 'dbless',
      configSource: { kind: 'ingress-controller', reason: 'ingressController.enabled not set: the chart\'s default runs the ingress controller' },
      findings: [{ messageId: 'noEvidence', message: 'back up the Kubernetes resources the ingress controller translates into Kong configuration' }],
    },
    {
      name: 'a database-backed Kong under the ingress controller keeps its pg_dump and adds the resources',
      conf: 'database = postgres\n', from: '3.4', to: '3.10',
      configSource: { kind: 'ingress-controller', reason: 'ingressController.enabled is true at values.yaml:3' },
      findings: [{ messageId: 'noEvidence', message: 'The ingress controller writes that configuration (ingressController.enabled is true at values.yaml:3): also back up the Kubernetes resources' }],
    },
    {
      name: 'a pg_dump for a DB-less Kong under the ingress controller asks for the resources',
      conf: 'database = off\n', from: '3.4', to: '3.10', topology: 'dbless', inputs: backup('kong-pg_dump.sql'),
      configSource: { kind: 'ingress-controller', reason: 'Kong Ingress Controller image kong/kubernetes-ingress-controller:3.1 at all-in-one.yaml:20' },
      findings: [{ messageId: 'wrongKind', data: { needed: 'a copy of the Kubernetes resources its ingress controller translates into Kong configuration' } }],
    },
    {
      // Kong manages a Konnect control plane's database: decK against Konnect is the backup there.
      name: 'a Konnect data plane is backed up with a decK dump of its control plane',
      conf: 'role = data_plane\nkonnect_mode = on\n', from: '3.4', to: '3.10', topology: 'hybrid', role: 'data_plane',
      configSource: { kind: 'konnect', reason: 'konnect_mode = on at kong.conf:2' },
      findings: [{ messageId: 'noEvidence', message: '`deck gateway dump -o konnect-backup.yaml --konnect-token $KONNECT_TOKEN --konnect-control-plane-name <name>`' }],
    },
    {
      name: 'a pg_dump for a Konnect data plane asks for the decK dump',
      conf: 'role = data_plane\n', from: '3.4', to: '3.10', topology: 'hybrid', role: 'data_plane', inputs: backup('kong-pg_dump.sql'),
      configSource: { kind: 'konnect', reason: 'decK _konnect at kong.yaml:2' },
      findings: [{ messageId: 'wrongKind', data: { needed: 'a decK dump of its Konnect control plane' } }],
    },
    {
      name: 'backup older than kong.conf',
      conf: 'database = postgres\n', from: '2.8', to: '3.4', inputs: backup('kong-pg_dump.sql', new Date('2001-01-01T00:00:00Z')),
      findings: [{ messageId: 'olderThanConfig' }],
    },
  ],
});

describe('backup steps that must not change', () => {
  const messageOf = async (input: Omit<Parameters<typeof runCase>[1], 'name'>) => (await runCase(rule, { name: 'steps', ...input })).result.findings.map((f) => f.message).join('\n');

  it('a DB-less node without a controller keeps the declarative_config wording, and names no Kubernetes resources', async () => {
    const message = await messageOf({ conf: 'database = off\n', from: '3.4', to: '3.10', topology: 'dbless' });
    expect(message).toContain('declarative_config');
    expect(message).not.toContain('Kubernetes');
  });

  it('a self-hosted data plane is pointed at its control plane, not at Konnect', async () => {
    const message = await messageOf({ conf: 'role = data_plane\n', from: '3.4', to: '3.10', topology: 'hybrid', role: 'data_plane' });
    expect(message).toContain('make sure the control plane is backed up');
    expect(message).not.toContain('konnect');
  });

  it('a DB-less node under the controller is not told to copy declarative_config', async () => {
    const message = await messageOf({ conf: 'database = off\n', from: '3.4', to: '3.10', topology: 'dbless', configSource: { kind: 'ingress-controller', reason: 'r' } });
    expect(message).not.toContain('declarative_config');
  });
});

describe('backup loader', () => {
  it.each([
    ['kong-pg_dump.sql', 'pg_dump-plain'],
    ['kong.dump', 'pg_dump-archive'],
    ['kong-db-export.yaml', 'kong-db-export'],
    ['deck-dump.yaml', 'deck-dump'],
    ['notes.txt', 'unrecognised'],
  ])('recognises %s as %s', (name, kind) => {
    expect(loadBackupEvidence(join(backups, name)).kind).toBe(kind);
  });

  it('reads a gzip-compressed pg_dump', () => {
    const { gzipSync } = require('node:zlib') as typeof import('node:zlib');
    const { mkdtempSync, writeFileSync, readFileSync } = require('node:fs') as typeof import('node:fs');
    const dir = mkdtempSync(join(require('node:os').tmpdir(), 'kp-bk-'));
    const file = join(dir, 'kong.sql.gz');
    writeFileSync(file, gzipSync(readFileSync(join(backups, 'kong-pg_dump.sql'))));
    utimesSync(file, new Date(), new Date());
    const evidence = loadBackupEvidence(file);
    expect(evidence.kind).toBe('pg_dump-plain');
    expect(evidence.detail).toMatch(/gzip/);
  });

  it('rejects a missing file with an input error naming it', () => {
    expect(() => loadBackupEvidence(join(backups, 'nope.sql'))).toThrow(/backup file not found/);
  });
});
