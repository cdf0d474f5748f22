// Kong Ingress Controller plugin resources (KongPlugin, KongClusterPlugin) read from Kubernetes
// manifests as plugin entities. The controller sends each one to Kong as a plugin (Admin API or
// DB-less /config), so Kong's plugin schema of the target version judges it exactly as it judges
// a kong.yml plugin. What the controller sends, per resource
// (Kong/kubernetes-ingress-controller internal/dataplane/kongstate/plugin.go@v3.1.0, toKongPlugin):
// `plugin` as the name, `config` as written, `enabled: false` when `disabled` is true, and
// `protocols`, `ordering`, `instance_name` and `run_on` as written. The fields a resource may carry
// are those of config/crd/bases/configuration.konghq.com_kongplugins.yaml@v3.1.0 (and
// _kongclusterplugins.yaml, which adds a namespace to its Secret references).
//
// Where a plugin is attached (annotations on Ingresses, Services, KongConsumers; `consumerRef`)
// does not matter to the schema, so no parent is worked out.

import type { Entity, FieldPath } from '../../model/entities';
import type { FileOrigin } from '../../model/origin';
import { isRecord } from '../../model/field-paths';
import type { ManifestDocument } from './manifest-documents';
import { applyConfigPatches, type PatchedField } from './kic-config-patches';
import { ownValue } from '../../own-key';

const KIC_GROUP = 'configuration.konghq.com/';
export const KIC_PLUGIN_KINDS = ['KongPlugin', 'KongClusterPlugin'] as const;
export type KicPluginKind = (typeof KIC_PLUGIN_KINDS)[number];

/** Entity fields written under another key in the resource. */
const RESOURCE_KEY: Readonly<Record<string, string>> = { name: 'plugin', enabled: 'disabled' };

/** A KongPlugin or KongClusterPlugin, as the plugin Kong receives. */
export class KicPluginEntity implements Entity {
  readonly type = 'plugin' as const;
  readonly sourceKind = 'declarative' as const;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly name: string;
  readonly label: string;
  /** Fields whose value the controller takes from a Secret (`configPatches`). */
  readonly patched: readonly PatchedField[];

  constructor(
    readonly resource: KicResource,
    pluginName: string,
    /** The config after `configPatches`, and the fields they set (values from Secrets, not known here). */
    patches?: { config: Record<string, unknown>; patched: readonly PatchedField[] },
  ) {
    const written = resource.record;
    const fields: Record<string, unknown> = { name: pluginName };
    // An absent config reaches Kong as an empty one, filled with the schema's defaults.
    fields.config = patches?.config ?? (isRecord(written.config) ? written.config : {});
    this.patched = patches?.patched ?? [];
    if (typeof written.disabled === 'boolean') fields.enabled = !written.disabled;
    for (const key of ['protocols', 'ordering', 'instance_name', 'run_on']) {
      if (written[key] !== undefined && written[key] !== null) fields[key] = written[key];
    }
    this.fields = fields;
    this.name = pluginName;
    this.label = `${resource.title} (${resource.namespace ? `namespace ${resource.namespace}, ` : ''}plugin ${pluginName})`;
  }

  get origin(): FileOrigin {
    return this.resource.at([]);
  }

  at(path: FieldPath = []): FileOrigin {
    if (path.length === 0) return this.resource.at([]);
    // A field a Secret sets, or one inside it, is written nowhere but in its patch's `path`.
    const patch = this.patched.find((field) => startsWith(path, field.path));
    if (patch) return this.resource.at(['configPatches', patch.patch, 'path']);
    const head = typeof path[0] === 'string' ? ownValue(RESOURCE_KEY, path[0]) ?? path[0] : path[0];
    return this.resource.at([head, ...path.slice(1)]);
  }
}

/** `KongPlugin "rl" (namespace api)`: how messages name a resource. */
export function resourceLabel(resource: KicResource): string {
  return `${resource.title}${resource.namespace ? ` (namespace ${resource.namespace})` : ''}`;
}

/** `config.redis.password`, `config.allow[0]`: a field path as messages write it. */
export function fieldPathText(path: FieldPath): string {
  return path.reduce<string>((text, step) => (typeof step === 'number' ? `${text}[${step}]` : text === '' ? step : `${text}.${step}`), '');
}

function startsWith(path: FieldPath, prefix: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((step, i) => step === path[i]);
}

/** One Kubernetes object of a manifest: a whole document, or an item of a `kind: List`. */
export interface KicResource {
  readonly kind: string;
  readonly record: Readonly<Record<string, unknown>>;
  /** `metadata.name`, when written as text. */
  readonly name?: string;
  readonly namespace?: string;
  /** `KongPlugin "rl"`, or `KongPlugin (document 3)` for one without a name. */
  readonly title: string;
  at(path: FieldPath): FileOrigin;
}

/** A KIC plugin resource whose configuration cannot be read here, and why. */
export interface UncheckedKicPlugin {
  label: string;
  reason: 'config-from-secret' | 'config-patches' | 'config-patches-not-applicable' | 'config-from-conflict' | 'no-plugin-name';
  origin: FileOrigin;
  /** The plugin Kong gets from it (its `plugin`, where it is written), when Kong gets one. */
  plugin?: { name: string; origin: FileOrigin };
}

/** What the Kubernetes documents of one manifest held. */
export interface ManifestReading {
  /** KongPlugin and KongClusterPlugin resources read as plugin entities. */
  plugins: KicPluginEntity[];
  /** KIC plugin resources that were found but could not be checked. */
  unchecked: UncheckedKicPlugin[];
  /** The kinds of every other object, in file order, each once. */
  otherKinds: string[];
}

/** Sorts the objects of a manifest into KIC plugins (checked or not) and everything else. */
export function readManifestObjects(documents: Iterable<ManifestDocument>): ManifestReading {
  const reading: ManifestReading = { plugins: [], unchecked: [], otherKinds: [] };
  const other = new Set<string>();
  for (const document of documents) {
    for (const resource of objectsOf(document)) {
      if (!isKicPlugin(resource.record)) {
        other.add(resource.kind);
        continue;
      }
      const plugin = resource.record.plugin;
      // A plugin whose config is read from Secrets still reaches Kong under its written name:
      // an Enterprise-only name means Enterprise whatever the config holds.
      const reachesKong = (reason: UncheckedKicPlugin['reason']) => (reason === 'config-from-secret' || reason === 'config-patches') && typeof plugin === 'string' && plugin !== '';
      const unchecked = (reason: UncheckedKicPlugin['reason']) =>
        reading.unchecked.push({
          label: resourceLabel(resource),
          reason,
          origin: resource.at([UNCHECKED_AT[reason]]),
          ...(reachesKong(reason) ? { plugin: { name: plugin as string, origin: resource.at(['plugin']) } } : {}),
        });
      const configFrom = resource.record.configFrom !== undefined && resource.record.configFrom !== null;
      // Values taken from Secrets at sync time: Secrets are not read (a manifest may carry the
      // Secret too, but its values must stay out of every report), and a check of what is
      // written would judge a config nobody sends (a default looks unset).
      if (configFrom && hasWrittenConfig(resource.record)) unchecked('config-from-conflict');
      else if (configFrom) unchecked('config-from-secret');
      else if (typeof plugin !== 'string' || plugin === '') unchecked('no-plugin-name');
      else if (hasConfigPatches(resource.record)) {
        // What is written is checked; each patched field counts as set, its value unknown.
        const patches = applyConfigPatches(resource.record.config, resource.record.configPatches as unknown[]);
        if ('unknown' in patches) unchecked(patches.unknown === 'whole-config' ? 'config-patches' : 'config-patches-not-applicable');
        else reading.plugins.push(new KicPluginEntity(resource, plugin, patches));
      } else reading.plugins.push(new KicPluginEntity(resource, plugin));
    }
  }
  reading.otherKinds = [...other];
  return reading;
}

/** The resource key each reason for leaving a plugin unchecked points at. */
const UNCHECKED_AT: Readonly<Record<UncheckedKicPlugin['reason'], string>> = {
  'config-from-secret': 'configFrom',
  'config-patches': 'configPatches',
  'config-patches-not-applicable': 'configPatches',
  'config-from-conflict': 'configFrom',
  'no-plugin-name': 'kind',
};

/**
 * Whether a resource with `configFrom` also gives config of its own. The controller applies
 * `configPatches` to `config` first and refuses a resource whose result is not empty while
 * `configFrom` is set ("has both Config and ConfigFrom set"), so Kong gets no plugin from it
 * (Kong/kubernetes-ingress-controller internal/dataplane/kongstate/plugin.go@v3.4.0,
 * kongPluginFromK8SPlugin); from KIC 3.1 the CRD's validation rules reject such a resource
 * when it is applied (config/crd/bases/configuration.konghq.com_kongplugins.yaml@v3.1.0).
 */
function hasWrittenConfig(record: Readonly<Record<string, unknown>>): boolean {
  const config = record.config;
  if (isRecord(config) && Object.keys(config).length > 0) return true;
  return hasConfigPatches(record);
}

/** Whether the resource patches values from Secrets into its config (`configPatches`, KIC 3.1+). */
function hasConfigPatches(record: Readonly<Record<string, unknown>>): boolean {
  return Array.isArray(record.configPatches) && record.configPatches.length > 0;
}

function isKicPlugin(record: Readonly<Record<string, unknown>>): boolean {
  return typeof record.apiVersion === 'string' && record.apiVersion.startsWith(KIC_GROUP) && (KIC_PLUGIN_KINDS as readonly unknown[]).includes(record.kind);
}

/**
 * The objects of a document: the document itself, the items of a list (`kubectl get -o yaml`
 * writes `kind: List`; the API's own lists are `KongPluginList` and the like), or the objects of
 * an OpenShift Template, which `oc process` turns into those objects once its `${PARAMETERS}`
 * are filled in (openshift/api template/v1/types.go, Template.Objects).
 */
export function* objectsOf(document: ManifestDocument): Generator<KicResource> {
  const root = document.root;
  if (typeof root.kind === 'string' && root.kind.endsWith('List') && Array.isArray(root.items)) {
    for (let index = 0; index < root.items.length; index++) {
      const item: unknown = root.items[index];
      if (isRecord(item)) yield resourceAt(document, item, ['items', index], `item ${index + 1} of document ${document.number}`);
    }
    return;
  }
  if (isOpenShiftTemplate(root) && Array.isArray(root.objects)) {
    // The template itself is an object too (it is what `oc apply` creates), listed as not checked.
    yield resourceAt(document, root, [], `document ${document.number}`);
    for (let index = 0; index < root.objects.length; index++) {
      const item: unknown = root.objects[index];
      if (isRecord(item)) yield resourceAt(document, item, ['objects', index], `object ${index + 1} of document ${document.number}`, true);
    }
    return;
  }
  yield resourceAt(document, root, [], `document ${document.number}`);
}

/** `kind: Template` of template.openshift.io, or of the legacy `v1` group OpenShift 3 templates use. */
function isOpenShiftTemplate(root: Readonly<Record<string, unknown>>): boolean {
  return root.kind === 'Template' && typeof root.apiVersion === 'string' && (root.apiVersion === 'v1' || root.apiVersion.startsWith('template.openshift.io/'));
}

function resourceAt(document: ManifestDocument, record: Readonly<Record<string, unknown>>, prefix: FieldPath, place: string, inTemplate = false): KicResource {
  const kind = typeof record.kind === 'string' ? record.kind : 'unknown';
  const metadata = isRecord(record.metadata) ? record.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : undefined;
  // KongClusterPlugin is cluster-scoped: a namespace written on it means nothing. A template
  // drops a namespace written as a literal when it is processed (openshift/api
  // template/v1/types.go, Template.Objects), so only a written parameter is kept.
  const written = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
  const namespace = kind !== 'KongClusterPlugin' && written !== undefined && (!inTemplate || written.includes('${')) ? written : undefined;
  return {
    kind,
    record,
    ...(name !== undefined ? { name } : {}),
    ...(namespace ? { namespace } : {}),
    title: name !== undefined ? `${kind} "${name}"` : `${kind} (${place})`,
    at: (path) => document.at(prefix.length === 0 ? path : [...prefix, ...path]),
  };
}
