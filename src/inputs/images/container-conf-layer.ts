// Picks, among the containers of the compose files and manifests given with --image-file, the one
// that runs Kong, and turns its environment into kong.conf settings (./variables-conf-layer.ts).
//
// Which container: one that runs a Kong image and is not a task that ends (`kong migrations`,
// Jobs, init containers are never read) or the Kong Ingress Controller; when no container runs a
// Kong image, one built from a Dockerfile or another image that sets `KONG_*` variables. Several
// Kong nodes (a hybrid file with a control plane and a data plane) are never merged: `--role`
// picks the one whose KONG_ROLE matches, else the first is read and the inputs list names the
// others and how to choose. Compose services with `profiles:` count only under an active profile
// (`--profile`, else COMPOSE_PROFILES of the check's environment: ./compose-profiles.ts): a dev and
// a prod Kong service are alternatives,
// not two nodes.
//
// Precedence: this layer lies over the image's Dockerfile ENV (the container's environment
// replaces the image's) and under the `KONG_*` variables given to the check (src/installation.ts).

import { confCatalog } from '../../knowledge/conf/catalog';
import { fileEnvTarget } from '../../knowledge/conf/env-file-convention';
import { isSecretName } from '../../knowledge/conf/sensitive';
import type { Role } from '../../plan/types';
import { kongPropertyOf } from '../env';
import type { ConfLayer } from '../kong-conf/load';
import type { ConfDiagnostic } from '../kong-conf/types';
import type { ComposeProfiles } from './compose-profiles';
import type { ConfigMapData, ContainerEnv, ContainerEnvRead, ContainerVariable } from './container-env';
import { variablesConfLayer, type LayerVariable } from './variables-conf-layer';

export interface ContainerChoice {
  /** The chosen container's `KONG_*` settings; undefined when it sets none. */
  layer?: ConfLayer;
  chosen?: ContainerEnv;
  /** For the inputs list: what was read, the other Kong nodes and how to read one of them instead. */
  label?: string;
  /** When no container was read as Kong: the ones that look like Kong but could not be told from others, by file. */
  unrecognised?: { file: string; label: string }[];
}

interface Resolved {
  container: ContainerEnv;
  variables: LayerVariable[];
  notes: ContainerEnv['notes'];
  /** KONG_ROLE: its value, `traditional` when unset, undefined when unreadable. */
  role?: string;
}

export function containerConfLayer(read: ContainerEnvRead, role?: Role, composeProfiles?: ComposeProfiles): ContainerChoice {
  const running = read.containers.filter((container) => !container.oneShot).map((container) => resolveContainer(container, read.configMaps));
  const profiles = byProfiles(kongContainers(running), composeProfiles);
  const candidates = profiles.started;
  if (candidates.length === 0) {
    const unrecognised = running.filter(hiddenKong).map((r) => ({ file: r.container.file, label: hiddenKongLabel(r) }));
    return unrecognised.length > 0 ? { unrecognised } : {};
  }
  const matching = role ? candidates.filter((r) => r.role === role) : [];
  const chosen = matching[0] ?? candidates.find((r) => !namedAsTask(r)) ?? candidates[0];
  // With no profile activated, services of another profile run instead of the chosen one, not beside it.
  const together = (r: Resolved) => composeProfiles !== undefined || runTogether(r, chosen);
  const others = candidates.filter((r) => r !== chosen && together(r));
  const instead = candidates.filter((r) => r !== chosen && !together(r));
  const layer = variablesConfLayer(chosen.variables, { reportReplaced: true });
  const notes: ConfDiagnostic[] = chosen.notes.map((note) => ({ kind: 'unreadable-value', origin: note.origin, message: note.message }));
  // Installation-wide findings anchor at the service or container, not at its first variable.
  const withNotes = layer ? { ...layer, diagnostics: [...layer.diagnostics, ...notes], anchor: { ...chosen.container.origin } } : undefined;
  const label = [
    `environment of ${chosen.container.unit} read as settings`,
    ...(chosen.container.composeV1 ? ['a compose v1 file: its services at the top level, as docker-compose 1.x reads them'] : []),
    ...(layer ? [] : ['it sets no KONG_* variable']),
    ...(!layer && notes.length > 0 ? [`not read: ${chosen.notes.map((n) => n.message).join('; ')}`] : []),
    ...(others.length > 0 ? [othersLabel(chosen, others, role)] : []),
    ...(instead.length > 0 ? [insteadLabel(chosen, instead)] : []),
    ...(profiles.notStarted.length > 0 ? [notStartedLabel(profiles.notStarted, composeProfiles)] : []),
    // Tasks of the same file that run Kong's image (migrations): named with their command, secrets hidden.
    ...read.containers.filter((c) => c.oneShot && c.kongImage && c.file === chosen.container.file).map((c) => `${c.unit} not read: ${c.oneShot}`),
  ].join('; ');
  return { ...(withNotes ? { layer: withNotes } : {}), chosen: chosen.container, label };
}

/**
 * Compose profiles as docker compose applies them (compose-go types/project.go `HasProfile`,
 * the profiles of ./compose-profiles.ts): a service without `profiles:` always starts, one with
 * profiles only when one of them is active, and `*` activates every profile. When neither
 * `--profile` nor COMPOSE_PROFILES activates any, `docker compose up` starts only the services without
 * profiles: those are the Kong nodes when there are any; when every Kong service has profiles
 * (a dev and a prod service), all stay candidates and the label names the profiles to choose from.
 */
function byProfiles(candidates: readonly Resolved[], composeProfiles: ComposeProfiles | undefined): { started: Resolved[]; notStarted: Resolved[] } {
  const profiled = (r: Resolved) => (r.container.profiles?.length ?? 0) > 0;
  if (composeProfiles !== undefined) {
    const active = composeProfiles.names;
    const starts = (r: Resolved) => !profiled(r) || active.includes('*') || r.container.profiles!.some((profile) => active.includes(profile));
    return { started: candidates.filter(starts), notStarted: candidates.filter((r) => !starts(r)) };
  }
  const always = candidates.filter((r) => !profiled(r));
  if (always.length > 0) return { started: always, notStarted: candidates.filter(profiled) };
  return { started: [...candidates], notStarted: [] };
}

/** Two candidates docker compose starts together: either has no profile, or they share one. */
function runTogether(a: Resolved, b: Resolved): boolean {
  const pa = a.container.profiles ?? [];
  const pb = b.container.profiles ?? [];
  return pa.length === 0 || pb.length === 0 || pa.some((profile) => pb.includes(profile));
}

function profilesText(r: Resolved): string {
  const profiles = r.container.profiles ?? [];
  return `${r.container.unit} (profile${profiles.length > 1 ? 's' : ''} ${profiles.join(', ')})`;
}

function insteadLabel(chosen: Resolved, instead: readonly Resolved[]): string {
  const pick = instead[0].container.profiles![0];
  return `${chosen.container.unit} starts only under profile ${chosen.container.profiles!.join(' or ')}, and ${instead.map(profilesText).join(', ')} under ${instead.length > 1 ? 'theirs' : 'its own'}: neither --profile nor COMPOSE_PROFILES is given to the check, so ${chosen.container.unit} was read; run the check with --profile ${pick} (as docker compose --profile ${pick} runs) to read ${instead.length > 1 ? 'that profile\'s' : 'it'} instead`;
}

function notStartedLabel(notStarted: readonly Resolved[], composeProfiles: ComposeProfiles | undefined): string {
  const named = notStarted.map(profilesText).join(', ');
  return composeProfiles !== undefined
    ? `${named} not read: ${notStarted.length > 1 ? 'they start' : 'it starts'} only under a profile ${composeProfiles.said} does not activate`
    : `${named} not read: docker compose starts ${notStarted.length > 1 ? 'them' : 'it'} only with that profile active, which neither --profile nor COMPOSE_PROFILES of the check's environment activates`;
}

/**
 * The containers that run Kong: those of a Kong image; else those that set a `KONG_*` variable
 * naming a Kong property (a client's KONG_ADMIN_URL is none), keeping the ones whose name or
 * image says Kong when there are such (a postgres service given KONG_PG_USER for its init script
 * is not a Kong node).
 */
function kongContainers(running: readonly Resolved[]): Resolved[] {
  const fromKongImage = running.filter((r) => r.container.kongImage);
  if (fromKongImage.length > 0) return fromKongImage;
  const catalog = confCatalog();
  const configuring = running.filter((r) => r.variables.some((v) => {
    const key = kongPropertyOf(v.name);
    return key !== undefined && (catalog.knownIn(key, 'enterprise').length > 0 || fileEnvTarget(key) !== undefined);
  }));
  const named = configuring.filter((r) => r.container.namedKong);
  return named.length > 0 ? named : configuring;
}

/**
 * A Kubernetes container that names Kong but runs an image of its own (`kong-oidc:2.8.1-alpine`,
 * built FROM kong elsewhere) and takes all its settings from a Secret's `envFrom`, which is never
 * read here (sweep 21, HoangPhu98/kong-keycloak-oidc kong/deployment.yaml): nothing marks it as a
 * Kong node, so the check reads no setting of it; the inputs list says so rather than nothing.
 */
function hiddenKong(r: Resolved): boolean {
  const { container } = r;
  return container.platform === 'kubernetes' && container.namedKong && !container.kongImage
    && !r.variables.some((v) => kongPropertyOf(v.name) !== undefined)
    && container.envFrom.some((source) => source.kind === 'Secret');
}

function hiddenKongLabel(r: Resolved): string {
  const secrets = r.container.envFrom.filter((source) => source.kind === 'Secret').map((source) => `Secret ${source.name}`).join(', ');
  const image = r.container.image !== undefined ? `its image ${r.container.image} is not one of Kong's` : 'it names no image';
  return `${r.container.unit} not read as a Kong node: ${image} and it sets no KONG_* variable readable here, its envFrom ${secrets} being never read; if it runs Kong, give its settings as kong.conf (or the Dockerfile of its image with --image-file) and its version with --from`;
}

function othersLabel(chosen: Resolved, others: readonly Resolved[], role: Role | undefined): string {
  const named = others.map((r) => `${r.container.unit}${r.role ? ` (role ${r.role})` : ''}${r.container.file !== chosen.container.file ? ` in ${r.container.file}` : ''}`).join(', ');
  const verb = others.length > 1 ? 'also run' : 'also runs';
  const roles = [...new Set(others.map((r) => r.role).filter((r): r is string => r !== undefined && r !== chosen.role))];
  if (role && chosen.role !== role) return `no Kong container has KONG_ROLE ${role}, so the first was read; ${named} ${verb} Kong`;
  if (roles.length > 0) return `${named} ${verb} Kong, not read: pass --role ${roles[0]} to read ${roles.length > 1 || others.length > 1 ? 'the one with that role' : 'it'} instead`;
  const passed = candidatesBefore(chosen, others).filter(namedAsTask);
  if (passed.length > 0) return `${named} ${verb} Kong with the same role, not read: only one Kong container is read, the first whose name does not say it runs migrations (${passed.map((r) => r.container.unit).join(', ')} run${passed.length > 1 ? '' : 's'} a command not read here)`;
  return `${named} ${verb} Kong with the same role, not read: only the first Kong container is read`;
}

/**
 * A container whose command is a script this tool cannot read (`/bin/sh start-bootstrap.sh`) but
 * whose name says it runs Kong's migrations (`kong-migration-bootstrap`, TRANSIT-Team/
 * TRANSIT-Data-Trust): when another Kong container of the same files is not named so, that one
 * is the node. Only the name decides, so a file whose Kong containers all look like this still
 * has its first read.
 */
function namedAsTask(r: Resolved): boolean {
  return /migrat|bootstrap/i.test(r.container.userName);
}

/** The candidates listed before the chosen one, which a plain first-come pick would have read. */
function candidatesBefore(chosen: Resolved, others: readonly Resolved[]): Resolved[] {
  return others.filter((r) => r.container.file === chosen.container.file && r.container.origin.line < chosen.container.origin.line);
}

function configMapFor(name: string, container: ContainerEnv, configMaps: readonly ConfigMapData[]): ConfigMapData | undefined {
  return configMaps.find((c) => c.name === name && (c.namespace === undefined || container.namespace === undefined || c.namespace === container.namespace));
}

/**
 * `valueFrom.configMapKeyRef` from a ConfigMap among the files given: the value at its line in the
 * ConfigMap. A key the ConfigMap lacks leaves the variable unset when the reference is optional;
 * otherwise the kubelet does not start the container (CreateContainerConfigError).
 */
function fromConfigMapKey(variable: ContainerVariable, container: ContainerEnv, configMaps: readonly ConfigMapData[], notes: ContainerEnv['notes']): ContainerVariable[] {
  const ref = variable.configMapKey!;
  const { configMapKey: _ref, ...rest } = variable;
  void _ref;
  const map = configMapFor(ref.name, container, configMaps);
  if (!map) return ref.optional ? [{ ...rest, unreadable: `comes from ConfigMap ${ref.name} (key ${ref.key}, optional), which is not in the files given with --image-file: it is unset if the ConfigMap lacks the key (give its manifest too)` }] : [rest];
  const entry = map.entries.find((e) => e.key === ref.key);
  if (entry) return [{ name: rest.name, value: entry.value, label: `${rest.label} (from ConfigMap ${map.name} key ${ref.key})`, origin: entry.origin }];
  if (!ref.optional) notes.push({ origin: variable.origin, message: `${rest.label} reads key ${ref.key} of ConfigMap ${map.name} (${map.file}), which has no such key: Kubernetes does not start the container until it has one (or the reference is optional)` });
  return [];
}

/** A container's variables with `envFrom` ConfigMaps filled in and `$(NAME)` references expanded. */
function resolveContainer(container: ContainerEnv, configMaps: readonly ConfigMapData[]): Resolved {
  const notes = [...container.notes];
  const fromSources: LayerVariable[] = [];
  for (const source of container.envFrom) {
    const where = `envFrom ${source.kind} ${source.name}${source.prefix ? ` (prefix ${source.prefix})` : ''} of ${container.unit}`;
    if (source.kind === 'Secret') {
      notes.push({ origin: source.origin, message: `${where}: a Secret is never read here, so any KONG_* variable it holds is set but unchecked (and beats the same name in an earlier envFrom source)` });
      continue;
    }
    const map = configMapFor(source.name, container, configMaps);
    if (!map) {
      notes.push({ origin: source.origin, message: `${where}: the ConfigMap is not in the files given with --image-file, so its KONG_* variables were not read (give its manifest too)` });
      continue;
    }
    for (const entry of map.entries) fromSources.push({ name: `${source.prefix}${entry.key}`, value: entry.value, label: `${source.prefix}${entry.key} of ConfigMap ${map.name} (envFrom of ${container.unit})`, origin: entry.origin });
  }
  const own = container.variables.flatMap((variable) => (variable.configMapKey ? fromConfigMapKey(variable, container, configMaps, notes) : [variable]));
  const expanded = container.platform === 'kubernetes' ? expandReferences([...fromSources, ...own]) : [...fromSources, ...own];
  // A variable the container's own command reads (a template rendered before Kong starts) says so.
  const reads = new Set(container.commandReads ?? []);
  const variables = reads.size === 0 ? expanded : expanded.map((v) => (reads.has(v.name) ? { ...v, readByCommand: `the command of ${container.unit}` } : v));
  const roleVariable = [...variables].reverse().find((v) => v.name === 'KONG_ROLE');
  const role = roleVariable === undefined ? 'traditional' : roleVariable.value?.trim();
  return { container, variables, notes, ...(role !== undefined ? { role } : {}) };
}

/**
 * Kubernetes `$(NAME)`: replaced by the value of a variable defined before it in the container
 * (envFrom sources, earlier env entries); `$$(NAME)` is a literal `$(NAME)`; a name defined
 * nowhere stays as written. A reference to a variable that cannot be read makes the value unreadable.
 */
function expandReferences(variables: readonly (LayerVariable & { kubernetesRefs?: boolean })[]): LayerVariable[] {
  const seen = new Map<string, LayerVariable>();
  const out: LayerVariable[] = [];
  for (const variable of variables) {
    let result: LayerVariable = variable;
    if (variable.kubernetesRefs && variable.value !== undefined) {
      const unreadable: string[] = [];
      const secrets: string[] = [];
      const value = variable.value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name: string | undefined) => {
        if (match === '$$') return '$';
        const earlier = seen.get(name!);
        if (!earlier) return match;
        if (earlier.value === undefined) {
          unreadable.push(name!);
          return match;
        }
        // A copy of a Kong secret (`$(KONG_PG_PASSWORD)`) is read, as a Dockerfile's `$KONG_PG_PASSWORD`
        // is: that variable is a secret setting of the layer, so the report hides its value
        // wherever it appears. Another secret (`$(PGPASSWORD)`, `$(DB_PASSWORD)`) is no setting
        // the hiding knows: its copy would be quoted under the copy's name, so it stays unread.
        if (isSecretName(name!) && kongPropertyOf(name!) === undefined && !isSecretName(variable.name)) {
          secrets.push(name!);
          return match;
        }
        return earlier.value;
      });
      const { kubernetesRefs: _unused, ...rest } = variable;
      void _unused;
      result = unreadable.length > 0
        ? { name: rest.name, label: rest.label, origin: rest.origin, unreadable: `uses $(${unreadable.join('), $(')}), which ${unreadable.length > 1 ? 'are' : 'is'} set from a source this tool does not read` }
        : secrets.length > 0
          ? { name: rest.name, label: rest.label, origin: rest.origin, unreadable: `uses $(${secrets.join('), $(')}), a secret whose value is never read into another setting here` }
          : { ...rest, value };
    }
    seen.set(variable.name, result);
    out.push(result);
  }
  return out;
}
