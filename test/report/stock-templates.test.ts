// Template changes on the path concern custom or patched nginx templates only: a container that
// starts one of Kong's images as they do (their own command, or one that still runs their
// entrypoint script with `kong docker-start`), or an image built on one that copies nothing over
// the templates, sets them aside with why; any sign of a custom template (--nginx-conf, a command
// not known to start Kong that way, a mount or a copy over Kong's templates, templates given)
// keeps them.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRules } from '../../rules';
import { templateOnlyChanges } from '../../src/engine/manual-review';
import { nodeTemplates } from '../../src/inputs/images/stock-templates';
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
      ['an image built from a Dockerfile that patches the templates', { 'docker-compose.yml': ['services:', '  kong:', '    build: .', '    environment:', '      KONG_DATABASE: postgres', ''].join('\n'), Dockerfile: 'FROM kong:2.8.4\nUSER root\nRUN sed -i "s/a/b/" /usr/local/share/lua/5.1/kong/templates/nginx_kong.lua\n' }, []],
      ['an image built from a Dockerfile that sets its own entrypoint', { Dockerfile: 'FROM kong:2.8.4\nCOPY start.sh /start.sh\nENTRYPOINT ["/start.sh"]\n' }, []],
      ['an image built from a Dockerfile that replaces the entrypoint script', { Dockerfile: 'FROM kong:2.8.4\nCOPY my-entrypoint.sh /docker-entrypoint.sh\n' }, []],
      ['a command that runs `kong docker-start` without the entrypoint script', { 'docker-compose.yml': compose('    entrypoint: ["kong", "docker-start"]') }, []],
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

describe('template changes for built images, replaced commands and unread volumes (fixtures)', () => {
  const at = (...parts: string[]) => fixture('platform', 'stock-templates', ...parts);
  const run = async (...files: string[]): Promise<Report & { notEvaluated: { ruleId: string; reason: string }[] }> => {
    const result = await runCli(['check', ...files.flatMap((file) => ['--image-file', file]), '--no-db', '--no-config', '--to', '3.4', '--format', 'json', '--fail-on', 'none']);
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as Report;
  };
  const templateReason = (report: Report) => report.notEvaluated.find((n) => n.ruleId === 'nginx/template-missing-elements')?.reason;

  it('set aside for an image built on Kong\'s that keeps its command and copies nothing over the templates (its first stage\'s copy stays there)', async () => {
    const compose = await run(at('built-stock', 'docker-compose.yml'));
    expect(reviewed(compose)).toEqual([]);
    expect(setAside(compose)[0].why).toMatch(/^service kong runs an image built from .*built-stock\/Dockerfile on kong:2\.8\.4 at .*Dockerfile:6, which copies nothing over Kong's templates or its entrypoint script, with the image's own command \(`kong docker-start`, no --nginx-conf\)/);
    // Given alone, the Dockerfile speaks for the image it builds.
    const alone = await run(at('built-stock', 'Dockerfile'));
    expect(setAside(alone)[0].why).toMatch(/^the image built from .*Dockerfile on kong:2\.8\.4 at .*:6, which copies nothing over Kong's templates or its entrypoint script, runs with the image's own command/);
  });

  it('kept for an image whose last stage copies a template over Kong\'s, saying which step', async () => {
    const report = await run(at('built-patched', 'Dockerfile'));
    expect(setAside(report)).toEqual([]);
    expect(reviewed(report).sort()).toEqual([...TEMPLATE_CHANGES].sort());
    expect(templateReason(report)).toMatch(/which may be so here: COPY at .*built-patched\/Dockerfile:6 writes to \/usr\/local\/share\/lua\/5\.1\/kong\/templates\/nginx_kong\.lua, over \/usr\/local\/share\/lua\/5\.1\/kong\/templates of Kong's image/);
  });

  it('set aside for a command that still runs the entrypoint script with `kong docker-start`, in compose and Kubernetes', async () => {
    const compose = await run(at('command-stock', 'docker-compose.yml'));
    expect(setAside(compose)[0].why).toMatch(/^service kong runs kong:2\.8\.4 with a command that still starts it as the image does \(`\/docker-entrypoint\.sh kong docker-start` at .*docker-compose\.yml:5, no --nginx-conf\)/);
    const kubernetes = await run(at('kubernetes', 'deploy-args.yaml'));
    expect(setAside(kubernetes)[0].why).toMatch(/^Deployment kong \(container proxy\) runs kong:2\.8\.4 with a command that still starts it as the image does \(`kong docker-start` at .*deploy-args\.yaml:16/);
  });

  it('kept for a command that passes --nginx-conf, and the template it names read when a mount of the project holds it', async () => {
    const result = await runCli(['check', '--image-file', at('command-nginx-conf', 'docker-compose.yml'), '--no-db', '--no-config', '--to', '3.4', '--format', 'json', '--fail-on', 'none']);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as Report & { installation: { inputs: { kind: string; label: string }[] }; findings: { ruleId: string; location?: { file?: string } }[] };
    expect(setAside(report)).toEqual([]);
    expect(report.installation.inputs.filter((input) => input.kind === 'nginx template').map((input) => input.label)).toEqual([
      expect.stringMatching(/command-nginx-conf\/custom-nginx\.conf \(not given, read because service kong starts Kong with --nginx-conf \/etc\/kong\/custom-nginx\.conf \(.*docker-compose\.yml:4\), mounted from .*custom-nginx\.conf \(.*docker-compose\.yml:8:9\)\)$/),
    ]);
    // The template rules ran on it.
    expect(templateReason(report)).toBeUndefined();
    expect(report.findings.some((finding) => finding.ruleId === 'nginx/template-missing-elements')).toBe(true);
  });

  it('kept for a Dockerfile CMD that passes --nginx-conf, and the template it names read from the COPY that puts it there', async () => {
    const result = await runCli(['check', '--image-file', at('built-nginx-conf', 'Dockerfile'), '--no-db', '--no-config', '--to', '3.4', '--format', 'json', '--fail-on', 'none']);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as Report & { installation: { inputs: { kind: string; label: string }[] }; findings: { ruleId: string }[] };
    expect(setAside(report)).toEqual([]);
    expect(report.installation.inputs.filter((input) => input.kind === 'nginx template').map((input) => input.label)).toEqual([
      expect.stringMatching(/built-nginx-conf\/custom-nginx\.conf \(not given, read because the image built from .*Dockerfile starts Kong with --nginx-conf \/etc\/kong\/custom-nginx\.conf \(.*Dockerfile:4\), copied to \/etc\/kong\/custom-nginx\.conf by COPY at .*Dockerfile:3 from the build context/),
    ]);
    expect(report.findings.some((finding) => finding.ruleId === 'nginx/template-missing-elements')).toBe(true);
  });

  it('checks a given template that looks rendered as the one Kong starts with when the --nginx-conf mount holds it', async () => {
    const rendered = readFileSync(fixture('nginx', 'rendered-nginx.conf'), 'utf8');
    const files = { 'docker-compose.yml': compose('    command: kong docker-start --nginx-conf /etc/kong/t.conf', '    volumes:', '      - ./t.conf:/etc/kong/t.conf'), 't.conf': rendered };
    const dir = tempDir(files);
    const result = await runCli(['check', '--image-file', join(dir, 'docker-compose.yml'), '--nginx-template', join(dir, 't.conf'), '--no-db', '--no-config', '--to', '3.4', '--format', 'json', '--fail-on', 'none']);
    const report = JSON.parse(result.stdout) as { installation: { inputs: { kind: string; label: string }[] } };
    expect(report.installation.inputs.find((input) => input.label.startsWith(join(dir, 't.conf')))?.label).toMatch(/\(it looks rendered, but service kong starts Kong with --nginx-conf \/etc\/kong\/t\.conf \(.*docker-compose\.yml:6\), mounted from .*t\.conf .*: checked as the template Kong starts with\)$/);
  });

  it('reads a relative --nginx-conf in the service\'s working_dir, where Kong opens it, and leaves it unread when no working folder is known', async () => {
    const template = readFileSync(at('command-nginx-conf', 'custom-nginx.conf'), 'utf8');
    const compose = (...lines: string[]) => ['services:', '  kong:', '    image: kong:2.8.4', '    command: kong docker-start --nginx-conf nginx/t.conf', ...lines, '    volumes:', '      - ./t.conf:/opt/kong/nginx/t.conf', ''].join('\n');
    const inputsOf = async (composeText: string) => {
      const dir = tempDir({ 'docker-compose.yml': composeText, 't.conf': template });
      const result = await runCli(['check', '--image-file', join(dir, 'docker-compose.yml'), '--no-db', '--no-config', '--to', '3.4', '--format', 'json', '--fail-on', 'none']);
      return (JSON.parse(result.stdout) as { installation: { inputs: { kind: string; label: string }[] } }).installation.inputs.filter((input) => input.kind === 'nginx template').map((input) => input.label);
    };
    expect(await inputsOf(compose('    working_dir: /opt/kong'))).toEqual([
      expect.stringMatching(/t\.conf \(not given, read because service kong starts Kong with --nginx-conf nginx\/t\.conf \(.*docker-compose\.yml:4\), \/opt\/kong\/nginx\/t\.conf from the working folder \/opt\/kong, mounted from .*t\.conf/),
    ]);
    expect(await inputsOf(compose())).toEqual([]);
  });

  it('kept for --nginx-conf with the reason when the template is not read: no mount holds it, the mounted file is absent, or it is no Kong template', async () => {
    const compose = (...lines: string[]) => ['services:', '  kong:', '    image: kong:2.8.4', '    command: kong docker-start --nginx-conf /etc/kong/t.conf', '    environment:', '      KONG_DATABASE: postgres', ...lines, ''].join('\n');
    const unmounted = await check({ 'docker-compose.yml': compose() });
    expect(reviewed(unmounted).sort()).toEqual([...TEMPLATE_CHANGES].sort());
    expect(templateReason(unmounted)).toMatch(/which may be so here: service kong starts Kong with --nginx-conf \/etc\/kong\/t\.conf \(.*docker-compose\.yml:4\): Kong renders that template, not its own\)$/);
    const absent = await check({ 'docker-compose.yml': compose('    volumes:', '      - ./t.conf:/etc/kong/t.conf') });
    expect(templateReason(absent)).toMatch(/^no --nginx-template FILE given, and the template Kong starts with is not read here: service kong starts Kong with --nginx-conf \/etc\/kong\/t\.conf .*; .*t\.conf is absent on this machine \(give it with --nginx-template\)$/);
    const notKong = await check({ 'docker-compose.yml': compose('    volumes:', '      - ./t.conf:/etc/kong/t.conf'), 't.conf': 'events {}\nhttp { server { listen 80; } }\n' });
    expect(reviewed(notKong).sort()).toEqual([...TEMPLATE_CHANGES].sort());
    expect(templateReason(notKong)).toMatch(/^no --nginx-template FILE given, and .*t\.conf was not read as the template: not a Kong nginx template/);
  });

  it('kept under a named volume or a PersistentVolumeClaim over the templates, whose files are not read', async () => {
    const compose = await run(at('named-volume', 'docker-compose.yml'));
    expect(setAside(compose)).toEqual([]);
    expect(templateReason(compose)).toMatch(/service kong mounts a named volume kong_lua at \/usr\/local\/share\/lua\/5\.1 \(.*docker-compose\.yml:7\), over \/usr\/local\/share\/lua\/5\.1\/kong\/templates of Kong's image: its files are not read here/);
    const kubernetes = await run(at('kubernetes', 'deploy-pvc.yaml'));
    expect(setAside(kubernetes)).toEqual([]);
    expect(templateReason(kubernetes)).toMatch(/Deployment kong \(container proxy\) mounts a persistentVolumeClaim volume templates at \/usr\/local\/share\/lua\/5\.1\/kong\/templates \(.*deploy-pvc\.yaml:19\)/);
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

describe('nodeTemplates', () => {
  const base: ContainerEnv = { platform: 'compose', file: 'c.yml', unit: 'service kong', userName: 'kong', origin: { kind: 'file', file: 'c.yml', line: 2, column: 3 }, kongImage: true, namedKong: true, image: 'kong:3.4.2', envFrom: [], variables: [], notes: [] };
  const at = { kind: 'file' as const, file: 'c.yml', line: 9, column: 9 };

  it('says why for Kong\'s image run as it is', () => {
    expect(nodeTemplates(base, undefined).stock).toMatch(/^service kong runs kong:3\.4\.2 with the image's own command/);
  });

  it('says nothing without a Kong image, and why not under a mount of the templates\' folders or the entrypoint script', () => {
    expect(nodeTemplates(undefined, undefined)).toEqual({});
    expect(nodeTemplates({ ...base, kongImage: false }, undefined)).toEqual({});
    for (const target of ['/', '/usr', '/usr/local/share/lua/5.1/kong', '/usr/local/share/lua/5.1/kong/templates', '/usr/local/share/lua/5.1/kong/templates/nginx_kong.lua', '/docker-entrypoint.sh']) {
      const read = nodeTemplates({ ...base, mounts: [{ source: './x', target, origin: at }] }, undefined);
      expect({ target, stock: read.stock, open: read.open }).toEqual({ target, stock: undefined, open: expect.stringContaining(`service kong mounts ./x at ${target} (c.yml:9), over `) });
    }
    // Beside the templates, a custom plugin's folder changes nothing.
    expect(nodeTemplates({ ...base, mounts: [{ source: './p', target: '/usr/local/share/lua/5.1/kong/plugins/my-plugin', origin: at }] }, undefined).stock).toBeDefined();
    expect(nodeTemplates({ ...base, objectMounts: [{ kind: 'ConfigMap', name: 't', target: '/usr/local/share/lua/5.1/kong/templates', origin: at }] }, undefined).open).toMatch(/^service kong mounts ConfigMap t at/);
  });

  it('keeps the question open under a mount whose files are not read: a named volume, a PersistentVolumeClaim, a target not known', () => {
    const volume = nodeTemplates({ ...base, opaqueMounts: [{ what: 'named volume kong_lua', target: '/usr/local/share/lua/5.1', origin: at }] }, undefined);
    expect(volume).toEqual({ open: 'service kong mounts a named volume kong_lua at /usr/local/share/lua/5.1 (c.yml:9), over /usr/local/share/lua/5.1/kong/templates of Kong\'s image: its files are not read here, so it may hold other templates' });
    expect(nodeTemplates({ ...base, opaqueMounts: [{ what: 'volume ${WHERE}, which depends on a variable without a value here', origin: at }] }, undefined).open).toMatch(/over a path not known here: its files/);
    // A volume for Kong's prefix hides no template.
    expect(nodeTemplates({ ...base, opaqueMounts: [{ what: 'named volume prefix', target: '/usr/local/kong', origin: at }] }, undefined).stock).toBeDefined();
  });

  it('follows a replaced command or entrypoint to the words the container starts with', () => {
    const command = (words: string[] | undefined, field: 'command' | 'entrypoint' = 'command') => nodeTemplates({ ...base, run: { [field]: { ...(words ? { words } : {}), origin: at } } }, undefined);
    expect(command(['kong', 'docker-start']).stock).toMatch(/^service kong runs kong:3\.4\.2 with a command that still starts it as the image does \(`kong docker-start` at c\.yml:9, no --nginx-conf\)/);
    expect(command(['/entrypoint.sh', 'kong', 'docker-start'], 'entrypoint').stock).toBeDefined();
    expect(command(['kong', 'docker-start', '--nginx-conf=/t.conf']).open).toBe('service kong starts Kong with --nginx-conf /t.conf (c.yml:9): Kong renders that template, not its own');
    expect(command(['kong', 'start']).open).toMatch(/^the command of service kong \(c\.yml:9\) does not start Kong as the image does/);
    expect(command(undefined).open).toMatch(/^the command of service kong \(c\.yml:9\) is not fully known here/);
    // Compose's entrypoint drops the image's CMD: the script alone starts no Kong.
    expect(command(['/docker-entrypoint.sh'], 'entrypoint').open).toBeDefined();
  });
});
