// The chart release named beside Helm values (Argo CD targetRevision, Flux HelmRelease version,
// an umbrella chart's Chart.lock / Chart.yaml): values that leave the image tags to the chart run
// that release's defaults; a tag written in the values always wins.

import { join } from 'node:path';
import { exactVersion } from '../../../src/inputs/helm/chart-release';
import { loadPlatformInputs } from '../../../src/inputs/platform';
import { tempFiles } from '../../support/temp';

/** Writes files into a new folder; returns the path of the first. */
const files = (entries: Record<string, string>): string => tempFiles(entries, 'kp-chart-release-');

const argo = (revision: string, values = 'env:\n          database: "off"\n', chart = 'kong') =>
  `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: edge\nspec:\n  source:\n    repoURL: https://charts.konghq.com\n    chart: ${chart}\n    targetRevision: ${revision}\n    helm:\n      valuesObject:\n        ${values}`;
const listed = (inputs: ReturnType<typeof loadPlatformInputs>) => inputs.listed.filter((l) => l.kind === 'helm chart').map((l) => l.label);

describe('chart release beside Helm values', () => {
  it('Argo CD targetRevision: the image and controller tags left to the chart are that release\'s defaults', () => {
    const app = files({ 'app.yaml': argo('2.26.0') });
    const inputs = loadPlatformInputs({ helmValues: [app] });
    expect(inputs.version).toMatchObject({ text: '3.3.x', reason: `image.tag not set: chart kong 2.26.0 (Argo CD targetRevision at ${app}:9) defaults to image kong:3.3` });
    // A floating default tag gives a minor, not a patch.
    expect(inputs.version?.image?.version?.precision).toBe('minor');
    expect(inputs.images[0]).toMatchObject({ reference: 'kong:3.3', origin: { file: app, line: 9 } });
    expect(inputs.edition).toMatchObject({ value: 'oss', reason: expect.stringContaining('chart kong 2.26.0') });
    expect(inputs.controllers).toEqual([expect.objectContaining({ reference: 'kong/kubernetes-ingress-controller:2.11', chartDefault: `chart kong 2.26.0 (Argo CD targetRevision at ${app}:9)` })]);
    expect(inputs.controllers[0].version?.toString()).toBe('2.11.x');
    expect(listed(inputs)).toEqual([expect.stringContaining('its defaults are image kong:3.3, controller kong/kubernetes-ingress-controller:2.11')]);
  });

  it('a tag written in the values wins over the release default, for the gateway and the controller', () => {
    const app = files({ 'app.yaml': argo('2.26.0', 'image:\n          tag: "3.4.1"\n        ingressController:\n          image:\n            tag: "2.12.3"\n') });
    const inputs = loadPlatformInputs({ helmValues: [app] });
    expect(inputs.version).toMatchObject({ text: '3.4.1', reason: `image.tag 3.4.1 at ${app}:13` });
    expect(inputs.controllers).toEqual([expect.objectContaining({ reference: 'kong/kubernetes-ingress-controller:2.12.3', origin: expect.objectContaining({ line: 16 }) })]);
    expect(inputs.controllers[0].chartDefault).toBeUndefined();
  });

  it('a written repository takes the release\'s default tag (kong/kong-gateway:3.3 is Enterprise 3.3)', () => {
    const app = files({ 'app.yaml': argo('2.26.0', 'image:\n          repository: kong/kong-gateway\n') });
    const inputs = loadPlatformInputs({ helmValues: [app] });
    expect(inputs.images[0].reference).toBe('kong/kong-gateway:3.3');
    expect(inputs.edition?.value).toBe('enterprise');
    expect(inputs.version?.reason).toBe(`image.tag not set: chart kong 2.26.0 (Argo CD targetRevision at ${app}:9) defaults to tag 3.3 (image kong/kong-gateway:3.3)`);
  });

  it.each([
    ['2.26.*', '2.26.* is a version range, not one release'],
    ['">=2.0.0"', '>=2.0.0 is a version range, not one release'],
    ['9.9.9', 'not a release this tool knows'],
  ])('targetRevision %s gives no defaults, and says why', (revision, why) => {
    const app = files({ 'app.yaml': argo(revision) });
    const inputs = loadPlatformInputs({ helmValues: [app] });
    expect(inputs.version).toBeUndefined();
    expect(inputs.images).toEqual([]);
    expect(inputs.controllers).toEqual([]);
    expect(listed(inputs)).toEqual([expect.stringContaining(why)]);
    expect(inputs.missing.images).toContain(why);
    expect(inputs.missing.controllers).toContain(why);
  });

  it('without any chart release named, nothing is assumed', () => {
    const values = files({ 'values.yaml': 'env:\n  database: "off"\n' });
    const inputs = loadPlatformInputs({ helmValues: [values] });
    expect(inputs.version).toBeUndefined();
    expect(inputs.controllers).toEqual([]);
    expect(listed(inputs)).toEqual([]);
  });

  it('a chart of another repository (Bitnami\'s kong) gives no defaults', () => {
    const app = files({ 'app.yaml': argo('2.26.0').replace('https://charts.konghq.com', 'https://charts.bitnami.com/bitnami') });
    const inputs = loadPlatformInputs({ helmValues: [app] });
    expect(inputs.version).toBeUndefined();
    expect(listed(inputs)).toEqual([expect.stringContaining('not Kong\'s chart repository')]);
  });

  it('kong/ingress: the Kong chart release it bundles gives the gateway and controller defaults', () => {
    const app = files({ 'app.yaml': argo('0.10.2', 'gateway:\n          env:\n            vitals: "off"\n        controller:\n          ingressController:\n            env: {}\n', 'ingress') });
    const inputs = loadPlatformInputs({ helmValues: [app] });
    expect(inputs.version).toMatchObject({ text: '3.5.x', reason: expect.stringContaining('gateway.image.tag not set: chart ingress 0.10.2') });
    expect(inputs.controllers.map((c) => c.reference)).toEqual(['kong/kubernetes-ingress-controller:3.0']);
    expect(listed(inputs)).toEqual([expect.stringContaining('kong/ingress 0.10.2 bundles kong 2.33.3')]);
  });

  it('an Argo CD Application with no helm values still names the release', () => {
    const app = files({ 'app.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nspec:\n  sources:\n    - repoURL: https://charts.konghq.com\n      chart: kong\n      targetRevision: 3.4.1\n    - repoURL: https://git.example.com/platform.git\n      ref: values\n' });
    const values = files({ 'values.yaml': 'env:\n  database: postgres\n' });
    const inputs = loadPlatformInputs({ helmValues: [app, values] });
    expect(inputs.version).toMatchObject({ text: '3.9.x' });
    expect(inputs.deployment?.topology).toBe('traditional');
  });

  it('an Argo CD Application of another chart with no helm values is not read as Kong\'s', () => {
    const app = files({ 'app.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nspec:\n  source:\n    repoURL: https://charts.bitnami.com/bitnami\n    chart: redis\n    targetRevision: 18.1.0\n' });
    const inputs = loadPlatformInputs({ helmValues: [app] });
    expect(inputs.helmSetAside).toContain('not a values file of the Kong chart');
    expect(listed(inputs)).toEqual([]);
  });

  it('Flux HelmRelease: spec.values are the values, spec.chart.spec.version the release', () => {
    const release = files({ 'release.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: kong\nspec:\n  chart:\n    spec:\n      chart: kong\n      version: "2.38.0"\n      sourceRef:\n        kind: HelmRepository\n        name: kong\n  valuesFrom:\n    - kind: ConfigMap\n      name: extra\n  values:\n    image:\n      repository: kong/kong-gateway\n    env:\n      database: postgres\n' });
    const inputs = loadPlatformInputs({ helmValues: [release] });
    expect(inputs.version).toMatchObject({ text: '3.6.x', reason: expect.stringContaining(`chart kong 2.38.0 (Flux HelmRelease spec.chart.spec.version at ${release}:9)`) });
    expect(inputs.edition?.value).toBe('enterprise');
    expect(inputs.deployment?.topology).toBe('traditional');
    expect(inputs.listed[0].label).toContain('its valuesFrom (ConfigMaps, Secrets) are not read');
  });

  it('Flux HelmRelease without a version installs the newest release: not one release', () => {
    const release = files({ 'release.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2beta1\nkind: HelmRelease\nspec:\n  chart:\n    spec:\n      chart: kong\n  values:\n    env:\n      database: "off"\n' });
    const inputs = loadPlatformInputs({ helmValues: [release] });
    expect(inputs.version).toBeUndefined();
    expect(listed(inputs)).toEqual([expect.stringContaining('* is a version range')]);
  });

  // Sweep 21: shushinc/kong-k8s-installation apps/kong/base/application.yaml installs Kong's chart
  // with k3s/RKE2's helm-controller; it was set aside as not Kong's values. valuesContent, then
  // values, then set (--set for integers, booleans and null, --set-string otherwise)
  // (k3s-io/helm-controller@21a911f8 types.go lines 68-94, chart.go lines 1196-1238).
  it('k3s helm-controller HelmChart: valuesContent at its own lines, values and set over it, spec.version the release', () => {
    const chart = files({
      'kong.yaml': [
        'apiVersion: helm.cattle.io/v1',
        'kind: HelmChart',
        'metadata:',
        '  name: kong',
        '  namespace: kube-system',
        'spec:',
        '  repo: https://charts.konghq.com',
        '  chart: kong',
        '  version: 2.38.0',
        '  targetNamespace: kong',
        '  valuesContent: |-',
        '    image:',
        '      repository: kong/kong-gateway',
        '    env:',
        '      database: "off"',
        '      KONG_LOG_LEVEL: notice',
        '  values:',
        '    env:',
        '      nginx_worker_processes: "2"',
        '  set:',
        '    env.mem_cache_size: 256m',
        '    env.anonymous_reports: "false"',
      ].join('\n') + '\n',
    });
    const inputs = loadPlatformInputs({ helmValues: [chart] });
    expect(inputs.version).toMatchObject({ text: '3.6.x', reason: expect.stringContaining(`chart kong 2.38.0 (helm-controller HelmChart spec.version at ${chart}:9)`) });
    expect(inputs.edition?.value).toBe('enterprise');
    expect(inputs.deployment?.topology).toBe('dbless');
    expect(inputs.listed[0].label).toContain('helm-controller HelmChart "kong" for chart kong: its values were read; 2 set entries applied over them, as --set');
    const settings = new Map(inputs.layer!.settings.map((s) => [s.key, s]));
    expect(settings.get('kong_log_level')?.origin).toMatchObject({ file: chart, line: 16 });
    expect(settings.get('nginx_worker_processes')?.origin).toMatchObject({ file: chart, line: 19 });
    expect(settings.get('mem_cache_size')).toMatchObject({ value: '256m', origin: { file: chart, line: 21 } });
    // "false" is passed with --set: a boolean, which the chart renders as false.
    expect(settings.get('anonymous_reports')?.value).toBe('false');
  });

  it('a HelmChart of another chart with no values is not read as Kong\'s', () => {
    const chart = files({ 'traefik.yaml': 'apiVersion: helm.cattle.io/v1\nkind: HelmChart\nmetadata:\n  name: traefik\nspec:\n  chart: traefik\n  repo: https://traefik.github.io/charts\n' });
    const inputs = loadPlatformInputs({ helmValues: [chart] });
    expect(inputs.helmSetAside).toContain('not a values file of the Kong chart');
  });

  describe('umbrella chart of kong/ingress', () => {
    // Shaped after a demo environment whose own chart lists kong/ingress as a dependency.
    const chartYaml = (alias = '') => `apiVersion: v2\nname: edge\nversion: 1.0.0\ndependencies:\n  - name: ingress\n${alias ? `    alias: ${alias}\n` : ''}    version: 0.19.0\n    repository: https://charts.konghq.com\n`;
    const values = (key: string) => [
      `${key}:`, '  controller:', '    ingressController:', '      image:', '        tag: 3.4.4',
      '  gateway:', '    image:', '      repository: kong/kong-gateway', '      tag: "3.10.0.0"', '    env:', '      log_level: debug',
    ].join('\n') + '\n';

    it('reads the gateway and controller sections under the dependency\'s key as the ingress chart\'s own', () => {
      const file = files({ 'values.yaml': values('ingress'), 'Chart.yaml': chartYaml() });
      const inputs = loadPlatformInputs({ helmValues: [file] });
      expect(inputs.version).toMatchObject({ text: '3.10.0.0', reason: `ingress.gateway.image.tag 3.10.0.0 at ${file}:9` });
      expect(inputs.edition?.value).toBe('enterprise');
      expect(inputs.controllers.map((c) => c.reference)).toEqual(['kong/kubernetes-ingress-controller:3.4.4']);
      const settings = new Map(inputs.layer!.settings.map((s) => [s.key, s]));
      expect(settings.get('log_level')).toMatchObject({ value: 'debug', origin: { file, line: 11 } });
      // kong/ingress's gateway defaults: a DB-less node.
      expect(inputs.deployment?.topology).toBe('dbless');
      expect(inputs.listed.find((l) => l.kind === 'helm values')?.label).toContain('installs Kong\'s ingress chart as its dependency ingress');
    });

    it('follows an alias; without a Chart.yaml naming the dependency the file stays set aside', () => {
      const aliased = files({ 'values.yaml': values('edge'), 'Chart.yaml': chartYaml('edge') });
      expect(loadPlatformInputs({ helmValues: [aliased] }).version?.text).toBe('3.10.0.0');
      const alone = files({ 'values.yaml': values('ingress') });
      expect(loadPlatformInputs({ helmValues: [alone] }).helmSetAside).toContain('not a values file of the Kong chart');
      // The alias names the key: values under the chart's name are not the dependency's.
      const misnamed = files({ 'values.yaml': values('ingress'), 'Chart.yaml': chartYaml('edge') });
      expect(loadPlatformInputs({ helmValues: [misnamed] }).version).toBeUndefined();
    });
  });

  describe('umbrella chart', () => {
    const chartYaml = (version: string, alias = '') => `apiVersion: v2\nname: platform\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: 18.1.0\n    repository: https://charts.bitnami.com/bitnami\n  - name: kong\n${alias ? `    alias: ${alias}\n` : ''}    version: ${version}\n    repository: https://charts.konghq.com\n`;
    const values = (key: string) => `${key}:\n  env:\n    database: "off"\n  proxy:\n    type: LoadBalancer\nredis:\n  enabled: true\n`;
    const lock = 'dependencies:\n- name: redis\n  repository: https://charts.bitnami.com/bitnami\n  version: 18.1.0\n- name: kong\n  repository: https://charts.konghq.com\n  version: 2.33.3\ndigest: sha256:00\n';

    it('Chart.lock gives the locked release over Chart.yaml\'s range', () => {
      const file = files({ 'values.yaml': values('kong'), 'Chart.yaml': chartYaml('~2.33.0'), 'Chart.lock': lock });
      const inputs = loadPlatformInputs({ helmValues: [file] });
      expect(inputs.version).toMatchObject({ text: '3.5.x', reason: `kong.image.tag not set: chart kong 2.33.3 (Chart.lock dependency at ${join(file, '..', 'Chart.lock')}:7) defaults to image kong:3.5` });
    });

    it('Chart.yaml alone, with an exact version and an alias', () => {
      const file = files({ 'values.yaml': values('edge'), 'Chart.yaml': chartYaml('=2.26.0', 'edge') });
      expect(loadPlatformInputs({ helmValues: [file] }).version).toMatchObject({ text: '3.3.x', reason: expect.stringContaining('Chart.yaml dependency') });
    });

    it('Chart.yaml alone with a range: nothing, and the note says so', () => {
      const file = files({ 'values.yaml': values('kong'), 'Chart.yaml': chartYaml('~2.26.0') });
      const inputs = loadPlatformInputs({ helmValues: [file] });
      expect(inputs.version).toBeUndefined();
      expect(inputs.versionUnknown).toContain('~2.26.0 is a version range');
    });

    it('a dependency whose alias is not the key the values sit under is not the one they configure', () => {
      const file = files({ 'values.yaml': values('kong'), 'Chart.yaml': chartYaml('2.26.0', 'other') });
      expect(loadPlatformInputs({ helmValues: [file] }).version).toBeUndefined();
    });

    // Helm hands the subchart only what sits under its key: top-level Kong settings in the
    // umbrella's values stay with the parent (a real repository wrote them so), and Kong runs
    // the release's defaults (see gitops-files.test.ts).
    it('values of the Kong chart itself beside an umbrella Chart.yaml do not reach the subchart', () => {
      const file = files({ 'values.yaml': 'env:\n  database: "off"\n', 'Chart.yaml': chartYaml('2.26.0') });
      const inputs = loadPlatformInputs({ helmValues: [file] });
      expect(inputs.version).toMatchObject({ text: '3.3.x', reason: expect.stringContaining('kong.image.tag not set: chart kong 2.26.0 (Chart.yaml dependency') });
    });
  });

  it.each([
    ['2.26.0', '2.26.0'], ['=3.2.0', '3.2.0'], ['v2.26.0', '2.26.0'], ['2.17.0-rc.1', '2.17.0-rc.1'],
    ['~2.26', undefined], ['>=2.0', undefined], ['2.26.*', undefined], ['2.26', undefined], ['^2.26.0', undefined], [undefined, undefined],
  ])('exactVersion(%s) = %s', (written, exact) => {
    expect(exactVersion(written)).toBe(exact);
  });
});
