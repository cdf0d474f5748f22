// The ingress class a Kong Ingress Controller container of a manifest is started with. The
// controller serves a single class: its `--ingress-class` flag, or CONTROLLER_INGRESS_CLASS when
// the flag is not given, else `kong`. Only values written in the manifest count: a variable from
// an `envFrom` source or a `valueFrom` reference is not known here, and then the container says
// nothing. Facts in src/knowledge/platform/kic-ingress-paths.ts.

import { isRecord } from '../../model/field-paths';
import { describeOrigin } from '../../model/origin';
import { podSpecPathOf } from '../../knowledge/platform/kubernetes-workloads';
import { KIC_INGRESS_PATH_FACTS as FACTS } from '../../knowledge/platform/kic-ingress-paths';
import { parseControllerImage } from '../images/controller-image';
import type { KicResource } from './kic-plugins';

/** A class the controller serves, and what says so (for messages). */
export interface ControllerIngressClass {
  name: string;
  /** `--ingress-class of Deployment ingress-kong (container ingress-controller) at deploy.yaml:31`. */
  from: string;
}

/** The classes the controller containers of these resources are started with, in file order. */
export function controllerClassesIn(resources: readonly KicResource[]): ControllerIngressClass[] {
  const found: ControllerIngressClass[] = [];
  for (const resource of resources) {
    const path = podSpecPathOf(resource.kind);
    if (!path) continue;
    let spec: unknown = resource.record;
    for (const key of path) spec = isRecord(spec) ? spec[key] : undefined;
    if (!isRecord(spec) || !Array.isArray(spec.containers)) continue;
    spec.containers.forEach((container: unknown, index) => {
      if (!isRecord(container) || typeof container.image !== 'string') return;
      const at = (rest: (string | number)[]) => resource.at([...path, 'containers', index, ...rest]);
      if (!parseControllerImage(container.image, at(['image']), 'manifest')) return;
      const unit = `${resource.title.replace(/"/g, '')}${typeof container.name === 'string' ? ` (container ${container.name})` : ''}`;
      const named = classOfContainer(container);
      if (named === 'unknown') return;
      if (named === undefined) {
        found.push({ name: FACTS.defaultIngressClass, from: `${unit} at ${describeOrigin(at(['image']))}, started without ${FACTS.controllerClassFlag} or ${FACTS.controllerClassVariable}: the controller's default` });
        return;
      }
      found.push({ name: named.name, from: `${named.how} of ${unit} at ${describeOrigin(at(named.path))}` });
    });
  }
  return found;
}

/**
 * The class a container's command line or environment names; undefined when neither does (the
 * default then), `unknown` when its environment may set it from a source not read here.
 */
function classOfContainer(container: Readonly<Record<string, unknown>>): { name: string; how: string; path: (string | number)[] } | 'unknown' | undefined {
  // A flag on the command line wins over the variable (env.go bindEnvVars skips flags given).
  for (const key of ['args', 'command'] as const) {
    const words = container[key];
    if (!Array.isArray(words)) continue;
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      if (typeof word !== 'string') continue;
      const next: unknown = words[i + 1];
      const named = word.startsWith(`${FACTS.controllerClassFlag}=`) ? { name: word.slice(FACTS.controllerClassFlag.length + 1), at: i }
        : word === FACTS.controllerClassFlag && typeof next === 'string' ? { name: next, at: i + 1 } : undefined;
      if (!named) continue;
      // Kubernetes expands `$(NAME)` in a command from the container's environment: not known here.
      if (named.name.includes('$(')) return 'unknown';
      return { name: named.name, how: FACTS.controllerClassFlag, path: [key, named.at] };
    }
  }
  const env = Array.isArray(container.env) ? container.env : [];
  // Kubernetes keeps the last entry of a repeated name.
  for (let i = env.length - 1; i >= 0; i--) {
    const entry: unknown = env[i];
    if (!isRecord(entry) || entry.name !== FACTS.controllerClassVariable) continue;
    if (typeof entry.value !== 'string' || entry.value.includes('$(')) return 'unknown';
    return { name: entry.value, how: FACTS.controllerClassVariable, path: ['env', i, 'value'] };
  }
  return Array.isArray(container.envFrom) && container.envFrom.length > 0 ? 'unknown' : undefined;
}
