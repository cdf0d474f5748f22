// The declarative configuration a DB-less Kong container loads from a ConfigMap or Secret key that
// a volume mounts where declarative_config points: read in place in the manifest, findings citing
// its lines; named, never read wrongly, when it cannot be.

import { join } from 'node:path';
import { fixture, runCli } from '../../support/cli';
import { deploymentYaml } from '../../support/kubernetes';
import { tempDir } from '../../support/temp';

interface Finding {
  ruleId: string;
  messageId: string;
  message: string;
  location: { file?: string; line?: number; column?: number };
}

interface Report {
  findings: Finding[];
  notEvaluated: { ruleId: string; reason: string }[];
  installation: { inputs: { kind: string; label: string }[] };
}

async function check(args: string[]): Promise<Report> {
  const result = await runCli(['check', ...args, '--no-db', '--to', '3.4', '--format', 'json', '--fail-on', 'none']);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as Report;
}

const regexPathsAt = (report: Report) => report.findings.filter((f) => f.ruleId === 'entities/route-regex-path-without-tilde').map((f) => f.location);
const declarativeInput = (report: Report) => report.installation.inputs.find((input) => input.kind.startsWith('declarative'))?.label;
const whyNotRead = (report: Report) => report.notEvaluated.find((n) => n.ruleId === 'declarative/format-version')?.reason;

/** A kong.yml of one route with a 2.x regex path, as the lines of a block indented by `pad`. */
const KONG_YML = (pad: string) => ['_format_version: "3.0"', 'services:', '  - name: s', '    url: http://a:80', '    routes:', '      - name: r', '        paths: ["/v1/\\\\d+"]'].map((line) => pad + line);

/** A Deployment of Kong 2.8 on DB-less, KONG_DECLARATIVE_CONFIG at `path`, with `volumeMounts` and `volumes`. */
function deployment(path: string, volumeMounts: string[], volumes: string[]): string {
  const env = ['          env:', '            - name: KONG_DATABASE', '              value: "off"', '            - name: KONG_DECLARATIVE_CONFIG', `              value: ${path}`];
  return deploymentYaml({ name: 'kong', image: 'kong:2.8.4', lines: env, volumeMounts, volumes });
}

const FOLDER_MOUNT = ['            - name: config', '              mountPath: /kong'];
const volume = (kind: 'configMap' | 'secret', name: string) => ['        - name: config', `          ${kind}:`, `            ${kind === 'configMap' ? 'name' : 'secretName'}: ${name}`];

/** A ConfigMap or Secret `kong-config` holding `lines` under `field`, then `---`. */
function object(kind: 'ConfigMap' | 'Secret', field: string, lines: string[]): string {
  return ['apiVersion: v1', `kind: ${kind}`, 'metadata:', '  name: kong-config', `${field}:`, ...lines, '---', ''].join('\n');
}

describe('check --image-file reads the declarative configuration a mounted ConfigMap or Secret key holds', () => {
  it('cites the manifest at the route\'s line, and says where the text came from (fixture)', async () => {
    const file = fixture('platform', 'dbless-configmap', 'deploy.yaml');
    const report = await check(['--image-file', file]);
    expect(regexPathsAt(report)).toEqual([{ file, line: 18, column: 17 }]);
    expect(declarativeInput(report)).toBe(
      `\`data.kong.yml\` of ConfigMap kong-declarative in ${file} (declarative_config /kong/kong.yml: ConfigMap kong-declarative (key kong.yml), which Deployment kong (container proxy) mounts at /kong (${file}:43:15))`,
    );
  });

  it('names the ConfigMap key in the DB-less backup steps', async () => {
    const report = await check(['--image-file', fixture('platform', 'dbless-configmap', 'deploy.yaml')]);
    const backup = report.findings.find((f) => f.ruleId === 'backup/backup-evidence');
    expect(backup?.message).toContain(`copy the declarative configuration Kong loads, \`data.kong.yml\` of ConfigMap kong-declarative in ${fixture('platform', 'dbless-configmap', 'deploy.yaml')} (validate it with \`kong config parse\`), the manifests that configure the node`);
  });

  it('reads a key mounted alone with subPath, at a path declarative_config names in the ConfigMap-held kong.conf', async () => {
    const text = object('ConfigMap', 'data', ['  kong.conf: |', '    database = off', '    declarative_config = /etc/kong/declarative.yml', '  declarative.yml: |', ...KONG_YML('    ')]) + [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: kong', 'spec:', '  template:', '    spec:', '      containers:', '        - name: proxy', '          image: kong:2.8.4', '          volumeMounts:',
      '            - name: config', '              mountPath: /etc/kong/kong.conf', '              subPath: kong.conf',
      '            - name: config', '              mountPath: /etc/kong/declarative.yml', '              subPath: declarative.yml',
      '      volumes:', ...volume('configMap', 'kong-config'), '',
    ].join('\n');
    const dir = tempDir({ 'deploy.yaml': text });
    expect(regexPathsAt(await check(['--image-file', join(dir, 'deploy.yaml')]))).toEqual([{ file: join(dir, 'deploy.yaml'), line: 16, column: 21 }]);
  });

  it('reads a Secret\'s stringData at its lines', async () => {
    const dir = tempDir({ 'deploy.yaml': object('Secret', 'stringData', ['  kong.yml: |', ...KONG_YML('    ')]) + deployment('/kong/kong.yml', FOLDER_MOUNT, volume('secret', 'kong-config')) });
    const report = await check(['--image-file', join(dir, 'deploy.yaml')]);
    expect(regexPathsAt(report)).toEqual([{ file: join(dir, 'deploy.yaml'), line: 13, column: 21 }]);
    expect(declarativeInput(report)).toMatch(/^`stringData\.kong\.yml` of Secret kong-config in /);
  });

  it('reads the ConfigMap from another manifest given with the Deployment', async () => {
    const dir = tempDir({ 'config.yaml': object('ConfigMap', 'data', ['  kong.yml: |', ...KONG_YML('    ')]), 'deploy.yaml': deployment('/kong/kong.yml', FOLDER_MOUNT, volume('configMap', 'kong-config')) });
    expect(regexPathsAt(await check(['--image-file', join(dir, 'deploy.yaml'), '--image-file', join(dir, 'config.yaml')]))).toEqual([{ file: join(dir, 'config.yaml'), line: 13, column: 21 }]);
  });

  it('reads a one-line quoted value (JSON, as `kubectl get -o json` writes it) at its characters', async () => {
    const json = JSON.stringify({ _format_version: '3.0', services: [{ name: 's', url: 'http://a:80', routes: [{ name: 'r', paths: ['/v1/\\d+'] }] }] });
    const line = `  kong.yml: ${JSON.stringify(json)}`;
    const dir = tempDir({ 'deploy.yaml': object('ConfigMap', 'data', [line]) + deployment('/kong/kong.yml', FOLDER_MOUNT, volume('configMap', 'kong-config')) });
    // The path's opening quote, written escaped (`\"`) in the manifest.
    expect(regexPathsAt(await check(['--image-file', join(dir, 'deploy.yaml')]))).toEqual([{ file: join(dir, 'deploy.yaml'), line: 6, column: line.indexOf('\\"/v1/') + 1 }]);
  });

  it('names what it cannot read, and reads nothing in its place', async () => {
    const base64 = Buffer.from(KONG_YML('').join('\n')).toString('base64');
    const cases: [string, string, RegExp][] = [
      ['no manifest defines the ConfigMap', deployment('/kong/kong.yml', FOLDER_MOUNT, volume('configMap', 'kong-config')), /no manifest given defines ConfigMap kong-config; give it with --image-file, or a copy of the key with --declarative$/],
      ['the ConfigMap lacks the key', object('ConfigMap', 'data', ['  other.yml: |', ...KONG_YML('    ')]) + deployment('/kong/kong.yml', FOLDER_MOUNT, volume('configMap', 'kong-config')), /ConfigMap kong-config in .* has no key kong\.yml, so Kong finds no file there$/],
      ['a Secret\'s base64 data', object('Secret', 'data', [`  kong.yml: ${base64}`]) + deployment('/kong/kong.yml', FOLDER_MOUNT, volume('secret', 'kong-config')), /is base64 in the Secret's data, which has no lines to cite; give a decoded copy with --declarative$/],
      ['a folded block', object('ConfigMap', 'data', ['  kong.yml: >', ...KONG_YML('    ')]) + deployment('/kong/kong.yml', FOLDER_MOUNT, volume('configMap', 'kong-config')), /cannot be read in place \(written as a folded block \(`>`\), whose lines YAML joins\); give a copy with --declarative$/],
    ];
    for (const [name, text, reason] of cases) {
      const dir = tempDir({ 'deploy.yaml': text });
      const report = await check(['--image-file', join(dir, 'deploy.yaml')]);
      expect({ name, found: regexPathsAt(report) }).toEqual({ name, found: [] });
      expect({ name, reason: whyNotRead(report) }).toEqual({ name, reason: expect.stringMatching(reason) });
      expect(whyNotRead(report)).toMatch(/^declarative_config \/kong\/kong\.yml: ConfigMap|^declarative_config \/kong\/kong\.yml: Secret/);
    }
  });

  it('leaves a path no volume shows to the usual "absent on this machine"', async () => {
    const dir = tempDir({ 'deploy.yaml': object('ConfigMap', 'data', ['  kong.yml: |', ...KONG_YML('    ')]) + deployment('/etc/kong/kong.yml', FOLDER_MOUNT, volume('configMap', 'kong-config')) });
    const report = await check(['--image-file', join(dir, 'deploy.yaml')]);
    expect(regexPathsAt(report)).toEqual([]);
    expect(whyNotRead(report)).toMatch(/names \/etc\/kong\/kong\.yml, absent on this machine; give a copy with --declarative$/);
  });
});
