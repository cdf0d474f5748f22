// End to end: the environment that compose files and Kubernetes manifests given with
// --image-file start the Kong container with is read as settings: findings at the variable's
// line, precedence over the image's ENV and under the check's own KONG_* variables, secrets and
// values from the shell never read or shown, and one Kong node read out of several.

import { join } from 'node:path';
import { fixture, runCli } from '../support/cli';
import { deploymentYaml } from '../support/kubernetes';
import { tempDir, tempFiles } from '../support/temp';

interface JsonFinding { ruleId: string; messageId: string; severity: string; message: string; location: { kind: string; file?: string; line?: number; column?: number }; data?: Record<string, unknown> }
interface JsonReport { installation: Record<string, { value: string; reason: string }> & { inputs: { kind: string; label: string }[] }; findings: JsonFinding[] }

async function report(args: string[], env: Record<string, string> = {}) {
  const result = await runCli(['check', ...args, '--no-db', '--format', 'json', '--fail-on', 'none'], { env });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as JsonReport;
}

const dir = (name: string) => fixture('platform/container-env', name);
const fileSyntax = (json: JsonReport, kind: string) => json.findings.filter((f) => f.ruleId === 'conf/file-syntax' && f.data?.kind === kind);

describe('compose environment', () => {
  const hybrid = dir('compose-hybrid.yml');

  it('reads the first Kong node of a hybrid file, names the other and how to read it; the migrations task is never read', async () => {
    const json = await report(['--image-file', hybrid, '--to', '3.4']);
    expect(json.installation.topology).toMatchObject({ value: 'hybrid', reason: `role = control_plane at ${hybrid}:25:18` });
    expect(json.installation.inputs.map((i) => i.label).join()).toContain('environment of service kong-cp read as settings; service kong-dp (role data_plane) also runs Kong, not read: pass --role data_plane to read it instead');
    // go_plugins_dir (gone in 3.0) set by the control plane, at its line.
    expect(json.findings.find((f) => f.ruleId === 'conf/removed-property')?.location).toMatchObject({ file: hybrid, line: 27 });
    // The env_file beneath environment:, the merge-key anchor above both: each replaced value is named where it was set.
    const overridden = fileSyntax(json, 'layer-overrides-file');
    expect(overridden).toEqual([expect.objectContaining({ location: expect.objectContaining({ file: dir('cp.env'), line: 3 }), message: expect.stringContaining(`environment KONG_LOG_LEVEL of service kong-cp at ${hybrid}:5`) })]);
    // The migrations task's KONG_LUA_SSL_TRUSTED_CERTIFICATE is not the node's: the property stays unset.
    expect(json.findings.find((f) => f.ruleId === 'conf/default-changed' && f.message.startsWith('`lua_ssl_trusted_certificate` is not set'))).toBeDefined();
    // Installation-wide findings anchor at the service.
    expect(json.findings.find((f) => f.ruleId === 'backup/backup-evidence')?.location).toMatchObject({ file: hybrid, line: 16 });
  });

  it('--role data_plane reads the data plane; a bare variable and one without a value in .env are unreadable, never empty', async () => {
    const json = await report(['--image-file', hybrid, '--to', '3.4', '--role', 'data_plane']);
    expect(json.installation.topology).toMatchObject({ value: 'hybrid', reason: `role = data_plane at ${hybrid}:33:9` });
    expect(json.findings.filter((f) => f.ruleId === 'conf/removed-property')).toEqual([]);
    const unreadable = fileSyntax(json, 'unreadable-value').map((f) => [f.location.line, f.message]);
    expect(unreadable).toEqual([
      [37, expect.stringContaining('environment KONG_PG_USER of service kong-dp is taken from the shell that runs docker compose')],
      [38, expect.stringContaining('depends on PROXY_LISTEN, which has no value in the check\'s environment or the project\'s .env')],
    ]);
    // proxy_listen is set, not empty: no rule judges it. The data plane has no cluster_cert or
    // cluster_cert_key, which Kong refuses for a hybrid role (kong/conf_loader/parse.lua@3.9.3:697-703).
    const invalid = json.findings.filter((f) => f.ruleId === 'conf/value-invalid');
    expect(invalid.map((f) => [f.data?.requirement, f.location.line])).toEqual([['hybrid-cluster-cert', 33]]);
  });

  it('never prints a compose or Kubernetes secret, in any format', async () => {
    for (const format of ['text', 'json', 'sarif', 'markdown', 'junit', 'gitlab']) {
      for (const file of [hybrid, dir('k8s.yaml')]) {
        const result = await runCli(['check', '--image-file', file, '--to', '3.4', '--no-db', '--format', format, '--fail-on', 'none']);
        expect(result.stdout.length).toBeGreaterThan(0);
        expect(result.stdout + result.stderr).not.toMatch(/compose-secret-pass|k8s-secret-value/);
      }
    }
  });

  it('never names a variable read out of a secret value: a `$` inside a password makes the rest look like one', async () => {
    // Shrunk from a fast-check counterexample (test/hardening/property-image-readers.test.ts): the
    // unreadable-value finding named `pgs3cret`, which is the end of the password.
    const project = tempDir({ 'compose.yaml': 'services:\n  kong:\n    image: kong:3.4.2\n    environment:\n      KONG_PG_PASSWORD: hunter$$2$pgs3cret\n      KONG_PG_HOST: $PGHOST\n' }, 'kp-compose-secret-');
    const json = await report(['--image-file', join(project, 'compose.yaml'), '--to', '3.4']);
    expect(fileSyntax(json, 'unreadable-value').map((f) => [f.location.line, f.message])).toEqual([
      [5, expect.stringContaining('depends on a variable written inside its value (not named: the value is a secret), which has no value in the check\'s environment or the project\'s .env')],
      // A variable that is no secret still names what it waits for.
      [6, expect.stringContaining('depends on PGHOST, which has no value')],
    ]);
    expect(JSON.stringify(json)).not.toContain('s3cret');
  });

  it('hides a secret that a later ENV copied into another setting and then emptied', async () => {
    // Shrunk from fast-check seed 777031442: the emptied KONG_PG_PASSWORD no longer held the value,
    // so the report's hiding did not know it, and the topology reason printed `database = <password>`.
    const project = tempDir({ Dockerfile: 'FROM kong:3.4.2\nENV KONG_PG_PASSWORD=s3cr3t-docker\nENV KONG_DATABASE=$KONG_PG_PASSWORD KONG_PG_PASSWORD=\n' }, 'kp-dockerfile-secret-');
    for (const format of ['text', 'json', 'sarif', 'markdown']) {
      const result = await runCli(['check', '--image-file', join(project, 'Dockerfile'), '--to', '3.9', '--no-db', '--format', format, '--fail-on', 'none']);
      expect(result.stdout.length).toBeGreaterThan(0);
      expect(result.stdout + result.stderr).not.toContain('s3cr3t-docker');
    }
  });

  it('lies over the image\'s Dockerfile ENV and under the check\'s own KONG_* variables', async () => {
    const compose = dir('compose-build.yml');
    const dockerfile = dir('Dockerfile.base-env');
    const json = await report(['--image-file', compose, '--image-file', dockerfile, '--to', '3.9']);
    expect(json.installation.topology).toMatchObject({ value: 'dbless', reason: `database = off at ${compose}:7:22` });
    expect(fileSyntax(json, 'layer-overrides-file')).toEqual([expect.objectContaining({ location: expect.objectContaining({ file: dockerfile, line: 2 }), message: expect.stringContaining(`KONG_DATABASE set at ${compose}:7`) })]);
    // The curl client's KONG_ADMIN_URL is no Kong setting.
    expect(json.findings.filter((f) => f.message.includes('admin_url'))).toEqual([]);

    const overridden = await report(['--image-file', compose, '--image-file', dockerfile, '--to', '3.9'], { KONG_DATABASE: 'postgres' });
    expect(overridden.installation.topology.value).toBe('traditional');
    expect(fileSyntax(overridden, 'env-overrides-file')).toEqual([expect.objectContaining({ location: expect.objectContaining({ file: compose, line: 7 }) })]);
  });

  it('reports nothing about a compose file whose environment is clean for the target', async () => {
    const clean = dir('compose-clean.yml');
    const json = await report(['--image-file', clean, '--to', '3.9']);
    expect(json.installation.topology).toMatchObject({ value: 'dbless', reason: expect.stringContaining(`${clean}:5`) });
    expect(json.findings.filter((f) => f.location.file === clean && !['backup/backup-evidence', 'platform/image-tag', 'conf/default-changed'].includes(f.ruleId))).toEqual([]);
  });
});

describe('Kubernetes container environment', () => {
  const manifest = dir('k8s.yaml');

  it('reads the proxy container: envFrom ConfigMaps of the same files, env over them, $(NAME) expanded; Secrets and valueFrom named, never read', async () => {
    const json = await report(['--image-file', manifest, '--to', '3.4']);
    expect(json.installation.inputs.map((i) => i.label).join()).toContain('environment of Deployment kong (container proxy) read as settings');
    expect(json.findings.find((f) => f.ruleId === 'conf/removed-property')?.location).toMatchObject({ file: manifest, line: 57 });
    // KONG_PLUGINS = bundled,$(EXTRA_PLUGINS) from the ConfigMap.
    expect(json.findings.find((f) => f.ruleId === 'plugins/unlocated-custom-plugin')).toMatchObject({ location: { file: manifest, line: 59 }, message: expect.stringContaining('my-plugin') });
    const unreadable = fileSyntax(json, 'unreadable-value').map((f) => [f.location.line, f.message]);
    expect(unreadable).toEqual(expect.arrayContaining([
      [43, expect.stringContaining('envFrom Secret kong-pg')],
      [45, expect.stringContaining('envFrom ConfigMap kong-extra of Deployment kong (container proxy): the ConfigMap is not in the files given')],
      [53, expect.stringContaining('comes from Secret kong-pg (key KONG_PG_PASSWORD) when the pod starts')],
      [61, expect.stringContaining('uses $(POD_IP)')],
    ]));
    // The init container, the ingress controller and the migrations Job are not the Kong node.
    expect(json.findings.filter((f) => /init_only|job_only|controller_kong_admin_url/.test(f.message))).toEqual([]);
  });

  it('says why a container named Kong, of an image of its own with its settings in a Secret, is not read', async () => {
    const manifest = dir('custom-image-secret.yaml');
    const json = await report(['--image-file', manifest, '--from', '2.8.1', '--to', '3.4']);
    const label = json.installation.inputs.map((i) => i.label).join('\n');
    expect(label).toContain('Deployment kong (container kong) not read as a Kong node: its image kong-oidc:2.8.1-alpine is not one of Kong\'s and it sets no KONG_* variable readable here, its envFrom Secret kong-secret being never read');
    // The migrations init container is a task, and Konga takes no Secret: neither is named.
    expect(label).not.toMatch(/kong-migration-bootstrap|konga/);
  });

  it('reads the proxy container of a Kong operator DataPlane in a kind: List', async () => {
    const operator = dir('operator.yaml');
    const json = await report(['--image-file', operator, '--to', '3.4']);
    expect(json.findings.find((f) => f.ruleId === 'conf/pg-ssl-version-enum')?.location).toMatchObject({ file: operator, line: 22 });
    expect(json.findings.filter((f) => f.message.includes('sidecar_only'))).toEqual([]);
  });
});

describe('compose projects of several files, compose v1, the picked node\'s image', () => {
  const base = dir('override/compose.yaml');
  const override = dir('override/compose.override.yaml');

  it('one compose file alone: its own image and settings, the topology reason at the line that sets database', async () => {
    const json = await report(['--image-file', base, '--to', '3.9']);
    expect(json.installation.topology).toMatchObject({ value: 'traditional', reason: `database = postgres at ${base}:5:22` });
    expect(json.installation.from).toMatchObject({ value: '2.8.1' });
  });

  it('merges an override file over the base as docker compose does: image replaced, environment key by key, !reset, no Kong node from a service without image', async () => {
    const json = await report(['--image-file', base, '--image-file', override, '--to', '3.9']);
    expect(json.installation.topology).toMatchObject({ value: 'dbless', reason: `database = off at ${override}:6:22` });
    // The version is the replacing image's; the replaced one runs nowhere and is not reported.
    expect(json.installation.from).toMatchObject({ value: '3.4.2', reason: expect.stringContaining(`${override}:4`) });
    expect(json.findings.filter((f) => f.ruleId === 'platform/image-tag' && f.location.file === base)).toEqual([]);
    // Only database is replaced (KONG_LOG_LEVEL is removed by !reset, not overridden).
    expect(fileSyntax(json, 'layer-overrides-file').map((f) => [f.location.file, f.location.line, f.data?.key ?? f.message.slice(0, 12)])).toEqual([[base, 5, expect.stringContaining('database')]]);
    const labels = json.installation.inputs.map((i) => i.label).join('\n');
    expect(labels).toContain(`${override} (merged over ${base}`);
    expect(labels).not.toMatch(/kong-debug|also runs? Kong/);
  });

  it('a service with neither image nor build (an override given alone) is no Kong node; given after its base, it changes the base\'s', async () => {
    const envOnly = dir('override/compose.env-only.yaml');
    const alone = await report(['--image-file', envOnly, '--from', '3.4', '--to', '3.9']);
    expect(alone.installation.inputs.map((i) => i.label).join()).not.toContain('read as settings');
    expect(alone.installation.topology.value).toBe('traditional');
    const merged = await report(['--image-file', base, '--image-file', envOnly, '--to', '3.9']);
    expect(merged.installation.topology).toMatchObject({ value: 'dbless', reason: `database = off at ${envOnly}:5:22` });
    expect(merged.installation.inputs.map((i) => i.label).join()).not.toMatch(/also runs? Kong/);
  });

  it('takes the version from an image a service gets through extends of a file not given', async () => {
    const compose = dir('extends/compose.yml');
    const json = await report(['--image-file', compose, '--to', '3.4']);
    expect(json.installation.from).toMatchObject({ value: '2.8.1', reason: expect.stringContaining(`${dir('extends/base.yml')}:3`) });
    expect(json.findings.find((f) => f.ruleId === 'conf/removed-property')?.location).toMatchObject({ file: compose, line: 8 });
  });

  it('takes the version from the node --role picks when a hybrid file runs two images', async () => {
    const hybrid = dir('compose-hybrid-images.yml');
    const cp = await report(['--image-file', hybrid, '--to', '3.9']);
    expect(cp.installation.from).toMatchObject({ value: '2.8.1', reason: expect.stringContaining(`${hybrid}:4`) });
    const dp = await report(['--image-file', hybrid, '--to', '3.9', '--role', 'data_plane']);
    expect(dp.installation.from).toMatchObject({ value: '3.4.2', reason: expect.stringContaining(`${hybrid}:9`) });
  });

  it('reads a compose v1 file (services at the top level); an unquoted YAML 1.1 boolean there is unreadable', async () => {
    const v1 = dir('compose-v1.yml');
    const json = await report(['--image-file', v1, '--to', '3.4']);
    expect(json.installation.topology).toMatchObject({ value: 'traditional', reason: `database = postgres at ${v1}:7:20` });
    expect(json.findings.find((f) => f.ruleId === 'conf/removed-property')?.location).toMatchObject({ file: v1, line: 9 });
    expect(fileSyntax(json, 'unreadable-value').map((f) => [f.location.line, f.message])).toEqual([[10, expect.stringContaining('unquoted YAML 1.1 boolean')]]);
  });

  it('does not take Helm values whose top-level maps nest an image map for a compose v1 file', async () => {
    const values = dir('values-not-compose.yaml');
    const json = await report(['--image-file', values, '--to', '3.4']);
    expect(json.installation.inputs.map((i) => i.label).join()).not.toContain('read as settings');
    expect(json.findings.filter((f) => f.ruleId === 'conf/removed-property')).toEqual([]);
  });
});

describe('Kubernetes valueFrom.configMapKeyRef', () => {
  const manifest = dir('k8s-keyref.yaml');
  const configMap = dir('k8s-keyref-configmap.yaml');

  it('reads the key from a ConfigMap among the files given, at its line; an optional key it lacks stays unset; secretKeyRef stays unreadable', async () => {
    const json = await report(['--image-file', manifest, '--image-file', configMap, '--to', '3.4']);
    expect(json.findings.find((f) => f.ruleId === 'conf/pg-ssl-version-enum')?.location).toMatchObject({ file: configMap, line: 6 });
    expect(fileSyntax(json, 'unreadable-value').map((f) => [f.location.line, f.message])).toEqual([[19, expect.stringContaining('comes from Secret kong-pg (key password)')]]);
    for (const format of ['text', 'json', 'sarif', 'markdown']) {
      const result = await runCli(['check', '--image-file', manifest, '--image-file', configMap, '--to', '3.4', '--no-db', '--format', format, '--fail-on', 'none']);
      expect(result.stdout).not.toContain('keyref-secret-value');
    }
  });

  it('without the ConfigMap, the variable is set but unreadable and nothing judges it', async () => {
    const json = await report(['--image-file', manifest, '--to', '3.4']);
    expect(json.findings.filter((f) => f.ruleId === 'conf/pg-ssl-version-enum')).toEqual([]);
    expect(fileSyntax(json, 'unreadable-value').map((f) => [f.location.line, f.message])).toEqual([
      [14, expect.stringContaining('comes from ConfigMap kong-settings (key pg_ssl_version), which is not in the files given')],
      [19, expect.stringContaining('Secret kong-pg')],
      [24, expect.stringContaining('optional')],
    ]);
  });
});

// Sweep 15 (novanovn/kong-deploy, Envoii-Technologies/proxy, nvkex/kong-postgres-template): the
// compose service mounts the project's kong.conf where Kong looks for one when started without
// -c (kong/conf_loader/init.lua@3.4.2 DEFAULT_PATHS): those settings are the node's, under the
// service's environment, at the lines of the project's file.
describe('a kong.conf a compose service mounts at /etc/kong/kong.conf', () => {
  const compose = (volume: string, command = '') => [
    'services:',
    '  kong:',
    '    image: kong:3.1',
    ...(command ? [`    command: ${command}`] : []),
    '    environment:',
    '      KONG_DATABASE: postgres',
    '      KONG_PG_HOST: kong-database',
    '      KONG_SSL_CERT: /etc/ssl/certs/fullchain.pem',
    '    volumes:',
    `      - ${volume}`,
  ].join('\n') + '\n';
  const conf = 'proxy_listen = 0.0.0.0:8000, 0.0.0.0:8443 ssl\nssl_cert = /etc/kong/cert.pem\nproxy_https_listen = 0.0.0.0:8443\n';

  it('reads it as kong.conf, under the service environment, and says where it comes from', async () => {
    const folder = tempDir({ 'docker-compose.yml': compose('./kong.conf:/etc/kong/kong.conf'), 'kong.conf': conf });
    const json = await report(['--image-file', join(folder, 'docker-compose.yml'), '--to', '3.4']);
    expect(json.installation.inputs.find((i) => i.kind === 'kong.conf')?.label)
      .toBe(`${join(folder, 'kong.conf')} (/etc/kong/kong.conf in service kong, mounted at ${join(folder, 'docker-compose.yml')}:9:9: Kong reads it when started without -c)`);
    expect(json.findings.find((f) => f.ruleId === 'conf/unknown-property' && f.message.startsWith('`proxy_https_listen`'))?.location)
      .toMatchObject({ file: join(folder, 'kong.conf'), line: 3 });
    expect(fileSyntax(json, 'layer-overrides-file').map((f) => f.location.line)).toEqual([2]);
    // A whole folder mounted at /etc/kong holds it too.
    const whole = tempDir({ 'docker-compose.yml': compose('./:/etc/kong/'), 'kong.conf': conf });
    const viaFolder = await report(['--image-file', join(whole, 'docker-compose.yml'), '--to', '3.4']);
    expect(viaFolder.installation.inputs.find((i) => i.kind === 'kong.conf')?.label).toContain(`${join(whole, 'kong.conf')} (/etc/kong/kong.conf in service kong`);
  });

  it('is not read when the command names another file, or when the mounted file is not there', async () => {
    const named = tempDir({ 'docker-compose.yml': compose('./kong.conf:/etc/kong/kong.conf', 'kong start -c /opt/kong.conf'), 'kong.conf': conf });
    const withC = await report(['--image-file', join(named, 'docker-compose.yml'), '--to', '3.4']);
    expect(withC.installation.inputs.find((i) => i.kind === 'kong.conf')).toBeUndefined();
    expect(withC.findings.find((f) => f.message.startsWith('`proxy_https_listen`'))).toBeUndefined();
    // The mounted file is absent here: named as not read, the service environment still read.
    const absent = tempDir({ 'docker-compose.yml': compose('./kong.conf:/etc/kong/kong.conf') });
    const without = await report(['--image-file', join(absent, 'docker-compose.yml'), '--to', '3.4']);
    expect(without.installation.inputs.find((i) => i.kind === 'kong.conf')?.label)
      .toBe(`none read (/etc/kong/kong.conf in service kong, mounted from ${join(absent, 'kong.conf')} (${join(absent, 'docker-compose.yml')}:9:9), where Kong looks when started without -c; ${join(absent, 'kong.conf')} is absent on this machine (give it as the first argument to check))`);
  });
});

// A compose `configs:` entry with `file:` is a read-only bind mount at its target (docker/compose
// pkg/compose/create.go buildContainerConfigMounts): a kong.conf delivered that way is the node's.
describe('a kong.conf a compose service gets through `configs:`', () => {
  const compose = (serviceConfigs: string[], topLevel: string[]) => [
    'services:', '  kong:', '    image: kong:3.1', '    environment:', '      KONG_DATABASE: postgres', '    configs:',
    ...serviceConfigs.map((line) => `      ${line}`), 'configs:', ...topLevel.map((line) => `  ${line}`),
  ].join('\n') + '\n';
  const conf = 'proxy_https_listen = 0.0.0.0:8443\n';
  const kongConfInput = (json: JsonReport) => json.installation.inputs.find((i) => i.kind === 'kong.conf')?.label;

  it('reads the file of a config mounted at /etc/kong/kong.conf, long syntax', async () => {
    const folder = tempDir({ 'compose.yml': compose(['- source: kong_conf', '  target: /etc/kong/kong.conf'], ['kong_conf:', '  file: ./conf/kong.conf']), 'conf/kong.conf': conf });
    const json = await report(['--image-file', join(folder, 'compose.yml'), '--to', '3.4']);
    expect(kongConfInput(json)).toContain(`${join(folder, 'conf/kong.conf')} (/etc/kong/kong.conf in service kong`);
    expect(json.findings.find((f) => f.ruleId === 'conf/unknown-property' && f.message.startsWith('`proxy_https_listen`'))?.location)
      .toMatchObject({ file: join(folder, 'conf/kong.conf'), line: 1 });
  });

  it('mounts a short-syntax config at /<name>, not at /etc/kong/kong.conf, and names one without a file as not read', async () => {
    const short = tempDir({ 'compose.yml': compose(['- kong.conf'], ['kong.conf:', '  file: ./kong.conf']), 'kong.conf': conf });
    expect(kongConfInput(await report(['--image-file', join(short, 'compose.yml'), '--to', '3.4']))).toBeUndefined();
    const inline = tempDir({ 'compose.yml': compose(['- source: kong_conf', '  target: /etc/kong/kong.conf'], ['kong_conf:', '  content: |', '    proxy_https_listen = 0.0.0.0:8443']) });
    const json = await report(['--image-file', join(inline, 'compose.yml'), '--to', '3.4']);
    expect(json.findings.find((f) => f.message.startsWith('`proxy_https_listen`'))).toBeUndefined();
    expect(kongConfInput(json)).toContain('config kong_conf (from the content written in the compose file)');
  });
});

// sweep 19, Univers42/mini-baas-infra: a variable set only for the start command, which renders
// kong.yml from a template with sed before `kong docker-start`.
describe('KONG_* variables that the container\'s own command reads', () => {
  const unknown = (json: JsonReport) => json.findings.filter((f) => f.ruleId === 'conf/unknown-property').map((f) => `${f.severity} ${f.messageId} ${String(f.data?.env ?? f.data?.key)}`);

  it('compose: a `$$NAME` of the command is read in the container, so the name is the command\'s (info); `$NAME` is compose\'s own', async () => {
    const compose = [
      'services:', '  kong:', '    image: kong:3.8', '    environment:', '      KONG_DATABASE: "off"',
      '      KONG_ANON_UUID: cd4f782c', '      KONG_SITE_NAME: demo', '      KONG_PG_HOTS: db',
      '    command: >', '      sh -ec \'sed -e "s|__ANON__|$${KONG_ANON_UUID}|g" -e "s|__SITE__|$KONG_SITE_NAME|g" -e "s|__HOST__|$$KONG_PG_HOTS|g" /t > /tmp/kong.yml; exec /docker-entrypoint.sh kong docker-start\'', '',
    ].join('\n');
    const project = tempDir({ 'compose.yaml': compose }, 'kp-compose-command-vars-');
    const json = await report(['--image-file', join(project, 'compose.yaml'), '--to', '3.9']);
    expect(unknown(json).sort()).toEqual([
      'info commandVariable KONG_ANON_UUID',
      // Compose substitutes `$KONG_SITE_NAME` from the project's environment: the container never reads it.
      'warning unknown site_name',
      // Close to pg_host: it may be a misspelt setting, whatever reads it.
      'warning unknown pg_hots',
    ].sort());
    expect(json.findings.find((f) => f.messageId === 'commandVariable')?.message).toBe('KONG_ANON_UUID is read by the command of service kong and names no Kong 3.9.3 property (`anon_uuid`), nor any close to it: Kong reads a KONG_ variable only for a property it declares, so it ignores this one, before and after the upgrade.');
  });

  it('Kubernetes: `$(NAME)` in args and `$NAME` in a shell string are read from the container\'s environment', async () => {
    const manifest = [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: kong', 'spec:', '  template:', '    spec:', '      containers:',
      '      - name: proxy', '        image: kong:3.8', '        command: ["sh", "-c"]',
      '        args: ["render --id $(KONG_ANON_UUID) --site $KONG_SITE_NAME && kong docker-start"]', '        env:',
      '        - {name: KONG_DATABASE, value: "off"}', '        - {name: KONG_ANON_UUID, value: cd4f782c}', '        - {name: KONG_SITE_NAME, value: demo}', '        - {name: KONG_TEAM, value: a}', '',
    ].join('\n');
    const project = tempDir({ 'deploy.yaml': manifest }, 'kp-k8s-command-vars-');
    const json = await report(['--image-file', join(project, 'deploy.yaml'), '--to', '3.9']);
    expect(unknown(json).sort()).toEqual(['info commandVariable KONG_ANON_UUID', 'info commandVariable KONG_SITE_NAME', 'warning unknown team']);
  });
});

// docker19 noticed: `kong migrations up && kong start` in one service was taken for a migrations
// task, so the node's own environment was never read.
describe('a service that runs its migrations, then Kong', () => {
  it('is a Kong node; a service that only runs migrations stays a task', async () => {
    const compose = [
      'services:',
      '  kong-migrations:', '    image: kong:3.4.2', '    command: kong migrations bootstrap', '    environment:', '      KONG_LOG_LEVEL: debug',
      '  kong:', '    image: kong:3.4.2', '    command: sh -c "kong migrations bootstrap && kong migrations up && kong start --vv"', '    environment:', '      KONG_DATABASE: postgres', '      KONG_PG_HOTS: db',
      '',
    ].join('\n');
    const project = tempDir({ 'compose.yaml': compose }, 'kp-compose-migrate-start-');
    const json = await report(['--image-file', join(project, 'compose.yaml'), '--to', '3.9']);
    const label = json.installation.inputs.map((i) => i.label).join();
    expect(label).toContain('environment of service kong read as settings');
    expect(label).toContain('service kong-migrations not read: it runs `kong migrations bootstrap`');
    expect(json.findings.filter((f) => f.ruleId === 'conf/unknown-property').map((f) => f.data?.key)).toEqual(['pg_hots']);
  });
});

// sweep20 noticed: a hybrid compose file whose first service only runs `kong hybrid gen_cert`
// to write the cluster certificate had that helper read as the Kong node (no KONG_* variables,
// so traditional), and the data plane below it was never read.
describe('a service that only writes the cluster certificate', () => {
  it('is a task, not the Kong node: the node below it is read', async () => {
    const compose = [
      'services:',
      '  kong-gencert:', '    image: kong:2.8.1', '    command: "kong hybrid gen_cert /certs/cluster.crt /certs/cluster.key"', '    volumes:', '      - ./certs:/certs',
      '  kong-dp:', '    image: kong:2.8.1', '    environment:', '      - "KONG_ROLE=data_plane"', '      - "KONG_DATABASE=off"', '      - "KONG_CLUSTER_CONTROL_PLANE=kong-cp:8005"',
      '  kong-check:', '    image: kong:2.8.1', '    command: ["kong", "check", "/etc/kong/kong.conf"]',
      '',
    ].join('\n');
    const project = tempDir({ 'compose.yaml': compose }, 'kp-compose-gencert-');
    const json = await report(['--image-file', join(project, 'compose.yaml'), '--to', '3.4']);
    const label = json.installation.inputs.map((i) => i.label).join();
    expect(label).toContain('environment of service kong-dp read as settings');
    expect(label).toContain('service kong-gencert not read: it runs `kong hybrid gen_cert /certs/cluster.crt /certs/cluster.key`');
    expect(label).toContain('service kong-check not read: it runs `kong check /etc/kong/kong.conf`');
    expect(json.installation.topology).toMatchObject({ value: 'hybrid', reason: expect.stringContaining('role = data_plane') });
  });
});

// sweep20 noticed: TRANSIT-Team/TRANSIT-Data-Trust kong/docker-compose.yml starts its migrations
// through a script (`/bin/sh start-bootstrap.sh`) in a service named kong-migration-bootstrap
// listed first; that service was read as the node and the kong service below it (its plugins,
// listeners, headers) never was.
describe('a service whose name says it runs the migrations through a script', () => {
  it('is passed over for a Kong service of the same role that is not named so', async () => {
    const compose = [
      'services:',
      '  kong-migration-bootstrap:', '    image: kong:2.8.1', '    command: "/bin/sh start-bootstrap.sh"', '    environment:', '      KONG_DATABASE: postgres', '      KONG_PG_HOST: kong-db',
      '  kong:', '    image: kong:2.8.1', '    command: "/bin/sh start.sh"', '    environment:', '      KONG_DATABASE: postgres', '      KONG_PG_HOST: kong-db', '      KONG_PLUGINS: bundled,oidc', '      KONG_HEADERS: "off"',
      '',
    ].join('\n');
    const project = tempDir({ 'compose.yaml': compose }, 'kp-compose-migration-script-');
    const json = await report(['--image-file', join(project, 'compose.yaml'), '--to', '3.4']);
    const label = json.installation.inputs.map((i) => i.label).join();
    expect(label).toContain('environment of service kong read as settings');
    expect(label).toContain('service kong-migration-bootstrap (role traditional) also runs Kong with the same role, not read: only one Kong container is read, the first whose name does not say it runs migrations');
    expect(json.findings.filter((f) => f.ruleId === 'plugins/unlocated-custom-plugin').map((f) => f.data?.name)).toEqual(['oidc']);
  });

  it('is still read when every Kong service is named so', async () => {
    const compose = ['services:', '  kong-migrations:', '    image: kong:2.8.1', '    command: "/bin/sh migrate.sh"', '    environment:', '      KONG_DATABASE: "off"', ''].join('\n');
    const project = tempDir({ 'compose.yaml': compose }, 'kp-compose-migration-only-');
    const json = await report(['--image-file', join(project, 'compose.yaml'), '--to', '3.4']);
    expect(json.installation.inputs.map((i) => i.label).join()).toContain('environment of service kong-migrations read as settings');
  });
});

describe('settings Kong refuses together, judged only from what reaches it', () => {
  const requirements = (json: JsonReport) => json.findings.filter((f) => f.ruleId === 'conf/value-invalid' && f.messageId === 'unmetRequirement').map((f) => f.data?.requirement);
  const dataPlane = (lines: string[]) => tempFiles({
    'dp.yaml': deploymentYaml({ image: 'kong:3.4.2', lines: ['          env:', '            - name: KONG_ROLE', '              value: data_plane', ...lines] }),
  });

  it('reports a data plane without its cluster certificate pair', async () => {
    const json = await report(['--image-file', dataPlane(['            - name: KONG_DATABASE', '              value: "off"']), '--to', '3.9']);
    expect(requirements(json)).toEqual(['hybrid-cluster-cert']);
  });

  it('takes a pair read from a Secret as set', async () => {
    const fromSecret = (name: string, key: string) => [`            - name: ${name}`, '              valueFrom:', '                secretKeyRef:', '                  name: kong-cluster', `                  key: ${key}`];
    const json = await report(['--image-file', dataPlane([
      '            - name: KONG_DATABASE', '              value: "off"', ...fromSecret('KONG_CLUSTER_CERT', 'tls.crt'), ...fromSecret('KONG_CLUSTER_CERT_KEY', 'tls.key'),
    ]), '--to', '3.9']);
    expect(requirements(json)).toEqual([]);
  });

  it('says nothing of a missing pair an envFrom Secret may hold, and still reports what the visible settings refuse', async () => {
    const envFrom = ['          envFrom:', '            - secretRef:', '                name: kong-dp-settings'];
    const quiet = await report(['--image-file', tempFiles({ 'dp.yaml': deploymentYaml({ image: 'kong:3.4.2', lines: ['          env:', '            - name: KONG_ROLE', '              value: data_plane', '            - name: KONG_DATABASE', '              value: "off"', ...envFrom] }) }), '--to', '3.9']);
    expect(requirements(quiet)).toEqual([]);
    // role and database are both written here: an unseen variable cannot change them.
    const loud = await report(['--image-file', tempFiles({ 'dp.yaml': deploymentYaml({ image: 'kong:3.4.2', lines: ['          env:', '            - name: KONG_ROLE', '              value: data_plane', '            - name: KONG_DATABASE', '              value: postgres', ...envFrom] }) }), '--to', '3.9']);
    expect(requirements(loud)).toEqual(['data-plane-database']);
  });
});
