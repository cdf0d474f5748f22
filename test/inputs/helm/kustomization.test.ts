// A kustomization.yaml's helmCharts entry of Kong's chart, read as `kustomize build --enable-helm`
// hands it to Helm (kubernetes-sigs/kustomize@12f9e639 api/types/helmchartargs.go:174-179,
// api/internal/builtins/HelmChartInflationGenerator.go:191-240, 282-286): valuesFile merged with
// valuesInline as valuesMerge says (inline over the file by default), then additionalValuesFiles.

import { join } from 'node:path';
import { InputError } from '../../../src/errors';
import { loadPlatformInputs } from '../../../src/inputs/platform';
import { tempFiles } from '../../support/temp';

/** Writes files into a new folder; returns the path of the first. */
const files = (entries: Record<string, string>): string => tempFiles(entries, 'kp-kustomize-');

/** A kustomization with one helmCharts entry of Kong's chart, `fields` its further lines (indented 4). */
const kustomization = (fields: string[], head: string[] = ['  - name: kong', '    repo: https://charts.konghq.com', '    releaseName: edge']) =>
  ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'helmCharts:', ...head, ...fields].join('\n') + '\n';

const setting = (inputs: ReturnType<typeof loadPlatformInputs>, key: string) => inputs.layer!.settings.find((s) => s.key === key);
const helmLabel = (inputs: ReturnType<typeof loadPlatformInputs>) => inputs.listed.find((l) => l.kind === 'helm values')?.label ?? '';
const chartLabel = (inputs: ReturnType<typeof loadPlatformInputs>) => inputs.listed.find((l) => l.kind === 'helm chart')?.label ?? '';

describe('kustomize helmCharts', () => {
  it('valuesInline overrides valuesFile, and additionalValuesFiles override both, each setting at its own line', () => {
    const file = files({
      'kustomization.yaml': kustomization([
        '    valuesFile: base.yaml', // line 7
        '    additionalValuesFiles:',
        '      - prod.yaml',
        '    valuesInline:', // line 10
        '      env:',
        '        log_level: info', // line 12
        '        mem_cache_size: 256m', // line 13
      ]),
      'base.yaml': 'env:\n  database: postgres\n  log_level: debug\n  mem_cache_size: 128m\n  pg_host: db\n',
      'prod.yaml': 'env:\n  mem_cache_size: 1g\n',
    });
    const inputs = loadPlatformInputs({ helmValues: [file] });
    const dir = join(file, '..');
    expect(setting(inputs, 'pg_host')?.origin).toMatchObject({ file: join(dir, 'base.yaml'), line: 5 });
    expect(setting(inputs, 'log_level')).toMatchObject({ value: 'info', origin: { file, line: 12 } });
    expect(setting(inputs, 'mem_cache_size')).toMatchObject({ value: '1g', origin: { file: join(dir, 'prod.yaml'), line: 2 } });
    expect(inputs.deployment?.topology).toBe('traditional');
    expect(helmLabel(inputs)).toContain('kustomize helmCharts entry "edge" for chart kong (line 4): its values were read from valuesFile base.yaml, then valuesInline at line 11, then additionalValuesFiles prod.yaml');
  });

  it('valuesMerge: merge keeps the valuesFile over valuesInline, which only adds what the file leaves out', () => {
    const file = files({
      'kustomization.yaml': kustomization(['    valuesMerge: merge', '    valuesFile: base.yaml', '    valuesInline:', '      env:', '        log_level: info', '        nginx_worker_processes: "2"']),
      'base.yaml': 'env:\n  log_level: debug\n',
    });
    const inputs = loadPlatformInputs({ helmValues: [file] });
    expect(setting(inputs, 'log_level')).toMatchObject({ value: 'debug', origin: { file: join(file, '..', 'base.yaml'), line: 2 } });
    expect(setting(inputs, 'nginx_worker_processes')).toMatchObject({ value: '2', origin: { file, line: 12 } });
  });

  it('valuesMerge: replace passes valuesInline alone: the valuesFile is not read', () => {
    const file = files({
      'kustomization.yaml': kustomization(['    valuesMerge: replace', '    valuesFile: base.yaml', '    valuesInline:', '      env:', '        log_level: info']),
      'base.yaml': 'env:\n  pg_host: db\n',
    });
    const inputs = loadPlatformInputs({ helmValues: [file] });
    expect(setting(inputs, 'pg_host')).toBeUndefined();
    expect(setting(inputs, 'log_level')?.origin).toMatchObject({ file, line: 11 });
    expect(helmLabel(inputs)).toContain('its valuesFile base.yaml is replaced by valuesInline (valuesMerge: replace): not read');
  });

  it('version names the chart release whose default images run', () => {
    const file = files({ 'kustomization.yaml': kustomization(['    version: 2.26.0', '    valuesInline:', '      env:', '        database: "off"']) });
    const inputs = loadPlatformInputs({ helmValues: [file] });
    expect(inputs.version).toMatchObject({ text: '3.3.x', reason: `image.tag not set: chart kong 2.26.0 (kustomize helmCharts version at ${file}:7) defaults to image kong:3.3` });
    expect(chartLabel(inputs)).toContain('its defaults are image kong:3.3');
  });

  it('without a version, no release is named: helm pulls the newest', () => {
    const file = files({ 'kustomization.yaml': kustomization(['    valuesInline:', '      env:', '        database: "off"']) });
    const inputs = loadPlatformInputs({ helmValues: [file] });
    expect(inputs.version).toBeUndefined();
    expect(chartLabel(inputs)).toContain('kustomize helmCharts entry, without a version (kustomize pulls the newest)');
  });

  it('the kong/ingress chart is read from gateway:', () => {
    const file = files({ 'kustomization.yaml': kustomization(['    version: 0.22.0', '    valuesInline:', '      gateway:', '        env:', '          log_level: warn'], ['  - name: ingress', '    repo: https://charts.konghq.com/']) });
    const inputs = loadPlatformInputs({ helmValues: [file] });
    expect(setting(inputs, 'log_level')).toMatchObject({ value: 'warn', origin: { file, line: 10 } });
    expect(helmLabel(inputs)).toMatch(/kong\/ingress chart/);
  });

  it('an entry of another chart is ignored, and one of Kong\'s among several is picked by #releaseName', () => {
    const text = kustomization([
      '    valuesInline:',
      '      env:',
      '        log_level: warn',
      '  - name: kong',
      '    repo: https://charts.bitnami.com/bitnami',
      '    valuesInline:',
      '      env:',
      '        log_level: crit',
      '  - name: kong',
      '    repo: https://charts.konghq.com',
      '    releaseName: internal',
      '    namespace: ops',
      '    valuesInline:',
      '      env:',
      '        log_level: error',
    ]);
    const file = files({ 'kustomization.yaml': text });
    expect(() => loadPlatformInputs({ helmValues: [file] })).toThrow(`holds 2 helmCharts entries of Kong's charts (at lines 4, 15): pick one by its releaseName, as --helm-values ${file}#NAME (#edge, #internal)`);
    expect(setting(loadPlatformInputs({ helmValues: [`${file}#internal`] }), 'log_level')?.value).toBe('error');
    expect(setting(loadPlatformInputs({ helmValues: [`${file}#ops/internal`] }), 'log_level')?.value).toBe('error');
    expect(() => loadPlatformInputs({ helmValues: [`${file}#nope`] })).toThrow('no helmCharts entry of Kong\'s charts has releaseName "nope": its entries of Kong\'s charts are #edge, #internal');
  });

  it('a kustomization without Kong\'s chart is refused in one line, naming what it installs', () => {
    const file = files({ 'kustomization.yaml': kustomization(['    version: 18.1.0'], ['  - name: redis', '    repo: https://charts.bitnami.com/bitnami']) });
    expect(() => loadPlatformInputs({ helmValues: [file] })).toThrow(InputError);
    expect(() => loadPlatformInputs({ helmValues: [file] })).toThrow("is a kustomization with no helmCharts entry of Kong's charts (kong or ingress from https://charts.konghq.com): its helmCharts are redis from https://charts.bitnami.com/bitnami at line 4");
    const plain = files({ 'kustomization.yaml': 'resources:\n  - deployment.yaml\n' });
    expect(() => loadPlatformInputs({ helmValues: [plain] })).toThrow('it lists no helmCharts');
  });

  it('a missing values file and an unknown valuesMerge stop the reading, as they stop kustomize', () => {
    const missing = files({ 'kustomization.yaml': kustomization(['    valuesFile: absent.yaml']) });
    expect(() => loadPlatformInputs({ helmValues: [missing] })).toThrow(/the valuesFile absent\.yaml is not at .*absent\.yaml: kustomize stops there/);
    const merge = files({ 'kustomization.yaml': kustomization(['    valuesMerge: deep']) });
    expect(() => loadPlatformInputs({ helmValues: [merge] })).toThrow('valuesMerge is deep: kustomize takes only override, merge, replace');
  });
});
