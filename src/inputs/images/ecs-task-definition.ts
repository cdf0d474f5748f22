// The Kong containers of an Amazon ECS task definition, read as a compose service or a Kubernetes
// container is: the image, the environment (KONG_* settings), the command and working folder.
// Three shapes hold container definitions:
// - a task definition as `aws ecs register-task-definition --cli-input-json` takes it and
//   `describe-task-definition` prints it (under `taskDefinition`): `containerDefinitions`;
// - a CloudFormation template: `Resources.*` of Type `AWS::ECS::TaskDefinition`, whose
//   `Properties.ContainerDefinitions` spell every key with a capital (`Environment`, `Name`);
// - a bare list of container definitions, as Terraform keeps one in a template file for
//   `container_definitions`.
// Per container definition (Amazon ECS Developer Guide, "Pass an individual environment variable
// to an Amazon ECS container", https://docs.aws.amazon.com/AmazonECS/latest/userguide/taskdef-envfiles.html;
// CloudFormation AWS::ECS::TaskDefinition ContainerDefinition and Secret): `environment` holds
// `{name, value}` pairs (docker run --env); `secrets` `{name, valueFrom}` read from Secrets
// Manager or the SSM Parameter Store when the task starts; `environmentFiles` S3 files
// (docker run --env-file); `entryPoint` and `command` replace the image's ENTRYPOINT and CMD,
// `workingDirectory` its WORKDIR; `mountPoints` mount the task's volumes. ECS expands no
// variable in any of them.

import type { Document, YAMLMap } from 'yaml';
import { parseKongImage } from './image-ref';
import type { ComposeRun } from './run-conf';
import { listCommand, runsNote, runsOnlyTasks, type ContainerEnv, type ContainerEnvRead, type ContainerVariable } from './container-env';
import type { OpaqueMount } from './compose-mounts';
import { normaliseTarget } from './compose-mounts';
import { variablesReadByCommand } from './command-variables';
import { get, originOf, scalarText, type At } from './yaml-nodes';

const yamlModule = (): typeof import('yaml') => require('yaml') as typeof import('yaml');

/** A container definition and the task definition it belongs to. */
interface Definition {
  container: YAMLMap;
  /** The task definition's family; undefined for a bare list of container definitions. */
  family?: string;
  /** CloudFormation spells keys with a capital. */
  capitalised: boolean;
}

/** Reads the ECS containers of a document into `read`; false when it holds no task definition. */
export function ecsContainers(doc: Document.Parsed, at: At, file: string, read: ContainerEnvRead): boolean {
  const definitions = definitionsOf(doc);
  for (const definition of definitions) read.containers.push(ecsContainer(definition, doc, at, file));
  return definitions.length > 0;
}

function definitionsOf(doc: Document.Parsed): Definition[] {
  const { isMap, isSeq } = yamlModule();
  const root = doc.contents;
  const listed = (node: unknown, family: string | undefined, capitalised: boolean): Definition[] =>
    isSeq(node) ? node.items.filter((item): item is YAMLMap => isMap(item)).map((container) => ({ container, ...(family !== undefined ? { family } : {}), capitalised })) : [];
  if (isSeq(root)) {
    // A bare list: only when every item looks like a container definition, so no other list of `name`/`image` maps is taken for one.
    const items = root.items;
    const looksLikeDefinitions = items.length > 0 && items.every((item) => isMap(item) && scalarText(get(item, doc, 'name')) !== undefined
      && get(item, doc, 'image') !== undefined && CONTAINER_ONLY_KEYS.some((key) => get(item, doc, key) !== undefined));
    return looksLikeDefinitions ? listed(root, undefined, false) : [];
  }
  if (!isMap(root) || get(root, doc, 'kind') !== undefined) return [];
  const task = isMap(get(root, doc, 'taskDefinition')) ? get(root, doc, 'taskDefinition') : root;
  const containers = get(task, doc, 'containerDefinitions');
  if (isSeq(containers)) return listed(containers, scalarText(get(task, doc, 'family')) ?? '(unnamed)', false);
  const resources = get(root, doc, 'Resources');
  if (!isMap(resources)) return [];
  const found: Definition[] = [];
  for (const pair of resources.items) {
    const resource = pair.value;
    if (scalarText(get(resource, doc, 'Type')) !== 'AWS::ECS::TaskDefinition') continue;
    const properties = get(resource, doc, 'Properties');
    const family = scalarText(get(properties, doc, 'Family')) ?? String((pair.key as { value?: unknown })?.value ?? '(unnamed)');
    found.push(...listed(get(properties, doc, 'ContainerDefinitions'), family, true));
  }
  return found;
}

/** Keys only an ECS container definition has beside `name` and `image`. */
const CONTAINER_ONLY_KEYS = ['essential', 'portMappings', 'environment', 'secrets', 'logConfiguration', 'memoryReservation', 'mountPoints', 'environmentFiles'];

function ecsContainer({ container, family, capitalised }: Definition, doc: Document.Parsed, at: At, file: string): ContainerEnv {
  const { isMap, isSeq } = yamlModule();
  const key = (name: string) => (capitalised ? name[0].toUpperCase() + name.slice(1) : name);
  const field = (node: unknown, name: string) => get(node, doc, key(name));
  const nameNode = field(container, 'name');
  const name = scalarText(nameNode) ?? '(unnamed)';
  const unit = family !== undefined ? `container ${name} of task definition ${family}` : `container definition ${name}`;
  const imageNode = field(container, 'image');
  const image = scalarText(imageNode);
  const origin = originOf(nameNode ?? container, at);
  const variables: ContainerVariable[] = [];
  const notes: ContainerEnv['notes'] = [];
  const environment = field(container, 'environment');
  if (isSeq(environment)) {
    for (const entry of environment.items) {
      const variable = scalarText(field(entry, 'name'));
      if (!variable) continue;
      const valueNode = field(entry, 'value');
      const value = scalarText(valueNode);
      const label = `environment ${variable} of ${unit}`;
      const variableOrigin = originOf(entry, at);
      // `!Ref X`, `!GetAtt Db.Endpoint.Address`, `!Sub ...` (short form) or `{Ref: X}` (long form).
      const cloudFormationFunction = isMap(valueNode) || isSeq(valueNode) || (valueNode as { tag?: string } | null)?.tag?.startsWith('!') === true;
      if (cloudFormationFunction) variables.push({ name: variable, unreadable: 'is a CloudFormation function, resolved when the stack is deployed', label, origin: variableOrigin });
      else if (value !== undefined && /\$\{[^}]*\}/.test(value)) variables.push({ name: variable, unreadable: `holds a template placeholder (${value.match(/\$\{[^}]*\}/)![0]}) filled when the file is rendered`, label, origin: variableOrigin });
      else variables.push({ name: variable, value: value ?? '', label, origin: variableOrigin });
    }
  }
  const secrets = field(container, 'secrets');
  if (isSeq(secrets)) {
    for (const entry of secrets.items) {
      const variable = scalarText(field(entry, 'name'));
      if (!variable) continue;
      const from = scalarText(field(entry, 'valueFrom')) ?? 'a secret';
      variables.push({ name: variable, unreadable: `comes from ${from} (Secrets Manager or the SSM Parameter Store) when the task starts`, label: `secret ${variable} of ${unit}`, origin: originOf(entry, at) });
    }
  }
  const files = field(container, 'environmentFiles');
  if (isSeq(files)) {
    for (const entry of files.items) {
      notes.push({ origin: originOf(entry, at), message: `${unit} reads the environment file ${scalarText(field(entry, 'value')) ?? '(unnamed)'} from S3 when the task starts: the variables it sets were not read` });
    }
  }
  // String lists, as the ECS API takes them; ECS rewrites no word of them.
  const entrypoint = listCommand(field(container, 'entryPoint'), at);
  const command = listCommand(field(container, 'command'), at);
  const workingDir = scalarText(field(container, 'workingDirectory'));
  const run: ComposeRun = { ...(entrypoint ? { entrypoint } : {}), ...(command ? { command } : {}), ...(workingDir !== undefined ? { workingDir } : {}) };
  const commandText = [...(run.entrypoint?.words ?? []), ...(run.command?.words ?? [])].join(' ');
  const mounts = field(container, 'mountPoints');
  const opaqueMounts: OpaqueMount[] = isSeq(mounts)
    ? mounts.items.flatMap((mount) => {
      const target = scalarText(field(mount, 'containerPath'));
      return target?.startsWith('/') ? [{ what: `volume ${scalarText(field(mount, 'sourceVolume')) ?? '(unnamed)'} of the task`, target: normaliseTarget(target), origin: originOf(mount, at) }] : [];
    })
    : [];
  const reads = [...variablesReadByCommand(commandText, 'ecs')];
  return {
    platform: 'ecs',
    file,
    unit,
    userName: family !== undefined ? `${name} of task definition ${family}` : name,
    origin,
    kongImage: image !== undefined && parseKongImage(image, originOf(imageNode, at), 'manifest') !== undefined,
    namedKong: /kong/i.test(`${family ?? ''} ${name} ${image ?? ''}`),
    ...(image !== undefined ? { image, imageOrigin: originOf(imageNode, at) } : {}),
    ...(commandText && runsOnlyTasks(commandText) ? { oneShot: runsNote(commandText) } : {}),
    envFrom: [],
    variables,
    notes,
    ...(opaqueMounts.length > 0 ? { opaqueMounts } : {}),
    ...(reads.length > 0 ? { commandReads: reads } : {}),
    ...(run.entrypoint || run.command || run.workingDir !== undefined ? { run } : {}),
  };
}
