// Template changes on the path concern custom or patched nginx templates only: a container that
// runs one of Kong's images as they are, with their own command, sets them aside with why; any
// sign of a custom template (a replaced command, a mount over Kong's templates, an image built
// here, templates given) keeps them.

import { join } from 'node:path';
import { builtinRules } from '../../rules';
import { templateOnlyChanges } from '../../src/engine/manual-review';
import { stockTemplatesWhy } from '../../src/inputs/images/stock-templates';
import type { ContainerEnv } from '../../src/inputs/images/container-env';
import { fixture, runCli } from '../support/cli';
import { tempDir } from '../support/temp';

interface Report {
  manualReview: { id: string }[];
  notApplicableChanges?: { id: string; why: string }[];
  notEvaluated: { ruleId: string; reason: string }[];
}

const TEMPLATE_CHANGES = ['nginx-template-3-0-worker-events-and-handlers', 'nginx-template-serve-admin-api-removed', 'nginx-template-3-4-inject-and-secrets-dict'];

async function check(files: Record<string, string>, extra: string[] = []): Promise<Report> {
  const dir = tempDir(files);
  const imageFiles = Object.keys(files).filter((name) => /\.ya?ml$|Dockerfile$/.test(name)).flatMap((name) => ['--image-file', join(dir, name)]);
  const result = await runCli(['check', ...imageFiles, ...extra.map((arg) => arg.replace('DIR', dir)), '--no-db', '--no-config', '--to', '3.4', '--format', 'json', '--fail-on', 'none']);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as Report;
}

const reviewed = (report: Report) => report.manualReview.map((m) => m.id).filter((id) => TEMPLATE_CHANGES.includes(id));
const setAside = (report: Report) => (report.notApplicableChanges ?? []).filter((c) => TEMPLATE_CHANGES.includes(c.id));

/** A compose service running kong:2.8.4 on PostgreSQL, with `lines` added under it. */
const compose = (...lines: string[]) => ['services:', '  kong:', '    image: kong:2.8.4', '    environment:', '      KONG_DATABASE: postgres', ...lines, ''].join('\n');

describe('template changes on a node that renders Kong\'s own templates', () => {
  it('are set aside for a compose service running Kong\'s image with its own command', async () => {
    const report = await check({ 'docker-compose.yml': compose('    volumes:', '      - ./kong.conf:/etc/kong/kong.conf:ro') });
    expect(reviewed(report)).toEqual([]);
    expect(setAside(report).map((c) => c.id).sort()).toEqual([...TEMPLATE_CHANGES].sort());
    expect(setAside(report)[0].why).toBe('service kong runs kong:2.8.4 with the image\'s own command (`kong docker-start`, no --nginx-conf) and no mount read here covers /usr/local/share/lua/5.1/kong/templates, so Kong renders the templates of the release it runs: the change concerns custom or patched templates only');
    expect(report.notEvaluated.find((n) => n.ruleId === 'nginx/template-missing-elements')?.reason).toMatch(/^no --nginx-template FILE given, and none is needed: service kong runs kong:2\.8\.4/);
  });

  it('are set aside for a Kubernetes container without command or args (fixture)', async () => {
    const result = await runCli(['check', '--image-file', fixture('platform', 'dbless-configmap', 'deploy.yaml'), '--no-db', '--no-config', '--to', '3.4', '--format', 'json', '--fail-on', 'none']);
    const report = JSON.parse(result.stdout) as Report;
    expect(reviewed(report)).toEqual([]);
    expect(setAside(report)[0].why).toMatch(/^Deployment kong \(container proxy\) runs kong:2\.8\.4 with the image's own command/);
  });

  it('stay to review when anything may bring a custom template', async () => {
    const cases: [string, Record<string, string>, string[]][] = [
      ['a command that passes --nginx-conf', { 'docker-compose.yml': compose('    command: kong start --nginx-conf /etc/kong/custom.tpl') }, []],
      ['a command of its own, even without --nginx-conf (a script may pass one)', { 'docker-compose.yml': compose('    command: ["/bin/sh", "-c", "/start.sh"]') }, []],
      ['an entrypoint of its own', { 'docker-compose.yml': compose('    entrypoint: /custom-entrypoint.sh') }, []],
      ['a mount over the templates', { 'docker-compose.yml': compose('    volumes:', '      - ./templates:/usr/local/share/lua/5.1/kong/templates') }, []],
      ['a mount over a folder above them', { 'docker-compose.yml': compose('    volumes:', '      - ./lua:/usr/local/share/lua/5.1') }, []],
      ['an image built from a Dockerfile', { 'docker-compose.yml': ['services:', '  kong:', '    build: .', '    environment:', '      KONG_DATABASE: postgres', ''].join('\n'), Dockerfile: 'FROM kong:2.8.4\nUSER root\nRUN echo patched\n' }, []],
    ];
    for (const [name, files, extra] of cases) {
      const report = await check(files, extra);
      expect({ name, setAside: setAside(report).map((c) => c.id), reviewed: reviewed(report).sort() }).toEqual({ name, setAside: [], reviewed: [...TEMPLATE_CHANGES].sort() });
    }
  });

  it('leave the template rules to run when a template is given', async () => {
    const report = await check({ 'docker-compose.yml': compose() }, ['--nginx-template', fixture('nginx', '2.8-inlined.conf')]);
    expect(setAside(report)).toEqual([]);
    expect(report.notEvaluated.filter((n) => n.ruleId.startsWith('nginx/template'))).toEqual([]);
  });
});

describe('template changes under Kong\'s Helm chart', () => {
  const VALUES = 'image:\n  repository: kong\n  tag: "3.4.2"\nenv:\n  database: "off"\n';
  const helmCheck = async (text: string): Promise<Report> => {
    const dir = tempDir({ 'values.yaml': text });
    const result = await runCli(['check', '--helm-values', join(dir, 'values.yaml'), '--no-db', '--no-config', '--to', '3.9', '--format', 'json', '--fail-on', 'none']);
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as Report;
  };
  const CHART_CHANGES = ['nginx-template-handler-drift', 'nginx-template-new-dns-client-dict'];
  const chartAside = (report: Report) => (report.notApplicableChanges ?? []).filter((c) => CHART_CHANGES.includes(c.id));

  it('are set aside: the chart\'s proxy container runs the image\'s own command', async () => {
    const report = await helmCheck(VALUES);
    expect(chartAside(report).map((c) => c.id)).toEqual(CHART_CHANGES);
    expect(chartAside(report)[0].why).toMatch(/^the Kong chart's proxy container \(.*values\.yaml\) runs kong:3\.4\.2 at .*values\.yaml:3 with the image's own command/);
  });

  it('stay to review under a user-defined mount over the templates, or one whose path is a template', async () => {
    for (const path of ['/usr/local/share/lua/5.1/kong/templates/', '/usr/local/share/lua/5.1', '"{{ .Values.where }}"']) {
      const report = await helmCheck(`${VALUES}deployment:\n  userDefinedVolumeMounts:\n  - name: tpl\n    mountPath: ${path}\n`);
      expect({ path, aside: chartAside(report).map((c) => c.id), reviewed: report.manualReview.map((m) => m.id).filter((id) => CHART_CHANGES.includes(id)) }).toEqual({ path, aside: [], reviewed: CHART_CHANGES });
    }
    // A plugin's folder beside Kong's code changes nothing.
    const beside = await helmCheck(`${VALUES}deployment:\n  userDefinedVolumeMounts:\n  - name: p\n    mountPath: /opt/kong/plugins/mine\n`);
    expect(chartAside(beside).map((c) => c.id)).toEqual(CHART_CHANGES);
  });
});

describe('templateOnlyChanges', () => {
  it('lists the entries only template rules detect', () => {
    const only = templateOnlyChanges(builtinRules);
    expect([...only]).toEqual(expect.arrayContaining(TEMPLATE_CHANGES));
    // Every rule behind each entry reads templates alone.
    for (const id of only) {
      const detecting = builtinRules.filter((rule) => rule.meta.catalog?.includes(id));
      expect({ id, inputs: detecting.map((rule) => rule.meta.inputs) }).toEqual({ id, inputs: detecting.map(() => ['nginxTemplates']) });
    }
    // An entry a kong.conf rule also detects is not one of them.
    const mixed = builtinRules.find((rule) => rule.meta.id === 'conf/cassandra-removed')!.meta.catalog![0];
    expect(only.has(mixed)).toBe(false);
  });
});

describe('stockTemplatesWhy', () => {
  const base: ContainerEnv = { platform: 'compose', file: 'c.yml', unit: 'service kong', userName: 'kong', origin: { kind: 'file', file: 'c.yml', line: 2, column: 3 }, kongImage: true, namedKong: true, image: 'kong:3.4.2', envFrom: [], variables: [], notes: [] };

  it('says why for Kong\'s image run as it is', () => {
    expect(stockTemplatesWhy(base, false)).toMatch(/^service kong runs kong:3\.4\.2 with the image's own command/);
  });

  it('says nothing without a Kong image, for a built image, or under a mount of the templates\' folders', () => {
    expect(stockTemplatesWhy(undefined, false)).toBeUndefined();
    expect(stockTemplatesWhy({ ...base, kongImage: false }, false)).toBeUndefined();
    expect(stockTemplatesWhy(base, true)).toBeUndefined();
    const at = { kind: 'file' as const, file: 'c.yml', line: 9, column: 9 };
    for (const target of ['/', '/usr', '/usr/local/share/lua/5.1/kong', '/usr/local/share/lua/5.1/kong/templates', '/usr/local/share/lua/5.1/kong/templates/nginx_kong.lua']) {
      expect({ target, why: stockTemplatesWhy({ ...base, mounts: [{ source: './x', target, origin: at }] }, false) }).toEqual({ target, why: undefined });
    }
    // Beside the templates, a custom plugin's folder changes nothing.
    expect(stockTemplatesWhy({ ...base, mounts: [{ source: './p', target: '/usr/local/share/lua/5.1/kong/plugins/my-plugin', origin: at }] }, false)).toBeDefined();
    expect(stockTemplatesWhy({ ...base, objectMounts: [{ kind: 'ConfigMap', name: 't', target: '/usr/local/share/lua/5.1/kong/templates', origin: at }] }, false)).toBeUndefined();
  });
});
