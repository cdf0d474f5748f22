// ConfigMap and Secret volumes of a Kubernetes container (ConfigMapVolumeSource `items`,
// volumeMounts `subPath`): which object and key lie behind a path inside the Kong container, and
// the kong.conf at Kong's default path named as not read, or as replaced by the one given.

import { join } from 'node:path';
import { objectKeyAt, type ObjectMount } from '../../../src/inputs/images/kubernetes-mounts';
import { runCli } from '../../support/cli';
import { tempDir } from '../../support/temp';

const at = { kind: 'file' as const, file: 'deploy.yaml', line: 1, column: 1 };
const mount = (target: string, extra: Partial<ObjectMount> = {}): ObjectMount => ({ kind: 'ConfigMap', name: 'kong-files', target, origin: at, ...extra });

describe('Kubernetes ConfigMap and Secret volume mounts', () => {
  it('shows every key at its own name under the mount path, and nothing deeper', () => {
    expect(objectKeyAt('/etc/kong/kong.conf', [mount('/etc/kong')])?.key).toBe('kong.conf');
    expect(objectKeyAt('/etc/kong/conf.d/kong.conf', [mount('/etc/kong')])).toBeUndefined();
    expect(objectKeyAt('/etc/kongx/kong.conf', [mount('/etc/kong')])).toBeUndefined();
    expect(objectKeyAt('/etc/kong', [mount('/etc/kong')])).toBeUndefined();
  });

  it('follows items from a path inside the volume to its key, and shows no unlisted key', () => {
    const items = new Map([['conf/kong.conf', 'node.conf']]);
    expect(objectKeyAt('/etc/kong/conf/kong.conf', [mount('/etc/kong', { items })])?.key).toBe('node.conf');
    expect(objectKeyAt('/etc/kong/kong.conf', [mount('/etc/kong', { items })])).toBeUndefined();
  });

  it('reads a subPath as the entry mounted at the mount path, through items when set', () => {
    expect(objectKeyAt('/etc/kong/kong.conf', [mount('/etc/kong/kong.conf', { subPath: 'kong.conf' })])?.key).toBe('kong.conf');
    expect(objectKeyAt('/etc/kong/kong.conf', [mount('/etc/kong/kong.conf', { subPath: 'main', items: new Map([['main', 'node.conf']]) })])?.key).toBe('node.conf');
  });

  it('takes the deepest mount that holds the path', () => {
    const mounts = [mount('/etc/kong'), mount('/etc/kong/kong.conf', { kind: 'Secret', name: 'kong-secret-conf', subPath: 'conf' })];
    expect(objectKeyAt('/etc/kong/kong.conf', mounts)).toMatchObject({ key: 'conf', mount: { kind: 'Secret', name: 'kong-secret-conf' } });
  });
});

describe('check --image-file with a Deployment that mounts kong.conf from a ConfigMap', () => {
  const manifest = (volumeMounts: string[]) => [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: gateway',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: kong',
    '          image: kong:3.4.2',
    '          env:',
    '            - name: KONG_DATABASE',
    '              value: "off"',
    '          volumeMounts:',
    ...volumeMounts,
    '      volumes:',
    '        - name: conf',
    '          configMap:',
    '            name: node-settings',
    '',
  ].join('\n');

  async function inputsOf(args: string[]): Promise<{ kind: string; label: string }[]> {
    const result = await runCli(['check', ...args, '--no-db', '--to', '3.9', '--format', 'json', '--fail-on', 'none']);
    expect(result.stderr).toBe('');
    return (JSON.parse(result.stdout) as { installation: { inputs: { kind: string; label: string }[] } }).installation.inputs;
  }

  it('names the ConfigMap key Kong reads as kong.conf, and that it was not read', async () => {
    const dir = tempDir({ 'deploy.yaml': manifest(['            - name: conf', '              mountPath: /etc/kong/kong.conf', '              subPath: kong.conf']) });
    const inputs = await inputsOf(['--image-file', join(dir, 'deploy.yaml')]);
    expect(inputs.find((input) => input.kind === 'kong.conf')?.label).toBe(
      `none read (ConfigMap node-settings (key kong.conf), which Deployment gateway (container kong) mounts at /etc/kong/kong.conf (${join(dir, 'deploy.yaml')}:15:15), where Kong looks when started without -c; not read here: give a copy of that key as the first argument)`,
    );
  });

  it('says the kong.conf given is read in its place', async () => {
    const dir = tempDir({ 'deploy.yaml': manifest(['            - name: conf', '              mountPath: /etc/kong']), 'kong.conf': 'log_level = info\n' });
    const inputs = await inputsOf([join(dir, 'kong.conf'), '--image-file', join(dir, 'deploy.yaml')]);
    expect(inputs.find((input) => input.kind === 'kong.conf')?.label).toBe(
      `${join(dir, 'kong.conf')} (given, read in place of ConfigMap node-settings (key kong.conf), which Deployment gateway (container kong) mounts at /etc/kong/kong.conf (${join(dir, 'deploy.yaml')}:15:15), where Kong looks when started without -c)`,
    );
  });

  it('names nothing when the volume is mounted elsewhere', async () => {
    const dir = tempDir({ 'deploy.yaml': manifest(['            - name: conf', '              mountPath: /opt/settings']) });
    const inputs = await inputsOf(['--image-file', join(dir, 'deploy.yaml')]);
    expect(inputs.filter((input) => input.label.includes('node-settings'))).toEqual([]);
    expect(inputs.find((input) => input.label.startsWith(join(dir, 'deploy.yaml')))?.label).toBe(`${join(dir, 'deploy.yaml')} (environment of Deployment gateway (container kong) read as settings)`);
  });
});
