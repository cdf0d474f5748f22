// Reads a helmfile (helmfile.yaml, helmfile.yaml.gotmpl, a file of helmfile.d/) given as
// `--helm-values`: its release of Kong's charts (the one, or the one `FILE#NAME` names) becomes
// the values Helm gets, in helmfile's order (helmfile pkg/state/state.go namespaceAndValuesFlags
// at helmfile/helmfile@ecf604d529666c75f3ca9ef0aeafe3597c1dbe65): each `values:` entry as a
// `--values` file (a path relative to the helmfile, or an inline map), then the decrypted
// `secrets:`, then `set:` as `--set` and `setString:` as `--set-string`. The release's `version:`
// names the chart release whose default images apply. Go templates (`{{ ... }}`) are set aside,
// never evaluated: what they hold, and what a block's condition decides, is said to be unknown.

import { basename, dirname, isAbsolute, join } from 'node:path';
import { InputError } from '../../errors';
import { isFile } from '../file-kind';
import { actionsText, blocksDeciding, branchText, firstDecided, hiddenText, maskTemplates, restoreTemplates, unknownInBlocks, type HiddenValue, type MaskedTemplates, type TemplateBranch } from './helmfile-templates';
import { renderHelmfileText, type HelmfileContext, type HelmfileEnvironment } from './helmfile-env';
import { renderSimpleActions, type EvaluatedAction } from './helmfile-render';
import { KONG_CHART_NAMES, mapAt, mergeMaps, readText, readYamlDocuments, versionText, yamlTextTree, type ChartDeclaration, type HelmValue, type ReadFile } from './values';
import { fileOrigin } from '../../model/origin';

type HelmMap = HelmValue & { kind: 'map' };
type HelmScalar = HelmValue & { kind: 'scalar' };
/** The blocks that decide a line of the helmfile, within the release being read. */
type Deciding = (line: number) => readonly TemplateBranch[] | undefined;

/**
 * Whether a file given as values is a helmfile: a top-level `releases:` list (no chart's values
 * have one), or a helmfile's name with helmfile's other top-level keys.
 */
export function looksLikeHelmfile(file: string, text: string): boolean {
  if (/^releases[ \t]*:/m.test(text)) return true;
  const named = /^helmfile.*\.ya?ml(\.gotmpl)?$/i.test(basename(file)) || basename(dirname(file)) === 'helmfile.d';
  return named && /^(helmfiles|bases|repositories|environments)[ \t]*:/m.test(text);
}

/**
 * The values a helmfile's release of Kong's charts hands the chart, with the release it names.
 * `selected` is the release name given after `#` (`helmfile.yaml#kong-dp`), as helmfile's own
 * `--selector name=kong-dp` picks it (pkg/state/state.go gives each release the label `name`).
 */
export function readHelmfile(file: string, text: string, selected?: string, context: HelmfileContext = {}): Omit<ReadFile, 'file'> {
  const evaluated: EvaluatedAction[] = [];
  const rendered = renderHelmfileText(file, text, context, evaluated);
  const environment = rendered.environment;
  const masked = maskTemplates(rendered.text);
  const hint = masked.templates.length > 0 || masked.actions.length > 0 ? ' (read with its {{ ... }} templates set aside, which helmfile fills in first)' : '';
  // helmfile 1.x reads its own file with go-yaml v3 (YAML 1.2: `off` stays text; pkg/runtime/runtime.go),
  // and merges the `---` documents of one file into one state, lists appended (pkg/state/create.go Parse).
  const documents = readYamlDocuments(file, masked.text, { version: '1.2', hint }).values.map((value) => restoreTemplates(value, masked.templates));
  const repositories = new Map<string, string>();
  for (const repository of documents.flatMap((doc) => seqNodes(doc, 'repositories'))) {
    const name = textAt(repository, 'name');
    const url = textAt(repository, 'url');
    if (name && url) repositories.set(name, url);
  }
  const releases = documents.flatMap((doc) => seqNodes(doc, 'releases')).filter((node): node is HelmMap => node.kind === 'map');
  const decidingWithin = (release: HelmMap): Deciding => blocksDeciding(masked, masked.branchesAt.get(release.origin.line));
  const kong = releases
    .map((release) => ({ release, chart: releaseChart(release, repositories) }))
    .filter((entry): entry is { release: HelmMap; chart: ReleaseChart } => entry.chart !== undefined && KONG_CHART_NAMES.includes(entry.chart.name) && !uninstalled(entry.release, decidingWithin(entry.release)));
  const { release, chart } = chooseRelease(kong, releases, selected, file, () => whatItHolds(releases, documents, repositories));
  const deciding = decidingWithin(release);
  const hidden: HiddenValue[] = [];
  const fromHelmfile = evaluated.length;
  const read = releaseValues(release, file, deciding, hidden, { environment, evaluated });
  const notes = [...environmentNotes(environment, evaluated, fromHelmfile, file), ...read.notes, ...templateNotes(read.value, masked, release, deciding, hidden)];
  const condition = textAt(release, 'condition');
  if (condition) notes.push(`its condition ${condition} is not evaluated`);
  const declaration = chartDeclaration(release, chart, deciding);
  const picked = selected !== undefined ? ` (chosen with #${selected})` : '';
  return {
    value: read.value,
    embeddedIn: `helmfile release ${releaseName(release)}${picked} for chart ${chart.name}: ${read.sources.length > 0 ? `its values were read from ${read.sources.join(', ')}` : 'it writes no values'}${notes.map((note) => `; ${note}`).join('')}`,
    chart: declaration,
  };
}

/** The environment a helmfile was read for, and the actions evaluated with it. */
interface Rendering {
  environment: HelmfileEnvironment;
  evaluated: EvaluatedAction[];
}

/**
 * Which environment was read, where its values came from, and each action evaluated with where
 * its value came from (never the value itself: it may be a secret).
 */
function environmentNotes(environment: HelmfileEnvironment, evaluated: readonly EvaluatedAction[], fromHelmfile: number, file: string): string[] {
  if (!environment.declared && evaluated.length === 0 && environment.chosenBy === 'helmfile\'s default') return [];
  const notes = [`read for helmfile environment "${environment.name}" (${environment.chosenBy})${environment.sources.length > 0 ? `, whose values were read from ${environment.sources.join(', ')}` : environment.declared ? ', which sets no values' : ''}`];
  notes.push(...environment.notes);
  if (evaluated.length > 0) {
    const shown = evaluated.slice(0, 6).map((e) => `\`${e.action}\` at ${e.file}:${e.line} (${e.from})`);
    notes.push(`template actions evaluated: ${shown.join(', ')}${evaluated.length > 6 ? `, and ${evaluated.length - 6} more` : ''}`);
  }
  // helmfile 1.x renders a helmfile only when its name ends in .gotmpl, or with HELMFILE_RENDER_YAML=true
  // (pkg/app/desired_state_file_loader.go load); 0.x rendered every helmfile.
  if (fromHelmfile > 0 && !file.endsWith('.gotmpl') && environment.env.HELMFILE_RENDER_YAML !== 'true') notes.push(`${file} was rendered as helmfile 0.x renders it; helmfile 1.x renders it only as ${file}.gotmpl or with HELMFILE_RENDER_YAML=true`);
  return notes;
}

type KongRelease = { release: HelmMap; chart: ReleaseChart };

/**
 * The release to read: the one named after `#`, or the only one of Kong's charts. Several
 * without a name are refused with their names, and how to pick one.
 */
function chooseRelease(kong: readonly KongRelease[], releases: readonly HelmMap[], selected: string | undefined, file: string, holds: () => string): KongRelease {
  const names = () => kong.map(({ release }) => `#${releaseNameText(release) ?? ''}`).join(', ');
  if (selected !== undefined) {
    // `#kong-system/kong`: a hybrid helmfile often installs a release of one name in two namespaces.
    const { namespace, name } = splitReleaseSelector(selected);
    const picks = (release: HelmMap) => releaseNameText(release) === name && (namespace === undefined || scalarValueText(release, 'namespace') === namespace);
    const named = kong.filter(({ release }) => picks(release));
    if (named.length === 1) return named[0];
    if (named.length > 1) {
      const spaces = named.map(({ release }) => scalarValueText(release, 'namespace'));
      const apart = namespace === undefined && spaces.every((space) => space !== undefined) && new Set(spaces).size === spaces.length;
      const how = apart ? `: add the namespace, as ${spaces.map((space) => `#${space}/${name}`).join(' or ')}` : '';
      throw new InputError(`holds ${named.length} releases of Kong's charts named "${name}" (at lines ${named.map(({ release }) => release.origin.line).join(', ')}): #${selected} cannot tell them apart${how}`, { file });
    }
    const other = releases.find((release) => picks(release));
    const why = other ? `release "${selected}" at line ${other.origin.line} is not an installed release of Kong's charts (kong, ingress)` : `no release is named "${name}"${namespace !== undefined ? ` in namespace "${namespace}"` : ''}`;
    throw new InputError(`${why}${kong.length > 0 ? `: its releases of Kong's charts are ${names()}` : holds()}`, { file });
  }
  if (kong.length === 0) throw new InputError(`is a helmfile with no release of Kong's charts (kong, ingress)${holds()}`, { file });
  if (kong.length > 1) {
    const named = kong.map(({ release }) => `release ${releaseName(release)} at line ${release.origin.line}`).join('; ');
    throw new InputError(`holds ${kong.length} releases of Kong's charts (${named}): pick one by its name, as --helm-values ${file}#NAME (${names()})`, { file });
  }
  return kong[0];
}

interface ReleaseChart {
  /** The chart's name (`kong`), the last part of what `chart:` writes. */
  name: string;
  /** The chart repository's URL when `repositories:` declares it, else its name as written. */
  repository?: string;
  node: HelmScalar;
}

/**
 * The chart a release installs: `repo/name` (the repository declared in `repositories:`), an
 * `oci://` reference, or a local chart folder. A templated chart cannot be read.
 */
function releaseChart(release: HelmMap, repositories: ReadonlyMap<string, string>): ReleaseChart | undefined {
  const node = release.entries.get('chart');
  if (node?.kind !== 'scalar' || typeof node.value !== 'string' || node.template) return undefined;
  const written = node.value.replace(/\/+$/, '');
  if (/^oci:\/\//i.test(written) || /^\.{0,2}\//.test(written)) {
    const name = written.slice(written.lastIndexOf('/') + 1);
    return { name, ...(written.startsWith('oci:') ? { repository: written.slice(0, written.lastIndexOf('/')) } : {}), node };
  }
  const slash = written.indexOf('/');
  if (slash < 0) return { name: written, node };
  const repository = written.slice(0, slash);
  return { name: written.slice(slash + 1), repository: repositories.get(repository) ?? repository, node };
}

/**
 * `installed: false`: helmfile uninstalls the release rather than installs it. Written inside a
 * block (`deciding`), the condition decides: the release is then read as installed.
 */
function uninstalled(release: HelmMap, deciding?: Deciding): boolean {
  const installed = release.entries.get('installed');
  return installed?.kind === 'scalar' && (installed.value === false || installed.value === 'false') && !deciding?.(installed.origin.line);
}

function releaseNameText(release: HelmMap): string | undefined {
  return scalarValueText(release, 'name');
}

function scalarValueText(map: HelmMap, key: string): string | undefined {
  const node = map.entries.get(key);
  return node?.kind === 'scalar' && node.value !== null ? String(node.value) : undefined;
}

/**
 * `NAME` or `NAMESPACE/NAME` after the `#`. Neither a release name nor a namespace can hold a
 * `/` (Helm and Kubernetes names are DNS labels), so the first one splits them.
 */
export function splitReleaseSelector(selected: string): { namespace?: string; name: string } {
  const slash = selected.indexOf('/');
  return slash < 0 ? { name: selected } : { namespace: selected.slice(0, slash), name: selected.slice(slash + 1) };
}

function releaseName(release: HelmMap): string {
  const name = releaseNameText(release);
  return name !== undefined ? `"${name}"` : '(unnamed)';
}

/** What a helmfile without a Kong release holds instead, for its error. */
function whatItHolds(releases: readonly HelmMap[], documents: readonly HelmValue[], repositories: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  const charts = releases.map((release) => {
    const chart = release.entries.get('chart');
    return chart?.kind === 'scalar' && chart.value !== null ? String(chart.value) : undefined;
  }).filter((chart): chart is string => chart !== undefined);
  const kongUninstalled = releases.filter((release) => uninstalled(release) && KONG_CHART_NAMES.includes(releaseChart(release, repositories)?.name ?? ''));
  if (kongUninstalled.length > 0) parts.push(`${kongUninstalled.map(releaseName).join(', ')} ${kongUninstalled.length === 1 ? 'is' : 'are'} installed: false`);
  else if (charts.length > 0) parts.push(`its releases install ${charts.slice(0, 5).join(', ')}${charts.length > 5 ? ', ...' : ''}`);
  else parts.push('it lists no releases');
  const nested = documents.flatMap((doc) => seqNodes(doc, 'helmfiles')).map((entry) => (entry.kind === 'scalar' ? String(entry.value) : textAt(entry, 'path'))).filter(Boolean);
  if (nested.length > 0) parts.push(`the helmfiles it names (${nested.join(', ')}) are not followed: give the one that installs Kong`);
  return `: ${parts.join('; ')}`;
}

/** The release of the chart, from `version:` (helmfile installs the newest without one). */
function chartDeclaration(release: HelmMap, chart: ReleaseChart, deciding: Deciding): ChartDeclaration {
  const version = release.entries.get('version');
  const written = version?.kind === 'scalar' && version.value !== null ? version : undefined;
  const decided = written ? deciding(written.origin.line) : undefined;
  const via = !written ? 'helmfile release, without a version (helmfile installs the newest)'
    : written.template ? `helmfile release version, written as a template (${written.source.trim()})`
      : decided ? `helmfile release version ${written.source.trim()}, written under ${branchText(decided)}, which decides it` : 'helmfile release version';
  return {
    chart: chart.name,
    ...(written && !written.template && !decided ? { version: versionText(written) } : {}),
    origin: (written ?? chart.node).origin,
    via,
    ...(chart.repository ? { repository: chart.repository } : {}),
  };
}

/**
 * The release's values merged in helmfile's order: `values:` entries, then `set:` and
 * `setString:` (Helm merges `--set` over every values file), a `set:` entry's `file:` read as
 * `--set-file` (setFileEntry). Secrets and the templated forms are named as not read.
 */
function releaseValues(release: HelmMap, file: string, deciding: Deciding, hidden: HiddenValue[], rendering: Rendering): { value: HelmMap; sources: string[]; notes: string[] } {
  let merged: HelmMap = { kind: 'map', entries: new Map(), origin: release.origin };
  const sources: string[] = [];
  const notes: string[] = [];
  const missingHandler = textAt(release, 'missingFileHandler') ?? 'Error';
  for (const entry of seqNodes(release, 'values')) {
    if (entry.kind === 'map') {
      // Keys written inside a block become unknowns; the rest of the map is read as written.
      merged = mergeMaps(merged, unknownInBlocks(entry, deciding, hidden) as HelmMap, 'keep-nulls');
      sources.push(`the inline values at line ${entry.origin.line}`);
      continue;
    }
    if (entry.kind !== 'scalar' || typeof entry.value !== 'string') continue;
    const path = entry.value;
    if (entry.template) {
      notes.push(`its values file ${path} (line ${entry.origin.line}) is named by a template: not read`);
      continue;
    }
    if (/^[a-z0-9+.-]+::|^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
      notes.push(`its values file ${path} is remote: not read`);
      continue;
    }
    // helmfile resolves a values path against the helmfile's folder (pkg/state/storage.go normalizePath).
    const resolved = isAbsolute(path) ? path : join(dirname(file), path);
    const decided = deciding(entry.origin.line);
    if (!isFile(resolved)) {
      // A file named inside a block is passed only when its condition holds: nothing to stop on here.
      if (decided) notes.push(`its values file ${path} (line ${entry.origin.line}), named under ${branchText(decided)}, is not at ${resolved}: not read`);
      // helmfile stops on a missing values file unless missingFileHandler says otherwise.
      else if (missingHandler === 'Error') throw new InputError(`release ${releaseName(release)} names the values file ${path}, which is not at ${resolved}: helmfile stops there`, entry.origin);
      else notes.push(`its values file ${path} is not at ${resolved}: skipped, as missingFileHandler ${missingHandler} does`);
      continue;
    }
    const values = valuesFileTree(resolved, notes, hidden, release, rendering);
    if (values.kind !== 'map') throw new InputError('a Helm values file must be a YAML mapping at the top', { file: resolved, line: values.origin.line, column: values.origin.column });
    if (decided) {
      // Whether helmfile passes the file at all is the block's to decide: each value it writes is unknown.
      merged = mergeMaps(merged, unknownInBlocks(values, deciding, hidden, '', decided) as HelmMap, 'keep-nulls');
      notes.push(`its values file ${path} (line ${entry.origin.line}) is named under ${branchText(decided)}: the values it writes were left unknown`);
      continue;
    }
    merged = mergeMaps(merged, values, 'keep-nulls');
    sources.push(resolved);
  }
  const unread = (key: string, why: string) => {
    const entries = seqNodes(release, key);
    if (entries.length > 0) notes.push(`its ${key} (${entries.map((e) => (e.kind === 'scalar' ? String(e.value) : `line ${e.origin.line}`)).join(', ')}) ${why}`);
  };
  unread('secrets', 'are not read (helmfile decrypts them and merges them over the values)');
  unread('valuesTemplate', 'are not read (templates)');
  unread('setTemplate', 'are not read (templates)');
  const set = applySets(merged, release, file, deciding, hidden);
  if (set.applied > 0) sources.push(`${set.applied} set entr${set.applied === 1 ? 'y' : 'ies'}, applied over them as --set`);
  return { value: set.value, sources, notes: [...notes, ...set.notes] };
}

/** A values file a release names; a `.gotmpl` one is a template helmfile renders first. */
function valuesFileTree(file: string, notes: string[], hidden: HiddenValue[], release: HelmMap, rendering: Rendering): HelmValue {
  const text = readText(file, 'Helm values file');
  // helmfile renders only `.gotmpl` values files (pkg/tmpl/file_renderer.go RenderToBytes); Helm
  // reads the rest as they are.
  if (!file.endsWith('.gotmpl')) return yamlTextTree(text, file);
  // With the release's template data: the environment's final values and the release's name and
  // namespace (pkg/state/state.go RenderReleaseValuesFileToBytes, state_exec_tmpl.go createReleaseTemplateData).
  const { environment } = rendering;
  const name = scalarValueText(release, 'name');
  const namespace = scalarValueText(release, 'namespace');
  const scope = { environment: environment.name, env: environment.env, ...(environment.values ? { values: environment.values } : {}), release: { ...(name !== undefined ? { name } : {}), ...(namespace !== undefined ? { namespace } : {}) } };
  const masked = maskTemplates(renderSimpleActions(text, file, scope, rendering.evaluated));
  const tree = restoreTemplates(yamlTextTree(masked.text, file, masked.templates.length > 0 ? ' (read with its {{ ... }} templates set aside)' : ''), masked.templates);
  if (masked.actions.length > 0) notes.push(`${file} holds template actions helmfile evaluates (${actionsText(masked.actions)}): the lines outside their blocks were read as written`);
  if (masked.joined.length > 0) notes.push(joinedNote(masked, file));
  return masked.branchesAt.size > 0 ? unknownInBlocks(tree, blocksDeciding(masked), hidden) : tree;
}

/**
 * `set:` (as `--set`) then `setString:` (as `--set-string`), each entry's `value`, else `file`,
 * else `values` list (helmfile pkg/state/state.go setFlags, setStringFlags). helmfile passes
 * nothing for an empty value; a `set:` entry's `file` becomes `--set-file`, whose file Helm
 * reads as text and applies after every --set and --set-string (setFileEntry); `setString:`
 * passes no `file` at all. An entry written inside a block sets an unknown: the block decides
 * whether helmfile passes it.
 */
function applySets(values: HelmMap, release: HelmMap, file: string, deciding: Deciding, hidden: HiddenValue[]): { value: HelmMap; applied: number; notes: string[] } {
  const entries = [...seqNodes(release, 'set').map((node) => ({ node, forceString: false })), ...seqNodes(release, 'setString').map((node) => ({ node, forceString: true }))];
  if (entries.length === 0) return { value: values, applied: 0, notes: [] };
  // Helm's --set reading is needed only for releases that have set entries.
  const { setLiteral, setNamePath } = require('./helm-set') as typeof import('./helm-set');
  let merged = values;
  let applied = 0;
  const skipped: string[] = [];
  const notes: string[] = [];
  const fromFiles: { node: HelmValue; path: string[]; leaf: HelmValue }[] = [];
  for (const { node, forceString } of entries) {
    const name = textAt(node, 'name');
    const path = name !== undefined && !name.includes('{{') ? setNamePath(name) : undefined;
    if (!path) {
      skipped.push(name ?? `line ${node.origin.line}`);
      continue;
    }
    const value = mapAt(node, 'value');
    const list = mapAt(node, 'values');
    const named = mapAt(node, 'file');
    let leaf: HelmValue | undefined;
    let viaFile = false;
    if (value?.kind === 'scalar' && value.value !== null && (typeof value.value === 'string' ? value.value : value.source.trim()) !== '') {
      // helmfile reads `value` as text (`2`, `true` as written); Helm then types it.
      const raw = typeof value.value === 'string' ? value.value : value.source.trim();
      leaf = value.template ? { ...value, value: raw } : { kind: 'scalar', value: setLiteral(raw, forceString), source: raw, origin: value.origin };
    } else if (named?.kind === 'scalar' && named.value !== null && String(named.value) !== '') {
      if (forceString) {
        notes.push(`its setString entry ${name} (line ${node.origin.line}) names a file, which helmfile does not pass for setString: not applied`);
        continue;
      }
      const read = setFileEntry(named, name!, release, file, notes);
      if (!read) continue;
      leaf = read;
      viaFile = true;
    } else if (list?.kind === 'seq' && list.items.length > 0) {
      const items = (list.nodes ?? []).map((item) => (item.kind === 'scalar' ? setLiteral(item.value === null ? '' : typeof item.value === 'string' ? item.value : item.source.trim(), forceString) : JSON.stringify(item)));
      leaf = { kind: 'seq', items, origin: list.origin };
    } else continue;
    const decided = firstDecided(node, deciding);
    if (decided) leaf = unknownInBlocks(leaf, deciding, hidden, `set ${name}`, decided);
    // Helm applies --set-file after every --set and --set-string (pkg/cli/values/options.go).
    if (viaFile) fromFiles.push({ node, path, leaf });
    else {
      merged = mergeMaps(merged, setTree(path, leaf, node.origin), 'keep-nulls');
      applied++;
    }
  }
  for (const { node, path, leaf } of fromFiles) {
    merged = mergeMaps(merged, setTree(path, leaf, node.origin), 'keep-nulls');
    applied++;
  }
  if (skipped.length > 0) notes.push(`set entries not read (list indexes or templated names): ${skipped.join(', ')}`);
  return { value: merged, applied, notes };
}

/** A values tree holding `leaf` at the keys of a set entry's name. */
function setTree(path: readonly string[], leaf: HelmValue, origin: HelmValue['origin']): HelmMap {
  let tree: HelmValue = leaf;
  for (let i = path.length - 1; i >= 0; i--) tree = { kind: 'map', entries: new Map([[path[i], tree]]), origin };
  return tree as HelmMap;
}

/**
 * The value of a `set:` entry's `file:`: helmfile passes it as `--set-file NAME=PATH`, the path
 * resolved against the helmfile's folder (pkg/state/state.go setFlags, storage.go
 * normalizeSetFilePath), and Helm sets NAME to the file's text, untyped (pkg/cli/values/options.go
 * readFile). A missing file stops helm: an InputError at the entry's line. A template or a remote
 * path is named, not read.
 */
function setFileEntry(named: HelmValue & { kind: 'scalar' }, name: string, release: HelmMap, file: string, notes: string[]): HelmValue | undefined {
  const path = String(named.value);
  if (named.template) {
    notes.push(`its set entry ${name} reads a file named by a template (line ${named.origin.line}): not read`);
    return undefined;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    notes.push(`its set entry ${name} reads the remote file ${path}: not read`);
    return undefined;
  }
  const resolved = isAbsolute(path) ? path : join(dirname(file), path);
  if (!isFile(resolved)) throw new InputError(`release ${releaseName(release)} sets ${name} from the file ${path}, which is not at ${resolved}: helm stops there (--set-file)`, named.origin);
  const text = readText(resolved, `file for --set-file ${name}`);
  return { kind: 'scalar', value: text, source: text, origin: fileOrigin(resolved, 1), setFile: named.origin };
}

/**
 * Notes on what templates hide: each templated value, the template actions set aside, and the
 * values left unknown because a block's condition decides them.
 */
function templateNotes(values: HelmValue, masked: MaskedTemplates, release: HelmMap, deciding: Deciding, hidden: readonly HiddenValue[]): string[] {
  const templated: string[] = [];
  const walk = (node: HelmValue, path: string) => {
    if (node.kind === 'map') for (const [key, child] of node.entries) walk(child, path ? `${path}.${key}` : key);
    else if (node.kind === 'seq') node.nodes?.forEach((child, index) => walk(child, `${path}[${index}]`));
    // A value a block decides is named with its block below.
    else if (node.template && !node.condition) templated.push(`${path} (\`${String(node.value)}\` at ${node.origin.file}:${node.origin.line})`);
  };
  walk(values, '');
  const notes: string[] = [];
  if (templated.length > 0) notes.push(`written as templates helmfile fills in, so not read here: ${templated.slice(0, 5).join(', ')}${templated.length > 5 ? `, and ${templated.length - 5} more` : ''}`);
  const around = masked.branchesAt.get(release.origin.line);
  if (around) notes.push(`the release itself is written under ${branchText(around)}: read as if helmfile renders it`);
  const installed = release.entries.get('installed');
  if (installed && deciding(installed.origin.line)) notes.push(`its installed: ${installed.kind === 'scalar' ? installed.source.trim() : '...'} (line ${installed.origin.line}) is under ${branchText(deciding(installed.origin.line)!)}: read as installed`);
  if (masked.actions.length > 0) notes.push(`template actions helmfile evaluates were set aside (${actionsText(masked.actions)}): the lines outside their blocks were read as written`);
  if (hidden.length > 0) notes.push(`left out because a template condition decides them (unknown here: neither read nor checked): ${hiddenText(hidden)}`);
  if (masked.joined.length > 0) notes.push(joinedNote(masked, release.origin.file));
  return notes;
}

/** Lines a ` -}}` trim marker pulls onto the line before: their YAML may nest differently once rendered. */
function joinedNote(masked: MaskedTemplates, file: string): string {
  return `in ${file}, a -}} trim marker joins line${masked.joined.length === 1 ? '' : 's'} ${masked.joined.join(', ')} onto the line before when helmfile renders it: read on ${masked.joined.length === 1 ? 'its' : 'their'} own line`;
}

/** A scalar entry as text; undefined when absent, null, templated or not a scalar. */
function textAt(value: HelmValue | undefined, key: string): string | undefined {
  const node = mapAt(value, key);
  return node?.kind === 'scalar' && node.value !== null && !node.template ? String(node.value) : undefined;
}

function seqNodes(value: HelmValue | undefined, key: string): HelmValue[] {
  const node = mapAt(value, key);
  return node?.kind === 'seq' ? node.nodes ?? [] : [];
}
