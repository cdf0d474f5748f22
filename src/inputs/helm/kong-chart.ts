// Reads what the Kong chart makes of merged values: the `env:` entries as Kong settings (each
// becomes a `KONG_*` variable of the container), the image, the edition and the deployment mode.
// Facts about the chart live in src/knowledge/platform/helm-chart.ts.

import type { HelmfileContext } from './helmfile-env';
import { HELM_CHART } from '../../knowledge/platform/helm-chart';
import { KIC_INGRESS_PATH_FACTS } from '../../knowledge/platform/kic-ingress-paths';
import { fileOrigin, type FileOrigin } from '../../model/origin';
import { stripRegistry as imageName } from '../images/image-ref';
import type { ChartName } from '../../knowledge/platform/helm-chart-releases';
import type { ChartRelease } from './chart-release';
import { loadUserValues, overDefaults, type HelmValue, type HelmValues } from './values';

/**
 * The chart's default `env:` as a values tree to merge user files over (see HELM_CHART.defaultEnv);
 * `extra` adds a parent chart's own defaults for the subchart (the kong/ingress gateway's), and
 * a known chart `release` its default images.
 */
export function chartDefaultValues(extra?: { env: Record<string, string>; from: string }, release?: ChartRelease): HelmValue & { kind: 'map' } {
  const origin: FileOrigin = { kind: 'file', file: `(${HELM_CHART.defaultsFrom} values.yaml)`, line: 0, column: 0 };
  const scalar = (value: string, from: string): HelmValue => ({ kind: 'scalar', value, source: value, origin, chartDefault: from });
  const env = new Map<string, HelmValue>(Object.entries(HELM_CHART.defaultEnv).map(([key, value]) => [key, scalar(value, HELM_CHART.defaultsFrom)]));
  for (const [key, value] of Object.entries(extra?.env ?? {})) env.set(key, scalar(value, extra!.from));
  return { kind: 'map', entries: new Map([['env', { kind: 'map', entries: env, origin }], ...releaseImageDefaults(release).entries]), origin };
}

/**
 * A chart release's default `image` and `ingressController.image`, as values located where the
 * release is named (an image finding then points at the targetRevision to change) and marked
 * with it as their chart default.
 */
function releaseImageDefaults(release: ChartRelease | undefined): HelmValue & { kind: 'map' } {
  const origin = release?.declaration.origin ?? { kind: 'file', file: '', line: 0, column: 0 };
  const entries = new Map<string, HelmValue>();
  const defaults = release?.defaults;
  if (!defaults) return { kind: 'map', entries, origin };
  const scalar = (value: string): HelmValue => ({ kind: 'scalar', value, source: value, origin, chartDefault: release.label });
  const image = (reference: string, semver: string | undefined): HelmValue => {
    const colon = reference.lastIndexOf(':');
    const fields = new Map([['repository', scalar(reference.slice(0, colon))], ['tag', scalar(reference.slice(colon + 1))]]);
    if (semver) fields.set('effectiveSemver', scalar(semver));
    return { kind: 'map', entries: fields, origin };
  };
  if (defaults.image) entries.set('image', image(defaults.image, defaults.imageSemver));
  if (defaults.controller) entries.set('ingressController', { kind: 'map', entries: new Map([['image', image(defaults.controller, defaults.controllerSemver)]]), origin });
  return { kind: 'map', entries, origin };
}

/** The chart release named beside the values (loaded only for Helm installations). */
function chartRelease(user: HelmValues, expected: ChartName, subchart?: string): ChartRelease | undefined {
  const { findChartRelease } = require('./chart-release') as typeof import('./chart-release');
  return findChartRelease(user, expected, subchart);
}

/** How the values files were read. */
export interface ChartReading {
  /** The values the Kong chart sees (for kong/ingress, the `gateway` subchart's). */
  values: HelmValues;
  /** What the files were read as, for the list of inputs. */
  readAs: string;
  /** Set when the files are not values of the Kong chart: nothing in them was read. */
  notUnderstood?: string;
  /** The ingress controller fetches the license from Konnect and applies it to its gateways. */
  konnectLicense?: { origin: FileOrigin; path: string };
  /** The values the chart running the ingress controller sees, when not `values` (kong/ingress: `controller:`). */
  controllerValues?: HelmValues;
  /** The chart release named beside the values (Argo CD, Flux, Chart.lock), whose default images apply. */
  release?: ChartRelease;
  /** readAs already names the object the values came from: the note on it is not added. */
  namesItsSource?: true;
}

/**
 * Reads values files as the chart they belong to: the Kong chart (`env:`, `image:` at the top),
 * or the kong/ingress chart, which passes `gateway:` to its Kong subchart. A file with neither
 * shape is said to be not understood rather than read as an empty Kong chart.
 */
export function readChartValues(files: readonly string[], helmfile?: HelmfileContext): ChartReading {
  const user = loadUserValues(files, helmfile);
  const reading = readChartOf(user);
  // Values taken from inside an Argo CD Application say so, with what was left unread.
  return user.embedded.length === 0 || reading.namesItsSource ? reading : { ...reading, readAs: `${reading.readAs}; ${user.embedded.join('; ')}` };
}

function readChartOf(user: HelmValues): ChartReading {
  const ingress = HELM_CHART.ingressChart;
  const top = [...user.root.entries.keys()];
  const parentOfSubcharts = [ingress.gatewayKey, ingress.controllerKey].some((key) => user.at(key)?.kind === 'map');
  // An Argo CD Application or Flux HelmRelease says which chart the values are for, whatever
  // their shape: kong/ingress even with no values, and the Kong chart even with a stray `gateway:`.
  const declared = user.charts.find((chart) => chart.chart === 'kong' || chart.chart === 'ingress')?.chart;
  const otherChart = declared === undefined ? user.charts[0] : undefined;
  if (otherChart) {
    // The release installs another chart (Kong's operator charts among them): its `image` and
    // `env` configure that chart's own program, not a Kong gateway, so reading them as the Kong
    // chart would take the operator's tag for a Kong version and its switches for kong.conf keys.
    const where = `${otherChart.origin.file}:${otherChart.origin.line}`;
    const release = otherChart.via.startsWith('Flux') ? 'Flux HelmRelease' : 'Argo CD Application';
    return {
      values: overDefaults(user),
      readAs: `the ${release} installs chart ${otherChart.chart}, not Kong's kong or ingress chart: not read`,
      notUnderstood: `the ${release} at ${where} installs chart \`${otherChart.chart}\`, not Kong's \`kong\` or \`ingress\` chart: its values configure that chart, so nothing in them was read or checked as Kong settings`,
      namesItsSource: true,
    };
  }
  if ((declared === 'ingress' || (parentOfSubcharts && declared !== 'kong')) && !user.at('env') && !user.at('image')) {
    // Both subcharts are the same Kong chart release: the images default alike under each.
    const release = chartRelease(user, 'ingress');
    const values = overDefaults(user, chartDefaultValues({ env: ingress.gatewayEnvDefaults, from: ingress.defaultsFrom }, release), ingress.gatewayKey);
    const enabled = values.scalar('enabled');
    const off = enabled?.value === false ? `; ${ingress.gatewayKey}.enabled is false at ${enabled.origin.file}:${enabled.origin.line}, so this release runs no gateway of its own` : '';
    const controllerValues = overDefaults(user, release?.defaults ? releaseImageDefaults(release) : undefined, ingress.controllerKey);
    const konnectLicense = konnectLicenseSwitch(controllerValues);
    return { values, controllerValues, readAs: `kong/ingress chart: the gateway's settings under ${ingress.gatewayKey}: were read${off}`, ...(konnectLicense ? { konnectLicense } : {}), ...(release ? { release } : {}) };
  }
  const ingressUmbrella = declared === undefined && !parentOfSubcharts && !user.at('env') ? ingressUmbrellaKey(user) : undefined;
  if (ingressUmbrella) {
    // An umbrella chart that lists kong/ingress as a dependency passes it the values under the
    // dependency's name or alias, which then read as that chart's own (gateway:, controller:).
    const { key, chartFile } = ingressUmbrella;
    const reading = readChartOf(overDefaults(user, undefined, key));
    return { ...reading, readAs: `a parent chart's values: ${chartFile} installs Kong's ingress chart as its dependency ${key}, passed the values under ${key}:; ${reading.readAs}` };
  }
  const bitnami = bitnamiChartMarker(user);
  if (bitnami) {
    return {
      values: overDefaults(user),
      readAs: 'Bitnami kong chart values: not read',
      notUnderstood: `${bitnami}: these are values of Bitnami's kong chart, which configures Kong through kong.extraEnvVars and its own defaults (PostgreSQL, not DB-less), not of Kong's chart; nothing in the file was read or checked (pass the rendered KONG_* environment or kong.conf instead)`,
    };
  }
  const known = top.filter((key) => (HELM_CHART.topLevelKeys as readonly string[]).includes(key));
  const subchart = known.length === 0 ? kongSubchartKey(user) : undefined;
  if (subchart) {
    // An umbrella chart that lists Kong's chart as a dependency passes it the values under the
    // dependency's name or alias (Helm's subchart values), over the subchart's own defaults.
    const release = chartRelease(user, 'kong', subchart);
    const values = overDefaults(user, chartDefaultValues(undefined, release), subchart);
    const konnectLicense = konnectLicenseSwitch(overDefaults(user, undefined, subchart));
    return { values, readAs: `a parent chart's values: the Kong subchart's settings under ${subchart}: were read`, ...(konnectLicense ? { konnectLicense } : {}), ...(release ? { release } : {}) };
  }
  const gitFolder = argoGitFolder(user);
  if (gitFolder?.kustomize) {
    // Argo CD builds the folder with kustomize, whose kustomization.yaml may inflate Kong's chart
    // (helmCharts, with --enable-helm): that file holds the values and the release.
    return {
      values: overDefaults(user),
      readAs: `an Argo CD Application that builds folder ${gitFolder.folder} with kustomize, whose values are not in this file: not read`,
      notUnderstood: `the Application builds folder ${gitFolder.folder} with kustomize and writes no helm values of its own: give that folder's kustomization.yaml instead (its helmCharts entry of Kong's chart is read)`,
    };
  }
  if (gitFolder) {
    // An Argo CD Application of a chart kept in a git folder (an umbrella chart, say): its values
    // and Chart.yaml live in that folder, which is not at hand here.
    return {
      values: overDefaults(user),
      readAs: `an Argo CD Application of the chart in folder ${gitFolder.folder}, whose values are not in this file: not read`,
      notUnderstood: `the Application installs the chart in folder ${gitFolder.folder} and writes no helm values of its own: give that folder's values.yaml instead (with its Chart.yaml beside it, when it lists Kong's chart as a dependency)`,
    };
  }
  if (top.length > 0 && known.length === 0) {
    const shown = top.slice(0, 4).join(', ') + (top.length > 4 ? ', ...' : '');
    return {
      values: overDefaults(user),
      readAs: 'not a values file of the Kong chart: not read',
      notUnderstood: `none of the top-level keys (${shown}) is one of the Kong chart's (env, image, proxy, ...): the file belongs to another chart, so nothing in it was read or checked`,
    };
  }
  const unknown = top.filter((key) => !known.includes(key));
  const ownPart = known.some((key) => (HELM_CHART.kongOnlyTopLevelKeys as readonly string[]).includes(key));
  if (declared !== 'kong' && !ownPart && unknown.length > known.length) {
    // Keys such as deployment, image or resources are in almost every chart: when they are the only
    // ones Kong's chart shares with a file whose other keys it lacks (tothenew/terraform-aws-kong's
    // own chart: deployment beside ports, secrets, hpa, ingress), the file is another chart's, and
    // read as Kong's it would pass for a DB-less node run by the ingress controller.
    const shown = (keys: string[]) => keys.slice(0, 4).join(', ') + (keys.length > 4 ? ', ...' : '');
    return {
      values: overDefaults(user),
      readAs: 'not a values file of the Kong chart: not read',
      notUnderstood: `only ${shown(known)} of its top-level keys ${known.length === 1 ? 'is' : 'are'} also the Kong chart's, keys every chart may have, while ${shown(unknown)} ${unknown.length === 1 ? 'is' : 'are'} not, and none of Kong's own (env, proxy, admin, ...) is there: the file belongs to another chart, so nothing in it was read or checked`,
    };
  }
  const { umbrellaKongKey } = require('./chart-release') as typeof import('./chart-release');
  const umbrella = known.length > 0 && user.charts.length === 0 ? umbrellaKongKey(user.files) : undefined;
  if (umbrella && !user.at(umbrella.key)) {
    // Beside an umbrella chart, Helm hands the Kong subchart only the values under its key: Kong
    // settings written at the top stay with the parent, and Kong runs its chart's defaults.
    const release = chartRelease(user, 'kong', umbrella.key);
    const shown = known.slice(0, 4).join(', ') + (known.length > 4 ? ', ...' : '');
    return {
      values: overDefaults(user, chartDefaultValues(undefined, release), umbrella.key),
      readAs: `a parent chart's values: ${umbrella.chartFile} installs Kong's chart as its dependency ${umbrella.key}, which Helm passes only the values under ${umbrella.key}:, and these write none: their top-level Kong settings (${shown}) do not reach Kong, which runs its chart's defaults`,
      ...(release ? { release } : {}),
    };
  }
  const konnectLicense = konnectLicenseSwitch(user);
  const release = chartRelease(user, 'kong');
  return { values: overDefaults(user, chartDefaultValues(undefined, release)), readAs: 'Kong chart', ...(konnectLicense ? { konnectLicense } : {}), ...(release ? { release } : {}) };
}

/** The key of the kong/ingress dependency of an umbrella Chart.yaml beside the values, holding its subcharts' values. */
function ingressUmbrellaKey(user: HelmValues): { key: string; chartFile: string } | undefined {
  const { umbrellaIngressKey } = require('./chart-release') as typeof import('./chart-release');
  const ingress = HELM_CHART.ingressChart;
  return umbrellaIngressKey(user.files, (key) => [ingress.gatewayKey, ingress.controllerKey].some((sub) => user.at(key, sub)?.kind === 'map'));
}

/**
 * The top-level key of a parent chart's values under which Kong's chart is configured as a
 * subchart (`kong:` in an umbrella chart), or undefined: a map holding at least two keys only
 * Kong's chart has (`env` and `proxy`, say). Bitnami's chart is told apart before this.
 */
function kongSubchartKey(user: HelmValues): string | undefined {
  for (const [key, node] of user.root.entries) {
    if (node.kind !== 'map') continue;
    const markers = HELM_CHART.kongOnlyTopLevelKeys.filter((marker) => node.entries.has(marker));
    if (markers.length >= 2) return key;
  }
  return undefined;
}

/**
 * What shows a values file to be Bitnami's kong chart rather than Kong's: Bitnami's image
 * (`bitnami/kong`), or its top-level `database:` choice or `kong:` container section, neither of
 * which Kong's chart has, in a file without Kong's `env:` section. Read as Kong's chart, such a
 * file would pass for a DB-less node (Kong's chart default) and give wrong findings.
 */
function bitnamiChartMarker(user: HelmValues): string | undefined {
  const repository = user.scalar('image', 'repository');
  if (typeof repository?.value === 'string' && /(^|\/)bitnami\/kong$/.test(repository.value)) {
    return `image.repository is ${repository.value} at ${repository.origin.file}:${repository.origin.line}`;
  }
  if (user.at('env')) return undefined;
  const { database, kong } = HELM_CHART.bitnamiChart.markerKeys;
  const choice = user.scalar(database);
  if (choice && (choice.value === 'postgresql' || choice.value === 'cassandra')) return `top-level ${database}: ${String(choice.value)} at ${choice.origin.file}:${choice.origin.line}`;
  const section = user.at(kong);
  if (section?.kind === 'map' && section.entries.has('extraEnvVars')) return `top-level ${kong}.extraEnvVars at ${section.origin.file}:${section.origin.line}`;
  return undefined;
}

/**
 * `ingressController.konnect.license.enabled: true` (under `controller.` in kong/ingress): the
 * chart then tells the controller to fetch the license from Konnect and push it to the gateways
 * it manages, and only when Konnect sync itself is on and the controller is not turned off.
 */
function konnectLicenseSwitch(values: HelmValues): { origin: FileOrigin; path: string } | undefined {
  const { controller, konnect, license } = HELM_CHART.konnectLicense;
  if (values.scalar(...controller)?.value === false || values.scalar(...konnect)?.value !== true) return undefined;
  const enabled = values.scalar(...license);
  if (enabled?.value !== true) return undefined;
  return { origin: enabled.origin, path: `${values.prefix}${license.join('.')}` };
}

export interface HelmEnvEntry {
  /** The Kong property, lower-cased as Kong looks it up (`pg_host`). */
  key: string;
  /** The container variable the chart renders (`KONG_PG_HOST`). */
  envName: string;
  /** The value as the chart renders it; undefined when it comes from a Secret or ConfigMap. */
  value?: string;
  /** The YAML text as written. */
  source: string;
  /** Position of the value in its values file. */
  origin: FileOrigin;
  /** `Secret kong-pg (key password)` when the value is read at deploy time (valueFrom). */
  valueFrom?: string;
  /** The Go template written in place of the value (`{{ .Values.db }}`), which helmfile fills in. */
  template?: string;
  /** The template block the value is written in (`{{ if ... }}` (line 24)), whose condition decides it. */
  condition?: string;
  /** The YAML text was read as a boolean (`off`, `yes`): the chart renders "true"/"false". */
  yamlBoolean?: boolean;
  /** A boolean on a key the chart refuses booleans for (`*_log`): the release fails to render. */
  refusedByChart?: boolean;
  /** A number the chart renders in exponent form (Helm reads numbers as floats: 1000000 -> 1e+06). */
  exponentForm?: boolean;
  /** Not written in any values file: the chart's own default. */
  chartDefault?: string;
}

/** The chart's `env:` entries, in file order. */
export function helmEnvEntries(values: HelmValues): HelmEnvEntry[] {
  const env = values.at('env');
  if (!env || env.kind !== 'map') return [];
  const entries: HelmEnvEntry[] = [];
  for (const [name, node] of env.entries) {
    const key = name.toLowerCase();
    const envName = `${HELM_CHART.envPrefix}${name.toUpperCase()}`;
    if (node.kind === 'map') {
      entries.push({ key, envName, source: '', origin: node.origin, valueFrom: describeValueFrom(node) });
      continue;
    }
    if (node.kind === 'scalar' && node.template) {
      entries.push({ key, envName, source: node.source, origin: node.origin, template: String(node.value), ...(node.condition ? { condition: node.condition } : {}) });
      continue;
    }
    if (node.kind !== 'scalar' || node.value === null) continue;
    const rendered = renderScalar(node.value);
    entries.push({
      key,
      envName,
      value: rendered,
      source: node.source,
      origin: node.origin,
      ...(node.chartDefault ? { chartDefault: node.chartDefault } : {}),
      ...(typeof node.value === 'boolean' && !/^(true|false)$/i.test(node.source.trim()) ? { yamlBoolean: true } : {}),
      // The chart's check is Go's case-sensitive `contains` on the key as written.
      ...(typeof node.value === 'boolean' && name.includes(HELM_CHART.logKeyBooleanRefused.keyContains) ? { refusedByChart: true } : {}),
      ...(typeof node.value === 'number' && /e/.test(rendered) ? { exponentForm: true } : {}),
    });
  }
  return entries;
}

/** `Secret name (key k)` / `ConfigMap name (key k)` / `a field of the pod`, never a value. */
function describeValueFrom(node: HelmValue & { kind: 'map' }): string {
  const from = node.entries.get('valueFrom');
  if (from?.kind === 'map') {
    for (const [kind, label] of [['secretKeyRef', 'Secret'], ['configMapKeyRef', 'ConfigMap']] as const) {
      const ref = from.entries.get(kind);
      if (ref?.kind === 'map') {
        const name = scalarText(ref.entries.get('name'));
        const key = scalarText(ref.entries.get('key'));
        return `${label} ${name ?? '(unnamed)'}${key ? ` (key ${key})` : ''}`;
      }
    }
    if (from.entries.has('fieldRef') || from.entries.has('resourceFieldRef')) return 'a field of the pod';
  }
  return 'a value the chart copies as it is (not a plain string)';
}

function scalarText(node: HelmValue | undefined): string | undefined {
  return node?.kind === 'scalar' && node.value !== null ? String(node.value) : undefined;
}

/**
 * A scalar as the chart's `quote` renders it: Go's `%v` of what Helm parsed. Helm parses numbers
 * as float64, so large ones come out in exponent form (`1e+06`), as Go's shortest `%g` does.
 */
export function renderScalar(value: string | number | boolean): string {
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN';
  const [mantissa, exp] = value.toExponential().split('e');
  const exponent = Number(exp);
  // Go's shortest %g switches to exponent form below 1e-4 and from 1e6 up.
  if (exponent < -4 || exponent >= 6) return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return String(value);
}

export interface HelmImage {
  repository: string;
  tag?: string;
  /** `repository:tag` as the chart pulls it. */
  reference: string;
  origin: FileOrigin;
  /** Where the tag is written, for findings about the version it implies. */
  tagOrigin?: FileOrigin;
  /** True when the repository is the chart's default (not written in the values files). */
  repositoryDefaulted: boolean;
  /** The chart release whose default the tag is (`chart kong 2.26.0 (Argo CD targetRevision at app.yaml:12)`). */
  tagDefaultedBy?: string;
  /** The image key written inside a template block, and the block (helmfile decides whether it applies). */
  conditional?: { key: string; condition: string; origin: FileOrigin };
}

/** The first of the image's keys that a template block decides, for saying why the image is unknown. */
function conditionalKey(entries: ReadonlyArray<[string, (HelmValue & { kind: 'scalar' }) | undefined]>): HelmImage['conditional'] {
  const found = entries.find(([, node]) => node?.condition);
  return found ? { key: found[0], condition: found[1]!.condition!, origin: found[1]!.origin } : undefined;
}

/** The Kong image the chart runs: `image.unifiedRepoTag`, else `image.repository:image.tag`. */
export function helmImage(values: HelmValues): HelmImage | undefined {
  const unified = values.scalar('image', 'unifiedRepoTag');
  if (unified) {
    const text = String(unified.value);
    // A digest (`kong:3.4@sha256:...`) holds a colon of its own: the tag's colon is before the `@`.
    const named = text.split('@')[0];
    const colon = named.lastIndexOf(':');
    const hasTag = colon > named.lastIndexOf('/');
    return {
      repository: hasTag ? named.slice(0, colon) : named,
      ...(hasTag ? { tag: named.slice(colon + 1) } : {}),
      reference: text,
      origin: unified.origin,
      tagOrigin: unified.origin,
      repositoryDefaulted: false,
      ...(unified.condition ? { conditional: conditionalKey([['image.unifiedRepoTag', unified]]) } : {}),
    };
  }
  const repository = values.scalar('image', 'repository');
  const tag = values.scalar('image', 'tag');
  if (!repository && !tag) return undefined;
  const repo = repository ? String(repository.value) : HELM_CHART.defaults.imageRepository;
  const tagText = tag ? renderScalar(tag.value as string | number | boolean) : undefined;
  // A written repository or tag locates the image; a chart release's defaults, where it is named.
  const origin = (repository && !repository.chartDefault ? repository : tag && !tag.chartDefault ? tag : repository ?? tag)!.origin;
  return {
    repository: repo,
    ...(tagText ? { tag: tagText } : {}),
    reference: tagText ? `${repo}:${tagText}` : repo,
    origin,
    ...(tag ? { tagOrigin: tag.origin } : {}),
    repositoryDefaulted: !repository || repository.chartDefault !== undefined,
    ...(tag?.chartDefault ? { tagDefaultedBy: tag.chartDefault } : {}),
    ...(tag?.condition || repository?.condition ? { conditional: conditionalKey([['image.tag', tag], ['image.repository', repository]]) } : {}),
  };
}

export interface HelmDeployment {
  topology: 'traditional' | 'hybrid' | 'dbless';
  role: 'traditional' | 'control_plane' | 'data_plane' | 'dbless';
  reason: string;
}

/**
 * The deployment mode from `env.role` and `env.database` (the chart's default is DB-less);
 * undefined when either is a template helmfile fills in, whose value is not known here.
 */
export function helmDeployment(values: HelmValues): HelmDeployment | undefined {
  const entries = helmEnvEntries(values);
  if (entries.some((e) => (e.key === 'role' || e.key === 'database') && e.template !== undefined)) return undefined;
  const role = entries.find((e) => e.key === 'role' && e.value !== undefined);
  const database = entries.find((e) => e.key === 'database');
  const env = `${values.prefix}env`;
  const where = (e: HelmEnvEntry) => (e.chartDefault ? `the ${e.chartDefault} default` : `${e.origin.file}:${e.origin.line}`);
  if (role && (role.value === 'control_plane' || role.value === 'data_plane')) {
    return { topology: 'hybrid', role: role.value, reason: `${env}.role = ${role.value} at ${where(role)}` };
  }
  if (!database) {
    return { topology: 'traditional', role: 'traditional', reason: `${env}.database removed (null) from the chart defaults: Kong falls back to its own default, postgres` };
  }
  if (database.chartDefault) {
    return { topology: 'dbless', role: 'dbless', reason: `${env}.database not set: the ${database.chartDefault.replace(/ [\d.]+$/, '')} defaults to "${database.value}" (DB-less)` };
  }
  if (database.value === 'off') return { topology: 'dbless', role: 'dbless', reason: `${env}.database = off at ${where(database)}` };
  return { topology: 'traditional', role: 'traditional', reason: `${env}.database = ${database.value ?? 'from ' + database.valueFrom} at ${where(database)}` };
}

/**
 * A values scalar as a chart's `{{ if .Values.x }}` reads it: Go templates take false, zero, an
 * empty string and a missing value as false and anything else as true, so the text "false" is
 * true (HELM_CHART.templateTruth). Undefined for a value helmfile fills in or a block decides.
 */
export function templateTruth(node: HelmValue & { kind: 'scalar' }): boolean | undefined {
  if (node.template || node.condition !== undefined) return undefined;
  const { value } = node;
  return !(value === false || value === null || value === 0 || value === '');
}

/** `enterprise.enabled` as the chart's templates read it, or undefined when absent or not known here. */
export interface EnterpriseSwitch {
  node: HelmValue & { kind: 'scalar' };
  /** The chart renders its Enterprise block (the variables, the license Secret, the portal Services). */
  on: boolean;
  /** Written as text that says off (`"false"`, `"no"`), which the chart still reads as on. */
  textSaysOff?: true;
}

export function enterpriseSwitch(values: HelmValues): EnterpriseSwitch | undefined {
  const node = values.scalar(...HELM_CHART.enterpriseSwitch.path);
  const on = node ? templateTruth(node) : undefined;
  if (!node || on === undefined) return undefined;
  const saysOff = on && typeof node.value === 'string' && (HELM_CHART.enterpriseSwitch.offWords as readonly string[]).includes(node.value.trim().toLowerCase());
  return { node, on, ...(saysOff ? { textSaysOff: true as const } : {}) };
}

/**
 * The edition of the binary the pod runs, which the image decides: Enterprise for Kong's
 * Enterprise image, open source for Kong's open-source images, and when no image is written: the
 * chart then runs its default repository `kong` (values.yaml line 150). `enterprise.enabled` only
 * makes the chart add Enterprise settings to the container's environment (Kong/charts@e76b8003
 * charts/kong/templates/_helpers.tpl lines 1114-1199); it changes no image, so it decides only for
 * an image that is not one of Kong's (a private build), or whose repository a template block
 * decides. Chart-default `env:` entries are no evidence: the chart sets the portal_api_* log paths
 * for every edition.
 */
export function helmEdition(values: HelmValues): { value: 'enterprise' | 'oss'; reason: string } | undefined {
  const image = helmImage(values);
  const repo = image ? imageName(image.repository) : undefined;
  const at = (origin: FileOrigin) => `${origin.file}:${origin.line}`;
  if (repo && (HELM_CHART.enterpriseRepositories as readonly string[]).includes(repo)) {
    return { value: 'enterprise', reason: `image ${image!.reference} at ${at(image!.origin)} is Kong Enterprise` };
  }
  const enabled = enterpriseSwitch(values);
  // A template block decides the repository (helmfile fills it in): the written switch is the evidence.
  const undecided = repositoryUndecided(values);
  if (undecided && enabled?.on) {
    return { value: 'enterprise', reason: `${values.prefix}enterprise.enabled at ${at(enabled.node.origin)} (${values.prefix}${undecided} is written in a template block)` };
  }
  const conflict = enterpriseOnOssImage(values);
  const despite = conflict ? `, whatever ${conflict.path} at ${at(conflict.origin)} asks` : '';
  if (repo && (HELM_CHART.ossRepositories as readonly string[]).includes(repo)) {
    if (image!.repositoryDefaulted && image!.tagDefaultedBy) {
      return { value: 'oss', reason: `${values.prefix}image not set: ${image!.tagDefaultedBy} defaults to image ${image!.reference}, open-source Kong${despite}` };
    }
    const defaulted = image!.repositoryDefaulted ? ` (${values.prefix}image.repository not set: the chart's default)` : '';
    return { value: 'oss', reason: `image ${image!.reference} at ${at(image!.origin)} is open-source Kong${defaulted}${despite}` };
  }
  if (!image) {
    return { value: 'oss', reason: `${values.prefix}image not set: the chart runs its default image \`${HELM_CHART.defaults.imageRepository}\`, open-source Kong (${HELM_CHART.defaultImageAt})${despite}` };
  }
  if (enabled?.on) {
    return { value: 'enterprise', reason: `${values.prefix}enterprise.enabled at ${at(enabled.node.origin)} (image ${image.reference} is not one of Kong's)` };
  }
  return undefined;
}

/**
 * `enterprise.enabled: true` written in the values while the chart runs one of Kong's
 * open-source images (written, or the chart's default `kong`): the chart's README (Kong/charts@e76b8003
 * charts/kong/README.md lines 125-129) asks for both the switch and an Enterprise image, and
 * open-source Kong reads a KONG_* variable only for a property it has (Kong/kong@22246ef2
 * kong/conf_loader/init.lua lines 345-360: `overrides` over its defaults), so the Enterprise-only
 * settings the chart adds (_helpers.tpl lines 1114-1199) are dropped. Undefined otherwise, and
 * when a template block decides the switch or the image.
 */
export function enterpriseOnOssImage(values: HelmValues): { origin: FileOrigin; path: string; image: string } | undefined {
  const enabled = enterpriseSwitch(values);
  if (!enabled?.on || enabled.node.chartDefault) return undefined;
  if (repositoryUndecided(values)) return undefined;
  const image = helmImage(values);
  const repo = image ? imageName(image.repository) : HELM_CHART.defaults.imageRepository;
  if (!(HELM_CHART.ossRepositories as readonly string[]).includes(repo)) return undefined;
  return { origin: enabled.node.origin, path: `${values.prefix}enterprise.enabled`, image: image ? image.reference : HELM_CHART.defaults.imageRepository };
}

/**
 * The image key naming the repository when a template block decides it (helmfile evaluates the
 * block), else undefined. A tag in a block leaves the repository, and so the edition, known.
 */
function repositoryUndecided(values: HelmValues): 'image.unifiedRepoTag' | 'image.repository' | undefined {
  const unified = values.scalar('image', 'unifiedRepoTag');
  if (unified) return unified.condition ? 'image.unifiedRepoTag' : undefined;
  return values.scalar('image', 'repository')?.condition ? 'image.repository' : undefined;
}

/**
 * `enterprise.enabled: false` written in a values file: the operator runs the Enterprise image
 * without Enterprise features, which the chart documents as free mode when no license is given.
 */
export function helmFreeMode(values: HelmValues): { origin: FileOrigin; reason: string } | undefined {
  const enabled = enterpriseSwitch(values);
  if (!enabled || enabled.on || enabled.node.chartDefault) return undefined;
  const { origin } = enabled.node;
  return { origin, reason: `${values.prefix}enterprise.enabled is ${enabled.node.value === false ? 'false' : `${enabled.node.source.trim()}, which the chart reads as off,`} at ${origin.file}:${origin.line}` };
}

/** The license the chart wires from `enterprise.license_secret`, if any. */
export function helmLicenseSecret(values: HelmValues): { secret: string; origin: FileOrigin } | undefined {
  const secret = values.scalar('enterprise', 'license_secret');
  if (!secret || !enterpriseSwitch(values)?.on) return undefined;
  return { secret: String(secret.value), origin: secret.origin };
}

/**
 * The ingress controller image the chart runs beside Kong: `ingressController.image` (tag and
 * `effectiveSemver`), unless `ingressController.enabled` (or, under kong/ingress, the controller
 * subchart's `enabled`) is false. Undefined when the values leave the tag to the chart, whose
 * default moves with each chart release.
 */
export function helmControllerImage(values: HelmValues): HelmControllerImage | undefined {
  if (helmControllerOff(values)) return undefined;
  const repository = values.scalar('ingressController', 'image', 'repository');
  const tag = values.scalar('ingressController', 'image', 'tag');
  if (!tag || tag.value === null) return undefined;
  const semver = values.scalar('ingressController', 'image', 'effectiveSemver');
  const repo = repository && repository.value !== null ? String(repository.value) : HELM_CHART.controllerImage.repository;
  return {
    reference: `${repo}:${renderScalar(tag.value)}`,
    origin: tag.origin,
    // A chart default's effectiveSemver goes with the chart's own tag, not with a tag written over it.
    ...(semver && semver.value !== null && (!semver.chartDefault || tag.chartDefault) ? { effectiveSemver: String(semver.value) } : {}),
    path: `${values.prefix}ingressController.image.tag`,
    ...(tag.chartDefault ? { defaultedBy: tag.chartDefault } : {}),
  };
}

export interface HelmControllerImage {
  /** `repository:tag` as the chart pulls it. */
  reference: string;
  /** Where the tag is written. */
  origin: FileOrigin;
  effectiveSemver?: string;
  /** `controller.ingressController.image.tag`, for the list of inputs. */
  path: string;
  /** The chart release whose default the tag is, when the values leave it to the chart. */
  defaultedBy?: string;
}

/**
 * The values turn the Kong container off (`deployment.kong.enabled: false`, or null, which deletes
 * the chart's default): the release runs only the ingress controller, and nothing of its image,
 * `env:` or edition reaches a Kong node. Where it is written, or undefined; a switch a template
 * condition decides is not known, so it is not taken as off.
 */
export function helmNoGateway(values: HelmValues): string | undefined {
  const path = HELM_CHART.gatewaySwitch.path;
  const enabled = values.scalar(...path);
  if (!enabled || enabled.chartDefault || enabled.condition !== undefined) return undefined;
  if (enabled.value !== false && enabled.value !== null) return undefined;
  return `${values.prefix}${path.join('.')} is ${enabled.value === null ? 'null' : 'false'} at ${enabled.origin.file}:${enabled.origin.line}`;
}

/** `controller.enabled: false` (kong/ingress) or `ingressController.enabled: false` written in the values: where, or undefined. */
export function helmControllerOff(values: HelmValues): string | undefined {
  for (const path of [['enabled'], ['ingressController', 'enabled']]) {
    const off = values.scalar(...path);
    if (off?.value === false) return `${values.prefix}${path.join('.')} is false at ${off.origin.file}:${off.origin.line}`;
  }
  return undefined;
}

/**
 * Why the values run the ingress controller: `ingressController.enabled` (kong/ingress: under
 * `controller.`) written true, or left to the chart, whose default is true (Kong/charts
 * charts/kong/values.yaml@kong-3.4.1 line 578, charts/ingress/values.yaml@ingress-0.9.0
 * `controller.enabled`). Undefined when the values turn it off.
 */
export function helmControllerOn(values: HelmValues): string | undefined {
  if (helmControllerOff(values)) return undefined;
  const enabled = values.scalar('ingressController', 'enabled');
  if (enabled?.value === true && !enabled.chartDefault) return `${values.prefix}ingressController.enabled is true at ${enabled.origin.file}:${enabled.origin.line}`;
  return `${values.prefix}ingressController.enabled not set: the chart's default runs the ingress controller`;
}

/**
 * The ingress class the chart starts its controller with, when it runs one: CONTROLLER_INGRESS_CLASS
 * as the chart renders it, its `ingressController.ingressClass` (`kong` by default) under the
 * variable of `ingressController.env` and then `customEnv`, merged over it in that order (Kong/charts
 * charts/kong/templates/_helpers.tpl@e76b8003, kong.ingressController.env). Undefined when the
 * controller is off, or when a variable it takes is not a plain value (a `valueFrom`, a template).
 */
export function helmControllerClass(values: HelmValues): { name: string; from: string } | undefined {
  if (!helmControllerOn(values)) return undefined;
  const where = (value: HelmValue) => (value.kind === 'scalar' && value.chartDefault ? `the chart's default (${value.chartDefault})` : `${value.origin.file}:${value.origin.line}`);
  const candidates: [string[], string][] = [
    [['ingressController', 'customEnv', 'CONTROLLER_INGRESS_CLASS'], 'ingressController.customEnv.CONTROLLER_INGRESS_CLASS'],
    [['ingressController', 'customEnv', 'controller_ingress_class'], 'ingressController.customEnv.controller_ingress_class'],
    [['ingressController', 'env', 'ingress_class'], 'ingressController.env.ingress_class'],
    [['ingressController', 'env', 'INGRESS_CLASS'], 'ingressController.env.INGRESS_CLASS'],
    [['ingressController', 'ingressClass'], 'ingressController.ingressClass'],
  ];
  for (const [path, key] of candidates) {
    const value = values.at(...path);
    if (!value) continue;
    if (value.kind !== 'scalar' || typeof value.value !== 'string' || value.template || value.condition) return undefined;
    return { name: value.value, from: `${values.prefix}${key} at ${where(value)}` };
  }
  return { name: KIC_INGRESS_PATH_FACTS.defaultIngressClass, from: `${values.prefix}ingressController.ingressClass not set: the chart's default` };
}

/** A pod helper of the chart that runs a shell command in the Kong image. */
export interface HelmShellHelper {
  /** The container's name in the rendered pod (`clear-stale-pid`, `wait-for-db`, `wait-for-postgres`). */
  name: string;
  /** The values key that turns it off, with the release's prefix. */
  switchKey: string;
  /** Where that key is written as true; undefined when the chart's default keeps the helper on. */
  origin?: FileOrigin;
}

/** What the values make of the chart's shell helpers (HELM_CHART.shellHelpers). */
export interface HelmShellHelpers {
  /** Helpers that are on and run in the Kong image. */
  helpers: HelmShellHelper[];
  /** `deployment.initContainers.clearStalePid` written as the docs' workaround: a key the chart does not read. */
  misplacedSwitch?: { origin: FileOrigin; key: string; rightKey: string };
  /** The Kong image, when its tag is a distroless one. */
  distrolessImage?: string;
  /** Where to point at when nothing is written: the Kong image, else the first values file. */
  fallbackOrigin: FileOrigin;
}

/**
 * The chart's helpers that run `rm` or `bash` in the Kong image, as the values leave them. A switch
 * a template block decides is not known, so its helper is left out rather than guessed.
 */
export function helmShellHelpers(values: HelmValues): HelmShellHelpers {
  const keys = HELM_CHART.shellHelpers;
  const key = (path: readonly string[]) => `${values.prefix}${path.join('.')}`;
  // Go templates treat false and a missing key (null deletes the default) as off; anything else as on.
  const off = (node: (HelmValue & { kind: 'scalar' }) | undefined) => node !== undefined && (node.value === false || node.value === null);
  const written = (node: (HelmValue & { kind: 'scalar' }) | undefined) => (node && !node.chartDefault ? { origin: node.origin } : {});
  const decided = (node: (HelmValue & { kind: 'scalar' }) | undefined) => node?.condition !== undefined;
  const set = (node: (HelmValue & { kind: 'scalar' }) | undefined) => node !== undefined && node.value !== null && node.value !== '';
  const helpers: HelmShellHelper[] = [];

  const kongOn = values.scalar(...keys.kongEnabled);
  const clearStalePid = values.scalar(...keys.clearStalePid);
  if (!off(kongOn) && !decided(kongOn) && !off(clearStalePid) && !decided(clearStalePid) && !set(values.scalar(...keys.clearStalePidImage))) {
    helpers.push({ name: 'clear-stale-pid', switchKey: key(keys.clearStalePid), ...written(clearStalePid) });
  }
  const waitImage = values.scalar(...keys.waitImage);
  if (!off(waitImage) && !decided(waitImage)) {
    const deployment = helmDeployment(values);
    if (!off(kongOn) && !decided(kongOn) && deployment && deployment.topology !== 'dbless') {
      helpers.push({ name: 'wait-for-db', switchKey: key(keys.waitImage), ...written(waitImage) });
    }
    const postgresql = values.scalar(...keys.postgresql);
    const ownImage = set(values.scalar(...keys.waitImageRepository)) || set(values.scalar(...keys.waitImageUnified));
    if (postgresql?.value === true && !decided(postgresql) && !ownImage) {
      helpers.push({ name: 'wait-for-postgres', switchKey: key(keys.waitImage), ...written(waitImage) });
    }
  }

  const extra = values.at(...keys.extraInitContainers);
  const misplaced = extra?.kind === 'map' ? extra.entries.get('clearStalePid') : undefined;
  const image = helmImage(values);
  const tagged = image && !image.conditional && image.tag?.includes(keys.distrolessTag) ? image.reference : undefined;
  return {
    helpers,
    ...(misplaced ? { misplacedSwitch: { origin: misplaced.origin, key: `${key(keys.extraInitContainers)}.clearStalePid`, rightKey: key(keys.clearStalePid) } } : {}),
    ...(tagged ? { distrolessImage: tagged } : {}),
    fallbackOrigin: image?.origin ?? fileOrigin(values.files[0] ?? '', 1),
  };
}

/**
 * `kong of https://github.com/org/repo` for an Argo CD Application whose source is a git folder
 * (`path:` with no `chart:`) and that was not read as values of Kong's chart; undefined otherwise.
 * `kustomize`: the source has a `kustomize:` block, so Argo CD builds the folder with kustomize.
 */
function argoGitFolder(user: HelmValues): { folder: string; kustomize: boolean } | undefined {
  const apiVersion = user.scalar('apiVersion')?.value;
  if (user.scalar('kind')?.value !== 'Application' || typeof apiVersion !== 'string' || !apiVersion.startsWith('argoproj.io/')) return undefined;
  const folder = user.scalar('spec', 'source', 'path')?.value;
  if (typeof folder !== 'string' || user.scalar('spec', 'source', 'chart')) return undefined;
  const repository = user.scalar('spec', 'source', 'repoURL')?.value;
  return { folder: `${folder}${typeof repository === 'string' ? ` of ${repository}` : ''}`, kustomize: user.at('spec', 'source', 'kustomize')?.kind === 'map' };
}
