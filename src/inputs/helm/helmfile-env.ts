// A helmfile's environment, and the helmfile rendered with it as far as simple actions go. helmfile
// (at helmfile/helmfile@ecf604d529666c75f3ca9ef0aeafe3597c1dbe65) splits its file at `---` lines and
// renders each part with the environment the parts before it loaded (pkg/app/desired_state_file_loader.go
// load, pkg/app/two_pass_renderer.go): the first part sees no values. Each part's `bases:` are read
// first and their `environments:` come before the part's own, their values lists concatenated
// (pkg/state/create.go loadBases, mergeEnvironments). The chosen environment's `values:` entries
// (files, relative to the helmfile's folder, and inline maps) merge in order, later ones winning
// (pkg/state/envvals_loader.go LoadEnvironmentValues), over what earlier parts loaded (create.go
// loadEnvValues). The environment is `--environment`, else HELMFILE_ENVIRONMENT, else `default`
// (cmd/root.go), and one that no part declares stops helmfile unless it is `default`.

import { dirname, isAbsolute, join } from 'node:path';
import { InputError } from '../../errors';
import { isFile } from '../file-kind';
import { blocksDeciding, maskTemplates, restoreTemplates, unknownInBlocks, type HiddenValue } from './helmfile-templates';
import { renderSimpleActions, type EvaluatedAction, type RenderScope } from './helmfile-render';
import { mergeMaps, readText, readYamlDocuments, type HelmValue } from './values';
import { fileOrigin } from '../../model/origin';

type HelmMap = HelmValue & { kind: 'map' };

/** How the check chooses a helmfile's environment, and the variables its templates may read. */
export interface HelmfileContext {
  /** `--helmfile-environment NAME`. */
  environment?: string;
  env?: Readonly<Record<string, string | undefined>>;
}

export interface HelmfileEnvironment {
  name: string;
  /** How the name was chosen (`--helmfile-environment`, HELMFILE_ENVIRONMENT, helmfile's default). */
  chosenBy: string;
  /** The values the release's `.gotmpl` values files see; undefined when they cannot be known. */
  values?: HelmMap;
  /** Where the values came from, in merge order. */
  sources: string[];
  /** Why `.Values` lookups were left unknown, and other things not read. */
  notes: string[];
  /** Whether any part or base declares environments. */
  declared: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

/** The helmfile's text with simple actions evaluated part by part, and the environment read. */
export function renderHelmfileText(file: string, text: string, context: HelmfileContext, evaluated: EvaluatedAction[]): { text: string; environment: HelmfileEnvironment } {
  const env = context.env ?? {};
  const fromEnv = env.HELMFILE_ENVIRONMENT;
  const name = context.environment ?? (fromEnv ? fromEnv : 'default');
  const chosenBy = context.environment !== undefined ? '--helmfile-environment' : fromEnv ? 'HELMFILE_ENVIRONMENT' : 'helmfile\'s default';
  const state: LoadState = { name, env, folder: dirname(file), values: undefined, sources: [], notes: [], found: false, declared: false };
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const rendered: string[] = [];
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && lines[i] !== '---') continue;
    const part = lines.slice(start, i).join('\n');
    rendered.push(renderPart(file, part, start, state, evaluated, true));
    if (state.declared && !state.found && name !== 'default') throw undefinedEnvironment(file, name);
    if (i < lines.length) rendered.push('---');
    start = i + 1;
  }
  if (!state.found && name !== 'default') throw undefinedEnvironment(file, name);
  return {
    text: rendered.join('\n'),
    environment: { name, chosenBy, ...(state.poisoned ? {} : { values: state.values }), sources: state.sources, notes: state.notes, declared: state.declared, env },
  };
}

function undefinedEnvironment(file: string, name: string): InputError {
  // pkg/state/create.go UndefinedEnvError, raised by desired_state_file_loader.go load.
  // Quoted as JSON: the name comes from the command line or HELMFILE_ENVIRONMENT, and a line break in it would break the one-line error.
  return new InputError(`declares no environment ${JSON.stringify(name)} (in environments: or its bases): helmfile stops there (environment ${JSON.stringify(name)} is not defined)`, { file });
}

interface LoadState {
  name: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The helmfile's folder: environment values files and bases resolve against it. */
  folder: string;
  values: HelmMap | undefined;
  /** Why values can no longer be trusted: an entry that was not read may set any key. */
  poisoned?: string;
  sources: string[];
  notes: string[];
  found: boolean;
  declared: boolean;
}

function scope(state: LoadState): RenderScope {
  return { environment: state.name, env: state.env, ...(state.values && !state.poisoned ? { values: state.values } : {}) };
}

/** One `---` part rendered with what earlier parts loaded; its environments then load. */
function renderPart(file: string, part: string, offset: number, state: LoadState, evaluated: EvaluatedAction[], main: boolean): string {
  // Each part is read on its own, its lines counted from where it starts: padding it with the
  // lines before it made a file of many `---` parts quadratic (4,000 short parts once took 25 s).
  const rendered = renderSimpleActions(part, file, scope(state), evaluated, offset);
  const doc = readPart(file, rendered, offset);
  if (!doc) return rendered;
  const specs: HelmValue[] = [];
  const bases = doc.entries.get('bases');
  if (bases?.kind === 'seq' && (bases.nodes ?? []).length > 0) {
    // pkg/state/create.go ParseAndLoad refuses bases inside a base.
    if (!main) throw new InputError('a base helmfile lists bases of its own: helmfile refuses nested bases', bases.origin);
    for (const base of bases.nodes ?? []) {
      if (base.kind !== 'scalar' || typeof base.value !== 'string' || base.template) {
        poison(state, `a base at line ${base.origin.line} is named by a template`);
        continue;
      }
      specs.push(...baseSpecs(base.value, base.origin.file, state, evaluated));
    }
  }
  const own = environmentSpec(doc, state);
  if (own) specs.push(own);
  if (specs.length > 0) loadSpecs(specs, state);
  return rendered;
}

/** A base helmfile's spec of the chosen environment, each of its parts rendered in turn. */
function baseSpecs(path: string, from: string, state: LoadState, evaluated: EvaluatedAction[]): HelmValue[] {
  // A base resolves against the helmfile's folder (desired_state_file_loader.go loadFileWithOverrides).
  const resolved = isAbsolute(path) ? path : join(state.folder, path);
  if (/^[a-z0-9+.-]+::|^[a-z][a-z0-9+.-]*:\/\//i.test(path) || !isFile(resolved)) {
    if (!isFile(resolved) && !/:\/\/|::/.test(path)) throw new InputError(`lists the base ${JSON.stringify(path)}, which is not at ${JSON.stringify(resolved)}: helmfile stops there`, { file: from });
    poison(state, `the base ${path} is remote: not read`);
    return [];
  }
  const lines = readText(resolved, 'helmfile base').replace(/\r\n/g, '\n').split('\n');
  const specs: HelmValue[] = [];
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && lines[i] !== '---') continue;
    // A later part of a base sees the environment its earlier parts loaded: not followed here, so
    // its `.Values` stay unknown once an earlier part declared environments.
    const partScope: LoadState = specs.length > 0 ? { ...state, poisoned: 'an earlier part of the base declared environments' } : state;
    const rendered = renderSimpleActions(lines.slice(start, i).join('\n'), resolved, scope(partScope), evaluated, start);
    const doc = readPart(resolved, rendered, start);
    if (doc?.entries.get('bases')) throw new InputError('a base helmfile lists bases of its own: helmfile refuses nested bases', doc.entries.get('bases')!.origin);
    const spec = doc && environmentSpec(doc, state);
    if (spec) specs.push(spec);
    start = i + 1;
  }
  return specs;
}

/** A part's YAML (`offset` lines into its file) with what is left of its templates set aside; undefined when it does not read. */
function readPart(file: string, rendered: string, offset: number): HelmMap | undefined {
  const masked = maskTemplates(rendered);
  try {
    const documents = readYamlDocuments(file, masked.text, { version: '1.2', linesBefore: offset }).values.map((value) => restoreTemplates(value, masked.templates));
    const doc = documents[0];
    return doc?.kind === 'map' ? doc : undefined;
  } catch {
    // The reader of the whole helmfile says what is wrong with it.
    return undefined;
  }
}

/** The chosen environment's spec in a part, noting that the part declares environments. */
function environmentSpec(doc: HelmMap, state: LoadState): HelmValue | undefined {
  const environments = doc.entries.get('environments');
  if (environments?.kind !== 'map') return undefined;
  state.declared = true;
  const spec = environments.entries.get(state.name);
  if (!spec) return undefined;
  state.found = true;
  return spec;
}

function poison(state: LoadState, why: string): void {
  state.poisoned ??= why;
  state.notes.push(why);
}

/** The values entries of the environment's specs (bases first), merged over what earlier parts loaded. */
function loadSpecs(specs: readonly HelmValue[], state: LoadState): void {
  let handler = 'Error';
  const entries: HelmValue[] = [];
  for (const spec of specs) {
    if (spec.kind !== 'map') continue;
    const missing = spec.entries.get('missingFileHandler');
    if (missing?.kind === 'scalar' && typeof missing.value === 'string') handler = missing.value;
    const strategy = spec.entries.get('mergeStrategy');
    if (strategy?.kind === 'scalar' && strategy.value !== null && strategy.value !== 'override' && strategy.value !== '') poison(state, `environment "${state.name}" merges with mergeStrategy ${String(strategy.value)}: its values were not read`);
    const secrets = spec.entries.get('secrets');
    // Decrypted secrets merge over the values (create.go loadEnvValues): any key may change.
    if (secrets?.kind === 'seq' && secrets.items.length > 0) poison(state, `environment "${state.name}" has secrets, which helmfile decrypts and merges over its values: not read`);
    const values = spec.entries.get('values');
    if (values?.kind === 'seq') entries.push(...(values.nodes ?? []));
  }
  let merged: HelmMap = state.values ?? { kind: 'map', entries: new Map(), origin: fileOrigin(state.folder, 1) };
  for (const entry of entries) {
    if (entry.kind === 'map') {
      merged = mergeMaps(merged, entry, 'keep-nulls');
      state.sources.push(`the inline values at ${entry.origin.file}:${entry.origin.line}`);
      continue;
    }
    if (entry.kind !== 'scalar' || typeof entry.value !== 'string' || entry.template) {
      poison(state, `an environment values entry at ${entry.origin.file}:${entry.origin.line} is written as a template: not read`);
      continue;
    }
    const path = entry.value;
    if (/^[a-z0-9+.-]+::|^[a-z][a-z0-9+.-]*:\/\//i.test(path) || /[*?[]/.test(path) || path.endsWith('.hcl')) {
      poison(state, `the environment values ${path} (remote, a pattern or HCL) were not read`);
      continue;
    }
    // Storage.resolveFile (pkg/state/storage.go) resolves against the helmfile's folder and stops on
    // a missing file unless the environment's missingFileHandler is Warn, Info or Debug.
    const resolved = isAbsolute(path) ? path : join(state.folder, path);
    if (!isFile(resolved)) {
      if (handler === 'Error') throw new InputError(`environment ${JSON.stringify(state.name)} names the values file ${JSON.stringify(path)}, which is not at ${JSON.stringify(resolved)}: helmfile stops there`, entry.origin);
      state.notes.push(`environment values file ${path} is not at ${resolved}: skipped, as missingFileHandler ${handler} does`);
      continue;
    }
    merged = mergeMaps(merged, environmentValuesFile(resolved, state), 'keep-nulls');
    state.sources.push(resolved);
  }
  state.values = merged;
}

/** An environment values file; a `.gotmpl` one rendered with the values loaded before it (envvals_loader.go). */
function environmentValuesFile(file: string, state: LoadState): HelmMap {
  let text = readText(file, 'helmfile environment values file');
  if (file.endsWith('.gotmpl')) text = renderSimpleActions(text, file, scope(state), []);
  const masked = maskTemplates(text);
  const doc = restoreTemplates(readYamlDocuments(file, masked.text, { version: '1.2' }).values[0] ?? { kind: 'map', entries: new Map(), origin: fileOrigin(file, 1) }, masked.templates);
  if (doc.kind !== 'map') throw new InputError('a helmfile environment values file must be a YAML mapping at the top', doc.origin);
  const hidden: HiddenValue[] = [];
  return (masked.branchesAt.size > 0 ? unknownInBlocks(doc, blocksDeciding(masked), hidden) : doc) as HelmMap;
}
