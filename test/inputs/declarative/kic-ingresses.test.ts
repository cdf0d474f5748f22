// The Ingress paths of a manifest that the Kong Ingress Controller passes to Kong as written,
// with the class and IngressClassParameters that decide how Kong reads them as regexes.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDeclarative } from '../../../src/inputs/declarative';
import type { KicIngressPath } from '../../../src/inputs/declarative/kic-ingresses';

function ingressPaths(text: string): KicIngressPath[] {
  const dir = mkdtempSync(join(tmpdir(), 'kp-kic-ingress-'));
  writeFileSync(join(dir, 'm.yaml'), text);
  return loadDeclarative({ paths: ['m.yaml'], cwd: dir }).config!.unreadable[0].objects!.ingressPaths;
}

const INGRESS = (name: string, spec = '  ingressClassName: kong\n', apiVersion = 'networking.k8s.io/v1') =>
  `apiVersion: ${apiVersion}\nkind: Ingress\nmetadata:\n  name: ${name}\nspec:\n${spec}  rules:\n  - http:\n      paths:\n      - path: /a/(.*)\n        pathType: ImplementationSpecific\n        backend: {service: {name: s, port: {number: 80}}}\n`;

const KONG_CLASS = (parameters: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: kong\nspec:\n  controller: ingress-controllers.konghq.com/kong\n${parameters}`;

const PARAMS_REF = '  parameters:\n    apiGroup: configuration.konghq.com\n    kind: IngressClassParameters\n    name: p\n    namespace: kong\n    scope: Namespace\n';

describe('Kong Ingress Controller Ingress paths', () => {
  it('reads the items of a kind: List, at their lines, without a namespace when none is written', () => {
    const items = INGRESS('web').replace(/^/gm, '  ').replace(/^  apiVersion/, '- apiVersion');
    const paths = ingressPaths(`apiVersion: v1\nkind: List\nitems:\n${items}`);
    expect(paths.map((p) => [p.ingress, p.rule, p.index, p.path, p.origin.kind === 'file' ? p.origin.line : 0])).toEqual([['web', 0, 0, '/a/(.*)', 13]]);
  });

  it('reads Ingresses of the beta APIs, whose objects the controller reads through v1, a path without pathType as ImplementationSpecific', () => {
    expect(ingressPaths(INGRESS('beta', undefined, 'networking.k8s.io/v1beta1')).map((p) => p.path)).toEqual(['/a/(.*)']);
    // A 2.x-era extensions/v1beta1 Ingress: class from the annotation, no pathType, serviceName backends.
    const old = 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: ws\n  annotations:\n    kubernetes.io/ingress.class: kong\nspec:\n  rules:\n  - http:\n      paths:\n'
      + '      - path: /(?<v>\\w+)\n        backend: {serviceName: ws, servicePort: 80}\n      - path: /p/[0-9]+\n        pathType: Prefix\n        backend: {serviceName: ws, servicePort: 80}\n';
    expect(ingressPaths(old).map((p) => [p.ingress, p.path, p.classMatch.kind, p.origin.kind === 'file' ? p.origin.line : 0])).toEqual([['ws', '/(?<v>\\w+)', 'named', 11]]);
    // An Ingress of another API group is not one.
    expect(ingressPaths(INGRESS('other', undefined, 'example.com/v1'))).toEqual([]);
  });

  it('does not serve `kong` when the manifest gives that class to another controller', () => {
    const nginxKong = 'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: kong\nspec:\n  controller: k8s.io/ingress-nginx\n';
    expect(ingressPaths(`${nginxKong}---\n${INGRESS('web')}`)).toEqual([]);
  });

  it('tells legacy detection from the class\'s parameters: on, off, or unknown when they are referenced but not in the manifest', () => {
    const params = (legacy: string) => `apiVersion: configuration.konghq.com/v1alpha1\nkind: IngressClassParameters\nmetadata:\n  name: p\n  namespace: kong\nspec:\n${legacy}`;
    const detection = (text: string) => ingressPaths(text).map((p) => p.legacyDetection);
    expect(detection(`${KONG_CLASS(PARAMS_REF)}---\n${params('  enableLegacyRegexDetection: true\n')}---\n${INGRESS('web')}`)).toEqual(['on']);
    // The CRD's default is false.
    expect(detection(`${KONG_CLASS(PARAMS_REF)}---\n${params('  serviceUpstream: true\n')}---\n${INGRESS('web')}`)).toEqual(['off']);
    expect(detection(`${KONG_CLASS(PARAMS_REF)}---\n${INGRESS('web')}`)).toEqual(['unknown']);
    // Parameters of another namespace are not the ones referenced.
    expect(detection(`${KONG_CLASS(PARAMS_REF)}---\n${params('  enableLegacyRegexDetection: true\n').replace('namespace: kong', 'namespace: other')}---\n${INGRESS('web')}`)).toEqual(['unknown']);
    // No IngressClass in the manifest: not known.
    expect(detection(INGRESS('web'))).toEqual(['unknown']);
  });

  it('takes the konghq.com/regex-prefix annotation as the Ingress\'s regex marker', () => {
    const annotated = INGRESS('web').replace('  name: web\n', '  name: web\n  annotations:\n    konghq.com/regex-prefix: /@\n');
    expect(ingressPaths(annotated).map((p) => [p.regexPrefix, p.prefixFromAnnotation])).toEqual([['/@', true]]);
    expect(ingressPaths(INGRESS('web')).map((p) => [p.regexPrefix, p.prefixFromAnnotation])).toEqual([['/~', false]]);
  });
});
