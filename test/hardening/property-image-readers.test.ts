// Property-based tests (fast-check) for the readers of --image-file and --helm-values: Dockerfiles,
// compose files, Kubernetes manifests, Argo CD Applications and Flux HelmReleases. Near-valid
// files are built, then damaged (./property-inputs.test.ts's `mutated` idea): each reader returns
// or raises a one-line InputError, stays linear on a large repeated input, and through the CLI a
// marked secret (KONG_PG_PASSWORD, a Secret's data, an Argo parameter named *password*) appears
// in no report format. Replay a failure with the `{ seed, path }` fast-check prints.

import fc from 'fast-check';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDockerfile } from '../../src/inputs/images/dockerfile';
import { readImageFiles } from '../../src/inputs/images/load';
import { loadPlatformInputs } from '../../src/inputs/platform';
import { loadDeclarative } from '../../src/inputs/declarative';
import { containerConfLayer } from '../../src/inputs/images/container-conf-layer';
import { interpolate } from '../../src/inputs/images/interpolate';
import { findKongPackages } from '../../src/inputs/images/kong-package';
import { loadUserValues } from '../../src/inputs/helm/values';
import { setNamePath, setValue } from '../../src/inputs/helm/helm-set';
import { utf16Encoding } from '../../src/text/encoding';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp';
import { expectFindingsOrOneLineError, loadsOrRefuses, mutated } from './support';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);
const CLI_RUNS = Number(process.env.PROPERTY_CLI_RUNS ?? 8);

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

const tricky = fc.constantFrom('\r', '\t', '\uFEFF', '\u00e9', '\ud83d\ude00', '\ud800', '\u2028', '\\', '"', "'", '#', '=', ':', ',', '$', '${', '}', '{',
  '$$', '$(', ')', '[', ']', '\u0000', ' ', '\n', '\\\n', '-');
const noisy = fc.array(fc.oneof(fc.string({ maxLength: 8 }), tricky), { maxLength: 6 }).map((parts) => parts.join(''));
const varName = fc.constantFrom('KONG_VERSION', 'KONG_PG_PASSWORD', 'KONG_DATABASE', 'KONG_ROLE', 'TAG', 'A', 'B', 'kong', '');
/** Shell-ish values with variables, defaults, quotes and escapes. */
const shellValue = fc.array(fc.oneof(noisy, varName.map((v) => `$${v}`), fc.tuple(varName, fc.constantFrom(':-', '-', ':+', '+', ':?', '?', ''), noisy).map(([v, m, w]) => `\${${v}${m}${w}}`),
  fc.constantFrom('"', "'", '\\', '\\$', '3.4.2', 'kong:3.4', 'off', 'postgres')), { maxLength: 5 }).map((p) => p.join(''));

/** One very long line's worth of a character real files repeat (a base64 blob, a long list, indentation). */
const longRun = fc.tuple(fc.constantFrom('a', ' ', '\\', '$', '{', ',', '- '), fc.integer({ min: 1_000, max: 20_000 })).map(([c, n]) => c.repeat(n));

/** Damage: a few characters inserted, deleted or replaced; now and then a very long run. */
function damaged(text: fc.Arbitrary<string>, inserts: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return mutated(text, fc.oneof({ arbitrary: tricky, weight: 4 }, { arbitrary: fc.string({ maxLength: 3 }), weight: 4 }, { arbitrary: inserts, weight: 4 }, { arbitrary: longRun, weight: 1 }));
}

const image = fc.oneof(fc.constantFrom('kong:3.4.2', 'kong/kong-gateway:3.4.3.5', 'kong:2.8', 'kong', 'ubuntu:22.04', 'kong:${KONG_VERSION}', 'kong:$TAG',
  'registry.internal:5000/kong/kong-gateway@sha256:abc', 'kong/kubernetes-ingress-controller:3.1', 'builder', 'scratch'), noisy);

const dockerLine = fc.oneof(
  fc.tuple(image, fc.option(fc.constantFrom('builder', 'final', 'Builder'))).map(([i, as]) => `FROM ${i}${as ? ` AS ${as}` : ''}`),
  fc.tuple(varName, fc.option(shellValue)).map(([n, v]) => (v === null ? `ARG ${n}` : `ARG ${n}=${v}`)),
  fc.array(fc.tuple(varName, shellValue), { minLength: 1, maxLength: 3 }).map((pairs) => `ENV ${pairs.map(([n, v]) => `${n}=${v}`).join(' ')}`),
  fc.tuple(varName, shellValue).map(([n, v]) => `ENV ${n} ${v}`),
  fc.constantFrom('RUN apt-get install -y kong-enterprise-edition=3.4.3.5', 'RUN yum install -y kong-2.8.1', 'RUN apk add --no-cache curl',
    'COPY kong-2.8.1.el7.amd64.rpm /tmp/', 'ADD https://packages.konghq.com/public/gateway-34/deb/ubuntu/pool/jammy/main/k/ko/kong_3.4.2/kong_3.4.2_amd64.deb /tmp/',
    'RUN apt-get install -y kong=${KONG_VERSION} \\', '  && rm -rf /var/lib/apt', '# comment', '', '\\', 'ENV', 'FROM', 'RUN', 'USER kong', 'ENV KONG_PG_PASSWORD="abc'),
  noisy,
);
const dockerfileText = damaged(fc.tuple(fc.array(dockerLine, { maxLength: 14 }), fc.constantFrom('\n', '\r\n', ' \\\n')).map(([l, eol]) => l.join(eol)),
  fc.constantFrom('\\\n', '"', "'", '${', '}', '$', '\nFROM ', '\nENV '));

const envValue = fc.oneof(shellValue, fc.constantFrom('off', 'on', '"quoted"', "'single'", '0755', 'null', '~', '1:30', 'yes'));
const composeEnvironment = fc.oneof(
  fc.dictionary(varName, fc.oneof(envValue, fc.constant(null)), { maxKeys: 4 }),
  fc.array(fc.oneof(fc.tuple(varName, envValue).map(([n, v]) => `${n}=${v}`), varName), { maxLength: 4 }),
  noisy,
);
const serviceName = fc.constantFrom('kong', 'db', 'migrations', 'a', 'b', 'kong-cp', 'kong-dp');
const composeService = fc.record({
  image,
  build: fc.constantFrom('.', { context: '.' }),
  environment: composeEnvironment,
  env_file: fc.oneof(fc.constantFrom('.env', 'missing.env', 'envdir', 'kong.env'), fc.array(fc.oneof(fc.constantFrom('kong.env', 'envdir'), fc.record({ path: fc.constantFrom('kong.env', 'x'), required: fc.boolean() })), { maxLength: 2 })),
  extends: fc.oneof(serviceName, fc.record({ service: serviceName, file: fc.constantFrom('compose.yaml', 'other.yaml', 'missing.yaml') }, { requiredKeys: [] })),
  command: fc.oneof(fc.constantFrom('kong migrations bootstrap', 'kong start', ['kong', 'migrations', 'up']), noisy),
  // Mounts: volumes, configs, secrets, tmpfs and volumes_from, well formed or not.
  volumes: fc.array(fc.oneof(fc.constantFrom('./kong.conf:/etc/kong/kong.conf', 'data:/usr/local/kong', '/opt/x', '~/k:/etc/kong', '${DIR}:/etc/kong', { type: 'bind', source: './t', target: '/t' }, { type: 'tmpfs', target: '/tmp' }), noisy), { maxLength: 3 }),
  configs: fc.array(fc.oneof(fc.constantFrom('kong_conf', 'missing'), fc.record({ source: fc.constantFrom('kong_conf', 'inline', 'missing'), target: fc.constantFrom('/etc/kong/kong.conf', 'rel.conf', '', '${T}') }, { requiredKeys: [] }), noisy), { maxLength: 3 }),
  secrets: fc.array(fc.oneof(fc.constantFrom('pg', 'missing'), fc.record({ source: fc.constantFrom('pg', 'cert'), target: fc.constantFrom('/etc/kong/cert.pem', 'cert.pem', '') }, { requiredKeys: [] }), noisy), { maxLength: 3 }),
  tmpfs: fc.oneof(fc.constantFrom('/tmp', '/run:size=64m', ['/tmp', '/etc/kong']), noisy),
  volumes_from: fc.array(fc.oneof(serviceName, serviceName.map((n) => `${n}:ro`), fc.constantFrom('container:data', 'container:', 'container')), { maxLength: 3 }),
}, { requiredKeys: [] });
/** Top-level `configs:` / `secrets:` entries: file, content, environment, external, or noise. */
const fileObjects = fc.dictionary(fc.constantFrom('kong_conf', 'inline', 'pg', 'cert'), fc.oneof(
  fc.record({ file: fc.constantFrom('./kong.conf', 'missing.conf', '${DIR}/x', '/abs/x') }), fc.record({ content: fc.oneof(noisy, fc.constant('database = off')) }),
  fc.record({ environment: varName }), fc.record({ external: fc.boolean() }), noisy), { maxKeys: 3 });
const composeValue = fc.oneof(
  { weight: 4, arbitrary: fc.record({ version: fc.constantFrom('2', '3.8'), services: fc.dictionary(serviceName, composeService, { maxKeys: 3 }), configs: fileObjects, secrets: fileObjects }, { requiredKeys: ['services'] }) },
  // compose v1: services at the top level.
  { weight: 1, arbitrary: fc.dictionary(serviceName, composeService, { minKeys: 1, maxKeys: 3 }) },
);
/** YAML text with anchors, aliases and merge keys spliced into the dumped compose file. */
const yamlInserts = fc.constantFrom('&a ', '*a', '<<: *a\n', '<<: [*a, *a]\n', '- ', ': ', '? ', '!reset ', '!override ', '!!binary ', '|\n', '>-\n', '---\n', '...\n', '%YAML 1.2\n', '{', '}',
  // Keys that are also names of every JavaScript object's properties.
  '{toString: 1}', 'toString: ', '__proto__: ', '{constructor: x}', '!!set {a, b}', '!!omap [a: 1]', '!!timestamp 2001-12-14 ');

const envEntry = fc.record({
  name: varName,
  value: fc.oneof(envValue, fc.constant(null), fc.integer(), fc.boolean()),
  valueFrom: fc.oneof(
    fc.record({ secretKeyRef: fc.record({ name: fc.constantFrom('kong-pg'), key: fc.constantFrom('password') }, { requiredKeys: [] }) }),
    fc.record({ configMapKeyRef: fc.record({ name: fc.constantFrom('kong-config', 'x'), key: fc.constantFrom('KONG_DATABASE', 'role', 'missing'), optional: fc.boolean() }, { requiredKeys: [] }) }),
    fc.record({ fieldRef: fc.record({ fieldPath: fc.constant('status.podIP') }) }),
    noisy,
  ),
}, { requiredKeys: [] });
const container = fc.record({
  name: fc.constantFrom('proxy', 'kong', 'ingress-controller', 'init'),
  image,
  env: fc.oneof(fc.array(envEntry, { maxLength: 4 }), noisy),
  envFrom: fc.array(fc.oneof(fc.record({ configMapRef: fc.record({ name: fc.constantFrom('kong-config', 'other') }) }), fc.record({ secretRef: fc.record({ name: fc.constant('kong-secret') }) }),
    fc.record({ prefix: fc.constantFrom('KONG_', ''), configMapRef: fc.record({ name: fc.constant('kong-config') }) })), { maxLength: 2 }),
  command: fc.oneof(fc.constantFrom(['kong', 'migrations', 'up'], ['/docker-entrypoint.sh', 'kong', 'docker-start']), noisy),
}, { requiredKeys: [] });
const podSpec = fc.record({ containers: fc.oneof(fc.array(container, { maxLength: 3 }), noisy) }, { requiredKeys: [] });
const manifest = fc.oneof(
  fc.record({ apiVersion: fc.constantFrom('apps/v1', 'v1'), kind: fc.constantFrom('Deployment', 'StatefulSet', 'DaemonSet'), metadata: fc.record({ name: fc.constantFrom('kong', 'gw'), namespace: fc.constantFrom('kong', 'default') }, { requiredKeys: [] }),
    spec: fc.record({ template: fc.record({ spec: podSpec }, { requiredKeys: [] }) }, { requiredKeys: [] }) }, { requiredKeys: [] }),
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Pod'), metadata: fc.record({ name: fc.constant('kong') }), spec: podSpec }, { requiredKeys: [] }),
  fc.record({ apiVersion: fc.constant('batch/v1'), kind: fc.constant('CronJob'), spec: fc.record({ jobTemplate: fc.record({ spec: fc.record({ template: fc.record({ spec: podSpec }) }) }) }) }),
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('ConfigMap'), metadata: fc.record({ name: fc.constantFrom('kong-config', 'x') }), data: fc.oneof(fc.dictionary(varName, envValue, { maxKeys: 4 }), noisy) }, { requiredKeys: [] }),
  fc.record({ apiVersion: fc.constant('gateway-operator.konghq.com/v1beta1'), kind: fc.constant('DataPlane'), spec: fc.record({ deployment: fc.record({ podTemplateSpec: fc.record({ spec: podSpec }) }) }) }),
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('List'), items: fc.array(fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Pod'), spec: podSpec }), { maxLength: 2 }) }),
);
const manifestText = fc.array(manifest, { minLength: 1, maxLength: 3 }).map((docs) => docs.map((d) => dumpYaml(d)).join('---\n'));
/** Kubernetes Ingresses (v1 and v1beta1) with regex-looking paths, classes and KIC annotations, and a controller that names its class. */
const ingressPath = fc.oneof(fc.constantFrom('/', '/api', '/~/v[0-9]+', '/v1/(.*)', '/users/[a-z]+$', '/a|b', '/(?<n>x)', ''), noisy);
const ingress = fc.record({
  apiVersion: fc.oneof({ weight: 4, arbitrary: fc.constant('networking.k8s.io/v1') }, { weight: 1, arbitrary: fc.constantFrom('networking.k8s.io/v1beta1', 'extensions/v1beta1', 'v1') }),
  kind: fc.oneof({ weight: 6, arbitrary: fc.constant('Ingress') }, { weight: 1, arbitrary: fc.constant('IngressList') }),
  metadata: fc.record({
    name: fc.oneof(fc.constant('api'), noisy),
    annotations: fc.dictionary(fc.constantFrom('kubernetes.io/ingress.class', 'konghq.com/strip-path', 'konghq.com/regex-priority', 'konghq.com/plugins', 'x'), fc.oneof(fc.constantFrom('kong', 'nginx', 'true', '10'), noisy), { maxKeys: 3 }),
  }, { requiredKeys: [] }),
  spec: fc.record({
    ingressClassName: fc.oneof(fc.constantFrom('kong', 'other'), noisy),
    rules: fc.array(fc.record({
      host: fc.oneof(fc.constant('api.example.com'), noisy),
      http: fc.record({ paths: fc.array(fc.record({
        path: ingressPath,
        pathType: fc.constantFrom('ImplementationSpecific', 'Prefix', 'Exact', 'x'),
        backend: fc.oneof(fc.record({ service: fc.record({ name: fc.constant('svc'), port: fc.record({ number: fc.integer({ min: 0, max: 70000 }) }) }) }), fc.record({ serviceName: fc.constant('svc'), servicePort: fc.integer() }), noisy),
      }, { requiredKeys: ['path', 'backend'] }), { minLength: 1, maxLength: 3 }) }),
    }, { requiredKeys: ['http'] }), { minLength: 1, maxLength: 2 }),
  }, { requiredKeys: ['rules'] }),
}, { requiredKeys: ['apiVersion', 'kind', 'metadata', 'spec'] });
const controller = fc.record({
  apiVersion: fc.constant('apps/v1'), kind: fc.constant('Deployment'), metadata: fc.record({ name: fc.constant('kic') }),
  spec: fc.record({ template: fc.record({ spec: fc.record({ containers: fc.array(fc.record({
    name: fc.constantFrom('ingress-controller', 'proxy'),
    image: fc.constantFrom('kong/kubernetes-ingress-controller:2.6', 'kong/kubernetes-ingress-controller:3.1', 'kong:3.4.2', 'kong/kubernetes-ingress-controller'),
    args: fc.array(fc.oneof(fc.constantFrom('--ingress-class=kong', '--ingress-class', 'other', '--enable-controller-ingress-networkingv1beta1=true'), noisy), { maxLength: 3 }),
    env: fc.array(fc.record({ name: fc.constantFrom('CONTROLLER_INGRESS_CLASS', 'CONTROLLER_ENABLE_LEGACY_REGEX_DETECTION', 'KONG_DATABASE'), value: fc.oneof(fc.constantFrom('kong', 'true', 'off'), noisy) }), { maxLength: 2 }),
  }, { requiredKeys: ['name', 'image'] }), { maxLength: 2 }) }) }) }),
});
const ingressManifest = fc.array(fc.oneof(ingress, controller), { minLength: 1, maxLength: 3 }).map((docs) => docs.map((d) => dumpYaml(d)).join('---\n'));

/** Amazon ECS container definitions (camelCase, or CloudFormation's capitalised keys) in the three shapes the reader takes. */
const ecsEnvEntry = fc.record({ name: varName, value: fc.oneof(envValue, fc.constant(null), fc.integer(), fc.record({ Ref: fc.constant('X') }), fc.constant('${placeholder}')) }, { requiredKeys: [] });
const ecsContainer = fc.record({
  name: fc.oneof(fc.constantFrom('kong', 'kong-migrations', ''), noisy),
  image,
  essential: fc.boolean(),
  environment: fc.oneof(fc.array(ecsEnvEntry, { maxLength: 4 }), noisy),
  secrets: fc.oneof(fc.array(fc.record({ name: varName, valueFrom: fc.oneof(fc.constant('arn:aws:secretsmanager:eu-west-1:1:secret:x'), noisy) }, { requiredKeys: [] }), { maxLength: 2 }), noisy),
  environmentFiles: fc.array(fc.record({ value: fc.constantFrom('arn:aws:s3:::b/k.env', ''), type: fc.constant('s3') }, { requiredKeys: [] }), { maxLength: 2 }),
  command: fc.oneof(fc.constantFrom(['kong', 'migrations', 'up'], ['kong', 'start', '-c', '/etc/kong/kong.conf'], ['sh', '-c', 'kong start --nginx-conf t.conf']), fc.array(noisy, { maxLength: 3 }), noisy),
  entryPoint: fc.oneof(fc.constantFrom(['/docker-entrypoint.sh']), noisy),
  workingDirectory: fc.oneof(fc.constantFrom('/opt/kong', 'rel'), noisy),
  mountPoints: fc.array(fc.record({ sourceVolume: fc.constantFrom('certs', ''), containerPath: fc.oneof(fc.constantFrom('/etc/kong', 'rel'), noisy) }, { requiredKeys: [] }), { maxLength: 2 }),
}, { requiredKeys: ['name', 'image'] });
const capitalised = (value: unknown): unknown => (Array.isArray(value) ? value.map(capitalised)
  : value !== null && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k.charAt(0).toUpperCase() + k.slice(1), capitalised(v)])) : value);
const ecsFile = fc.oneof(
  fc.record({ family: fc.oneof(fc.constant('kong'), noisy), containerDefinitions: fc.array(ecsContainer, { maxLength: 3 }) }).map((v) => JSON.stringify(v, null, 2)),
  fc.record({ taskDefinition: fc.record({ containerDefinitions: fc.array(ecsContainer, { maxLength: 2 }) }) }).map((v) => JSON.stringify(v)),
  fc.array(ecsContainer, { minLength: 1, maxLength: 3 }).map((v) => JSON.stringify(v, null, 1)),
  fc.array(ecsContainer, { maxLength: 2 }).map((containers) => dumpYaml({ Resources: { Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { Family: 'kong', ContainerDefinitions: capitalised(containers) } } } })),
);


const helmParameter = fc.record({
  name: fc.oneof(fc.constantFrom('image.tag', 'env.pg_password', 'env.database', 'a\\.b', 'plugins[0]', 'a..b', '.', 'x,y', 'env.role', ''), noisy),
  value: fc.oneof(noisy, fc.constantFrom('{a,b}', '{a\\,b}', '3.4', 'true', 'null', '007', '9007199254740993', '-1', '\\'), fc.integer(), fc.constant(null)),
  forceString: fc.oneof(fc.boolean(), fc.constant('true')),
}, { requiredKeys: [] });
const valuesObject = fc.record({ image: fc.record({ repository: fc.constantFrom('kong', 'kong/kong-gateway'), tag: fc.constantFrom('3.4', '3.4.2', 3.4) }, { requiredKeys: [] }),
  env: fc.dictionary(fc.constantFrom('database', 'pg_password', 'role', 'admin_listen'), envValue, { maxKeys: 3 }) }, { requiredKeys: [] });
const helmSource = fc.record({
  chart: fc.constantFrom('kong', 'ingress', 'other'),
  // A folder of the Kong/charts git repository (path:), and the `ref: values` source valueFiles name with $values/.
  repoURL: fc.constantFrom('https://charts.konghq.com', 'oci://registry-1.docker.io/bitnamicharts', 'https://github.com/Kong/charts.git', 'git@github.com:Kong/charts'),
  path: fc.constantFrom('charts/kong', './charts/ingress/', 'charts/other'),
  ref: fc.constant('values'),
  targetRevision: fc.oneof(fc.constantFrom('2.26.0', '~2.26', '3.10', 'v2.38.0', '*'), fc.double(), noisy),
  helm: fc.record({
    valuesObject: fc.oneof(valuesObject, noisy),
    values: fc.oneof(valuesObject.map((v) => dumpYaml(v)), noisy, fc.constantFrom('a: &a\n  b: *a\n', 'image: {tag: [unclosed\n')),
    parameters: fc.oneof(fc.array(helmParameter, { maxLength: 4 }), noisy),
    valueFiles: fc.array(fc.constantFrom('values.yaml', 'prod.yaml', '$values/kong/values.yaml', './values.yaml'), { maxLength: 2 }),
    fileParameters: fc.array(fc.record({ name: fc.constant('env.pg_password'), path: fc.constant('secrets/pg') }), { maxLength: 1 }),
  }, { requiredKeys: [] }),
}, { requiredKeys: [] });
const helmDocument = fc.oneof(
  fc.record({ apiVersion: fc.constantFrom('argoproj.io/v1alpha1'), kind: fc.constant('Application'), metadata: fc.record({ name: fc.constant('kong') }),
    spec: fc.record({ source: helmSource, sources: fc.array(helmSource, { maxLength: 2 }) }, { requiredKeys: [] }) }, { requiredKeys: [] }),
  fc.record({ apiVersion: fc.constantFrom('helm.toolkit.fluxcd.io/v2', 'helm.toolkit.fluxcd.io/v2beta1'), kind: fc.constant('HelmRelease'), metadata: fc.record({ name: fc.constant('kong') }),
    spec: fc.record({ chart: fc.record({ spec: fc.record({ chart: fc.constantFrom('kong', 'ingress'), version: fc.oneof(fc.constantFrom('2.26.0', '>=2.0'), fc.double()) }, { requiredKeys: [] }) }),
      values: fc.oneof(valuesObject, noisy), valuesFrom: fc.oneof(fc.array(fc.record({ kind: fc.constantFrom('Secret', 'ConfigMap'), name: fc.constant('kong-values'), valuesKey: fc.constantFrom('values.yaml', 'pg'),
        targetPath: fc.constantFrom('env.pg_password', 'a[0]'), optional: fc.boolean() }, { requiredKeys: ['kind', 'name'] }), { maxLength: 2 }), noisy), chartRef: fc.constant({ kind: 'OCIRepository' }) }, { requiredKeys: [] }) }, { requiredKeys: [] }),
  valuesObject,
);

/**
 * A GitOps file of several documents (a Namespace, the release, another release), and YAML whose
 * anchors are set in one document and used in the next (each document's anchors are its own).
 */
const helmFile = fc.oneof(
  { weight: 3, arbitrary: helmDocument.map((d) => dumpYaml(d)) },
  { weight: 1, arbitrary: fc.tuple(fc.option(fc.constant({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kong' } })), helmDocument, fc.option(helmDocument), fc.constantFrom('---\n', '--- \n', '...\n---\n'))
    .map(([namespace, release, other, separator]) => [namespace, release, other].filter((d) => d !== null).map((d) => dumpYaml(d)).join(separator)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('env: &env\n  database: "off"\n', 'base: &base {repository: kong, tag: "3.4"}\n', '&top\nimage: {tag: "3.4"}\n'),
    fc.constantFrom('env: *env\n', 'image:\n  <<: *base\n', '*top\n', 'image: *base\nenv: {<<: *env}\n', '- <<: *env\n')).map(([first, second]) => `${first}---\n${second}`) },
);

function dumpYaml(value: unknown): string {
  // The yaml package writes what compose-go and Helm read; an unrepresentable value falls back to JSON (valid YAML).
  const { stringify } = require('yaml') as typeof import('yaml');
  try {
    return stringify(value);
  } catch {
    return `${JSON.stringify(value)}\n`;
  }
}

// ---------------------------------------------------------------------------------------------
// Readers on arbitrary input
// ---------------------------------------------------------------------------------------------

/**
 * A hang guard, not a speed goal (speed is measured by bench/): the limit is far above what any
 * of these inputs takes even on a loaded machine, and far below what the quadratic or exponential
 * readings these tests were written for took (minutes, or never).
 */
const HANG_LIMIT_MS = 20_000;

function quickly<T>(read: () => T, limitMs = HANG_LIMIT_MS): T {
  const started = Date.now();
  const result = read();
  expect(Date.now() - started).toBeLessThan(limitMs);
  return result;
}

describe('image-file readers on arbitrary input', () => {
  const dir = tempDir({ 'kong.env': 'KONG_DATABASE=off\nexport KONG_ROLE="data_plane"\nKONG_PG_PASSWORD=${KONG_DATABASE}x # c\n', '.env': 'KONG_VERSION=3.4.2\n' }, 'kp-props-images-');
  mkdirSync(join(dir, 'envdir'));
  writeFileSync(join(dir, 'other.yaml'), 'services:\n  kong:\n    image: kong:3.4.2\n    extends: {service: kong, file: compose.yaml}\n    environment: [KONG_DATABASE=postgres]\n');

  it('Dockerfile: reads or refuses, variables substituted, packages found', () => {
    fc.assert(fc.property(dockerfileText, (text) => {
      loadsOrRefuses(() => quickly(() => {
        const read = readDockerfile('Dockerfile', text);
        for (const variable of read.env) expect(variable.origin.line).toBeGreaterThanOrEqual(1);
      }));
    }), { numRuns: RUNS });
  });

  it('variable substitution and package names: any text, both escapes', () => {
    fc.assert(fc.property(fc.array(fc.oneof(shellValue, dockerLine), { maxLength: 6 }).map((p) => p.join(' ')), fc.dictionary(varName, noisy, { maxKeys: 3 }), (text, known) => {
      for (const escape of ['backslash', 'double-dollar'] as const) {
        const result = interpolate(text, { known: new Map(Object.entries(known)), escape });
        expect(typeof result.text).toBe('string');
      }
      findKongPackages(text, { kind: 'file', file: 'Dockerfile', line: 1, column: 1 });
    }), { numRuns: RUNS });
  });

  it('compose files (several merged, v1, extends, env_file): read or refused, and a container picked', () => {
    const compose = damaged(composeValue.map((v) => dumpYaml(v)), yamlInserts);
    fc.assert(fc.property(compose, fc.option(compose), (text, override) => {
      writeFileSync(join(dir, 'compose.yaml'), text);
      const files = [join(dir, 'compose.yaml')];
      if (override !== null) {
        writeFileSync(join(dir, 'compose.override.yaml'), override);
        files.push(join(dir, 'compose.override.yaml'));
      }
      loadsOrRefuses(() => quickly(() => {
        const read = readImageFiles(files);
        containerConfLayer(read.containerEnv);
        containerConfLayer(read.containerEnv, 'data_plane');
      }));
    }), { numRuns: RUNS });
  });

  it('Kubernetes manifests (workloads, ConfigMaps, valueFrom, operator resources): read or refused', () => {
    const file = join(dir, 'kong.yaml');
    fc.assert(fc.property(damaged(manifestText, yamlInserts), (text) => {
      writeFileSync(file, text);
      loadsOrRefuses(() => quickly(() => containerConfLayer(readImageFiles([file]).containerEnv)));
    }), { numRuns: RUNS });
  });

  it('Ingresses and their controller, given with --image-file and --declarative: read or refused', () => {
    const file = join(dir, 'ingress.yaml');
    fc.assert(fc.property(damaged(ingressManifest, yamlInserts), (text) => {
      writeFileSync(file, text);
      loadsOrRefuses(() => quickly(() => loadPlatformInputs({ imageFiles: [file] })));
      loadsOrRefuses(() => quickly(() => loadDeclarative({ paths: [file], cwd: dir })));
    }), { numRuns: RUNS });
    // The generator reaches the reader: undamaged manifests give Ingress paths.
    const read = fc.sample(ingressManifest, { numRuns: 40, seed: 7 }).map((text) => {
      writeFileSync(file, text);
      return loadPlatformInputs({ imageFiles: [file] }).kicIngressPaths?.length ?? 0;
    });
    expect(read.some((count) => count > 0)).toBe(true);
  });

  it('Amazon ECS task definitions (JSON, CloudFormation, bare lists): read or refused', () => {
    const file = join(dir, 'task.json');
    fc.assert(fc.property(damaged(ecsFile, fc.constantFrom('${cpu}', '%{ if x }', ',', '"', '{', '[', ': ', '!GetAtt ')), (text) => {
      writeFileSync(file, text);
      loadsOrRefuses(() => quickly(() => {
        const read = readImageFiles([file]);
        containerConfLayer(read.containerEnv);
        containerConfLayer(read.containerEnv, 'data_plane');
      }));
    }), { numRuns: RUNS });
  });

  it('Helm values, Argo CD Applications and Flux HelmReleases: read or refused', () => {
    const file = join(dir, 'app.yaml');
    fc.assert(fc.property(damaged(helmFile, yamlInserts), (text) => {
      writeFileSync(file, text);
      loadsOrRefuses(() => quickly(() => loadUserValues([file])));
    }), { numRuns: RUNS });
  });

  it('Helm --set names and values: any text', () => {
    fc.assert(fc.property(noisy, noisy, fc.boolean(), (name, value, forceString) => {
      const path = setNamePath(name);
      if (path) for (const key of path) expect(key).not.toBe('');
      setValue(value, forceString);
    }), { numRuns: RUNS });
  });

  it('UTF-16 detection: any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
      expect([undefined, 'UTF-16LE', 'UTF-16BE']).toContain(utf16Encoding(bytes));
    }), { numRuns: RUNS });
  });
});

// ---------------------------------------------------------------------------------------------
// Shrunk counterexamples and large repeated inputs
// ---------------------------------------------------------------------------------------------

describe('image-file readers: alias bombs, cycles and size stay bounded', () => {
  const dir = tempDir({}, 'kp-props-images-size-');

  it('Helm values: nested aliases are refused (once hung), an alias inside its own value too (once a RangeError)', () => {
    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    writeFileSync(join(dir, 'laughs.yaml'), `${lines.join('\n')}\n`);
    const bomb = loadsOrRefuses(() => quickly(() => loadUserValues([join(dir, 'laughs.yaml')])));
    expect(bomb === 'loaded' ? bomb : bomb.oneLine()).toMatch(/laughs\.yaml:\d+:\d+: YAML aliases expand to more than 1000000 values/);
    writeFileSync(join(dir, 'self.yaml'), 'image:\n  repository: kong\nenv: &a\n  nested: *a\n');
    const self = loadsOrRefuses(() => loadUserValues([join(dir, 'self.yaml')]));
    expect(self === 'loaded' ? self : self.oneLine()).toBe(`${join(dir, 'self.yaml')}:4:11: the alias *a is used inside the value it names: the values never end`);
    // A few aliases (the common DRY use) still read, each copy in place.
    writeFileSync(join(dir, 'dry.yaml'), 'base: &b {database: "off"}\nenv: *b\nproxy: {env: *b}\n');
    expect(loadUserValues([join(dir, 'dry.yaml')]).scalar('proxy', 'env', 'database')?.value).toBe('off');
  });

  it('compose: merge keys nested through aliases are read once (once hung), a map merging itself is read', () => {
    const lines = ['x0: &x0 {KONG_DATABASE: "off"}'];
    for (let i = 1; i < 10; i++) lines.push(`x${i}: &x${i} {<<: [${Array(10).fill(`*x${i - 1}`).join(', ')}]}`);
    lines.push('services:', '  kong:', '    image: kong:3.4.2', '    environment:', '      <<: *x9', '      KONG_ROLE: traditional');
    writeFileSync(join(dir, 'compose.yaml'), `${lines.join('\n')}\n`);
    const read = quickly(() => readImageFiles([join(dir, 'compose.yaml')]));
    expect(read.containerEnv.containers[0].variables.map((v) => `${v.name}=${v.value}`)).toEqual(['KONG_DATABASE=off', 'KONG_ROLE=traditional']);
    writeFileSync(join(dir, 'self-merge.yaml'), 'x: &x\n  <<: *x\n  KONG_DATABASE: "off"\nservices:\n  kong:\n    image: kong:3.4.2\n    environment: *x\n');
    expect(readImageFiles([join(dir, 'self-merge.yaml')]).containerEnv.containers[0].variables.map((v) => v.name)).toEqual(['KONG_DATABASE']);
  });

  it('Dockerfile: thousands of stages, ENV lines, continuation lines and nested defaults stay linear (each was quadratic)', () => {
    const stages = Array.from({ length: 20000 }, (_, i) => `FROM kong:3.4.2 AS s${i}\nENV KONG_A${i}=1`).join('\n');
    quickly(() => readDockerfile('Dockerfile', stages));
    const envLines = `FROM kong:3.4.2\n${Array.from({ length: 30000 }, (_, i) => `ENV KONG_A${i}=$KONG_A${i - 1}x`).join('\n')}\n`;
    expect(quickly(() => readDockerfile('Dockerfile', envLines)).env).toHaveLength(30000);
    const continued = `FROM kong:3.4.2\nENV ${'KONG_A=${B:-${C:-x}} \\\n'.repeat(30000)}KONG_B=1\n`;
    const read = quickly(() => readDockerfile('Dockerfile', continued));
    expect(read.env.map((v) => `${v.name}=${v.value}@${v.origin.line}`)).toEqual(['KONG_A=x@30001', 'KONG_B=1@30002']);
    const nested = `FROM kong:3.4.2\nENV KONG_A=${'${X:-'.repeat(50000)}v${'}'.repeat(50000)} KONG_B=${'${Y'.repeat(50000)}\n`;
    const deep = quickly(() => readDockerfile('Dockerfile', nested)).env;
    // Past 64 nested defaults the reference is not followed: unresolved, never a stack overflow.
    expect(deep.map((v) => [v.name, v.value === undefined ? 'unresolved' : v.value.length])).toEqual([['KONG_A', 'unresolved'], ['KONG_B', 150000]]);
  });

  it('Dockerfile: nested defaults within the limit still resolve, and every value of one ENV sees the variables from before it', () => {
    const text = 'ARG V=1\nFROM kong:3.4.2\nARG V\nENV A=${X:-${Y:-${V}}} B=$A\nENV C=$A\n';
    expect(readDockerfile('Dockerfile', text).env.map((v) => `${v.name}=${v.value ?? '?'}`)).toEqual(['A=1', 'B=?', 'C=1']);
  });
});

// ---------------------------------------------------------------------------------------------
// Through the CLI: findings or one line, and never a secret
// ---------------------------------------------------------------------------------------------

const MARK = 's3cr3t';

/** Runs check with the image files and Helm values, every report format; returns all that was written. */
async function checkAll(dir: string, args: string[]): Promise<{ code: number; text: string }> {
  const formats = ['json', 'sarif', 'markdown', 'junit', 'gitlab'];
  const result = await runCli(['check', ...args, '--from', '2.8', '--to', '3.4', '--no-db', '--no-config', '--fail-on', 'none', '-f', 'text',
    ...formats.flatMap((f) => ['-O', `${f}=${join(dir, `report.${f}`)}`])], { cwd: dir });
  expectFindingsOrOneLineError(result);
  const reports = result.code === 2 ? [] : formats.map((f) => readFileSync(join(dir, `report.${f}`), 'utf8'));
  return { code: result.code, text: [result.stdout, result.stderr, ...reports].join('\n') };
}

describe('image files and Helm values through the CLI: no secret in any format', () => {
  const dir = tempDir({}, 'kp-props-images-cli-');
  const secret = (what: string) => `${MARK}-${what}`;
  const base64 = (text: string) => Buffer.from(text).toString('base64');

  it('a Dockerfile, a compose file and a manifest whose secrets are damaged around', async () => {
    const dockerfile = fc.tuple(fc.array(dockerLine, { maxLength: 6 }), fc.constantFrom(`ENV KONG_PG_PASSWORD=${secret('docker')}`, `ENV KONG_PG_PASSWORD "${secret('docker')}`,
      `ENV KONG_PG_PASSWORD=${secret('docker')} KONG_DATABASE=\${KONG_PG_PASSWORD}x`)).map(([lines, env]) => ['FROM kong:2.8.1', env, ...lines].join('\n'));
    const compose = fc.tuple(composeEnvironment, fc.constantFrom('KONG_PG_PASSWORD', 'KONG_VAULT_HCV_TOKEN')).map(([environment, name]) => dumpYaml({
      services: { kong: { image: 'kong:2.8.1', environment: { ...(typeof environment === 'object' && !Array.isArray(environment) ? environment : {}), [name]: secret('compose'), KONG_PG_PASSWORD_FILE: '/run/secrets/pg' } } },
    }));
    const k8s = fc.tuple(fc.array(envEntry, { maxLength: 3 }), fc.boolean()).map(([env, prefixed]) => [
      dumpYaml({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'kong-secret' }, data: { KONG_PG_PASSWORD: base64(secret('k8s-data')) }, stringData: { KONG_PG_PASSWORD: secret('k8s-string') } }),
      dumpYaml({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kong-config' }, data: { KONG_PG_PASSWORD: secret('k8s-configmap') } }),
      dumpYaml({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'kong' }, spec: { template: { spec: { containers: [{ name: 'proxy', image: 'kong:2.8.1',
        envFrom: [{ configMapRef: { name: 'kong-config' }, ...(prefixed ? { prefix: 'X_' } : {}) }, { secretRef: { name: 'kong-secret' } }],
        env: [...env, { name: 'KONG_PG_PASSWORD', value: secret('k8s-env') }, { name: 'KONG_DATABASE', value: '$(KONG_PG_PASSWORD)' }] }] } } } }),
    ].join('---\n'));
    await fc.assert(fc.asyncProperty(fc.tuple(damaged(dockerfile, fc.constantFrom('\\\n', '"')), compose, k8s), async ([d, c, k]) => {
      writeFileSync(join(dir, 'Dockerfile'), d);
      writeFileSync(join(dir, 'compose.yaml'), c);
      writeFileSync(join(dir, 'kong.yaml'), k);
      for (const file of ['Dockerfile', 'compose.yaml', 'kong.yaml']) {
        const { text } = await checkAll(dir, ['--image-file', join(dir, file)]);
        expect(text.split('\n').filter((line) => line.includes(MARK))).toEqual([]);
      }
    }), { numRuns: CLI_RUNS });
  });

  it('an Argo CD Application with a *password* parameter and a Flux HelmRelease', async () => {
    const app = fc.tuple(fc.array(helmParameter, { maxLength: 3 }), fc.constantFrom('env.pg_password', 'env.password', 'env.pg_password[0]', 'env\\.pg_password', 'a.b.password'), fc.boolean(),
      fc.constantFrom('source', 'sources', 'sources after a ref source')).map(([parameters, name, forceString, where]) => {
      const source = { chart: 'kong', repoURL: 'https://charts.konghq.com', targetRevision: '2.26.0', helm: {
        values: `env:\n  database: postgres\n  pg_password: ${secret('values-text')}\n`, parameters: [...parameters, { name, value: `{${secret('param')},x}`, forceString }, { name: 'env.pg_password', value: secret('param2') }] } };
      const spec = where === 'source' ? { source } : { sources: where === 'sources' ? [source] : [{ repoURL: 'https://git.example/values.git', ref: 'values' }, source] };
      return dumpYaml({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'kong' }, spec });
    });
    const flux = fc.constant(dumpYaml({ apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'kong' },
      spec: { chart: { spec: { chart: 'kong', version: '2.26.0' } }, valuesFrom: [{ kind: 'Secret', name: 'kong-pg', valuesKey: 'password', targetPath: 'env.pg_password' }],
        values: { env: { database: 'postgres', pg_password: secret('flux'), admin_gui_session_conf: `{"secret":"${secret('session')}"}` } } } }));
    await fc.assert(fc.asyncProperty(fc.oneof(app, flux), async (text) => {
      writeFileSync(join(dir, 'app.yaml'), text);
      const { text: out } = await checkAll(dir, ['--helm-values', join(dir, 'app.yaml')]);
      expect(out.split('\n').filter((line) => line.includes(MARK))).toEqual([]);
    }), { numRuns: CLI_RUNS });
  });
});
