import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rule from '../../../rules/declarative/kubernetes-manifest';
import type { InputError } from '../../../src/errors';
import { loadDeclarative } from '../../../src/inputs/declarative';
import { runEntityRules, summarize } from '../../support/declarative-harness';

const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: kong\n';
const KONG_PLUGIN = 'apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: rl\nplugin: rate-limiting\n';
const KONG_FILE = '_format_version: "3.0"\nservices: []\n';
/** The shape the Kong Helm chart renders for `dblessConfig.config` (sweep 5 files 055 and 057). */
const DBLESS_CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kong-config\ndata:\n  kong.yml: |\n    _format_version: "1.1"\n    services:\n    - name: s\n      url: http://s.internal\n';
const OTHER_CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: env\ndata:\n  LOG_LEVEL: debug\n  routes.txt: |\n    a route list that is not Kong\'s\n';

/** Loads the files from one folder, as `--declarative DIR` does, and runs the rule. */
async function run(files: Record<string, string>): Promise<{ findings: string[]; read: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'kp-k8s-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const { config } = loadDeclarative({ paths: ['.'], cwd: dir });
  const { findings } = await runEntityRules({ from: '3.4.0', to: '3.9.0' }, { declarative: config, entities: [config!.entities] }, [rule]);
  return { findings: summarize(findings), read: config!.documents.map((d) => d.file) };
}

describe('declarative/kubernetes-manifest', () => {
  it('valid: a folder of Kong files only', async () => {
    expect((await run({ 'kong.yaml': KONG_FILE })).findings).toEqual([]);
  });

  it('lists manifests beside kong.yml (info): a KongPlugin as checked, a Deployment as not; reads only the Kong file as a file', async () => {
    const { findings, read } = await run({ 'deployment.yaml': DEPLOYMENT, 'kong.yaml': KONG_FILE, 'plugin.yaml': KONG_PLUGIN });
    expect(findings).toEqual(['declarative/kubernetes-manifest notChecked info @1', 'declarative/kubernetes-manifest pluginsChecked info @1']);
    expect(read).toEqual(['kong.yaml']);
  });

  it('warns when only manifests without a readable plugin were given: nothing was checked', async () => {
    expect((await run({ 'deployment.yaml': DEPLOYMENT })).findings).toEqual(['declarative/kubernetes-manifest notChecked warning @1']);
    // A manifest of KongPlugins alone is checked: no warning.
    expect((await run({ 'plugin.yaml': KONG_PLUGIN })).findings).toEqual(['declarative/kubernetes-manifest pluginsChecked info @1']);
  });

  it('says only the Ingress paths of a manifest of kong Ingresses were checked, on paths crossing 3.0 where they are read', async () => {
    const ingress = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  ingressClassName: kong\n  rules:\n  - http:\n      paths:\n      - path: /web\n        pathType: ImplementationSpecific\n        backend:\n          service: {name: web, port: {number: 80}}\n';
    const dir = mkdtempSync(join(tmpdir(), 'kp-k8s-'));
    writeFileSync(join(dir, 'ingress.yaml'), `${ingress}---\n${DEPLOYMENT}`);
    const { config } = loadDeclarative({ paths: ['ingress.yaml'], cwd: dir });
    const across = await runEntityRules({ from: '2.8.4', to: '3.4.2' }, { declarative: config, entities: [config!.entities] }, [rule]);
    expect(summarize(across.findings)).toEqual(['declarative/kubernetes-manifest ingressPathsChecked info @1']);
    expect(across.findings[0].message).toContain('only the Ingress paths the Kong Ingress Controller passes to Kong as written were checked (for regexes, by declarative/kic-ingress-regex-paths); the rest of it (kinds `Ingress`, `Deployment`) was not.');
    // Within 3.x nothing reads them: the manifest is unchecked, as before.
    const within = await runEntityRules({ from: '3.4.0', to: '3.9.0' }, { declarative: config, entities: [config!.entities] }, [rule]);
    expect(summarize(within.findings)).toEqual(['declarative/kubernetes-manifest notChecked warning @1']);
    // An nginx Ingress is not the controller's: nothing of it is read.
    writeFileSync(join(dir, 'nginx.yaml'), ingress.replace('ingressClassName: kong', 'ingressClassName: nginx'));
    const nginx = loadDeclarative({ paths: ['nginx.yaml'], cwd: dir }).config;
    expect(summarize((await runEntityRules({ from: '2.8.4', to: '3.4.2' }, { declarative: nginx, entities: [nginx!.entities] }, [rule])).findings)).toEqual(['declarative/kubernetes-manifest notChecked warning @1']);
  });

  it('with KongPlugins beside kong Ingresses, says their paths were checked rather than listing `Ingress` among the kinds not checked', async () => {
    const ingress = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  ingressClassName: kong\n  rules:\n  - http:\n      paths:\n      - path: /web\n        backend:\n          service: {name: web, port: {number: 80}}\n';
    const dir = mkdtempSync(join(tmpdir(), 'kp-k8s-'));
    writeFileSync(join(dir, 'bundle.yaml'), `${KONG_PLUGIN}---\n${ingress}---\n${DEPLOYMENT}`);
    const { config } = loadDeclarative({ paths: ['bundle.yaml'], cwd: dir });
    const across = await runEntityRules({ from: '2.8.4', to: '3.4.2' }, { declarative: config, entities: [config!.entities] }, [rule]);
    expect(summarize(across.findings)).toEqual(['declarative/kubernetes-manifest pluginsChecked info @1']);
    expect(across.findings[0].message).toMatch(/the Ingress paths the controller passes to Kong as written were checked too \(for regexes, by declarative\/kic-ingress-regex-paths\); not checked: the rest of the Ingresses, `Deployment`\.$/);
    // Within 3.x the paths are not read: `Ingress` is listed as not checked.
    const within = await runEntityRules({ from: '3.4.0', to: '3.9.0' }, { declarative: config, entities: [config!.entities] }, [rule]);
    expect(within.findings[0].message).toMatch(/not checked: `Ingress`, `Deployment`\.$/);
  });

  it('names the plugin resources read and every other kind of the manifest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-k8s-'));
    writeFileSync(join(dir, 'all.yaml'), `${DEPLOYMENT}---\n${KONG_PLUGIN}---\n${OTHER_CONFIGMAP}---\n${KONG_PLUGIN}---\n${KONG_PLUGIN.replace('KongPlugin', 'KongClusterPlugin')}`);
    const { config } = loadDeclarative({ paths: ['all.yaml'], cwd: dir });
    const { findings } = await runEntityRules({ from: '3.4.0', to: '3.9.0' }, { declarative: config, entities: [config!.entities] }, [rule]);
    expect(findings.map((f) => f.message)).toEqual([
      'all.yaml is a Kubernetes manifest. Checked as the Kong plugins the Ingress Controller makes of them: 2 KongPlugin resources and 1 KongClusterPlugin resource; not checked: `Deployment`, `ConfigMap`.',
    ]);
  });

  it('names a plugin whose config comes from a Secret as not checked, without the Secret\'s name', async () => {
    const fromSecret = `${KONG_PLUGIN}configFrom:\n  secretKeyRef:\n    name: rl-config\n    key: config.json\n`;
    const dir = mkdtempSync(join(tmpdir(), 'kp-k8s-'));
    writeFileSync(join(dir, 'secret.yaml'), fromSecret);
    const { config } = loadDeclarative({ paths: ['secret.yaml'], cwd: dir });
    const { findings } = await runEntityRules({ from: '3.4.0', to: '3.9.0' }, { declarative: config, entities: [config!.entities] }, [rule]);
    // Nothing at all could be checked: a warning, as for any manifest.
    expect(summarize(findings)).toEqual(['declarative/kubernetes-manifest notChecked warning @1', 'declarative/kubernetes-manifest pluginConfigUnread warning @7']);
    expect(findings[1].message).toBe('KongPlugin "rl": its config is read from a Secret at sync time (`configFrom`), and Secrets are not read here (not even one in the same manifest): its plugin configuration was not checked.');
    expect(JSON.stringify(findings)).not.toMatch(/rl-config|config\.json/);
  });

  // KIC refuses a resource with configFrom beside config or configPatches ("has both Config and
  // ConfigFrom set", internal/dataplane/kongstate/plugin.go@v3.4.0): it is no plugin read from a Secret.
  it('says a plugin with configFrom beside config or configPatches gives Kong no plugin; configFrom alone or with an empty config is read from a Secret', async () => {
    const secretRef = 'configFrom:\n  secretKeyRef:\n    name: rl-config\n    key: config.json\n';
    const withConfig = `${KONG_PLUGIN}config:\n  minute: 5\n${secretRef}`;
    const withPatches = `${KONG_PLUGIN.replace('name: rl', 'name: rl2')}${secretRef}configPatches:\n- path: /redis_password\n  valueFrom:\n    secretKeyRef: {name: redis, key: password}\n`;
    const emptyConfig = `${KONG_PLUGIN.replace('name: rl', 'name: rl3')}config: {}\n${secretRef}`;
    const dir = mkdtempSync(join(tmpdir(), 'kp-k8s-'));
    writeFileSync(join(dir, 'conflict.yaml'), `${withConfig}---\n${withPatches}---\n${emptyConfig}`);
    const { config } = loadDeclarative({ paths: ['conflict.yaml'], cwd: dir });
    const { findings } = await runEntityRules({ from: '3.4.0', to: '3.9.0' }, { declarative: config, entities: [config!.entities] }, [rule]);
    const unread = findings.filter((f) => f.messageId === 'pluginConfigUnread');
    expect(unread.map((f) => [f.message, f.location.kind === 'file' ? f.location.line : f.location.kind])).toEqual([
      ['KongPlugin "rl": it sets `configFrom` together with `config` or `configPatches`, which the controller refuses (and the CRD rejects from KIC 3.1): Kong gets no plugin from it: its plugin configuration was not checked.', 9],
      ['KongPlugin "rl2": it sets `configFrom` together with `config` or `configPatches`, which the controller refuses (and the CRD rejects from KIC 3.1): Kong gets no plugin from it: its plugin configuration was not checked.', 19],
      ['KongPlugin "rl3": its config is read from a Secret at sync time (`configFrom`), and Secrets are not read here (not even one in the same manifest): its plugin configuration was not checked.', 34],
    ]);
    expect(JSON.stringify(findings)).not.toMatch(/rl-config|config\.json|redis_password|password/);
  });

  // KIC applies configPatches as JSON Patch `add`s of Secret values
  // (internal/dataplane/kongstate/plugin.go@v3.4.0): the resource is checked, the patched fields named.
  it('names the fields a plugin takes from Secrets (configPatches) as not checked, and a whole-config or unusable patch as no plugin read', async () => {
    const patch = (path: string) => `- path: ${path}\n  valueFrom:\n    secretKeyRef: {name: redis-auth, key: password}\n`;
    const some = `${KONG_PLUGIN}config:\n  minute: 5\nconfigPatches:\n${patch('/redis_password')}${patch('/redis/username')}`;
    const one = `${KONG_PLUGIN.replace('name: rl', 'name: one')}configPatches:\n${patch('/policy')}`;
    const whole = `${KONG_PLUGIN.replace('name: rl', 'name: whole')}configPatches:\n${patch('""')}`;
    const broken = `${KONG_PLUGIN.replace('name: rl', 'name: broken')}config:\n  minute: 5\nconfigPatches:\n${patch('/minute/x')}`;
    const dir = mkdtempSync(join(tmpdir(), 'kp-k8s-'));
    writeFileSync(join(dir, 'patched.yaml'), `${some}---\n${one}---\n${whole}---\n${broken}`);
    const { config } = loadDeclarative({ paths: ['patched.yaml'], cwd: dir });
    const { findings } = await runEntityRules({ from: '3.4.0', to: '3.9.0' }, { declarative: config, entities: [config!.entities] }, [rule]);
    expect(findings.map((f) => [f.messageId, f.severity, f.message, f.location.kind === 'file' ? f.location.line : f.location.kind])).toEqual([
      ['pluginsChecked', 'info', 'patched.yaml is a Kubernetes manifest. Checked as the Kong plugins the Ingress Controller makes of them: 2 KongPlugin resources; it holds nothing else.', 1],
      ['pluginConfigUnread', 'info', 'KongPlugin "whole": its whole config is replaced from a Secret at sync time (`configPatches` with the empty path `""`), and Secrets are not read here (not even one in the same manifest): its plugin configuration was not checked.', 32],
      ['pluginConfigUnread', 'info', 'KongPlugin "broken": a `configPatches` entry has no `path`, a path that is not a JSON Pointer (`/field`), or a path through a value that is not a mapping or list: the controller fails to apply it and sends Kong no plugin from this resource: its plugin configuration was not checked.', 44],
      ['pluginFieldsFromSecrets', 'info', 'KongPlugin "rl": `config.redis_password`, `config.redis.username` are set from Secrets at sync time (`configPatches`), and Secrets are not read here: the rest of its config was checked, they are counted as set but their values not checked.', 9],
      ['pluginFieldsFromSecrets', 'info', 'KongPlugin "one": `config.policy` is set from Secrets at sync time (`configPatches`), and Secrets are not read here: the rest of its config was checked, it is counted as set but its value not checked.', 22],
    ]);
    expect(JSON.stringify(findings)).not.toMatch(/redis-auth/);
  });

  // developer.konghq.com secrets-in-plugins.md keeps the Secret and the KongPlugin that reads it
  // side by side: the finding must not claim the Secret is missing, nor show what it holds.
  it('does not say a Secret kept in the same manifest is missing, and prints nothing of it', async () => {
    const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: rl-config\nstringData:\n  config: |\n    minute: 10\n    policy: redis\n    redis_password: Hunter2Value\n';
    const plugin = `${KONG_PLUGIN}configFrom:\n  secretKeyRef:\n    name: rl-config\n    key: config\n`;
    const dir = mkdtempSync(join(tmpdir(), 'kp-k8s-'));
    writeFileSync(join(dir, 'bundle.yaml'), `${secret}---\n${plugin}`);
    const { config } = loadDeclarative({ paths: ['bundle.yaml'], cwd: dir });
    const { findings } = await runEntityRules({ from: '3.4.0', to: '3.9.0' }, { declarative: config, entities: [config!.entities] }, [rule]);
    const unread = findings.find((f) => f.messageId === 'pluginConfigUnread');
    expect(unread?.message).not.toMatch(/not in the manifest/);
    expect(unread?.message).toMatch(/Secrets are not read here \(not even one in the same manifest\)/);
    expect(JSON.stringify(findings)).not.toMatch(/Hunter2Value|redis_password/);
  });

  it('a Kong file that happens to carry apiVersion and kind is still read as Kong\'s', async () => {
    const { findings, read } = await run({ 'kong.yaml': `apiVersion: x\nkind: y\n${KONG_FILE}` });
    expect(findings).toEqual([]);
    expect(read).toEqual(['kong.yaml']);
  });

  it('reads a ConfigMap that carries a kong.yml as a literal block as the declarative configuration, in place', async () => {
    const { findings, read } = await run({ 'kong-config.yaml': DBLESS_CONFIGMAP });
    // A lone ConfigMap holding the configuration: nothing left unchecked to name.
    expect(findings).toEqual([]);
    expect(read).toEqual(['kong-config.yaml']);
    const dir = mkdtempSync(join(tmpdir(), 'kp-k8s-'));
    writeFileSync(join(dir, 'cm.yaml'), DBLESS_CONFIGMAP);
    const { config } = loadDeclarative({ paths: ['cm.yaml'], cwd: dir });
    const [document] = config!.documents;
    expect(document.embeddedIn).toEqual({ file: 'cm.yaml', key: 'data.kong.yml', kind: 'ConfigMap', name: 'kong-config', document: 1 });
    // Positions are the manifest's: the service's `url` value is line 10, column 12 (7 in the block's text, + 4 + 1).
    expect(document.at(['services', 0, 'url'])).toEqual({ kind: 'file', file: 'cm.yaml', line: 10, column: 12 });
    expect(document.formatVersion).toMatchObject({ value: '1.1', origin: { line: 7, column: 22 } });
  });

  // Kong's chart mounts the ConfigMap where KONG_DECLARATIVE_CONFIG points (Kong/charts
  // _helpers.tpl@e76b800), and Kong upgrades a 1.1 file as it loads it (kong/db/declarative/init.lua@3.4.2).
  it('reads the ConfigMap\'s kong.yml as a configuration Kong loads itself, unless it carries a decK-only key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-k8s-'));
    writeFileSync(join(dir, 'cm.yaml'), DBLESS_CONFIGMAP);
    const [kongs] = loadDeclarative({ paths: ['cm.yaml'], cwd: dir }).config!.documents;
    expect(kongs).toMatchObject({ loadedByKong: true, kongMigratesOnLoad: true, flavor: 'kong', flavorEvidence: 'kept in ConfigMap text that Kong loads through declarative_config' });
    writeFileSync(join(dir, 'cm.yaml'), DBLESS_CONFIGMAP.replace('    services:', '    _workspace: team-a\n    services:'));
    const [decks] = loadDeclarative({ paths: ['cm.yaml'], cwd: dir }).config!.documents;
    expect(decks).toMatchObject({ loadedByKong: false, kongMigratesOnLoad: false, flavor: 'deck', flavorEvidence: 'decK-only key _workspace' });
  });

  // A Job running decK (`deck gateway sync`) with the ConfigMap mounted is the usual way to manage a
  // database-backed Kong from a cluster: decK reads the text as written and refuses 1.1 against 3.x.
  const deckJob = (args: string, image = 'kong/deck:v1.40.0') => [
    'apiVersion: batch/v1', 'kind: Job', 'metadata:', '  name: deck-sync', 'spec:', '  template:', '    spec:', '      containers:',
    '      - name: deck', `        image: ${image}`, `        args: ${args}`, '        volumeMounts:', '        - {name: config, mountPath: /config}',
    '      volumes:', '      - name: config', '        configMap: {name: kong-config}', '',
  ].join('\n');
  const KONG_DEPLOYMENT = [
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: kong', 'spec:', '  template:', '    spec:', '      containers:',
    '      - name: proxy', '        image: kong:3.4', '        volumeMounts:', '        - {name: cfg, mountPath: /kong_dbless}',
    '      volumes:', '      - name: cfg', '        configMap: {name: kong-config}', '',
  ].join('\n');
  const loadFolder = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-k8s-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return loadDeclarative({ paths: ['.'], cwd: dir }).config!.documents;
  };

  it('reads a ConfigMap that a decK Job mounts (same manifest or another file of the folder) as decK\'s input', () => {
    for (const files of <Record<string, string>[]>[
      { 'bundle.yaml': `${DBLESS_CONFIGMAP}---\n${deckJob('["gateway", "sync", "/config/kong.yml"]')}` },
      { 'cm.yaml': DBLESS_CONFIGMAP, 'job.yaml': deckJob('["gateway", "sync", "/config/kong.yml"]') },
      // An image of one's own that calls decK from a shell.
      { 'cm.yaml': DBLESS_CONFIGMAP, 'job.yaml': deckJob('["sh", "-c", "deck sync -s /config/kong.yml --kong-addr $KONG_ADDR"]', 'registry.example.com/tools:1') },
    ]) {
      const [document] = loadFolder(files);
      expect(document).toMatchObject({ loadedByKong: false, kongMigratesOnLoad: false, flavor: 'deck', readByDeckIn: 'Job deck-sync', flavorEvidence: 'mounted into the decK container of Job deck-sync' });
    }
  });

  it('keeps reading the ConfigMap as Kong\'s when Kong\'s own container mounts it, or the Job does not run decK', () => {
    for (const files of <Record<string, string>[]>[
      { 'cm.yaml': DBLESS_CONFIGMAP, 'kong.yaml': KONG_DEPLOYMENT },
      { 'cm.yaml': DBLESS_CONFIGMAP, 'kong.yaml': KONG_DEPLOYMENT, 'job.yaml': deckJob('["gateway", "sync", "/config/kong.yml"]') },
      { 'cm.yaml': DBLESS_CONFIGMAP, 'job.yaml': deckJob('["sh", "-c", "cat /config/kong.yml"]', 'busybox:1.36') },
    ]) {
      const [document] = loadFolder(files);
      expect(document).toMatchObject({ loadedByKong: true, kongMigratesOnLoad: true, flavor: 'kong' });
      expect(document.readByDeckIn).toBeUndefined();
    }
  });

  it('names a kong.yml written as a folded block or a quoted string over several lines as not checked, with why, at its data key', async () => {
    const folded = DBLESS_CONFIGMAP.replace('kong.yml: |', 'kong.yml: >');
    const { findings, read } = await run({ 'kong-config.yaml': folded });
    expect(findings).toEqual(['declarative/kubernetes-manifest embeddedConfig warning @6']);
    expect(read).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'kp-k8s-'));
    writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: kong-config\nstringData:\n  kong.yml: "_format_version: \\"3.0\\"\\n\n    services: []\\n"\n');
    const { config } = loadDeclarative({ paths: ['cm.yaml'], cwd: dir });
    expect(config!.documents).toEqual([]);
    const { findings: full } = await runEntityRules({ from: '3.4.0', to: '3.9.0' }, { declarative: config, entities: [config!.entities] }, [rule]);
    expect(full.map((f) => f.message)).toEqual(['cm.yaml is a Kubernetes Secret that holds a Kong declarative configuration as text in `stringData.kong.yml` (as the Kong Helm chart writes `dblessConfig.config`), written as a quoted string, whose lines and escapes YAML rewrites: that configuration was not checked. Write it as a literal block (`|`) to have it checked in place, or extract it to a file and give that file with --declarative.']);
  });

  // `kubectl get configmap -o json` prints kong.yml as one JSON string; a hand-written manifest may
  // hold one-line JSON in quotes. The text sits on one line: each character has its exact place
  // (src/inputs/declarative/one-line-scalar.ts).
  it('reads a kong.yml written as a quoted string on one line, at its exact place on that line', () => {
    const load = (name: string, text: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'kp-k8s-'));
      writeFileSync(join(dir, name), text);
      const { config } = loadDeclarative({ paths: [name], cwd: dir });
      return { document: config!.documents[0], line: (n: number) => text.split('\n')[n - 1] };
    };
    const json = '{"_format_version":"3.0","services":[{"name":"s","url":"http://s.internal"}]}';
    const yamlQuoted = load('cm.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kong-config\ndata:\n  kong.yml: '${json}'\n`);
    const url = yamlQuoted.document.at(['services', 0, 'url']);
    expect(url).toMatchObject({ file: 'cm.yaml', line: 6 });
    expect(yamlQuoted.line(6).slice(url.column! - 1)).toMatch(/^"http:\/\/s\.internal"/);
    // In a JSON manifest, escapes shift the columns: `\"` and `\n` are two characters written, one read.
    const manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kong-config' }, data: { 'kong.yml': '_format_version: "3.0"\nservices:\n- name: s\n  url: http://s.internal\n' } };
    const fromJson = load('cm.json', JSON.stringify(manifest, null, 2));
    const at = fromJson.document.at(['services', 0, 'url']);
    expect(at.line).toBe(8);
    expect(fromJson.line(8).slice(at.column! - 1)).toMatch(/^http:\/\/s\.internal\\n/);
    expect(fromJson.document.formatVersion?.origin).toMatchObject({ line: 8 });
    expect(fromJson.line(8).slice(fromJson.document.formatVersion!.origin.column! - 1)).toMatch(/^\\"3\.0\\"/);
  });

  it('places a syntax error of a one-line kong.yml on the manifest\'s line, and keeps a literal block\'s places', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-k8s-'));
    const broken = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kong-config\ndata:\n  kong.yml: \'{"_format_version":"3.0","services":[{"name":"s",}]}\'\n';
    writeFileSync(join(dir, 'cm.yaml'), broken);
    let error: InputError | undefined;
    try {
      loadDeclarative({ paths: ['cm.yaml'], cwd: dir });
    } catch (caught) {
      error = caught as InputError;
    }
    expect(error?.place).toMatchObject({ file: 'cm.yaml', line: 6 });
    expect(error?.message).toContain('`data.kong.yml`');
    // The literal block of the chart's shape reads as before.
    writeFileSync(join(dir, 'block.yaml'), DBLESS_CONFIGMAP);
    const { config } = loadDeclarative({ paths: ['block.yaml'], cwd: dir });
    expect(config!.documents[0].at(['services', 0, 'url'])).toEqual({ kind: 'file', file: 'block.yaml', line: 10, column: 12 });
  });

  // kubectl bundles put the ConfigMap after other objects (sweep 7: FIWARE/kong-plugins-fiware
  // it/src/test/k3s/kong.yaml, a ServiceAccount, then the ConfigMap with kong.yml, then a Deployment).
  it('finds the kong.yml of a ConfigMap in a later document of a multi-document manifest', async () => {
    const bundle = `---\n${'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: kong\n'}---\n${DBLESS_CONFIGMAP}---\n${DEPLOYMENT}`;
    expect((await run({ 'kong.yaml': bundle })).findings).toEqual(['declarative/kubernetes-manifest embeddedChecked info @1']);
    const dir = mkdtempSync(join(tmpdir(), 'kp-k8s-'));
    writeFileSync(join(dir, 'bundle.yaml'), bundle);
    const { config } = loadDeclarative({ paths: ['bundle.yaml'], cwd: dir });
    expect(config!.documents[0].at(['services', 0, 'name'])).toMatchObject({ file: 'bundle.yaml', line: 15, column: 13 });
    const { findings: full } = await runEntityRules({ from: '3.4.0', to: '3.9.0' }, { declarative: config, entities: [config!.entities] }, [rule]);
    expect(full[0].message).toBe('bundle.yaml is a Kubernetes manifest: the Kong declarative configuration in `data.kong.yml` of ConfigMap kong-config in bundle.yaml (document 2) was checked in place, at its lines in the manifest; its objects themselves (`ServiceAccount`, `ConfigMap`, `Deployment`) were not checked.');
    // Written as a folded block in a later document, it is named by document.
    const folded = bundle.replace('kong.yml: |', 'kong.yml: >');
    expect((await run({ 'kong.yaml': folded })).findings).toEqual(['declarative/kubernetes-manifest embeddedConfigLater warning @12']);
    // Without such a ConfigMap the bundle is one manifest whose KongPlugin is checked.
    const plain = `${DEPLOYMENT}---\n${OTHER_CONFIGMAP}---\n${KONG_PLUGIN}`;
    expect((await run({ 'plain.yaml': plain })).findings).toEqual(['declarative/kubernetes-manifest pluginsChecked info @1']);
    // Without a plugin either, it is named by every kind it holds.
    const dir2 = mkdtempSync(join(tmpdir(), 'kp-k8s-'));
    writeFileSync(join(dir2, 'objects.yaml'), `${DEPLOYMENT}---\n${OTHER_CONFIGMAP}`);
    const { config: objects } = loadDeclarative({ paths: ['objects.yaml'], cwd: dir2 });
    const { findings: named } = await runEntityRules({ from: '3.4.0', to: '3.9.0' }, { declarative: objects, entities: [objects!.entities] }, [rule]);
    expect(named[0].message).toBe('objects.yaml is a Kubernetes manifest (kinds `Deployment`, `ConfigMap`), not a Kong declarative file: it was not checked. It holds no KongPlugin or KongClusterPlugin whose config could be read; other Kong Ingress Controller resources (KongIngress, KongConsumer...) need their own review.');
  });

  it('keeps the plain message for a ConfigMap that holds no Kong configuration', async () => {
    expect((await run({ 'env.yaml': OTHER_CONFIGMAP })).findings).toEqual(['declarative/kubernetes-manifest notChecked warning @1']);
    // Text with a `services:` line that parses as a compose file is no Kong configuration either.
    const compose = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: compose\ndata:\n  compose.yaml: |\n    services:\n      kong:\n        image: kong:3.4\n';
    const { findings, read } = await run({ 'compose-cm.yaml': compose });
    expect(findings).toEqual(['declarative/kubernetes-manifest notChecked warning @1']);
    expect(read).toEqual([]);
  });

  // Kong's chart writes one such ConfigMap; two are two nodes' configurations, not one to merge.
  it('reads the first of two ConfigMaps holding a kong.yml and names the other as not read', async () => {
    const second = DBLESS_CONFIGMAP.replace('name: kong-config', 'name: kong-config-eu');
    const dir = mkdtempSync(join(tmpdir(), 'kp-k8s-'));
    writeFileSync(join(dir, 'two.yaml'), `${DBLESS_CONFIGMAP}---\n${second}`);
    const { config } = loadDeclarative({ paths: ['two.yaml'], cwd: dir });
    expect(config!.documents.map((d) => d.embeddedIn?.name)).toEqual(['kong-config']);
    const { findings } = await runEntityRules({ from: '3.4.0', to: '3.9.0' }, { declarative: config, entities: [config!.entities] }, [rule]);
    expect(summarize(findings)).toEqual(['declarative/kubernetes-manifest embeddedNotRead warning @17']);
    expect(findings[0].message).toBe('`data.kong.yml` of ConfigMap kong-config-eu in two.yaml (document 2) also holds a Kong declarative configuration: it was not checked. Only the one in `data.kong.yml` of ConfigMap kong-config in two.yaml was: a manifest is checked as one Kong node\'s configuration, and two are not merged. Extract this one to a file and check it in a run of its own.');
  });

  it('does not merge a ConfigMap\'s kong.yml with Kong files given beside it: the files are checked, the ConfigMap named', async () => {
    const { findings, read } = await run({ 'configmap.yaml': DBLESS_CONFIGMAP, 'kong.yaml': KONG_FILE });
    expect(read).toEqual(['kong.yaml']);
    expect(findings).toEqual(['declarative/kubernetes-manifest embeddedBesideFiles info @6']);
  });

  it('reads the kong.yml of the first of two ConfigMap files in a folder and names the other as not read', async () => {
    const second = DBLESS_CONFIGMAP.replace('name: kong-config', 'name: kong-config-eu');
    const { findings, read } = await run({ 'a.yaml': DBLESS_CONFIGMAP, 'b.yaml': second });
    expect(read).toEqual(['a.yaml']);
    expect(findings).toEqual(['declarative/kubernetes-manifest embeddedNotRead warning @6']);
  });

  it('says where in the manifest an embedded configuration that does not parse is malformed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-k8s-'));
    writeFileSync(join(dir, 'bad.yaml'), DBLESS_CONFIGMAP.replace('    - name: s\n', '    - name: s\n     bad: [\n'));
    expect(() => loadDeclarative({ paths: ['bad.yaml'], cwd: dir })).toThrow(expect.objectContaining({ place: expect.objectContaining({ file: 'bad.yaml', line: expect.any(Number) }) }));
    try {
      loadDeclarative({ paths: ['bad.yaml'], cwd: dir });
    } catch (error) {
      expect((error as InputError).oneLine()).toMatch(/^bad\.yaml:1[01]:\d+: malformed YAML: .*\(in the Kong declarative configuration held in `data\.kong\.yml`\)$/);
    }
  });

  it('an embedded configuration broken by Helm template actions says to render the chart first', () => {
    // Sweep 17 (diploi/component-supabase .diploi/helm/kong-config.yaml): a chart's ConfigMap
    // parses as YAML around its block, but `url: {{ .Values.x }}/path` inside the block does not.
    const dir = mkdtempSync(join(tmpdir(), 'kp-k8s-'));
    writeFileSync(join(dir, 'templated.yaml'), DBLESS_CONFIGMAP.replace('url: http://s.internal', 'url: {{ .Values.upstream }}/verify'));
    let message = '';
    try {
      loadDeclarative({ paths: ['templated.yaml'], cwd: dir });
    } catch (error) {
      message = (error as InputError).oneLine();
    }
    expect(message).toMatch(/^templated\.yaml:10:\d+: malformed YAML: .*\(in the Kong declarative configuration held in `data\.kong\.yml`\); the file holds Go template actions .*helm template RELEASE CHART/);
  });

  it('an embedded configuration broken without template actions gets no Helm advice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-k8s-'));
    writeFileSync(join(dir, 'bad.yaml'), DBLESS_CONFIGMAP.replace('    - name: s\n', '    - name: s\n     bad: [\n'));
    expect(() => loadDeclarative({ paths: ['bad.yaml'], cwd: dir })).toThrow(expect.not.objectContaining({ message: expect.stringContaining('Go template') }));
  });
});
