import { configSourceOf } from '../../src/inputs/config-source';
import type { ControllerImageRef } from '../../src/inputs/images/controller-image';

const manifestController: ControllerImageRef = { reference: 'kong/kubernetes-ingress-controller:3.1', origin: { kind: 'file', file: 'all-in-one.yaml', line: 20, column: 16 }, via: 'manifest' };

describe('configSourceOf', () => {
  it('a controller image in a manifest means the ingress controller, except beside a data plane', () => {
    expect(configSourceOf({ role: 'dbless', controllers: [manifestController] })).toEqual({ kind: 'ingress-controller', reason: 'Kong Ingress Controller image kong/kubernetes-ingress-controller:3.1 at all-in-one.yaml:20' });
    expect(configSourceOf({ role: 'data_plane', controllers: [manifestController] })).toBeUndefined();
  });

  it('a controller image from Helm values counts only through helmControllerOn', () => {
    expect(configSourceOf({ role: 'dbless', controllers: [{ ...manifestController, via: 'helm-values' }] })).toBeUndefined();
  });
});
