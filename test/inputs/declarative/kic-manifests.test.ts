// Kubernetes manifests: every document read with positions in the file's own lines, and
// KongPlugin / KongClusterPlugin resources turned into the plugins the Ingress Controller sends.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDeclarative, readDeclarativeText } from '../../../src/inputs/declarative';
import { manifestDocuments } from '../../../src/inputs/declarative/manifest-documents';
import { KicPluginEntity } from '../../../src/inputs/declarative/kic-plugins';
import type { DeclarativeEntitySource } from '../../../src/inputs/declarative';
import { isUnknownValue, VALUE_FROM_SECRET } from '../../../src/model/unknown-value';

/** The 1-based line of the first line of `text` that contains `needle` after line `after`. */
function lineOf(text: string, needle: string, after = 0): number {
  const lines = text.split('\n');
  for (let i = after; i < lines.length; i++) if (lines[i].includes(needle)) return i + 1;
  throw new Error(`${needle} not found`);
}

function load(files: Record<string, string>): ReturnType<typeof loadDeclarative>['config'] & object {
  const dir = mkdtempSync(join(tmpdir(), 'kp-kic-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return loadDeclarative({ paths: Object.keys(files), cwd: dir }).config!;
}

function plugins(config: { entities: unknown }): KicPluginEntity[] {
  return (config.entities as DeclarativeEntitySource).list('plugin') as KicPluginEntity[];
}

const STREAM = [
  '# leading comment',
  'apiVersion: v1',
  'kind: Namespace',
  'metadata: {name: api}',
  '---',
  '# a comment inside the second document',
  'apiVersion: v1',
  'kind: ConfigMap',
  'data:',
  '  a: |',
  '    text',
  '...',
  '---',
  '',
  'apiVersion: configuration.konghq.com/v1',
  'kind: KongPlugin',
  'metadata:',
  '  name: third',
  'plugin: ip-restriction',
  'config:',
  '  whitelist: [10.0.0.0/8]',
  '--- # a fourth, holding a list, is no object',
  '- a',
  '---',
  'kind: Last',
  'nested:',
  '  deep:',
  '    value: 1',
  '',
].join('\n');

describe('manifestDocuments', () => {
  it('locates values of later documents at their own lines, the third one included', () => {
    const documents = [...manifestDocuments(readDeclarativeText('stream.yaml', STREAM))];
    expect(documents.map((d) => [d.number, d.root.kind])).toEqual([[1, 'Namespace'], [2, 'ConfigMap'], [3, 'KongPlugin'], [5, 'Last']]);
    const third = documents[2];
    expect(third.at(['config', 'whitelist'])).toEqual({ kind: 'file', file: 'stream.yaml', line: lineOf(STREAM, 'whitelist'), column: 14 });
    expect(third.at(['plugin']).line).toBe(lineOf(STREAM, 'plugin:'));
    expect(third.at([]).line).toBe(lineOf(STREAM, 'kind: KongPlugin') - 1);
    // A path that is not there answers with its closest existing ancestor.
    expect(third.at(['config', 'allow']).line).toBe(lineOf(STREAM, 'whitelist'));
    expect(documents[1].at(['data', 'a']).line).toBe(lineOf(STREAM, '  a: |'));
    expect(documents[3].at(['nested', 'deep', 'value'])).toMatchObject({ line: lineOf(STREAM, 'value: 1'), column: 12 });
  });

  it('keeps a file without later documents to the first, and a JSON file whole', () => {
    expect([...manifestDocuments(readDeclarativeText('one.yaml', 'kind: A\n'))]).toHaveLength(1);
    const json = readDeclarativeText('list.json', '{"apiVersion": "v1", "kind": "List",\n "items": [\n  {"kind": "KongPlugin"}]}');
    const [only] = [...manifestDocuments(json)];
    expect(only.at(['items', 0, 'kind']).line).toBe(3);
  });
});

const KONG_PLUGIN = `apiVersion: configuration.konghq.com/v1
kind: KongPlugin
metadata:
  name: rl
  namespace: shop
plugin: rate-limiting
disabled: true
protocols: [https]
instance_name: rl-shop
config:
  minute: 5
`;

describe('KongPlugin and KongClusterPlugin resources', () => {
  it('become the plugin the controller sends: plugin -> name, disabled -> enabled false, config as written', () => {
    const [plugin] = plugins(load({ 'p.yaml': KONG_PLUGIN }));
    expect(plugin.fields).toEqual({ name: 'rate-limiting', config: { minute: 5 }, enabled: false, protocols: ['https'], instance_name: 'rl-shop' });
    expect(plugin.label).toBe('KongPlugin "rl" (namespace shop, plugin rate-limiting)');
    // Fields are located where the resource writes them, under its own keys.
    expect(plugin.at(['name']).line).toBe(6);
    expect(plugin.at(['enabled']).line).toBe(7);
    expect(plugin.at(['config', 'minute']).line).toBe(11);
    expect(plugin.origin.line).toBe(1);
  });

  it('reads plugins after other objects, in a kind: List, and names a cluster plugin without a namespace', () => {
    const text = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: kong}\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: s}\n- apiVersion: configuration.konghq.com/v1\n  kind: KongClusterPlugin\n  metadata: {name: cors, namespace: ignored}\n  plugin: cors\n`;
    const config = load({ 'bundle.yaml': text });
    const found = plugins(config);
    expect(found.map((p) => [p.label, p.fields.config, p.at(['name']).line])).toEqual([['KongClusterPlugin "cors" (plugin cors)', {}, 14]]);
    expect(config.documents).toEqual([]);
    expect(config.unreadable[0].objects).toEqual({ checked: [{ kind: 'KongClusterPlugin', count: 1 }], unchecked: [], patched: [], otherKinds: ['Deployment', 'Service'], ingressPaths: [] });
  });

  it('does not make a plugin of a resource whose whole config comes from Secrets, and keeps no secret detail', () => {
    const fromSecret = `apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata: {name: lambda}\nplugin: aws-lambda\nconfigFrom:\n  secretKeyRef: {name: creds, key: cfg}\n`;
    const replaced = `---\napiVersion: configuration.konghq.com/v1\nkind: KongClusterPlugin\nmetadata: {name: oidc}\nplugin: openid-connect\nconfigPatches:\n- path: ""\n  valueFrom:\n    secretKeyRef: {name: oidc, namespace: auth, key: whole}\n`;
    const config = load({ 'secret.yaml': fromSecret + replaced });
    expect(plugins(config)).toEqual([]);
    const unchecked = config.unreadable[0].objects!.unchecked;
    expect(unchecked.map((u) => [u.label, u.reason, u.origin.line])).toEqual([
      ['KongPlugin "lambda"', 'config-from-secret', 6],
      ['KongClusterPlugin "oidc"', 'config-patches', 13],
    ]);
    expect(JSON.stringify(config.unreadable)).not.toMatch(/creds|cfg|whole/);
  });

  // KIC applies each configPatches entry as a JSON Patch `add` of the Secret's value
  // (internal/dataplane/kongstate/plugin.go@v3.4.0): what is written is Kong's config all the same.
  it('makes a plugin of a resource that patches some fields from Secrets: written fields as written, patched ones set but unknown', () => {
    const text = `apiVersion: configuration.konghq.com/v1\nkind: KongClusterPlugin\nmetadata: {name: oidc}\nplugin: openid-connect\nconfig:\n  issuer: https://id.example\n  session_redis_host: r\nconfigPatches:\n- path: /client_secret\n  valueFrom:\n    secretKeyRef: {name: oidc, namespace: auth, key: secret}\n- path: /redis/password\n  valueFrom:\n    secretKeyRef: {name: redis, namespace: auth, key: password}\n`;
    const config = load({ 'oidc.yaml': text });
    const [plugin] = plugins(config);
    expect(plugin.fields.config).toEqual({ issuer: 'https://id.example', session_redis_host: 'r', client_secret: VALUE_FROM_SECRET, redis: { password: VALUE_FROM_SECRET } });
    expect(isUnknownValue((plugin.fields.config as Record<string, unknown>).client_secret)).toBe(true);
    // The written mapping is not changed: the patches work on copies.
    expect(plugin.resource.record.config).toEqual({ issuer: 'https://id.example', session_redis_host: 'r' });
    // A written field is found where it is written; a patched one at its patch's path.
    expect(plugin.at(['config', 'issuer']).line).toBe(lineOf(text, 'issuer:'));
    expect(plugin.at(['config', 'client_secret']).line).toBe(lineOf(text, 'path: /client_secret'));
    expect(plugin.at(['config', 'redis', 'password']).line).toBe(lineOf(text, 'path: /redis/password'));
    const objects = config.unreadable[0].objects!;
    expect(objects.unchecked).toEqual([]);
    expect(objects.checked).toEqual([{ kind: 'KongClusterPlugin', count: 1 }]);
    expect(objects.patched.map((p) => [p.label, p.fields, p.origin.line])).toEqual([['KongClusterPlugin "oidc"', ['config.client_secret', 'config.redis.password'], lineOf(text, '- path: /client_secret')]]);
    expect(JSON.stringify(objects)).not.toMatch(/namespace: auth|"secret"|"password"/);
  });

  it('leaves unchecked a resource whose patch the controller cannot apply', () => {
    const text = `apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata: {name: rl}\nplugin: rate-limiting\nconfig: {minute: 5}\nconfigPatches:\n- path: /minute/extra\n  valueFrom:\n    secretKeyRef: {name: s, key: k}\n`;
    const config = load({ 'rl.yaml': text });
    expect(plugins(config)).toEqual([]);
    expect(config.unreadable[0].objects!.unchecked.map((u) => u.reason)).toEqual(['config-patches-not-applicable']);
  });

  // Shaped after asseco-tech/openshift-kong-ingress deploy/route/templates/kong-plugins-template.yaml:
  // KongPlugins kept under `objects:` of an OpenShift Template, applied with `oc process | oc apply`.
  const TEMPLATE = `apiVersion: v1
kind: Template
metadata:
  name: kong-plugins-template
objects:
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: c}
- apiVersion: configuration.konghq.com/v1
  kind: KongPlugin
  metadata:
    name: office
    namespace: dropped-by-oc-process
    annotations:
      kubernetes.io/ingress.class: \${ingress_class}
  plugin: ip-restriction
  config:
    whitelist: [10.0.0.0/8]
- apiVersion: configuration.konghq.com/v1
  kind: KongPlugin
  metadata:
    name: rl
    namespace: \${NAMESPACE}
  plugin: rate-limiting
parameters:
- name: ingress_class
`;

  it('reads the KongPlugins of an OpenShift Template, as `oc process` makes them', () => {
    const config = load({ 'template.yaml': TEMPLATE });
    const found = plugins(config);
    // A literal namespace is dropped by `oc process`; a parameter is kept as written.
    expect(found.map((p) => [p.label, p.at(['name']).line])).toEqual([
      ['KongPlugin "office" (plugin ip-restriction)', lineOf(TEMPLATE, 'plugin: ip-restriction')],
      ['KongPlugin "rl" (namespace ${NAMESPACE}, plugin rate-limiting)', lineOf(TEMPLATE, 'plugin: rate-limiting')],
    ]);
    expect(found[0].at(['config', 'whitelist'])).toMatchObject({ line: lineOf(TEMPLATE, 'whitelist'), column: 16 });
    expect(config.unreadable[0].objects!.otherKinds).toEqual(['Template', 'ConfigMap']);
  });

  it('reads no objects of a Template kind from another API group', () => {
    const config = load({ 'other-template.yaml': TEMPLATE.replace('apiVersion: v1\nkind: Template', 'apiVersion: example.com/v1\nkind: Template') });
    expect(plugins(config)).toEqual([]);
    expect(config.unreadable[0].objects!.otherKinds).toEqual(['Template']);
  });

  it('leaves resources of other groups alone, whatever their kind', () => {
    const config = load({ 'other.yaml': 'apiVersion: example.com/v1\nkind: KongPlugin\nplugin: acl\nconfig: {blacklist: [x]}\n' });
    expect(plugins(config)).toEqual([]);
    expect(config.unreadable[0].objects!.otherKinds).toEqual(['KongPlugin']);
  });

  it('visits KIC plugins after the plugins of kong.yml files, which keep their own format', () => {
    const config = load({ 'kong.yml': '_format_version: "3.0"\nplugins:\n- name: cors\n', 'p.yaml': KONG_PLUGIN });
    expect(plugins(config).map((p) => p.label ?? p.name)).toEqual(['cors', 'KongPlugin "rl" (namespace shop, plugin rate-limiting)']);
    expect(config.documents.map((d) => d.file)).toEqual(['kong.yml']);
    expect(config.entities.label).toBe('kong.yml, p.yaml');
  });
});

describe('unrendered templates', () => {
  // As erichsend/api.erichsen.dev echo-service/templates/acme-plugin.yaml keeps it in its chart.
  const CHART_TEMPLATE = `{{- if .Values.ingress.enabled -}}\napiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: rl\nplugin: rate-limiting\nconfig:\n  minute: 5\n{{- end }}\n`;

  it('says a file that fails to parse holds Go template actions and is to be rendered first', () => {
    expect(() => load({ 'acme-plugin.yaml': CHART_TEMPLATE })).toThrow(/malformed YAML: .*Go template actions .*helm template/);
  });

  it('keeps the parser\'s own words for a malformed file without template actions', () => {
    let message = '';
    try {
      load({ 'broken.yaml': 'apiVersion: v1\nkind: [KongPlugin\n' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^malformed YAML/);
    expect(message).not.toMatch(/template/);
  });
});
