// The generated table of Kong chart releases: the default images of a few releases checked
// against Kong/charts (charts/kong/values.yaml and charts/ingress/Chart.lock at their tags).

import { chartReleaseDefaults, newestChartRelease } from '../../src/knowledge/platform/helm-chart-releases';

describe('Kong chart release defaults', () => {
  it.each([
    // values.yaml@kong-2.26.0: image.tag "3.3", ingressController.image.tag "2.11"
    ['2.26.0', 'kong:3.3', 'kong/kubernetes-ingress-controller:2.11', '3.3'],
    // values.yaml@kong-2.33.3: tag "3.5", controller "3.0"
    ['2.33.3', 'kong:3.5', 'kong/kubernetes-ingress-controller:3.0', '3.5'],
    ['3.4.1', 'kong:3.9', 'kong/kubernetes-ingress-controller:3.5', '3.9'],
    // values.yaml@kong-0.36.5 writes `tag: 1.4` unquoted (a number to Helm) and pulls the controller from Bintray.
    ['0.36.5', 'kong:1.4', 'kong-docker-kubernetes-ingress-controller.bintray.io/kong-ingress-controller:0.7.0', '1.4'],
  ])('kong %s runs %s and %s by default', (chart, image, controller, app) => {
    expect(chartReleaseDefaults('kong', chart)).toMatchObject({ chart, image, controller, app });
  });

  it('a kong/ingress release runs the defaults of the Kong chart release its Chart.lock bundles', () => {
    // charts/ingress/Chart.lock@ingress-0.24.0 locks kong 3.2.0; @ingress-0.10.2 locks 2.33.3.
    expect(chartReleaseDefaults('ingress', '0.24.0')).toMatchObject({ chart: '3.2.0', image: 'kong:3.9', via: 'kong/ingress 0.24.0 bundles kong 3.2.0' });
    expect(chartReleaseDefaults('ingress', '0.10.2')).toMatchObject({ chart: '2.33.3', controller: 'kong/kubernetes-ingress-controller:3.0' });
  });

  it('knows no release outside the table', () => {
    expect(chartReleaseDefaults('kong', '9.9.9')).toBeUndefined();
    expect(chartReleaseDefaults('ingress', '0.99.0')).toBeUndefined();
    expect(newestChartRelease('kong')).toBe('3.4.1');
  });
});
