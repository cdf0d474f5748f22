// Finds and reads the declarative files of an installation: the files and folders given with
// --declarative, or else the file kong.conf's `declarative_config` names. A missing file given on
// the command line is an input error; a production path absent from this machine only means the
// declarative rules cannot be evaluated, and says so.

import { isUtf8 } from 'node:buffer';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { InputError } from '../../errors';
import { withTemplateHint } from '../template-hint';
import { fsErrorReason } from '../fs-error';
import { chartDblessTextOf, chartSwitchOf } from '../helm/conf-layer';
import { readHelmDblessText } from './helm-dbless-text';
import { nulByteError } from '../../text/encoding';
import type { KongConf } from '../kong-conf/types';
import { describeOrigin, fileOrigin } from '../../model/origin';
import { DEFAULT_MAX_DECLARATIVE_BYTES, describeSize } from '../file-limits';
import { isFile } from '../file-kind';
import { TextLines } from '../../text/line-index';
import { maskDeckTemplates } from './deck-templates';
import type { ParsedText } from './yaml-reader';
import { ParsedDocument } from './document';
import { DeclarativeEntitySource } from './entities';
import { readJson } from './json-reader';
import { readYaml } from './yaml-reader';
import type { ControllerIngressClass } from './kic-controller-class';
import { fieldPathText, KicPluginEntity, readManifestObjects, resourceLabel } from './kic-plugins';
import { manifestDocuments, type ManifestDocument } from './manifest-documents';
import { deckMountedObjects } from './deck-workloads';
import { readEmbeddedDeclarative } from './embedded-declarative';
import { heldDeclarative, type ContainerObjectMounts } from './held-declarative';
import { hostPathOf, type BindMount } from '../images/compose-mounts';
import { contextFileAt, describeCopy, kindOnDisk, type CopySource } from '../images/dockerfile-copies';
import type { DeclarativeConfig, DeclarativeDocument, EmbeddedDeclarative, EmbeddedSource, ManifestObjects, UnreadableDeclarative } from './types';

// Read only for Kubernetes manifests: a kong.conf check does not load the Ingress reader.
const kicIngressesModule = (): typeof import('./kic-ingresses') => require('./kic-ingresses') as typeof import('./kic-ingresses');

const READABLE_EXTENSIONS = ['.yml', '.yaml', '.json'];

export interface DeclarativeLoadOptions {
  /** Values of --declarative, in order (files or folders). */
  paths?: readonly string[];
  /** The loaded kong.conf, for `declarative_config`. */
  kongConf?: KongConf;
  /** The folder relative --declarative paths are resolved against. */
  cwd?: string;
  /** Refuse files larger than this (`--max-file-size`; default 256 MiB). */
  maxBytes?: number;
  /** The bind mounts of the compose service that runs Kong: declarative_config names a path in its container. */
  containerMounts?: { unit: string; mounts: readonly BindMount[] };
  /** The COPY and ADD steps of the Dockerfile that builds the image Kong runs: a step may put a project file at that path. */
  imageCopies?: CopySource;
  /** The ConfigMap and Secret volumes of the Kubernetes container that runs Kong: one may show a key at that path. */
  containerObjectMounts?: ContainerObjectMounts;
  /** The ingress classes the controller is started with, as other files say (--image-file manifests, Helm values): which Ingresses of a manifest it serves. */
  controllerClasses?: readonly ControllerIngressClass[];
}

export interface DeclarativeLoadResult {
  config?: DeclarativeConfig;
  /** Why there is no declarative input, for the "not evaluated" list. */
  missingReason?: string;
  /** How the file read was found when a bind mount or a Dockerfile's COPY led to it, for the inputs list. */
  mountedAs?: string;
  /**
   * Why the file declarative_config names is read as any declarative file, not as the one Kong
   * loads (no `database` set, so Kong runs with its default, postgres), for the inputs list.
   */
  notLoaded?: string;
  /** A configuration Kong would load that was not read because --declarative was given, for the inputs list. */
  setAside?: string;
}

export function loadDeclarative(options: DeclarativeLoadOptions): DeclarativeLoadResult {
  const cwd = options.cwd ?? process.cwd();
  if (options.paths && options.paths.length > 0) {
    const files = options.paths.flatMap((p) => expandCliPath(p, cwd));
    const given = new Set(options.paths);
    const scanned = new Set(files.filter((file) => !given.has(file)));
    const config = readAll(files, 'cli', false, cwd, options.maxBytes, options.controllerClasses, scanned);
    // The files given are checked instead of the chart's inline text: name it, unread.
    const inline = options.kongConf?.get('declarative_config');
    const text = inline && chartDblessTextOf(inline);
    return { config, ...(text ? { setAside: `\`${text.key}\` at ${text.node.origin.file}:${text.node.origin.line}, not read: the --declarative files given are checked instead` } : {}) };
  }
  const setting = options.kongConf?.get('declarative_config');
  if (!setting) {
    // A data plane's entities live in the control plane's database: that is where they are checked.
    if (options.kongConf?.get('role')?.value === 'data_plane') {
      return { missingReason: 'role = data_plane: its entities come from the control plane; check them in the control plane\'s run (its database), or give a `deck gateway dump` of it with --declarative' };
    }
    return { missingReason: 'no declarative file given (--declarative) and kong.conf sets no declarative_config' };
  }
  // Kong parses declarative_config only when database = off (kong/init.lua@2.8.4 and @3.4.2,
  // init): with a database the file is not this node's configuration, whatever it holds.
  const database = options.kongConf?.get('database');
  if (database && database.value !== 'off') {
    return {
      missingReason: `database = ${database.value} (${describeOrigin(database.origin)}): Kong reads declarative_config only on DB-less nodes, so this node's entities are in its database; read it, or give a \`deck gateway dump\` of it with --declarative`,
    };
  }
  // The chart's inline dblessConfig.config: the text Kong loads is in the values file, read there.
  const inline = chartDblessTextOf(setting);
  if (inline) {
    const reading = readHelmDblessText(inline.key, inline.node, cwd);
    if ('document' in reading) return { config: { documents: [reading.document], unreadable: [], from: 'kong.conf', entities: new DeclarativeEntitySource([reading.document], []) } };
    if ('wholeFile' in reading) {
      return { config: readAll([reading.wholeFile], 'kong.conf', true, cwd, options.maxBytes, options.controllerClasses), mountedAs: `declarative_config ${setting.value} in the pod: \`${inline.key}\` is set to this file's text with --set-file (${describeOrigin(inline.node.setFile!)}), which the Kong chart puts there` };
    }
    return { missingReason: `declarative_config is ${setting.value} in the pod: ${chartSwitchOf(setting)!.chartReason}; that text was not read here (${reading.unread}); give a copy with --declarative` };
  }
  // With no `database` set Kong runs with its default, postgres (kong/templates/kong_defaults.lua),
  // and does not load the file either: it is read, but as any declarative file, so that no rule
  // says Kong loads it (or upgrades it on load), as conf/declarative-config-ignored says it does not.
  const loadedByKong = database !== undefined;
  const notLoaded = loadedByKong ? {} : { notLoaded: `not loaded by Kong: no database is set, so Kong runs with its default, postgres, and loads declarative_config only with database = off; read as a declarative file` };
  const configured = setting.value;
  const conf = options.kongConf!;
  // Shown as the user would write it: relative to where they pointed at kong.conf.
  const file = isAbsolute(configured) ? configured : conf.file ? join(dirname(conf.file), configured) : resolve(conf.dir, configured);
  if (!isFile(resolve(cwd, file))) {
    // A compose service that mounts a project file at that path: Kong reads that file.
    const mounted = options.containerMounts && hostPathOf(configured, options.containerMounts.mounts);
    if (mounted) {
      const how = `declarative_config ${configured}, mounted by ${options.containerMounts!.unit} from ${mounted.mount.source} (${describeOrigin(mounted.mount.origin)})`;
      if (isFile(resolve(cwd, mounted.path))) return { config: readAll([mounted.path], 'kong.conf', loadedByKong, cwd, options.maxBytes, options.controllerClasses), mountedAs: how, ...notLoaded };
      return { missingReason: `${how}: ${mounted.path} is absent on this machine; give a copy with --declarative` };
    }
    // A ConfigMap or Secret key a Kubernetes volume shows there: Kong reads the key's text.
    const held = options.containerObjectMounts && heldDeclarative(configured, options.containerObjectMounts, loadedByKong);
    if (held) {
      if ('unread' in held) return { missingReason: `${held.how}: ${held.unread}` };
      return { config: { documents: [held.document], unreadable: [], from: 'kong.conf', entities: new DeclarativeEntitySource([held.document], []) }, mountedAs: held.how, ...notLoaded };
    }
    // A COPY of the Dockerfile that builds the image puts a project file there (a mount over it would win, above).
    const copied = options.imageCopies && contextFileAt(configured, options.imageCopies.copies, options.imageCopies.context, kindOnDisk(cwd));
    if (copied) {
      const at = `${copied.copy.instruction} at ${copied.copy.origin.file}:${copied.copy.origin.line}`;
      if (copied.kind === 'file') return { config: readAll([copied.path], 'kong.conf', loadedByKong, cwd, options.maxBytes, options.controllerClasses), mountedAs: `declarative_config ${configured}, ${describeCopy(undefined, copied.copy, options.imageCopies!, kindOnDisk(cwd))}`, ...notLoaded };
      if (copied.kind === 'absent') return { missingReason: `declarative_config ${configured}, copied there by ${at} from ${copied.path}: ${copied.path} is absent on this machine; give a copy with --declarative` };
      return { missingReason: `declarative_config ${configured} is put in the image by ${at}, not followed here (${copied.copy.unfollowed}); give a copy with --declarative` };
    }
    // The Kong chart's dblessConfig: the file exists only inside the pod; name where it comes from.
    const chart = chartSwitchOf(setting);
    return {
      missingReason: chart
        ? `declarative_config is ${configured} in the pod: ${chart.chartReason}; give a copy with --declarative`
        : `declarative_config (${describeOrigin(setting.origin)}) names ${configured}, absent on this machine; give a copy with --declarative`,
    };
  }
  return { config: readAll([file], 'kong.conf', loadedByKong, cwd, options.maxBytes, options.controllerClasses), ...notLoaded };
}

/**
 * A file, or every .yml/.yaml/.json file under a folder, subfolders included, as decK reads a
 * state folder (go-database-reconciler's ConfigFilesInDir walks the tree with filepath.Walk):
 * names in byte order within each folder, a subfolder where its name falls, symbolic links to
 * folders not followed.
 */
function expandCliPath(given: string, cwd: string): string[] {
  const full = resolve(cwd, given);
  let stats;
  try {
    stats = statSync(full);
  } catch (error) {
    throw new InputError(`cannot read declarative file: ${fsErrorReason(error)}`, { file: given });
  }
  if (!stats.isDirectory()) return [given];
  const files = filesUnder(given, full);
  if (files.length === 0) throw new InputError(`folder ${given} holds no .yml, .yaml or .json file (subfolders included)`, { file: given });
  return files;
}

/** Declarative files under `full` (shown as under `shown`), in decK's walking order. */
function filesUnder(shown: string, full: string): string[] {
  let entries;
  try {
    entries = readdirSync(full, { withFileTypes: true });
  } catch (error) {
    throw new InputError(`cannot read declarative folder: ${fsErrorReason(error)}`, { file: shown });
  }
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.isDirectory()) for (const file of filesUnder(join(shown, entry.name), join(full, entry.name))) found.push(file);
    else if (READABLE_EXTENSIONS.includes(extname(entry.name).toLowerCase())) found.push(join(shown, entry.name));
  }
  return found;
}

/** Reads files named as the user wrote them (reports show that name), relative to `cwd`. */
/** `scanned`: the files found in a folder given, rather than named one by one. */
function readAll(files: readonly string[], from: 'cli' | 'kong.conf', loadedByKong: boolean, cwd: string, maxBytes = DEFAULT_MAX_DECLARATIVE_BYTES, controllerClasses?: readonly ControllerIngressClass[], scanned?: ReadonlySet<string>): DeclarativeConfig {
  const documents: DeclarativeDocument[] = [];
  const unreadable: UnreadableDeclarative[] = [];
  const kicPlugins: KicPluginEntity[] = [];
  const embeddedRead: { document: DeclarativeDocument; entries: EmbeddedDeclarative[] }[] = [];
  const read = files.map((file) => ({
    file,
    document: extname(file).toLowerCase() === '.lua' ? undefined : readDeclarativeText(file, readText(file, resolve(cwd, file), maxBytes), loadedByKong),
  }));
  const manifests = new Map<DeclarativeDocument, ManifestDocument[]>();
  for (const { document } of read) {
    if (document && !loadedByKong && isKubernetesManifest(document.root)) manifests.set(document, [...manifestDocuments(document)]);
  }
  // The decK Job that mounts a ConfigMap often sits in another file of the folder than the ConfigMap.
  const forDeck = deckMountedObjects([...manifests.values()].flat());
  for (const { file, document } of read) {
    if (document === undefined) {
      unreadable.push({ file, reason: 'lua-format', origin: fileOrigin(file, 1) });
      continue;
    }
    // A folder of configuration often keeps Kubernetes manifests (Kong Ingress Controller
    // resources, a Deployment) beside kong.yml. They are no Kong file; their KongPlugin and
    // KongClusterPlugin resources are plugins the controller sends to Kong, and are checked as
    // such (kic-plugins.ts). Everything else in them is listed as not checked.
    const objects = manifests.get(document);
    if (objects) {
      // A kong.yml kept as text in a ConfigMap is checked where it is written (embedded-declarative.ts).
      const embedded = readEmbeddedDeclarative(file, document, objects, EMBEDDED_ROOT_KEY, isKongRoot, forDeck);
      if (embedded.document) {
        documents.push(embedded.document);
        embeddedRead.push({ document: embedded.document, entries: embedded.entries });
      }
      const reading = readManifestObjects(objects);
      kicPlugins.push(...reading.plugins);
      unreadable.push({
        file, reason: 'kubernetes-manifest', kind: String(document.root.kind), ...(embedded.entries.length > 0 ? { embedded: embedded.entries } : {}),
        objects: { ...summarizeObjects(reading), ingressPaths: kicIngressesModule().readKicIngressPaths(objects, controllerClasses ? { controllerClasses } : {}) }, origin: fileOrigin(file, 1),
      });
      continue;
    }
    const setAside = loadedByKong ? undefined : setAsideReason(document.root, scanned?.has(file) ?? false);
    if (setAside) {
      unreadable.push({ file, reason: setAside, ...(setAside === 'not-kong' ? { rootKeys: Object.keys(document.root) } : {}), origin: fileOrigin(file, 1) });
      continue;
    }
    documents.push(document);
  }
  const checked = keepOneConfiguration(documents, embeddedRead);
  return { documents: checked, unreadable, from, entities: new DeclarativeEntitySource(checked, kicPlugins) };
}

/**
 * The documents to check when configurations kept in manifests were read in place. decK merges
 * the files of a folder into one configuration, but a ConfigMap's kong.yml is a whole node's
 * configuration of its own: beside Kong files (often the file it was rendered from) or beside
 * another manifest's, merging would double every entity or mix two nodes. Kong files given win,
 * else the first manifest's; each configuration set aside is marked on its entry, in place.
 */
function keepOneConfiguration(
  documents: DeclarativeDocument[],
  embeddedRead: readonly { document: DeclarativeDocument; entries: EmbeddedDeclarative[] }[],
): DeclarativeDocument[] {
  if (embeddedRead.length === 0) return documents;
  const inManifests = new Set(embeddedRead.map((read) => read.document));
  const files = documents.filter((document) => !inManifests.has(document)).map((document) => document.file);
  const kept = files.length > 0 ? undefined : embeddedRead[0];
  if (embeddedRead.length === 1 && kept) return documents;
  const keptSource = kept?.entries.find((entry) => entry.status === 'checked');
  for (const read of embeddedRead) {
    if (read === kept) continue;
    read.entries.forEach((entry, index) => {
      if (entry.status !== 'checked') return;
      read.entries[index] = keptSource
        ? { ...sourceOf(entry), origin: entry.origin, status: 'not-read', readInstead: sourceOf(keptSource) }
        : { ...sourceOf(entry), origin: entry.origin, status: 'beside-files', files: files.slice(0, 3) };
    });
  }
  return documents.filter((document) => !inManifests.has(document) || document === kept?.document);
}

function sourceOf(entry: EmbeddedDeclarative): EmbeddedSource {
  return { file: entry.file, key: entry.key, kind: entry.kind, ...(entry.name !== undefined ? { name: entry.name } : {}), document: entry.document };
}

/**
 * Why a file given as declarative configuration (not one kong.conf names) is another tool's and
 * is set aside unchecked; undefined for a file read as Kong's or decK's.
 */
function setAsideReason(root: Readonly<Record<string, unknown>>, scanned: boolean): 'compose-file' | 'helm-values' | 'not-kong' | undefined {
  // docker compose files (compose.yaml beside kong.yaml) share the name `services`, as a map.
  if (isComposeFile(root)) return 'compose-file';
  // Helm values for Kong's chart often sit beside kong.yml in a deployment folder, or are passed
  // to --declarative by mistake; read as Kong's they would only get "no _format_version".
  if (isKongChartValues(root)) return 'helm-values';
  // Files of other tools (a chart's Chart.yaml, a Grafana dashboard, another chart's values)
  // sit in deployment folders that `--declarative DIR` reads whole; read as Kong's they would
  // only get a "no _format_version" blocker (sweep 17: monitor-kong-gw kong/Chart.yaml).
  if (isOtherToolsFile(root)) return 'not-kong';
  // A file a folder scan found whose root names nothing Kong or decK accept there (a log
  // payload `{"streams": [...]}` kept as an example): both refuse it, so it is not one of theirs.
  if (scanned && !Object.keys(root).some((key) => ROOT_ENTITY_KEYS.has(key) || METADATA_KEYS.includes(key) || DECK_ROOT_KEYS.includes(key))) return 'not-kong';
  return undefined;
}

/** Keys of a declarative root that make it Kong's (kong/db/schema/others/declarative_config.lua and decK's state). */
const KONG_ROOT_KEYS = ['_format_version', 'services', 'routes', 'plugins', 'consumers', 'upstreams', 'certificates', 'ca_certificates', 'vaults'];

/**
 * Every entity list Kong's declarative format takes at its root in the open-source releases: the
 * core entities (kong/constants.lua@3.9.3 CORE_ENTITIES) and the entities of the bundled plugins
 * (their daos.lua, e.g. kong/plugins/key-auth/daos.lua@3.9.3); with `services`, `routes` and the
 * others of KONG_ROOT_KEYS. A custom plugin's entities are not known here.
 */
const ROOT_ENTITY_KEYS: ReadonlySet<string> = new Set([
  ...KONG_ROOT_KEYS,
  'workspaces', 'snis', 'targets', 'tags', 'parameters', 'key_sets', 'keys', 'filter_chains', 'clustering_data_planes',
  'acls', 'acme_storage', 'basicauth_credentials', 'hmacauth_credentials', 'jwt_secrets', 'keyauth_credentials',
  'oauth2_authorization_codes', 'oauth2_credentials', 'oauth2_tokens', 'sessions', 'ratelimiting_metrics',
]);

/**
 * Root keys of a decK state file beyond Kong's own entity lists (Kong/go-database-reconciler
 * pkg/file/types.go@8f5e476d `Content`), and the metadata keys of either tool (Kong:
 * kong/db/schema/others/declarative_config.lua@3.9.3 build_fields, lines 250-262).
 */
const DECK_ROOT_KEYS = ['consumer_groups', 'filter_chains', 'rbac_roles', 'service_packages', 'licenses', 'custom_entities', 'partials', 'keys', 'key_sets', 'cloned_plugins', 'custom_plugins'];
const METADATA_KEYS = ['_format_version', '_transform', '_comment', '_ignore', '_info', '_workspace', '_konnect', '_plugin_configs'];

/**
 * A YAML or JSON file that is nobody's declarative configuration: no key of Kong's or decK's at
 * its root (a Grafana export's `__inputs` is not one), and a text or a mapping among its root
 * values, where every collection of Kong's format (arrays of records, declarative_config.lua
 * lines 145-153) and of decK's is a list.
 */
function isOtherToolsFile(root: Readonly<Record<string, unknown>>): boolean {
  const keys = Object.keys(root);
  if (keys.length === 0) return false;
  if (keys.some((key) => METADATA_KEYS.includes(key) || KONG_ROOT_KEYS.includes(key) || DECK_ROOT_KEYS.includes(key))) return false;
  return keys.some((key) => root[key] !== null && !Array.isArray(root[key]));
}

/** A Kubernetes object: `apiVersion` and `kind` as text at the root, and nothing of Kong's. */
function isKubernetesManifest(root: Readonly<Record<string, unknown>>): boolean {
  return typeof root.apiVersion === 'string' && typeof root.kind === 'string' && !KONG_ROOT_KEYS.some((key) => key in root);
}

/** Parsed text that is a Kong declarative configuration: a Kong key at its root, and none of the look-alikes above or below. */
function isKongRoot(root: Readonly<Record<string, unknown>>): boolean {
  return KONG_ROOT_KEYS.some((key) => key in root) && !isComposeFile(root) && !isKongChartValues(root);
}

/** Keys a compose service definition carries (compose-spec schema/compose-spec.json, `service`). */
const COMPOSE_SERVICE_KEYS = ['image', 'build', 'environment', 'env_file', 'ports', 'volumes', 'command', 'depends_on', 'extends', 'networks', 'healthcheck'];

/**
 * A docker compose file: `services` is a mapping of named service definitions, where Kong and
 * decK have a list; every definition carries compose keys (an image, a build, its environment...).
 */
function isComposeFile(root: Readonly<Record<string, unknown>>): boolean {
  const services = root.services;
  if (!services || typeof services !== 'object' || Array.isArray(services) || '_format_version' in root) return false;
  const definitions = Object.values(services);
  return definitions.length > 0 && definitions.every((definition) =>
    definition !== null && typeof definition === 'object' && !Array.isArray(definition) && COMPOSE_SERVICE_KEYS.some((key) => key in definition));
}

/**
 * Top-level keys of the Kong Helm chart's values that no declarative file has
 * (Kong/charts charts/kong/values.yaml@e76b800; `plugins` and `certificates` are left out: Kong's
 * files have keys of those names).
 */
const KONG_CHART_VALUES_KEYS = [
  'deployment', 'env', 'envFrom', 'image', 'admin', 'status', 'cluster', 'proxy', 'udpProxy', 'secretVolumes',
  'migrations', 'dblessConfig', 'ingressController', 'postgresql', 'waitImage', 'updateStrategy', 'resources',
  'readinessProbe', 'livenessProbe', 'podAnnotations', 'podLabels', 'replicaCount', 'autoscaling',
  'securityContext', 'serviceMonitor', 'enterprise', 'manager', 'portal', 'portalapi', 'clustertelemetry',
];

/** The kong/ingress chart nests the kong chart's values under `controller` and `gateway` (Kong/charts charts/ingress/values.yaml@e76b800). */
const INGRESS_CHART_SUBCHARTS = ['controller', 'gateway'];

/**
 * Helm values for the kong chart (or the kong/ingress chart): no `_format_version` and no Kong
 * collection written as a list, and the chart's own keys at the root (or under
 * `controller`/`gateway`): two of them, or nothing else (a small override file holding only
 * `admin:`), so that another tool's file with one such key (a CI workflow's `env:`) is not taken
 * for chart values.
 */
function isKongChartValues(root: Readonly<Record<string, unknown>>): boolean {
  if ('_format_version' in root || KONG_ROOT_KEYS.some((key) => Array.isArray(root[key]))) return false;
  const looksLikeChartValues = (values: unknown): boolean => {
    if (!values || typeof values !== 'object' || Array.isArray(values)) return false;
    const keys = Object.keys(values);
    const chartKeys = keys.filter((key) => KONG_CHART_VALUES_KEYS.includes(key)).length;
    return chartKeys >= 2 || (chartKeys === 1 && keys.length === 1);
  };
  return looksLikeChartValues(root) || INGRESS_CHART_SUBCHARTS.some((key) => looksLikeChartValues(root[key]));
}

/** A Kong root key of embedded text: `services:` at the start of a line (YAML), or `"services":` (JSON). */
const EMBEDDED_ROOT_KEY = new RegExp(`^(?:[ \\t{]*"(?:${KONG_ROOT_KEYS.join('|')})"|(?:${KONG_ROOT_KEYS.join('|')}))[ \\t]*:`, 'm');

function summarizeObjects(reading: ReturnType<typeof readManifestObjects>): Omit<ManifestObjects, 'ingressPaths'> {
  const counts = new Map<string, number>();
  for (const plugin of reading.plugins) counts.set(plugin.resource.kind, (counts.get(plugin.resource.kind) ?? 0) + 1);
  const patched = reading.plugins
    .filter((plugin) => plugin.patched.length > 0)
    .map((plugin) => ({
      label: resourceLabel(plugin.resource),
      // A patch below one that set a whole object names that object again (addUnknown): once is enough.
      fields: [...new Set(plugin.patched.map((field) => fieldPathText(field.path)))],
      origin: plugin.resource.at(['configPatches']),
      plugin: () => plugin,
    }));
  return { checked: [...counts].map(([kind, count]) => ({ kind, count })), unchecked: reading.unchecked, patched, otherKinds: reading.otherKinds };
}

function readText(file: string, fullPath: string, maxBytes: number): string {
  let buffer: Buffer;
  try {
    // The size is checked before reading: a wrong path to a disk image must not fill memory.
    const size = statSync(fullPath).size;
    if (size > maxBytes) throw tooLarge(file, size, maxBytes);
    buffer = readFileSync(fullPath);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read declarative file: ${fsErrorReason(error)}`, { file });
  }
  if (buffer.length > maxBytes) throw tooLarge(file, buffer.length, maxBytes);
  const nul = buffer.indexOf(0);
  if (nul >= 0) throw nulByteError(buffer, nul, file, 'declarative file holds a NUL byte: not a text file');
  if (!isUtf8(buffer)) throw new InputError('declarative file is not valid UTF-8 text', { file, line: firstInvalidLine(buffer) });
  const text = buffer.toString('utf8');
  // A byte-order mark is legal in both YAML and JSON files but JSON.parse refuses it.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function tooLarge(file: string, size: number, maxBytes: number): InputError {
  return new InputError(`declarative file is ${describeSize(size)}, over the ${describeSize(maxBytes)} limit (raise it with --max-file-size)`, { file });
}



/** The line of the first byte sequence that is not UTF-8 (checked line by line only on failure). */
function firstInvalidLine(buffer: Buffer): number | undefined {
  let start = 0;
  for (let line = 1; start <= buffer.length; line++) {
    const end = buffer.indexOf(0x0a, start);
    const stop = end < 0 ? buffer.length : end;
    if (!isUtf8(buffer.subarray(start, stop))) return line;
    start = stop + 1;
  }
  return undefined;
}

/** Parses text as YAML or JSON (by extension; unknown extensions are sniffed). */
export function readDeclarativeText(file: string, text: string, loadedByKong = false): DeclarativeDocument {
  const ext = extname(file).toLowerCase();
  const looksJson = ext === '.json' || (!READABLE_EXTENSIONS.includes(ext) && /^\s*[{[]/.test(text));
  const format = looksJson ? 'json' : 'yaml';
  // One line index per text, shared by the reader, the document and fingerprints.
  const lines = new TextLines(text);
  const read = (source: string): ParsedText => (format === 'json' ? readJson(source, file, lines) : readYaml(source, file, lines));
  let parsed: ParsedText;
  try {
    parsed = read(text);
  } catch (error) {
    // decK renders `${{ env "..." }}` before parsing (deck-templates.ts); Kong does not, so a
    // file Kong loads itself keeps its error. The masked text has the same length and lines.
    const masked = loadedByKong ? text : maskDeckTemplates(text);
    if (!(error instanceof InputError)) throw error;
    if (masked === text) throw withTemplateHint(error, text);
    try {
      parsed = read(masked);
    } catch {
      throw withTemplateHint(error, text);
    }
  }
  return new ParsedDocument(file, format, text, lines, parsed, loadedByKong);
}
