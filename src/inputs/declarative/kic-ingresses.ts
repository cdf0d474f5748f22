// The Ingress paths of a Kubernetes manifest that the Kong Ingress Controller (KIC) sends to Kong,
// with what decides how Kong reads them as regexes: the Ingress's own regex prefix, and whether the
// controller's IngressClass turns on the 2.x regex guess (IngressClassParameters). Only what the
// manifest itself says is used: an IngressClass or its parameters kept elsewhere are "unknown",
// never guessed. The class the controller serves comes from its container's flag or variable
// (./kic-controller-class.ts): given by the caller when another file says it (a Deployment given
// with --image-file, Helm values), else read from the manifest's own controller container, else
// taken as `kong`. Facts in src/knowledge/platform/kic-ingress-paths.ts.

import type { FileOrigin } from '../../model/origin';
import { isRecord } from '../../model/field-paths';
import { KIC_INGRESS_PATH_FACTS as FACTS } from '../../knowledge/platform/kic-ingress-paths';
import { objectsOf, type KicResource } from './kic-plugins';
import { controllerClassesIn, type ControllerIngressClass } from './kic-controller-class';
import type { ManifestDocument } from './manifest-documents';

/** How an Ingress came to be the controller's. */
export type IngressClassMatch =
  /** It names a class the controller serves (`spec.ingressClassName` or the annotation). */
  | { kind: 'named'; name: string }
  /** It names none, and the manifest's IngressClass of the controller is the cluster default. */
  | { kind: 'default'; name: string }
  /** It names none, and the manifest holds no IngressClass of the controller to tell. */
  | { kind: 'unknown' };

/** `on`/`off` as the manifest's IngressClassParameters say; `unknown` when the manifest does not hold them. */
export type LegacyDetection = 'on' | 'off' | 'unknown';

/** One ImplementationSpecific path (written so, or with no pathType) of an Ingress the controller serves. */
export interface KicIngressPath {
  /** `namespace/name`, or the name alone when no namespace is written. */
  ingress: string;
  rule: number;
  index: number;
  path: string;
  /** The prefix that marks a regex path for this Ingress (`/~`, or its annotation's value). */
  regexPrefix: string;
  prefixFromAnnotation: boolean;
  classMatch: IngressClassMatch;
  legacyDetection: LegacyDetection;
  /** Where the path's value is written. */
  origin: FileOrigin;
  /** The Ingress's API when an older one (`networking.k8s.io/v1beta1`, `extensions/v1beta1`), which the controller read only below 2.10. */
  betaApi?: string;
  /** What says the controller serves the class it matched, when a flag, variable or Helm value says it. */
  controllerClass?: ControllerIngressClass;
}

export interface KicIngressReadOptions {
  /** The classes the controller is started with, as files other than the manifest say (none: the manifest's own controller container, else `kong`). */
  controllerClasses?: readonly ControllerIngressClass[];
}

interface IngressClassObject {
  name: string;
  controller?: string;
  isDefault: boolean;
  parameters?: Readonly<Record<string, unknown>>;
}

/** The ImplementationSpecific paths of the controller's Ingresses in a manifest, in file order. */
export function readKicIngressPaths(documents: readonly ManifestDocument[], options: KicIngressReadOptions = {}): KicIngressPath[] {
  const resources = documents.flatMap((document) => [...objectsOf(document)]);
  const classes = resources.filter((r) => r.kind === 'IngressClass' && isApi(r, 'networking.k8s.io/')).map(ingressClassOf).filter((c): c is IngressClassObject => c !== undefined);
  const parameters = resources.filter((r) => r.kind === FACTS.parametersKind && isApi(r, `${FACTS.parametersGroup}/`));
  const started = options.controllerClasses?.length ? options.controllerClasses : controllerClassesIn(resources);
  const servedNames = new Set(started.map((c) => c.name));
  // Without a controller container to tell, every IngressClass of the controller may be one an
  // instance of it serves, and `kong` is its class unless started with another; a manifest that
  // gives that name to another controller's IngressClass says it is not the controller's.
  if (started.length === 0) {
    for (const c of classes) if (c.controller === FACTS.ingressClassController) servedNames.add(c.name);
    if (!classes.some((c) => c.name === FACTS.defaultIngressClass && c.controller !== FACTS.ingressClassController)) servedNames.add(FACTS.defaultIngressClass);
  }
  const controllerClasses = classes.filter((c) => c.controller === FACTS.ingressClassController && servedNames.has(c.name));
  const said = (name: string) => started.find((c) => c.name === name);

  const found: KicIngressPath[] = [];
  for (const resource of resources) {
    if (resource.kind !== 'Ingress' || typeof resource.record.apiVersion !== 'string') continue;
    const beta = (FACTS.betaIngressApiVersions as readonly string[]).includes(resource.record.apiVersion);
    if (!beta && resource.record.apiVersion !== FACTS.ingressApiVersion) continue;
    const classMatch = beta ? matchBetaClass(resource, servedNames) : matchClass(resource, servedNames, controllerClasses);
    if (!classMatch) continue;
    const startedWith = classMatch.kind === 'unknown' ? undefined : said(classMatch.name);
    const legacyDetection = classMatch.kind === 'unknown' ? 'unknown' : legacyDetectionOf(classes.find((c) => c.name === classMatch.name), parameters);
    const annotations = annotationsOf(resource.record);
    const annotated = annotations[FACTS.regexPrefixAnnotation];
    const regexPrefix = typeof annotated === 'string' ? annotated : FACTS.controllerRegexPrefix;
    const name = resource.name ?? resource.title;
    const ingress = resource.namespace ? `${resource.namespace}/${name}` : name;
    const spec = isRecord(resource.record.spec) ? resource.record.spec : {};
    const rules = Array.isArray(spec.rules) ? spec.rules : [];
    rules.forEach((rule: unknown, ruleIndex) => {
      const http = isRecord(rule) && isRecord(rule.http) ? rule.http : undefined;
      const paths = http && Array.isArray(http.paths) ? http.paths : [];
      paths.forEach((entry: unknown, index) => {
        if (!isRecord(entry) || typeof entry.path !== 'string') return;
        // Prefix and Exact paths of a v1 Ingress are turned into Kong paths by the controller
        // itself; the v1beta1 translation passes every path alike, whatever its pathType.
        if (!beta && entry.pathType !== undefined && entry.pathType !== null && entry.pathType !== 'ImplementationSpecific') return;
        found.push({
          ingress, rule: ruleIndex, index, path: entry.path, regexPrefix, prefixFromAnnotation: typeof annotated === 'string',
          classMatch, legacyDetection, origin: resource.at(['spec', 'rules', ruleIndex, 'http', 'paths', index, 'path']),
          ...(beta ? { betaApi: String(resource.record.apiVersion) } : {}),
          ...(startedWith ? { controllerClass: startedWith } : {}),
        });
      });
    });
  }
  return found;
}

/**
 * Whether the controller takes the Ingress, as its class filter does: either way of naming a
 * class counts when it names a served one; one that names only other classes is not its own.
 */
function matchClass(resource: KicResource, served: ReadonlySet<string>, controllerClasses: readonly IngressClassObject[]): IngressClassMatch | undefined {
  const spec = isRecord(resource.record.spec) ? resource.record.spec : {};
  const written = [spec.ingressClassName, annotationsOf(resource.record)[FACTS.ingressClassAnnotation]].filter((n): n is string => typeof n === 'string');
  const named = written.find((name) => served.has(name));
  if (named) return { kind: 'named', name: named };
  if (written.length > 0) return undefined;
  if (controllerClasses.length === 0) return { kind: 'unknown' };
  const byDefault = controllerClasses.find((c) => c.isDefault);
  return byDefault ? { kind: 'default', name: byDefault.name } : undefined;
}

/**
 * The v1beta1 class filter: only the class annotation counts, and it must name a served class;
 * an Ingress without it is never served, whatever the default class (store.go ListIngressesV1beta1).
 */
function matchBetaClass(resource: KicResource, served: ReadonlySet<string>): IngressClassMatch | undefined {
  const annotated = annotationsOf(resource.record)[FACTS.ingressClassAnnotation];
  return typeof annotated === 'string' && served.has(annotated) ? { kind: 'named', name: annotated } : undefined;
}

/** What the class's parameters, when the manifest holds them, say of the legacy regex guess. */
function legacyDetectionOf(ingressClass: IngressClassObject | undefined, parameters: readonly KicResource[]): LegacyDetection {
  if (!ingressClass) return 'unknown';
  const ref = ingressClass.parameters;
  // An IngressClass without parameters gives the controller empty ones: the guess is off.
  if (!ref) return 'off';
  if (ref.apiGroup !== FACTS.parametersGroup || ref.kind !== FACTS.parametersKind) return 'unknown';
  const params = parameters.find((p) => p.name === ref.name && p.namespace === ref.namespace);
  if (!params) return 'unknown';
  const spec = isRecord(params.record.spec) ? params.record.spec : {};
  return spec[FACTS.legacyDetectionField] === true ? 'on' : 'off';
}

function ingressClassOf(resource: KicResource): IngressClassObject | undefined {
  const { name } = resource;
  if (name === undefined) return undefined;
  const spec = isRecord(resource.record.spec) ? resource.record.spec : {};
  return {
    name,
    ...(typeof spec.controller === 'string' ? { controller: spec.controller } : {}),
    isDefault: annotationsOf(resource.record)[FACTS.defaultClassAnnotation] === 'true',
    ...(isRecord(spec.parameters) ? { parameters: spec.parameters } : {}),
  };
}

function isApi(resource: KicResource, group: string): boolean {
  return typeof resource.record.apiVersion === 'string' && resource.record.apiVersion.startsWith(group);
}

function annotationsOf(record: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const metadata = isRecord(record.metadata) ? record.metadata : {};
  return isRecord(metadata.annotations) ? metadata.annotations : {};
}
