// Reads Helm values files (`-f values.yaml`, repeatable) and merges them as Helm does: maps merge
// key by key, anything else is replaced by the later file, and a `null` deletes the key. Every
// merged value remembers the file, line and column it came from, so findings about a Helm-run
// Kong point into values.yaml. YAML is read as YAML 1.1, like Helm's parser (`off` is a boolean).

import type { HelmfileContext } from './helmfile-env';
import { readFileSync, statSync } from 'node:fs';
import type { Document, Node as YamlNode } from 'yaml';

// The yaml package (~15 ms to load) is required only when a values file is given.
const yamlModule = (): typeof import('yaml') => require('yaml') as typeof import('yaml');
// Loaded with the first values file: the chart names this module exports are read at start-up.
const nesting = (): typeof import('../../text/nesting') => require('../../text/nesting') as typeof import('../../text/nesting');
import { InputError } from '../../errors';
import { fsErrorReason } from '../fs-error';
import { decodeUtf16WithBom, nulByteError } from '../../text/encoding';
import { isRecord } from '../../model/field-paths';
import { fileOrigin, type FileOrigin } from '../../model/origin';
import { yamlOriginAt } from '../../text/yaml-origin';
import { isFile } from '../file-kind';

/** Values files are small; a bigger file is almost certainly the wrong file. */
const MAX_VALUES_BYTES = 5 * 1024 * 1024;

export type HelmValue =
  | { kind: 'map'; entries: Map<string, HelmValue>; origin: FileOrigin }
  | {
      kind: 'seq';
      items: unknown[];
      origin: FileOrigin;
      /** The items as values with their own places, when read from a file (not for rebuilt ones). */
      nodes?: HelmValue[];
    }
  | {
      kind: 'scalar';
      value: string | number | boolean | null;
      origin: FileOrigin;
      /** The text as written (`off`, `"3.4"`). */
      source: string;
      /** Set when no values file wrote it: the chart's own default (`Kong chart 3.4.1`). */
      chartDefault?: string;
      /** Set when written as a Go template (`{{ .Values.tag }}`) that helmfile fills in: the text is not the value. */
      template?: true;
      /**
       * Set when written inside a template block (`{{ if }}`, `{{ else }}`, `{{ range }}`) whose
       * condition helmfile evaluates: whether and how the value reaches Helm is not known. Names
       * the block (`` `{{ if eq .Environment.Name "prod" }}` (line 24) ``); `value` is then the
       * Go template that would yield it.
       */
      condition?: string;
      /**
       * Set when Helm reads the value from a file's whole text (`--set-file`, a helmfile `set:`
       * entry's `file:`): where that file is named; `origin` is the file itself, at line 1.
       */
      setFile?: FileOrigin;
    };

export interface HelmValues {
  /** The files in the order given; later ones override earlier ones. */
  readonly files: readonly string[];
  /** The merged tree (a map at the top). */
  readonly root: HelmValue & { kind: 'map' };
  /**
   * Where this tree sits in the files, for messages: '' for a chart's own values, `gateway.` for
   * the values a parent chart passes to its `gateway` subchart.
   */
  readonly prefix: string;
  /** Files whose values were taken from inside another object (an Argo CD Application), said how. */
  readonly embedded: readonly string[];
  /** Chart releases the files name (an Argo CD Application's targetRevision, a Flux HelmRelease's version). */
  readonly charts: readonly ChartDeclaration[];
  /** The merged value at a path of keys (`['image', 'tag']`), or undefined when absent. */
  at(...path: string[]): HelmValue | undefined;
  /** A scalar at a path, or undefined when absent or not a scalar. */
  scalar(...path: string[]): (HelmValue & { kind: 'scalar' }) | undefined;
}

/** A chart release named next to the values: which chart, the version as written, and where. */
export interface ChartDeclaration {
  /** The chart's name (`kong`, `ingress`). */
  chart: string;
  /** As written (`2.26.0`, `~2.26`); undefined when the declaration names none. */
  version?: string;
  /** Where the version (or, without one, the chart) is written. */
  origin: FileOrigin;
  /** How it was found, for reasons (`Argo CD targetRevision`). */
  via: string;
  /** The chart repository, when written. */
  repository?: string;
}

/**
 * Loads and merges values files over the chart's defaults (`defaults`: a values tree whose
 * scalars carry `chartDefault`); throws InputError naming the file and line of a YAML error.
 */
export function loadHelmValues(files: readonly string[], defaults?: HelmValue & { kind: 'map' }): HelmValues {
  return overDefaults(loadUserValues(files), defaults);
}

/**
 * The values files merged with each other only, as Helm does before it looks at the chart: a
 * `null` stays in the tree (it deletes a chart default once the defaults are known).
 */
export function loadUserValues(files: readonly string[], helmfile?: HelmfileContext): HelmValues {
  if (files.length === 0) throw new InputError('--helm-values needs at least one file');
  let root: HelmValue & { kind: 'map' } = { kind: 'map', entries: new Map(), origin: fileOrigin(files[0], 1) };
  const embedded: string[] = [];
  const charts: ChartDeclaration[] = [];
  const read: ReadFile[] = files.map((given) => {
    const { file, release } = releaseSelector(given);
    return { file, ...(release !== undefined ? { given } : {}), ...nesting().refusingDeepNesting({ file }, () => readValuesFile(file, release, helmfile)) };
  });
  for (const { file, given, value: parsed, embeddedIn, chart } of argoOrder(read)) {
    if (parsed.kind !== 'map') throw new InputError('a Helm values file must be a YAML mapping at the top', { file, line: parsed.origin.line, column: parsed.origin.column });
    if (embeddedIn) embedded.push(`${given ?? file}: ${embeddedIn}`);
    if (chart) charts.push(chart);
    root = nesting().refusingDeepNesting({ file }, () => mergeMaps(root, parsed, 'keep-nulls'));
  }
  return new MergedValues(read.map((entry) => entry.file), root, '', embedded, charts);
}

/**
 * `helmfile.yaml#kong-dp`: the file, and the release named after its last `#`. A path that is a
 * file as given is that file, `#` and all, so a file name holding `#` still reads.
 */
function releaseSelector(given: string): { file: string; release?: string } {
  const hash = given.lastIndexOf('#');
  if (hash <= 0 || isFile(given)) return { file: given };
  const file = given.slice(0, hash);
  if (!isFile(file)) return { file: given };
  const release = given.slice(hash + 1);
  if (release === '') throw new InputError('names no release after #: give --helm-values FILE#NAME, NAME the release\'s name', { file });
  return { file, release };
}

/**
 * The values a chart sees: the user's tree (or its subtree `under`, what a parent chart passes
 * to a subchart under that key) merged over the chart's defaults, `null`s deleting keys.
 */
export function overDefaults(user: HelmValues, defaults?: HelmValue & { kind: 'map' }, under?: string): HelmValues {
  const node = under === undefined ? user.root : user.at(under);
  const tree: HelmValue & { kind: 'map' } = node?.kind === 'map' ? node : { kind: 'map', entries: new Map(), origin: user.root.origin };
  const base: HelmValue & { kind: 'map' } = defaults ?? { kind: 'map', entries: new Map(), origin: tree.origin };
  const merged = nesting().refusingDeepNesting({ file: tree.origin.file }, () => mergeMaps(base, tree, 'delete-nulls'));
  return new MergedValues(user.files, { ...merged, origin: tree.origin }, under === undefined ? user.prefix : `${user.prefix}${under}.`, user.embedded, user.charts);
}

class MergedValues implements HelmValues {
  constructor(readonly files: readonly string[], readonly root: HelmValue & { kind: 'map' }, readonly prefix: string, readonly embedded: readonly string[], readonly charts: readonly ChartDeclaration[]) {}

  at(...path: string[]): HelmValue | undefined {
    return valueAt(this.root, path);
  }

  scalar(...path: string[]): (HelmValue & { kind: 'scalar' }) | undefined {
    const node = this.at(...path);
    return node?.kind === 'scalar' && node.value !== null ? node : undefined;
  }
}

/**
 * Helm's coalescing of two maps: nested maps merge, other values replace. A `null` deletes the
 * key from the chart's defaults; between values files it is kept, to delete a default later.
 */
export function mergeMaps(base: HelmValue & { kind: 'map' }, over: HelmValue & { kind: 'map' }, nulls: 'keep-nulls' | 'delete-nulls'): HelmValue & { kind: 'map' } {
  const entries = new Map(base.entries);
  for (const [key, value] of over.entries) {
    const previous = entries.get(key);
    if (value.kind === 'scalar' && value.value === null && nulls === 'delete-nulls') entries.delete(key);
    else if (previous?.kind === 'map' && value.kind === 'map') entries.set(key, mergeMaps(previous, value, nulls));
    // A null kept between files may sit in a map the defaults do not have.
    else if (value.kind === 'map' && nulls === 'delete-nulls') entries.set(key, mergeMaps({ kind: 'map', entries: new Map(), origin: value.origin }, value, nulls));
    else entries.set(key, value);
  }
  return { kind: 'map', entries, origin: base.origin };
}

/** A file given as values, and the release `FILE#NAME` picks in it. */
function readValuesFile(file: string, release?: string, context?: HelmfileContext): Omit<ReadFile, 'file'> {
  const text = readText(file, 'Helm values file', { utf16WithBom: true });
  // A helmfile lists releases with their values files, inline values and --set entries.
  const helmfile = require('./helmfile') as typeof import('./helmfile');
  // helmfile renders its own file as a Go template, text that UTF-16 is not: read it as UTF-8 alone.
  if (helmfile.looksLikeHelmfile(file, text)) return helmfile.readHelmfile(file, readText(file, 'Helm values file'), release, context);
  const { values } = readYamlDocuments(file, text);
  // A kustomization lists the charts `kustomize build --enable-helm` inflates, with their values.
  const kustomization = require('./kustomization') as typeof import('./kustomization');
  if (values.length === 1 && kustomization.looksLikeKustomization(file, values[0])) return kustomization.readKustomization(file, values[0], release);
  if (values.length <= 1 && release === undefined) {
    const value = values[0] ?? { kind: 'map', entries: new Map(), origin: fileOrigin(file, 1) };
    return argoApplicationValues(value, file, text) ?? fluxHelmReleaseValues(value) ?? helmControllerChartValues(value, file, text) ?? { value };
  }
  return releaseAmongDocuments(values, file, text, release);
}

/**
 * A file of several YAML documents, as GitOps repositories keep them (the Namespace, then the
 * Argo CD Application or Flux HelmRelease of Kong's chart): the one document that installs
 * kong or ingress is read. Helm itself reads only the first document of a values file, so a
 * file of several documents with no such release is refused rather than guessed at.
 */
function releaseAmongDocuments(values: readonly HelmValue[], file: string, text: string, selected?: string): Omit<ReadFile, 'file'> {
  const all = values.map((value, index) => ({ index, name: scalarText(mapAt(value, 'metadata'), 'name'), read: argoApplicationValues(value, file, text) ?? fluxHelmReleaseValues(value) ?? helmControllerChartValues(value, file, text) }));
  const releases = all.filter((entry) => entry.read?.chart && KONG_CHART_NAMES.includes(entry.read.chart.chart));
  const where = (index: number) => `document ${index + 1} of ${values.length}, line ${values[index].origin.line}`;
  const names = () => releases.map(({ name }) => (name !== undefined ? `#${name}` : '(unnamed)')).join(', ');
  if (selected !== undefined) {
    // The Application's or HelmRelease's metadata.name, as `kubectl get` names it; `NAMESPACE/NAME`
    // also matches the namespace of the object or the one it installs Kong into.
    const { namespace, name: wanted } = (require('./helmfile') as typeof import('./helmfile')).splitReleaseSelector(selected);
    const inNamespace = (index: number) => namespace === undefined || documentNamespaces(values[index]).includes(namespace);
    const named = releases.filter(({ name, index }) => name === wanted && inNamespace(index));
    if (named.length === 1) {
      const { index, read } = named[0];
      return { ...read!, embeddedIn: `${read!.embeddedIn} (${where(index)}, chosen with #${selected}; the other documents were not read)` };
    }
    if (named.length > 1) {
      const spaces = named.map(({ index }) => scalarText(mapAt(values[index], 'metadata'), 'namespace'));
      const apart = namespace === undefined && spaces.every((space) => space !== undefined) && new Set(spaces).size === spaces.length;
      const how = apart ? `: add the namespace, as ${spaces.map((space) => `#${space}/${wanted}`).join(' or ')}` : '';
      throw new InputError(`holds ${named.length} releases of Kong's charts named "${wanted}" (${named.map(({ index }) => where(index)).join('; ')}): #${selected} cannot tell them apart${how}`, { file });
    }
    const other = all.find(({ name, index }) => name === wanted && inNamespace(index));
    const why = other ? `${where(other.index)}, named "${selected}", is not an Argo CD Application, Flux HelmRelease or k3s HelmChart of Kong's charts`
      : releases.length > 0 ? `no Argo CD Application, Flux HelmRelease or k3s HelmChart of Kong's charts is named "${selected}"`
        : `#${selected} picks a release by its name in a helmfile, a kustomization's helmCharts or a file of Argo CD Applications, Flux HelmReleases or k3s HelmCharts, and this file holds no release of Kong's charts`;
    throw new InputError(`${why}${releases.length > 0 ? `: its releases of Kong's charts are ${names()}` : ''}`, { file });
  }
  if (releases.length === 1) {
    const { index, read } = releases[0];
    return { ...read!, embeddedIn: `${read!.embeddedIn} (${where(index)}; the other documents were not read)` };
  }
  if (releases.length > 1) {
    throw new InputError(`holds ${releases.length} releases of Kong's charts (${releases.map(({ index }) => where(index)).join('; ')}): pick one by its metadata.name, as --helm-values ${file}#NAME (${names()})`, { file });
  }
  throw new InputError(`holds ${values.length} YAML documents and none is an Argo CD Application, Flux HelmRelease or k3s HelmChart of Kong's charts: a Helm values file is one document`, { file, line: values[1].origin.line, column: 1 });
}

/**
 * The namespaces a GitOps document can be told apart by: its own (metadata.namespace), and the
 * one it installs into (an Argo CD Application's spec.destination.namespace, a Flux
 * HelmRelease's spec.targetNamespace).
 */
function documentNamespaces(value: HelmValue): string[] {
  const spec = mapAt(value, 'spec');
  return [scalarText(mapAt(value, 'metadata'), 'namespace'), scalarText(mapAt(spec, 'destination'), 'namespace'), scalarText(spec, 'targetNamespace')]
    .filter((space): space is string => space !== undefined);
}

/** Kong's charts on charts.konghq.com (and their folders in the Kong/charts repository). */
export const KONG_CHART_NAMES: readonly string[] = ['kong', 'ingress'];

/**
 * The text of a file read as YAML. `utf16WithBom`: the file is read as Helm reads a values file
 * (go-yaml), which decodes UTF-16 text that opens with a byte-order mark, as PowerShell 5's
 * `helm show values kong/kong > values.yaml` writes it (./../../text/encoding.ts).
 */
export function readText(file: string, what: string, options: { utf16WithBom?: boolean } = {}): string {
  try {
    if (statSync(file).size > MAX_VALUES_BYTES) throw new InputError(`larger than ${MAX_VALUES_BYTES} bytes: not a ${what}`, { file });
    const bytes = readFileSync(file);
    const nul = bytes.indexOf(0);
    const decoded = nul >= 0 && options.utf16WithBom ? decodeUtf16WithBom(bytes) : undefined;
    if (decoded !== undefined && !decoded.includes('\0')) return decoded;
    // A values file saved as UTF-16 is full of NUL bytes: name the encoding.
    if (nul >= 0) throw nulByteError(bytes, nul, file, `holds a NUL byte: not a ${what}`);
    return bytes.toString('utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read ${what}: ${fsErrorReason(error)}`, { file });
  }
}

/**
 * A YAML file as a tree whose nodes remember their places (values files, and the Chart.yaml of
 * an umbrella chart); throws InputError naming the file and line of a YAML error.
 */
export function readYamlFile(file: string, what: string): { value: HelmValue; text: string } {
  return nesting().refusingDeepNesting({ file }, () => readYamlTree(file, what));
}

function readYamlTree(file: string, what: string): { value: HelmValue; text: string } {
  const text = readText(file, what);
  return { value: yamlTextTree(text, file), text };
}

/**
 * A YAML text read as Helm reads a values file (YAML 1.1), as a tree whose nodes remember their
 * places in `file`; throws InputError naming the file and line of a YAML error.
 */
export function yamlTextTree(text: string, file: string, hint = ''): HelmValue {
  nesting().refuseDeepYaml(text, file);
  const { LineCounter, parseDocument } = yamlModule();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { version: '1.1', lineCounter, prettyErrors: false, uniqueKeys: false });
  const error = doc.errors[0];
  if (error) {
    const pos = lineCounter.linePos(error.pos[0]);
    throw new InputError(`not valid YAML${hint}: ${nesting().yamlErrorLine(error.message)}`, { file, line: pos.line, column: pos.col });
  }
  const at = yamlOriginAt(lineCounter, file);
  if (!doc.contents) return { kind: 'map', entries: new Map(), origin: at(0) };
  checkAliases(doc.contents as YamlNode, doc, at);
  return toValue(doc.contents as YamlNode, at, text, doc);
}

/**
 * Every document of a YAML file as a tree whose nodes remember their places (a GitOps file may
 * keep a Namespace next to the release); throws InputError naming the file and line of a YAML error.
 */
export function readYamlDocuments(file: string, text: string, options: { version: '1.1' | '1.2'; hint?: string; linesBefore?: number } = { version: '1.1' }): { values: HelmValue[]; text: string } {
  nesting().refuseDeepYaml(text, file);
  const { LineCounter, parseAllDocuments } = yamlModule();
  const lineCounter = new LineCounter();
  // YAML 1.2 (go-yaml v3, as helmfile reads its own file) knows merge keys only when asked.
  const parsed = parseAllDocuments(text, { version: options.version, merge: true, lineCounter, prettyErrors: false, uniqueKeys: false });
  const docs = Array.isArray(parsed) ? parsed : [];
  const at = yamlOriginAt(lineCounter, file, options.linesBefore);
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) throw new InputError(`not valid YAML${options.hint ?? ''}: ${nesting().yamlErrorLine(error.message)}`, at(error.pos[0]));
  }
  // Empty documents (a leading or trailing `---`) hold nothing to read.
  const values = docs.filter((doc) => doc.contents).map((doc) => {
    checkAliases(doc.contents as YamlNode, doc, at);
    return toValue(doc.contents as YamlNode, at, text, doc);
  });
  return { values, text };
}

/**
 * The Helm values an Argo CD Application hands its chart: `spec.source.helm` (or the first
 * `spec.sources` entry with a `helm` block) holds them as a map (`valuesObject`) or as a YAML
 * text (`values: |`). GitOps repositories keep a Kong release this way instead of in a
 * values.yaml. The source that names a `chart` also names its release (`targetRevision`): an
 * Application without helm values still gives that, with no values of its own. Undefined when
 * the file is not such an Application.
 */
function argoApplicationValues(value: HelmValue, file: string, text: string): { value: HelmValue; embeddedIn: string; chart?: ChartDeclaration; valueFiles?: string[] } | undefined {
  if (value.kind !== 'map' || !isArgoApplication(value)) return undefined;
  const spec = value.entries.get('spec');
  const sources = spec?.kind === 'map' ? [spec.entries.get('source'), ...seqMaps(spec, 'sources')] : [];
  const name = scalarText(mapAt(value, 'metadata'), 'name');
  // An Application with several sources may install other charts beside Kong's (a PostgreSQL
  // chart first, say): Kong's chart is the one read, and only its helm block holds Kong's values.
  const kongSources = sources.filter((source) => KONG_CHART_NAMES.includes(argoChart(source)?.chart ?? ''));
  const chartSource = kongSources[0] ?? sources.find((source) => scalarText(source, 'chart') !== undefined) ?? sources.find((source) => kongChartsFolder(source) !== undefined);
  const chart = chartSource ? argoChart(chartSource) : undefined;
  const application = `Argo CD Application${name ? ` "${name}"` : ''}${chart ? ` for chart ${chart.chart}` : ''}`;
  for (const source of kongSources.length > 0 ? kongSources : sources) {
    const helm = source?.kind === 'map' ? source.entries.get('helm') : undefined;
    if (helm?.kind !== 'map') continue;
    // Argo CD hands the chart one of the two: valuesObject when it is set, else the values text
    // (argo-cd pkg/apis/application/v1alpha1 ApplicationSourceHelm.ValuesYAML).
    let values: HelmValue = { kind: 'map', entries: new Map(), origin: helm.origin };
    const object = helm.entries.get('valuesObject');
    const written = helm.entries.get('values');
    if (object?.kind === 'map') values = object;
    else if (written?.kind === 'scalar' && typeof written.value === 'string' && written.value.trim() !== '') values = valuesInText(written, file, text);
    const parameters = applyParameters(values, helm.entries.get('parameters'));
    const notes = [...parameters.notes, ...unreadFiles(helm, 'fileParameters', '')];
    return { value: parameters.value, embeddedIn: `${application}: its helm values were read${notes.map((note) => `; ${note}`).join('')}`, valueFiles: fileNames(helm, 'valueFiles'), ...(chart ? { chart } : {}) };
  }
  // Without values of its own, only an Application of Kong's charts is read (for its release):
  // another chart's stays a file that is not Kong's values.
  if (!chart || !KONG_CHART_NAMES.includes(chart.chart)) return undefined;
  return { value: { kind: 'map', entries: new Map(), origin: value.origin }, embeddedIn: `${application}: it writes no helm values`, chart };
}

/**
 * The chart an Argo CD source takes from a folder of the Kong/charts git repository
 * (`path: charts/ingress`) instead of from charts.konghq.com; undefined for any other source.
 */
function kongChartsFolder(source: HelmValue | undefined): string | undefined {
  const repository = scalarText(source, 'repoURL');
  if (!repository || !/github\.com[/:]kong\/charts(?:\.git)?\/?$/i.test(repository)) return undefined;
  const folder = /^(?:\.\/)?charts\/([a-z-]+)\/?$/.exec(scalarText(source, 'path') ?? '')?.[1];
  return folder && KONG_CHART_NAMES.includes(folder) ? folder : undefined;
}

/**
 * The chart release of a Kong/charts folder: Kong tags each release `<chart>-<version>`
 * (`ingress-0.22.0`, `kong-2.38.0`); a branch or commit names no release.
 */
function kongChartsGitRelease(source: HelmValue, folder: string): ChartDeclaration {
  const revision = mapAt(source, 'targetRevision');
  const written = revision?.kind === 'scalar' && revision.value !== null ? String(revision.value) : undefined;
  const tagged = written?.startsWith(`${folder}-`) ? written.slice(folder.length + 1) : undefined;
  return {
    chart: folder,
    ...(tagged ? { version: tagged } : {}),
    origin: (revision ?? mapAt(source, 'path') ?? source).origin,
    via: `Argo CD targetRevision of the Kong/charts repository${written && !tagged ? ` (${written}, not a release tag)` : ''}`,
    repository: scalarText(source, 'repoURL')!,
  };
}

/** The chart and release an Argo CD source installs (`chart: kong`, `targetRevision: 2.26.0`). */
function argoChart(source: HelmValue | undefined): ChartDeclaration | undefined {
  const folder = kongChartsFolder(source);
  if (folder && source) return kongChartsGitRelease(source, folder);
  const chart = mapAt(source, 'chart');
  if (chart?.kind !== 'scalar' || chart.value === null) return undefined;
  const revision = mapAt(source, 'targetRevision');
  const written = revision?.kind === 'scalar' && revision.value !== null ? revision : undefined;
  const repository = scalarText(source, 'repoURL');
  return {
    chart: String(chart.value),
    ...(written ? { version: versionText(written) } : {}),
    origin: (written ?? chart).origin,
    via: 'Argo CD targetRevision',
    ...(repository ? { repository } : {}),
  };
}

/** A version as written: an unquoted `3.10` is a number to YAML, and would read as 3.1. */
export function versionText(node: HelmValue & { kind: 'scalar' }): string {
  return typeof node.value === 'number' ? node.source.trim() : String(node.value);
}

/**
 * The values a Flux HelmRelease hands its chart (`spec.values`), and the release it installs
 * (`spec.chart.spec.chart` and `version`). Values kept in ConfigMaps or Secrets
 * (`spec.valuesFrom`) are not read here. Undefined when the file is not a HelmRelease.
 */
function fluxHelmReleaseValues(value: HelmValue): { value: HelmValue; embeddedIn: string; chart?: ChartDeclaration } | undefined {
  if (value.kind !== 'map' || scalarText(value, 'kind') !== 'HelmRelease' || !scalarText(value, 'apiVersion')?.startsWith('helm.toolkit.fluxcd.io/')) return undefined;
  const spec = mapAt(value, 'spec');
  const name = scalarText(mapAt(value, 'metadata'), 'name');
  const values = mapAt(spec, 'values');
  const chartSpec = mapAt(mapAt(spec, 'chart'), 'spec');
  const chartNode = mapAt(chartSpec, 'chart');
  const versionNode = mapAt(chartSpec, 'version');
  const chart: ChartDeclaration | undefined = chartNode?.kind === 'scalar' && chartNode.value !== null
    ? {
        chart: String(chartNode.value),
        // Flux installs the newest release (`*`) when the version is left out.
        version: versionNode?.kind === 'scalar' && versionNode.value !== null ? versionText(versionNode) : '*',
        origin: (versionNode ?? chartNode).origin,
        via: 'Flux HelmRelease spec.chart.spec.version',
      }
    : undefined;
  const notes: string[] = [];
  const valuesFrom = mapAt(spec, 'valuesFrom');
  if (valuesFrom?.kind === 'seq' && valuesFrom.items.length > 0) notes.push('its valuesFrom (ConfigMaps, Secrets) are not read');
  if (mapAt(spec, 'chartRef')) notes.push('its chartRef names no chart release here');
  return {
    value: values?.kind === 'map' ? values : { kind: 'map', entries: new Map(), origin: value.origin },
    embeddedIn: `Flux HelmRelease${name ? ` "${name}"` : ''}${chart ? ` for chart ${chart.chart}` : ''}: ${values?.kind === 'map' ? 'its values were read' : 'it writes no values'}${notes.map((note) => `; ${note}`).join('')}`,
    ...(chart ? { chart } : {}),
  };
}

/**
 * The values a HelmChart of k3s/RKE2's helm-controller (`helm.cattle.io/v1`) hands its chart,
 * lowest first: `spec.valuesContent` (a YAML text), `spec.values` (a map), then `spec.set`, each
 * entry passed as --set when it looks like an integer, a boolean or null and as --set-string
 * otherwise; and the release it installs (`spec.chart`, `spec.version`, `spec.repo`; no version
 * installs the newest). Values in Secrets (`spec.valuesSecrets`) and a HelmChartConfig's are not
 * read here. (k3s-io/helm-controller@21a911f8 pkg/apis/helm.cattle.io/v1/types.go lines 68-94,
 * pkg/controllers/chart/chart.go lines 1196-1238.) Undefined when the file is not a HelmChart,
 * or is one of another chart that writes no values.
 */
function helmControllerChartValues(value: HelmValue, file: string, text: string): { value: HelmValue; embeddedIn: string; chart?: ChartDeclaration } | undefined {
  if (value.kind !== 'map' || scalarText(value, 'kind') !== 'HelmChart' || !scalarText(value, 'apiVersion')?.startsWith('helm.cattle.io/')) return undefined;
  const spec = mapAt(value, 'spec');
  const name = scalarText(mapAt(value, 'metadata'), 'name');
  const chartNode = mapAt(spec, 'chart');
  const versionNode = mapAt(spec, 'version');
  const written = chartNode?.kind === 'scalar' && chartNode.value !== null ? String(chartNode.value) : undefined;
  // A chart archive URL (`https://.../kong-2.38.0.tgz`) names its release in the file name.
  const archive = written !== undefined ? /\/([a-z-]+)-(\d+\.\d+\.\d+[^/]*)\.tgz$/.exec(written) : null;
  const chartName = archive ? archive[1] : written?.split('/').pop();
  const repository = scalarText(spec, 'repo');
  const chart: ChartDeclaration | undefined = chartName
    ? {
        chart: chartName,
        version: archive ? archive[2] : versionNode?.kind === 'scalar' && versionNode.value !== null && String(versionNode.value) !== '' ? versionText(versionNode) : '*',
        origin: (archive ? chartNode : versionNode ?? chartNode)!.origin,
        via: archive ? 'helm-controller HelmChart spec.chart archive' : 'helm-controller HelmChart spec.version',
        ...(repository ? { repository } : {}),
      }
    : undefined;
  const content = mapAt(spec, 'valuesContent');
  const structured = mapAt(spec, 'values');
  const set = mapAt(spec, 'set');
  const hasValues = (content?.kind === 'scalar' && typeof content.value === 'string' && content.value.trim() !== '') || structured?.kind === 'map' || set?.kind === 'map';
  if (!hasValues && (!chart || !KONG_CHART_NAMES.includes(chart.chart))) return undefined;
  const holder = `the HelmChart's valuesContent`;
  let values: HelmValue = content?.kind === 'scalar' && typeof content.value === 'string' && content.value.trim() !== '' ? valuesInText(content, file, text, holder) : { kind: 'map', entries: new Map(), origin: (spec ?? value).origin };
  if (structured?.kind === 'map' && values.kind === 'map') values = mergeMaps(values, structured, 'keep-nulls');
  const notes: string[] = [];
  if (set?.kind === 'map' && values.kind === 'map') {
    const { setNamePath, setTree, setValue } = require('./helm-set') as typeof import('./helm-set');
    let applied = 0;
    for (const [key, node] of [...set.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const path = setNamePath(key);
      if (!path || node.kind !== 'scalar') continue;
      const raw = node.value === null ? 'null' : String(node.value);
      const typed = typeof node.value === 'number' || ['true', 'false', 'null'].includes(raw.toLowerCase());
      values = mergeMaps(values as HelmValue & { kind: 'map' }, setTree(path, setValue(raw, !typed), raw, node.origin), 'keep-nulls');
      applied++;
    }
    if (applied > 0) notes.push(`${applied} set entr${applied === 1 ? 'y' : 'ies'} applied over them, as --set`);
  }
  const secrets = mapAt(spec, 'valuesSecrets');
  if (secrets?.kind === 'seq' && secrets.items.length > 0) notes.push('its valuesSecrets are not read');
  return {
    value: values,
    embeddedIn: `helm-controller HelmChart${name ? ` "${name}"` : ''}${chart ? ` for chart ${chart.chart}` : ''}: ${hasValues ? 'its values were read' : 'it writes no values'}${notes.map((note) => `; ${note}`).join('')}; a HelmChartConfig of the same name would add its own, not read here`,
    ...(chart ? { chart } : {}),
  };
}

/**
 * `helm.parameters` over the values: Argo CD passes each as `--set` (`--set-string` with
 * `forceString`), which Helm merges over every values file.
 */
function applyParameters(values: HelmValue, parameters: HelmValue | undefined): { value: HelmValue; notes: string[] } {
  if (parameters?.kind !== 'seq' || !parameters.nodes || values.kind !== 'map') return { value: values, notes: [] };
  // Helm's --set reading is needed only for Applications that have parameters.
  const { setNamePath, setTree, setValue } = require('./helm-set') as typeof import('./helm-set');
  let merged = values;
  let applied = 0;
  const skipped: string[] = [];
  for (const parameter of parameters.nodes) {
    const name = scalarText(parameter, 'name');
    const written = mapAt(parameter, 'value');
    const path = name === undefined ? undefined : setNamePath(name);
    if (!path || written?.kind !== 'scalar') {
      if (name !== undefined) skipped.push(name);
      continue;
    }
    const raw = written.value === null ? '' : String(written.value);
    const forceString = mapAt(parameter, 'forceString');
    const value = setValue(raw, forceString?.kind === 'scalar' && (forceString.value === true || forceString.value === 'true'));
    merged = mergeMaps(merged, setTree(path, value, raw, written.origin), 'keep-nulls');
    applied++;
  }
  const notes: string[] = [];
  if (applied > 0) notes.push(`${applied} parameter${applied === 1 ? '' : 's'} applied over them, as --set`);
  if (skipped.length > 0) notes.push(`parameters not read (list indexes): ${skipped.join(', ')}`);
  return { value: merged, notes };
}

/** A note for the files an Application names that this reading cannot open. */
function unreadFiles(helm: HelmValue & { kind: 'map' }, key: string, hint: string): string[] {
  const names = fileNames(helm, key);
  return names.length === 0 ? [] : [`its ${key} (${names.join(', ')}) are not read${hint}`];
}

function fileNames(helm: HelmValue & { kind: 'map' }, key: string): string[] {
  const files = helm.entries.get(key);
  if (files?.kind !== 'seq') return [];
  // Not String(item): a mapping with a `toString` key would be called, or refuse to convert.
  return files.items.map((item) => (typeof item === 'string' ? item : isRecord(item) && typeof item.name === 'string' ? item.name : JSON.stringify(item)));
}

/** A file read for `--helm-values`, with what an Argo CD Application in it names. */
export interface ReadFile {
  file: string;
  /** As given when it picks a release (`helmfile.yaml#kong-dp`), for the list of inputs. */
  given?: string;
  value: HelmValue;
  embeddedIn?: string;
  chart?: ChartDeclaration;
  /** The Application's helm.valueFiles, as written (`$values/kong/values.yaml`). */
  valueFiles?: string[];
}

/**
 * Whether a given file is the one an Application's valueFiles entry names: the entry without its
 * `$ref/` source prefix is the end of the given path (`$values/kong/values.yaml` names
 * `repo/kong/values.yaml`).
 */
function namesFile(entry: string, file: string): boolean {
  const wanted = entry.replace(/^\$[^/]+\//, '').replace(/^(\.\/)+/, '');
  const given = file.replace(/\\/g, '/');
  return wanted !== '' && (given === wanted || given.endsWith(`/${wanted}`));
}

/**
 * The files in the order Helm merges them for Argo CD: an Application's valueFiles first, then
 * its own values and parameters (argo-cd util/helm/cmd.go template(): `--values` for each
 * valueFiles entry, then the file holding the values text or valuesObject; `--set` from the
 * parameters, which Helm merges over every file). A given file that an Application names moves
 * before it, whatever the order on the command line; each Application says what it read.
 */
function argoOrder(read: ReadFile[]): ReadFile[] {
  const claimed = new Map<ReadFile, ReadFile[]>();
  const taken = new Set<ReadFile>();
  for (const app of read) {
    if (!app.valueFiles || app.valueFiles.length === 0) continue;
    const own: ReadFile[] = [];
    for (const entry of app.valueFiles) {
      const match = read.find((other) => other !== app && !taken.has(other) && !other.valueFiles && namesFile(entry, other.file));
      if (match) {
        own.push(match);
        taken.add(match);
      }
    }
    claimed.set(app, own);
    const missing = app.valueFiles.filter((entry) => !own.some((given) => namesFile(entry, given.file)));
    const notes = [
      ...(own.length > 0 ? [`its valueFiles given as ${own.map((given) => given.file).join(', ')} were merged before its own values, as Argo CD does`] : []),
      ...(missing.length > 0 ? [`its valueFiles (${missing.join(', ')}) are not read: pass them with --helm-values`] : []),
    ];
    app.embeddedIn = `${app.embeddedIn ?? ''}${notes.map((note) => `; ${note}`).join('')}`;
  }
  const ordered: ReadFile[] = [];
  for (const entry of read) {
    if (taken.has(entry)) continue;
    ordered.push(...(claimed.get(entry) ?? []), entry);
  }
  return ordered;
}

function isArgoApplication(value: HelmValue & { kind: 'map' }): boolean {
  const apiVersion = scalarText(value, 'apiVersion');
  return scalarText(value, 'kind') === 'Application' && apiVersion !== undefined && apiVersion.startsWith('argoproj.io/');
}

/**
 * Values written as a YAML text inside the Application. A literal block (`values: |`) keeps the
 * text's lines, so each value is located at its own line of the file; any other form of string
 * locates everything at the `values:` entry.
 */
function valuesInText(written: HelmValue & { kind: 'scalar' }, file: string, text: string, holder = 'the Application\'s helm values'): HelmValue {
  const inner = written.value as string;
  if (nesting().yamlNestingBeyond(inner)) throw new InputError(`${holder} text is nested too deeply to read (hundreds of levels: no real file nests so deep)`, written.origin);
  const { LineCounter, parseDocument } = yamlModule();
  const lineCounter = new LineCounter();
  const doc = parseDocument(inner, { version: '1.1', lineCounter, prettyErrors: false, uniqueKeys: false });
  const error = doc.errors[0];
  const block = literalBlockStart(written, text);
  const at = (offset: number): FileOrigin => {
    if (!block) return written.origin;
    const pos = lineCounter.linePos(offset);
    return { kind: 'file', file, line: block.line + pos.line - 1, column: block.indent + pos.col };
  };
  if (error) throw new InputError(`not valid YAML in ${holder}: ${nesting().yamlErrorLine(error.message)}`, at(error.pos[0]));
  if (!doc.contents) return { kind: 'map', entries: new Map(), origin: written.origin };
  checkAliases(doc.contents as YamlNode, doc, at);
  return toValue(doc.contents as YamlNode, at, inner, doc);
}

/** Where a literal block scalar's content starts in the file: its first line and indentation. */
function literalBlockStart(written: HelmValue & { kind: 'scalar' }, text: string): { line: number; indent: number } | undefined {
  if (!/^\|[-+0-9]*\s*(#.*)?$/.test(written.source.split('\n')[0].trim())) return undefined;
  const lines = text.split('\n');
  // The header is at the scalar's origin; content begins on the next non-blank line.
  for (let line = written.origin.line + 1; line <= lines.length; line++) {
    const content = lines[line - 1];
    if (content.trim() === '') continue;
    return { line, indent: content.length - content.trimStart().length };
  }
  return undefined;
}

/** The value under `key` of a map; undefined for anything else. */
export function mapAt(value: HelmValue | undefined, key: string): HelmValue | undefined {
  return value?.kind === 'map' ? value.entries.get(key) : undefined;
}

/** The value at `path` under `root`, key by key through maps; undefined where one is missing. */
export function valueAt(root: HelmValue | undefined, path: readonly string[]): HelmValue | undefined {
  let node = root;
  for (const key of path) node = mapAt(node, key);
  return node;
}

function scalarText(value: HelmValue | undefined, key: string): string | undefined {
  const node = mapAt(value, key);
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

/** The map items of a sequence entry (`spec.sources`), each at its own place when known. */
function seqMaps(map: HelmValue & { kind: 'map' }, key: string): HelmValue[] {
  const node = map.entries.get(key);
  if (node?.kind !== 'seq') return [];
  if (node.nodes) return node.nodes.filter((item) => item.kind === 'map');
  return node.items.filter(isRecord).map((item) => plainToValue(item, node.origin));
}

function plainToValue(item: unknown, origin: FileOrigin): HelmValue {
  if (isRecord(item)) {
    return { kind: 'map', entries: new Map(Object.entries(item).map(([k, v]) => [k, plainToValue(v, origin)])), origin };
  }
  if (Array.isArray(item)) return { kind: 'seq', items: item, origin };
  return { kind: 'scalar', value: scalarValue(item), source: String(item), origin };
}

/** A parsed scalar as a values tree keeps it: YAML's plain types as they are, anything else as text. */
function scalarValue(raw: unknown): string | number | boolean | null {
  return raw === null || typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? raw : String(raw);
}

/** Values written out with every alias expanded may hold this many nodes: far more than any chart's values. */
const MAX_EXPANDED_NODES = 1_000_000;

/**
 * Refuses what the values tree cannot be built from: an alias inside the value it names (a tree
 * without end), and aliases nested so that their copies outgrow any real values file (the "billion
 * laughs"), which Helm's YAML reader refuses as excessive aliasing too. Each node's expanded size
 * is counted once, so the check is linear in the file.
 */
function checkAliases(root: YamlNode, doc: Document, at: (offset: number) => FileOrigin): void {
  const { isAlias, isMap, isSeq } = yamlModule();
  const sizes = new Map<unknown, number>();
  const open = new Set<unknown>();
  const size = (node: unknown): number => {
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (open.has(target)) throw new InputError(`the alias *${node.source} is used inside the value it names: the values never end`, at(node.range?.[0] ?? 0));
      return target ? size(target) : 1;
    }
    const known = sizes.get(node);
    if (known !== undefined) return known;
    let total = 1;
    if (isMap(node) || isSeq(node)) {
      open.add(node);
      for (const item of node.items as unknown[]) {
        total += isMap(node) ? size((item as { key: unknown }).key) + size((item as { value: unknown }).value) : size(item);
        if (total > MAX_EXPANDED_NODES) throw new InputError(`YAML aliases expand to more than ${MAX_EXPANDED_NODES} values (an alias bomb?): not a Helm values file`, at((node as YamlNode).range?.[0] ?? 0));
      }
      open.delete(node);
    }
    sizes.set(node, total);
    return total;
  };
  size(root);
}

function toValue(node: YamlNode, at: (offset: number) => FileOrigin, text: string, doc: Document): HelmValue {
  const { isAlias, isMap, isScalar, isSeq } = yamlModule();
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (target) return { ...toValue(target as YamlNode, at, text, doc), origin: at(node.range?.[0] ?? 0) };
  }
  const origin = at(node.range?.[0] ?? 0);
  if (isMap(node)) {
    const entries = new Map<string, HelmValue>();
    for (const pair of node.items) {
      if (isScalar(pair.key) && isMergeKey(pair.key.value)) {
        mergeInto(entries, pair.value as YamlNode | null, at, text, doc);
        continue;
      }
      // A key that is itself a mapping or list (`? {a: 1}`) has no text form: Helm turns values
      // into JSON, whose keys are strings, and refuses it. Printing the node could also throw
      // (a merge key inside it that resolves to no mapping).
      // An alias key (`*name: x`) stands for the scalar it names.
      const keyNode = isAlias(pair.key) ? (pair.key.resolve(doc) as unknown) : pair.key;
      if (!isScalar(keyNode) && keyNode !== null) {
        const keyAt = at((pair.key as YamlNode).range?.[0] ?? 0);
        throw new InputError('a mapping key here is itself a mapping or a list: Helm needs text keys and refuses such values', { file: keyAt.file, line: keyAt.line, column: keyAt.column });
      }
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const value = pair.value as YamlNode | null;
      // `key:` with nothing after it is null in YAML (Helm then drops the key).
      entries.set(key, value ? toValue(value, at, text, doc) : { kind: 'scalar', value: null, source: '', origin: at((pair.key as YamlNode).range?.[1] ?? 0) });
    }
    return { kind: 'map', entries, origin };
  }
  if (isSeq(node)) {
    const nodes = node.items.map((item) => (item ? toValue(item as YamlNode, at, text, doc) : nullAt(origin)));
    return { kind: 'seq', items: nodes.map(plainValue), origin, nodes };
  }
  if (isScalar(node)) {
    const source = node.range ? text.slice(node.range[0], node.range[1]) : String(node.value);
    return { kind: 'scalar', value: scalarValue(node.value), source, origin };
  }
  // An alias to nothing: YAML reads it as null.
  return nullAt(origin);
}

/** The yaml package reads a plain `<<` key in YAML 1.1 as the merge key (a symbol, not the text). */
function isMergeKey(value: unknown): boolean {
  return typeof value === 'symbol' && value.description === '<<';
}

/**
 * `<<: *defaults` (or a list of them) as Helm reads values: through go-yaml v2
 * (sigs.k8s.io/yaml), whose decoder (decode.go `merge`) sets the merged map's keys where the
 * `<<` stands, so keys written after it win and keys before it are replaced; in a list, earlier
 * maps win. A merged value that is not a map is left out, as go-yaml refuses it.
 */
function mergeInto(entries: Map<string, HelmValue>, value: YamlNode | null, at: (offset: number) => FileOrigin, text: string, doc: Document): void {
  if (!value) return;
  const { isSeq } = yamlModule();
  const sources = isSeq(value) ? [...(value.items as YamlNode[])].reverse() : [value];
  for (const source of sources) {
    const merged = source ? toValue(source, at, text, doc) : undefined;
    if (merged?.kind === 'map') for (const [key, entry] of merged.entries) entries.set(key, entry);
  }
}

/**
 * A read value as plain data, for a sequence's `items`. Built from the tree already read rather
 * than by the yaml package's toJSON: without its document that throws on a merge key (`- <<: *x`)
 * and leaves aliases unresolved. A nested sequence's items are reused, so each node is copied once.
 */
function plainValue(value: HelmValue): unknown {
  if (value.kind === 'scalar') return value.value;
  if (value.kind === 'seq') return value.items;
  return Object.fromEntries([...value.entries].map(([key, entry]) => [key, plainValue(entry)]));
}

function nullAt(origin: FileOrigin): HelmValue {
  return { kind: 'scalar', value: null, source: '', origin };
}
