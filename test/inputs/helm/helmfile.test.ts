// A helmfile given as --helm-values: its release of Kong's charts is read as helmfile hands it to
// Helm (values files in order, inline maps, then set and setString as --set), the release's
// version names the chart defaults, and templates are said to be unreadable, never guessed.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { InputError } from '../../../src/errors';
import { helmEnvEntries } from '../../../src/inputs/helm/kong-chart';
import { chartDblessTextOf } from '../../../src/inputs/helm/conf-layer';
import { readHelmDblessText } from '../../../src/inputs/declarative/helm-dbless-text';
import { loadPlatformInputs } from '../../../src/inputs/platform';
import { fixture } from '../../support/cli';

const helmLabel = (inputs: ReturnType<typeof loadPlatformInputs>) => inputs.listed.find((l) => l.kind === 'helm values')?.label ?? '';
const chartLabel = (inputs: ReturnType<typeof loadPlatformInputs>) => inputs.listed.find((l) => l.kind === 'helm chart')?.label ?? '';
const env = (inputs: ReturnType<typeof loadPlatformInputs>, key: string) => helmEnvEntries(inputs.helm!).find((e) => e.key === key);

const root = mkdtempSync(join(tmpdir(), 'kp-helmfile-'));
let count = 0;
function files(entries: Record<string, string>): string {
  const dir = join(root, String(count++));
  for (const [name, text] of Object.entries(entries)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return join(dir, Object.keys(entries)[0]);
}

describe('helmfile releases', () => {
  // helmfile/helmfile@ecf604d5 pkg/state/state.go setFlags (file -> --set-file, the path against
  // the helmfile's folder: storage.go normalizeSetFilePath); helm pkg/cli/values/options.go
  // applies --set-file after every --set and --set-string, as the file's text.
  it('set entries with file: read as --set-file, after the other set entries, located in the file', () => {
    const helmfile = fixture('helm/helmfile/set-file/helmfile.yaml');
    const text = fixture('helm/helmfile/set-file/files/pg-ssl-version.txt');
    const inputs = loadPlatformInputs({ helmValues: [helmfile] });
    expect(env(inputs, 'pg_ssl_version')).toMatchObject({ value: 'tlsv1\n', origin: { file: text, line: 1 } });
    expect(inputs.layer!.settings.find((s) => s.key === 'pg_ssl_version')).toMatchObject({ value: 'tlsv1' });
    // setString passes no file: pg_host stays as the values file writes it.
    expect(env(inputs, 'pg_host')).toMatchObject({ value: 'db.internal' });
    expect(helmLabel(inputs)).toContain('2 set entries, applied over them as --set');
    expect(helmLabel(inputs)).toContain('its setString entry env.pg_host (line 21) names a file, which helmfile does not pass for setString: not applied');
  });

  it('set entries with file: dblessConfig.config from a file is that whole file, read as the kong.yml', () => {
    const helmfile = files({
      'helmfile.yaml': 'releases:\n  - name: edge\n    chart: kong/kong\n    values:\n      - values.yaml\n    set:\n      - name: dblessConfig.config\n        file: kong.yml\n',
      'values.yaml': 'ingressController:\n  enabled: false\n',
      'kong.yml': '_format_version: "3.0"\nservices: []\n',
    });
    const inputs = loadPlatformInputs({ helmValues: [helmfile] });
    const inline = chartDblessTextOf(inputs.layer!.settings.find((s) => s.key === 'declarative_config')!)!;
    expect(inline.node).toMatchObject({ value: '_format_version: "3.0"\nservices: []\n', origin: { line: 1, column: 1 } });
    expect(inline.node.setFile).toMatchObject({ file: helmfile, line: 8 });
    expect(readHelmDblessText(inline.key, inline.node, process.cwd())).toEqual({ wholeFile: join(dirname(helmfile), 'kong.yml') });
  });

  it('set entries with file: a missing file is an error at the entry, a remote or templated one a note', () => {
    const missing = fixture('helm/helmfile/set-file/helmfile-missing.yaml');
    expect(() => loadPlatformInputs({ helmValues: [missing] })).toThrow(InputError);
    expect(() => loadPlatformInputs({ helmValues: [missing] })).toThrow(/release "edge" sets env\.pg_ssl_version from the file files\/absent\.txt, which is not at .*absent\.txt: helm stops there/);
    try {
      loadPlatformInputs({ helmValues: [missing] });
    } catch (error) {
      expect((error as InputError).place).toMatchObject({ file: missing, line: 12 });
    }
    const release = (set: string) => `releases:\n  - name: edge\n    chart: kong/kong\n    set:\n${set}`;
    const remote = files({ 'helmfile.yaml': release('      - name: env.pg_ssl_version\n        file: https://example.com/v.txt\n') });
    expect(helmLabel(loadPlatformInputs({ helmValues: [remote] }))).toContain('its set entry env.pg_ssl_version reads the remote file https://example.com/v.txt: not read');
    // A value wins over a file in the same entry, as helmfile checks value first.
    const both = files({ 'helmfile.yaml': release('      - name: env.pg_ssl_version\n        value: tlsv1_2\n        file: absent.txt\n') });
    expect(env(loadPlatformInputs({ helmValues: [both] }), 'pg_ssl_version')).toMatchObject({ value: 'tlsv1_2' });
  });

  it('values files merge in order, then set and setString override them, located where written', () => {
    const helmfile = fixture('helm/helmfile/values-and-set/helmfile.yaml');
    const prod = fixture('helm/helmfile/values-and-set/values/kong-prod.yaml');
    const inputs = loadPlatformInputs({ helmValues: [helmfile] });
    // The set entry wins over values/kong.yaml's tlsv1_2, and is located at its own line.
    expect(env(inputs, 'pg_ssl_version')).toMatchObject({ value: 'tlsv1', origin: { file: helmfile, line: 23 } });
    // The second values file wins over the first.
    expect(inputs.deployment).toMatchObject({ topology: 'traditional', reason: `env.database = postgres at ${prod}:4` });
    // setString keeps 5432 a string; set would have made it a number (rendered the same here).
    expect(inputs.helm!.scalar('env', 'pg_port')).toMatchObject({ value: '5432', origin: { line: 26 } });
    expect(inputs.edition).toMatchObject({ value: 'enterprise', reason: `image kong/kong-gateway:3.3 at ${prod}:2 is Kong Enterprise` });
    // The release's version gives the default tag the values leave to the chart.
    expect(inputs.version).toMatchObject({ text: '3.3.x', reason: `image.tag not set: chart kong 2.26.0 (helmfile release version at ${helmfile}:17) defaults to tag 3.3 (image kong/kong-gateway:3.3)` });
    expect(helmLabel(inputs)).toContain('helmfile release "edge" for chart kong: its values were read from');
    expect(helmLabel(inputs)).toContain('2 set entries, applied over them as --set');
    expect(chartLabel(inputs)).toContain('its defaults are image kong:3.3');
  });

  it('an inline values map is read at its lines, as YAML 1.2 like helmfile 1.x (off stays text)', () => {
    const helmfile = fixture('helm/helmfile/inline/helmfile.yaml');
    const inputs = loadPlatformInputs({ helmValues: [helmfile] });
    expect(inputs.version).toMatchObject({ text: '3.4.2', reason: `image.tag 3.4.2 at ${helmfile}:14` });
    expect(inputs.deployment).toMatchObject({ topology: 'hybrid', role: 'data_plane', reason: `env.role = data_plane at ${helmfile}:16` });
    const database = env(inputs, 'database');
    expect(database).toMatchObject({ value: 'off', origin: { line: 17 } });
    expect(database?.yamlBoolean).toBeUndefined();
    expect(helmLabel(inputs)).toContain('its values were read from the inline values at line 12');
  });

  it('templated values, paths and versions are named as unreadable, never given a value', () => {
    const helmfile = fixture('helm/helmfile/templated/helmfile.yaml.gotmpl');
    const inputs = loadPlatformInputs({ helmValues: [helmfile] });
    expect(inputs.version).toBeUndefined();
    expect(inputs.helmImageUnread).toContain('write the image as a template (`kong/kong-gateway:{{ .Values.kongTag | trunc 5 | quote }}`');
    // The repository is written out: the edition still reads.
    expect(inputs.edition?.value).toBe('enterprise');
    const host = env(inputs, 'pg_host');
    expect(host).toMatchObject({ template: '{{ requiredEnv "PG_HOST" }}', origin: { line: 23 } });
    expect(host?.value).toBeUndefined();
    const diagnostic = inputs.layer!.diagnostics.find((d) => d.key === 'pg_host');
    expect(diagnostic?.message).toContain('is written as a template (`{{ requiredEnv "PG_HOST" }}`) that helmfile fills in');
    const label = helmLabel(inputs);
    expect(label).toContain('its values file values/{{ .Environment.Name | title }}.yaml (line 17) is named by a template: not read');
    expect(label).toContain('`{{- if eq .Environment.Name "prod" }}` at line 24');
    expect(chartLabel(inputs)).toContain('written as a template ({{ .Values.chartVersion | default "2.26.0" }})');
    expect(chartLabel(inputs)).toContain('no release is named');
  });

  it('a templated env.database leaves the deployment mode to other inputs rather than guess it', () => {
    const helmfile = files({ 'helmfile.yaml': 'releases:\n  - name: kong\n    chart: kong/kong\n    values:\n      - env:\n          database: {{ .Values.db }}\n' });
    const inputs = loadPlatformInputs({ helmValues: [helmfile] });
    expect(inputs.deployment).toBeUndefined();
    expect(env(inputs, 'database')?.template).toBe('{{ .Values.db }}');
  });

  it('kong/ingress: read as that chart, the gateway under gateway:, with the release\'s bundled defaults', () => {
    const helmfile = fixture('helm/helmfile/ingress/helmfile.yaml');
    const inputs = loadPlatformInputs({ helmValues: [helmfile] });
    expect(helmLabel(inputs)).toMatch(/^\S+ \(kong\/ingress chart: the gateway's settings under gateway: were read; .*helmfile release "kong" for chart ingress/);
    expect(env(inputs, 'nginx_worker_processes')).toMatchObject({ value: '1', origin: { file: fixture('helm/helmfile/ingress/ingress-values.yaml'), line: 3 } });
    expect(inputs.version).toMatchObject({ text: '3.5.x', reason: expect.stringContaining(`chart ingress 0.10.2 (helmfile release version at ${helmfile}:9) defaults to image kong:3.5`) });
    expect(inputs.deployment?.topology).toBe('dbless');
  });

  it('a helmfile with no release of Kong\'s charts is an input error naming the file', () => {
    const helmfile = fixture('helm/helmfile/no-kong/helmfile.yaml');
    expect(() => loadPlatformInputs({ helmValues: [helmfile] })).toThrow(InputError);
    expect(() => loadPlatformInputs({ helmValues: [helmfile] })).toThrow("is a helmfile with no release of Kong's charts (kong, ingress): its releases install jetstack/cert-manager");
  });

  it('two Kong releases without a #name are refused with both named and how to pick one; an uninstalled one does not count', () => {
    const release = (name: string, extra = '') => `  - name: ${name}\n    chart: kong/kong\n    version: 2.26.0\n${extra}`;
    const two = files({ 'helmfile.yaml': `releases:\n${release('kong-cp')}${release('kong-dp')}` });
    expect(() => loadPlatformInputs({ helmValues: [two] })).toThrow(`holds 2 releases of Kong's charts (release "kong-cp" at line 2; release "kong-dp" at line 5): pick one by its name, as --helm-values ${two}#NAME (#kong-cp, #kong-dp)`);
    const oneOff = files({ 'helmfile.yaml': `releases:\n${release('kong-old', '    installed: false\n')}${release('kong')}` });
    expect(helmLabel(loadPlatformInputs({ helmValues: [oneOff] }))).toContain('helmfile release "kong"');
  });

  it('a values file that is not there stops the run, as helmfile stops, unless missingFileHandler says skip', () => {
    const missing = files({ 'helmfile.yaml': 'releases:\n  - name: kong\n    chart: kong/kong\n    values:\n      - kong.yaml\n' });
    expect(() => loadPlatformInputs({ helmValues: [missing] })).toThrow('release "kong" names the values file kong.yaml');
    const warned = files({ 'helmfile.yaml': 'releases:\n  - name: kong\n    chart: kong/kong\n    missingFileHandler: Warn\n    values:\n      - kong.yaml\n' });
    expect(helmLabel(loadPlatformInputs({ helmValues: [warned] }))).toContain('skipped, as missingFileHandler Warn does');
  });

  it('set entries follow Helm typing after helmfile\'s escaping: braces stay text, values lists become lists', () => {
    const helmfile = files({ 'helmfile.yaml': 'releases:\n  - name: kong\n    chart: kong/kong\n    set:\n      - name: env.trusted_ips\n        value: "{0.0.0.0/0,::/0}"\n      - name: env.nginx_worker_processes\n        value: 4\n      - name: podLabels.tiers\n        values: [a, b]\n      - name: env.plugins[0]\n        value: bundled\n' });
    const inputs = loadPlatformInputs({ helmValues: [helmfile] });
    expect(inputs.helm!.scalar('env', 'trusted_ips')?.value).toBe('{0.0.0.0/0,::/0}');
    expect(inputs.helm!.scalar('env', 'nginx_worker_processes')?.value).toBe(4);
    expect(inputs.helm!.at('podLabels', 'tiers')).toMatchObject({ kind: 'seq', items: ['a', 'b'] });
    expect(helmLabel(inputs)).toContain('set entries not read (list indexes or templated names): env.plugins[0]');
  });

  it('helmfile.yaml#NAME reads the release so named, as helmfile -l name=NAME installs it', () => {
    const helmfile = fixture('helm/helmfile/two-releases/helmfile.yaml');
    const dp = loadPlatformInputs({ helmValues: [`${helmfile}#kong-dp`] });
    expect(dp.deployment).toMatchObject({ topology: 'hybrid', role: 'data_plane', reason: `env.role = data_plane at ${helmfile}:28` });
    expect(env(dp, 'cluster_control_plane')?.value).toBe('kong-cp-kong-cluster.kong.svc:8005');
    // The input list names the file as given, so the report says which release was read.
    expect(helmLabel(dp)).toContain(`${helmfile}#kong-dp: helmfile release "kong-dp" (chosen with #kong-dp) for chart kong`);
    expect(dp.helm!.files).toEqual([helmfile]);
    const cp = loadPlatformInputs({ helmValues: [`${helmfile}#kong-cp`] });
    expect(cp.deployment).toMatchObject({ role: 'control_plane', reason: `env.role = control_plane at ${helmfile}:17` });
    expect(env(cp, 'cluster_control_plane')).toBeUndefined();
  });

  it('helmfile.yaml#NAMESPACE/NAME tells apart two releases of one name in two namespaces', () => {
    const release = (space: string, role: string) => `  - name: kong\n    namespace: ${space}\n    chart: kong/kong\n    values:\n      - env: {role: ${role}}\n`;
    const helmfile = files({ 'helmfile.yaml': `releases:\n${release('kong-cp', 'control_plane')}${release('kong-dp', 'data_plane')}` });
    expect(() => loadPlatformInputs({ helmValues: [`${helmfile}#kong`] })).toThrow('#kong cannot tell them apart: add the namespace, as #kong-cp/kong or #kong-dp/kong');
    expect(loadPlatformInputs({ helmValues: [`${helmfile}#kong-dp/kong`] }).deployment).toMatchObject({ role: 'data_plane' });
    expect(loadPlatformInputs({ helmValues: [`${helmfile}#kong-cp/kong`] }).deployment).toMatchObject({ role: 'control_plane' });
    expect(() => loadPlatformInputs({ helmValues: [`${helmfile}#kong-edge/kong`] })).toThrow('no release is named "kong" in namespace "kong-edge"');
  });

  it('a #name that names no Kong release is refused with the names that would do', () => {
    const helmfile = fixture('helm/helmfile/two-releases/helmfile.yaml');
    expect(() => loadPlatformInputs({ helmValues: [`${helmfile}#kong`] })).toThrow('no release is named "kong": its releases of Kong\'s charts are #kong-cp, #kong-dp');
    expect(() => loadPlatformInputs({ helmValues: [`${helmfile}#cert-manager`] })).toThrow('release "cert-manager" at line 31 is not an installed release of Kong\'s charts (kong, ingress)');
    expect(() => loadPlatformInputs({ helmValues: [`${helmfile}#`] })).toThrow('names no release after #');
  });

  it('a file whose name holds # is read as that file; a #name after it still picks a release', () => {
    const release = (name: string, tag: string) => `  - name: ${name}\n    chart: kong/kong\n    values:\n      - image: {repository: kong, tag: "${tag}"}\n`;
    const helmfile = files({ 'kong#prod.yaml': `releases:\n${release('kong', '3.4.2')}` });
    expect(loadPlatformInputs({ helmValues: [helmfile] }).version?.text).toBe('3.4.2');
    const two = files({ 'kong#prod.yaml': `releases:\n${release('kong-a', '3.4.2')}${release('kong-b', '3.5.0')}` });
    expect(loadPlatformInputs({ helmValues: [`${two}#kong-b`] }).version?.text).toBe('3.5.0');
    // A plain values file has no release to pick.
    const plain = files({ 'values.yaml': 'env:\n  database: "off"\n' });
    expect(() => loadPlatformInputs({ helmValues: [`${plain}#kong`] })).toThrow('#kong picks a release by its name in a helmfile, a kustomization\'s helmCharts or a file of Argo CD Applications, Flux HelmReleases or k3s HelmCharts');
  });
});

describe('helmfile template blocks', () => {
  // The repository helmfile picks may be Kong's Enterprise image: the switch is weighed only
  // against a repository known here; a tag in a block leaves the repository known.
  it('enterprise.enabled beside an image repository written in a block is not called open source', () => {
    const release = (image: string) => files({ 'helmfile.yaml.gotmpl': [
      'releases:', '  - name: kong', '    chart: kong/kong', '    values:', '      - image:', image,
      '        enterprise:', '          enabled: true', '',
    ].join('\n') });
    const repoInBlock = loadPlatformInputs({ helmValues: [release('{{- if eq .Environment.Name "prod" }}\n          repository: kong/kong-gateway\n{{- else }}\n          repository: kong\n{{- end }}\n          tag: "3.4"')] });
    expect(repoInBlock.edition).toMatchObject({ value: 'enterprise', reason: expect.stringContaining('image.repository is written in a template block') });
    expect(repoInBlock.layer!.diagnostics.map((d) => d.kind)).not.toContain('enterprise-on-oss-image');
    const tagInBlock = loadPlatformInputs({ helmValues: [release('          repository: kong\n{{- if eq .Environment.Name "prod" }}\n          tag: "3.4"\n{{- end }}')] });
    expect(tagInBlock.edition).toMatchObject({ value: 'oss', reason: expect.stringContaining('whatever enterprise.enabled') });
    expect(tagInBlock.layer!.diagnostics.map((d) => d.kind)).toContain('enterprise-on-oss-image');
  });

  it('a value written inside {{ if }}, {{ else }} or {{ range }} is unknown, never read; the lines outside are read', () => {
    const helmfile = fixture('helm/helmfile/conditional/helmfile.yaml.gotmpl');
    const prod = fixture('helm/helmfile/conditional/values/prod.yaml');
    const inputs = loadPlatformInputs({ helmValues: [helmfile] });
    // The only image.tag is under the if: no version from it, nor from the chart's default tag.
    expect(inputs.version).toBeUndefined();
    expect(inputs.versionUnknown).toBe(`the Helm values write image.tag under \`{{ if eq .Environment.Name "prod" }}\` (line 15) at ${helmfile}:16, a template condition helmfile evaluates: the image and its Kong version cannot be read here`);
    expect(inputs.edition?.value).toBe('enterprise');
    // if and else both write pg_host: whichever helmfile keeps, it is not known here.
    expect(env(inputs, 'pg_host')?.value).toBeUndefined();
    expect(env(inputs, 'pg_host')).toMatchObject({ origin: { line: 23 }, condition: 'the `{{ else }}` (line 22) of `{{ if eq .Environment.Name "prod" }}` (line 20)' });
    expect(inputs.layer!.diagnostics.find((d) => d.key === 'pg_host')?.message).toContain('is written under the `{{ else }}` (line 22)');
    // Outside the blocks, lines read as written.
    expect(env(inputs, 'pg_ssl_version')).toMatchObject({ value: 'tlsv1_2', origin: { line: 25 } });
    expect(inputs.deployment).toMatchObject({ topology: 'traditional', reason: `env.database = postgres at ${helmfile}:19` });
    expect(env(inputs, 'nginx_worker_processes')).toMatchObject({ value: '2', origin: { line: 32 } });
    // A values file named in a block: what it writes is unknown, what the earlier file wrote is not overridden by a guess.
    expect(env(inputs, 'log_level')?.value).toBeUndefined();
    expect(env(inputs, 'log_level')).toMatchObject({ origin: { file: prod, line: 2 } });
    expect(env(inputs, 'pg_port')?.value).toBe('5432');
    // A set entry under range.
    expect(env(inputs, 'trusted_ips')?.value).toBeUndefined();
    expect(env(inputs, 'trusted_ips')).toMatchObject({ condition: '`{{ range .Values.trustedNetworks }}` (line 33)' });
    const label = helmLabel(inputs);
    expect(label).toContain('its values file values/prod.yaml (line 28) is named under `{{ if eq .Environment.Name "prod" }}` (line 27): the values it writes were left unknown');
    expect(label).toContain(`left out because a template condition decides them (unknown here: neither read nor checked): image.tag at ${helmfile}:16 under \`{{ if eq .Environment.Name "prod" }}\` (line 15); env.pg_host at ${helmfile}:23`);
    expect(label).toContain(`set env.trusted_ips at ${helmfile}:35 under`);
    expect(label).toContain('the lines outside their blocks were read as written');
    expect(label).not.toContain('the lines around them were read as written');
  });

  it('nested blocks: a line is decided by every block around it, and a line after them is read', () => {
    const helmfile = files({ 'helmfile.yaml.gotmpl': 'releases:\n  - name: kong\n    chart: kong/kong\n    values:\n      - env:\n          database: postgres\n{{ if .Values.a }}\n{{ with .Values.b }}\n          pg_user: b\n{{ end }}\n          pg_database: a\n{{ end }}\n          pg_port: 5433\n' });
    const inputs = loadPlatformInputs({ helmValues: [helmfile] });
    expect(env(inputs, 'pg_user')?.condition).toBe('`{{ if .Values.a }}` (line 7) inside `{{ with .Values.b }}` (line 8)');
    expect(env(inputs, 'pg_database')?.condition).toBe('`{{ if .Values.a }}` (line 7)');
    expect(env(inputs, 'pg_port')).toMatchObject({ value: '5433', origin: { line: 13 } });
    expect(env(inputs, 'pg_port')?.condition).toBeUndefined();
  });

  it('a version under a condition names no chart release; a release inside a block is read as rendered', () => {
    const helmfile = files({ 'helmfile.yaml.gotmpl': 'releases:\n{{- if .Values.kong.enabled }}\n  - name: kong\n    chart: kong/kong\n{{- if .Values.pin }}\n    version: 2.26.0\n{{- end }}\n    values:\n      - image: {repository: kong}\n{{- end }}\n' });
    const inputs = loadPlatformInputs({ helmValues: [helmfile] });
    expect(chartLabel(inputs)).toContain('helmfile release version 2.26.0, written under `{{ if .Values.pin }}` (line 5), which decides it');
    expect(inputs.version).toBeUndefined();
    expect(helmLabel(inputs)).toContain('the release itself is written under `{{ if .Values.kong.enabled }}` (line 2): read as if helmfile renders it');
    // The release's own values are not under a block of their own: read.
    expect(inputs.helm!.scalar('image', 'repository')?.value).toBe('kong');
  });

  it('trim markers: {{- ... }} and {{ ... -}} are blocks too, and a -}} that pulls the next line out of the release is followed', () => {
    // `{{ if ... -}}` and `{{ end -}}` at column 0 eat the newline and indentation after them:
    // helmfile renders `pg_host:` and `set:` as top-level keys of the document, not the release's.
    const helmfile = files({ 'helmfile.yaml.gotmpl': 'releases:\n  - name: kong\n    chart: kong/kong\n    values:\n      - env:\n          database: postgres\n{{ if .Values.a -}}\n          pg_host: a\n{{ end -}}\n    set:\n      - name: env.pg_port\n        value: 5433\n' });
    const inputs = loadPlatformInputs({ helmValues: [helmfile] });
    expect(env(inputs, 'database')?.value).toBe('postgres');
    expect(env(inputs, 'pg_host')).toBeUndefined();
    expect(env(inputs, 'pg_port')).toBeUndefined();
    // A -}} whose next line keeps the same indentation changes nothing.
    const kept = files({ 'helmfile.yaml.gotmpl': 'releases:\n  - name: kong\n    chart: kong/kong\n    {{- if .Values.a -}}\n    set:\n      - name: env.pg_port\n        value: 5433\n    {{- end }}\n' });
    const keptPort = env(loadPlatformInputs({ helmValues: [kept] }), 'pg_port');
    expect(keptPort?.value).toBeUndefined();
    expect(keptPort?.condition).toBe('`{{ if .Values.a }}` (line 4)');
    // `{{- end -}}` between two lines joins them when rendered: said, not guessed.
    const joined = files({ 'helmfile.yaml.gotmpl': 'releases:\n  - name: kong\n    chart: kong/kong\n    values:\n      - env:\n          database: postgres\n{{- if .Values.a }}\n          pg_host: a\n{{- end -}}\n          pg_port: 5433\n' });
    expect(helmLabel(loadPlatformInputs({ helmValues: [joined] }))).toContain('a -}} trim marker joins line 10 onto the line before when helmfile renders it: read on its own line');
  });
});

describe('helmfile environments', () => {
  const helmfile = fixture('helm/helmfile/environments/helmfile.yaml.gotmpl');
  const dir = fixture('helm/helmfile/environments');
  const read = (environment?: string, vars: Record<string, string> = {}) => loadPlatformInputs({ helmValues: [helmfile], helmfile: { ...(environment !== undefined ? { environment } : {}), env: vars } });

  it('the default environment of the bases gives the chart version, image tag and values file', () => {
    const inputs = read();
    expect(inputs.version).toMatchObject({ text: '3.4.3.12', reason: `image.tag 3.4.3.12 at ${helmfile}:19` });
    expect(chartLabel(inputs)).toMatch(/^chart kong 2\.33\.3 /);
    expect(env(inputs, 'log_level')).toMatchObject({ value: 'debug', origin: { file: join(dir, 'values/default.yaml') } });
    // A release's .gotmpl values file sees the release's name and namespace and the environment.
    expect(env(inputs, 'cluster_telemetry_endpoint')?.value).toBe('kong-telemetry.kong-system.svc:8006');
    expect(env(inputs, 'admin_gui_url')?.value).toBe('https://default.example.com');
    expect(env(inputs, 'pg_user')?.value).toBe('KONG');
    expect(env(inputs, 'pg_host')?.value).toBe('postgres.local');
    const label = helmLabel(inputs);
    expect(label).toContain(`read for helmfile environment "default" (helmfile's default), whose values were read from ${join(dir, 'env/common.yaml')}, the inline values at ${join(dir, 'environments.yaml')}:5`);
    expect(label).toContain(`\`{{ .StateValues.kong.tag | quote }}\` at ${helmfile}:19 (.StateValues.kong.tag from ${join(dir, 'environments.yaml')}:6)`);
    expect(label).not.toContain('trim marker');
  });

  it('--helmfile-environment prod reads that environment, and env reads the check\'s variables', () => {
    const inputs = read('prod', { KONG_PG_HOST: 'db.prod' });
    expect(inputs.version).toMatchObject({ text: '3.6.1.4' });
    expect(chartLabel(inputs)).toMatch(/^chart kong 2\.38\.0 /);
    expect(env(inputs, 'log_level')?.value).toBe('warn');
    expect(env(inputs, 'admin_gui_url')?.value).toBe('https://prod.example.com');
    expect(env(inputs, 'pg_host')?.value).toBe('db.prod');
    expect(helmLabel(inputs)).toContain('read for helmfile environment "prod" (--helmfile-environment)');
    expect(helmLabel(inputs)).toContain('(environment variable KONG_PG_HOST)');
    // HELMFILE_ENVIRONMENT chooses it too, as helmfile's own --environment default.
    expect(read(undefined, { HELMFILE_ENVIRONMENT: 'prod' }).version).toMatchObject({ text: '3.6.1.4' });
  });

  it('a missing key and a function not evaluated here stay unknown, never guessed', () => {
    const inputs = read();
    expect(env(inputs, 'pg_database')).toMatchObject({ template: '{{ .Values.kong.missing }}' });
    expect(env(inputs, 'pg_database')?.value).toBeUndefined();
    expect(env(inputs, 'pg_ssl_version')).toMatchObject({ template: '{{ .Values.kong.tls | trunc 6 }}' });
    expect(env(inputs, 'pg_ssl_version')?.value).toBeUndefined();
  });

  it('an environment no part declares stops the read, as helmfile stops', () => {
    expect(() => read('qa')).toThrow(InputError);
    expect(() => read('qa')).toThrow('declares no environment "qa"');
  });

  it('a missing environment values file stops the read unless missingFileHandler skips it', () => {
    const base = 'releases:\n  - name: kong\n    chart: kong/kong\n    version: {{ .Values.v }}\n';
    const missing = files({ 'helmfile.yaml.gotmpl': `environments:\n  default:\n    values:\n      - env/none.yaml\n---\n${base}` });
    expect(() => loadPlatformInputs({ helmValues: [missing] })).toThrow('names the values file "env/none.yaml", which is not at');
    const skipped = files({ 'helmfile.yaml.gotmpl': `environments:\n  default:\n    missingFileHandler: Warn\n    values:\n      - env/none.yaml\n      - v: 2.38.0\n---\n${base}` });
    const inputs = loadPlatformInputs({ helmValues: [skipped] });
    expect(chartLabel(inputs)).toMatch(/^chart kong 2\.38\.0 /);
    expect(helmLabel(inputs)).toContain('environment values file env/none.yaml is not at');
  });

  it('a helmfile of many `---` parts reads each part once, its lines counted from the file\'s start (once quadratic: 4,000 parts took 25 s)', () => {
    // Each part was padded with the newlines before it, then rendered, masked and parsed whole.
    const parts = 20_000;
    const base = 'environments:\n  default:\n    values:\n      - v: 2.38.0\n---\nreleases:\n  - name: kong\n    chart: kong/kong\n    version: {{ .Values.v }}\n';
    const helmfile = files({ 'helmfile.yaml.gotmpl': `${'x: 1\n---\n'.repeat(parts)}${base}` });
    const inputs = loadPlatformInputs({ helmValues: [helmfile] });
    expect(chartLabel(inputs)).toMatch(/^chart kong 2\.38\.0 /);
    const label = helmLabel(inputs);
    expect(label).toContain(`the inline values at ${helmfile}:${2 * parts + 4}`);
    expect(label).toContain(`\`{{ .Values.v }}\` at ${helmfile}:${2 * parts + 9} (.Values.v from ${helmfile}:${2 * parts + 4})`);
  });

  it('values are not evaluated in the part that declares them, nor when a secret may override them', () => {
    // helmfile renders a part with the environment of the parts before it: none for the first.
    const samePart = files({ 'helmfile.yaml.gotmpl': 'environments:\n  default:\n    values:\n      - v: 2.38.0\nreleases:\n  - name: kong\n    chart: kong/kong\n    version: {{ .Values.v }}\n' });
    expect(chartLabel(loadPlatformInputs({ helmValues: [samePart] }))).toContain('written as a template');
    const secret = files({ 'helmfile.yaml.gotmpl': 'environments:\n  default:\n    secrets:\n      - env/secrets.yaml\n    values:\n      - v: 2.38.0\n---\nreleases:\n  - name: kong\n    chart: kong/kong\n    version: {{ .Values.v }}\n' });
    const inputs = loadPlatformInputs({ helmValues: [secret] });
    expect(chartLabel(inputs)).toContain('written as a template');
    expect(helmLabel(inputs)).toContain('has secrets, which helmfile decrypts');
  });
});
