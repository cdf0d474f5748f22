// The images each release of Kong's Helm charts runs when a values file leaves them to the chart:
// the Kong chart's default `image` and `ingressController.image` per release, and the Kong chart
// release each kong/ingress release bundles. Generated data (helm-chart-releases.json, rebuilt by
// scripts/build-helm-chart-releases.mjs from the Kong/charts tags), loaded only when a Helm
// installation names its chart release.

import type { FactSource } from '../../model/source';

export interface KongChartDefaults {
  /** The Kong chart release (`2.26.0`). */
  chart: string;
  /** Chart.yaml appVersion (`3.3`). */
  app?: string;
  /** `image.repository:image.tag` as the chart renders it (`kong:3.3`). */
  image?: string;
  imageSemver?: string;
  /** `ingressController.image.repository:tag` (`kong/kubernetes-ingress-controller:2.11`). */
  controller?: string;
  controllerSemver?: string;
}

interface ReleaseData {
  sources: FactSource[];
  kong: KongChartDefaults[];
  ingress: { chart: string; kong: string }[];
}

let data: ReleaseData | undefined;
const load = (): ReleaseData => (data ??= require('./helm-chart-releases.json') as typeof import('./helm-chart-releases.json') as ReleaseData);

export type ChartName = 'kong' | 'ingress';

/**
 * The defaults a chart release runs: for kong/ingress, those of the Kong chart release its
 * Chart.lock bundles (`via`). Undefined for a release not in the table.
 */
export function chartReleaseDefaults(chart: ChartName, version: string): (KongChartDefaults & { via?: string }) | undefined {
  const table = load();
  if (chart === 'kong') return table.kong.find((row) => row.chart === version);
  const bundled = table.ingress.find((row) => row.chart === version)?.kong;
  const row = bundled ? table.kong.find((r) => r.chart === bundled) : undefined;
  return row ? { ...row, via: `kong/ingress ${version} bundles kong ${bundled}` } : undefined;
}

/** The newest release of a chart in the table, for notes about releases it does not know. */
export function newestChartRelease(chart: ChartName): string {
  const rows = load()[chart];
  return rows[rows.length - 1].chart;
}
