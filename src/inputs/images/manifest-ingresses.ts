// The Ingresses of Kubernetes manifests given with --image-file, where operators keep their Kong
// and controller Deployments and, often, the rest of the application: read as the declarative
// reader reads a manifest's (../declarative/kic-ingresses.ts), with the class the controller is
// started with taken from any controller container of these files or from the Helm values.

import type { Document, Node as YamlNode } from 'yaml';
import type { FileOrigin } from '../../model/origin';
import type { ManifestDocument } from '../declarative/manifest-documents';
import { objectsOf } from '../declarative/kic-plugins';
import { readKicIngressPaths, type KicIngressPath } from '../declarative/kic-ingresses';
import { controllerClassesIn, type ControllerIngressClass } from '../declarative/kic-controller-class';
import { KIC_INGRESS_PATH_FACTS as FACTS } from '../../knowledge/platform/kic-ingress-paths';
import { podSpecPathOf } from '../../knowledge/platform/kubernetes-workloads';
import { firstCollectionKey } from '../../text/yaml-keys';

const yamlModule = (): typeof import('yaml') => require('yaml') as typeof import('yaml');

/**
 * Whether a document of this kind may bear on the Ingresses read: the objects themselves, a
 * workload that may run the controller, and the lists and templates that hold objects. The rest
 * (CustomResourceDefinitions above all, the bulk of a controller's install manifest) is not
 * turned into plain values.
 */
function mayHoldIngressObjects(kind: string): boolean {
  return ['Ingress', 'IngressClass', FACTS.parametersKind, 'Template'].includes(kind) || kind.endsWith('List') || podSpecPathOf(kind) !== undefined;
}

/**
 * A parsed YAML document as the manifest readers take it: its plain value, and where a value of
 * it is written. Undefined for a document of a kind that does not bear on Ingresses, and for one
 * whose aliases expand past the yaml package's limit.
 */
export function yamlManifestDocument(doc: Document.Parsed, at: (offset: number) => FileOrigin, number: number): ManifestDocument | undefined {
  const { isMap } = yamlModule();
  if (!isMap(doc.contents)) return undefined;
  const kind = doc.contents.get('kind');
  if (typeof kind !== 'string' || !mayHoldIngressObjects(kind)) return undefined;
  // A key written as a mapping or list: kubectl refuses the object, and toJS would warn on stderr.
  if (firstCollectionKey(doc) !== undefined) return undefined;
  let root: unknown;
  try {
    root = doc.toJS();
  } catch {
    return undefined;
  }
  if (root === null || typeof root !== 'object' || Array.isArray(root)) return undefined;
  const start = doc.contents.range?.[0] ?? 0;
  return {
    number,
    root: root as Record<string, unknown>,
    at: (path) => {
      const node = doc.getIn(path, true) as YamlNode | undefined;
      return at(node?.range?.[0] ?? start);
    },
  };
}

export interface ManifestIngresses {
  /** The classes the controller is started with, as these files and the Helm values say. */
  classes: ControllerIngressClass[];
  paths: KicIngressPath[];
}

/**
 * The paths of the Ingresses the controller serves in each manifest. A class named by a
 * controller container of any of the files (or the Helm values) holds for all of them: they are
 * one installation.
 */
export function manifestIngresses(manifests: readonly { file: string; documents: readonly ManifestDocument[] }[], helmClass?: ControllerIngressClass): ManifestIngresses {
  const classes: ControllerIngressClass[] = [];
  for (const found of [...manifests.flatMap((m) => controllerClassesIn(m.documents.flatMap((d) => [...objectsOf(d)]))), ...(helmClass ? [helmClass] : [])]) {
    if (!classes.some((c) => c.name === found.name)) classes.push(found);
  }
  return { classes, paths: manifests.flatMap((m) => readKicIngressPaths(m.documents, { controllerClasses: classes })) };
}
