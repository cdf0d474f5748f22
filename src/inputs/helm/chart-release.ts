// Finds the release of Kong's chart that a Helm installation runs, from what sits next to its
// values: an Argo CD Application's targetRevision or a Flux HelmRelease's version (read with the
// values, see values.ts), or an umbrella chart's Chart.lock / Chart.yaml dependency beside the
// values file. Values that leave the image tags to the chart run that release's defaults, which
// change with every release (kong:3.3 at chart 2.26.0, kong:3.9 at 3.4.1).

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../../errors';
import { chartReleaseDefaults, newestChartRelease, type ChartName, type KongChartDefaults } from '../../knowledge/platform/helm-chart-releases';
import { KONG_CHART_NAMES, readYamlFile, type ChartDeclaration, type HelmValue, type HelmValues } from './values';

export interface ChartRelease {
  declaration: ChartDeclaration;
  /** `chart kong 2.26.0 (Argo CD targetRevision at app.yaml:12)`, for reasons. */
  label: string;
  /** The release's default images; undefined for a version range or a release not in the table. */
  defaults?: KongChartDefaults & { via?: string };
  /** What was made of it, for the list of inputs. */
  note: string;
}

/**
 * The chart release for values read as `expected` (the Kong chart, or kong/ingress); `subchart`
 * is the key an umbrella chart passes the Kong chart's values under, when read that way.
 */
export function findChartRelease(user: HelmValues, expected: ChartName, subchart?: string): ChartRelease | undefined {
  const declaration = user.charts.find((c) => KONG_CHART_NAMES.includes(c.chart)) ?? (subchart ? umbrellaDependency(user.files, subchart) : undefined);
  if (!declaration) return undefined;
  const where = `${declaration.via} at ${declaration.origin.file}:${declaration.origin.line}`;
  const label = `chart ${declaration.chart}${declaration.version ? ` ${declaration.version}` : ''} (${where})`;
  const unknown = (why: string): ChartRelease => ({ declaration, label, note: `${label}: ${why}, so the images it runs by default are not known here` });
  if (declaration.repository && /bitnami/i.test(declaration.repository)) return unknown(`${declaration.repository} is not Kong's chart repository`);
  if (declaration.chart !== expected) return unknown(`the values were read as the ${expected === 'kong' ? 'Kong' : 'kong/ingress'} chart's`);
  const version = exactVersion(declaration.version);
  if (!version) return unknown(declaration.version ? `${declaration.version} is a version range, not one release` : 'no release is named');
  const defaults = chartReleaseDefaults(expected, version);
  if (!defaults) return unknown(`not a release this tool knows (newest known: ${newestChartRelease(expected)})`);
  const images = [defaults.image && `image ${defaults.image}`, defaults.controller && `controller ${defaults.controller}`].filter(Boolean).join(', ');
  return { declaration, label, defaults, note: `${label}${defaults.via ? `, ${defaults.via}` : ''}: its defaults are ${images}` };
}

/** A version naming one release (`2.26.0`, `=3.2.0`, `v2.26.0`); undefined for a range (`~2.26`, `>=2.0`, `2.26.*`). */
export function exactVersion(written: string | undefined): string | undefined {
  const text = written?.trim().replace(/^=\s*/, '').replace(/^v/, '');
  return text && /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(text) ? text : undefined;
}

/**
 * Whether every release a version constraint allows comes before `release` (`~2.3.0`, `<2.4.0`,
 * `2.3.x`, `>=2.0, <2.4.0` all do for 2.4.0). Helm, helmfile, Flux and Argo CD read the constraint
 * with Masterminds/semver, whose syntax the `semver` package shares but for a comma between two
 * ANDed comparisons (Masterminds/semver@v3.4.0:constraints.go:219-220 takes a space or a comma),
 * so commas become spaces here. A constraint `semver` cannot read (Masterminds' `!=`, `=>`, `=<`)
 * answers false: nothing is known of it.
 */
export function rangeBelow(written: string | undefined, release: string): boolean {
  if (!written) return false;
  // Loaded only when a chart version is a range.
  const validRange = require('semver/ranges/valid') as typeof import('semver/ranges/valid');
  const gtr = require('semver/ranges/gtr') as typeof import('semver/ranges/gtr');
  const range = validRange(written.replace(/,/g, ' '), { loose: true });
  return range !== null && gtr(release, range, { loose: true });
}

/**
 * The Kong chart dependency of an umbrella chart whose Chart.yaml sits beside a values file: the
 * entry passed the values under `subchart` (its alias, else its name), at the release Chart.lock
 * locks when there is one (what `helm dependency build` packages), else as Chart.yaml writes it.
 */
function umbrellaDependency(files: readonly string[], subchart: string): ChartDeclaration | undefined {
  for (const folder of [...new Set(files.map((file) => dirname(file)))]) {
    const chartFile = join(folder, 'Chart.yaml');
    const entries = dependencies(chartFile);
    const index = entries.findIndex((d) => text(d, 'name') === 'kong' && (text(d, 'alias') ?? 'kong') === subchart);
    if (index < 0) continue;
    const entry = entries[index];
    const repository = text(entry, 'repository');
    // Chart.lock lists the dependencies in Chart.yaml's order, without aliases.
    const lockIndex = entries.slice(0, index + 1).filter((d) => text(d, 'name') === 'kong').length - 1;
    const locked = dependencies(join(folder, 'Chart.lock')).filter((d) => text(d, 'name') === 'kong')[lockIndex];
    const from = locked && text(locked, 'version') !== undefined ? { node: locked, via: 'Chart.lock dependency' } : { node: entry, via: 'Chart.yaml dependency' };
    const version = from.node.kind === 'map' ? from.node.entries.get('version') : undefined;
    return {
      chart: 'kong',
      ...(version?.kind === 'scalar' && version.value !== null ? { version: typeof version.value === 'number' ? version.source.trim() : String(version.value) } : {}),
      origin: (version ?? from.node).origin,
      via: from.via,
      ...(repository ? { repository } : {}),
    };
  }
  return undefined;
}

/**
 * The key an umbrella chart beside the values passes Kong's chart its values under (the `kong`
 * dependency's alias, else `kong`), and the Chart.yaml that says so; undefined without one.
 */
export function umbrellaKongKey(files: readonly string[]): { key: string; chartFile: string } | undefined {
  for (const folder of [...new Set(files.map((file) => dirname(file)))]) {
    const chartFile = join(folder, 'Chart.yaml');
    const entry = dependencies(chartFile).find((d) => text(d, 'name') === 'kong');
    if (entry) return { key: text(entry, 'alias') ?? 'kong', chartFile };
  }
  return undefined;
}

/**
 * The key an umbrella chart beside the values passes Kong's kong/ingress chart its values under
 * (the `ingress` dependency's alias, else `ingress`), when the values hold its `gateway:` or
 * `controller:` section there; undefined otherwise. The name alone is too common to go by.
 */
export function umbrellaIngressKey(files: readonly string[], holdsSubcharts: (key: string) => boolean): { key: string; chartFile: string } | undefined {
  for (const folder of [...new Set(files.map((file) => dirname(file)))]) {
    const chartFile = join(folder, 'Chart.yaml');
    const keys = dependencies(chartFile).filter((d) => text(d, 'name') === 'ingress').map((d) => text(d, 'alias') ?? 'ingress');
    const key = keys.find(holdsSubcharts);
    if (key) return { key, chartFile };
  }
  return undefined;
}

/** The `dependencies:` entries of a Chart.yaml or Chart.lock; none when the file is absent or unreadable. */
function dependencies(file: string): HelmValue[] {
  if (!existsSync(file)) return [];
  let tree: HelmValue;
  try {
    tree = readYamlFile(file, 'Helm chart file').value;
  } catch (error) {
    // A broken file beside the values is not one the user gave: it names no release.
    if (error instanceof InputError) return [];
    throw error;
  }
  const list = tree.kind === 'map' ? tree.entries.get('dependencies') : undefined;
  return list?.kind === 'seq' && list.nodes ? list.nodes.filter((node) => node.kind === 'map') : [];
}

function text(node: HelmValue, key: string): string | undefined {
  const value = node.kind === 'map' ? node.entries.get(key) : undefined;
  return value?.kind === 'scalar' && value.value !== null ? String(value.value) : undefined;
}
