// The Ingresses of --image-file manifests, with the class the controller is started with taken
// from a controller container (flag, variable) or from the Helm values.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlatformInputs } from '../../../src/inputs/platform';
import { loadDeclarative } from '../../../src/inputs/declarative';

const KIC = join(__dirname, '../../../fixtures/platform/kic');

/** A controller Deployment whose container gets `container` (lines under `- name: ingress-controller`). */
const controller = (container: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: kic\nspec:\n  template:\n    spec:\n      containers:\n      - name: ingress-controller\n        image: kong/kubernetes-ingress-controller:3.1.4\n${container}`;

const ingress = (name: string, className: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${name}\nspec:\n  ingressClassName: ${className}\n  rules:\n  - http:\n      paths:\n      - path: /${name}/(.*)\n        backend: {service: {name: s, port: {number: 80}}}\n`;

function write(files: Record<string, string>): (name: string) => string {
  const dir = mkdtempSync(join(tmpdir(), 'kp-manifest-ingress-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return (name) => join(dir, name);
}

/** The Ingresses whose paths are read, with the class each matched. */
function served(imageFiles: string[], helmValues?: string[]): string[] {
  const platform = loadPlatformInputs({ imageFiles, ...(helmValues ? { helmValues } : {}) });
  return (platform.kicIngressPaths ?? []).map((p) => `${p.ingress} ${p.classMatch.kind === 'unknown' ? '?' : p.classMatch.name}`);
}

describe('Ingresses of --image-file manifests', () => {
  it('reads the Ingresses of a manifest given with --image-file, at their lines', () => {
    const platform = loadPlatformInputs({ imageFiles: [join(KIC, 'ingress-class-internal.yaml')] });
    expect(platform.kicIngressPaths?.map((p) => [p.ingress, p.path, p.origin.kind === 'file' ? p.origin.line : 0])).toEqual([['shop/orders', '/orders/[0-9]+', 27]]);
    expect(platform.controllerClasses?.map((c) => c.name)).toEqual(['kong-internal']);
    expect(platform.controllerClasses?.[0].from).toMatch(/^--ingress-class of Deployment kong-internal \(container ingress-controller\) at .*ingress-class-internal\.yaml:15:11$/);
  });

  it('reads no Ingress path from a compose file or a Dockerfile', () => {
    const path = write({ 'compose.yaml': 'services:\n  kong:\n    image: kong:2.8.4\n' });
    expect(loadPlatformInputs({ imageFiles: [path('compose.yaml')] }).kicIngressPaths).toBeUndefined();
  });

  it('takes the class from `--ingress-class NAME`, or from CONTROLLER_INGRESS_CLASS when no flag is given; the flag wins', () => {
    const path = write({
      'split.yaml': `${controller('        args: ["--ingress-class", "edge"]\n')}---\n${ingress('a', 'edge')}---\n${ingress('b', 'kong')}`,
      'env.yaml': `${controller('        env:\n        - name: CONTROLLER_INGRESS_CLASS\n          value: edge\n')}---\n${ingress('a', 'edge')}---\n${ingress('b', 'kong')}`,
      'both.yaml': `${controller('        args: [--ingress-class=edge]\n        env:\n        - name: CONTROLLER_INGRESS_CLASS\n          value: kong\n')}---\n${ingress('a', 'edge')}---\n${ingress('b', 'kong')}`,
    });
    expect(served([path('split.yaml')])).toEqual(['a edge']);
    expect(served([path('env.yaml')])).toEqual(['a edge']);
    expect(served([path('both.yaml')])).toEqual(['a edge']);
  });

  it('a controller started without either serves `kong` alone; one whose variable may come from elsewhere decides nothing', () => {
    const internalClass = 'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: edge\nspec:\n  controller: ingress-controllers.konghq.com/kong\n';
    const path = write({
      'plain.yaml': `${controller('')}---\n${internalClass}---\n${ingress('a', 'edge')}---\n${ingress('b', 'kong')}`,
      'from.yaml': `${controller('        envFrom:\n        - configMapRef: {name: kic-env}\n')}---\n${internalClass}---\n${ingress('a', 'edge')}---\n${ingress('b', 'kong')}`,
      'expanded.yaml': `${controller('        args: ["--ingress-class=$(CLASS)"]\n')}---\n${internalClass}---\n${ingress('a', 'edge')}---\n${ingress('b', 'kong')}`,
    });
    expect(served([path('plain.yaml')])).toEqual(['b kong']);
    // Unknown: as without a controller container, every IngressClass of the controller and `kong`.
    expect(served([path('from.yaml')])).toEqual(['a edge', 'b kong']);
    expect(served([path('expanded.yaml')])).toEqual(['a edge', 'b kong']);
  });

  it('a controller of one file names the class for the Ingresses of another', () => {
    const path = write({ 'ingresses.yaml': `${ingress('a', 'kong-internal')}---\n${ingress('b', 'kong')}` });
    expect(served([join(KIC, 'ingress-class-internal.yaml'), path('ingresses.yaml')])).toEqual(['shop/orders kong-internal', 'a kong-internal']);
    // Without it, `kong` is the class, and kong-internal is no class of the controller's.
    expect(served([path('ingresses.yaml')])).toEqual(['b kong']);
  });

  it('takes the class from the Kong chart\'s ingressController.ingressClass, and from its env over it', () => {
    const path = write({
      'values.yaml': 'ingressController:\n  enabled: true\n  ingressClass: kong-internal\n',
      'env-values.yaml': 'ingressController:\n  enabled: true\n  ingressClass: kong-internal\n  env:\n    ingress_class: edge\n',
      'off-values.yaml': 'ingressController:\n  enabled: false\n  ingressClass: kong-internal\n',
      'ingresses.yaml': `${ingress('a', 'kong-internal')}---\n${ingress('b', 'kong')}---\n${ingress('c', 'edge')}`,
    });
    expect(served([path('ingresses.yaml')], [path('values.yaml')])).toEqual(['a kong-internal']);
    expect(served([path('ingresses.yaml')], [path('env-values.yaml')])).toEqual(['c edge']);
    // The chart runs no controller: its class says nothing.
    expect(served([path('ingresses.yaml')], [path('off-values.yaml')])).toEqual(['b kong']);
  });

  it('passes the class on to manifests given with --declarative', () => {
    const path = write({ 'ingresses.yaml': `${ingress('a', 'kong-internal')}---\n${ingress('b', 'kong')}` });
    const platform = loadPlatformInputs({ imageFiles: [join(KIC, 'ingress-class-internal.yaml')] });
    const { config } = loadDeclarative({ paths: [path('ingresses.yaml')], controllerClasses: platform.controllerClasses! });
    expect(config!.unreadable[0].objects!.ingressPaths.map((p) => [p.ingress, p.controllerClass?.name])).toEqual([['a', 'kong-internal']]);
  });

  it('reads v1beta1 Ingresses named by the class annotation alone, every path whatever its pathType', () => {
    const platform = loadPlatformInputs({ imageFiles: [join(KIC, 'ingress-v1beta1.yaml')] });
    expect(platform.kicIngressPaths?.map((p) => [p.ingress, p.path, p.betaApi])).toEqual([
      ['shop/legacy', '/items/\\d+', 'networking.k8s.io/v1beta1'],
      ['shop/legacy', '/~/cart/[a-z]+', 'networking.k8s.io/v1beta1'],
      ['shop/older', '/users/(.*)', 'extensions/v1beta1'],
    ]);
  });
});
