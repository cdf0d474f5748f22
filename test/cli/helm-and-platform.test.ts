// End to end: Helm-configured installations (traditional, DB-less, hybrid) with findings located
// in values.yaml, and the platform flags (--image-file, --os, --host).

import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, REPO_ROOT, runCli } from '../support/cli';

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateReport = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/report.schema.json'), 'utf8')));

interface JsonFinding { ruleId: string; messageId: string; severity: string; location: { kind: string; file?: string; line?: number; column?: number }; data?: Record<string, unknown> }

async function report(args: string[]) {
  const result = await runCli(['check', ...args, '--format', 'json', '--fail-on', 'none']);
  expect(result.stderr).toBe('');
  const json = JSON.parse(result.stdout);
  expect(validateReport(json)).toBe(true);
  return json;
}
const find = (json: { findings: JsonFinding[] }, ruleId: string, messageId?: string) =>
  json.findings.filter((f) => f.ruleId === ruleId && (!messageId || f.messageId === messageId));

describe('Helm values', () => {
  const traditional = fixture('helm/traditional/values.yaml');
  const prod = fixture('helm/traditional/values-prod.yaml');

  it('traditional: infers edition, mode and version from values, and kong.conf rules report at values.yaml lines', async () => {
    const json = await report(['--helm-values', traditional, '--helm-values', prod, '--to', '3.4']);
    expect(json.installation.edition).toMatchObject({ value: 'enterprise', reason: expect.stringContaining('kong/kong-gateway') });
    expect(json.installation.topology).toMatchObject({ value: 'traditional', reason: expect.stringContaining('env.database = postgres') });
    expect(json.installation.from).toMatchObject({ value: '2.8.4.1', reason: expect.stringContaining('image.tag') });
    const [enumFinding] = find(json, 'conf/pg-ssl-version-enum');
    expect(enumFinding).toMatchObject({ severity: 'blocker', location: { file: traditional, line: 22, column: 19 } });
    expect(find(json, 'conf/value-invalid')[0].location).toMatchObject({ file: traditional, line: 23 });
    expect(find(json, 'platform/image-tag', 'flavourGone')[0].location).toMatchObject({ file: traditional, line: 4 });
    // The Secret-backed password is named, never invented.
    expect(find(json, 'conf/file-syntax').find((f) => f.data?.kind === 'unreadable-value')?.location).toMatchObject({ file: traditional, line: 17 });
    expect(JSON.stringify(json)).not.toMatch(/valueFrom|secretKeyRef/);
  });

  // Argo CD passes helm.parameters as --set, over the values: the parameter is what Kong gets.
  it('Argo CD Application: a parameter overrides its values and findings point at the parameter', async () => {
    const application = fixture('helm/argo/application-parameters.yaml');
    const json = await report(['--helm-values', application, '--to', '3.4']);
    expect(json.installation.edition.value).toBe('enterprise');
    expect(find(json, 'conf/pg-ssl-version-enum')).toEqual([
      expect.objectContaining({ severity: 'blocker', location: expect.objectContaining({ file: application, line: 28 }) }),
    ]);
    expect(JSON.stringify(json)).not.toContain('argo-param-secret');
  });

  // kustomize lays valuesInline over valuesFile, then passes additionalValuesFiles after them
  // (kubernetes-sigs/kustomize@12f9e639 api/types/helmchartargs.go:174-179).
  it('kustomize helmCharts: a valuesInline setting is found at its kustomization line; an additionalValuesFiles entry over it wins', async () => {
    const kustomization = fixture('helm/kustomize/kustomization.yaml');
    const json = await report(['--helm-values', kustomization, '--to', '3.4', '--no-db']);
    expect(json.installation.from).toMatchObject({ value: '2.8.4.1', reason: expect.stringContaining(fixture('helm/kustomize/values.yaml')) });
    expect(find(json, 'conf/pg-ssl-version-enum')).toEqual([
      expect.objectContaining({ severity: 'blocker', location: expect.objectContaining({ file: kustomization, line: 25 }) }),
    ]);
    const overridden = await report(['--helm-values', fixture('helm/kustomize-additional/kustomization.yaml'), '--to', '3.4', '--no-db']);
    expect(overridden.installation.topology.value).toBe('traditional');
    expect(find(overridden, 'conf/pg-ssl-version-enum')).toEqual([]);
  });

  // The values leave image.tag to the chart: chart kong 2.26.0 runs kong:3.3 and KIC 2.11.
  it('Argo CD targetRevision: the chart release\'s default images give the version and the controller', async () => {
    const application = fixture('helm/argo-chart-release/application.yaml');
    const json = await report(['--helm-values', application, '--to', '3.4']);
    expect(json.installation.from).toMatchObject({ value: '3.3.x', reason: expect.stringContaining(`chart kong 2.26.0 (Argo CD targetRevision at ${application}:13) defaults to image kong:3.3`) });
    expect(json.installation.edition.value).toBe('oss');
    expect(json.installation.inputs).toContainEqual({ kind: 'helm chart', label: expect.stringContaining('its defaults are image kong:3.3, controller kong/kubernetes-ingress-controller:2.11') });
    const [controller] = find(json, 'platform/ingress-controller', 'endOfSupport');
    expect(controller).toMatchObject({ location: { file: application, line: 13 }, data: { controller: '2.11' } });
    expect((controller as JsonFinding & { message: string }).message).toContain('the default of chart kong 2.26.0');
  });

  it('umbrella chart: Chart.lock beside the values locks the Kong chart release whose default tag runs', async () => {
    const values = fixture('helm/umbrella-chart-release/values.yaml');
    const json = await report(['--helm-values', values, '--to', '3.10']);
    expect(json.installation.from).toMatchObject({ value: '3.5.x', reason: expect.stringContaining('edge.image.tag not set: chart kong 2.33.3 (Chart.lock dependency at') });
    expect(json.installation.edition).toMatchObject({ value: 'enterprise', reason: expect.stringContaining('kong/kong-gateway:3.5') });
    // ingressController.enabled is false in the values: the chart's default controller does not run.
    expect(find(json, 'platform/ingress-controller')).toEqual([]);
  });

  it('without a tag or a chart release beside the values, the version is asked for, saying what would give it', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'kp-helm-no-release-')), 'values.yaml');
    writeFileSync(file, 'env:\n  database: "off"\n');
    const result = await runCli(['check', '--helm-values', file, '--to', '3.4']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--from is required');
    expect(result.stderr).toContain('the Helm values name no image tag, and no chart release is named beside them');
  });

  it('traditional: the later values file wins, and its settings point at it', async () => {
    const result = await runCli(['check', '--helm-values', traditional, '--helm-values', prod, '--to', '3.4', '--host', '--format', 'json', '--fail-on', 'none'],
      { hostPaths: { osRelease: fixture('platform/os-release-ubuntu-2204'), meminfo: fixture('platform/meminfo-16g'), cpus: 2 } });
    const json = JSON.parse(result.stdout);
    expect(json.findings.filter((f: JsonFinding) => f.ruleId === 'platform/os-support')).toEqual([]);
    const sizing = find(json, 'platform/host-sizing', 'moreWorkersThanCpus');
    expect(sizing).toHaveLength(1);
    expect(sizing[0]).toMatchObject({ location: { file: prod, line: 4 }, data: { workers: 8, cpus: 2 } });
  });

  it('DB-less: the chart default runs Kong without a database; findings sit in values.yaml', async () => {
    const json = await report(['--helm-values', fixture('helm/dbless/values.yaml'), '--to', '3.4']);
    expect(json.installation.topology).toMatchObject({ value: 'dbless', reason: expect.stringContaining('chart defaults') });
    expect(json.installation.edition.value).toBe('oss');
    expect(find(json, 'conf/renamed-property')[0].location).toMatchObject({ file: fixture('helm/dbless/values.yaml'), line: 10 });
    expect(find(json, 'conf/removed-property')[0].location).toMatchObject({ line: 9 });
    expect(find(json, 'platform/image-tag', 'convenienceBaseMoves')[0].location).toMatchObject({ line: 5 });
  });

  it.each([
    ['control-plane.yaml', 'control_plane', 21],
    ['data-plane.yaml', 'data_plane', 17],
  ])('hybrid %s: role from env.role, privileged_agent rename located in the values file', async (name, role, line) => {
    const file = fixture('helm/hybrid', name);
    const json = await report(['--helm-values', file, '--to', '3.10']);
    expect(json.plan).toMatchObject({ topology: 'hybrid', role, edition: 'enterprise', from: '3.4.3.12' });
    const renamed = json.findings.find((f: JsonFinding & { message: string }) => f.ruleId === 'conf/renamed-property' && f.message.includes('privileged_agent'));
    expect(renamed.location).toMatchObject({ file, line });
  });

  it('hybrid control plane: an unquoted on is reported as a YAML boolean', async () => {
    const file = fixture('helm/hybrid/control-plane.yaml');
    const json = await report(['--helm-values', file, '--to', '3.10']);
    expect(find(json, 'conf/file-syntax').find((f) => f.data?.kind === 'yaml-boolean')).toMatchObject({ severity: 'warning', location: { line: 21 } });
  });

  // vertigobr-labs/kong-ee-lab values-ee-db.yaml: `portal: on` and `portal_auto_approve: on`
  // were warned about, but Kong reads the "true" the chart passes to a boolean property as on.
  it('an unquoted on/off on a boolean property is not reported; on an ngx_boolean one (Kong passes nginx off for "true") it is', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'kp-helm-yaml-boolean-'));
    const file = join(dir, 'values.yaml');
    writeFileSync(file, 'image:\n  repository: kong\n  tag: "3.4.2"\nenv:\n  anonymous_reports: off\n  pg_ssl: yes\n  real_ip_recursive: on\n');
    const json = await report(['--helm-values', file, '--to', '3.9']);
    expect(find(json, 'conf/file-syntax').filter((f) => f.data?.kind === 'yaml-boolean').map((f) => [f.data?.key, f.location.line])).toEqual([['real_ip_recursive', 7]]);
  });

  it('a boolean on a *_log key stops helm from rendering: a blocker at its line', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'kp-helm-log-')), 'values.yaml');
    writeFileSync(file, 'image:\n  repository: kong\n  tag: "3.4"\nenv:\n  database: postgres\n  proxy_access_log: off\n');
    const json = await report(['--helm-values', file, '--to', '3.9']);
    expect(find(json, 'conf/file-syntax').find((f) => f.data?.kind === 'helm-render-refused')).toMatchObject({ severity: 'blocker', location: { line: 6 } });
  });

  it.each([
    ['the Kong chart', 'image:\n  repository: kong/kong-gateway\n  tag: "3.4.3.5"\ningressController:\n  konnect:\n    enabled: true\n    license:\n      enabled: true\n', 8],
    ['the kong/ingress chart', 'controller:\n  ingressController:\n    konnect:\n      enabled: true\n      license:\n        enabled: true\ngateway:\n  image:\n    repository: kong/kong-gateway\n    tag: "3.4.3.5"\n', 6],
  ])('%s: a license the controller fetches from Konnect is a source, not a missing license', async (_chart, text, line) => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'kp-helm-konnect-')), 'values.yaml');
    writeFileSync(file, text);
    const json = await report(['--helm-values', file, '--to', '3.8']);
    expect(find(json, 'license/enterprise-license')).toEqual([expect.objectContaining({ messageId: 'unverifiable', severity: 'info', location: expect.objectContaining({ line }) })]);
  });

  it('Konnect licensing without Konnect sync turned on brings no license', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'kp-helm-konnect-')), 'values.yaml');
    writeFileSync(file, 'image:\n  repository: kong/kong-gateway\n  tag: "3.4.3.5"\ningressController:\n  konnect:\n    license:\n      enabled: true\n');
    const json = await report(['--helm-values', file, '--to', '3.8']);
    expect(find(json, 'license/enterprise-license')).toEqual([expect.objectContaining({ messageId: 'missing', severity: 'blocker' })]);
  });

  it('a suppression comment in values.yaml silences the finding below it', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const text = readFileSync(traditional, 'utf8').replace('  pg_ssl_version: tlsv1', '  # kong-preflight-disable-next-line conf/pg-ssl-version-enum -- server pinned to TLS 1.2 in OPS-12\n  pg_ssl_version: tlsv1');
    const copy = join(mkdtempSync(join(tmpdir(), 'kp-helm-suppress-')), 'values.yaml');
    writeFileSync(copy, text);
    const json = await report(['--helm-values', copy, '--to', '3.4']);
    expect(find(json, 'conf/pg-ssl-version-enum')).toEqual([]);
    expect(json.suppressed.map((s: { ruleId: string }) => s.ruleId)).toContain('conf/pg-ssl-version-enum');
  });

  it('chart defaults are no Enterprise evidence: a file naming no image runs open-source kong, no license blocker', async () => {
    const file = fixture('helm/chart-defaults-only/values.yaml');
    const result = await runCli(['check', '--helm-values', file, '--from', '3.4', '--to', '3.9', '--no-db', '--format', 'json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.installation.edition).toMatchObject({ value: 'oss', reason: expect.stringContaining('default image `kong`') });
    expect(find(json, 'license/enterprise-license')).toEqual([]);
    // The chart's portal_api_* log paths are not the user's lines to remove.
    expect(json.findings.filter((f: JsonFinding) => f.location.kind === 'env')).toEqual([]);
  });

  it('a values file copied from the chart\'s values.yaml: its unchanged portal_api_* defaults are no Enterprise evidence', async () => {
    // nautible/nautible-kong-serverless kong/values.yaml: a custom image built FROM kong:2.8.1 and
    // the chart's env block copied as it is; it was read as Enterprise, with free-mode and Vitals warnings.
    const file = fixture('helm/chart-copy/values.yaml');
    const json = await report(['--helm-values', file, '--from', '3.4', '--to', '3.9']);
    expect(json.installation.edition).toMatchObject({ value: 'oss', reason: expect.stringMatching(/no Enterprise-only setting/) });
    expect(find(json, 'license/enterprise-license')).toEqual([]);
    expect(find(json, 'conf/enterprise-removed')).toEqual([]);
    // Removing the copied lines would leave the chart's own variables: nothing to fix, nothing reported.
    expect(find(json, 'conf/unknown-property')).toEqual([]);
    // A portal value of the user's own is evidence, as before.
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const changed = join(mkdtempSync(join(tmpdir(), 'kp-helm-copy-')), 'values.yaml');
    writeFileSync(changed, readFileSync(file, 'utf8').replace('portal_api_access_log: /dev/stdout', 'portal_api_access_log: /var/log/kong/portal.log'));
    const edited = await report(['--helm-values', changed, '--from', '3.4', '--to', '3.9']);
    expect(edited.installation.edition).toMatchObject({ value: 'enterprise', reason: expect.stringContaining('portal_api_access_log') });
    expect(find(await report(['--helm-values', changed, '--from', '3.4', '--to', '3.9', '--edition', 'oss']), 'conf/unknown-property').map((f) => [f.data?.key, f.location.line]))
      .toEqual([['portal_api_access_log', 13]]);
  });

  it('chart defaults the target ignores are not reported on an Enterprise path either', async () => {
    const json = await report(['--helm-values', fixture('helm/chart-defaults-only/values.yaml'), '--edition', 'enterprise', '--from', '3.4', '--to', '3.9']);
    // Only Vitals, which nobody turned off, is reported: none of the chart's portal_api_* defaults.
    expect(find(json, 'conf/enterprise-removed').map((f) => [f.messageId, f.data?.key])).toEqual([['productOnByDefault', 'vitals']]);
    expect(find(json, 'conf/unknown-property')).toEqual([]);
  });

  it('enterprise.portal/vitals switches are the settings the chart derives, at their values lines', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = fixture('helm/enterprise-products/values.yaml');
    const json = await report(['--helm-values', file, '--to', '3.10.0.0', '--no-db']);
    const removed = find(json, 'conf/enterprise-removed');
    expect(removed.find((f) => f.data?.key === 'portal')).toMatchObject({ messageId: 'productEnabled', severity: 'blocker', location: { file, line: 13 } });
    expect(removed.find((f) => f.data?.key === 'vitals')).toMatchObject({ messageId: 'productEnabled', severity: 'warning', location: { file, line: 11 } });
    // env: wins over the chart's switches, as the chart merges it last; and without
    // enterprise.enabled the chart derives nothing.
    const dir = mkdtempSync(join(tmpdir(), 'kp-helm-ee-'));
    const overridden = join(dir, 'values.yaml');
    writeFileSync(overridden, readFileSync(file, 'utf8').replace('  database: postgres', '  database: postgres\n  portal: "off"\n  vitals: "off"'));
    const quiet = find(await report(['--helm-values', overridden, '--to', '3.10.0.0', '--no-db']), 'conf/enterprise-removed');
    expect(quiet.map((f) => [f.messageId, f.location.line])).toEqual([['leftover', 8], ['leftover', 9]]);
    const disabled = join(dir, 'disabled.yaml');
    writeFileSync(disabled, readFileSync(file, 'utf8').replace('  enabled: true\n  vitals', '  enabled: false\n  vitals'));
    const keys = find(await report(['--helm-values', disabled, '--to', '3.10.0.0', '--no-db', '--edition', 'enterprise']), 'conf/enterprise-removed').map((f) => [f.messageId, f.data?.key]);
    expect(keys).not.toContainEqual(['productEnabled', 'portal']);
    expect(keys).not.toContainEqual(['productEnabled', 'vitals']);
  });

  // Kong/charts@e76b8003 charts/kong/templates/_helpers.tpl lines 1114-1199: enterprise.enabled
  // adds Enterprise variables, it changes no image; README lines 125-129 ask for both.
  it('enterprise.enabled on the open-source image: a warning at the switch, checked as open-source Kong', async () => {
    const file = fixture('helm/enterprise-on-oss-image/values.yaml');
    const json = await report(['--helm-values', file, '--to', '3.9', '--no-db']);
    expect(json.installation.edition).toMatchObject({ value: 'oss', reason: expect.stringContaining(`image kong:3.4 at ${file}:4 is open-source Kong, whatever enterprise.enabled at ${file}:7 asks`) });
    expect(find(json, 'conf/file-syntax').filter((f) => f.data?.kind === 'enterprise-on-oss-image')).toEqual([
      expect.objectContaining({ severity: 'warning', location: expect.objectContaining({ file, line: 7 }) }),
    ]);
    // The switch's portal and license reach a Kong that never reads them: no Enterprise findings.
    expect(find(json, 'conf/enterprise-removed')).toEqual([]);
    expect(find(json, 'license/enterprise-license')).toEqual([]);
    expect(find(json, 'conf/unknown-property')).toEqual([]);
  });

  it('enterprise.enabled is not reported with the Enterprise image, without the switch, with it off, or under gateway: with the Enterprise image', async () => {
    const kinds = (json: { findings: JsonFinding[] }) => find(json, 'conf/file-syntax').map((f) => f.data?.kind);
    const cases: [string, string][] = [['enterprise-image.yaml', 'enterprise'], ['oss-image.yaml', 'oss'], ['switch-off.yaml', 'oss'], ['ingress-enterprise.yaml', 'enterprise']];
    for (const [name, edition] of cases) {
      const json = await report(['--helm-values', fixture(`helm/enterprise-on-oss-image/${name}`), '--to', '3.9', '--no-db']);
      expect([name, json.installation.edition.value]).toEqual([name, edition]);
      expect([name, kinds(json)]).toEqual([name, expect.not.arrayContaining(['enterprise-on-oss-image'])]);
    }
    // The kong/ingress gateway on the Kong chart's default image: named under gateway:.
    const file = fixture('helm/enterprise-on-oss-image/ingress-oss.yaml');
    const json = await report(['--helm-values', file, '--to', '3.9', '--no-db']);
    expect(json.installation.edition.value).toBe('oss');
    expect(find(json, 'conf/file-syntax').filter((f) => f.data?.kind === 'enterprise-on-oss-image').map((f) => f.location.line)).toEqual([11]);
    expect(find(json, 'conf/enterprise-removed')).toEqual([]);
  });

  // Kong/charts@e76b8003 _helpers.tpl line 1114 tests enterprise.enabled with `if`, where any
  // non-empty text is true (golang/go@1ed85ee2 src/text/template/exec.go:324 isTrue).
  it('enterprise.enabled quoted "false": a warning at the switch, and no free mode, in a values file or a helmfile setString', async () => {
    const kinds = (json: { findings: JsonFinding[] }) => find(json, 'conf/file-syntax').map((f) => f.data?.kind);
    const quoted = fixture('helm/enterprise-switch-text/quoted-false.yaml');
    const json = await report(['--helm-values', quoted, '--to', '3.9', '--no-db']);
    expect(find(json, 'conf/file-syntax').filter((f) => f.data?.kind === 'enterprise-switch-text')).toEqual([
      expect.objectContaining({ severity: 'warning', location: expect.objectContaining({ file: quoted, line: 7 }) }),
    ]);
    // The chart wires the license Secret: it is named as unreadable, not as free mode.
    expect(find(json, 'license/enterprise-license').map((f) => f.severity)).toEqual(['info']);
    const oss = await report(['--helm-values', fixture('helm/enterprise-switch-text/quoted-false-oss.yaml'), '--to', '3.9', '--no-db']);
    expect(kinds(oss)).toContain('enterprise-switch-text');
    expect(kinds(oss)).not.toContain('enterprise-on-oss-image');
    const helmfile = fixture('helm/enterprise-switch-text/helmfile.yaml');
    const set = await report(['--helm-values', helmfile, '--to', '3.9', '--no-db']);
    expect(find(set, 'conf/file-syntax').filter((f) => f.data?.kind === 'enterprise-switch-text').map((f) => [f.location.file, f.location.line])).toEqual([[helmfile, 13]]);
    for (const name of ['quoted-true.yaml', 'unquoted-false.yaml']) {
      const clean = await report(['--helm-values', fixture(`helm/enterprise-switch-text/${name}`), '--to', '3.9', '--no-db']);
      expect([name, kinds(clean)]).toEqual([name, expect.not.arrayContaining(['enterprise-switch-text'])]);
    }
  });

  // Kong/charts config-dbless.yaml lines 12-13: `kong.yml: |` + toYaml at kong-2.3.0 (b87a69dc),
  // without the `|` from kong-2.4.0 (f81b0dc2), nindent from kong-2.15.0 (66da8cd2).
  it('dblessConfig.config as a mapping: a blocker unless the chart (or every release of the range) named beside it is older than 2.4.0', async () => {
    const values = fixture('helm/dbless-mapping/kong.yaml');
    const at = (json: { findings: JsonFinding[] }) => find(json, 'conf/file-syntax')
      .filter((f) => f.data?.kind === 'helm-render-refused' || f.data?.kind === 'chart-upgrade-refuses')
      .map((f) => [f.data?.kind, f.severity, f.location.file, f.location.line]);
    const older = await report(['--helm-values', fixture('helm/dbless-mapping/helmfile-2.3.yaml'), '--to', '3.4']);
    expect(at(older)).toEqual([['chart-upgrade-refuses', 'warning', values, 12]]);
    expect(find(older, 'conf/file-syntax').find((f) => f.data?.kind === 'chart-upgrade-refuses')?.data?.message).toMatch(/chart kong 2\.3\.0 \(helmfile release version at .*helmfile-2\.3\.yaml:8\) turns it into the kong\.yml text.*every Kong chart from 2\.4\.0 refuses it/);
    const argo = fixture('helm/dbless-mapping/application-2.2.yaml');
    expect(at(await report(['--helm-values', argo, '--to', '3.4']))).toEqual([['chart-upgrade-refuses', 'warning', argo, 23]]);
    // A range (Masterminds/semver constraint) all of whose releases are older than 2.4.0 is the same.
    const range = await report(['--helm-values', fixture('helm/dbless-mapping/helmfile-range-2.3.yaml'), '--to', '3.4']);
    expect(at(range)).toEqual([['chart-upgrade-refuses', 'warning', values, 12]]);
    expect(find(range, 'conf/file-syntax').find((f) => f.data?.kind === 'chart-upgrade-refuses')?.data?.message).toMatch(/every release chart kong ~2\.3\.0 \(helmfile release version at .*helmfile-range-2\.3\.yaml:8\) allows turns it into the kong\.yml text/);
    // A newer chart, a range reaching 2.4.0, the newest (no version) or no chart named: the release fails to render.
    for (const name of ['helmfile-2.30.yaml', 'helmfile-range-2.x.yaml', 'helmfile-unpinned.yaml', 'kong.yaml']) {
      const json = await report(['--helm-values', fixture(`helm/dbless-mapping/${name}`), '--to', '3.4']);
      expect([name, at(json)]).toEqual([name, [['helm-render-refused', 'blocker', values, 12]]]);
    }
  });

  it('a helmfile set entry whose file is missing: one line naming the helmfile and line, exit 2', async () => {
    const helmfile = fixture('helm/helmfile/set-file/helmfile-missing.yaml');
    const result = await runCli(['check', '--helm-values', helmfile, '--to', '3.9', '--no-db']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining(`${helmfile}:12:15: release "edge" sets env.pg_ssl_version from the file files/absent.txt`)]);
    expect(result.stdout).toBe('');
  });

  it('kong/ingress values: gateway.image and gateway.env are read and located', async () => {
    const file = fixture('helm/ingress/values.yaml');
    const json = await report(['--helm-values', file, '--to', '3.9']);
    expect(json.installation.edition).toMatchObject({ value: 'enterprise', reason: expect.stringContaining('kong/kong-gateway:3.4.3.12') });
    expect(json.installation.from.value).toBe('3.4.3.12');
    expect(json.installation.topology.reason).toMatch(/^gateway\.env\.database not set/);
    expect(json.installation.inputs.filter((i: { kind: string }) => i.kind !== 'os').map((i: { label: string }) => i.label)).toEqual([expect.stringContaining('kong/ingress chart')]);
    expect(find(json, 'conf/enterprise-removed')[0]).toMatchObject({ location: { file, line: 11 } });
  });

  // An umbrella chart's values (sweep of real plugins: a parent chart with `kong:` beside its own
  // services) were set aside as another chart's; Helm hands the `kong:` subtree to Kong's chart.
  it("a parent chart's values: the Kong subchart's settings under its key are read and located", async () => {
    const file = fixture('helm/umbrella/values.yaml');
    const json = await report(['--helm-values', file, '--to', '3.9']);
    expect(json.installation.inputs.filter((i: { kind: string }) => i.kind !== 'os').map((i: { label: string }) => i.label)).toEqual([expect.stringContaining("the Kong subchart's settings under kong: were read")]);
    expect(json.installation.edition).toMatchObject({ value: 'enterprise', reason: expect.stringContaining('kong/kong-gateway:3.4.3.12') });
    expect(json.installation.from.value).toBe('3.4.3.12');
    expect(json.installation.topology.value).toBe('dbless');
    expect(find(json, 'conf/enterprise-removed')[0]).toMatchObject({ location: { file, line: 12 } });
  });

  it('a values file of another chart is said not to be understood, and drives nothing', async () => {
    const file = fixture('helm/other-chart/values.yaml');
    const json = await report(['--helm-values', file, '--from', '2.8', '--to', '3.4']);
    expect(json.installation.inputs[0].label).toContain('not a values file of the Kong chart');
    // No settings were read, so the kong.conf rules are not evaluated rather than told that
    // every property is left to its default.
    expect(find(json, 'conf/default-changed')).toEqual([]);
    expect(json.notEvaluated.find((n: { ruleId: string }) => n.ruleId === 'conf/default-changed')?.reason).toMatch(/no kong\.conf given, and the Helm values belong to another chart \(.*not a values file of the Kong chart/);
    expect(json.installation.topology.reason).not.toMatch(/chart/);
    expect(json.notEvaluated.find((n: { ruleId: string }) => n.ruleId === 'platform/image-tag')?.reason).toMatch(/set aside \(not a values file of the Kong chart/);
  });

  it('a controller-only release (deployment.kong.enabled: false) is read for its controller, not as a Kong node', async () => {
    // Sweep 17: the controller half of a split install (gateway discovery) was read as a DB-less
    // open-source Kong running the chart's default image, and its env: as that node's settings.
    const file = fixture('helm/controller-only/values.yaml');
    const json = await report(['--helm-values', file, '--from', '3.4', '--to', '3.10']);
    expect(json.installation.inputs[0].label).toContain(`deployment.kong.enabled is false at ${file}:6: only the ingress controller was read`);
    // Neither the written image (kong:2.8) nor the env: entries (database postgres) speak for a node.
    expect(json.installation.from.reason).toMatch(/^--from 3\.4/);
    expect(json.installation.edition.reason).not.toMatch(/image|chart/);
    expect(json.installation.topology.reason).not.toMatch(/env\.database/);
    // Sweep 18: the plan and backup steps read as if the release were a traditional node. They
    // are said to be those of the gateway release the controller drives.
    expect(json.installation.topology.reason).toMatch(/^default: deployment\.kong\.enabled is false at .*; the gateway release that controller drives is taken as traditional \(pass --topology for it\)$/);
    expect(find(json, 'backup/backup-evidence')).toMatchObject([{
      messageId: 'noEvidenceForGateway',
      message: expect.stringMatching(/^No backup evidence given \(--backup FILE\)\. The files given run no gateway \(deployment\.kong\.enabled is false at .*\): the backup concerns the traditional gateway release that the ingress controller drives\. Steps for that gateway: `pg_dump/),
    }]);
    expect(find(json, 'conf/default-changed')).toEqual([]);
    expect(json.notEvaluated.find((n: { ruleId: string }) => n.ruleId === 'conf/default-changed')?.reason).toMatch(/the Helm values run no Kong gateway \(deployment\.kong\.enabled is false/);
    expect(json.notEvaluated.find((n: { ruleId: string }) => n.ruleId === 'platform/image-tag')?.reason).toMatch(/runs no Kong gateway/);
    // The controller it runs is still checked against the target.
    expect(find(json, 'platform/ingress-controller')[0]).toMatchObject({ location: { file, line: 17 } });
    const missing = await runCli(['check', '--no-config', '--helm-values', file, '--to', '3.10', '--no-db']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--from is required.*runs no Kong gateway/);
  });

  it('a controller-only release: a backup of the wrong kind and the Markdown header speak of the gateway it drives, not of a node', async () => {
    const file = fixture('helm/controller-only/values.yaml');
    const deck = fixture('backups/deck-dump.yaml');
    const json = await report(['--helm-values', file, '--from', '3.4', '--to', '3.10', '--no-db', '--backup', deck]);
    expect(json.plan.gatewayElsewhere).toMatch(/^deployment\.kong\.enabled is false at /);
    expect(find(json, 'backup/backup-evidence')).toMatchObject([{
      messageId: 'wrongKindForGateway',
      message: expect.stringMatching(/^.*deck-dump\.yaml is a deck-dump backup; the files given run no gateway \(deployment\.kong\.enabled is false at .*\), and the traditional gateway release that the ingress controller drives needs a pg_dump of the Kong database/),
    }]);
    const markdown = await runCli(['check', '--helm-values', file, '--from', '3.4', '--to', '3.10', '--no-db', '--format', 'markdown', '--fail-on', 'none']);
    expect(markdown.stdout).toContain(' · ingress controller only (the gateway it drives taken as traditional)');
    expect(markdown.stdout).not.toMatch(/· traditional\b/);
    // A release that runs its gateway keeps the plain topology.
    const node = await runCli(['check', '--helm-values', fixture('helm/traditional/values.yaml'), '--to', '3.4', '--no-db', '--format', 'markdown', '--fail-on', 'none']);
    expect(node.stdout).toMatch(/ · traditional$/m);
  });

  it('deployment.kong.enabled left to the chart (or true) keeps reading the values as the Kong node', async () => {
    const json = await report(['--helm-values', fixture('helm/traditional/values.yaml'), '--to', '3.4']);
    expect(json.installation.inputs[0].label).not.toContain('only the ingress controller');
    expect(json.installation.topology.reason).toContain('env.database = postgres');
    expect(find(json, 'backup/backup-evidence')).toMatchObject([{ messageId: 'noEvidence', message: expect.stringContaining('Steps for this traditional node') }]);
  });

  it('Bitnami values are set aside without claiming they name no image', async () => {
    // The folio-org/eureka-k8s kong/values.yaml (Bitnami's chart, image folio-kong:latest) was
    // reported as naming no image, so that "the chart runs its default kong image".
    const file = fixture('helm/bitnami/values.yaml');
    const json = await report(['--helm-values', file, '--from', '2.8', '--to', '3.4']);
    expect(json.installation.inputs[0].label).toContain('Bitnami kong chart values: not read');
    expect(find(json, 'conf/default-changed')).toEqual([]);
    expect(json.installation.topology.reason).not.toMatch(/kong\.conf\b.*database = off/);
    const reason = json.notEvaluated.find((n: { ruleId: string }) => n.ruleId === 'platform/image-tag')?.reason;
    expect(reason).toBe(`${file} was set aside (Bitnami kong chart values: not read): no image or Kong version was taken from it`);
    const missing = await runCli(['check', '--no-config', '--helm-values', file, '--to', '3.4', '--no-db']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--from is required.*was set aside \(Bitnami kong chart values: not read\)/);
  });

  it.each([
    ['3.9', 'warning', 'freeMode'],
    ['3.10', 'blocker', 'missing'],
  ])('enterprise.enabled: false is free mode: to %s the missing license is a %s', async (to, severity, messageId) => {
    const json = await report(['--helm-values', fixture('helm/free-mode/values.yaml'), '--to', to]);
    expect(json.installation.edition.value).toBe('enterprise');
    expect(find(json, 'license/enterprise-license')).toEqual([expect.objectContaining({ severity, messageId })]);
  });

  it('a broken values file is an input error naming file and line (exit 2)', async () => {
    const result = await runCli(['check', '--helm-values', fixture('platform/docker-compose.yml'), '--helm-values', fixture('platform/os-release-centos-7'), '--to', '3.4']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/os-release-centos-7/);
  });

  // helmfile passes the release's set entries as --set over its values files: the set value is
  // what Kong gets, and the finding points at the set entry in the helmfile.
  it('helmfile: a set entry overrides the values files, and its finding points into the helmfile', async () => {
    const helmfile = fixture('helm/helmfile/values-and-set/helmfile.yaml');
    const json = await report(['--helm-values', helmfile, '--from', '2.8.4.1', '--to', '3.4', '--no-db']);
    expect(json.installation.topology).toMatchObject({ value: 'traditional', reason: expect.stringContaining('values/kong-prod.yaml:4') });
    expect(find(json, 'conf/pg-ssl-version-enum')).toEqual([
      expect.objectContaining({ severity: 'blocker', location: expect.objectContaining({ file: helmfile, line: 23 }) }),
    ]);
    expect(json.installation.inputs).toContainEqual({ kind: 'helm chart', label: expect.stringContaining(`chart kong 2.26.0 (helmfile release version at ${helmfile}:17)`) });
  });

  it('helmfile without a release of Kong\'s charts: exit 2, one line naming the file', async () => {
    const helmfile = fixture('helm/helmfile/no-kong/helmfile.yaml');
    const result = await runCli(['check', '--helm-values', helmfile, '--to', '3.4']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([`kong-preflight: error: ${helmfile}: is a helmfile with no release of Kong's charts (kong, ingress): its releases install jetstack/cert-manager`]);
  });

  // A control plane and a data plane in one helmfile: #NAME picks the release, as helmfile -l name=NAME.
  it('helmfile#release: the named release is the installation checked, and the inputs say which', async () => {
    const helmfile = fixture('helm/helmfile/two-releases/helmfile.yaml');
    const dp = await report(['--helm-values', `${helmfile}#kong-dp`, '--to', '3.10', '--no-db']);
    expect(dp.installation.topology).toMatchObject({ value: 'hybrid', reason: `env.role = data_plane at ${helmfile}:28` });
    expect(dp.installation.inputs).toContainEqual({ kind: 'helm values', label: expect.stringContaining(`${helmfile}#kong-dp: helmfile release "kong-dp" (chosen with #kong-dp)`) });
    expect(find(dp, 'license/enterprise-license', 'dataPlane')).toHaveLength(1);
    const cp = await report(['--helm-values', `${helmfile}#kong-cp`, '--to', '3.10', '--no-db']);
    expect(cp.installation.topology).toMatchObject({ value: 'hybrid', reason: `env.role = control_plane at ${helmfile}:17` });
    expect(find(cp, 'license/enterprise-license', 'dataPlane')).toEqual([]);
  });

  it('helmfile with two Kong releases and no #name: exit 2, one line naming them and how to pick one', async () => {
    const helmfile = fixture('helm/helmfile/two-releases/helmfile.yaml');
    const result = await runCli(['check', '--helm-values', helmfile, '--to', '3.10']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([`kong-preflight: error: ${helmfile}: holds 2 releases of Kong's charts (release "kong-cp" at line 8; release "kong-dp" at line 19): pick one by its name, as --helm-values ${helmfile}#NAME (#kong-cp, #kong-dp)`]);
  });
});

describe('platform flags', () => {
  it('--host reads the OS and memory of this machine (fixtures stand in for it)', async () => {
    const result = await runCli(
      ['check', fixture('installations/oss-3.3-clean/kong.conf'), '--from', '2.8', '--to', '3.4', '--host', '--format', 'json', '--fail-on', 'none'],
      { hostPaths: { osRelease: fixture('platform/os-release-ubuntu-1804'), meminfo: fixture('platform/meminfo-2g'), cpus: 1 } },
    );
    const json = JSON.parse(result.stdout);
    const os = json.findings.find((f: JsonFinding) => f.ruleId === 'platform/os-support');
    expect(os).toMatchObject({ messageId: 'notListed', location: { file: fixture('platform/os-release-ubuntu-1804'), line: 6 } });
    expect(json.findings.some((f: JsonFinding) => f.ruleId === 'platform/host-sizing' && f.messageId === 'belowSmallest')).toBe(true);
    // With the OS known, its catalogue entries are checked and leave the review list.
    expect(json.manualReview.map((m: { id: string }) => m.id)).not.toContain('platform-ubuntu-1804-dropped');
  });

  it('without --host or --os, the OS entries are on the review list with the missing input', async () => {
    const json = await report([fixture('installations/oss-3.3-clean/kong.conf'), '--from', '2.8', '--to', '3.4']);
    const entry = json.manualReview.find((m: { id: string }) => m.id === 'platform-ubuntu-1804-dropped');
    expect(entry).toMatchObject({ reason: 'input-missing', why: expect.stringContaining('platform/os-support') });
  });

  it('an official image answers the OS entries: kong:3.4.2 to 3.9 is on Kong\'s Ubuntu bases, and package-upgrade changes do not apply', async () => {
    const json = await report(['--image-file', fixture('platform/compose-kong-3.4.yml'), '--to', '3.9', '--no-db']);
    const review = json.manualReview.map((m: { id: string }) => m.id);
    expect(review).not.toContain('platform-debian10-rhel7-centos7-dropped');
    expect(review).not.toContain('platform-logrotate-config-preserved');
    expect(json.notApplicableChanges).toContainEqual(expect.objectContaining({ id: 'platform-logrotate-config-preserved', why: expect.stringContaining('kong:3.4.2') }));
    // Kong's image sets no `plugins`, and the compose file neither: the default, bundled, loads no custom plugin.
    expect(json.notApplicableChanges).toContainEqual(expect.objectContaining({ id: 'custom-plugin-tools-utils-split-3-6', why: expect.stringContaining('plugins is not set') }));
    // Run as Kong ships it: the move to Ubuntu 24.04 at 3.9 leaves nothing of the operator's to rebuild.
    expect(find(json, 'platform/os-support')).toEqual([]);
    expect(json.notEvaluated.map((n: { ruleId: string }) => n.ruleId)).not.toContain('platform/os-support');
  });

  it('Helm values running kong/kong-gateway 3.4.3.12 to 3.10: the Ubuntu 20.04 and Debian 10 entries are answered by the image', async () => {
    const json = await report(['--helm-values', fixture('helm/gateway-3.4/values.yaml'), '--to', '3.10', '--no-db']);
    const review = json.manualReview.map((m: { id: string }) => m.id);
    expect(review).not.toContain('platform-ubuntu-2004-dropped');
    expect(review).not.toContain('platform-debian10-rhel7-centos7-dropped');
    expect(json.notApplicableChanges.map((c: { id: string }) => c.id)).toContain('platform-logrotate-config-preserved');
    expect(json.installation.inputs).toContainEqual({ kind: 'os', label: expect.stringContaining('kong/kong-gateway:3.4.3.12') });
  });

  it('a Dockerfile FROM kong:3.4.2 counts as Kong\'s image, and is told its base moves to Ubuntu 24.04 at 3.9', async () => {
    const json = await report(['--image-file', fixture('platform/Dockerfile.derived-3.4'), '--to', '3.9', '--no-db']);
    expect(find(json, 'platform/os-support')).toEqual([expect.objectContaining({ messageId: 'imageBaseChanges', location: expect.objectContaining({ line: 2 }), data: expect.objectContaining({ after: 'Ubuntu 24.04' }) })]);
    expect(json.manualReview.map((m: { id: string }) => m.id)).not.toContain('platform-debian10-rhel7-centos7-dropped');
  });

  it('a custom image keeps the OS entries on the review list', async () => {
    const json = await report(['--image-file', fixture('platform/compose-custom-image.yml'), '--from', '3.4.2', '--to', '3.9', '--no-db']);
    const entry = json.manualReview.find((m: { id: string }) => m.id === 'platform-debian10-rhel7-centos7-dropped');
    expect(entry).toMatchObject({ reason: 'input-missing', why: expect.stringContaining('platform/os-support') });
    expect(json.manualReview.map((m: { id: string }) => m.id)).toContain('platform-logrotate-config-preserved');
    expect(json.notApplicableChanges).toBeUndefined();
  });

  it('--os wins over the image: the host named is what the tables are asked about', async () => {
    const json = await report(['--image-file', fixture('platform/compose-kong-3.4.yml'), '--to', '3.9', '--no-db', '--os', 'debian-10']);
    expect(find(json, 'platform/os-support', 'notListed')).toHaveLength(1);
  });

  it('--image-file infers the version and edition when --from is absent', async () => {
    const json = await report(['--image-file', fixture('platform/Dockerfile.alpine'), '--to', '3.4']);
    expect(json.installation.from.value).toBe('2.8.4.1');
    expect(json.installation.edition.value).toBe('enterprise');
    expect(find(json, 'platform/image-tag', 'flavourGone')[0]).toMatchObject({ hop: expect.stringContaining('3.4'), location: { line: 3 } });
  });

  it('a multi-stage Dockerfile runs its last stage: the path starts there, not at the builder', async () => {
    const json = await report(['--image-file', fixture('platform/Dockerfile.multistage'), '--to', '3.9']);
    expect(json.installation.from).toMatchObject({ value: '3.4.2', reason: expect.stringContaining('kong:3.4.2-ubuntu') });
    expect(find(json, 'platform/image-tag', 'versionMismatch')).toEqual([]);
  });

  it('a compose ${VAR:-default} image is read with the variable unset, and the reason says so', async () => {
    // The node read is service kong (kong-migrations is named as a migrations task): ${VAR-default}.
    const json = await report(['--image-file', fixture('platform/compose-interpolated.yml'), '--to', '3.4']);
    expect(json.installation.from).toMatchObject({ value: '2.8.1', reason: expect.stringContaining('KONG_IMAGE taken as unset') });
    expect(json.installation.edition.value).toBe('oss');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'kp-compose-default-'));
    writeFileSync(join(dir, 'compose.yml'), 'services:\n  kong:\n    image: "${KONG_DOCKER_TAG:-kong:2.8.1}"\n');
    const alone = await report(['--image-file', join(dir, 'compose.yml'), '--to', '3.4']);
    expect(alone.installation.from).toMatchObject({ value: '2.8.1', reason: expect.stringContaining('KONG_DOCKER_TAG taken as unset') });
  });

  it('an image that only a variable without default names is reported as unknown, once', async () => {
    const json = await report(['--image-file', fixture('platform/compose-unset.yml'), '--from', '3.4', '--to', '3.9']);
    const reason = json.notEvaluated.find((n: { ruleId: string }) => n.ruleId === 'platform/image-tag').reason;
    expect(reason).toMatch(/`\$\{GATEWAY_IMAGE\}` at .*compose-unset\.yml:3 depends on GATEWAY_IMAGE \(no value or default here\)\)$/);
  });

  it('a version from an image that is newer than --to: the error names the image, not --from', async () => {
    const result = await runCli(['check', '--image-file', fixture('platform/Dockerfile.multistage'), '--to', '3.3', '--no-db']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/older than 3\.4\.2, the installed version read from the image kong:3\.4\.2-ubuntu at .*Dockerfile\.multistage:4/);
    expect(result.stderr).not.toMatch(/--from 3\.4/);
  });

  it('a floating tag gives no version: --from is asked for, naming the image', async () => {
    const result = await runCli(['check', '--image-file', fixture('platform/Dockerfile.floating'), '--to', '3.9', '--no-db']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--from is required.*image kong:3 at .*Dockerfile\.floating:1 names no exact version/);
  });

  it('a Dockerfile that installs Kong from a package whose version is a build argument: --from is asked for, naming the package and the variable', async () => {
    const result = await runCli(['check', '--image-file', fixture('platform/Dockerfile.apk-enterprise'), '--to', '3.10.0.0', '--no-db']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--from is required.*Kong is installed from package kong-enterprise-edition-\$\{KONG_VERSION\}\.apk\.tar\.gz at .*Dockerfile\.apk-enterprise:5, but its version depends on KONG_VERSION/);
  });

  it('a Dockerfile that names neither a Kong image nor a Kong package: --from is asked for, saying what was looked for', async () => {
    const result = await runCli(['check', '--image-file', fixture('platform/Dockerfile.no-kong'), '--to', '3.4', '--no-db']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--from is required.*Dockerfile\.no-kong was read but names no Kong image or Kong package, so it gives no Kong version/);
  });

  it('a templated Helm image is said to be a template, not a missing image', async () => {
    const file = fixture('helm/templated-image/values.yaml');
    const missing = await runCli(['check', '--helm-values', file, '--to', '3.10.0.0', '--no-db']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--from is required.*the Helm values write the image as a template \(`\{\{ \.Values\.image\.repository \}\}:\{\{ \.Values\.image\.tag \}\}` at .*values\.yaml:3\)/);
    const json = await report(['--helm-values', file, '--from', '3.4.3.12', '--to', '3.10.0.0', '--no-db']);
    const reasons = JSON.stringify(json.notEvaluated);
    expect(reasons).toContain('write the image as a template');
    expect(reasons).not.toContain('name no image');
  });

  it('SARIF output carries values.yaml locations', async () => {
    const result = await runCli(['check', '--helm-values', fixture('helm/traditional/values.yaml'), '--to', '3.4', '--format', 'sarif', '--fail-on', 'none']);
    const sarif = JSON.parse(result.stdout);
    const uris = sarif.runs[0].results.map((r: { locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[] }) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '');
    expect(uris.some((u: string) => u.endsWith('helm/traditional/values.yaml'))).toBe(true);
  });
});

describe('Kong Ingress Controller', () => {
  // A real sweep found a 0.8.0 controller on a path to 3.4 and nothing said so.
  it('a manifest running controller 0.8.0 on a path to 3.4 is a blocker at the controller image', async () => {
    const manifest = fixture('platform/kic/all-in-one-0.8.yaml');
    const json = await report(['--image-file', manifest, '--to', '3.4']);
    expect(json.installation.from).toMatchObject({ value: '2.0.5', reason: expect.stringContaining('kong:2.0.5') });
    expect(find(json, 'platform/ingress-controller')).toEqual([
      expect.objectContaining({ messageId: 'gatewayTooNew', severity: 'blocker', location: expect.objectContaining({ file: manifest, line: 26, column: 16 }) }),
    ]);
  });

  it('a controller that fits the target says nothing', async () => {
    const json = await report(['--helm-values', fixture('helm/ingress/values.yaml'), '--to', '3.10']);
    expect(find(json, 'platform/ingress-controller')).toEqual([]);
    expect(JSON.stringify(json.notEvaluated ?? [])).not.toContain('platform/ingress-controller');
  });
});

describe('where the configuration lives (plan.configSource)', () => {
  it('Helm values that leave the ingress controller on: Kubernetes resources, also in the backup steps and the checklist', async () => {
    const values = fixture('helm/ingress/values.yaml');
    const json = await report(['--helm-values', values, '--to', '3.10']);
    expect(json.plan.configSource).toMatchObject({ kind: 'ingress-controller', reason: expect.stringContaining('controller.ingressController.enabled not set') });
    const [steps] = find(json, 'backup/backup-evidence', 'noEvidence');
    expect(steps.data?.steps).toContain('Kubernetes resources');
    expect(steps.data?.steps).not.toContain('declarative_config');
    const markdown = (await runCli(['check', '--helm-values', values, '--to', '3.10', '--format', 'markdown', '--fail-on', 'none'])).stdout;
    expect(markdown).toContain('Back up the Kubernetes resources');
    expect(markdown).not.toContain('Back up the declarative configuration');
  });

  it('Helm values that turn the controller off: no config source, the usual wording', async () => {
    const json = await report(['--helm-values', fixture('platform/kic/values-disabled.yaml'), '--to', '3.10']);
    expect(json.plan.configSource).toBeUndefined();
  });

  it('a data plane whose kong.conf sets konnect_mode = on: Konnect', async () => {
    const dir = require('node:fs').mkdtempSync(join(require('node:os').tmpdir(), 'kp-konnect-'));
    const conf = join(dir, 'kong.conf');
    require('node:fs').writeFileSync(conf, 'role = data_plane\ndatabase = off\nkonnect_mode = on\ncluster_control_plane = 1a2b3c.us.cp0.konghq.com:443\n');
    const json = await report([conf, '--from', '3.4.3.12', '--to', '3.10', '--no-db']);
    expect(json.plan.configSource).toEqual({ kind: 'konnect', reason: `konnect_mode = on at ${conf}:3:1` });
    expect(find(json, 'backup/backup-evidence', 'noEvidence')[0].data?.steps).toContain('--konnect-control-plane-name');
    const markdown = (await runCli(['check', conf, '--from', '3.4.3.12', '--to', '3.10', '--no-db', '--format', 'markdown', '--fail-on', 'none'])).stdout;
    expect(markdown).toContain('Back up the Konnect control plane');
    expect(markdown).not.toContain('Back up the data plane files');
  });

  it('a self-hosted data plane (cluster_control_plane on its own network): no config source', async () => {
    const json = await report(['--helm-values', fixture('helm/hybrid/data-plane.yaml'), '--to', '3.10']);
    expect(json.plan.role).toBe('data_plane');
    expect(json.plan.configSource).toBeUndefined();
  });
});

describe('a floating minor tag (kong:3.9)', () => {
  const dockerfile = (from: string) => {
    const dir = require('node:fs').mkdtempSync(join(require('node:os').tmpdir(), 'kp-tag-'));
    const file = join(dir, 'Dockerfile');
    require('node:fs').writeFileSync(file, `FROM ${from}\n`);
    return file;
  };

  it('says the tag floats, and that a same-minor --to is the patch upgrade its next pull makes', async () => {
    const file = dockerfile('kong:3.9');
    const json = await report(['--image-file', file, '--to', '3.9']);
    expect(json.installation.from.reason).toContain('a floating tag: the node runs whichever 3.9 patch was pulled last, and the next pull brings the newest (3.9.3)');
    expect(json.plan.hops).toHaveLength(1);
    expect(json.plan.hops[0].note).toBe(`the floating tag kong:3.9 at ${file}:1 runs any 3.9 patch today and 3.9.3 after its next pull: this is that patch upgrade`);
  });

  it('an exact tag, or --from, is not called floating', async () => {
    const exact = await report(['--image-file', dockerfile('kong:3.9.1'), '--to', '3.9']);
    expect(exact.installation.from.reason).not.toContain('floating');
    expect(exact.plan.hops[0]?.note ?? '').not.toContain('floating');
    const given = await report(['--image-file', dockerfile('kong:3.9'), '--from', '3.9', '--to', '3.9']);
    expect(given.installation.from.reason).not.toContain('floating');
  });
});

describe('--helmfile-environment', () => {
  const helmfile = fixture('helm/helmfile/environments/helmfile.yaml.gotmpl');
  const from = async (args: string[], env: Record<string, string> = {}) => {
    const result = await runCli(['check', '--helm-values', helmfile, '--to', '3.10', '--no-db', '--format', 'json', '--fail-on', 'none', ...args], { env });
    return { result, from: (JSON.parse(result.stdout || '{}') as { installation?: { from?: { value: string } } }).installation?.from?.value };
  };

  it('reads the helmfile for the environment named, else for helmfile\'s default', async () => {
    expect((await from([])).from).toBe('3.4.3.12');
    expect((await from(['--helmfile-environment', 'prod'])).from).toBe('3.6.1.4');
  });

  it('stops with an input error for an environment the helmfile does not declare', async () => {
    const { result } = await from(['--helmfile-environment', 'qa']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('declares no environment "qa"');
  });
});
