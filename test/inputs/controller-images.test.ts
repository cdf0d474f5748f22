// Kong Ingress Controller images: read from manifests, compose files and Helm values, kept apart
// from the gateway images so they never give the Kong version or edition.

import { parseControllerImage } from '../../src/inputs/images/controller-image';
import { readImageFiles } from '../../src/inputs/images/load';
import { loadPlatformInputs } from '../../src/inputs/platform';
import { fixture } from '../support/cli';

const at = { kind: 'file' as const, file: 'x.yaml', line: 1, column: 1 };

describe('controller image references', () => {
  it.each([
    ['kong/kubernetes-ingress-controller:2.12', '2.12'],
    ['docker.io/kong/kubernetes-ingress-controller:3.4.1@sha256:abc', '3.4.1'],
    ['kong-docker-kubernetes-ingress-controller.bintray.io/kong-ingress-controller:0.8.0', '0.8.0'],
    ['kong/kubernetes-ingress-controller:v2.0.0', '2.0.0'],
  ])('%s names controller %s', (reference, version) => {
    expect(parseControllerImage(reference, at, 'manifest')?.version?.raw).toBe(version);
  });

  it('a floating or missing tag gives no version, and says why', () => {
    expect(parseControllerImage('kong/kubernetes-ingress-controller:3', at, 'manifest')).toMatchObject({ noVersion: expect.stringContaining('floating') });
    expect(parseControllerImage('kong/kubernetes-ingress-controller:latest', at, 'manifest')?.version).toBeUndefined();
    expect(parseControllerImage('kong/kubernetes-ingress-controller', at, 'manifest')).toMatchObject({ noVersion: expect.stringContaining('no tag') });
  });

  it('other images, the gateway and a bare kong-ingress-controller name are not the controller', () => {
    expect(parseControllerImage('kong/kong-gateway:3.4.3.12', at, 'manifest')).toBeUndefined();
    expect(parseControllerImage('example.com/kong-ingress-controller:0.8.0', at, 'manifest')).toBeUndefined();
  });
});

describe('controllers in image files', () => {
  it('a two-container manifest gives the gateway image and the controller apart', () => {
    const read = readImageFiles([fixture('platform/kic/all-in-one-0.8.yaml')]);
    expect(read.images.map((i) => i.reference)).toEqual(['kong:2.0.5']);
    expect(read.controllers).toEqual([expect.objectContaining({ reference: expect.stringContaining('kong-ingress-controller:0.8.0'), via: 'manifest', origin: expect.objectContaining({ line: 26 }) })]);
  });

  it('the gateway version comes from the gateway image, never the controller', () => {
    const platform = loadPlatformInputs({ imageFiles: [fixture('platform/kic/controller-2.12.yaml')] });
    expect(platform.version?.text).toBe('2.8.4.1');
    expect(platform.controllers.map((c) => c.version?.raw)).toEqual(['2.12.3']);
  });
});

describe('controllers in Helm values', () => {
  it('kong/ingress: the controller subchart\'s tag', () => {
    const platform = loadPlatformInputs({ helmValues: [fixture('helm/ingress/values.yaml')] });
    expect(platform.controllers).toEqual([expect.objectContaining({ reference: 'kong/kubernetes-ingress-controller:3.5', origin: expect.objectContaining({ line: 5 }) })]);
  });

  it('effectiveSemver stands for a tag that is no version', () => {
    const platform = loadPlatformInputs({ helmValues: [fixture('platform/kic/values-next.yaml')] });
    expect(platform.controllers[0]).toMatchObject({ reference: 'kong/nightly-ingress-controller:next' });
    expect(platform.controllers[0].version?.raw).toBe('3.1.0');
    expect(platform.controllers[0].noVersion).toBeUndefined();
  });

  it('a controller turned off is none, and the reason says so', () => {
    const platform = loadPlatformInputs({ helmValues: [fixture('platform/kic/values-disabled.yaml')] });
    expect(platform.controllers).toEqual([]);
    expect(platform.missing.controllers).toMatch(/ingressController\.enabled is false/);
  });

  it('values that leave the tag to the chart name no controller version', () => {
    const platform = loadPlatformInputs({ helmValues: [fixture('helm/traditional/values.yaml')] });
    expect(platform.controllers).toEqual([]);
  });
});
