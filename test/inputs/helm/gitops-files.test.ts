// GitOps files as real repositories keep them (sweep of Argo CD / Flux / umbrella installations
// of Kong's charts): a Namespace next to the Application, the chart taken from the Kong/charts git
// repository, an Application's valueFiles given beside it, and values that sit beside an
// umbrella Chart.yaml without the subchart key.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../src/errors';
import { readChartValues } from '../../../src/inputs/helm/kong-chart';
import { loadHelmValues } from '../../../src/inputs/helm/values';
import { loadPlatformInputs } from '../../../src/inputs/platform';

const root = mkdtempSync(join(tmpdir(), 'kp-gitops-'));
let count = 0;
/** Writes files (names may hold folders) into a new folder; returns their paths by name. */
function files(entries: Record<string, string>): Record<string, string> {
  const dir = join(root, String(count++));
  const paths: Record<string, string> = {};
  for (const [name, text] of Object.entries(entries)) {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    paths[name] = path;
  }
  return paths;
}

const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kong\n';
const application = (name: string, chart = 'kong', revision = '2.38.0') =>
  `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\nspec:\n  source:\n    repoURL: https://charts.konghq.com\n    chart: ${chart}\n    targetRevision: ${revision}\n    helm:\n      valuesObject:\n        env:\n          router_flavor: expressions\n`;

describe('a file of several YAML documents given as Helm values', () => {
  it('reads the one Argo CD Application of Kong\'s chart next to a Namespace', () => {
    const { 'app.yaml': app } = files({ 'app.yaml': `${namespace}---\n${application('kong')}` });
    const values = loadHelmValues([app]);
    expect(values.scalar('env', 'router_flavor')).toMatchObject({ value: 'expressions', origin: { file: app, line: 18 } });
    expect(values.charts[0]).toMatchObject({ chart: 'kong', version: '2.38.0', origin: { line: 14 } });
    expect(values.embedded[0]).toContain('document 2 of 2, line 6; the other documents were not read');
  });

  it('refuses to pick between two releases of Kong\'s charts, and says how to name one', () => {
    const { 'apps.yaml': apps } = files({ 'apps.yaml': `${application('kong-prod')}---\n${application('kong-staging')}` });
    expect(() => loadHelmValues([apps])).toThrow(/holds 2 releases of Kong's charts \(document 1 of 2, line 1; document 2 of 2, line 15\): pick one by its metadata.name, as --helm-values .*apps\.yaml#NAME \(#kong-prod, #kong-staging\)/);
  });

  it('FILE#NAME picks the Application so named among the documents', () => {
    const { 'apps.yaml': apps } = files({ 'apps.yaml': `${namespace}---\n${application('kong-prod', 'kong', '2.38.0')}---\n${application('kong-staging', 'kong', '2.40.0')}` });
    const staging = loadHelmValues([`${apps}#kong-staging`]);
    expect(staging.charts[0]).toMatchObject({ chart: 'kong', version: '2.40.0', origin: { line: 28 } });
    expect(staging.embedded[0]).toContain(`${apps}#kong-staging: Argo CD Application "kong-staging" for chart kong`);
    expect(staging.embedded[0]).toContain('document 3 of 3, line 20, chosen with #kong-staging');
    expect(loadHelmValues([`${apps}#kong-prod`]).charts[0].version).toBe('2.38.0');
    expect(() => loadHelmValues([`${apps}#kong`])).toThrow('document 1 of 3, line 1, named "kong", is not an Argo CD Application, Flux HelmRelease or k3s HelmChart of Kong\'s charts: its releases of Kong\'s charts are #kong-prod, #kong-staging');
  });

  it('FILE#NAMESPACE/NAME picks among HelmReleases of one name in two namespaces (a hybrid pair)', () => {
    const release = (space: string, role: string) => `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: kong\n  namespace: ${space}\nspec:\n  chart:\n    spec:\n      chart: kong\n      version: "2.38.0"\n  values:\n    env:\n      role: ${role}\n`;
    const { 'releases.yaml': pair } = files({ 'releases.yaml': `${release('kong-cp', 'control_plane')}---\n${release('kong-dp', 'data_plane')}` });
    expect(() => loadHelmValues([`${pair}#kong`])).toThrow('#kong cannot tell them apart: add the namespace, as #kong-cp/kong or #kong-dp/kong');
    expect(loadHelmValues([`${pair}#kong-dp/kong`]).root).toMatchObject({ kind: 'map' });
    const dp = loadPlatformInputs({ helmValues: [`${pair}#kong-dp/kong`] });
    expect(dp.deployment).toMatchObject({ role: 'data_plane' });
    expect(loadPlatformInputs({ helmValues: [`${pair}#kong-cp/kong`] }).deployment).toMatchObject({ role: 'control_plane' });
    expect(() => loadHelmValues([`${pair}#kong-edge/kong`])).toThrow(/no Argo CD Application, Flux HelmRelease or k3s HelmChart of Kong's charts is named "kong-edge\/kong"|is named/);
  });

  it('refuses a file of several documents none of which installs Kong\'s charts', () => {
    const { 'objects.yaml': objects } = files({ 'objects.yaml': `${namespace}---\n${application('redis', 'redis', '18.0.0')}` });
    expect(() => loadHelmValues([objects])).toThrow(InputError);
    expect(() => loadHelmValues([objects])).toThrow(/holds 2 YAML documents and none is an Argo CD Application, Flux HelmRelease or k3s HelmChart of Kong's charts/);
  });

  it('a single document, even after a leading ---, is read as before', () => {
    const { 'values.yaml': plain } = files({ 'values.yaml': '---\nenv:\n  database: "off"\n' });
    expect(loadHelmValues([plain]).scalar('env', 'database')).toMatchObject({ value: 'off', origin: { line: 3 } });
    expect(loadHelmValues([plain]).embedded).toEqual([]);
  });
});

describe('an Argo CD Application of a folder of the Kong/charts git repository', () => {
  const gitSource = (repoURL: string, path: string, revision: string) =>
    `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: kong\nspec:\n  sources:\n    - repoURL: ${repoURL}\n      targetRevision: ${revision}\n      path: ${path}\n      helm:\n        valueFiles:\n          - $values/kong/values.yaml\n`;

  it('names the release its tag gives (ingress-0.22.0 is kong/ingress 0.22.0)', () => {
    const { 'app.yaml': app } = files({ 'app.yaml': gitSource('https://github.com/Kong/charts.git', 'charts/ingress', 'ingress-0.22.0') });
    const inputs = loadPlatformInputs({ helmValues: [app] });
    // Kong/charts ingress-0.22.0 Chart.lock bundles kong 3.0.2, whose values.yaml defaults to kong:3.9.
    expect(inputs.version).toMatchObject({ text: '3.9.x', reason: expect.stringContaining(`chart ingress 0.22.0 (Argo CD targetRevision of the Kong/charts repository at ${app}:8)`) });
  });

  it('a branch of Kong/charts names no release, and another repository\'s charts/ingress is not Kong\'s', () => {
    const { 'branch.yaml': branch } = files({ 'branch.yaml': gitSource('https://github.com/Kong/charts', 'charts/kong', 'main') });
    const onBranch = loadHelmValues([branch]);
    expect(onBranch.charts[0]).toMatchObject({ chart: 'kong', via: 'Argo CD targetRevision of the Kong/charts repository (main, not a release tag)' });
    expect(onBranch.charts[0].version).toBeUndefined();
    expect(loadPlatformInputs({ helmValues: [branch] }).version).toBeUndefined();
    const { 'fork.yaml': fork } = files({ 'fork.yaml': gitSource('https://github.com/example/charts.git', 'charts/ingress', 'ingress-0.22.0') });
    expect(loadHelmValues([fork]).charts).toEqual([]);
  });
});

describe('the files an Argo CD Application names in valueFiles, given beside it', () => {
  const withValueFiles = `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: kong\nspec:\n  sources:\n    - repoURL: https://charts.konghq.com\n      chart: kong\n      targetRevision: 2.38.0\n      helm:\n        valueFiles:\n          - $values/kong/values.yaml\n          - $values/kong/values-prod.yaml\n        valuesObject:\n          env:\n            router_flavor: expressions\n    - repoURL: https://github.com/example/platform.git\n      ref: values\n`;

  // argo-cd's repo server passes each valueFiles entry as --values, then the Application's own
  // values, so the Application's values win whatever the order on the command line.
  it('merges them before the Application\'s own values, and says so', () => {
    const paths = files({ 'app.yaml': withValueFiles, 'kong/values.yaml': 'env:\n  router_flavor: traditional\n  database: "off"\n' });
    const values = loadHelmValues([paths['app.yaml'], paths['kong/values.yaml']]);
    expect(values.scalar('env', 'router_flavor')).toMatchObject({ value: 'expressions', origin: { file: paths['app.yaml'] } });
    expect(values.scalar('env', 'database')?.value).toBe('off');
    const reading = readChartValues([paths['app.yaml'], paths['kong/values.yaml']]);
    expect(reading.readAs).toContain(`its valueFiles given as ${paths['kong/values.yaml']} were merged before its own values, as Argo CD does`);
    expect(reading.readAs).toContain('its valueFiles ($values/kong/values-prod.yaml) are not read: pass them with --helm-values');
  });

  it('a file the Application does not name keeps its command-line place', () => {
    const paths = files({ 'app.yaml': withValueFiles, 'overrides.yaml': 'env:\n  router_flavor: traditional\n' });
    const values = loadHelmValues([paths['app.yaml'], paths['overrides.yaml']]);
    expect(values.scalar('env', 'router_flavor')).toMatchObject({ value: 'traditional', origin: { file: paths['overrides.yaml'] } });
    expect(values.embedded[0]).toContain('its valueFiles ($values/kong/values.yaml, $values/kong/values-prod.yaml) are not read');
  });
});

describe('values beside an umbrella Chart.yaml that lists Kong\'s chart', () => {
  const chartYaml = 'apiVersion: v2\nname: gateway\nversion: 2.8.0\ndependencies:\n  - name: kong\n    version: 2.8.0\n    repository: https://charts.konghq.com\n    alias: kong\n';

  // Helm passes a subchart only the parent's values under its name or alias: Kong settings at the
  // top of the parent's values.yaml never reach it (real repository: the values were top-level).
  it('top-level Kong settings do not reach the subchart: Kong runs the release\'s defaults', () => {
    const paths = files({ 'values.yaml': 'image:\n  tag: "3.4"\nenv:\n  database: postgres\nproxy:\n  type: NodePort\n', 'Chart.yaml': chartYaml });
    const reading = readChartValues([paths['values.yaml']]);
    expect(reading.readAs).toContain(`${paths['Chart.yaml']} installs Kong's chart as its dependency kong, which Helm passes only the values under kong:, and these write none: their top-level Kong settings (image, env, proxy) do not reach Kong`);
    const inputs = loadPlatformInputs({ helmValues: [paths['values.yaml']] });
    // Kong/charts kong-2.8.0 values.yaml: image kong:2.8.
    expect(inputs.version).toMatchObject({ text: '2.8.x', reason: expect.stringContaining('chart kong 2.8.0 (Chart.yaml dependency') });
  });

  it('values under the subchart key are read, and without a Chart.yaml top-level values are the Kong chart\'s', () => {
    const under = files({ 'values.yaml': 'kong:\n  image:\n    tag: "3.4"\n  env:\n    database: postgres\n  proxy:\n    type: NodePort\n', 'Chart.yaml': chartYaml });
    expect(loadPlatformInputs({ helmValues: [under['values.yaml']] }).version).toMatchObject({ text: '3.4.x' });
    const alone = files({ 'values.yaml': 'image:\n  tag: "3.4"\nenv:\n  database: postgres\n' });
    expect(readChartValues([alone['values.yaml']]).readAs).toBe('Kong chart');
    expect(loadPlatformInputs({ helmValues: [alone['values.yaml']] }).version).toMatchObject({ text: '3.4.x' });
  });
});

describe('the chart an Application declares decides how its values are read', () => {
  // A real Application of chart kong wrote `gateway: { enabled: false }` (a kong/ingress key the
  // Kong chart ignores) next to ingressController and proxy.
  it('an Application of chart kong with a stray gateway: key is read as the Kong chart', () => {
    const { 'app.yaml': app } = files({ 'app.yaml': application('kong', 'kong', '2.38.0').replace('        env:\n          router_flavor: expressions\n', '        proxy:\n          type: LoadBalancer\n        gateway:\n          enabled: false\n') });
    expect(readChartValues([app]).readAs).toMatch(/^Kong chart;/);
    // Kong/charts kong-2.38.0 values.yaml: image kong:3.6.
    expect(loadPlatformInputs({ helmValues: [app] }).version).toMatchObject({ text: '3.6.x' });
  });

  it('the same values with no chart named are still read as kong/ingress', () => {
    const { 'values.yaml': values } = files({ 'values.yaml': 'proxy:\n  type: LoadBalancer\ngateway:\n  enabled: false\n' });
    expect(readChartValues([values]).readAs).toMatch(/^kong\/ingress chart/);
  });
});

describe('an Application or HelmRelease of another chart is not read as Kong\'s chart', () => {
  // A real Argo CD Application installed Kong's operator chart (chart kong-operator) with
  // `image.tag` (the operator's release) and `env.enable_controller_*` (operator switches): read as
  // the Kong chart they gave Kong 2.0.5 and five unknown kong.conf properties.
  const operatorValues = '        image:\n          tag: 2.0.5\n        env:\n          enable_controller_gateway: true\n';
  it('an Argo CD Application of chart kong-operator: no version, no setting taken from its values', () => {
    const { 'app.yaml': app } = files({ 'app.yaml': application('kong-operator', 'kong-operator', '1.0.2').replace('        env:\n          router_flavor: expressions\n', operatorValues) });
    const reading = readChartValues([app]);
    expect(reading.notUnderstood).toMatch(/^the Argo CD Application at .*app\.yaml:\d+ installs chart `kong-operator`, not Kong's `kong` or `ingress` chart/);
    expect(reading.readAs).toBe('the Argo CD Application installs chart kong-operator, not Kong\'s kong or ingress chart: not read');
    const platform = loadPlatformInputs({ helmValues: [app] });
    expect(platform.version).toBeUndefined();
    expect(platform.layer?.settings ?? []).toEqual([]);
  });

  it('a Flux HelmRelease of chart gateway-operator is set aside the same way', () => {
    const release = 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: kgo\nspec:\n  chart:\n    spec:\n      chart: gateway-operator\n      version: 0.4.0\n  values:\n    image:\n      tag: "1.4"\n';
    const { 'release.yaml': file } = files({ 'release.yaml': release });
    expect(readChartValues([file]).notUnderstood).toMatch(/^the Flux HelmRelease at .*release\.yaml:9 installs chart `gateway-operator`/);
    expect(loadPlatformInputs({ helmValues: [file] }).version).toBeUndefined();
  });

  it('the same values in an Application of chart kong are read', () => {
    const { 'app.yaml': app } = files({ 'app.yaml': application('kong', 'kong', '2.38.0').replace('        env:\n          router_flavor: expressions\n', operatorValues) });
    expect(readChartValues([app]).notUnderstood).toBeUndefined();
    expect(loadPlatformInputs({ helmValues: [app] }).version).toMatchObject({ text: '2.0.5' });
  });
});

describe('an Argo CD Application whose sources install another chart beside Kong\'s', () => {
  // NirvanaDogra/DevOps kong-application.yaml: Bitnami's postgresql chart (with helm parameters)
  // as the first source, Kong's chart second: the Application was read as postgresql's and set aside.
  const app = [
    'apiVersion: argoproj.io/v1alpha1', 'kind: Application', 'metadata:', '  name: kong-cp', 'spec:', '  sources:',
    '    - repoURL: https://charts.bitnami.com/bitnami', '      chart: postgresql', '      targetRevision: 15.5.3', '      helm:',
    '        parameters:', '          - name: image.tag', '            value: 16.4.0-debian-12-r14', '          - name: auth.database', '            value: kong',
    '    - repoURL: https://charts.konghq.com', '      chart: kong', '      targetRevision: 2.37.0', '      helm:',
    '        valuesObject:', '          env:', '            database: postgres',
    '',
  ].join('\n');

  it('reads Kong\'s chart and its helm block, not the other chart\'s parameters', () => {
    const { 'app.yaml': file } = files({ 'app.yaml': app });
    const reading = readChartValues([file]);
    expect(reading.notUnderstood).toBeUndefined();
    expect(reading.release?.declaration).toMatchObject({ chart: 'kong', version: '2.37.0', origin: { line: 18 } });
    expect(reading.values.scalar('env', 'database')).toMatchObject({ value: 'postgres', origin: { line: 22 } });
    // postgresql's image.tag parameter is not Kong's image.
    expect(reading.values.scalar('image', 'tag')?.value).not.toBe('16.4.0-debian-12-r14');
  });
});

describe('an Argo CD Application of a chart kept in a git folder', () => {
  // Sweep 19: an Application whose source is `path: kong` of the project's own repository (an
  // umbrella chart over Kong's) was said to be "not a values file of the Kong chart".
  const gitApplication = (source: string) => [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    '  name: gateway',
    'spec:',
    '  source:',
    source,
    '  destination:',
    '    namespace: gateway',
    '',
  ].join('\n');

  it('names the folder and asks for the values kept there', () => {
    const { 'app.yaml': app } = files({ 'app.yaml': gitApplication('    repoURL: https://git.example.com/team/platform\n    targetRevision: main\n    path: deploy/gateway') });
    const reading = readChartValues([app]);
    expect(reading.readAs).toBe('an Argo CD Application of the chart in folder deploy/gateway of https://git.example.com/team/platform, whose values are not in this file: not read');
    expect(reading.notUnderstood).toMatch(/give that folder's values\.yaml instead/);
    expect(loadPlatformInputs({ helmValues: [app] }).version).toBeUndefined();
  });

  // Argo CD with kustomize --enable-helm: the folder's kustomization.yaml inflates Kong's chart.
  it('a folder Argo CD builds with kustomize asks for its kustomization.yaml', () => {
    const { 'app.yaml': app } = files({ 'app.yaml': gitApplication('    repoURL: https://git.example.com/team/platform\n    path: deploy/gateway\n    kustomize:\n      namespace: kong') });
    const reading = readChartValues([app]);
    expect(reading.readAs).toBe('an Argo CD Application that builds folder deploy/gateway of https://git.example.com/team/platform with kustomize, whose values are not in this file: not read');
    expect(reading.notUnderstood).toMatch(/give that folder's kustomization\.yaml instead/);
  });

  it('a folder of Kong/charts is still read as Kong\'s chart', () => {
    const { 'app.yaml': app } = files({ 'app.yaml': gitApplication('    repoURL: https://github.com/Kong/charts\n    targetRevision: kong-2.38.0\n    path: charts/kong') });
    expect(readChartValues([app]).readAs).not.toMatch(/folder/);
  });
});
