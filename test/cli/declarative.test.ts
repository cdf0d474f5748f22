// --declarative and --fix-output through the CLI.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture, runCli } from '../support/cli';
import { deploymentYaml } from '../support/kubernetes';

describe('check --declarative', () => {
  it('reports findings with the file line and fails on blockers', async () => {
    const result = await runCli(['check', '--from', '2.8.2', '--to', '3.4', '--declarative', fixture('declarative/plugins-3-0.yml'), '-f', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    const text = JSON.stringify(report);
    expect(text).toContain('entities/plugin-field-renamed');
    expect(text).toContain('plugins-3-0.yml');
  });

  it('accepts a folder and repeats', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-decl-'));
    writeFileSync(join(dir, 'a.yml'), '_format_version: "3.0"\nroutes: [{name: r, paths: ["/a/\\\\d+"]}]\n');
    writeFileSync(join(dir, 'b.json'), '{"_format_version": "3.0", "services": []}');
    const result = await runCli(['check', '--from', '2.8.2', '--to', '3.4', '--declarative', dir, '--declarative', fixture('declarative/clean-3x.yml')]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('a.yml:2');
    expect(result.stdout).toContain('entities/route-regex-path-without-tilde');
  });

  // An AI gateway file (ai-proxy-advanced, Enterprise only) checked to 3.10 without --edition was
  // read as OSS and failed on "Kong OSS has no 3.10 release" (sweep 7, ssorren/mcp-example).
  it('takes the edition from an Enterprise-only plugin of the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-decl-'));
    writeFileSync(join(dir, 'kong.yaml'), '_format_version: "3.0"\nservices:\n- name: llm\n  url: http://llm\n  plugins:\n  - name: ai-proxy-advanced\n    config: {targets: []}\n');
    const result = await runCli(['check', '--no-db', '--from', '3.4', '--to', '3.10', '--declarative', join(dir, 'kong.yaml'), '-f', 'json']);
    const report = JSON.parse(result.stdout);
    expect(report.installation.edition).toEqual({ value: 'enterprise', reason: expect.stringContaining('Enterprise-only plugin ai-proxy-advanced at ') });
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId === 'path/upgrade-path')).toEqual([]);
    expect(result.code).toBe(0);
    writeFileSync(join(dir, 'kong.yaml'), '_format_version: "3.0"\nservices:\n- name: llm\n  url: http://llm\n  plugins:\n  - name: ai-proxy\n    config: {route_type: llm/v1/chat}\n');
    const oss = JSON.parse((await runCli(['check', '--no-db', '--from', '3.4', '--to', '3.9', '--declarative', join(dir, 'kong.yaml'), '-f', 'json'])).stdout);
    expect(oss.installation.edition.value).toBe('oss');
  });

  it('makes a missing file an input error (exit 2, one line)', async () => {
    const result = await runCli(['check', '--from', '2.8.2', '--to', '3.4', '--declarative', 'nope/kong.yml']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('nope/kong.yml');
  });

  it('lists the declarative rules as not evaluated when declarative_config is absent here', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-decl-'));
    writeFileSync(join(dir, 'kong.conf'), 'database = off\ndeclarative_config = /etc/kong/kong.yml\n');
    const result = await runCli(['check', join(dir, 'kong.conf'), '--from', '2.8.2', '--to', '3.4', '-f', 'json']);
    const report = JSON.stringify(JSON.parse(result.stdout));
    expect(report).toMatch(/declarative\/format-version[^}]*absent on this machine/);
  });
});

// Kong Ingress Controller plugin resources are plugins the controller sends to Kong: checked
// against the target's plugin schemas, located in the manifest's own lines, document by document.
describe('check --declarative with a Kubernetes manifest', () => {
  const MANIFEST = 'declarative/kic-plugins.yml';

  it('checks KongPlugin and KongClusterPlugin resources at their lines and names the rest as not checked', async () => {
    const result = await runCli(['check', '--no-db', '--from', '2.8.2', '--to', '3.4', '--declarative', fixture(MANIFEST), '-f', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    const found = report.findings
      .filter((f: { ruleId: string }) => /^(entities|declarative)\//.test(f.ruleId))
      .map((f: { ruleId: string; location: { line: number }; message: string }) => `${f.ruleId} @${f.location.line} ${f.message.split(':')[0]}`);
    expect(found.sort()).toEqual([
      `declarative/kubernetes-manifest @1 ${fixture(MANIFEST)} is a Kubernetes manifest. Checked as the Kong plugins the Ingress Controller makes of them`,
      'declarative/kubernetes-manifest @67 KongPlugin "lambda" (namespace api)',
      'entities/plugin-field-renamed @19 KongPlugin "office-only" (namespace api, plugin ip-restriction)',
      'entities/plugin-field-renamed @58 KongClusterPlugin "global-acl" (plugin acl)',
      'entities/plugin-field-renamed @94 KongPlugin "legacy-fn" (namespace jobs, plugin pre-function)',
    ]);
    // A manifest has no _format_version and is no Kong file: no format finding, no --fix-output copy.
    expect(report.findings.some((f: { ruleId: string }) => f.ruleId === 'declarative/format-version')).toBe(false);
    expect(report.installation.inputs).toContainEqual({ kind: 'Kubernetes manifest (KongPlugin, KongClusterPlugin)', label: fixture(MANIFEST) });
  });

  it('does not report the clean KongPlugin', async () => {
    const result = await runCli(['check', '--no-db', '--from', '2.8.2', '--to', '3.9', '--declarative', fixture(MANIFEST), '-f', 'json']);
    const report = JSON.parse(result.stdout);
    expect(JSON.stringify(report.findings)).not.toContain('rate-limit-5');
    // The same manifest to 3.9 reports the Redis fields of another rate-limiting resource: the resource was read.
    expect(JSON.stringify(report.findings)).toContain('KongPlugin \\"shared-quota\\"');
  });

  it('never prints what the Secrets hold or which Secret a plugin reads, in any format', async () => {
    for (const format of ['text', 'json', 'sarif', 'markdown', 'junit', 'gitlab']) {
      const result = await runCli(['check', '--no-db', '--from', '2.8.2', '--to', '3.4', '--declarative', fixture(MANIFEST), '-f', format]);
      expect(result.stdout).toContain('configFrom');
      for (const secret of ['AKIAEXAMPLESECRETKEY', 's3cr3t-do-not-print', 'lambda-credentials']) {
        expect(result.stdout).not.toContain(secret);
        expect(result.stderr).not.toContain(secret);
      }
    }
  });

  it('--fix-output refuses a manifest, and names it as not converted beside a kong.yml it converts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-kic-'));
    const alone = await runCli(['check', '--no-db', '--from', '2.8.2', '--to', '3.4', '--declarative', fixture(MANIFEST), '--fix-output', join(dir, 'out.yml')]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('kic-plugins.yml is a Kubernetes manifest: its KongPlugin and KongClusterPlugin resources are checked, but --fix-output does not rewrite Kubernetes manifests');
    expect(existsSync(join(dir, 'out.yml'))).toBe(false);
    const beside = await runCli(['check', '--no-db', '--from', '2.8.2', '--to', '3.4', '--declarative', fixture(MANIFEST), '--declarative', fixture('declarative/plugins-3-0.yml'), '--fix-output', join(dir, 'out.yml'), '--fail-on', 'none']);
    expect(beside.code).toBe(0);
    expect(beside.stderr).toContain(`not converted  ${fixture(MANIFEST)}: its KongPlugin`);
    expect(readFileSync(join(dir, 'out.yml'), 'utf8')).not.toContain('KongPlugin');
  });
});

// Kong's Helm chart writes dblessConfig.config into a ConfigMap as `kong.yml: |`
// (Kong/charts charts/kong/templates/config-dbless.yaml@e76b800): checked where it is written.
describe('check --declarative with a ConfigMap holding a kong.yml', () => {
  const CONFIGMAP = 'declarative/configmap-dbless.yml';
  const summary = (stdout: string) => JSON.parse(stdout).findings
    .filter((f: { ruleId: string }) => /^(entities|declarative)\//.test(f.ruleId))
    .map((f: { ruleId: string; location: { line: number; column: number }; fingerprint: string }) => ({ rule: f.ruleId, at: `${f.location.line}:${f.location.column}`, fingerprint: f.fingerprint }));

  it('checks the configuration in place: findings at the manifest\'s lines and columns, the input named by its ConfigMap', async () => {
    const result = await runCli(['check', '--no-db', '--from', '2.8.2', '--to', '3.4', '--declarative', fixture(CONFIGMAP), '-f', 'json']);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(summary(result.stdout).map(({ rule, at }: { rule: string; at: string }) => `${rule} ${at}`)).toEqual([
      'declarative/format-version 8:22',
      'entities/route-regex-path-without-tilde 14:17',
    ]);
    expect(report.installation.inputs).toContainEqual({ kind: 'declarative (kong.yml)', label: `\`data.kong.yml\` of ConfigMap kong-dbless in ${fixture(CONFIGMAP)}` });
    // Kong loads the ConfigMap's 1.1 kong.yml itself and adds the `~` as it does: said as such, not as a broken route.
    const route = report.findings.find((f: { ruleId: string }) => f.ruleId === 'entities/route-regex-path-without-tilde');
    expect(route).toMatchObject({ messageId: 'prefixedOnLoad', severity: 'info' });
    // In text too, at FILE:LINE:COLUMN of the manifest.
    const text = await runCli(['check', '--no-db', '--from', '2.8.2', '--to', '3.4', '--declarative', fixture(CONFIGMAP)]);
    expect(text.stdout).toContain(`${fixture(CONFIGMAP)}:14:17`);
  });

  it('gives the same fingerprints run after run, and after lines are added above the ConfigMap', async () => {
    const args = (file: string) => ['check', '--no-db', '--from', '2.8.2', '--to', '3.4', '--declarative', file, '-f', 'json'];
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-cm-'));
    writeFileSync(join(dir, 'cm.yaml'), readFileSync(fixture(CONFIGMAP), 'utf8'));
    const first = summary((await runCli(args('cm.yaml'), { cwd: dir })).stdout);
    expect(summary((await runCli(args('cm.yaml'), { cwd: dir })).stdout)).toEqual(first);
    writeFileSync(join(dir, 'cm.yaml'), `# rendered by helm template\n---\n${readFileSync(fixture(CONFIGMAP), 'utf8')}`);
    const moved = summary((await runCli(args('cm.yaml'), { cwd: dir })).stdout);
    expect(moved.map((f: { fingerprint: string }) => f.fingerprint)).toEqual(first.map((f: { fingerprint: string }) => f.fingerprint));
    expect(moved.map((f: { at: string }) => f.at)).toEqual(['10:22', '16:17']);
  });

  it('hides the embedded configuration\'s secrets in every format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-cm-'));
    writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kong-dbless}\ndata:\n  kong.yml: |\n    _format_version: "3.0"\n    consumers:\n    - username: alice\n      keyauth_credentials:\n      - key: alice-s3cr3t-key-value\n    plugins:\n    - name: rate-limiting\n      config:\n        minute: 5\n        policy: redis\n        redis_password: s3cr3t-embedded-pw\n');
    for (const format of ['text', 'json', 'sarif', 'markdown', 'junit', 'gitlab']) {
      const result = await runCli(['check', '--no-db', '--from', '3.4', '--to', '3.9', '--declarative', 'cm.yaml', '-f', format], { cwd: dir });
      // The finding on the password's line is there, at that line.
      expect(result.stdout).toMatch(/redis_password/);
      expect(result.stdout).not.toContain('s3cr3t');
      expect(result.stderr).not.toContain('s3cr3t');
    }
    expect(summary((await runCli(['check', '--no-db', '--from', '3.4', '--to', '3.9', '--declarative', 'cm.yaml', '-f', 'json'], { cwd: dir })).stdout).map((f: { at: string }) => f.at)).toContain('16:25');
  });

  it('--fix-output says it does not rewrite an embedded configuration, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-cm-'));
    const before = readFileSync(fixture(CONFIGMAP), 'utf8');
    const result = await runCli(['check', '--no-db', '--from', '2.8.2', '--to', '3.4', '--declarative', fixture(CONFIGMAP), '--fix-output', join(dir, 'out.yml')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`--fix-output converts declarative files, not a configuration kept in a Kubernetes manifest: \`data.kong.yml\` of ConfigMap kong-dbless in ${fixture(CONFIGMAP)} was checked in place, but is not rewritten`);
    expect(existsSync(join(dir, 'out.yml'))).toBe(false);
    expect(readFileSync(fixture(CONFIGMAP), 'utf8')).toBe(before);
  });

  it('honours a suppression comment written inside the block', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-cm-'));
    const text = readFileSync(fixture(CONFIGMAP), 'utf8').replace('        paths:', '        # kong-preflight-disable-next-line entities/route-regex-path-without-tilde -- a literal prefix on purpose\n        paths:');
    writeFileSync(join(dir, 'cm.yaml'), text);
    const result = await runCli(['check', '--no-db', '--from', '2.8.2', '--to', '3.4', '--declarative', 'cm.yaml', '-f', 'json'], { cwd: dir });
    expect(summary(result.stdout).map((f: { rule: string }) => f.rule)).toEqual(['declarative/format-version']);
  });

  it('keeps naming a folded kong.yml as not checked', async () => {
    const result = await runCli(['check', '--no-db', '--from', '2.8.2', '--to', '3.4', '--declarative', fixture('declarative/configmap-dbless-folded.yml'), '-f', 'json']);
    expect(summary(result.stdout).map(({ rule, at }: { rule: string; at: string }) => `${rule} ${at}`)).toEqual(['declarative/kubernetes-manifest 7:13']);
  });
});

describe('check with declarative_config from kong.conf', () => {
  it('reads the file next to kong.conf and applies DB-less rules to a DB-less node', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-dbless-'));
    writeFileSync(join(dir, 'kong.conf'), 'database = off\ndeclarative_config = kong.yml\n');
    writeFileSync(join(dir, 'kong.yml'), '_format_version: "3.0"\nplugins:\n- name: rate-limiting\n  config:\n    minute: 5\n    policy: cluster\n');
    const result = await runCli(['check', join(dir, 'kong.conf'), '--from', '3.3', '--to', '3.4', '-f', 'json'], { cwd: dir });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    const findings = JSON.stringify(report);
    expect(findings).toContain('entities/plugin-dbless-incompatible');
    expect(findings).toMatch(/kong\.yml"[^}]*"line":6/);
  });

  // kong_defaults.lua sets database = postgres, and kong/init.lua loads declarative_config only
  // with database = off: conf/declarative-config-ignored says so, and no message may say otherwise.
  it('with no database set, says nowhere that Kong loads or upgrades the file it names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-unset-'));
    writeFileSync(join(dir, 'kong.conf'), 'declarative_config = kong.yml\n');
    writeFileSync(join(dir, 'kong.yml'), '_format_version: "1.1"\nroutes:\n- name: r\n  paths: ["/a/\\\\d+"]\n');
    const report = JSON.parse((await runCli(['check', join(dir, 'kong.conf'), '--no-db', '--from', '2.8', '--to', '3.4', '-f', 'json'], { cwd: dir })).stdout);
    const byRule = (id: string) => report.findings.filter((f: { ruleId: string }) => f.ruleId === id);
    expect(byRule('conf/declarative-config-ignored').map((f: { messageId: string }) => f.messageId)).toEqual(['ignored']);
    expect(byRule('entities/route-regex-path-without-tilde').map((f: { messageId: string }) => f.messageId)).toEqual(['regexWithoutTilde']);
    const format = byRule('declarative/format-version');
    expect(format.map((f: { messageId: string }) => f.messageId)).toEqual(['kongUpgradesOnLoad']);
    expect(format[0].message).not.toMatch(/upgrades (the|this) file/);
    expect(report.installation.inputs).toContainEqual({ kind: 'declarative (kong.yml)', label: `${join(dir, 'kong.yml')} (not loaded by Kong: no database is set, so Kong runs with its default, postgres, and loads declarative_config only with database = off; read as a declarative file)` });
  });
});

describe('check --fix-output', () => {
  it('writes a converted copy and lists what is left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-fix-'));
    const output = join(dir, 'kong-3.4.yml');
    const result = await runCli(['check', '--from', '2.8.2', '--to', '3.4', '--declarative', fixture('declarative/regex-top-level-2x.yml'), '--fix-output', output, '-o', join(dir, 'report.txt')]);
    expect(result.code).toBe(0);
    expect(readFileSync(output, 'utf8')).toContain('- ~/users/\\d+/orders');
    expect(result.stderr).toContain('2 change(s)');
    expect(result.stderr).toContain('nothing left to convert by hand');
    expect(readFileSync(fixture('declarative/regex-top-level-2x.yml'), 'utf8')).toContain('- /users/\\d+/orders');
  });

  it('refuses to overwrite its input', async () => {
    const input = fixture('declarative/regex-top-level-2x.yml');
    const result = await runCli(['check', '--from', '2.8.2', '--to', '3.4', '--declarative', input, '--fix-output', input]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('never edited in place');
  });

  it('refuses a link to its input too, and writes over an older converted copy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-fix-'));
    const input = join(dir, 'kong.yml');
    writeFileSync(input, readFileSync(fixture('declarative/regex-top-level-2x.yml')));
    symlinkSync(input, join(dir, 'kong-fixed.yml'));
    const linked = await runCli(['check', '--from', '2.8.2', '--to', '3.4', '--declarative', input, '--fix-output', join(dir, 'kong-fixed.yml')]);
    expect(linked.code).toBe(2);
    expect(linked.stderr).toMatch(/names the input itself .*kong\.yml.*never edited in place/);
    expect(readFileSync(input, 'utf8')).toContain('- /users/\\d+/orders');
    const copy = join(dir, 'kong-3.4.yml');
    writeFileSync(copy, 'an older copy\n');
    const rewritten = await runCli(['check', '--from', '2.8.2', '--to', '3.4', '--declarative', input, '--fix-output', copy, '-o', join(dir, 'report.txt')]);
    expect(rewritten.code).toBe(0);
    expect(readFileSync(copy, 'utf8')).toContain('- ~/users/\\d+/orders');
  });

  it('names a ConfigMap given with --declarative instead of saying none was given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-fix-'));
    const input = join(dir, 'kong-config.yaml');
    // A literal block is checked in place but not rewritten (see the ConfigMap tests above); a
    // folded one is not read at all, and is named as such.
    writeFileSync(input, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kong-config\ndata:\n  kong.yml: >\n    {"_format_version": "1.1",\n     "services": []}\n');
    const result = await runCli(['check', '--from', '2.8.2', '--to', '3.4', '--declarative', input, '--fix-output', join(dir, 'out.yml'), '-o', join(dir, 'report.txt')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`kong-preflight: error: --fix-output converts one declarative file; ${input} is a Kubernetes ConfigMap holding the declarative configuration in \`data.kong.yml\`: extract it to a file and convert that\n`);
    expect(existsSync(join(dir, 'out.yml'))).toBe(false);
    // In a bundle the ConfigMap is named by its own kind, not by the first object's.
    writeFileSync(input, `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: kong\n---\n${readFileSync(input, 'utf8')}`);
    const bundle = await runCli(['check', '--from', '2.8.2', '--to', '3.4', '--declarative', input, '--fix-output', join(dir, 'out.yml'), '-o', join(dir, 'report.txt')]);
    expect(bundle.stderr).toContain(`${input} is a Kubernetes ConfigMap holding the declarative configuration in \`data.kong.yml\``);
  });

  // Sweep 7 (jaikratsinghtariyal/my-first-deck-in-action kong/konnect.yaml): the copy said
  // `_format_version: "3.0"` above service_packages, and 'nothing left to convert by hand'.
  it('refuses to convert a decK Konnect file, which no Kong version reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-fix-'));
    const input = join(dir, 'konnect.yaml');
    writeFileSync(input, '_format_version: "0.1"\nservice_packages:\n- name: orders\n  versions: []\n');
    const result = await runCli(['check', '--from', '2.8.2', '--to', '3.4', '--declarative', input, '--fix-output', join(dir, 'out.yml'), '-o', join(dir, 'report.txt')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`kong-preflight: error: --fix-output converts Kong Gateway declarative files; ${input} is a decK Konnect file (_format_version "0.1", service_packages), which no Kong version reads\n`);
    expect(existsSync(join(dir, 'out.yml'))).toBe(false);
  });

  it('writes nothing and says why in one line when the copy cannot be made safely', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-fix-'));
    const input = join(dir, 'kong.yml');
    // The merged field would have to leave one merging mapping only, which YAML cannot say.
    writeFileSync(input, '_format_version: "1.1"\nx-shared: &cfg\n  whitelist: [a]\nplugins:\n- name: acl\n  config:\n    <<: *cfg\n');
    const output = join(dir, 'out.yml');
    const result = await runCli(['check', '--from', '2.8.2', '--to', '3.4', '--declarative', input, '--fix-output', output, '-o', join(dir, 'report.txt')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^kong-preflight: error: --fix-output wrote nothing for .*kong\.yml: /);
    expect(existsSync(output)).toBe(false);
  });
});

// A DB-less Deployment mounts kong.yml from a ConfigMap key where KONG_DECLARATIVE_CONFIG points
// (sweep 21: linhh011202/gke_banking_ekyc kong-deployment.yaml and kong-configmap.yaml, subPath
// kong.yml at /etc/kong/kong.yml): Kong reads that key's text, so it is checked where the
// manifest writes it (https://kubernetes.io/docs/concepts/storage/volumes/#using-subpath).
describe('check --image-file with a Deployment that mounts its declarative file from a ConfigMap', () => {
  const deployment = deploymentYaml({
    name: 'kong-gateway',
    container: 'kong',
    image: 'kong:3.4.2',
    lines: ['          env:', '            - name: KONG_DATABASE', '              value: "off"', '            - name: KONG_DECLARATIVE_CONFIG', '              value: /etc/kong/kong.yml'],
    volumeMounts: ['            - name: kong-config', '              mountPath: /etc/kong/kong.yml', '              subPath: kong.yml'],
    volumes: ['        - name: kong-config', '          configMap:', '            name: kong-declarative-config'],
  });
  const configMap = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: kong-declarative-config',
    'data:',
    '  kong.yml: |',
    '    _format_version: "2.1"',
    '    services:',
    '      - name: identity',
    '        url: http://identity:80',
    '        routes:',
    '          - name: users',
    '            paths: ["/users/\\\\d+$"]',
  ].join('\n') + '\n';

  it('reads the key the container mounts, at the manifest\'s lines, and says how it was found', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-cm-mount-'));
    writeFileSync(join(dir, 'kong-deployment.yaml'), deployment);
    writeFileSync(join(dir, 'kong-configmap.yaml'), configMap);
    const result = await runCli(['check', '--no-db', '--from', '3.4.2', '--to', '3.9', '--image-file', join(dir, 'kong-deployment.yaml'), '--image-file', join(dir, 'kong-configmap.yaml'), '-f', 'json']);
    const report = JSON.parse(result.stdout);
    const format = report.findings.filter((f: { ruleId: string }) => f.ruleId === 'declarative/format-version');
    expect(format.map((f: { location: { file: string; line: number } }) => [f.location.file, f.location.line])).toEqual([[join(dir, 'kong-configmap.yaml'), 7]]);
    const inputs = JSON.stringify(report.installation.inputs);
    expect(inputs).toContain('declarative_config /etc/kong/kong.yml: ConfigMap kong-declarative-config (key kong.yml), which Deployment kong-gateway (container kong) mounts at /etc/kong/kong.yml');
  });

  it('names the ConfigMap when its manifest is not given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-cm-mount-'));
    writeFileSync(join(dir, 'kong-deployment.yaml'), deployment);
    const report = JSON.parse((await runCli(['check', '--no-db', '--from', '3.4.2', '--to', '3.9', '--image-file', join(dir, 'kong-deployment.yaml'), '-f', 'json'])).stdout);
    expect(report.findings.some((f: { ruleId: string }) => f.ruleId === 'declarative/format-version')).toBe(false);
    expect(JSON.stringify(report)).toMatch(/declarative\/format-version[^}]*ConfigMap kong-declarative-config \(key kong.yml\)[^}]*no manifest given defines ConfigMap kong-declarative-config/);
  });
});

// A DB-less compose service mounts the project's kong.yml where KONG_DECLARATIVE_CONFIG points
// (sweep 15: FawwazAF/kong-gateway-test, Envoii-Technologies/proxy, novanovn/kong-deploy): Kong
// reads that file, so it is checked, at its own lines (compose-spec 05-services.md `volumes`).
describe('check --image-file with a compose service that mounts its declarative file', () => {
  const compose = (volume: string) => [
    'services:',
    '  kong:',
    '    image: kong:2.8.1',
    '    volumes:',
    `      - ${volume}`,
    '    environment:',
    '      - KONG_DATABASE=off',
    '      - KONG_DECLARATIVE_CONFIG=/etc/kong/kong.yml',
  ].join('\n') + '\n';
  const kongYml = '_format_version: "2.1"\nservices:\n- name: api\n  url: http://api:8080\n  routes:\n  - name: items\n    paths: ["/items/\\\\d+$"]\n';

  it('reads the mounted file and says how it was found', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-mount-'));
    writeFileSync(join(dir, 'docker-compose.yml'), compose('./kong.yml:/etc/kong/kong.yml'));
    writeFileSync(join(dir, 'kong.yml'), kongYml);
    const result = await runCli(['check', '--no-db', '--to', '3.4', '--image-file', join(dir, 'docker-compose.yml'), '-f', 'json']);
    const report = JSON.parse(result.stdout);
    const regex = report.findings.filter((f: { ruleId: string }) => f.ruleId === 'entities/route-regex-path-without-tilde');
    expect(regex.map((f: { location: { file: string; line: number } }) => [f.location.file, f.location.line])).toEqual([[join(dir, 'kong.yml'), 7]]);
    const inputs = JSON.stringify(report.installation.inputs);
    expect(inputs).toContain('declarative_config /etc/kong/kong.yml, mounted by service kong from');
    expect(inputs).toContain('docker-compose.yml:5');
  });

  it('names the mounted file when it is absent, and never reads a named volume as a project folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-mount-'));
    writeFileSync(join(dir, 'docker-compose.yml'), compose('./config/kong.yml:/etc/kong/kong.yml:ro'));
    const absent = JSON.stringify(JSON.parse((await runCli(['check', '--no-db', '--to', '3.4', '--image-file', join(dir, 'docker-compose.yml'), '-f', 'json'])).stdout));
    expect(absent).toMatch(/declarative\/format-version[^}]*mounted by service kong from [^}]*config\/kong.yml[^}]*absent on this machine/);
    writeFileSync(join(dir, 'docker-compose.yml'), compose('kong_config:/etc/kong'));
    writeFileSync(join(dir, 'kong.yml'), kongYml);
    const named = JSON.parse((await runCli(['check', '--no-db', '--to', '3.4', '--image-file', join(dir, 'docker-compose.yml'), '-f', 'json'])).stdout);
    expect(named.findings.filter((f: { ruleId: string }) => f.ruleId === 'entities/route-regex-path-without-tilde')).toEqual([]);
    expect(JSON.stringify(named)).toMatch(/declarative\/format-version[^}]*names \/etc\/kong\/kong.yml, absent on this machine/);
  });
});

// Kong's chart writes `dblessConfig.config` into the ConfigMap it mounts where
// KONG_DECLARATIVE_CONFIG points (Kong/charts charts/kong/templates/config-dbless.yaml@e76b800):
// that text is the configuration Kong loads, checked where the values file writes it.
describe('check --helm-values with an inline dblessConfig.config', () => {
  const VALUES = 'helm/dbless-inline/values.yaml';
  const args = (...more: string[]) => ['check', '--no-db', '--from', '2.8', '--to', '3.4', ...more, '-f', 'json'];
  const declarativeFindings = (stdout: string) => JSON.parse(stdout).findings
    .filter((f: { ruleId: string }) => /^(entities|declarative)\//.test(f.ruleId))
    .map((f: { ruleId: string; messageId: string; location: { file: string; line: number; column: number } }) => `${f.ruleId} ${f.messageId} ${f.location.file}:${f.location.line}:${f.location.column}`);

  it('checks the literal block in place: findings at the values file\'s lines, the input named by its key', async () => {
    const result = await runCli(args('--helm-values', fixture(VALUES)));
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(declarativeFindings(result.stdout)).toEqual([`entities/route-regex-path-without-tilde regexWithoutTilde ${fixture(VALUES)}:20:11`]);
    expect(report.installation.inputs).toContainEqual({ kind: 'declarative (kong.yml)', label: `\`dblessConfig.config\` of the Helm values in ${fixture(VALUES)}` });
    expect(JSON.stringify(report.notEvaluated ?? [])).not.toMatch(/kong_dbless/);
  });

  // Helm replaces a string whole when it merges files, so the text is located in the file that wins;
  // an Argo CD Application's `helm.values: |` text keeps its lines too, twice indented.
  it('reads the text where the values file that wins writes it, an Argo CD Application included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-helm-'));
    writeFileSync(join(dir, 'base.yaml'), 'env:\n  database: "off"\ningressController:\n  enabled: false\ndblessConfig:\n  config: |\n    _format_version: "3.0"\n    routes: []\n');
    writeFileSync(join(dir, 'prod.yaml'), 'dblessConfig:\n  config: |-\n    _format_version: "3.0"\n    routes:\n    - name: r\n      paths: [/b/\\d+]\n');
    const merged = await runCli(args('--helm-values', join(dir, 'base.yaml'), '--helm-values', join(dir, 'prod.yaml')));
    expect(declarativeFindings(merged.stdout)).toEqual([`entities/route-regex-path-without-tilde regexWithoutTilde ${join(dir, 'prod.yaml')}:6:15`]);
    const values = readFileSync(join(dir, 'base.yaml'), 'utf8').replace('    routes: []\n', '    routes:\n    - name: r\n      paths: [/a/\\d+]\n');
    writeFileSync(join(dir, 'app.yaml'), `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: kong\nspec:\n  source:\n    chart: kong\n    repoURL: https://charts.konghq.com\n    targetRevision: 2.26.0\n    helm:\n      values: |\n${values.replace(/^/gm, '        ').replace(/ +$/, '')}`);
    const argo = await runCli(args('--helm-values', join(dir, 'app.yaml')));
    expect(declarativeFindings(argo.stdout)).toEqual([`entities/route-regex-path-without-tilde regexWithoutTilde ${join(dir, 'app.yaml')}:21:23`]);
  });

  it('reads a dblessConfig.config written as one-line JSON in quotes, at its exact place', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-helm-'));
    const line = `  config: '{"_format_version":"3.0","routes":[{"name":"r","paths":["/b/\\\\d+"]}]}'`;
    writeFileSync(join(dir, 'values.yaml'), `env:\n  database: "off"\ningressController:\n  enabled: false\ndblessConfig:\n${line}\n`);
    const result = await runCli(args('--helm-values', join(dir, 'values.yaml')));
    expect(declarativeFindings(result.stdout)).toEqual([`entities/route-regex-path-without-tilde regexWithoutTilde ${join(dir, 'values.yaml')}:6:${line.indexOf('"/b/') + 1}`]);
  });

  it('hides the secrets the values text holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-helm-'));
    writeFileSync(join(dir, 'values.yaml'), 'env:\n  database: "off"\ningressController:\n  enabled: false\ndblessConfig:\n  config: |\n    _format_version: "3.0"\n    plugins:\n    - name: rate-limiting\n      config:\n        minute: 5\n        policy: redis\n        redis_password: s3cr3t-values-pw\n');
    for (const format of ['text', 'json', 'sarif', 'markdown']) {
      const result = await runCli(['check', '--no-db', '--from', '3.4', '--to', '3.9', '--helm-values', join(dir, 'values.yaml'), '-f', format]);
      expect(result.stdout).toMatch(/redis_password/);
      expect(result.stdout + result.stderr).not.toContain('s3cr3t');
    }
  });

  it('reports nothing in a configuration already written for 3.x', async () => {
    const result = await runCli(args('--helm-values', fixture('helm/dbless-inline/clean.yaml')));
    expect(result.stderr).toBe('');
    expect(declarativeFindings(result.stdout)).toEqual([]);
    expect(JSON.parse(result.stdout).installation.inputs).toContainEqual({ kind: 'declarative (kong.yml)', label: `\`dblessConfig.config\` of the Helm values in ${fixture('helm/dbless-inline/clean.yaml')}` });
  });

  it('lets a --declarative file win, and names the values text as not read', async () => {
    const result = await runCli(args('--helm-values', fixture(VALUES), '--declarative', fixture('declarative/clean-3x.yml')));
    const report = JSON.parse(result.stdout);
    expect(declarativeFindings(result.stdout).filter((f: string) => f.includes('values.yaml'))).toEqual([]);
    expect(report.installation.inputs).toContainEqual({ kind: 'declarative (Helm values dblessConfig.config)', label: `\`dblessConfig.config\` at ${fixture(VALUES)}:12, not read: the --declarative files given are checked instead` });
  });

  it('names a folded block as not read, with why, and still says where Kong\'s file comes from', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-helm-'));
    writeFileSync(join(dir, 'values.yaml'), readFileSync(fixture(VALUES), 'utf8').replace('config: |', 'config: >'));
    const report = JSON.parse((await runCli(args('--helm-values', join(dir, 'values.yaml')))).stdout);
    expect(JSON.stringify(report)).toContain('declarative_config is /kong_dbless/kong.yml in the pod: the `dblessConfig.config` text at');
    expect(JSON.stringify(report)).toContain('that text was not read here (written as a folded block (`>`), whose lines YAML joins); give a copy with --declarative');
  });

  it('refuses --fix-output on it, naming the yq path to extract it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-helm-'));
    const result = await runCli(['check', '--no-db', '--from', '2.8', '--to', '3.4', '--helm-values', fixture(VALUES), '--fix-output', join(dir, 'out.yml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`not a configuration kept in Helm values: \`dblessConfig.config\` of the Helm values in ${fixture(VALUES)} was checked in place, but is not rewritten; extract it to a file (\`yq '.dblessConfig.config' ${fixture(VALUES)} > kong.yml\`)`);
    expect(existsSync(join(dir, 'out.yml'))).toBe(false);
  });

  // helmfile passes a set entry's file: as --set-file, the path against the helmfile's folder
  // (helmfile/helmfile pkg/state/state.go setFlags, storage.go normalizeSetFilePath); Helm sets the
  // value to the file's text, which the chart copies into the ConfigMap Kong loads.
  it('reads the file a helmfile set entry\'s file: (--set-file) gives dblessConfig.config as the kong.yml', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-helm-'));
    mkdirSync(join(dir, 'config'));
    writeFileSync(join(dir, 'values.yaml'), 'env:\n  database: "off"\ningressController:\n  enabled: false\n');
    writeFileSync(join(dir, 'config', 'kong.yml'), '_format_version: "1.1"\nroutes:\n- name: r\n  paths: [/a/\\d+]\n');
    const helmfile = join(dir, 'helmfile.yaml');
    writeFileSync(helmfile, 'releases:\n  - name: edge\n    chart: kong/kong\n    values:\n      - values.yaml\n    set:\n      - name: dblessConfig.config\n        file: config/kong.yml\n');
    const result = await runCli(args('--helm-values', helmfile));
    expect(result.stderr).toBe('');
    // Kong loads that text (database off), so the 1.1 file is one Kong rewrites on load.
    expect(declarativeFindings(result.stdout)).toEqual([
      `declarative/format-version kongUpgradesOnLoad ${join(dir, 'config', 'kong.yml')}:1:18`,
      `entities/route-regex-path-without-tilde prefixedOnLoad ${join(dir, 'config', 'kong.yml')}:4:11`,
    ]);
    const report = JSON.parse(result.stdout);
    expect(JSON.stringify(report.notEvaluated ?? [])).not.toMatch(/kong_dbless/);
    expect(report.installation.inputs).toContainEqual(expect.objectContaining({ label: expect.stringContaining(`${join(dir, 'config', 'kong.yml')} (declarative_config /kong_dbless/kong.yml in the pod: \`dblessConfig.config\` is set to this file's text with --set-file (${helmfile}:8:15)`) }));
    // A file that is not there stops helm: one line naming the helmfile's entry, exit 2.
    writeFileSync(helmfile, readFileSync(helmfile, 'utf8').replace('config/kong.yml', 'config/absent.yml'));
    const missing = await runCli(args('--helm-values', helmfile));
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^.*${helmfile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:8.*sets dblessConfig\\.config from the file config/absent\\.yml, which is not at .*helm stops there`))]);
  });

  it('says a mapping written for dblessConfig.config makes the chart fail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-cli-helm-'));
    writeFileSync(join(dir, 'values.yaml'), 'env:\n  database: "off"\ningressController:\n  enabled: false\ndblessConfig:\n  config:\n    _format_version: "3.0"\n    services: []\n');
    const report = JSON.parse((await runCli(args('--helm-values', join(dir, 'values.yaml')))).stdout);
    const refused = report.findings.filter((f: { message: string }) => f.message.includes('`dblessConfig.config` is a YAML mapping'));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ severity: 'blocker', location: { line: 7 } });
  });
});
