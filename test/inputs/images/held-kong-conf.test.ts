// A kong.conf held in a ConfigMap or Secret key that the Kong container mounts where Kong reads
// kong.conf: read as the node's kong.conf, every finding citing the manifest at the line the
// setting is written on (a literal block), or the line the value starts on (other forms).

import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { heldKongConf } from '../../../src/inputs/images/held-kong-conf';
import type { ObjectMount, VolumeObject } from '../../../src/inputs/images/kubernetes-mounts';
import { TextLines } from '../../../src/text/line-index';
import { fixture, runCli } from '../../support/cli';
import { deploymentYaml } from '../../support/kubernetes';
import { tempDir } from '../../support/temp';

interface Finding {
  ruleId: string;
  location: { file?: string; line?: number; column?: number };
}

interface Report {
  findings: Finding[];
  suppressed: Finding[];
  installation: { inputs: { kind: string; label: string }[]; topology: { value: string; reason: string } };
}

async function check(args: string[]): Promise<Report> {
  const result = await runCli(['check', ...args, '--no-db', '--to', '3.4', '--format', 'json', '--fail-on', 'none']);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as Report;
}

const cassandraAt = (report: Report) => report.findings.filter((f) => f.ruleId === 'conf/cassandra-removed').map((f) => f.location);

/** A Deployment whose container `proxy` runs Kong 2.8 and mounts `volumeMounts`, with `volumes` and extra container lines. */
function deployment(volumeMounts: string[], volumes: string[], container: string[] = []): string {
  return deploymentYaml({ image: 'kong:2.8.4', lines: container, volumeMounts, volumes });
}

const SUBPATH_MOUNT = ['            - name: settings', '              mountPath: /etc/kong/kong.conf', '              subPath: kong.conf'];
const CONFIGMAP_VOLUME = ['        - name: settings', '          configMap:', '            name: node-conf'];

/** A ConfigMap `node-conf` whose `kong.conf` key is written as `value` (the lines after `kong.conf:`). */
function configMap(value: string[]): string {
  return ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: node-conf', 'data:', ...value, '---', ''].join('\n');
}

describe('check --image-file reads the kong.conf a ConfigMap key holds', () => {
  it('cites the manifest line of the setting (fixture)', async () => {
    const file = fixture('platform', 'kong-conf-configmap', 'deploy.yaml');
    const report = await check(['--image-file', file]);
    expect(cassandraAt(report)).toEqual([{ file, line: 11, column: 5 }]);
    expect(report.installation.topology.reason).toBe(`database = cassandra at ${file}:11:5`);
    expect(report.installation.inputs.find((input) => input.kind === 'kong.conf')?.label).toBe(
      `${file} (ConfigMap kong-node-conf (key kong.conf), which Deployment gateway (container proxy) mounts at /etc/kong/kong.conf (${file}:25:15), where Kong looks when started without -c)`,
    );
  });

  it('gives no Cassandra finding for the same node on PostgreSQL (fixture)', async () => {
    const file = fixture('platform', 'kong-conf-configmap', 'deploy-postgres.yaml');
    const report = await check(['--image-file', file]);
    expect(cassandraAt(report)).toEqual([]);
    expect(report.installation.topology.reason).toBe(`database = postgres at ${file}:10:5`);
  });

  it('reads a `|-` block with its indentation, at its lines', async () => {
    const dir = tempDir({ 'deploy.yaml': configMap(['  kong.conf: |-', '      log_level = info', '      database = cassandra']) + deployment(SUBPATH_MOUNT, CONFIGMAP_VOLUME) });
    expect(cassandraAt(await check(['--image-file', join(dir, 'deploy.yaml')]))).toEqual([{ file: join(dir, 'deploy.yaml'), line: 8, column: 7 }]);
  });

  it('reads a one-line quoted string, citing each setting at its own column', async () => {
    const line = '  kong.conf: "log_level = info\\ndatabase = cassandra\\n"';
    const dir = tempDir({ 'deploy.yaml': configMap([line]) + deployment(SUBPATH_MOUNT, CONFIGMAP_VOLUME) });
    const report = await check(['--image-file', join(dir, 'deploy.yaml')]);
    expect(cassandraAt(report)).toEqual([{ file: join(dir, 'deploy.yaml'), line: 6, column: line.indexOf('database') + 1 }]);
    expect(report.installation.inputs.find((input) => input.kind === 'kong.conf')?.label).not.toMatch(/cite the line where the value starts/);
  });

  it('reads a quoted string over several lines, citing the line where its value starts', async () => {
    const dir = tempDir({ 'deploy.yaml': configMap(['  kong.conf: "log_level = info\\n', '    database = cassandra\\n"']) + deployment(SUBPATH_MOUNT, CONFIGMAP_VOLUME) });
    const report = await check(['--image-file', join(dir, 'deploy.yaml')]);
    expect(cassandraAt(report)).toEqual([{ file: join(dir, 'deploy.yaml'), line: 6, column: 14 }]);
    expect(report.installation.inputs.find((input) => input.kind === 'kong.conf')?.label).toMatch(/written as a quoted string, whose lines and escapes YAML rewrites, so its settings cite the line where the value starts\)$/);
  });

  it('reads the key a volume\'s `items` puts at Kong\'s default path', async () => {
    const volume = ['        - name: settings', '          configMap:', '            name: node-conf', '            items:', '              - key: node.conf', '                path: kong.conf'];
    const mount = ['            - name: settings', '              mountPath: /etc/kong'];
    const text = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: node-conf', 'data:', '  kong.conf: |', '    database = postgres', '  node.conf: |', '    database = cassandra', '---', ''].join('\n');
    const dir = tempDir({ 'deploy.yaml': text + deployment(mount, volume) });
    expect(cassandraAt(await check(['--image-file', join(dir, 'deploy.yaml')]))).toEqual([{ file: join(dir, 'deploy.yaml'), line: 9, column: 5 }]);
  });

  it('compares a backup with the date of the manifest that holds the kong.conf', async () => {
    const dir = tempDir({ 'deploy.yaml': configMap(['  kong.conf: |', '    database = postgres']) + deployment(SUBPATH_MOUNT, CONFIGMAP_VOLUME), 'kong.sql': '-- PostgreSQL database dump\n' });
    const manifest = join(dir, 'deploy.yaml');
    const backup = join(dir, 'kong.sql');
    const olderThanConfig = async () => (await check(['--image-file', manifest, '--backup', backup, '--from', '2.8'])).findings
      .filter((f) => f.ruleId === 'backup/backup-evidence' && (f as Finding & { messageId: string }).messageId === 'olderThanConfig')
      .map((f) => (f as Finding & { message: string }).message);
    utimesSync(backup, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    utimesSync(manifest, new Date('2026-02-01T00:00:00Z'), new Date('2026-02-01T00:00:00Z'));
    expect(await olderThanConfig()).toEqual([`${backup} (2026-01-01T00:00:00.000Z) is older than ${manifest} (2026-02-01T00:00:00.000Z): it may not cover the current configuration.`]);
    utimesSync(backup, new Date('2026-03-01T00:00:00Z'), new Date('2026-03-01T00:00:00Z'));
    expect(await olderThanConfig()).toEqual([]);
  });

  it('reads the ConfigMap from another manifest given with it', async () => {
    const dir = tempDir({ 'conf.yaml': configMap(['  kong.conf: |', '    database = cassandra']), 'deploy.yaml': deployment(SUBPATH_MOUNT, CONFIGMAP_VOLUME) });
    const report = await check(['--image-file', join(dir, 'deploy.yaml'), '--image-file', join(dir, 'conf.yaml')]);
    expect(cassandraAt(report)).toEqual([{ file: join(dir, 'conf.yaml'), line: 7, column: 5 }]);
  });

  it('reads a ConfigMap of the container\'s namespace, not one of the same name elsewhere', async () => {
    const other = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: node-conf', '  namespace: staging', 'data:', '  kong.conf: |', '    database = cassandra', '---', ''].join('\n');
    const own = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: node-conf', '  namespace: prod', 'data:', '  kong.conf: |', '    database = postgres', '---', ''].join('\n');
    const deploy = deployment(SUBPATH_MOUNT, CONFIGMAP_VOLUME).replace('  name: gateway\n', '  name: gateway\n  namespace: prod\n');
    const dir = tempDir({ 'deploy.yaml': other + own + deploy });
    const report = await check(['--image-file', join(dir, 'deploy.yaml')]);
    expect(cassandraAt(report)).toEqual([]);
    expect(report.installation.topology.reason).toBe(`database = postgres at ${join(dir, 'deploy.yaml')}:17:5`);
  });

  it('lets the container\'s KONG_* environment override the key\'s settings, as Kong does', async () => {
    const env = ['          env:', '            - name: KONG_DATABASE', '              value: postgres'];
    const dir = tempDir({ 'deploy.yaml': configMap(['  kong.conf: |', '    database = cassandra']) + deployment(SUBPATH_MOUNT, CONFIGMAP_VOLUME, env) });
    const report = await check(['--image-file', join(dir, 'deploy.yaml')]);
    expect(cassandraAt(report)).toEqual([]);
    expect(report.installation.topology.reason).toMatch(/^database = postgres at /);
  });

  it('reads the kong.conf given on the command line in its place, and says so', async () => {
    const dir = tempDir({ 'deploy.yaml': configMap(['  kong.conf: |', '    database = cassandra']) + deployment(SUBPATH_MOUNT, CONFIGMAP_VOLUME), 'kong.conf': 'database = postgres\n' });
    const report = await check([join(dir, 'kong.conf'), '--image-file', join(dir, 'deploy.yaml')]);
    expect(cassandraAt(report)).toEqual([]);
    expect(report.installation.inputs.find((input) => input.kind === 'kong.conf')?.label).toBe(
      `${join(dir, 'kong.conf')} (given, read in place of ConfigMap node-conf (key kong.conf), which Deployment gateway (container proxy) mounts at /etc/kong/kong.conf (${join(dir, 'deploy.yaml')}:20:15), where Kong looks when started without -c)`,
    );
  });

  it('honours a suppression comment inside the block', async () => {
    const block = ['  kong.conf: |', '    # kong-preflight-disable-next-line conf/cassandra-removed -- migrated before the upgrade', '    database = cassandra'];
    const dir = tempDir({ 'deploy.yaml': configMap(block) + deployment(SUBPATH_MOUNT, CONFIGMAP_VOLUME) });
    const report = await check(['--image-file', join(dir, 'deploy.yaml')]);
    expect(cassandraAt(report)).toEqual([]);
    expect(report.suppressed.filter((f) => f.ruleId === 'conf/cassandra-removed').map((f) => f.location)).toEqual([{ file: join(dir, 'deploy.yaml'), line: 8, column: 5 }]);
  });

  it('reads the key mounted at the path the container\'s `kong start -c` names, not at the default path', async () => {
    const text = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: node-conf', 'data:', '  kong.conf: |', '    database = postgres', '  node.conf: |', '    database = cassandra', '---', ''].join('\n');
    const mounts = ['            - name: settings', '              mountPath: /etc/kong', '            - name: settings', '              mountPath: /opt/kong'];
    const args = ['          args: ["kong", "docker-start", "-c", "/opt/kong/node.conf"]'];
    const dir = tempDir({ 'deploy.yaml': text + deployment(mounts, CONFIGMAP_VOLUME, args) });
    const report = await check(['--image-file', join(dir, 'deploy.yaml')]);
    expect(cassandraAt(report)).toEqual([{ file: join(dir, 'deploy.yaml'), line: 9, column: 5 }]);
    expect(report.installation.inputs.find((input) => input.kind === 'kong.conf')?.label).toContain(`mounts at /opt/kong/node.conf (${join(dir, 'deploy.yaml')}:25:15), which the -c of ${join(dir, 'deploy.yaml')}:21 names)`);
  });

  it('names a ConfigMap that lacks the key, and reads nothing in its place', async () => {
    const dir = tempDir({ 'deploy.yaml': configMap(['  other.conf: |', '    database = cassandra']) + deployment(SUBPATH_MOUNT, CONFIGMAP_VOLUME) });
    const report = await check(['--image-file', join(dir, 'deploy.yaml')]);
    expect(cassandraAt(report)).toEqual([]);
    expect(report.installation.inputs.find((input) => input.kind === 'kong.conf')?.label).toMatch(/; not read: ConfigMap node-conf in .*deploy\.yaml has no key kong\.conf\)$/);
  });
});

describe('check --image-file reads the kong.conf a Secret key holds', () => {
  const SECRET_VOLUME = ['        - name: settings', '          secret:', '            secretName: node-conf'];
  const secret = (lines: string[]) => ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: node-conf', ...lines, '---', ''].join('\n');

  it('reads `stringData` at its lines', async () => {
    const dir = tempDir({ 'deploy.yaml': secret(['stringData:', '  kong.conf: |', '    log_level = info', '    database = cassandra']) + deployment(SUBPATH_MOUNT, SECRET_VOLUME) });
    expect(cassandraAt(await check(['--image-file', join(dir, 'deploy.yaml')]))).toEqual([{ file: join(dir, 'deploy.yaml'), line: 8, column: 5 }]);
  });

  it('decodes base64 `data`, citing the key\'s line', async () => {
    const encoded = Buffer.from('log_level = info\ndatabase = cassandra\n').toString('base64');
    const dir = tempDir({ 'deploy.yaml': secret(['data:', `  kong.conf: ${encoded}`]) + deployment(SUBPATH_MOUNT, SECRET_VOLUME) });
    const report = await check(['--image-file', join(dir, 'deploy.yaml')]);
    expect(cassandraAt(report)).toEqual([{ file: join(dir, 'deploy.yaml'), line: 6, column: 14 }]);
    expect(report.installation.inputs.find((input) => input.kind === 'kong.conf')?.label).toMatch(/; base64 in the Secret's data, so its settings cite the line where the value starts\)$/);
  });

  it('takes `stringData` over `data` for the same key, as the API server merges them', async () => {
    const encoded = Buffer.from('database = postgres\n').toString('base64');
    const dir = tempDir({ 'deploy.yaml': secret(['data:', `  kong.conf: ${encoded}`, 'stringData:', '  kong.conf: |', '    database = cassandra']) + deployment(SUBPATH_MOUNT, SECRET_VOLUME) });
    expect(cassandraAt(await check(['--image-file', join(dir, 'deploy.yaml')]))).toEqual([{ file: join(dir, 'deploy.yaml'), line: 9, column: 5 }]);
  });

  it('names a value that is not base64 of text, and reads nothing in its place', async () => {
    const dir = tempDir({ 'deploy.yaml': secret(['data:', '  kong.conf: "not base64!"']) + deployment(SUBPATH_MOUNT, SECRET_VOLUME) });
    const report = await check(['--image-file', join(dir, 'deploy.yaml')]);
    expect(report.installation.inputs.find((input) => input.kind === 'kong.conf')?.label).toMatch(/; not read: the value of key kong\.conf of Secret node-conf \(.*deploy\.yaml:6\) is not base64 of UTF-8 text\)$/);
  });
});

describe('heldKongConf', () => {
  const mount: ObjectMount = { kind: 'Secret', name: 'node-conf', target: '/etc/kong', origin: { kind: 'file', file: 'deploy.yaml', line: 1, column: 1 } };
  const secretWith = (value: string, base64: boolean): VolumeObject => ({
    kind: 'Secret', name: 'node-conf', file: 'deploy.yaml', lines: new TextLines(`kong.conf: ${value}\n`),
    entries: [{ key: 'kong.conf', value, origin: { kind: 'file', file: 'deploy.yaml', line: 1, column: 12 }, ...(base64 ? { base64 } : {}) }],
  });

  it('hands a Secret\'s base64 text to the hiding, blanks removed, and cites the value\'s place', () => {
    const encoded = Buffer.from('pg_password = hunter2-hunter2\n').toString('base64');
    const held = heldKongConf({ mount, key: 'kong.conf' }, undefined, [secretWith(`${encoded.slice(0, 8)} ${encoded.slice(8)}`, true)]);
    expect(held).toMatchObject({ kind: 'held', secrets: [encoded], conf: { text: 'pg_password = hunter2-hunter2\n', start: { line: 1, column: 12 } } });
    expect(held?.kind === 'held' && held.conf.place(1, 15)).toEqual({ line: 1, column: 12 });
  });

  it('hides nothing of a text value', () => {
    expect(heldKongConf({ mount, key: 'kong.conf' }, undefined, [secretWith('"log_level = info"', false)])).toMatchObject({ kind: 'held', secrets: [] });
  });

  it('leaves an object of another namespace, or of the other kind, unfound', () => {
    const other = { ...secretWith('x', false), namespace: 'staging' };
    expect(heldKongConf({ mount, key: 'kong.conf' }, 'prod', [other])).toBeUndefined();
    expect(heldKongConf({ mount: { ...mount, kind: 'ConfigMap' }, key: 'kong.conf' }, undefined, [secretWith('x', false)])).toBeUndefined();
  });
});
