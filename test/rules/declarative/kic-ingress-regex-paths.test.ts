import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rule from '../../../rules/declarative/kic-ingress-regex-paths';
import { loadDeclarative } from '../../../src/inputs/declarative';
import { parseControllerImage, type ControllerImageRef } from '../../../src/inputs/images/controller-image';
import type { Finding } from '../../../src/model/finding';
import { runEntityRules } from '../../support/declarative-harness';

/** An Ingress with one path; `meta` and `spec` are extra lines under metadata and spec. */
function ingress(name: string, path: string, { meta = '', spec = '', pathType = 'ImplementationSpecific' }: { meta?: string; spec?: string; pathType?: string | null } = {}): string {
  const type = pathType === null ? '' : `        pathType: ${pathType}\n`;
  return `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${name}\n  namespace: shop\n${meta}spec:\n${spec}  rules:\n  - http:\n      paths:\n      - path: ${path}\n${type}        backend:\n          service: {name: s, port: {number: 80}}\n`;
}

const KONG_CLASS = '  ingressClassName: kong\n';

function ingressClass(name: string, { isDefault = false, parameters }: { isDefault?: boolean; parameters?: string } = {}): string {
  const annotations = isDefault ? '  annotations:\n    ingressclass.kubernetes.io/is-default-class: "true"\n' : '';
  const params = parameters ? `  parameters:\n    apiGroup: configuration.konghq.com\n    kind: IngressClassParameters\n    name: ${parameters}\n    namespace: kong\n    scope: Namespace\n` : '';
  return `apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: ${name}\n${annotations}spec:\n  controller: ingress-controllers.konghq.com/kong\n${params}`;
}

function parameters(name: string, legacy: boolean): string {
  return `apiVersion: configuration.konghq.com/v1alpha1\nkind: IngressClassParameters\nmetadata:\n  name: ${name}\n  namespace: kong\nspec:\n  enableLegacyRegexDetection: ${legacy}\n`;
}

const controller = (reference: string): ControllerImageRef => parseControllerImage(reference, { kind: 'file', file: 'deploy.yaml', line: 20, column: 16 }, 'manifest')!;

async function run(documents: string[], { from = '2.8.4', to = '3.4.2', controllers }: { from?: string; to?: string; controllers?: ControllerImageRef[] } = {}): Promise<Finding[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kp-kic-ingress-'));
  writeFileSync(join(dir, 'ingress.yaml'), documents.join('---\n'));
  const { config } = loadDeclarative({ paths: ['ingress.yaml'], cwd: dir });
  const { findings } = await runEntityRules({ from, to }, { declarative: config, entities: [config!.entities], ...(controllers ? { controllers } : {}) }, [rule]);
  return findings;
}

const where = (f: Finding) => (f.location.kind === 'file' ? `${f.location.line}:${f.location.column}` : f.location.kind);

describe('declarative/kic-ingress-regex-paths', () => {
  it('reports a regex ImplementationSpecific path of a kong Ingress at its value, naming the Ingress and rule, with the /~ form', async () => {
    const findings = await run([ingress('orders', '/orders/[0-9]+', { spec: KONG_CLASS })]);
    expect(findings.map((f) => [f.messageId, f.severity, where(f)])).toEqual([['regexBecomesLiteral', 'warning', '11:15']]);
    expect(findings[0].message).toBe(
      'Ingress shop/orders, spec.rules[0].http.paths[0]: path `/orders/[0-9]+` is a regex for Kong 2.x, but the Kong Ingress Controller passes it to Kong as written '
      + '(the manifest does not say whether its IngressClass turns on `enableLegacyRegexDetection`: taken as off, its default), and Kong 3.x takes only a path starting with `~` as a regex: '
      + 'it becomes a literal prefix, and the requests the regex matched no longer reach this route. Write `/~/orders/[0-9]+`: the controller turns `/~` into `~` '
      + '(in KIC 2.7 and later, 3.x included; no controller image with a version was given, so such a controller is assumed).',
    );
  });

  it('takes a path without pathType as ImplementationSpecific; leaves Prefix and Exact paths, which the controller translates itself', async () => {
    expect((await run([ingress('a', '/v\\d+/items', { spec: KONG_CLASS, pathType: null })])).map(where)).toEqual(['11:15']);
    expect(await run([ingress('b', '/v[0-9]+', { spec: KONG_CLASS, pathType: 'Prefix' }), ingress('c', '/v[0-9]+', { spec: KONG_CLASS, pathType: 'Exact' })])).toEqual([]);
  });

  it('reports the path of a 2.x-era extensions/v1beta1 Ingress, which the cluster serves as a v1 ImplementationSpecific path', async () => {
    const beta = 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: socket\n  annotations:\n    kubernetes.io/ingress.class: kong\nspec:\n  rules:\n  - http:\n      paths:\n'
      + '      - path: /(?<version>\\w+)\n        backend: {serviceName: socket, servicePort: 9000}\n';
    const findings = await run([beta]);
    expect(findings.map((f) => [f.messageId, where(f)])).toEqual([['regexBecomesLiteral', '11:15']]);
    expect(findings[0].message).toContain('Write `/~/(?<version>\\w+)`');
  });

  it('leaves plain paths, paths already written with /~ or with the annotation prefix, and paths regex-like only through @ or :', async () => {
    const marked = ingress('marked', '/@/items/[a-z]+', { spec: KONG_CLASS, meta: '  annotations:\n    konghq.com/regex-prefix: /@\n' });
    expect(await run([ingress('a', '/orders', { spec: KONG_CLASS }), ingress('b', '/~/orders/[0-9]+', { spec: KONG_CLASS }), marked, ingress('c', '/users/@me', { spec: KONG_CLASS })])).toEqual([]);
  });

  it('with konghq.com/regex-prefix set, /~ is no marker: it suggests the annotation prefix', async () => {
    const findings = await run([ingress('marked', '/~/items/[a-z]+', { spec: KONG_CLASS, meta: '  annotations:\n    konghq.com/regex-prefix: /@\n' })]);
    expect(findings.map((f) => f.message.match(/Write `[^`]+`: the controller turns [^(]+/)?.[0])).toEqual(['Write `/@/~/items/[a-z]+`: the controller turns the `/@` its `konghq.com/regex-prefix` annotation sets into `~` ']);
  });

  it('leaves Ingresses of another controller\'s class, named either way', async () => {
    const annotated = ingress('b', '/assets/(.*)', { meta: '  annotations:\n    kubernetes.io/ingress.class: nginx\n' });
    expect(await run([ingress('a', '/static/(.*)', { spec: '  ingressClassName: nginx\n' }), annotated])).toEqual([]);
    // The annotation naming kong is enough.
    expect((await run([ingress('c', '/assets/(.*)', { meta: '  annotations:\n    kubernetes.io/ingress.class: kong\n' })])).length).toBe(1);
  });

  it('serves the classes the manifest gives the controller, and a classless Ingress only through a default one', async () => {
    const internal = ingress('a', '/x/(.*)', { spec: '  ingressClassName: internal\n' });
    const classless = ingress('b', '/y/(.*)');
    expect((await run([ingressClass('internal'), internal, classless])).map((f) => f.message.slice(0, 16))).toEqual(['Ingress shop/a, ']);
    expect((await run([ingressClass('internal', { isDefault: true }), classless])).map((f) => f.message.slice(0, 16))).toEqual(['Ingress shop/b, ']);
    // No IngressClass to tell: taken as the controller's, and said so.
    const [assumed] = await run([classless]);
    expect(assumed.message).toContain('it names no ingress class and the manifest holds no IngressClass of the controller');
  });

  it('says enableLegacyRegexDetection keeps the path a regex (info); off, it warns without assuming', async () => {
    const orders = ingress('orders', '/orders/[0-9]+', { spec: KONG_CLASS });
    const on = await run([ingressClass('kong', { parameters: 'legacy' }), parameters('legacy', true), orders]);
    expect(on.map((f) => [f.messageId, f.severity])).toEqual([['keptByLegacyDetection', 'info']]);
    expect(on[0].message).toContain('only through `enableLegacyRegexDetection` in the IngressClassParameters of class `kong`');
    const off = await run([ingressClass('kong', { parameters: 'legacy' }), parameters('legacy', false), orders]);
    expect(off.map((f) => [f.messageId, f.severity])).toEqual([['regexBecomesLiteral', 'warning']]);
    expect(off[0].message).not.toContain('does not say');
    // An IngressClass without parameters gives the controller none: the guess is off.
    expect((await run([ingressClass('kong'), orders]))[0].message).not.toContain('does not say');
  });

  it('names a controller too old for the /~ marker, and assumes nothing when a newer one is given', async () => {
    const orders = ingress('orders', '/orders/[0-9]+', { spec: KONG_CLASS });
    const [old] = await run([orders], { controllers: [controller('kong/kubernetes-ingress-controller:2.6.1')] });
    expect(old.message).toMatch(/into `~`; `kong\/kubernetes-ingress-controller:2\.6\.1` runs a controller older than 2\.7, which knows no such marker: upgrade the controller first/);
    const [current] = await run([orders], { controllers: [controller('kong/kubernetes-ingress-controller:3.1')] });
    expect(current.message).toMatch(/the controller turns `\/~` into `~`\.$/);
  });

  it('runs only across the 3.0 router change', async () => {
    expect(await run([ingress('orders', '/orders/[0-9]+', { spec: KONG_CLASS })], { from: '3.4.2', to: '3.9.0' })).toEqual([]);
  });
});
