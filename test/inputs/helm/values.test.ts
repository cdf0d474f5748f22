// Helm values: merged as Helm merges -f files, with positions; the chart's env entries become
// kong.conf settings located in values.yaml.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../src/errors';
import { chartDblessTextOf, chartDefaultCopyOf, chartDefaultOf, chartSwitchOf, helmConfLayer, withoutIgnoredChartDefaults } from '../../../src/inputs/helm/conf-layer';
import { chartDefaultValues, enterpriseOnOssImage, enterpriseSwitch, helmDeployment, helmEdition, helmEnvEntries, helmFreeMode, helmImage, helmLicenseSecret, readChartValues, renderScalar } from '../../../src/inputs/helm/kong-chart';
import { KongVersion } from '../../../src/version/kong-version';
import { loadHelmValues } from '../../../src/inputs/helm/values';
import { loadKongConf } from '../../../src/inputs/kong-conf';

const dir = mkdtempSync(join(tmpdir(), 'kp-helm-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('loadHelmValues', () => {
  const base = file('base.yaml', 'image:\n  repository: kong\n  tag: "2.8"\nenv:\n  database: postgres\n  pg_host: db\n  proxy_access_log: /dev/stdout\n');
  const prod = file('prod.yaml', 'image:\n  tag: "3.4"\nenv:\n  pg_host: prod-db\n  proxy_access_log: null\n');

  it('merges maps key by key, later files win, null deletes', () => {
    const values = loadHelmValues([base, prod]);
    expect(values.scalar('image', 'repository')?.value).toBe('kong');
    expect(values.scalar('image', 'tag')).toMatchObject({ value: '3.4', origin: { file: prod, line: 2, column: 8 } });
    expect(values.scalar('env', 'pg_host')).toMatchObject({ value: 'prod-db', origin: { file: prod, line: 4 } });
    expect(values.scalar('env', 'database')?.origin).toMatchObject({ file: base, line: 5, column: 13 });
    expect(values.at('env', 'proxy_access_log')).toBeUndefined();
  });

  // A property test's find: printing such a key threw a YAML library error (a merge key inside
  // it naming no mapping) instead of a one-line input error.
  it('refuses a key that is itself a mapping or a list, at its line, and reads an alias key as its scalar', () => {
    for (const text of ['image:\n  tag: "3.4"\n? [a, b]\n: 1\n', 'image:\n  tag: "3.4"\n? image:\n    <<: *base\n']) {
      const path = file('complex-key.yaml', text);
      expect(() => loadHelmValues([path])).toThrow(InputError);
      try {
        loadHelmValues([path]);
      } catch (error) {
        expect((error as InputError).place).toMatchObject({ file: path, line: 3 });
        expect((error as InputError).message).toBe('a mapping key here is itself a mapping or a list: Helm needs text keys and refuses such values');
      }
    }
    const aliased = loadHelmValues([file('alias-key.yaml', 'names:\n  - &k tag\nimage:\n  *k : "3.4"\n')]);
    expect(aliased.scalar('image', 'tag')?.value).toBe('3.4');
  });

  it('reads YAML 1.1 as Helm does: unquoted off is a boolean', () => {
    const values = loadHelmValues([file('bool.yaml', 'env:\n  database: off\n  anonymous_reports: "off"\n')]);
    const [database, reports] = helmEnvEntries(values);
    expect(database).toMatchObject({ key: 'database', value: 'false', yamlBoolean: true, envName: 'KONG_DATABASE' });
    expect(reports).toMatchObject({ key: 'anonymous_reports', value: 'off' });
    expect(reports.yamlBoolean).toBeUndefined();
  });

  it('renders numbers the way Go prints Helm\'s floats', () => {
    expect(renderScalar(2)).toBe('2');
    expect(renderScalar(100000)).toBe('100000');
    expect(renderScalar(1000000)).toBe('1e+06');
    expect(renderScalar(123456789)).toBe('1.23456789e+08');
    expect(renderScalar(0.5)).toBe('0.5');
    expect(renderScalar(0.00001)).toBe('1e-05');
  });

  // Sweep 15 (maxandriani/k3s-on-raspiberry-cluster kong/values.yaml): the chart's default values
  // saved by PowerShell 5 (`helm show values kong/kong > values.yaml`) are UTF-16LE with a
  // byte-order mark, which Helm's go-yaml decodes (go.yaml.in/yaml/v2 readerc.go@v2.4.2).
  it('reads UTF-16 values that open with a byte-order mark, as Helm does, at the same lines', () => {
    const text = '# Default values for Kong\nimage:\n  repository: kong\n  tag: "3.6"\nenv:\n  database: "off"\n';
    const le = file('values-le.yaml', '');
    writeFileSync(le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const be = file('values-be.yaml', '');
    writeFileSync(be, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    for (const path of [le, be]) {
      const values = loadHelmValues([path]);
      expect(values.scalar('image', 'tag')).toMatchObject({ value: '3.6', origin: { file: path, line: 4, column: 8 } });
      expect(values.scalar('env', 'database')?.value).toBe('off');
    }
    // Without the mark go-yaml reads UTF-8 and fails on the NUL bytes: still refused, naming the encoding.
    const bare = file('values-bare.yaml', '');
    writeFileSync(bare, Buffer.from(text, 'utf16le'));
    expect(() => loadHelmValues([bare])).toThrow(/is UTF-16LE text/);
    // A helmfile is rendered as a Go template first, which UTF-16 text is not.
    const helmfile = file('helmfile.yaml', '');
    writeFileSync(helmfile, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('releases:\n- name: kong\n  chart: kong/kong\n', 'utf16le')]));
    expect(() => loadHelmValues([helmfile])).toThrow(/is UTF-16LE text/);
  });

  it('says where a YAML error is', () => {
    const broken = file('broken.yaml', 'env:\n  database: postgres\n   pg_host: [\n');
    expect(() => loadHelmValues([broken])).toThrow(InputError);
    try {
      loadHelmValues([broken]);
    } catch (error) {
      expect((error as InputError).oneLine()).toMatch(new RegExp(`broken\\.yaml:\\d+:\\d+: not valid YAML`));
    }
  });

  it('reads a list whose items merge an anchored map (`- <<: *x`), which once threw from the yaml package', () => {
    // Shrunk from a fast-check counterexample (test/hardening/property-image-readers.test.ts): the
    // list's plain items came from the yaml package's toJSON, which throws on any merge key when
    // called without its document; a top-level list did too, before it could be refused.
    const values = loadHelmValues([file('merge-in-list.yaml', 'common: &common {pluginName: shared}\nplugins:\n  configMaps:\n    - name: a\n      pluginName: first\n    - <<: *common\n      name: b\n')]);
    const list = values.at('plugins', 'configMaps');
    expect(list?.kind).toBe('seq');
    const items = list?.kind === 'seq' ? list.items : [];
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual({ name: 'a', pluginName: 'first' });
    expect(items[1]).toMatchObject({ name: 'b' });
    expect(() => loadHelmValues([file('list-top.yaml', '- <<: 5\n')])).toThrow('a Helm values file must be a YAML mapping at the top');
  });

  it('applies merge keys as Helm (go-yaml v2) does: keys after `<<` win, keys before it are replaced, earlier maps of a list win', () => {
    const values = loadHelmValues([file('merge-keys.yaml', [
      'defaults: &defaults',
      '  database: postgres',
      '  pg_host: db.internal',
      '  log_level: info',
      'debug: &debug',
      '  log_level: debug',
      '  pg_host: debug.internal',
      'env:',
      '  pg_host: replaced.internal',
      '  <<: [*debug, *defaults]',
      '  pg_port: 6432',
      'ingressController:',
      '  <<: *defaults',
      '  log_level: warn',
      '  quoted: {"<<": kept}',
      '',
    ].join('\n'))]);
    expect(values.scalar('env', 'database')).toMatchObject({ value: 'postgres', origin: { line: 2 } });
    expect(values.scalar('env', 'pg_host')).toMatchObject({ value: 'debug.internal', origin: { line: 7 } });
    expect(values.scalar('env', 'log_level')).toMatchObject({ value: 'debug' });
    expect(values.scalar('env', 'pg_port')).toMatchObject({ value: 6432 });
    expect(values.scalar('ingressController', 'log_level')).toMatchObject({ value: 'warn', origin: { line: 14 } });
    expect(values.scalar('ingressController', 'quoted', '<<')).toMatchObject({ value: 'kept' });
  });

  it('refuses values nested thousands of levels deep, naming the file (once a RangeError or a parse error about the call stack)', () => {
    // Found by test/hardening/property-image-readers.test.ts once its damage could insert a long
    // run of `- `: the yaml package's parser ran out of stack and threw a RangeError.
    for (const [name, text] of [['deep-top.yaml', `${'- '.repeat(50_000)}x\n`], ['deep-dashes.yaml', `env:\n  database:\n    ${'- '.repeat(50_000)}x\n`], ['deep-flow.yaml', `env: ${'{a: '.repeat(50_000)}\n`]]) {
      const deep = file(name, text);
      let error = 'none';
      try {
        loadHelmValues([deep]);
      } catch (caught) {
        // Compared as text: a RangeError's own stack is too deep for jest to print.
        error = caught instanceof InputError ? caught.oneLine() : `${(caught as Error).name}: ${(caught as Error).message.slice(0, 100)}`;
      }
      expect(error).toMatch(new RegExp(`^${deep.replace(/[.*+?^\${}()|[\]\\]/g, '\\$&')}(:\\d+:\\d+)?: (not valid YAML: )?nested too deeply to read`));
    }
    expect(loadHelmValues([file('nested-40.yaml', `env: {database: "off"}\nextra: ${'{a: '.repeat(40)}1${'}'.repeat(40)}\n`)]).scalar('env', 'database')?.value).toBe('off');
  });

  it('refuses a file that is not a mapping', () => {
    expect(() => loadHelmValues([file('list.yaml', '- a\n- b\n')])).toThrow(/mapping at the top/);
  });
});

describe('the Kong chart reading', () => {
  it('derives the deployment mode: chart default DB-less, database, hybrid role', () => {
    expect(helmDeployment(loadHelmValues([file('d1.yaml', 'env:\n  prefix: /kong_prefix/\n')], chartDefaultValues()))).toMatchObject({ topology: 'dbless', reason: expect.stringContaining('chart defaults') });
    expect(helmDeployment(loadHelmValues([file('d0.yaml', 'env:\n  database: null\n')], chartDefaultValues()))).toMatchObject({ topology: 'traditional', reason: expect.stringContaining('removed') });
    expect(helmDeployment(loadHelmValues([file('d2.yaml', 'env:\n  database: postgres\n')]))).toMatchObject({ topology: 'traditional', role: 'traditional' });
    expect(helmDeployment(loadHelmValues([file('d3.yaml', 'env:\n  role: data_plane\n  database: "off"\n')]))).toMatchObject({ topology: 'hybrid', role: 'data_plane' });
  });

  it('derives the edition from the image, and from enterprise.enabled only for an image not Kong\'s', () => {
    expect(helmEdition(loadHelmValues([file('e1.yaml', 'image:\n  repository: registry.example.com/kong/kong-gateway\n  tag: "3.4"\n')]))?.value).toBe('enterprise');
    expect(helmEdition(loadHelmValues([file('e2.yaml', 'image:\n  repository: kong\n  tag: "3.4"\n')]))?.value).toBe('oss');
    // The switch changes no image: the chart's default image `kong` runs, open-source Kong.
    expect(helmEdition(loadHelmValues([file('e3.yaml', 'enterprise:\n  enabled: true\n')]))).toMatchObject({ value: 'oss', reason: expect.stringMatching(/default image `kong`.*whatever enterprise\.enabled at .*e3\.yaml:2 asks/) });
    expect(helmEdition(loadHelmValues([file('e3b.yaml', 'image:\n  repository: registry.example.com/team/kong-custom\n  tag: "1.0"\nenterprise:\n  enabled: true\n')]))).toMatchObject({ value: 'enterprise', reason: expect.stringContaining('is not one of Kong\'s') });
    expect(helmEdition(loadHelmValues([file('e4.yaml', 'env:\n  database: postgres\n')]))?.value).toBe('oss');
  });

  it('takes a values file that names no image as the chart\'s default open-source image', () => {
    const values = loadHelmValues([file('e5.yaml', 'proxy:\n  type: NodePort\n')], chartDefaultValues());
    expect(helmEdition(values)).toMatchObject({ value: 'oss', reason: expect.stringContaining('charts/kong/values.yaml:150') });
    // Written repositories that are not Kong's say nothing.
    expect(helmEdition(loadHelmValues([file('e6.yaml', 'image:\n  repository: bitnami/kong\n')]))).toBeUndefined();
  });

  // Kong/charts@e76b8003 charts/kong/templates/_helpers.tpl lines 1114-1199: the switch adds
  // environment variables; the image (values.yaml line 150: kong) decides the binary.
  it('names enterprise.enabled on one of Kong\'s open-source images, however the image is spelled', () => {
    const on = (name: string, image: string) => enterpriseOnOssImage(loadHelmValues([file(name, `${image}enterprise:\n  enabled: true\n`)]));
    expect(on('o1.yaml', '')).toMatchObject({ image: 'kong', path: 'enterprise.enabled', origin: { line: 2 } });
    expect(on('o2.yaml', 'image:\n  repository: docker.io/kong\n  tag: "3.4"\n')).toMatchObject({ image: 'docker.io/kong:3.4', origin: { line: 5 } });
    expect(on('o3.yaml', 'image:\n  repository: docker.io/library/kong\n')?.image).toBe('docker.io/library/kong');
    expect(on('o4.yaml', 'image:\n  repository: kong/kong\n  tag: "3.4.2"\n')?.image).toBe('kong/kong:3.4.2');
    expect(on('o5.yaml', 'image:\n  tag: "3.4"\n')?.image).toBe('kong:3.4');
    expect(on('o6.yaml', 'image:\n  unifiedRepoTag: kong:3.4@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n')?.image).toMatch(/^kong:3\.4@sha256:/);
    // Kong's Enterprise image, and an image that is not Kong's, are not named.
    expect(on('o7.yaml', 'image:\n  repository: registry.example.com/kong/kong-gateway\n  tag: "3.4.3.12"\n')).toBeUndefined();
    expect(on('o8.yaml', 'image:\n  unifiedRepoTag: kong/kong-gateway:3.4@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n')).toBeUndefined();
    expect(on('o9.yaml', 'image:\n  repository: registry.example.com/team/kong-custom\n')).toBeUndefined();
    // The switch off, or only the chart's default (false), says nothing.
    expect(enterpriseOnOssImage(loadHelmValues([file('o10.yaml', 'enterprise:\n  enabled: false\n')], chartDefaultValues()))).toBeUndefined();
    expect(enterpriseOnOssImage(loadHelmValues([file('o11.yaml', 'env:\n  database: postgres\n')], chartDefaultValues()))).toBeUndefined();
  });

  it('leaves out the switch\'s portal and vitals settings on an open-source image, with a warning diagnostic', () => {
    const text = 'enterprise:\n  enabled: true\n  portal:\n    enabled: true\n  vitals:\n    enabled: false\n';
    const oss = helmConfLayer(loadHelmValues([file('l1.yaml', text)]));
    expect(oss.settings.map((s) => s.key)).toEqual([]);
    expect(oss.diagnostics).toEqual([expect.objectContaining({ kind: 'enterprise-on-oss-image', origin: expect.objectContaining({ line: 2 }), message: expect.stringContaining('runs image kong, open-source Kong') })]);
    const ee = helmConfLayer(loadHelmValues([file('l2.yaml', `image:\n  repository: kong/kong-gateway\n  tag: "3.4.3.12"\n${text}`)]));
    expect(ee.settings.map((s) => [s.key, s.value])).toEqual([['portal', 'on'], ['vitals', 'off']]);
    expect(ee.diagnostics).toEqual([]);
  });

  it('reads enterprise.enabled: false, written by the user, as free mode', () => {
    expect(helmFreeMode(loadHelmValues([file('f1.yaml', 'enterprise:\n  enabled: false\n')]))).toMatchObject({ origin: { line: 2 }, reason: expect.stringContaining('enterprise.enabled is false') });
    expect(helmFreeMode(loadHelmValues([file('f2.yaml', 'enterprise:\n  enabled: true\n')]))).toBeUndefined();
    expect(helmFreeMode(loadHelmValues([file('f3.yaml', 'env:\n  database: postgres\n')]))).toBeUndefined();
  });

  // Kong/charts@e76b8003 _helpers.tpl line 1114 `{{- if .Values.enterprise.enabled }}`; Go's
  // template truth (text/template exec.go isTrue) takes any text that is not empty as true.
  it('reads enterprise.enabled as the chart\'s templates do: quoted "false" is on, "" and 0 are off', () => {
    const ee = 'image:\n  repository: kong/kong-gateway\n  tag: "3.4.3.12"\n';
    const read = (name: string, enabled: string) => loadHelmValues([file(name, `${ee}enterprise:\n  enabled: ${enabled}\n  license_secret: lic\n  portal:\n    enabled: true\n`)]);
    const quoted = read('t1.yaml', '"false"');
    expect(enterpriseSwitch(quoted)).toMatchObject({ on: true, textSaysOff: true, node: { origin: { line: 5 } } });
    expect(helmFreeMode(quoted)).toBeUndefined();
    expect(helmLicenseSecret(quoted)).toMatchObject({ secret: 'lic' });
    const layer = helmConfLayer(quoted);
    expect(layer.settings.map((s) => [s.key, s.value])).toEqual([['portal', 'on']]);
    expect(layer.diagnostics).toEqual([expect.objectContaining({ kind: 'enterprise-switch-text', origin: expect.objectContaining({ line: 5 }), message: expect.stringContaining('a quoted "false" still switches the chart\'s Enterprise settings on') })]);
    for (const [name, enabled] of [['t2.yaml', "'no'"], ['t3.yaml', '"Off"'], ['t4.yaml', '"0"']]) {
      expect([name, enterpriseSwitch(read(name, enabled))]).toEqual([name, expect.objectContaining({ on: true, textSaysOff: true })]);
    }
    // Text that says on, and the booleans, are read as written and not reported.
    for (const [name, enabled, on] of [['t5.yaml', '"true"', true], ['t6.yaml', 'true', true], ['t7.yaml', 'false', false], ['t8.yaml', '""', false], ['t9.yaml', '0', false]] as const) {
      const values = read(name, enabled);
      expect([name, enterpriseSwitch(values)]).toEqual([name, expect.objectContaining({ on })]);
      expect([name, enterpriseSwitch(values)?.textSaysOff]).toEqual([name, undefined]);
      expect([name, helmConfLayer(values).diagnostics]).toEqual([name, []]);
      expect([name, helmLicenseSecret(values) !== undefined, helmFreeMode(values) !== undefined]).toEqual([name, on, !on]);
    }
    // Open-source image: the quotes are the finding; the image advice would mislead.
    const oss = helmConfLayer(loadHelmValues([file('t10.yaml', 'enterprise:\n  enabled: "false"\n')]));
    expect(oss.diagnostics.map((d) => d.kind)).toEqual(['enterprise-switch-text']);
  });

  it('reads image.unifiedRepoTag before repository and tag', () => {
    const image = helmImage(loadHelmValues([file('u.yaml', 'image:\n  unifiedRepoTag: kong/kong-gateway:3.4.3.12-rhel\n  repository: kong\n')]));
    expect(image).toMatchObject({ repository: 'kong/kong-gateway', tag: '3.4.3.12-rhel' });
  });

  it('keeps Secret-backed entries as unreadable diagnostics, never as values', () => {
    const values = loadHelmValues([file('s.yaml', 'env:\n  pg_password:\n    valueFrom:\n      secretKeyRef:\n        name: kong-db\n        key: password\n')]);
    const layer = helmConfLayer(values);
    expect(layer.settings).toEqual([]);
    expect(layer.diagnostics).toEqual([
      expect.objectContaining({ kind: 'unreadable-value', key: 'pg_password', message: expect.stringContaining('Secret kong-db (key password)'), origin: expect.objectContaining({ line: 3 }) }),
    ]);
  });
});

describe('which chart the values belong to', () => {
  it('reads kong/ingress values from gateway:, over the Kong chart\'s and the ingress chart\'s defaults', () => {
    const reading = readChartValues([file('ingress.yaml', 'controller:\n  enabled: true\ngateway:\n  image:\n    repository: kong/kong-gateway\n    tag: "3.4"\n  env:\n    vitals: "off"\n')]);
    expect(reading.readAs).toMatch(/kong\/ingress/);
    expect(reading.values.prefix).toBe('gateway.');
    expect(helmImage(reading.values)).toMatchObject({ reference: 'kong/kong-gateway:3.4', origin: { line: 5 } });
    expect(helmEnvEntries(reading.values).find((e) => e.key === 'vitals')).toMatchObject({ value: 'off', origin: { line: 8 } });
    expect(helmEnvEntries(reading.values).find((e) => e.key === 'role')).toMatchObject({ value: 'traditional', chartDefault: expect.stringContaining('ingress') });
    expect(helmDeployment(reading.values)?.reason).toMatch(/^gateway\.env\.database not set: the kong\/ingress chart defaults to "off"/);
  });

  it('kong/ingress values: gateway.enterprise.enabled is weighed against gateway.image', () => {
    const oss = readChartValues([file('ingress-oss.yaml', 'controller:\n  enabled: true\ngateway:\n  image:\n    tag: "3.4"\n  enterprise:\n    enabled: true\n')]).values;
    expect(enterpriseOnOssImage(oss)).toMatchObject({ path: 'gateway.enterprise.enabled', image: 'kong:3.4', origin: { line: 7 } });
    expect(helmEdition(oss)).toMatchObject({ value: 'oss', reason: expect.stringContaining('whatever gateway.enterprise.enabled') });
    const ee = readChartValues([file('ingress-ee.yaml', 'controller:\n  enabled: true\ngateway:\n  image:\n    repository: kong/kong-gateway\n    tag: "3.4.3.12"\n  enterprise:\n    enabled: true\n')]).values;
    expect(enterpriseOnOssImage(ee)).toBeUndefined();
    expect(helmEdition(ee)?.value).toBe('enterprise');
  });

  it('says a file of another chart is not understood instead of reading it as an empty Kong chart', () => {
    const reading = readChartValues([file('other.yaml', 'Component: kong\nImage: kong\nKongDatabase: postgres\n')]);
    expect(reading.notUnderstood).toMatch(/Component, Image, KongDatabase/);
    const layer = helmConfLayer(reading.values, reading.notUnderstood);
    expect(layer.settings).toEqual([]);
    expect(layer.diagnostics).toEqual([expect.objectContaining({ message: expect.stringContaining('not understood as Kong chart values'), origin: expect.objectContaining({ line: 1 }) })]);
  });

  it.each([
    ['its image', 'image:\n  registry: docker.io\n  repository: bitnami/kong\n  tag: 3.4.2-debian-11-r0\nreplicaCount: 2\n', /image\.repository is bitnami\/kong/],
    ['its top-level database choice', 'database: postgresql\nreplicaCount: 2\ningressController:\n  enabled: true\n', /top-level database: postgresql/],
    ['its kong.extraEnvVars', 'kong:\n  extraEnvVars:\n    - name: KONG_LOG_LEVEL\n      value: debug\nimage:\n  tag: "3.4"\n', /kong\.extraEnvVars/],
  ])('says Bitnami\'s kong chart, known by %s, is not understood instead of reading it as a DB-less Kong chart', (_marker, text, why) => {
    const reading = readChartValues([file('bitnami.yaml', text)]);
    expect(reading.readAs).toMatch(/Bitnami/);
    expect(reading.notUnderstood).toMatch(why);
    expect(helmConfLayer(reading.values, reading.notUnderstood).settings).toEqual([]);
  });

  // tothenew/terraform-aws-kong helm/kong-values.yaml: the project's own chart, whose deployment:
  // (repositoryUrl, containers) sits beside ports, secrets, hpa and ingress; orangesys/charts
  // kong/values.yaml: imageTag, kongPGHost beside replicaCount. Read as Kong's chart they passed
  // for a DB-less node run by the ingress controller.
  it.each([
    ['deployment:\n  repositoryUrl: example/kong:2.7.0\n  containers:\n    - name: kong\nports:\n  - port: 8000\nsecrets:\n  enabled: true\nhpa:\n  minReplicas: 1\ningress:\n  enabled: false\n', /only deployment of its top-level keys is also the Kong chart's.*while ports, secrets, hpa, ingress are not/],
    ['imageTag: "0.9.9"\ncpu: 100m\nmemory: 256Mi\nkongPGHost: pg\nreplicaCount: 1\n', /only replicaCount of its top-level keys is also the Kong chart's/],
  ])('sets aside a file whose only Kong chart keys are ones every chart has, among more keys Kong\'s lacks', (text, why) => {
    const reading = readChartValues([file('own-chart.yaml', text)]);
    expect(reading.readAs).toBe('not a values file of the Kong chart: not read');
    expect(reading.notUnderstood).toMatch(why);
  });

  it.each([
    ['generic keys only', 'image:\n  tag: "3.4"\nreplicaCount: 2\nresources: {}\n'],
    ['as many unknown keys as generic ones', 'image:\n  tag: "3.4"\nextraThing: 1\n'],
    ['one of Kong\'s own keys among unknown ones', 'proxy:\n  type: LoadBalancer\nfoo: 1\nbar: 2\nbaz: 3\n'],
  ])('still reads a file with %s as the Kong chart', (_case, text) => {
    expect(readChartValues([file('kong-like.yaml', text)]).readAs).toBe('Kong chart');
  });

  it('reads a Kong chart file with an env: section as the Kong chart even when it also has a kong: key', () => {
    expect(readChartValues([file('kong-env.yaml', 'kong:\n  extraEnvVars: []\nenv:\n  database: postgres\n')]).readAs).toBe('Kong chart');
  });

  it('reads a Kong chart file, even an empty one, as the Kong chart', () => {
    expect(readChartValues([file('kong.yaml', 'env:\n  database: postgres\n')]).readAs).toBe('Kong chart');
    expect(readChartValues([file('empty.yaml', '')]).notUnderstood).toBeUndefined();
  });

  it('keeps a null between files so that it still deletes the chart default', () => {
    const reading = readChartValues([file('n1.yaml', 'env:\n  prefix: null\n'), file('n2.yaml', 'env:\n  database: postgres\n')]);
    expect(reading.values.at('env', 'prefix')).toBeUndefined();
    expect(reading.values.scalar('env', 'router_flavor')?.chartDefault).toBeDefined();
  });
});

describe('entries the chart renders differently from how they read', () => {
  it('a boolean on a *_log key: the chart refuses to render, and Kong gets no value', () => {
    const layer = helmConfLayer(loadHelmValues([file('log.yaml', 'env:\n  proxy_access_log: off\n  anonymous_reports: off\n')]));
    expect(layer.settings.map((s) => [s.key, s.value])).toEqual([['anonymous_reports', 'false']]);
    expect(layer.diagnostics.map((d) => [d.key, d.kind, d.message])).toEqual([
      ['proxy_access_log', 'helm-render-refused', expect.stringMatching(/chart refuses booleans there .*helm install and helm upgrade fail/)],
      ['anonymous_reports', 'yaml-boolean', expect.stringContaining('passes "false" to Kong')],
    ]);
  });

  // `pg_password: yes` reaches Kong as the password "true": that word is the secret, short or not.
  it('a boolean word on a secret key: the message does not say what Kong receives', () => {
    const layer = helmConfLayer(loadHelmValues([file('secret-bool.yaml', 'env:\n  pg_password: yes\n')]));
    expect(layer.settings.map((s) => [s.key, s.value])).toEqual([['pg_password', 'true']]);
    const [diagnostic] = layer.diagnostics;
    expect(diagnostic).toMatchObject({ key: 'pg_password', kind: 'yaml-boolean' });
    expect(diagnostic.message).toContain('not shown');
    expect(diagnostic.message).not.toMatch(/passes "true"|"yes"/);
  });

  it('exponent form: reported for size and string properties, not for number-typed ones Kong reads with tonumber', () => {
    const layer = helmConfLayer(loadHelmValues([file('exp.yaml', 'env:\n  cluster_max_payload: 16777216\n  mem_cache_size: 128000000\n  nginx_http_keepalive_requests: 1000000\n')]));
    expect(layer.settings.find((s) => s.key === 'cluster_max_payload')?.value).toBe('1.6777216e+07');
    expect(layer.diagnostics.filter((d) => d.kind === 'exponent-number').map((d) => d.key)).toEqual(['mem_cache_size', 'nginx_http_keepalive_requests']);
  });
});

describe('the chart\'s own env defaults', () => {
  it('lie under every values file, reach Kong as container variables, and null removes them', () => {
    const values = loadHelmValues([file('over.yaml', 'env:\n  nginx_worker_processes: "4"\n  prefix: null\n')], chartDefaultValues());
    const kongConf = loadKongConf(undefined, {}, { layer: helmConfLayer(values) });
    expect(kongConf.get('router_flavor')).toMatchObject({ value: 'traditional', origin: { kind: 'env', env: 'KONG_ROUTER_FLAVOR' } });
    expect(kongConf.get('database')).toMatchObject({ value: 'off', origin: { kind: 'env', env: 'KONG_DATABASE' } });
    expect(kongConf.get('nginx_worker_processes')).toMatchObject({ value: '4', origin: { kind: 'file', line: 2 } });
    expect(kongConf.get('prefix')).toBeUndefined();
  });

  it('are marked as the chart\'s, until a KONG_* variable overrides them', () => {
    const values = loadHelmValues([file('mark.yaml', 'env:\n  database: postgres\n')], chartDefaultValues());
    const kongConf = loadKongConf(undefined, { KONG_PREFIX: '/usr/local/kong' }, { layer: helmConfLayer(values) });
    expect(chartDefaultOf(kongConf.get('router_flavor')!)).toBe('Kong chart 3.4.1');
    expect(chartDefaultOf(kongConf.get('database')!)).toBeUndefined();
    expect(chartDefaultOf(kongConf.get('prefix')!)).toBeUndefined();
  });

  it('written again with the same value by a values file, are the user\'s lines marked as copies', () => {
    const values = loadHelmValues([file('copy.yaml', 'env:\n  portal_api_access_log: /dev/stdout\n  portal_api_error_log: /var/log/portal.err\n')], chartDefaultValues());
    const kongConf = loadKongConf(undefined, {}, { layer: helmConfLayer(values) });
    const copied = kongConf.get('portal_api_access_log')!;
    expect(copied.origin).toMatchObject({ kind: 'file', line: 2 });
    expect(chartDefaultOf(copied)).toBeUndefined();
    expect(chartDefaultCopyOf(copied)).toBe('Kong chart 3.4.1');
    expect(chartDefaultCopyOf(kongConf.get('portal_api_error_log')!)).toBeUndefined();
    // Where the target ignores the key, the copy goes the way of the default it repeats; the edited line stays.
    const oss = withoutIgnoredChartDefaults(kongConf, KongVersion.parse('3.9.3'), 'oss');
    expect(oss.get('portal_api_access_log')).toBeUndefined();
    expect(oss.get('portal_api_error_log')?.value).toBe('/var/log/portal.err');
  });

  it('are hidden from the rules where the target Kong ignores them, kept where it reads them', () => {
    const values = loadHelmValues([file('hide.yaml', 'env:\n  portal_gui_host: portal.example.com\n')], chartDefaultValues());
    const kongConf = loadKongConf(undefined, {}, { layer: helmConfLayer(values) });
    const oss = withoutIgnoredChartDefaults(kongConf, KongVersion.parse('3.9.3'), 'oss');
    expect(oss.get('portal_api_access_log')).toBeUndefined();
    expect(oss.settings().map((s) => s.key)).not.toContain('portal_api_error_log');
    // What the user wrote stays, whether Kong reads it or not: that is for the rules to judge.
    expect(oss.get('portal_gui_host')).toBeDefined();
    expect(oss.get('router_flavor')?.value).toBe('traditional');
    const enterprise34 = withoutIgnoredChartDefaults(kongConf, KongVersion.parse('3.4.3.12'), 'enterprise');
    expect(enterprise34.get('portal_api_access_log')?.value).toBe('/dev/stdout');
    expect(withoutIgnoredChartDefaults(kongConf, KongVersion.parse('3.5.0.0'), 'enterprise').get('portal_api_access_log')).toBeUndefined();
  });
});

describe('a KongConf built from Helm values', () => {
  const values = file('conf.yaml', 'env:\n  database: postgres\n  pg_host: from-helm\n  pg_port: 6432\n');
  const conf = file('kong.conf', 'pg_host = from-file\npg_user = kong\n');

  it('puts env entries at their values.yaml positions, over the kong.conf file', () => {
    const kongConf = loadKongConf(conf, {}, { layer: helmConfLayer(loadHelmValues([values])) });
    expect(kongConf.get('pg_host')).toMatchObject({ value: 'from-helm', envName: 'KONG_PG_HOST', origin: { kind: 'file', file: values, line: 3, column: 12 } });
    expect(kongConf.get('pg_host')!.overrides.map((s) => s.value)).toEqual(['from-file']);
    expect(kongConf.get('pg_user')?.origin).toMatchObject({ file: conf, line: 2 });
    expect(kongConf.get('pg_port')?.value).toBe('6432');
    expect(kongConf.diagnostics.map((d) => d.kind)).toContain('layer-overrides-file');
  });

  // curityio/kubernetes-training resources/api-gateway/values.yaml: `plugins.preInstalled` on a
  // custom image; the chart appends those names (and configMaps/secrets pluginNames) to KONG_PLUGINS.
  it('turns the plugins: block into the plugins setting the chart renders, unless env.plugins is written', () => {
    const plugins = file('plugins.yaml', 'image:\n  repository: custom-kong\nplugins:\n  configMaps:\n  - pluginName: rewriter\n    name: kong-plugin-rewriter\n  preInstalled: oauth-proxy, phantom-token,rewriter\n');
    const kongConf = loadKongConf(undefined, {}, { layer: helmConfLayer(loadHelmValues([plugins])) });
    expect(kongConf.get('plugins')).toMatchObject({
      value: 'bundled,rewriter,oauth-proxy,phantom-token', envName: 'KONG_PLUGINS', origin: { file: plugins, line: 5 },
      chartSwitch: 'plugins.configMaps', chartReason: expect.stringContaining('`plugins.configMaps`, `plugins.preInstalled`'),
    });
    const written = file('plugins-env.yaml', 'env:\n  plugins: bundled,rewriter\nplugins:\n  preInstalled: oauth-proxy\n');
    expect(loadKongConf(undefined, {}, { layer: helmConfLayer(loadHelmValues([written])) }).get('plugins')).toMatchObject({ value: 'bundled,rewriter', origin: { line: 2 } });
    const none = file('plugins-empty.yaml', 'plugins: {}\nenv:\n  database: postgres\n');
    expect(loadKongConf(undefined, {}, { layer: helmConfLayer(loadHelmValues([none])) }).get('plugins')).toBeUndefined();
  });

  it('lets a KONG_* variable win over a Helm entry', () => {
    const kongConf = loadKongConf(undefined, { KONG_PG_HOST: 'from-env' }, { layer: helmConfLayer(loadHelmValues([values])) });
    expect(kongConf.get('pg_host')).toMatchObject({ value: 'from-env', origin: { kind: 'env', env: 'KONG_PG_HOST' } });
    expect(kongConf.anchor()).toMatchObject({ file: values, line: 1 });
  });
});

// GitOps repositories keep a Kong release as an Argo CD Application whose spec.source.helm holds
// the values (sweep 8 met one, set aside as another chart's values).
describe('an Argo CD Application given as Helm values', () => {
  const application = [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    '  name: edge-gateway',
    'spec:',
    '  source:',
    '    repoURL: https://charts.konghq.com',
    '    chart: kong',
    '    targetRevision: 2.38.0',
    '    helm:',
    '      valueFiles:',
    '        - values-prod.yaml',
    '      values: |',
    '        # the gateway image',
    '        image:',
    '          repository: kong/kong-gateway',
    '          tag: "3.4.3.12"',
    '',
    '        env:',
    '          database: "off"',
    '          router_flavor: traditional',
    '      valuesObject:',
    '        env:',
    '          router_flavor: expressions',
    '',
  ].join('\n');
  const path = file('application.yaml', application);

  it('reads the values text at its own lines', () => {
    const textOnly = file('text-only.yaml', application.split('\n').slice(0, 21).join('\n'));
    const values = loadHelmValues([textOnly]);
    expect(values.scalar('image', 'repository')).toMatchObject({ value: 'kong/kong-gateway', origin: { file: textOnly, line: 16, column: 23 } });
    expect(values.scalar('env', 'database')).toMatchObject({ value: 'off', origin: { line: 20 } });
    expect(values.scalar('env', 'router_flavor')).toMatchObject({ value: 'traditional', origin: { line: 21 } });
  });

  // Argo CD passes valuesObject instead of the values text when both are written, not merged.
  it('takes valuesObject alone when the Application sets it', () => {
    const values = loadHelmValues([path]);
    expect(values.scalar('env', 'router_flavor')).toMatchObject({ value: 'expressions', origin: { line: 24 } });
    expect(values.scalar('env', 'database')).toBeUndefined();
    expect(values.scalar('image', 'repository')).toBeUndefined();
  });

  it('says it was read from the Application, and which value files it could not read', () => {
    const reading = readChartValues([path]);
    expect(reading.readAs).toContain('Argo CD Application "edge-gateway" for chart kong: its helm values were read');
    expect(reading.readAs).toContain('its valueFiles (values-prod.yaml) are not read');
    expect(reading.values.scalar('env', 'router_flavor')?.value).toBe('expressions');
  });

  // Argo CD passes helm.parameters as --set (forceString: --set-string), which Helm merges over
  // every values file and types with its strvals rules (argo-cd util/helm/cmd.go, helm pkg/strvals).
  it('applies helm.parameters over the values, typed as Helm types --set', () => {
    const withParameters = file('parameters.yaml', [
      ...application.split('\n').slice(0, 21),
      '      parameters:',
      '        - name: env.database',
      '          value: postgres',
      '        - name: env.nginx_worker_processes',
      '          value: "4"',
      '        - name: env.pg_port',
      '          value: "5432"',
      '          forceString: true',
      '        - name: env.trusted_ips',
      '          value: 10.0.0.0/8,192.168.0.0/16',
      '        - name: env.plugins',
      '          value: "{bundled,my-plugin}"',
      '        - name: podAnnotations.kuma\\.io/gateway',
      '          value: enabled',
      '        - name: env.headers',
      '          value: "off"',
      '        - name: ingressController.env[0]',
      '          value: x',
      '      fileParameters:',
      '        - name: env.lua_ssl_trusted_certificate',
      '          path: ca.pem',
      '',
    ].join('\n'));
    const reading = readChartValues([withParameters]);
    const values = reading.values;
    expect(values.scalar('env', 'database')).toMatchObject({ value: 'postgres', origin: { file: withParameters, line: 24 } });
    expect(values.scalar('env', 'router_flavor')).toMatchObject({ value: 'traditional', origin: { line: 21 } });
    expect(values.scalar('env', 'nginx_worker_processes')?.value).toBe(4);
    expect(values.scalar('env', 'pg_port')?.value).toBe('5432');
    expect(values.scalar('env', 'trusted_ips')?.value).toBe('10.0.0.0/8,192.168.0.0/16');
    expect(values.at('env', 'plugins')).toMatchObject({ kind: 'seq', items: ['bundled', 'my-plugin'] });
    expect(values.scalar('podAnnotations', 'kuma.io/gateway')?.value).toBe('enabled');
    // Helm's --set reads `off` as text, not YAML 1.1's false.
    expect(values.scalar('env', 'headers')?.value).toBe('off');
    expect(values.at('ingressController', 'env')).toBeUndefined();
    expect(reading.readAs).toContain('7 parameters applied over them, as --set');
    expect(reading.readAs).toContain('parameters not read (list indexes): ingressController.env[0]');
    expect(reading.readAs).toContain('its fileParameters (env.lua_ssl_trusted_certificate) are not read');
  });

  it('locates values of a spec.sources entry at their own lines', () => {
    const multiSource = file('sources.yaml', [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Application',
      'metadata:',
      '  name: kong',
      'spec:',
      '  sources:',
      '    - repoURL: https://github.com/example/platform.git',
      '      ref: values',
      '    - repoURL: https://charts.konghq.com',
      '      chart: kong',
      '      helm:',
      '        valuesObject:',
      '          env:',
      '            pg_ssl_version: tlsv1',
      '',
    ].join('\n'));
    expect(loadHelmValues([multiSource]).scalar('env', 'pg_ssl_version')).toMatchObject({ value: 'tlsv1', origin: { line: 14, column: 29 } });
  });

  it('leaves other Kubernetes objects and plain values files alone', () => {
    const other = file('deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 2\n');
    expect(readChartValues([other]).notUnderstood).toMatch(/another chart/);
    expect(loadHelmValues([file('plain.yaml', 'env:\n  database: "off"\n')]).embedded).toEqual([]);
  });

  it('reads an Application whose spec.sources entries merge an anchored map', () => {
    // The Argo CD shape of the list-with-merge-key crash above.
    const merged = file('sources-merge.yaml', [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Application',
      'spec:',
      '  sources:',
      '    - &kong {repoURL: https://charts.konghq.com, chart: kong, targetRevision: 2.38.0}',
      '    - <<: *kong',
      '      helm:',
      '        valuesObject: {env: {database: "off"}}',
      '',
    ].join('\n'));
    const values = loadHelmValues([merged]);
    expect(values.scalar('env', 'database')).toMatchObject({ value: 'off', origin: { line: 8 } });
    expect(values.charts).toMatchObject([{ chart: 'kong', version: '2.38.0', origin: { line: 5 } }]);
  });

  it('names valueFiles and fileParameters that are not file names as written (a `toString` key once threw a TypeError)', () => {
    const odd = file('odd-value-files.yaml', [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Application',
      'spec:',
      '  source:',
      '    chart: kong',
      '    helm:',
      '      valueFiles: [{toString: 1}, 2, prod.yaml]',
      '      fileParameters: [{name: env.pg_password, path: pg}, {toString: x}]',
      '      valuesObject: {env: {database: "off"}}',
      '',
    ].join('\n'));
    const values = loadHelmValues([odd]);
    expect(values.scalar('env', 'database')?.value).toBe('off');
    expect(values.embedded).toEqual([expect.stringContaining('its fileParameters (env.pg_password, {"toString":"x"}) are not read')]);
    expect(values.embedded).toEqual([expect.stringContaining('its valueFiles ({"toString":1}, 2, prod.yaml) are not read')]);
  });

  it('names the line of a YAML error inside the values text', () => {
    const broken = file('broken-app.yaml', application.split('\n').slice(0, 21).join('\n').replace('          tag: "3.4.3.12"', '          tag: [unclosed'));
    expect(() => loadHelmValues([broken])).toThrow(InputError);
    try {
      loadHelmValues([broken]);
    } catch (error) {
      // The unclosed list opens on line 17; the parser notices it at the next key, line 19 of the file.
      expect((error as InputError).place).toMatchObject({ file: broken, line: 19 });
    }
  });
});

// A DB-less Kong the chart configures itself loads dblessConfig from /kong_dbless/kong.yml
// (Kong/charts charts/kong/templates/_helpers.tpl@kong-3.4.1): the setting says which source.
describe('the declarative configuration the chart mounts from dblessConfig', () => {
  const confOf = (name: string, text: string) => loadKongConf(undefined, {}, { layer: helmConfLayer(loadHelmValues([file(name, text)], chartDefaultValues())) });
  const noController = 'ingressController:\n  enabled: false\n';

  it.each([
    ['configMap: my-kong-config', 'the ConfigMap `my-kong-config` (key kong.yml) named by `dblessConfig.configMap`'],
    ['secret: kong-decl', 'the Secret `kong-decl` (key kong.yml) named by `dblessConfig.secret`'],
    ['config: |\n    _format_version: "3.0"\n    services: []', 'the `dblessConfig.config` text'],
  ])('%s becomes declarative_config /kong_dbless/kong.yml, saying where it comes from', (source, said) => {
    const conf = confOf('dbless.yaml', `${noController}dblessConfig:\n  ${source}\n`);
    const setting = conf.get('declarative_config')!;
    expect(setting.value).toBe('/kong_dbless/kong.yml');
    expect(chartSwitchOf(setting)?.chartReason).toContain(said);
    expect(setting.origin).toMatchObject({ kind: 'file', line: 4 });
  });

  it.each([
    ['the controller on (the chart default)', 'dblessConfig:\n  configMap: my-kong-config\n'],
    ['a database', `${noController}env:\n  database: postgres\ndblessConfig:\n  configMap: my-kong-config\n`],
    ['two sources (the chart refuses the release)', `${noController}dblessConfig:\n  configMap: a\n  secret: b\n`],
    ['no source', `${noController}dblessConfig:\n  configMap: ""\n`],
  ])('sets nothing with %s', (_what, text) => {
    expect(confOf('none.yaml', text).get('declarative_config')).toBeUndefined();
  });

  it('keeps the inline text\'s key and node for the declarative loader, and only for `config`', () => {
    const inline = confOf('inline.yaml', `${noController}dblessConfig:\n  config: |\n    _format_version: "3.0"\n`).get('declarative_config')!;
    expect(chartDblessTextOf(inline)).toMatchObject({ key: 'dblessConfig.config', node: { kind: 'scalar', value: '_format_version: "3.0"\n', origin: { line: 4, column: 11 } } });
    expect(chartDblessTextOf(confOf('cm.yaml', `${noController}dblessConfig:\n  configMap: my-kong-config\n`).get('declarative_config')!)).toBeUndefined();
  });

  // config-dbless.yaml@e76b800 pipes the value to nindent, a function of a string: a map fails the render.
  it.each([
    ['a mapping, where the chart renders its ConfigMap', `${noController}dblessConfig:\n  config:\n    _format_version: "3.0"\n`, ['helm-render-refused 5']],
    ['a mapping under the controller (no ConfigMap rendered)', 'dblessConfig:\n  config:\n    _format_version: "3.0"\n', []],
    ['a mapping beside a configMap named (refused as ambiguous instead)', `${noController}dblessConfig:\n  configMap: a\n  config:\n    _format_version: "3.0"\n`, []],
    ['text', `${noController}dblessConfig:\n  config: |\n    _format_version: "3.0"\n`, []],
  ])('names dblessConfig.config written as %s only where the chart fails on it', (_what, text, expected) => {
    const layer = helmConfLayer(loadHelmValues([file('map.yaml', text)], chartDefaultValues()));
    expect(layer.diagnostics.filter((d) => d.message.includes('dblessConfig.config')).map((d) => `${d.kind} ${'line' in d.origin ? d.origin.line : ''}`)).toEqual(expected);
  });

  // Kong/charts config-dbless.yaml@b87a69dc (kong-2.3.0) lines 12-13 made a mapping text; from 2.4.0 no chart does.
  it.each([
    ['kong 2.3.0', { chart: 'kong', version: '2.3.0' }, 'chart-upgrade-refuses'],
    ['kong v1.15.0', { chart: 'kong', version: 'v1.15.0' }, 'chart-upgrade-refuses'],
    ['kong 2.4.0', { chart: 'kong', version: '2.4.0' }, 'helm-render-refused'],
    ['kong 2.30.0', { chart: 'kong', version: '2.30.0' }, 'helm-render-refused'],
    ['kong ~2.3 (a range below 2.4.0)', { chart: 'kong', version: '~2.3' }, 'chart-upgrade-refuses'],
    ['kong <2.4.0', { chart: 'kong', version: '<2.4.0' }, 'chart-upgrade-refuses'],
    ['kong 2.3.x', { chart: 'kong', version: '2.3.x' }, 'chart-upgrade-refuses'],
    ['kong >=2.0, <2.4.0 (Masterminds comma)', { chart: 'kong', version: '>=2.0, <2.4.0' }, 'chart-upgrade-refuses'],
    ['kong ~2 (a range reaching 2.4.0)', { chart: 'kong', version: '~2' }, 'helm-render-refused'],
    ['kong <=2.4.0', { chart: 'kong', version: '<=2.4.0' }, 'helm-render-refused'],
    ['kong ^2.3.0', { chart: 'kong', version: '^2.3.0' }, 'helm-render-refused'],
    ['kong !=2.4.0 (a constraint the semver package cannot read)', { chart: 'kong', version: '!=2.4.0' }, 'helm-render-refused'],
    ['kong without a version', { chart: 'kong' }, 'helm-render-refused'],
    ['Bitnami kong 2.3.0', { chart: 'kong', version: '2.3.0', repository: 'https://charts.bitnami.com/bitnami' }, 'helm-render-refused'],
    ['kong/ingress 0.1.0', { chart: 'ingress', version: '0.1.0' }, 'helm-render-refused'],
  ])('a dblessConfig mapping with chart %s named beside it', (_what, declared, kind) => {
    const text = `${noController}dblessConfig:\n  config:\n    _format_version: "3.0"\n`;
    const declaration = { ...declared, origin: { kind: 'file' as const, file: 'helmfile.yaml', line: 8, column: 14 }, via: 'helmfile release version' };
    const release = { declaration, label: `chart ${declared.chart}`, note: '' };
    const layer = helmConfLayer(loadHelmValues([file('rel.yaml', text)], chartDefaultValues()), undefined, release);
    expect(layer.diagnostics.map((d) => d.kind)).toEqual([kind]);
  });

  it('leaves an env.declarative_config as written', () => {
    const conf = confOf('env.yaml', `${noController}env:\n  declarative_config: /opt/kong.yml\ndblessConfig:\n  configMap: my-kong-config\n`);
    expect(conf.get('declarative_config')).toMatchObject({ value: '/opt/kong.yml' });
    expect(chartSwitchOf(conf.get('declarative_config')!)).toBeUndefined();
  });
});
