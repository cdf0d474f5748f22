// Reads the environment that compose files and Kubernetes manifests start containers with, for
// the containers that may run Kong: a compose service's `env_file:` and `environment:`, a
// Kubernetes container's `envFrom` and `env` (Deployments, StatefulSets, DaemonSets, Pods, Jobs,
// `kind: List` items, and the `proxy` container of a Kong operator DataPlane or
// GatewayConfiguration). ./container-conf-layer.ts picks the one that runs Kong and turns its
// `KONG_*` variables into settings.
//
// Compose, as docker compose (compose-go) reads it: YAML 1.2 (`off` stays a string; only
// true/false are booleans), merge keys (`<<: *kong-env`), `extends`, values interpolated from the
// check's environment over the project's `.env` as `image:` is (./compose-variables.ts,
// ./interpolate.ts, `$$` for a literal `$`), a variable without a value (`- KONG_PG_PASSWORD`,
// `KONG_PG_PASSWORD:`) taken from the same two, and
// precedence `environment:` over `env_file:` over the image's ENV
// (https://docs.docker.com/compose/how-tos/environment-variables/envvars-precedence/).
//
// Kubernetes: `env` beats `envFrom`, a later `envFrom` source beats an earlier one, a later `env`
// entry of the same name wins, and `$(NAME)` in a value is replaced by an earlier variable
// (`$$(NAME)` is a literal) (https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/,
// .../configure-pod-configmap/#configure-all-key-value-pairs-in-a-configmap-as-container-environment-variables).
// A ConfigMap among the files given is read, for `envFrom` and `valueFrom.configMapKeyRef` alike;
// Secrets and the pod's own fields never are: their values are set but unreadable here.

import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, posix, resolve } from 'node:path';
import type { Document, Node as YamlNode, YAMLMap } from 'yaml';
import type { FileOrigin } from '../../model/origin';
import { yamlOriginAt } from '../../text/yaml-origin';
import { isDirectory } from '../file-kind';
import { yamlNestingBeyond } from '../../text/nesting';
import { withoutCommandSecrets } from './command-secrets';
import { variablesReadByCommand } from './command-variables';
import { isHostPath, mergeMounts, normaliseTarget, shortSyntaxBind, type BindMount, type OpaqueMount } from './compose-mounts';
import type { ObjectMount, VolumeObject } from './kubernetes-mounts';
import type { TextLines } from '../../text/line-index';
import { parseKongImage } from './image-ref';
import { podSpecPathOf } from '../../knowledge/platform/kubernetes-workloads';
import { interpolate, unknownBehind, type VariableLookup } from './interpolate';
import { parseDotEnv, type DotEnvEntry, type DotEnvOptions } from './dotenv';
import { unresolvedNames, type LayerVariable } from './variables-conf-layer';
import { ownValue } from '../../own-key';
import { kongConfArgument, type ComposeCommand, type ComposeRun } from './run-conf';
import { get, mapPairs, originOf, scalarText, type At } from './yaml-nodes';
import { composeStringWords } from './shell-words';

const yamlModule = (): typeof import('yaml') => require('yaml') as typeof import('yaml');
const MAX_BYTES = 5 * 1024 * 1024;

/** A ConfigMap or Secret a Kubernetes container reads all keys of (`envFrom`). */
export interface EnvFromSource {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  prefix: string;
  optional: boolean;
  origin: FileOrigin;
}

/** A variable a container gets, lowest precedence first; `$(NAME)` still to expand for Kubernetes. */
export interface ContainerVariable extends LayerVariable {
  /** A Kubernetes `value` holding `$(NAME)` references, expanded once every source is known. */
  kubernetesRefs?: boolean;
  /** A Kubernetes `valueFrom.configMapKeyRef`, read from the ConfigMap when it is among the files given. */
  configMapKey?: { name: string; key: string; optional: boolean };
}

export interface ContainerEnv {
  platform: 'compose' | 'kubernetes' | 'ecs';
  file: string;
  /** `service kong`, `Deployment kong (container proxy)`. */
  unit: string;
  /** How findings about its image name it among others: `kong` (a service), `proxy of Deployment kong` (a container). */
  userName: string;
  /** The service's key, or the container's `name`. */
  origin: FileOrigin;
  /** The image is one of Kong's (or the container is a Kong operator's proxy). */
  kongImage: boolean;
  /** The service, workload or container name or the image names Kong (`kong`, `mykong:1.0`), for containers built or run from other images. */
  namedKong: boolean;
  /** The image the container runs, as written after interpolation (compose: after extends and merging). */
  image?: string;
  /** Where the image the container runs is written, to take the Kong version from that image. */
  imageOrigin?: FileOrigin;
  /** A compose v1 file (services at the top level, as docker-compose 1.x reads them). */
  composeV1?: boolean;
  /** Compose `profiles:`: the service starts only when one of them is active (none: always). */
  profiles?: string[];
  /** Compose: `image:` lines of earlier files that a later file given with it replaces (never run). */
  replacedImages?: FileOrigin[];
  /** Why the container is not a running Kong node (`it runs kong migrations bootstrap`). */
  oneShot?: string;
  /** Kubernetes `envFrom`, lowest first; all of them lie under `variables`. */
  envFrom: EnvFromSource[];
  /** Compose: env_file lines then environment; Kubernetes: env entries. Lowest first. */
  variables: ContainerVariable[];
  /** What could not be read at all (a missing env_file, extends of a file not found), at its line. */
  notes: { origin: FileOrigin; message: string }[];
  namespace?: string;
  /** Compose: the service's bind mounts (`volumes:`), to find the project file behind a container path. */
  mounts?: BindMount[];
  /** Kubernetes: the ConfigMap and Secret volumes the container mounts (`volumeMounts`), to name the object behind a container path. */
  objectMounts?: ObjectMount[];
  /** Mounts whose files are not read here (named volumes, PersistentVolumeClaims): what they hide is not known. */
  opaqueMounts?: OpaqueMount[];
  /** Compose: its `command:`, `entrypoint:` and `working_dir:`, which replace the image's CMD, ENTRYPOINT and WORKDIR (./run-conf.ts). */
  run?: ComposeRun;
  /** Variables its own command reads from the container's environment (./command-variables.ts). */
  commandReads?: string[];
  /** Compose: the Dockerfile a service is built from (`build:`), when its `image:` (if any) is not one of Kong's, as a path on this machine. */
  buildDockerfile?: BuildDockerfile;
}

/** The Dockerfile compose builds a service's image from, and where `build:` names it. */
export interface BuildDockerfile {
  path: string;
  /** The build context folder, relative paths kept relative as the compose file's are. */
  context: string;
  origin: FileOrigin;
}

/** A ConfigMap's `data` keys with their lines, for `envFrom`. */
export interface ConfigMapData {
  name: string;
  namespace?: string;
  file: string;
  entries: { key: string; value: string; origin: FileOrigin }[];
}

export interface ContainerEnvRead {
  containers: ContainerEnv[];
  configMaps: ConfigMapData[];
  /**
   * ConfigMaps and Secrets whose keys a container's volume may show as files (a kong.conf):
   * Secrets are read for that alone, never for `envFrom` or `secretKeyRef`.
   */
  volumeObjects?: VolumeObject[];
}

// ---------------------------------------------------------------------------------------------
// Compose

export interface ComposeContext {
  file: string;
  /**
   * The values of `${NAME}`: the check's environment over the project's `.env` beside the first
   * compose file, with the `.env` entries that wait on variables nobody here sets.
   */
  known: VariableLookup;
  /**
   * The project folder (the first compose file's): docker compose reads the paths of every file
   * given with `-f` relative to it (https://docs.docker.com/compose/how-tos/multiple-compose-files/merge/).
   */
  projectDir?: string;
}

/** One compose document of a project, in the order the files are given (`-f a -f b`). */
export interface ComposeDocument {
  doc: Document.Parsed;
  at: At;
  file: string;
}

// The Kong CLI commands that end by themselves and never start a node (bin/kong@3.9.3 lists
// them with start, stop, quit, restart, reload, prepare and drain): migrations, `config` (init,
// db_import, db_export, parse), health, version, check, vault, roar and `hybrid gen_cert`, which
// hybrid compose files run in a helper service to write the cluster certificate.
const ONE_SHOT = /\bkong\s+(migrations|config|health|version|check|vault|roar|hybrid)\b/;
/** Starting Kong itself after the one-shot steps (`kong migrations up && kong start`): a Kong node. */
const STARTS_KONG = /\bkong\s+(start|docker-start|restart)\b|\bnginx\s+-p\b|\bopenresty\b/;

/** A command that only runs Kong tasks that end (migrations, an import), never Kong itself. */
export function runsOnlyTasks(command: string): boolean {
  return ONE_SHOT.test(command) && !STARTS_KONG.test(command);
}

/** `it runs `kong migrations up``, the command's secrets (a shell's `KONG_PG_PASSWORD=...`, a URL's password) hidden. */
export function runsNote(command: string): string {
  return `it runs \`${withoutCommandSecrets(command.trim())}\``;
}

/**
 * The services of a compose file: under `services:`, or at the top level of a compose v1 file
 * (docker-compose 1.x, no `services:` key), recognised only when every top-level entry but
 * `version` is a map holding an `image` string or `build`, so no other YAML (Helm values nest
 * `image` maps) is taken for one.
 */
export function composeServices(doc: Document.Parsed): { node: YAMLMap; v1: boolean } | undefined {
  const { isMap } = yamlModule();
  if (!isMap(doc.contents)) return undefined;
  const services = get(doc.contents, doc, 'services');
  if (services !== undefined) return isMap(services) ? { node: services, v1: false } : undefined;
  const entries = mapPairs(doc.contents, doc).filter((pair) => pair.key !== 'version');
  const v1 = entries.length > 0 && entries.every(({ value }) => isMap(value) && (scalarText(get(value, doc, 'image')) !== undefined || get(value, doc, 'build') !== undefined));
  return v1 ? { node: doc.contents, v1: true } : undefined;
}

/**
 * The services of a compose project that name a Kong image or set `KONG_*` variables, its files
 * merged in the order given as docker compose merges `-f a -f b` (and compose.yaml with
 * compose.override.yaml): a service's `image` and `command` replaced by a later file, `env_file`
 * lists appended, `environment` merged name by name with the later file winning, `!reset` and
 * `!override` honoured (compose-spec 13-merge.md). A service that ends up with neither `image`
 * nor `build` is one docker compose refuses to run: it is no Kong node.
 */
export function composeProjectContainers(documents: readonly ComposeDocument[], context: Omit<ComposeContext, 'file'>): ContainerEnv[] {
  const byName = new Map<string, { first: ComposeDocument; keyNode: YamlNode; merged: ResolvedService; v1: boolean }>();
  const projectDir = context.projectDir ?? (documents[0] ? dirname(documents[0].file) : undefined);
  const fileObjects = projectFileObjects(documents, context.known, projectDir);
  for (const document of documents) {
    const services = composeServices(document.doc);
    if (!services) continue;
    for (const { key: name, keyNode, value } of mapPairs(services.node, document.doc)) {
      if (services.v1 && name === 'version') continue;
      const { isMap } = yamlModule();
      if (!isMap(value)) continue;
      const scope: ServiceScope = { doc: document.doc, at: document.at, file: document.file, known: context.known, fileObjects, ...(projectDir ? { projectDir } : {}), ...(services.v1 ? { v1: true } : {}) };
      const service = resolveService(name, value, scope, []);
      const earlier = byName.get(name);
      if (earlier) earlier.merged = mergeService(earlier.merged, service);
      else byName.set(name, { first: document, keyNode, merged: service, v1: services.v1 });
    }
  }
  const out: ContainerEnv[] = [];
  for (const [name, { first, keyNode, merged: resolved, v1 }] of byName) {
    const service = resolved.volumesFrom ? { ...resolved, ...inheritedMounts(resolved, byName) } : resolved;
    const origin = originOf(keyNode, first.at);
    if (service.image === undefined && !service.build && !service.unreadBase) continue;
    const image = service.image;
    const kongImage = image !== undefined && parseKongImage(image, origin, 'compose') !== undefined;
    const command = service.command;
    const oneShot = command !== undefined && runsOnlyTasks(command) ? runsNote(command) : undefined;
    const variables = [...service.envFiles, ...service.environment];
    const commandReads = [...variablesReadByCommand(command, 'compose')];
    out.push({
      platform: 'compose',
      file: first.file,
      unit: `service ${name}`,
      userName: name,
      origin,
      kongImage,
      namedKong: /kong/i.test(`${name} ${image ?? ''}`),
      ...(image !== undefined ? { image } : {}),
      ...(service.imageOrigin ? { imageOrigin: service.imageOrigin } : {}),
      ...(v1 ? { composeV1: true } : {}),
      ...(service.profiles.length > 0 ? { profiles: service.profiles } : {}),
      ...(service.replacedImages.length > 0 ? { replacedImages: service.replacedImages } : {}),
      ...(oneShot ? { oneShot } : {}),
      envFrom: [],
      variables: variables.map((variable) => ({ ...variable, label: `${variable.label} of service ${name}` })),
      notes: service.notes,
      ...(service.mounts.length > 0 ? { mounts: service.mounts } : {}),
      ...(service.opaqueMounts.length > 0 ? { opaqueMounts: service.opaqueMounts } : {}),
      ...(commandReads.length > 0 ? { commandReads } : {}),
      ...(service.run.command || service.run.entrypoint || service.run.workingDir !== undefined ? { run: service.run } : {}),
      // With `image:` too, compose tags the build with that name: one of Kong's own tags is pulled
      // instead when it exists (compose-spec build.md@170098ba lines 21-23: pull first, build when not found), any other is built.
      ...(!kongImage && service.buildDockerfile ? { buildDockerfile: service.buildDockerfile } : {}),
    });
  }
  return out;
}

/** A later compose file's service over an earlier one's (compose-spec 13-merge.md). */
function mergeService(lower: ResolvedService, higher: ResolvedService): ResolvedService {
  const image = higher.image !== undefined ? { image: higher.image, ...(higher.imageOrigin ? { imageOrigin: higher.imageOrigin } : {}) }
    : lower.image !== undefined ? { image: lower.image, ...(lower.imageOrigin ? { imageOrigin: lower.imageOrigin } : {}) } : {};
  const command = higher.command ?? lower.command;
  // Each replaced whole by the later file (compose-spec 13-merge.md@170098ba line 70).
  const run: ComposeRun = {
    ...(higher.run.command ?? lower.run.command ? { command: (higher.run.command ?? lower.run.command)! } : {}),
    ...(higher.run.entrypoint ?? lower.run.entrypoint ? { entrypoint: (higher.run.entrypoint ?? lower.run.entrypoint)! } : {}),
    ...(higher.run.workingDir ?? lower.run.workingDir ? { workingDir: (higher.run.workingDir ?? lower.run.workingDir)! } : {}),
  };
  const envFiles = higher.envFilesReplace ? higher.envFiles : [...lower.envFiles, ...higher.envFiles];
  // Both kept, the later last: the layer names the earlier file's line as replaced.
  const environment = higher.environmentReplace ? higher.environment
    : [...lower.environment.filter((variable) => !higher.environmentResets.includes(variable.name)), ...higher.environment];
  const replaced = higher.image !== undefined && lower.imageOrigin ? [lower.imageOrigin] : [];
  return {
    ...image,
    ...(command !== undefined ? { command } : {}),
    run,
    profiles: union(lower.profiles, higher.profiles),
    replacedImages: [...lower.replacedImages, ...higher.replacedImages, ...replaced],
    build: lower.build || higher.build,
    ...(higher.buildDockerfile ?? lower.buildDockerfile ? { buildDockerfile: (higher.buildDockerfile ?? lower.buildDockerfile)! } : {}),
    unreadBase: lower.unreadBase || higher.unreadBase,
    envFiles,
    environment,
    environmentResets: [],
    notes: [...lower.notes, ...higher.notes],
    ...mergeVolumes(lower, higher),
    ...(lower.volumesFrom || higher.volumesFrom ? { volumesFrom: [...(lower.volumesFrom ?? []), ...(higher.volumesFrom ?? [])] } : {}),
  };
}

interface ServiceScope {
  doc: Document.Parsed;
  at: At;
  file: string;
  known: VariableLookup;
  /** Where relative paths are read from: the first compose file's folder. */
  projectDir?: string;
  /** A compose v1 file, read by docker-compose 1.x as YAML 1.1. */
  v1?: boolean;
  /** The project's top-level `configs:` and `secrets:`, every file's (a later file's entry wins). */
  fileObjects: FileObjects;
}

interface ResolvedService {
  image?: string;
  /** Where `image:` is written, to find the image the service runs among those read. */
  imageOrigin?: FileOrigin;
  /** `command:` (else `entrypoint:`), its base's when it has none. */
  command?: string;
  /** `command:`, `entrypoint:` and `working_dir:` apart, each its base's when it has none. */
  run: ComposeRun;
  /** `image:` lines of earlier files replaced by a later one. */
  replacedImages: FileOrigin[];
  /** `profiles:`, its base's and earlier files' included. */
  profiles: string[];
  build: boolean;
  /** The Dockerfile `build:` names, when it is a file of the project (not a Git URL or an inline Dockerfile). */
  buildDockerfile?: BuildDockerfile;
  /** It extends a service of a file not found here, which may give it its image. */
  unreadBase: boolean;
  envFiles: ContainerVariable[];
  environment: ContainerVariable[];
  /** `env_file: !reset` / `!override`: this file's list replaces the earlier files'. */
  envFilesReplace?: boolean;
  /** `environment: !reset` / `!override`: this file's map replaces the earlier files'. */
  environmentReplace?: boolean;
  /** `NAME: !reset null` entries: removed from the earlier files' environment. */
  environmentResets: string[];
  notes: { origin: FileOrigin; message: string }[];
  /** `volumes:` bind mounts, its base's first (merged by target). */
  mounts: BindMount[];
  /** `volumes:` entries whose files are not read here, merged with `mounts`. */
  opaqueMounts: OpaqueMount[];
  /** `volumes_from:` entries (`kong-data`, `kong-data:ro`, `container:NAME`): mounts of other services or containers. */
  volumesFrom?: { ref: string; origin: FileOrigin }[];
}

/** A later file's (or the service's over its base's) `volumes:` over earlier ones: an entry replaces any of its target. */
function mergeVolumes(lower: Pick<ResolvedService, 'mounts' | 'opaqueMounts'> | undefined, higher: Pick<ResolvedService, 'mounts' | 'opaqueMounts'>): Pick<ResolvedService, 'mounts' | 'opaqueMounts'> {
  const targets = new Set([...higher.mounts, ...higher.opaqueMounts].map((mount) => mount.target));
  return {
    mounts: mergeMounts((lower?.mounts ?? []).filter((mount) => !targets.has(mount.target)), higher.mounts),
    opaqueMounts: [...(lower?.opaqueMounts ?? []).filter((mount) => mount.target === undefined || !targets.has(mount.target)), ...higher.opaqueMounts],
  };
}

const REPLACING_TAGS = new Set(['!reset', '!override']);

/** How many `extends` are followed from one service: compose files chain two or three. */
const MAX_EXTENDS = 5;

/**
 * A service's image and environment, its `extends` base first (environment merged by name,
 * env_file lists appended, as compose-go merges them). `chain` holds the services extended on the
 * way here (`file#service`), to stop at a cycle, which docker compose refuses.
 */
function resolveService(name: string, service: YAMLMap, scope: ServiceScope, chain: readonly string[]): ResolvedService {
  const { isMap } = yamlModule();
  const { doc, at, known } = scope;
  const notes: ResolvedService['notes'] = [];
  let base: ResolvedService | undefined;
  let unreadBase = false;
  const extendsNode = get(service, doc, 'extends');
  const here = [...chain, `${resolve(scope.file)}#${name}`];
  const cycle = (file: string, baseName: string): boolean => {
    const at = here.indexOf(`${resolve(file)}#${baseName}`);
    if (at < 0) return false;
    const names = [...here.slice(at), `#${baseName}`].map((entry) => entry.slice(entry.lastIndexOf('#') + 1));
    notes.push({ origin: originOf(extendsNode, scope.at), message: `service ${name} extends ${names.length === 2 ? 'itself' : `in a cycle (${names.join(' extends ')})`}: docker compose refuses to start such a project, and the variables of the cycle were read only once` });
    return true;
  };
  if (extendsNode !== undefined && here.length <= MAX_EXTENDS) {
    const baseName = scalarText(extendsNode) ?? scalarText(get(extendsNode, doc, 'service'));
    const baseFile = scalarText(get(extendsNode, doc, 'file'));
    if (baseName && baseFile) {
      const path = besideFile(scope.projectDir ?? dirname(scope.file), interpolate(baseFile, { known, escape: 'double-dollar' }).text);
      const other = cycle(path, baseName) ? undefined : readComposeFile(path);
      const otherServices = other ? composeServices(other.doc) : undefined;
      const baseService = other && otherServices && get(otherServices.node, other.doc, baseName);
      if (other && isMap(baseService)) base = resolveService(baseName, baseService, { ...other, known, projectDir: dirname(path), fileObjects: projectFileObjects([other], known, dirname(path)) }, here);
      else if (here.includes(`${resolve(path)}#${baseName}`)) {
        // The cycle is noted above.
      } else {
        unreadBase = true;
        notes.push({ origin: originOf(extendsNode, at), message: `service ${name} extends service ${baseName} of ${baseFile}, which was not found here: the variables it gives the container were not read` });
      }
    } else if (baseName && !cycle(scope.file, baseName)) {
      const baseService = get(composeServices(doc)?.node, doc, baseName);
      if (isMap(baseService)) base = resolveService(baseName, baseService, scope, here);
    }
  }
  const imageNode = get(service, doc, 'image');
  const imageText = scalarText(imageNode);
  const image = imageText !== undefined
    ? { image: interpolate(imageText, { known, escape: 'double-dollar' }).text, imageOrigin: originOf(imageNode, at) }
    : base?.image !== undefined ? { image: base.image, ...(base.imageOrigin ? { imageOrigin: base.imageOrigin } : {}) } : {};
  const envFileNode = get(service, doc, 'env_file');
  const environmentNode = get(service, doc, 'environment');
  const read = readEnvironment(environmentNode, scope);
  const environment = mergeByName(base?.environment ?? [], read.variables);
  const envFiles = [...(base?.envFiles ?? []), ...readEnvFiles(envFileNode, scope, notes, environment)];
  notes.unshift(...(base?.notes ?? []));
  const command = commandText(get(service, doc, 'command')) ?? commandText(get(service, doc, 'entrypoint')) ?? base?.command;
  const ownCommand = composeCommand(get(service, doc, 'command'), scope);
  const ownEntrypoint = composeCommand(get(service, doc, 'entrypoint'), scope);
  const workingDir = scalarText(get(service, doc, 'working_dir'));
  const run: ComposeRun = {
    ...(ownCommand ?? base?.run.command ? { command: (ownCommand ?? base?.run.command)! } : {}),
    ...(ownEntrypoint ?? base?.run.entrypoint ? { entrypoint: (ownEntrypoint ?? base?.run.entrypoint)! } : {}),
    ...(workingDir !== undefined ? { workingDir: interpolate(workingDir, { known, escape: 'double-dollar' }).text } : base?.run.workingDir !== undefined ? { workingDir: base.run.workingDir } : {}),
  };
  const buildNode = get(service, doc, 'build');
  const buildDockerfile = buildNode !== undefined ? buildDockerfileOf(buildNode, scope) : base?.buildDockerfile;
  const ownProfiles = sequenceTexts(get(service, doc, 'profiles')).map((profile) => interpolate(profile, { known, escape: 'double-dollar' }).text);
  return {
    ...image,
    ...(command !== undefined ? { command } : {}),
    run,
    profiles: union(base?.profiles ?? [], ownProfiles),
    replacedImages: [],
    build: get(service, doc, 'build') !== undefined || Boolean(base?.build),
    ...(buildDockerfile ? { buildDockerfile } : {}),
    unreadBase: unreadBase || Boolean(base?.unreadBase),
    envFiles,
    environment,
    ...(REPLACING_TAGS.has(tagOf(envFileNode)) ? { envFilesReplace: true } : {}),
    ...(REPLACING_TAGS.has(tagOf(environmentNode)) ? { environmentReplace: true } : {}),
    environmentResets: read.resets,
    notes,
    ...mergeVolumes(base, mergeVolumes(readVolumes(get(service, doc, 'volumes'), scope), readFileObjectMounts(service, scope))),
    ...volumesFromOf(get(service, doc, 'volumes_from'), scope, base),
  };
}

/** A service's `volumes_from:` entries, its base's first. */
function volumesFromOf(node: unknown, scope: ServiceScope, base: ResolvedService | undefined): Pick<ResolvedService, 'volumesFrom'> {
  const { isSeq } = yamlModule();
  const own = isSeq(node)
    ? node.items.flatMap((item) => {
      const ref = scalarText(item);
      return ref ? [{ ref: interpolate(ref, { known: scope.known, escape: 'double-dollar' }).text, origin: originOf(item, scope.at) }] : [];
    })
    : [];
  const all = [...(base?.volumesFrom ?? []), ...own];
  return all.length > 0 ? { volumesFrom: all } : {};
}

/**
 * The mounts a service takes from others with `volumes_from:` (compose-spec 05-services.md
 * `volumes_from`: a service name, or `container:NAME`, either with `:ro`/`:rw`): every mount of
 * the service named, each at its own target, under the service's own mounts of the same target.
 * A container outside the project (`container:NAME`) mounts what is not known here, anywhere
 * (compose-spec@170098ba 05-services.md lines 2174-2188).
 * Followed one service deep, as most projects write it (a data-only service holding the volumes).
 */
function inheritedMounts(service: ResolvedService, services: ReadonlyMap<string, { merged: ResolvedService }>): Pick<ResolvedService, 'mounts' | 'opaqueMounts'> {
  const own = { mounts: service.mounts, opaqueMounts: service.opaqueMounts };
  let inherited: Pick<ResolvedService, 'mounts' | 'opaqueMounts'> = { mounts: [], opaqueMounts: [] };
  for (const { ref, origin } of service.volumesFrom ?? []) {
    const [first, second] = ref.split(':');
    if (first === 'container') {
      inherited.opaqueMounts.push({ what: `volume of container ${second}, taken with volumes_from`, origin });
      continue;
    }
    const other = services.get(first)?.merged;
    if (other) inherited = mergeVolumes(inherited, { mounts: other.mounts, opaqueMounts: other.opaqueMounts });
    else inherited.opaqueMounts.push({ what: `volume of service ${first}, not among the services read here, taken with volumes_from`, origin });
  }
  return mergeVolumes(inherited, own);
}

/**
 * The bind mounts of a service's `volumes:` (./compose-mounts.ts), short and long syntax. A source
 * under `~` (the home folder of whoever runs docker compose) or one that depends on a variable
 * without a value here is left out: the file behind it is not known.
 */
function readVolumes(node: unknown, scope: ServiceScope): Pick<ResolvedService, 'mounts' | 'opaqueMounts'> {
  const { isSeq, isMap } = yamlModule();
  if (!isSeq(node)) return { mounts: [], opaqueMounts: [] };
  const out: BindMount[] = [];
  const opaque: OpaqueMount[] = [];
  const text = (written: string | undefined) => {
    if (written === undefined) return undefined;
    const read = interpolate(written, { known: scope.known, escape: 'double-dollar' });
    return read.unresolved.length > 0 ? undefined : read.text;
  };
  for (const item of node.items) {
    let bind: { source: string; target: string } | undefined;
    if (isMap(item)) {
      const source = text(scalarText(get(item, scope.doc, 'source')));
      const target = text(scalarText(get(item, scope.doc, 'target')));
      const type = scalarText(get(item, scope.doc, 'type'));
      if (type === 'bind' && source && target?.startsWith('/') && isHostPath(source)) bind = { source, target };
      else if (target?.startsWith('/')) opaque.push({ what: longSyntaxWhat(type, source), target: normaliseTarget(target), origin: originOf(item, scope.at) });
      else if (target === undefined && scalarText(get(item, scope.doc, 'target')) !== undefined) opaque.push({ what: 'a volume whose target depends on a variable without a value here', origin: originOf(item, scope.at) });
    } else {
      const raw = scalarText(item);
      const written = text(raw);
      bind = written === undefined ? undefined : shortSyntaxBind(written);
      const other = written === undefined || bind ? undefined : shortSyntaxVolume(written);
      if (other) opaque.push({ ...other, origin: originOf(item, scope.at) });
      // Where it is mounted, or what, depends on a variable: it may be anywhere.
      if (raw !== undefined && written === undefined) opaque.push({ what: `volume ${raw}, which depends on a variable without a value here`, origin: originOf(item, scope.at) });
    }
    if (bind?.source.startsWith('~')) opaque.push({ what: `bind mount of ${bind.source}`, target: normaliseTarget(bind.target), origin: originOf(item, scope.at) });
    if (!bind || bind.source.startsWith('~')) continue;
    // A Windows drive path is absolute where docker compose runs, whatever this machine is.
    const source = /^[A-Za-z]:[\\/]/.test(bind.source) ? bind.source : besideFile(scope.projectDir ?? dirname(scope.file), bind.source);
    out.push({ source, target: normaliseTarget(bind.target), origin: originOf(item, scope.at) });
  }
  return { mounts: out, opaqueMounts: opaque };
}

/** A top-level `configs:` or `secrets:` entry: where its content comes from. */
interface FileObject {
  /** `file:`, joined to the project folder. */
  file?: string;
  /** What else provides it (`content:`, `environment:`, `external:`), for messages. */
  other?: string;
}

/** The project's top-level `configs:` and `secrets:` by name. */
interface FileObjects {
  configs: Map<string, FileObject>;
  secrets: Map<string, FileObject>;
}

/**
 * The top-level `configs:` and `secrets:` of every file of the project, a later file's entry over
 * an earlier one of the same name (compose-spec 13-merge.md merges these mappings by key). A
 * `file:` path is read from the project folder, as compose-go resolves it.
 */
function projectFileObjects(documents: readonly ComposeDocument[], known: VariableLookup, projectDir: string | undefined): FileObjects {
  const { isMap } = yamlModule();
  const objects: FileObjects = { configs: new Map(), secrets: new Map() };
  for (const { doc, file } of documents) {
    for (const kind of ['configs', 'secrets'] as const) {
      const node = get(doc.contents, doc, kind);
      if (!isMap(node)) continue;
      for (const { key: name, value } of mapPairs(node, doc)) {
        const text = (key: string) => {
          const written = scalarText(get(value, doc, key));
          return written === undefined ? undefined : interpolate(written, { known, escape: 'double-dollar' });
        };
        const path = text('file');
        const environment = text('environment');
        const object: FileObject = path && path.unresolved.length === 0 ? { file: besideFile(projectDir ?? dirname(file), path.text) }
          : path ? { other: `the file ${path.text}, which depends on a variable without a value here` }
          : get(value, doc, 'content') !== undefined ? { other: 'the content written in the compose file' }
          : environment ? { other: `the variable ${environment.text}` }
          : { other: 'an external object' };
        objects[kind].set(name, object);
      }
    }
  }
  return objects;
}

/**
 * A service's `configs:` and `secrets:` as mounts, and its `tmpfs:` as mounts whose content is
 * not read. Docker compose bind-mounts a `file:` config or secret read-only at its target; it
 * copies one from `content:` or `environment:` into the container at the same place. The target
 * defaults to `/<name>` for a config and `/run/secrets/<name>` for a secret; a relative one is
 * taken under `/` and `/run/secrets/` (docker/compose@f72979427 pkg/compose/create.go lines
 * 1199-1290, pkg/compose/secrets.go lines 46-76; compose-spec@170098ba 05-services.md `configs` line 229,
 * `secrets` line 1863, `tmpfs` line 2011). A tmpfs is an empty folder: it hides what the image holds there.
 */
function readFileObjectMounts(service: YAMLMap, scope: ServiceScope): Pick<ResolvedService, 'mounts' | 'opaqueMounts'> {
  const { isSeq, isMap } = yamlModule();
  const { doc, at, known } = scope;
  const mounts: BindMount[] = [];
  const opaqueMounts: OpaqueMount[] = [];
  const text = (node: unknown) => {
    const written = scalarText(node);
    return written === undefined ? undefined : interpolate(written, { known, escape: 'double-dollar' }).text;
  };
  for (const kind of ['configs', 'secrets'] as const) {
    const node = get(service, doc, kind);
    if (!isSeq(node)) continue;
    const folder = kind === 'configs' ? '/' : '/run/secrets/';
    for (const item of node.items) {
      const name = isMap(item) ? text(get(item, doc, 'source')) : text(item);
      if (!name) continue;
      const written = isMap(item) ? text(get(item, doc, 'target')) : undefined;
      const target = normaliseTarget(written === undefined || written === '' ? `${folder}${name}` : written.startsWith('/') ? written : `${folder}${written}`);
      const object = scope.fileObjects[kind].get(name);
      const noun = kind === 'configs' ? 'config' : 'secret';
      if (object?.file) mounts.push({ source: object.file, target, origin: originOf(item, at) });
      else opaqueMounts.push({ what: `${noun} ${name} (${object ? `from ${object.other}` : 'not defined in the compose files read'})`, target, origin: originOf(item, at) });
    }
  }
  const tmpfs = get(service, doc, 'tmpfs');
  for (const item of isSeq(tmpfs) ? tmpfs.items : tmpfs === undefined ? [] : [tmpfs]) {
    // `/run:size=64m`: the options after the colon are docker's --tmpfs ones.
    const target = text(item)?.split(':')[0];
    if (target?.startsWith('/')) opaqueMounts.push({ what: 'tmpfs mount', target: normaliseTarget(target), origin: originOf(item, at) });
  }
  return { mounts, opaqueMounts };
}

/** A long-syntax entry that is no readable bind mount, for messages (compose-spec 05-services.md `volumes` long syntax: type volume, bind, tmpfs, image, npipe, cluster). */
function longSyntaxWhat(type: string | undefined, source: string | undefined): string {
  if (type === 'bind') return source === undefined ? 'bind mount of a host path not known here' : `bind mount of ${source}`;
  if (type === 'volume' || type === undefined) return source ? `named volume ${source}` : 'anonymous volume';
  return source ? `${type} mount ${source}` : `${type} mount`;
}

/** A short-syntax entry that is a volume (`kong_lua:/usr/local/share/lua/5.1`) or an anonymous one (`/usr/local/kong`). */
function shortSyntaxVolume(written: string): { what: string; target: string } | undefined {
  const parts = written.split(':');
  if (parts.length === 1) return parts[0].startsWith('/') ? { what: 'anonymous volume', target: normaliseTarget(parts[0]) } : undefined;
  const [source, target] = parts;
  return target.startsWith('/') && !isHostPath(source) ? { what: `named volume ${source}`, target: normaliseTarget(target) } : undefined;
}

function tagOf(node: unknown): string {
  return (node as { tag?: string } | null | undefined)?.tag ?? '';
}

/**
 * The Dockerfile a service's `build:` names: `build: DIR` or `build: {context, dockerfile}`, the
 * context relative to the project directory (default `.`), the Dockerfile relative to the
 * context (default `Dockerfile`) (compose-spec build.md@170098ba: context, dockerfile).
 * Undefined for a Git or URL context, `dockerfile_inline`, or a path that depends on a variable
 * without a value here: no file of the project is built then.
 */
function buildDockerfileOf(node: unknown, scope: ServiceScope): BuildDockerfile | undefined {
  const { isMap } = yamlModule();
  const written = (value: unknown): string | undefined => {
    const text = scalarText(value);
    if (text === undefined) return undefined;
    const read = interpolate(text, { known: scope.known, escape: 'double-dollar' });
    return read.unresolved.length > 0 ? undefined : read.text;
  };
  const map = isMap(node) ? node : undefined;
  if (map && get(map, scope.doc, 'dockerfile_inline') !== undefined) return undefined;
  const context = map ? (get(map, scope.doc, 'context') === undefined ? '.' : written(get(map, scope.doc, 'context'))) : written(node);
  const dockerfile = map ? (get(map, scope.doc, 'dockerfile') === undefined ? 'Dockerfile' : written(get(map, scope.doc, 'dockerfile'))) : 'Dockerfile';
  if (context === undefined || dockerfile === undefined || context === '' || /^[a-z][a-z0-9+.-]*:\/\/|^git@|\.git(#|$)|^github\.com\//i.test(context)) return undefined;
  const folder = besideFile(scope.projectDir ?? dirname(scope.file), context);
  return { path: besideFile(folder, dockerfile), context: folder, origin: originOf(node as YamlNode, scope.at) };
}

/** A path a compose file names, relative to the project folder (kept relative when the compose file's path is). */
function besideFile(folder: string, written: string): string {
  return isAbsolute(written) ? written : join(folder, written);
}

function mergeByName(lower: readonly ContainerVariable[], higher: readonly ContainerVariable[]): ContainerVariable[] {
  const names = new Set(higher.map((variable) => variable.name));
  return [...lower.filter((variable) => !names.has(variable.name)), ...higher];
}

function sequenceTexts(node: unknown): string[] {
  const { isSeq } = yamlModule();
  return isSeq(node) ? node.items.map(scalarText).filter((text): text is string => text !== undefined && text !== '') : [];
}

function union(lower: readonly string[], higher: readonly string[]): string[] {
  return [...new Set([...lower, ...higher])];
}

/**
 * A service's `command:` or `entrypoint:` when set (null keeps the image's), with the kong.conf
 * it names. Compose interpolates the whole value first and only then splits a string into words
 * (./shell-words.ts), so a variable whose value holds blanks or quotes is split with the rest;
 * each item of a list is interpolated and stays one word. A variable without a value here stays
 * `${NAME}` in the path, which then names no file of the project.
 */
function composeCommand(node: unknown, scope: ServiceScope): ComposeCommand | undefined {
  const { isSeq } = yamlModule();
  const text = isSeq(node) ? undefined : scalarText(node);
  if (!isSeq(node) && text === undefined) return undefined;
  let known = true;
  const read = (written: string) => {
    const expanded = interpolate(written, { known: scope.known, escape: 'double-dollar' });
    if (expanded.unresolved.length > 0) known = false;
    return expanded.text;
  };
  const split = isSeq(node) ? node.items.map((item) => read(scalarText(item) ?? '')) : composeStringWords(read(text!));
  const words = split ?? [];
  const path = kongConfArgument(words);
  const origin = originOf(node, scope.at);
  return { ...(path === undefined ? {} : { conf: { path, origin } }), ...(split && known ? { words } : {}), origin };
}

function commandText(node: unknown): string | undefined {
  const { isSeq } = yamlModule();
  if (isSeq(node)) return node.items.map((item) => scalarText(item) ?? '').join(' ');
  return scalarText(node);
}

// docker-compose 1.x parses with PyYAML (YAML 1.1), where these unquoted words are booleans.
const YAML11_BOOLEAN = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const V1_BOOLEAN = 'is an unquoted YAML 1.1 boolean in a compose v1 file: docker-compose 1.x reads it as true or false, not as the word written, and some of its releases refuse it (quote it)';

const FROM_SHELL = 'is taken from the shell that runs docker compose (and left unset when it has none), and neither the check\'s environment nor the project\'s .env sets it';

/** `environment:` as a map or a list of `KEY=VALUE` / `KEY`; `NAME: !reset null` entries apart (they remove an earlier file's). */
function readEnvironment(node: unknown, scope: ServiceScope): { variables: ContainerVariable[]; resets: string[] } {
  const { isMap, isScalar, isSeq } = yamlModule();
  const { at, known } = scope;
  const out: ContainerVariable[] = [];
  const resets: string[] = [];
  const push = (name: string, written: string | undefined, origin: FileOrigin) => {
    const label = `environment ${name}`;
    if (written === undefined) {
      const value = known.get(name);
      const behind = unknownBehind(known, name);
      out.push(value === undefined ? { name, unreadable: FROM_SHELL, label, origin }
        : behind.length > 0 ? { name, unreadable: dependsOnProjectEnv(name, behind), label, origin }
          : { name, value, label, origin });
      return;
    }
    const expanded = interpolate(written, { known, escape: 'double-dollar' });
    out.push(expanded.unresolved.length === 0
      ? { name, value: expanded.text, label, origin, ...(expanded.assumedUnset.length > 0 ? { defaultedFrom: expanded.assumedUnset } : {}) }
      : { name, unreadable: dependsOnProjectEnv(name, expanded.unresolved), label, origin });
  };
  if (isMap(node)) {
    for (const { key, keyNode, value } of mapPairs(node, scope.doc)) {
      if (tagOf(value) === '!reset') {
        resets.push(key);
        continue;
      }
      const origin = originOf(isScalar(value) && value.value !== null ? value : keyNode, at);
      if (scope.v1 && isScalar(value) && value.type === 'PLAIN' && YAML11_BOOLEAN.test(String(value.source ?? value.value))) {
        out.push({ name: key, unreadable: V1_BOOLEAN, label: `environment ${key}`, origin });
        continue;
      }
      if (!isScalar(value) || value.value === null) push(key, undefined, origin);
      else push(key, typeof value.value === 'string' ? value.value : String(value.value), origin);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const text = scalarText(item);
      if (text === undefined) continue;
      const eq = text.indexOf('=');
      push(eq < 0 ? text : text.slice(0, eq), eq < 0 ? undefined : text.slice(eq + 1), originOf(item, at));
    }
  }
  // A later entry of the same name wins (compose-go keeps the last).
  return { variables: lastOfEachName(out), resets };
}

function lastOfEachName(variables: readonly ContainerVariable[]): ContainerVariable[] {
  const last = new Map<string, number>();
  variables.forEach((variable, index) => last.set(variable.name, index));
  return variables.filter((variable, index) => last.get(variable.name) === index);
}

function dependsOnProjectEnv(variable: string, unresolved: readonly string[]): string {
  const names = unresolvedNames(variable, unresolved);
  return `depends on ${names.text}, which ${names.plural ? 'have' : 'has'} no value in the check's environment or the project's .env (docker compose takes ${names.plural ? 'them' : 'it'} from the shell it runs in, or leaves ${names.plural ? 'them' : 'it'} empty)`;
}

/**
 * `env_file:` as a path, a list of paths, or a list of `{path, required, format}`; read relative to
 * the compose file. `${NAME}` in their values takes the project's variables first, then the
 * service's `environment:`, then earlier entries of its env files (compose-go
 * types/project.go@e70e961 `WithServicesEnvironmentResolved`). `format: raw` reads lines as
 * `docker run --env-file` does: nothing substituted, quotes kept (docker/compose
 * cmd/compose/compose.go@f72979427 `rawEnv`).
 */
function readEnvFiles(node: unknown, scope: ServiceScope, notes: ResolvedService['notes'], environment: readonly ContainerVariable[]): ContainerVariable[] {
  const { isSeq } = yamlModule();
  if (node === undefined || node === null) return [];
  const items = isSeq(node) ? node.items : [node];
  const out: ContainerVariable[] = [];
  const serviceValues = new Map(environment.flatMap((variable) => (variable.value !== undefined ? [[variable.name, variable.value] as const] : [])));
  const lookup: VariableLookup = {
    get: (name) => scope.known.get(name) ?? serviceValues.get(name),
    unknownOf: (name) => (scope.known.get(name) !== undefined ? scope.known.unknownOf?.(name) : undefined),
  };
  const earlier = new Map<string, string>();
  const earlierUnknown = new Map<string, string[]>();
  for (const item of items) {
    const written = scalarText(item) ?? scalarText(get(item, scope.doc, 'path'));
    if (written === undefined) continue;
    const requiredText = scalarText(get(item, scope.doc, 'required'));
    const required = requiredText === undefined || requiredText === 'true';
    const raw = scalarText(get(item, scope.doc, 'format')) === 'raw';
    const path = besideFile(scope.projectDir ?? dirname(scope.file), interpolate(written, { known: scope.known, escape: 'double-dollar' }).text);
    const entries = raw ? readRawEnvEntries(path, lookup) : readDotEnvEntries(path, { lookup, values: earlier, unknown: earlierUnknown });
    if (!entries) {
      const problem = isDirectory(path) ? 'is a directory, not a file of variables' : `is not found beside ${scope.file}`;
      if (required) notes.push({ origin: originOf(item, scope.at), message: `env_file ${written} ${problem}: docker compose refuses to start the service without it, and the variables it holds were not read` });
      continue;
    }
    for (const entry of entries) {
      const origin: FileOrigin = { kind: 'file', file: path, line: entry.line, column: 1 };
      const label = `${entry.name} in env_file ${written}`;
      out.push(entry.unresolved
        ? { name: entry.name, unreadable: dependsOnProjectEnv(entry.name, entry.unresolved), label, origin }
        : { name: entry.name, value: entry.value, label, origin });
      if (raw && !entry.unresolved) earlier.set(entry.name, entry.value);
    }
  }
  return out;
}

/**
 * `NAME=value` lines as `docker run --env-file` reads them: leading blanks and `#` lines skipped,
 * the value taken as written (trailing blanks and quotes kept), a name alone taking the lookup's
 * value (docker/cli pkg/kvfile/kvfile.go@v29.7.2 `parseKeyValueFile`, the docker/cli docker/compose's
 * go.mod@f72979427 pins, reached through its `rawEnv`; later docker/cli releases strip matching
 * quotes). A line docker would refuse (no name, a blank in the name) is skipped here.
 */
function readRawEnvEntries(path: string, lookup: VariableLookup): DotEnvEntry[] | undefined {
  const text = readSideFile(path);
  if (text === undefined) return undefined;
  const entries: DotEnvEntry[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const name = eq < 0 ? line : line.slice(0, eq);
    if (name === '' || /\s/.test(name)) return;
    if (eq >= 0) {
      entries.push({ name, value: line.slice(eq + 1), written: line.slice(eq + 1), line: index + 1 });
      return;
    }
    const value = lookup.get(name);
    const behind = lookup.unknownOf?.(name) ?? [];
    if (value !== undefined) entries.push({ name, value, written: value, line: index + 1, inherited: true, ...(behind.length > 0 ? { unresolved: [...behind] } : {}) });
  });
  return entries;
}

export type { DotEnvEntry } from './dotenv';

/**
 * The entries of a compose .env or env_file, read as docker compose reads them (./dotenv.ts);
 * undefined when the file cannot be read. Its values are the deploy's own, unlike this process's
 * environment.
 */
export function readDotEnvEntries(path: string, options?: DotEnvOptions): DotEnvEntry[] | undefined {
  const text = readSideFile(path);
  return text === undefined ? undefined : parseDotEnv(text, { ...options, file: path });
}

function readComposeFile(path: string): { doc: Document.Parsed; at: At; file: string } | undefined {
  const text = readSideFile(path);
  // A file nested too deep to parse safely is one not read, as a file with a YAML error is.
  if (text === undefined || yamlNestingBeyond(text)) return undefined;
  const { LineCounter, parseDocument } = yamlModule();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, version: '1.2', merge: true, uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0) return undefined;
  const at: At = yamlOriginAt(lineCounter, path);
  return { doc, at, file: path };
}

// ---------------------------------------------------------------------------------------------
// Kubernetes

/**
 * Kong operator resources whose `proxy` container is the Kong data plane (Kong/gateway-operator
 * pkg/consts/dataplane.go DataPlaneProxyContainerName; the pod template paths of
 * Kong/developer.konghq.com app/operator/dataplanes/reference/podtemplatespec.md).
 */
const OPERATOR: Record<string, string[]> = {
  DataPlane: ['spec', 'deployment', 'podTemplateSpec', 'spec'],
  GatewayConfiguration: ['spec', 'dataPlaneOptions', 'deployment', 'podTemplateSpec', 'spec'],
};

/**
 * The containers, ConfigMaps and Secrets of one manifest document (`kind: List` items included);
 * `lines`: the file's text, in which a ConfigMap or Secret key's value is located.
 */
export function manifestContainers(doc: Document.Parsed, at: At, file: string, read: ContainerEnvRead, lines?: TextLines, documentNumber?: number): void {
  const { isMap, isSeq } = yamlModule();
  const visit = (object: unknown, depth: number) => {
    if (!isMap(object) || depth > 3) return;
    const kind = scalarText(get(object, doc, 'kind'));
    const apiVersion = scalarText(get(object, doc, 'apiVersion')) ?? '';
    if (!kind) return;
    const items = get(object, doc, 'items');
    if (kind === 'List' || kind.endsWith('List')) {
      if (isSeq(items)) for (const item of items.items) visit(item, depth + 1);
      return;
    }
    const metadata = get(object, doc, 'metadata');
    const name = scalarText(get(metadata, doc, 'name')) ?? '(unnamed)';
    const namespace = scalarText(get(metadata, doc, 'namespace'));
    if (kind === 'ConfigMap' && apiVersion === 'v1') {
      const entries = configMapEntries(get(object, doc, 'data'), doc, at);
      read.configMaps.push({ name, ...(namespace ? { namespace } : {}), file, entries });
      if (lines) (read.volumeObjects ??= []).push({ kind, name, ...(namespace ? { namespace } : {}), file, lines, ...(documentNumber ? { document: documentNumber } : {}), entries });
      return;
    }
    if (kind === 'Secret' && apiVersion === 'v1') {
      if (!lines) return;
      const written = configMapEntries(get(object, doc, 'stringData'), doc, at);
      const encoded = configMapEntries(get(object, doc, 'data'), doc, at).filter((entry) => !written.some((w) => w.key === entry.key)).map((entry) => ({ ...entry, base64: true }));
      (read.volumeObjects ??= []).push({ kind, name, ...(namespace ? { namespace } : {}), file, lines, ...(documentNumber ? { document: documentNumber } : {}), entries: [...encoded, ...written] });
      return;
    }
    const operator = apiVersion.startsWith('gateway-operator.konghq.com/') ? ownValue(OPERATOR, kind) : undefined;
    const path = operator ?? podSpecPathOf(kind);
    if (!path) return;
    let spec: unknown = object;
    for (const key of path) spec = get(spec, doc, key);
    const containers = get(spec, doc, 'containers');
    if (!isSeq(containers)) return;
    for (const container of containers.items) {
      if (!isMap(container)) continue;
      const containerName = scalarText(get(container, doc, 'name')) ?? '(unnamed)';
      if (operator && containerName !== 'proxy') continue;
      read.containers.push(kubernetesContainer({ doc, at, file, kind, name, namespace, container, containerName, operator: Boolean(operator), volumes: get(spec, doc, 'volumes') }));
    }
  };
  visit(doc.contents, 0);
}

function configMapEntries(data: unknown, doc: Document.Parsed, at: At): ConfigMapData['entries'] {
  const { isMap, isScalar } = yamlModule();
  if (!isMap(data)) return [];
  return mapPairs(data, doc).flatMap(({ key, value }) => (isScalar(value) && value.value !== null ? [{ key, value: String(value.value), origin: originOf(value, at) }] : []));
}

interface ContainerScope {
  doc: Document.Parsed;
  at: At;
  file: string;
  kind: string;
  name: string;
  namespace?: string;
  container: YAMLMap;
  containerName: string;
  operator: boolean;
  /** The pod spec's `volumes`, for the ConfigMap and Secret volumes the container mounts. */
  volumes: unknown;
}

function kubernetesContainer(scope: ContainerScope): ContainerEnv {
  const { isMap, isScalar, isSeq } = yamlModule();
  const { doc, at, container } = scope;
  const imageNode = get(container, doc, 'image');
  const image = scalarText(imageNode);
  const nameNode = mapPairs(container, doc).find((pair) => pair.key === 'name');
  const origin = originOf(nameNode?.value ?? container, at);
  const kongImage = scope.operator || (image !== undefined && parseKongImage(image, origin, 'manifest') !== undefined);
  const command = [get(container, doc, 'command'), get(container, doc, 'args')].map((node) => commandText(node) ?? '').join(' ');
  const oneShot = runsOnlyTasks(command) ? runsNote(command)
    : scope.kind === 'Job' || scope.kind === 'CronJob' ? `it runs as a ${scope.kind}, a task that ends, not a Kong node`
      : scope.containerName === 'ingress-controller' ? 'it is the Kong Ingress Controller, not Kong' : undefined;
  const unit = `${scope.kind} ${scope.name} (container ${scope.containerName})`;
  const envFrom: EnvFromSource[] = [];
  const fromNode = get(container, doc, 'envFrom');
  if (isSeq(fromNode)) {
    for (const item of fromNode.items) {
      const prefix = scalarText(get(item, doc, 'prefix')) ?? '';
      for (const [field, kind] of [['configMapRef', 'ConfigMap'], ['secretRef', 'Secret']] as const) {
        const ref = get(item, doc, field);
        if (!isMap(ref)) continue;
        envFrom.push({ kind, name: scalarText(get(ref, doc, 'name')) ?? '(unnamed)', prefix, optional: scalarText(get(ref, doc, 'optional')) === 'true', origin: originOf(ref, at) });
      }
    }
  }
  const variables: ContainerVariable[] = [];
  const notes: ContainerEnv['notes'] = [];
  const envNode = get(container, doc, 'env');
  if (isSeq(envNode)) {
    for (const item of envNode.items) {
      const name = scalarText(get(item, doc, 'name'));
      if (!name || !isMap(item)) continue;
      const pairs = mapPairs(item, doc);
      const valueNode = pairs.find((pair) => pair.key === 'value')?.value;
      const fromValue = pairs.find((pair) => pair.key === 'valueFrom')?.value;
      const label = `env ${name} of ${unit}`;
      const originNode = valueNode ?? fromValue ?? pairs.find((pair) => pair.key === 'name')?.value;
      const variableOrigin = originOf(originNode, at);
      const keyRef = fromValue !== undefined ? get(fromValue, doc, 'configMapKeyRef') : undefined;
      const mapName = scalarText(get(keyRef, doc, 'name'));
      const mapKey = scalarText(get(keyRef, doc, 'key'));
      if (mapName && mapKey) {
        const configMapKey = { name: mapName, key: mapKey, optional: scalarText(get(keyRef, doc, 'optional')) === 'true' };
        variables.push({ name, unreadable: `comes from ${describeValueFrom(fromValue, doc)}, which is not in the files given with --image-file (give its manifest too)`, label, origin: variableOrigin, configMapKey });
      } else if (fromValue !== undefined) {
        variables.push({ name, unreadable: `comes from ${describeValueFrom(fromValue, doc)} when the pod starts`, label, origin: variableOrigin });
      } else if (valueNode === undefined || (isScalar(valueNode) && valueNode.value === null)) {
        variables.push({ name, value: '', label, origin: variableOrigin });
      } else if (isScalar(valueNode) && typeof valueNode.value === 'string') {
        variables.push({ name, value: valueNode.value, label, origin: variableOrigin, ...(valueNode.value.includes('$') ? { kubernetesRefs: true } : {}) });
      } else {
        variables.push({ name, unreadable: 'is not a string (an unquoted number or YAML 1.1 boolean such as off): Kubernetes refuses the manifest until it is quoted', label, origin: variableOrigin });
      }
    }
  }
  return {
    platform: 'kubernetes',
    file: scope.file,
    unit,
    userName: `${scope.containerName} of ${scope.kind} ${scope.name}`,
    origin,
    kongImage,
    namedKong: /kong/i.test(`${scope.name} ${scope.containerName} ${image ?? ''}`),
    ...(image !== undefined ? { image, imageOrigin: originOf(imageNode, at) } : {}),
    ...(oneShot ? { oneShot } : {}),
    envFrom,
    variables,
    notes,
    ...(scope.namespace ? { namespace: scope.namespace } : {}),
    ...objectMountsOf(scope),
    ...opaqueVolumeMountsOf(scope),
    ...commandReadsOf(command),
    ...kubernetesRun(scope),
  };
}

/**
 * A command written as a list of strings (a Kubernetes container's `command`/`args`, an ECS
 * container definition's `entryPoint`/`command`: both APIs refuse anything else), with the
 * kong.conf its `-c` names. A word the platform rewrites when the container starts
 * (`expandedAtStart`) leaves the words unknown here, and a `-c` path holding one is not followed.
 */
export function listCommand(node: unknown, at: At, expandedAtStart: (word: string) => boolean = () => false): ComposeCommand | undefined {
  const { isSeq } = yamlModule();
  if (!isSeq(node)) return undefined;
  const words = node.items.map((item) => scalarText(item) ?? '');
  const written = kongConfArgument(words);
  const origin = originOf(node, at);
  const known = words.some(expandedAtStart) ? {} : { words };
  return written === undefined || expandedAtStart(written) ? { ...known, origin } : { conf: { path: written, origin }, ...known, origin };
}

/**
 * The container's `command` and `args` as the run of a compose service: `command` replaces the
 * image's ENTRYPOINT and drops its CMD, `args` replaces the CMD (a compose `entrypoint:` and
 * `command:`), and `workingDir` its WORKDIR ("Define a Command and Arguments for a Container",
 * https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/;
 * Container `command`, `args`, `workingDir` in the Pod API reference,
 * https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#entrypoint). So
 * the kong.conf a `kong start -c FILE` names there is looked for where the container mounts it.
 */
function kubernetesRun(scope: ContainerScope): { run?: ComposeRun } {
  const { doc, container, at } = scope;
  // `$(NAME)` is expanded from the container's environment when the pod starts: not followed here.
  const expandedAtStart = (word: string) => word.includes('$(');
  const entrypoint = listCommand(get(container, doc, 'command'), at, expandedAtStart);
  const command = listCommand(get(container, doc, 'args'), at, expandedAtStart);
  const workingDir = scalarText(get(container, doc, 'workingDir'));
  if (!entrypoint && !command && workingDir === undefined) return {};
  return { run: { ...(entrypoint ? { entrypoint } : {}), ...(command ? { command } : {}), ...(workingDir !== undefined ? { workingDir } : {}) } };
}

function commandReadsOf(command: string): { commandReads?: string[] } {
  const names = [...variablesReadByCommand(command, 'kubernetes')];
  return names.length > 0 ? { commandReads: names } : {};
}

/** The container's `volumeMounts` of ConfigMap and Secret volumes of its pod (./kubernetes-mounts.ts). */
function objectMountsOf(scope: ContainerScope): { objectMounts?: ObjectMount[] } {
  const { isMap, isSeq } = yamlModule();
  const { doc, at } = scope;
  const mountsNode = get(scope.container, doc, 'volumeMounts');
  if (!isSeq(mountsNode) || !isSeq(scope.volumes)) return {};
  const sources = new Map<string, Omit<ObjectMount, 'target' | 'subPath' | 'origin'>>();
  for (const volume of scope.volumes.items) {
    const volumeName = scalarText(get(volume, doc, 'name'));
    if (!volumeName) continue;
    for (const [field, kind, nameKey] of [['configMap', 'ConfigMap', 'name'], ['secret', 'Secret', 'secretName']] as const) {
      const source = get(volume, doc, field);
      if (!isMap(source)) continue;
      const itemsNode = get(source, doc, 'items');
      const items = isSeq(itemsNode)
        ? new Map(itemsNode.items.flatMap((item) => {
          const key = scalarText(get(item, doc, 'key'));
          const path = scalarText(get(item, doc, 'path'));
          return key && path ? [[posix.normalize(path), key] as const] : [];
        }))
        : undefined;
      sources.set(volumeName, { kind, name: scalarText(get(source, doc, nameKey)) ?? '(unnamed)', ...(items ? { items } : {}) });
    }
  }
  const objectMounts: ObjectMount[] = [];
  for (const entry of mountsNode.items) {
    const source = sources.get(scalarText(get(entry, doc, 'name')) ?? '');
    const mountPath = scalarText(get(entry, doc, 'mountPath'));
    if (!source || !mountPath?.startsWith('/')) continue;
    const subPath = scalarText(get(entry, doc, 'subPath'));
    objectMounts.push({ ...source, target: normaliseTarget(mountPath), ...(subPath ? { subPath } : {}), origin: originOf(entry, at) });
  }
  return objectMounts.length > 0 ? { objectMounts } : {};
}

/**
 * The container's `volumeMounts` of every other volume of its pod (a persistentVolumeClaim, an
 * emptyDir, a hostPath, a projected volume), and of a volume the pod spec does not list: their
 * files are not read here.
 */
function opaqueVolumeMountsOf(scope: ContainerScope): { opaqueMounts?: OpaqueMount[] } {
  const { isMap, isSeq } = yamlModule();
  const { doc, at } = scope;
  const mountsNode = get(scope.container, doc, 'volumeMounts');
  if (!isSeq(mountsNode)) return {};
  const kinds = new Map<string, string>();
  for (const volume of isSeq(scope.volumes) ? scope.volumes.items : []) {
    const volumeName = scalarText(get(volume, doc, 'name'));
    if (!volumeName || !isMap(volume)) continue;
    // A volume has one source field beside its name (Volume in the Pod API reference).
    const source = volume.items.map((pair) => scalarText(pair.key)).find((key) => key !== undefined && key !== 'name');
    if (source) kinds.set(volumeName, source);
  }
  const out: OpaqueMount[] = [];
  for (const entry of mountsNode.items) {
    const volumeName = scalarText(get(entry, doc, 'name')) ?? '(unnamed)';
    const mountPath = scalarText(get(entry, doc, 'mountPath'));
    const kind = kinds.get(volumeName);
    if (!mountPath?.startsWith('/') || kind === 'configMap' || kind === 'secret') continue;
    out.push({ what: kind ? `${kind} volume ${volumeName}` : `volume ${volumeName}, not among the pod's volumes read here`, target: normaliseTarget(mountPath), origin: originOf(entry, at) });
  }
  return out.length > 0 ? { opaqueMounts: out } : {};
}

/** `Secret kong-pg (key password)`, `ConfigMap kong (key role)`, `a field of the pod`: never the value. */
function describeValueFrom(node: unknown, doc: Document.Parsed): string {
  for (const [field, label] of [['secretKeyRef', 'Secret'], ['configMapKeyRef', 'ConfigMap']] as const) {
    const ref = get(node, doc, field);
    if (ref !== undefined) {
      const name = scalarText(get(ref, doc, 'name'));
      const key = scalarText(get(ref, doc, 'key'));
      return `${label} ${name ?? '(unnamed)'}${key ? ` (key ${key})` : ''}`;
    }
  }
  if (get(node, doc, 'fieldRef') !== undefined || get(node, doc, 'resourceFieldRef') !== undefined) return 'a field of the pod';
  return 'a source Kubernetes fills in';
}

/** A file a compose file names (env_file, .env, an extends base): its text, or undefined when unreadable or too large. */
function readSideFile(path: string): string | undefined {
  try {
    return statSync(path).size > MAX_BYTES ? undefined : readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
