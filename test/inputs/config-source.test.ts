import { configSourceOf } from '../../src/inputs/config-source';
import { loadKongConf } from '../../src/inputs/kong-conf';
import type { ControllerImageRef } from '../../src/inputs/images/controller-image';

const conf = (env: Record<string, string>) => loadKongConf(undefined, env);
const manifestController: ControllerImageRef = { reference: 'kong/kubernetes-ingress-controller:3.1', origin: { kind: 'file', file: 'all-in-one.yaml', line: 20, column: 16 }, via: 'manifest' };

describe('configSourceOf', () => {
  it('a data plane pointed at a *.cp.konghq.com endpoint is a Konnect data plane', () => {
    const source = configSourceOf({ role: 'data_plane', controllers: [], kongConf: conf({ KONG_CLUSTER_CONTROL_PLANE: 'https://1a2b3c.us.cp0.konghq.com:443' }) });
    expect(source).toMatchObject({ kind: 'konnect', reason: expect.stringContaining('a Konnect endpoint') });
  });

  it('a data plane pointed at its own control plane, or at a host that only contains konghq.com, is not', () => {
    expect(configSourceOf({ role: 'data_plane', controllers: [], kongConf: conf({ KONG_CLUSTER_CONTROL_PLANE: 'kong-cp.kong.svc.cluster.local:8005' }) })).toBeUndefined();
    expect(configSourceOf({ role: 'data_plane', controllers: [], kongConf: conf({ KONG_CLUSTER_CONTROL_PLANE: 'konghq.com.example.net:8005' }) })).toBeUndefined();
    expect(configSourceOf({ role: 'data_plane', controllers: [], kongConf: conf({ KONG_KONNECT_MODE: 'off' }) })).toBeUndefined();
  });

  it('a variable Kong never asks for sets no Konnect mode (a Kelvin sign for K once read as KONG_KONNECT_MODE)', () => {
    expect(configSourceOf({ role: 'data_plane', controllers: [], kongConf: conf({ 'KONG_\u212AONNECT_MODE': 'on' }) })).toBeUndefined();
    expect(configSourceOf({ role: 'data_plane', controllers: [], kongConf: conf({ KONG_KONNECT_MODE: 'on' }) })).toMatchObject({ kind: 'konnect' });
  });

  it('Konnect settings on a node that is no data plane say nothing', () => {
    expect(configSourceOf({ role: 'traditional', controllers: [], kongConf: conf({ KONG_KONNECT_MODE: 'on' }) })).toBeUndefined();
  });

  it('a controller image in a manifest means the ingress controller, except beside a data plane', () => {
    expect(configSourceOf({ role: 'dbless', controllers: [manifestController] })).toEqual({ kind: 'ingress-controller', reason: 'Kong Ingress Controller image kong/kubernetes-ingress-controller:3.1 at all-in-one.yaml:20' });
    expect(configSourceOf({ role: 'data_plane', controllers: [manifestController] })).toBeUndefined();
  });

  it('a controller image from Helm values counts only through helmControllerOn', () => {
    expect(configSourceOf({ role: 'dbless', controllers: [{ ...manifestController, via: 'helm-values' }] })).toBeUndefined();
  });
});
