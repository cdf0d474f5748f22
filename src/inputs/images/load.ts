// Finds the Kong images an installation is built from: Dockerfiles (./dockerfile.ts: `FROM` lines,
// and the last stage's `ENV` and Kong packages), and `image:` values of compose files (with
// `${VAR:-default}` substituted as docker compose does), Kubernetes manifests and Helm values
// (`image: {repository, tag}`). Kong Ingress Controller images are kept apart (./controller-image.ts);
// other images are ignored.

import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Node as YamlNode } from 'yaml';

// The yaml package (~15 ms to load) is required only when an image file is YAML.
const yamlModule = (): typeof import('yaml') => require('yaml') as typeof import('yaml');
import { InputError } from '../../errors';
import { withTemplateHint } from '../template-hint';
import { fsErrorReason } from '../fs-error';
import { nulByteError } from '../../text/encoding';
import { onSameLine, type FileOrigin } from '../../model/origin';
import { yamlOriginAt } from '../../text/yaml-origin';
import { TextLines } from '../../text/line-index';
import type { ComposeDocument, ContainerEnv, ContainerEnvRead } from './container-env';
import type { DockerfileEnv, DockerfileRead, TemplateStep } from './dockerfile';
import type { ImageRun } from './run-conf';
import type { DockerfileCopy } from './dockerfile-copies';
import type { LuarocksMake } from './luarocks-make';
import type { ControllerImageRef } from './controller-image';
import type { ManifestDocument } from '../declarative/manifest-documents';

// Dockerfile reading (with its package facts), container environments and controller images load
// only when an image file (or Helm values naming a controller) is given: most checks have none.
const dockerfileModule = (): typeof import('./dockerfile') => require('./dockerfile') as typeof import('./dockerfile');
// Loaded with the first image file: a check without one does not pay for it at start-up.
const buildContextModule = (): typeof import('./build-context') => require('./build-context') as typeof import('./build-context');
const dockerfileCopiesModule = (): typeof import('./dockerfile-copies') => require('./dockerfile-copies') as typeof import('./dockerfile-copies');
const nestingModule = (): typeof import('../../text/nesting') => require('../../text/nesting') as typeof import('../../text/nesting');
const containerEnvModule = (): typeof import('./container-env') => require('./container-env') as typeof import('./container-env');
const composeFileEnvModule = (): typeof import('./compose-file-env') => require('./compose-file-env') as typeof import('./compose-file-env');
const composeVariablesModule = (): typeof import('./compose-variables') => require('./compose-variables') as typeof import('./compose-variables');
const manifestIngressesModule = (): typeof import('./manifest-ingresses') => require('./manifest-ingresses') as typeof import('./manifest-ingresses');
const ecsModule = (): typeof import('./ecs-task-definition') => require('./ecs-task-definition') as typeof import('./ecs-task-definition');
export const controllerModule = (): typeof import('./controller-image') => require('./controller-image') as typeof import('./controller-image');
import { parseKongImage, readImageReference, type KongImageRef, type UnresolvedImage } from './image-ref';
import { interpolate } from './interpolate';
import { attachUsers } from './image-users';
import { attachKongTreeMounts } from './kong-tree-mounts';
import { isFile } from '../file-kind';
import type { KongPackageRef } from './kong-package';
import type { ComposeEnvFiles } from './compose-env-files';
import type { EnvFileProvenance } from './compose-variables';
import type { VariableLookup } from './interpolate';

const MAX_BYTES = 5 * 1024 * 1024;

export type { UnresolvedImage } from './image-ref';

export interface ImageFiles {
  images: KongImageRef[];
  /** References that could not be read because a variable has no value or default here. */
  unresolved: UnresolvedImage[];
  /** The ENV of each Dockerfile's last stage, files in the order given. */
  dockerfileEnv: DockerfileEnv[];
  /** Kong installed from a package in a Dockerfile step. */
  packages: KongPackageRef[];
  /** Kong Ingress Controller images of compose files, manifests and Helm values (not the gateway). */
  controllers: ControllerImageRef[];
  /** The containers of compose files and manifests, with their environment, and the ConfigMaps beside them. */
  containerEnv: ContainerEnvRead;
  /** Several compose files given together, in order: merged as one project (`docker compose -f a -f b`). */
  composeMerged?: string[];
  /** A default-named compose file given without the override file docker compose reads beside it. */
  unreadOverrides?: UnreadOverride[];
  /** The files read, in order: those given, with the members of COMPOSE_FILE added (`composeFileAdded`). */
  files: string[];
  /** Files read though not given: COMPOSE_FILE of the check's environment lists them with a file given. */
  composeFileAdded?: string[];
  /** The env files given whose COMPOSE_FILE that is, when the check's environment sets none. */
  composeFileIn?: string;
  /** Members of that COMPOSE_FILE that do not exist (docker compose would refuse to start). */
  composeFileMissing?: string[];
  /** The compose project's `.env` (beside the first compose file) and its values, when it has one. */
  projectEnv?: { file: string; values: ReadonlyMap<string, string> };
  /** Values of the check's environment a compose file may copy, whose names say they are secrets: hidden in the report. */
  secretValues?: string[];
  /** Dockerfiles not given that a compose service builds its Kong image from, read as if given (also listed in `files`). */
  builtDockerfiles?: { file: string; unit: string; composeFile: string }[];
  /** Each Dockerfile's last stage's COPY and ADD steps, with the build context they copy from. */
  dockerfileCopies: DockerfileCopies[];
  /** The Kubernetes objects of each manifest (not compose file), for the Ingresses among them. */
  manifests?: { file: string; documents: ManifestDocument[] }[];
}

/** The files a Dockerfile's running stage copies in, and from where (./dockerfile-copies.ts). */
export interface DockerfileCopies {
  file: string;
  /** The build context as the report shows it: the Dockerfile's folder, or a compose `build:` context. */
  context: string;
  /** The compose service whose `build:` gives the context, when one does. */
  contextFrom?: { unit: string; composeFile: string };
  /** Set when the context is a folder above the Dockerfile's: the COPY source that names the Dockerfile's folder from it. */
  contextInferred?: string;
  copies: DockerfileCopy[];
  /** The running stage's `luarocks make` steps (./luarocks-make.ts). */
  luarocksMakes: LuarocksMake[];
  /** Its CMD and ENTRYPOINT -c apart, and its WORKDIR, for a compose service that replaces them. */
  run: ImageRun;
  /** The Kong image its last stage is built on, when it is one of Kong's. */
  base?: KongImageRef;
  /** Its steps that may change Kong's templates without a copy read here (./dockerfile.ts). */
  templateSteps: TemplateStep[];
}

export interface ImageFileOptions {
  /**
   * The check's environment: COMPOSE_FILE and COMPOSE_PATH_SEPARATOR, as docker compose reads
   * them, and the values of `${NAME}` in compose files, over the project's `.env`.
   */
  env?: Record<string, string | undefined>;
  /** The folder COMPOSE_FILE's relative paths start from (the check's working folder). */
  cwd?: string;
  /** `--compose-env-file` (docker compose --env-file) or COMPOSE_ENV_FILES: read in place of every project `.env` (./compose-env-files.ts). */
  envFiles?: ComposeEnvFiles;
}

export interface UnreadOverride {
  /** The compose file given (`compose.yaml`). */
  file: string;
  /** The override file beside it that docker compose reads when given no -f (`compose.override.yaml`). */
  override: string;
  /** The `.env` beside the file (or the env files given) whose COMPOSE_FILE lists `override` with it (then no default override is looked for). */
  listedIn?: string;
}

/**
 * The names docker compose looks for when given neither -f nor COMPOSE_FILE, in its order: the
 * first base file found, then the first override file found beside it (compose-go cli/options.go
 * `DefaultFileNames`, `DefaultOverrideFileNames`, `WithDefaultConfigPath`).
 */
const COMPOSE_DEFAULT_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
const COMPOSE_OVERRIDE_NAMES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];

export function loadImageFiles(files: readonly string[]): KongImageRef[] {
  return readImageFiles(files).images;
}

export function readImageFiles(given: readonly string[], options: ImageFileOptions = {}): ImageFiles {
  const env = options.env ?? {};
  const cwd = options.cwd ?? process.cwd();
  const envFiles = options.envFiles ? readEnvFiles(options.envFiles, env) : undefined;
  // Every compose document of a folder, and the look for unread overrides, ask for the same .env:
  // it is read and parsed once per path.
  const dotEnvReads = new Map<string, DotEnvRead>();
  const projectDotEnv = (path: string): DotEnvRead => {
    if (envFiles) return envFiles;
    let read = dotEnvReads.get(path);
    if (!read) dotEnvReads.set(path, (read = dotEnvDisabled(env) ? { values: new Map(), secretValues: [] } : readDotEnv(path, env)));
    return read;
  };
  // COMPOSE_FILE of the check's environment, else of the env files given, that lists a file given
  // names the whole project (compose-go WithDotEnv runs before WithConfigFileEnv).
  const listedIn = env.COMPOSE_FILE === undefined && envFiles?.values.has('COMPOSE_FILE') ? envFiles.label : undefined;
  const listed = composeFileEnvModule().composeFileList({ get: (name) => env[name] ?? envFiles?.values.get(name) }, cwd);
  const project = listed ? composeFileEnvModule().withComposeFileMembers(given, listed.filter((member) => isFile(member) || given.some((file) => resolve(cwd, file) === member)), cwd) : undefined;
  const files = project?.files ?? [...given];
  const result: ImageFiles = { images: [], unresolved: [], dockerfileEnv: [], packages: [], controllers: [], containerEnv: { containers: [], configMaps: [] }, files, dockerfileCopies: [] };
  if (project && project.added.length > 0) result.composeFileAdded = project.added;
  if (project && listedIn) result.composeFileIn = listedIn;
  const missing = project ? listed!.filter((member) => !isFile(member) && !given.some((file) => resolve(cwd, file) === member)) : [];
  if (missing.length > 0) result.composeFileMissing = missing;
  const compose: ComposeProject = { documents: [] };
  for (const file of files) {
    const text = readText(file);
    if (looksLikeDockerfile(file, text)) {
      const read = dockerfileModule().readDockerfile(file, text);
      result.images.push(...read.images);
      result.unresolved.push(...read.unresolved);
      result.dockerfileEnv.push(...read.env);
      result.packages.push(...read.packages);
      // Without a compose `build:` naming it, the context is the Dockerfile's folder, as `docker build -f FILE DIR` is mostly run with DIR beside it,
      // unless its COPY sources name that folder from a root above it (./build-context.ts).
      const inferred = buildContextModule().inferBuildContext(file, read.copies, dockerfileCopiesModule().kindOnDisk(cwd), cwd);
      result.dockerfileCopies.push({ file, context: inferred?.context ?? dirname(file), ...(inferred ? { contextInferred: inferred.evidence } : {}), copies: read.copies, run: read.run, luarocksMakes: read.luarocksMakes, ...builtOn(read) });
    } else {
      nestingModule().refusingDeepNesting({ file }, () => yamlImages(file, text, result, compose, env, projectDotEnv));
    }
  }
  // The compose files given together are one project, merged as `docker compose -f a -f b` does.
  if (compose.documents.length > 0) {
    const services = nestingModule().refusingDeepNesting({ file: compose.documents[0].file }, () => containerEnvModule().composeProjectContainers(compose.documents, { known: compose.known ?? new Map(), projectDir: dirname(compose.documents[0].file) }));
    result.containerEnv.containers.push(...services);
    // An image a later file replaces is never run: it speaks for no version.
    const replaced = services.flatMap((service) => service.replacedImages ?? []);
    const isReplaced = (origin: FileOrigin) => replaced.some((r) => onSameLine(r, origin));
    result.images = result.images.filter((image) => !isReplaced(image.origin));
    result.controllers = result.controllers.filter((controller) => !isReplaced(controller.origin));
    const files = [...new Set(compose.documents.map((document) => document.file))];
    // A service that takes its image from `extends: {file}` of a file not given runs that image.
    for (const service of services) {
      if (!service.kongImage || service.image === undefined || !service.imageOrigin || files.includes(service.imageOrigin.file)) continue;
      if (result.images.some((image) => onSameLine(image.origin, service.imageOrigin!))) continue;
      const ref = parseKongImage(service.image, service.imageOrigin, 'compose');
      if (ref) result.images.push(ref);
    }
    readBuiltDockerfiles(services, result);
    if (files.length > 1) result.composeMerged = files;
    if (compose.dotEnv && compose.dotEnv.size > 0) result.projectEnv = { file: envFiles?.label ?? join(dirname(compose.documents[0].file), '.env'), values: compose.dotEnv };
    if (compose.secretValues && compose.secretValues.length > 0) result.secretValues = compose.secretValues;
    const unread = unreadOverrides(files, project ? listed! : [], env, projectDotEnv, envFiles?.label);
    if (unread.length > 0) result.unreadOverrides = unread;
  }
  // Findings about an image name the services and containers that run it.
  attachUsers(result.images, result.containerEnv.containers);
  attachUsers(result.controllers, result.containerEnv.containers);
  attachKongTreeMounts(result.images, result.containerEnv.containers);
  return result;
}

/**
 * The Dockerfile a compose service without `image:` is built from (`build:`) is the image that
 * service runs: its last stage's FROM gives the Kong version and edition, and its ENV the
 * settings under the service's environment. One given with --image-file is linked to the
 * service; one not given is read from the project when it builds on a Kong image or installs a
 * Kong package (a Dockerfile of another service is left alone), and listed as read unasked.
 */
function readBuiltDockerfiles(services: readonly ContainerEnv[], result: ImageFiles): void {
  for (const service of services) {
    const build = service.buildDockerfile;
    if (!build) continue;
    const path = resolve(build.path);
    const given = result.files.some((file) => resolve(file) === path);
    if (!given) {
      if (!isFile(path)) continue;
      let text: string;
      try {
        text = readText(build.path);
      } catch {
        continue; // unreadable or too large: it was not given, so it is not an input error
      }
      const read = dockerfileModule().readDockerfile(build.path, text);
      if (!read.images.some((image) => !image.buildStage) && !read.packages.some((p) => !p.buildStage)) continue;
      result.images.push(...read.images);
      result.unresolved.push(...read.unresolved);
      result.dockerfileEnv.push(...read.env);
      result.packages.push(...read.packages);
      result.files.push(build.path);
      (result.builtDockerfiles ??= []).push({ file: build.path, unit: service.unit, composeFile: service.file });
      result.dockerfileCopies.push({ file: build.path, context: build.context, contextFrom: { unit: service.unit, composeFile: service.file }, copies: read.copies, run: read.run, luarocksMakes: read.luarocksMakes, ...builtOn(read) });
    } else {
      // A Dockerfile given that this service builds: its context is the one `build:` gives.
      for (const entry of result.dockerfileCopies) {
        if (resolve(entry.file) === path && !entry.contextFrom) {
          Object.assign(entry, { context: build.context, contextFrom: { unit: service.unit, composeFile: service.file } });
          delete entry.contextInferred;
        }
      }
    }
    const running = result.images.find((image) => !image.buildStage && resolve(image.origin.file) === path);
    if (running) {
      service.imageOrigin = running.origin;
      service.kongImage = true;
    }
  }
}

/**
 * Default-named compose files whose folder holds an override file that was not given: docker
 * compose run there without -f reads it over the file, and it is never read here unasked. When
 * the folder's `.env` sets COMPOSE_FILE, docker compose run there reads that list instead and
 * looks for no override file: its members not given are the ones named. A file that the check's
 * own COMPOSE_FILE lists (`projectListed`) was read with that list: nothing is missing.
 */
function unreadOverrides(files: readonly string[], projectListed: readonly string[], env: Record<string, string | undefined>, projectDotEnv: (path: string) => DotEnvRead, envFilesLabel: string | undefined): UnreadOverride[] {
  const given = new Set(files.map((file) => resolve(file)));
  const out: UnreadOverride[] = [];
  for (const file of files) {
    if (!COMPOSE_DEFAULT_NAMES.includes(basename(file)) || projectListed.includes(resolve(file))) continue;
    // Env files given replace the .env there (compose-go WithEnvFiles).
    const dotEnvPath = envFilesLabel ?? join(dirname(file), '.env');
    const dotEnv = projectDotEnv(dotEnvPath).values;
    // The shell's COMPOSE_PATH_SEPARATOR wins over the .env's, as every variable does.
    const fromDotEnv = composeFileEnvModule().composeFileList({ get: (name) => (name === 'COMPOSE_FILE' ? dotEnv.get(name) : env[name] ?? dotEnv.get(name)) }, dirname(resolve(file)));
    if (fromDotEnv) {
      if (!fromDotEnv.includes(resolve(file))) continue;
      for (const member of fromDotEnv) if (!given.has(member) && isFile(member)) out.push({ file, override: member, listedIn: dotEnvPath });
      continue;
    }
    const override = COMPOSE_OVERRIDE_NAMES.map((name) => join(dirname(file), name)).find(isFile);
    if (override && !given.has(resolve(override))) out.push({ file, override });
  }
  return out;
}

function readText(file: string): string {
  try {
    if (statSync(file).size > MAX_BYTES) throw new InputError(`larger than ${MAX_BYTES} bytes: not an image file`, { file });
    const bytes = readFileSync(file);
    const nul = bytes.indexOf(0);
    // A Dockerfile or compose file saved as UTF-16 is full of NUL bytes: name the encoding.
    if (nul >= 0) throw nulByteError(bytes, nul, file, 'holds a NUL byte: not an image file');
    return bytes.toString('utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read image file: ${fsErrorReason(error)}`, { file });
  }
}

function looksLikeDockerfile(file: string, text: string): boolean {
  const name = basename(file).toLowerCase();
  if (/dockerfile|containerfile/.test(name)) return true;
  if (/\.(ya?ml|json)$/.test(name)) return false;
  const first = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l && !l.startsWith('#'));
  return first !== undefined && /^(FROM|ARG)\s/i.test(first);
}

interface ComposeProject {
  documents: ComposeDocument[];
  /** The values of `${NAME}`: the check's environment over the first compose file's `.env` (./compose-variables.ts). */
  known?: VariableLookup;
  /** The first compose file's `.env` alone: docker compose reads the project's from the project folder. */
  dotEnv?: ReadonlyMap<string, string>;
  /** Secret-named values of the check's environment, once a compose file could use them. */
  secretValues?: string[];
}

function yamlImages(file: string, text: string, result: ImageFiles, project: ComposeProject, env: Readonly<Record<string, string | undefined>>, projectDotEnv: (path: string) => DotEnvRead): void {
  nestingModule().refuseDeepYaml(text, file);
  const { LineCounter, isMap, parseAllDocuments } = yamlModule();
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, version: '1.1', uniqueKeys: false, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [docs];
  const at = yamlOriginAt(lineCounter, file);
  // Shared by the file's ConfigMaps and Secrets: its line index is built only when a key is located.
  const lines = new TextLines(text);
  for (const [index, doc] of list.entries()) {
    const error = doc.errors[0];
    if (error) {
      const pos = lineCounter.linePos(error.pos[0]);
      // A manifest of a Helm chart's templates/ folder fails here until rendered (orangesys/charts).
      throw withTemplateHint(new InputError(`not valid YAML: ${nestingModule().yamlErrorLine(error.message)}`, { file, line: pos.line, column: pos.col }), text);
    }
    if (!doc.contents) continue;
    // docker compose substitutes variables from the shell it runs in, then the project's .env
    // file (beside the compose file).
    const compose = isMap(doc.contents) && (doc.contents.has('services') || (!doc.contents.has('kind') && containerEnvModule().composeServices(doc)?.v1 === true));
    const dotEnvRead = compose ? projectDotEnv(join(dirname(file), '.env')) : undefined;
    const dotEnv = dotEnvRead?.values;
    const variables = dotEnv ? composeVariablesModule().composeVariables(env, dotEnv, dotEnvRead!.provenance) : undefined;
    walk(doc.contents as YamlNode, { result, at, known: variables?.known ?? new Map<string, string>(), fromEnvironment: variables?.fromEnvironment, environmentBehind: variables?.environmentBehind, via: compose ? 'compose' : 'manifest' });
    if (variables) {
      project.known ??= variables.known;
      project.dotEnv ??= dotEnv;
      project.secretValues ??= [...variables.secretValues, ...dotEnvRead!.secretValues];
      if (!project.documents.some((document) => document.file === file)) composeDocuments(file, text, project);
    } else if (ecsModule().ecsContainers(doc, at, file, result.containerEnv)) {
      // CloudFormation writes `Image:`, which the walk for `image:` does not see.
      for (const container of result.containerEnv.containers) {
        if (container.platform !== 'ecs' || container.file !== file || !container.image || !container.imageOrigin) continue;
        if (result.images.some((image) => onSameLine(image.origin, container.imageOrigin!))) continue;
        const ref = parseKongImage(container.image, container.imageOrigin, 'manifest');
        if (ref) result.images.push(ref);
      }
    } else {
      containerEnvModule().manifestContainers(doc, at, file, result.containerEnv, lines, index + 1);
      // Kept for the Ingresses the controller serves (./manifest-ingresses.ts), read once every file is.
      const document = manifestIngressesModule().yamlManifestDocument(doc, at, index + 1);
      if (document) {
        const manifest = (result.manifests ??= []).find((m) => m.file === file);
        if (manifest) manifest.documents.push(document);
        else result.manifests.push({ file, documents: [document] });
      }
    }
  }
}

/**
 * The services' environment, read again as docker compose reads YAML (1.2: `off` stays a string,
 * where the image walk above reads 1.1 for manifests and Helm values).
 */
function composeDocuments(file: string, text: string, project: ComposeProject): void {
  const { LineCounter, parseAllDocuments } = yamlModule();
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, version: '1.2', merge: true, uniqueKeys: false, prettyErrors: false });
  const at = yamlOriginAt(lineCounter, file);
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length === 0 && doc.contents) project.documents.push({ doc, at, file });
  }
}

interface Walk {
  result: ImageFiles;
  at: (offset: number) => FileOrigin;
  /** Variable values for `${...}` in `image:` strings (the check's environment over a compose project's .env). */
  known: VariableLookup;
  /** The names of `known` whose values come from the check's environment, for saying so. */
  fromEnvironment?: ReadonlySet<string>;
  /** Names of `known` whose env file values took the check's environment's (`KONG_TAG=${CI_TAG}`), with the names taken. */
  environmentBehind?: ReadonlyMap<string, readonly string[]>;
  /** What the file is, for controller images found in it. */
  via: 'compose' | 'manifest';
}

/** Every `image:` in the tree: a string (compose, manifests) or a `{repository, tag}` map (Helm values). */
function walk(node: YamlNode, walker: Walk): void {
  const { isMap, isScalar } = yamlModule();
  const { result, at } = walker;
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value as YamlNode | null;
      if (!value) continue;
      if (key === 'image' && isScalar(value) && typeof value.value === 'string') {
        const taken = new Set<string>();
        const known: VariableLookup = {
          get: (name) => {
            const found = walker.known.get(name);
            if (found !== undefined && walker.fromEnvironment?.has(name)) taken.add(name);
            if (found !== undefined) for (const behind of walker.environmentBehind?.get(name) ?? []) taken.add(behind);
            return found;
          },
          unknownOf: (name) => walker.known.unknownOf?.(name),
        };
        const reference = interpolate(value.value, { known, escape: 'double-dollar' });
        const origin = at(value.range?.[0] ?? 0);
        const ref = readImageReference(value.value, reference, origin, 'compose', result.unresolved);
        if (ref && taken.size > 0) ref.fromEnvironment = [...taken];
        if (ref) result.images.push(ref);
        const controller = ref ? undefined : controllerModule().parseControllerImage(reference.text, origin, walker.via, reference.unresolved);
        if (controller) result.controllers.push(controller);
        continue;
      }
      if (key === 'image' && isMap(value)) {
        const repository = value.get('repository', true);
        const tag = value.get('tag', true);
        if (isScalar(repository) && typeof repository.value === 'string') {
          const reference = isScalar(tag) && tag.value !== null ? `${repository.value}:${String(tag.value)}` : repository.value;
          const anchorNode = isScalar(tag) ? tag : repository;
          const ref = parseKongImage(reference, at(anchorNode.range?.[0] ?? 0), 'helm-values');
          if (ref) result.images.push(ref);
          const controller = ref ? undefined : controllerModule().parseControllerImage(reference, at(anchorNode.range?.[0] ?? 0), 'helm-values');
          const semver = value.get('effectiveSemver', true);
          if (controller) result.controllers.push(controllerModule().withEffectiveSemver(controller, isScalar(semver) && semver.value !== null ? String(semver.value) : undefined));
          continue;
        }
      }
      walk(value, walker);
    }
  } else if (node && 'items' in node && Array.isArray((node as { items: unknown[] }).items)) {
    for (const item of (node as { items: YamlNode[] }).items) if (item) walk(item, walker);
  }
}

interface DotEnvRead {
  values: ReadonlyMap<string, string>;
  /** Which values wait on unknown variables or took the check's environment's. */
  provenance?: EnvFileProvenance;
  /** Values of entries whose names say they hold a secret, as written and as substituted: hidden in the report. */
  secretValues: string[];
}

/**
 * The values of the env files given, a later file's over an earlier's, `${NAME}` in them taken
 * from the check's environment, then earlier entries (./dotenv.ts); a missing one stops the check
 * as it stops docker compose (compose-go dotenv/env.go@e70e961 GetEnvFromFile).
 */
function readEnvFiles(chosen: ComposeEnvFiles, env: Readonly<Record<string, string | undefined>>): DotEnvRead & { label: string } {
  const read = readDotEnvList(chosen.files, env, (file) => {
    throw new InputError(`cannot read the env file ${chosen.said} names: docker compose refuses to start without it`, { file });
  });
  return { label: chosen.files.join(', '), ...read };
}

/**
 * COMPOSE_DISABLE_ENV_FILE of the shell set true: docker compose given no env file reads no .env
 * (compose-go cli/options.go@e70e961 `WithEnvFiles`, which reads it with Go's ParseBool and stops
 * on any other word).
 */
function dotEnvDisabled(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env.COMPOSE_DISABLE_ENV_FILE;
  if (value === undefined) return false;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  throw new InputError(`COMPOSE_DISABLE_ENV_FILE=${value} is neither true nor false: docker compose refuses to start with it`);
}

/** The project's .env values by name; an absent file is an empty map. */
function readDotEnv(path: string, env: Readonly<Record<string, string | undefined>>): DotEnvRead {
  return readDotEnvList([path], env, () => undefined);
}

function readDotEnvList(files: readonly string[], env: Readonly<Record<string, string | undefined>>, unreadable: (file: string) => void): DotEnvRead {
  const values = new Map<string, string>();
  const unknown = new Map<string, string[]>();
  const fromLookup = new Map<string, string[]>();
  const secretValues: string[] = [];
  const lookup = { get: (name: string) => (Object.prototype.hasOwnProperty.call(env, name) ? env[name] : undefined) };
  for (const file of files) {
    const entries = containerEnvModule().readDotEnvEntries(file, { lookup, values, unknown, fromLookup });
    if (!entries) {
      unreadable(file);
      continue;
    }
    secretValues.push(...composeVariablesModule().secretEntryValues(entries));
  }
  return { values, provenance: { unknown, fromLookup }, secretValues };
}

/** The Kong image a Dockerfile's last stage is built on, and its steps that may change Kong's templates. */
function builtOn(read: DockerfileRead): Pick<DockerfileCopies, 'base' | 'templateSteps'> {
  const base = read.images.find((image) => !image.buildStage);
  return { ...(base ? { base } : {}), templateSteps: read.templateSteps };
}
