// Reads a kustomization.yaml given as `--helm-values`: its `helmCharts:` entry of Kong's chart
// (what `kustomize build --enable-helm`, and Argo CD with it, inflates) becomes the values Helm
// gets, in the order kustomize hands them over, and its `version:` names the chart release.
//
// kustomize (kubernetes-sigs/kustomize@12f9e6391464b3ad9dd3fe8182049dc1b1772990):
// - api/types/helmchartargs.go:62-78 the fields; AsHelmArgs (lines 174-179) passes the values
//   file as the first `-f`, then each additionalValuesFiles entry as a later `-f`, so those win.
// - api/internal/builtins/HelmChartInflationGenerator.go:282-286: with valuesInline, the file
//   passed first is valuesFile merged with valuesInline (createNewMergedValuesFile, lines
//   191-240): `override` (the default, lines 133-137) lays the inline values over the file,
//   `merge` lays the file over them, `replace` passes the inline values alone.
// - same file, lines 106-108: without valuesFile, the chart's own values.yaml is the file.
// - same file, lines 109-116: valuesFile and additionalValuesFiles are relative to the
//   kustomization's folder.
// - same file, lines 341-343: without `version`, helm pulls the newest release.

import { basename, dirname, isAbsolute, join } from 'node:path';
import { InputError } from '../../errors';
import { isFile } from '../file-kind';
import { KONG_CHART_NAMES, mapAt, mergeMaps, readText, versionText, yamlTextTree, type ChartDeclaration, type HelmValue, type ReadFile } from './values';

type HelmMap = HelmValue & { kind: 'map' };

/** Kong's chart repository (Kong/charts@e76b8003 README.md:10, `helm repo add kong https://charts.konghq.com`). */
const KONG_CHART_REPOSITORY = /^https?:\/\/charts\.konghq\.com\/?$/i;

/** kustomize's valuesMerge choices (HelmChartInflationGenerator.go:32-42); unset is `override`. */
const VALUES_MERGE = ['override', 'merge', 'replace'] as const;

/**
 * Whether a file given as values is a kustomization: a top-level `helmCharts:` list (no chart's
 * values have one), a `Kustomization` or `Component` of kustomize.config.k8s.io, or a file named
 * as kustomize looks for one (kustomization.yaml, kustomization.yml, Kustomization).
 */
export function looksLikeKustomization(file: string, value: HelmValue): boolean {
  if (value.kind !== 'map') return false;
  if (value.entries.get('helmCharts')?.kind === 'seq') return true;
  const kind = text(value, 'kind');
  const apiVersion = text(value, 'apiVersion');
  if ((kind === 'Kustomization' || kind === 'Component') && apiVersion?.startsWith('kustomize.config.k8s.io/')) return true;
  return /^(kustomization\.ya?ml|Kustomization)$/.test(basename(file)) && !value.entries.has('env') && !value.entries.has('image');
}

/** One `helmCharts:` entry: the chart it installs and where it is written. */
interface ChartEntry {
  node: HelmMap;
  name?: string;
  repo?: string;
}

/**
 * The values a kustomization's `helmCharts:` entry of Kong's chart hands the chart, with the
 * release it names. `selected` is the name after `#` (`kustomization.yaml#kong`): the entry's
 * releaseName, or `NAMESPACE/NAME` with its namespace.
 */
export function readKustomization(file: string, value: HelmValue, selected?: string): Omit<ReadFile, 'file'> {
  const list = mapAt(value, 'helmCharts');
  const entries: ChartEntry[] = (list?.kind === 'seq' && list.nodes ? list.nodes : [])
    .filter((node): node is HelmMap => node.kind === 'map')
    .map((node) => ({ node, ...optional('name', text(node, 'name')), ...optional('repo', text(node, 'repo')) }));
  const kong = entries.filter(isKongChart);
  const entry = chooseEntry(kong, entries, selected, file);
  const { value: values, sources, notes } = entryValues(entry.node, file);
  const others = entries.length - 1;
  if (others > 0) notes.push(`its other helmCharts entr${others === 1 ? 'y was' : 'ies were'} not read`);
  const release = text(entry.node, 'releaseName');
  const picked = selected !== undefined ? ` (chosen with #${selected})` : '';
  return {
    value: values,
    embeddedIn: `kustomize helmCharts entry${release !== undefined ? ` "${release}"` : ''}${picked} for chart ${entry.name!} (line ${entry.node.origin.line}): ${sources.length > 0 ? `its values were read from ${sources.join(', then ')}` : 'it writes no values'}${notes.map((note) => `; ${note}`).join('')}`,
    chart: chartDeclaration(entry),
  };
}

/** `name: kong` or `name: ingress` pulled from Kong's chart repository. */
function isKongChart(entry: ChartEntry): boolean {
  return entry.name !== undefined && KONG_CHART_NAMES.includes(entry.name) && entry.repo !== undefined && KONG_CHART_REPOSITORY.test(entry.repo);
}

/**
 * The entry to read: the one `#NAME` names by its releaseName, or the only one of Kong's chart.
 * None, or several without a name, is refused with what the kustomization holds.
 */
function chooseEntry(kong: readonly ChartEntry[], all: readonly ChartEntry[], selected: string | undefined, file: string): ChartEntry {
  const names = () => kong.map((entry) => `#${text(entry.node, 'releaseName') ?? ''}`).join(', ');
  if (selected !== undefined) {
    const { splitReleaseSelector } = require('./helmfile') as typeof import('./helmfile');
    const { namespace, name } = splitReleaseSelector(selected);
    const named = kong.filter((entry) => text(entry.node, 'releaseName') === name && (namespace === undefined || text(entry.node, 'namespace') === namespace));
    if (named.length === 1) return named[0];
    if (named.length > 1) throw new InputError(`holds ${named.length} helmCharts entries of Kong's charts with releaseName "${name}" (at lines ${named.map((entry) => entry.node.origin.line).join(', ')}): #${selected} cannot tell them apart`, { file });
    throw new InputError(`no helmCharts entry of Kong's charts has releaseName "${name}"${namespace !== undefined ? ` in namespace "${namespace}"` : ''}${kong.length > 0 ? `: its entries of Kong's charts are ${names()}` : ''}`, { file });
  }
  if (kong.length === 1) return kong[0];
  if (kong.length > 1) {
    throw new InputError(`holds ${kong.length} helmCharts entries of Kong's charts (at lines ${kong.map((entry) => entry.node.origin.line).join(', ')}): pick one by its releaseName, as --helm-values ${file}#NAME (${names()})`, { file });
  }
  const held = all.map((entry) => `${entry.name ?? '(no name)'}${entry.repo ? ` from ${entry.repo}` : ' (no repo)'} at line ${entry.node.origin.line}`);
  throw new InputError(`is a kustomization with no helmCharts entry of Kong's charts (kong or ingress from https://charts.konghq.com): ${held.length > 0 ? `its helmCharts are ${held.slice(0, 5).join(', ')}${held.length > 5 ? ', ...' : ''}` : 'it lists no helmCharts'}`, { file });
}

/**
 * The entry's values in kustomize's order: valuesFile merged with valuesInline as valuesMerge
 * says, then each additionalValuesFiles entry over them.
 */
function entryValues(entry: HelmMap, file: string): { value: HelmMap; sources: string[]; notes: string[] } {
  const sources: string[] = [];
  const notes: string[] = [];
  const mergeNode = mapAt(entry, 'valuesMerge');
  const mode = text(entry, 'valuesMerge') ?? 'override';
  if (!(VALUES_MERGE as readonly string[]).includes(mode)) {
    // kustomize refuses the kustomization (HelmChartInflationGenerator.go:139-144).
    throw new InputError(`valuesMerge is ${mode}: kustomize takes only ${VALUES_MERGE.join(', ')}`, mergeNode?.origin ?? { file });
  }
  const inlineNode = mapAt(entry, 'valuesInline');
  const inline = inlineNode?.kind === 'map' && inlineNode.entries.size > 0 ? inlineNode : undefined;
  const valuesFileNode = mapAt(entry, 'valuesFile');
  const valuesFile = text(entry, 'valuesFile');
  // `replace` passes the inline values in place of the file, which is then never read.
  const fileUsed = valuesFile !== undefined && !(inline && mode === 'replace');
  let base: HelmMap | undefined;
  if (fileUsed) {
    base = valuesFileTree(valuesFile, valuesFileNode!.origin, file, 'valuesFile', notes);
    if (base) sources.push(`valuesFile ${valuesFile}`);
  } else if (valuesFile !== undefined) {
    notes.push(`its valuesFile ${valuesFile} is replaced by valuesInline (valuesMerge: replace): not read`);
  }
  let merged: HelmMap = base ?? { kind: 'map', entries: new Map(), origin: entry.origin };
  if (inline) {
    sources.push(`valuesInline at line ${inline.origin.line}`);
    if (mode === 'merge') {
      // The file wins: the inline values only add what it leaves out.
      merged = base ? mergeMaps(inline, base, 'keep-nulls') : inline;
      if (!base) notes.push('under valuesMerge: merge the chart\'s own values.yaml wins over valuesInline, which this reading does not have: the inline values were read as set');
      else sources[sources.length - 1] += ' (under the valuesFile, valuesMerge: merge)';
    } else {
      merged = mode === 'replace' ? inline : mergeMaps(merged, inline, 'keep-nulls');
    }
  }
  const additional = mapAt(entry, 'additionalValuesFiles');
  for (const node of additional?.kind === 'seq' && additional.nodes ? additional.nodes : []) {
    if (node.kind !== 'scalar' || typeof node.value !== 'string') continue;
    const tree = valuesFileTree(node.value, node.origin, file, 'additionalValuesFiles entry', notes);
    if (!tree) continue;
    merged = mergeMaps(merged, tree, 'keep-nulls');
    sources.push(`additionalValuesFiles ${node.value}`);
  }
  return { value: merged, sources, notes };
}

/**
 * A values file an entry names, read from the kustomization's folder. A URL is named as not
 * read; a missing file is refused, as kustomize stops on it.
 */
function valuesFileTree(path: string, at: HelmValue['origin'], kustomization: string, field: string, notes: string[]): HelmMap | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    notes.push(`its ${field} ${path} is remote: not read`);
    return undefined;
  }
  const resolved = isAbsolute(path) ? path : join(dirname(kustomization), path);
  if (!isFile(resolved)) throw new InputError(`the ${field} ${path} is not at ${resolved}: kustomize stops there`, at);
  const tree = yamlTextTree(readText(resolved, 'Helm values file', { utf16WithBom: true }), resolved);
  if (tree.kind !== 'map') throw new InputError('a Helm values file must be a YAML mapping at the top', { file: resolved, line: tree.origin.line, column: tree.origin.column });
  return tree;
}

/** The chart release the entry installs: its `version`, else the newest, which helm pulls. */
function chartDeclaration(entry: ChartEntry): ChartDeclaration {
  const version = mapAt(entry.node, 'version');
  const written = version?.kind === 'scalar' && version.value !== null && String(version.value) !== '' ? version : undefined;
  const nameNode = mapAt(entry.node, 'name') ?? entry.node;
  return {
    chart: entry.name!,
    ...(written ? { version: versionText(written) } : {}),
    origin: (written ?? nameNode).origin,
    via: written ? 'kustomize helmCharts version' : 'kustomize helmCharts entry, without a version (kustomize pulls the newest)',
    ...(entry.repo ? { repository: entry.repo } : {}),
  };
}

function text(value: HelmValue | undefined, key: string): string | undefined {
  const node = mapAt(value, key);
  return node?.kind === 'scalar' && node.value !== null ? String(node.value) : undefined;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
