// Whether the container read as the Kong node renders Kong's own nginx templates. Template
// changes (a directive the new templates add, a handler they drop) concern only a node started
// with `--nginx-conf`, or one whose template files were patched: a node that starts one of Kong's
// images as they do renders the templates of the release it runs, and the upgrade brings the new
// ones with the new image (../../knowledge/platform/images.ts, KONG_IMAGE_COMMAND). Said only when
// every part is seen in the files read:
// - the image is one of Kong's, or built by a Dockerfile read here whose last stage is `FROM` one
//   of them and copies nothing, and runs nothing that names, Kong's templates or its entrypoint
//   script (./template-paths.ts);
// - the words the container starts with (the image's ENTRYPOINT and CMD as the Dockerfile, the
//   compose service or the Kubernetes container leaves them) still run the entrypoint script with
//   `kong docker-start` and no --nginx-conf (./stock-start.ts);
// - no mount covers the templates or the script: a bind mount or a ConfigMap may hold other
//   templates, and a named volume or a PersistentVolumeClaim holds files not read here.
// When one part says otherwise, why is given, for the inputs list.

import type { FileOrigin } from '../../model/origin';
import { KONG_IMAGE_COMMAND } from '../../knowledge/platform/images';
import { describeImage } from './image-ref';
import type { ContainerEnv } from './container-env';
import type { DockerfileCopies } from './load';
import { startKind } from './stock-start';
import { inWorkingFolder } from './run-conf';
import { coveredStockPath, TEMPLATES } from './template-paths';

/** What the files read say of the node's templates. */
export interface NodeTemplates {
  /** Why the node renders Kong's own templates (for the manual-review list). */
  stock?: string;
  /** Why it may not: a part read that may bring other templates. Neither: nothing read decides. */
  open?: string;
  /** The template its start passes as `--nginx-conf`, a path inside the container, and who passes it where. */
  nginxConf?: { path: string; by: string };
}

/**
 * The templates of the container read as the Kong node. `built`: the Dockerfile read here that
 * builds its image (without a container, the one Dockerfile read).
 */
export function nodeTemplates(container: ContainerEnv | undefined, built: DockerfileCopies | undefined): NodeTemplates {
  const at = (origin: FileOrigin) => `${origin.file}:${origin.line}`;
  let who: string;
  let runs: string;
  if (built) {
    if (!built.base) return {};
    who = container?.unit ?? `the image built from ${built.file}`;
    runs = `an image built from ${built.file} on ${describeImage(built.base)}`;
  } else {
    if (!container?.kongImage || !container.image) return {};
    who = container.unit;
    runs = container.image;
  }
  const start = containerStart(container, built);
  const kind = start.words ? startKind(start.words) : startKind(start.known);
  // Named whatever else is found: the template rules read that file, and Kong's own includes
  // (nginx-kong.conf) still come from its templates folder.
  const by = kind.kind === 'nginx-conf' ? `${who} starts Kong with --nginx-conf ${kind.path} (${start.at ?? 'its command'})` : undefined;
  const workdir = container?.run?.workingDir ?? built?.run.workdir;
  const template = kind.kind === 'nginx-conf' ? inWorkingFolder(kind.path, workdir) : undefined;
  const placed = template !== undefined && kind.kind === 'nginx-conf' && template !== kind.path ? `, ${template} from the working folder ${workdir}` : '';
  const open = (why: string): NodeTemplates => ({ open: why, ...(template ? { nginxConf: { path: template, by: `${by!}${placed}` } } : {}) });
  const step = built?.templateSteps[0];
  if (step) return open(`${step.why} (${at(step.origin)}), so ${runs} may hold other templates or another entrypoint`);
  for (const copy of built?.copies ?? []) {
    const covered = coveredStockPath(copy.destination);
    if (covered) return open(`${copy.instruction} at ${at(copy.origin)} writes to ${copy.destination}, over ${covered} of Kong's image, so ${runs} may hold other templates or another entrypoint`);
  }
  const mounted = container && mountOver(container);
  if (mounted) return open(mounted);
  if (by) return open(`${by}: Kong renders that template, not its own`);
  if (kind.kind === 'other' || !start.words) {
    const what = start.words ? `does not start Kong as ${built ? 'Kong\'s images do' : 'the image does'} (its entrypoint script with \`${KONG_IMAGE_COMMAND.command}\`)` : 'is not fully known here';
    return open(`the command of ${who}${start.at ? ` (${start.at})` : ''} ${what}, so it may pass its own template`);
  }
  const command = start.at
    ? `a command that still starts it as the image does (\`${start.shown.join(' ')}\` at ${start.at}, no --nginx-conf)`
    : `the image's own command (\`${KONG_IMAGE_COMMAND.command}\`, no --nginx-conf)`;
  // `service kong runs kong:3.4.2`, `service kong runs an image built from Dockerfile on kong:3.4.2, which ...,`, `the image built from Dockerfile on kong:3.4.2, which ..., runs`.
  const copies = ', which copies nothing over Kong\'s templates or its entrypoint script,';
  const subject = !built ? `${who} runs ${runs}` : container ? `${who} runs ${runs}${copies}` : `${runs.replace(/^an image/, 'the image')}${copies} runs`;
  return { stock: `${subject} with ${command} and no mount read here covers ${TEMPLATES}, so Kong renders the templates of the release it runs` };
}

/**
 * The same for the proxy container Kong's Helm chart renders: it sets no command or args, so the
 * image's own runs (Kong/charts charts/kong/templates/deployment.yaml@e76b800 lines 148-160), and
 * `deployment.userDefinedVolumeMounts` are its only mounts a user chooses (_helpers.tpl lines
 * 760-763, deployment.yaml line 293). `mountPaths`: theirs, undefined when not all are known.
 */
export function chartStockTemplatesWhy(values: string, image: string, mountPaths: readonly string[] | undefined): string | undefined {
  if (!mountPaths || mountPaths.some((path) => coveredStockPath(path))) return undefined;
  return `the Kong chart's proxy container (${values}) runs ${image} with the image's own command (\`${KONG_IMAGE_COMMAND.command}\`, no --nginx-conf) and no mount read here covers ${TEMPLATES}, so Kong renders the templates of the release it runs`;
}

/** Why a mount of the container may hide Kong's templates or its entrypoint script, if one does. */
function mountOver(container: ContainerEnv): string | undefined {
  for (const mount of container.mounts ?? []) {
    const covered = coveredStockPath(mount.target);
    if (covered) return `${container.unit} mounts ${mount.source} at ${mount.target} (${mount.origin.file}:${mount.origin.line}), over ${covered} of Kong's image: it may hold other templates`;
  }
  for (const mount of container.objectMounts ?? []) {
    const covered = coveredStockPath(mount.target);
    if (covered) return `${container.unit} mounts ${mount.kind} ${mount.name} at ${mount.target} (${mount.origin.file}:${mount.origin.line}), over ${covered} of Kong's image: it may hold other templates`;
  }
  for (const mount of container.opaqueMounts ?? []) {
    const covered = mount.target === undefined ? 'a path not known here' : coveredStockPath(mount.target);
    if (covered) return `${container.unit} mounts a ${mount.what}${mount.target ? ` at ${mount.target}` : ''} (${mount.origin.file}:${mount.origin.line}), over ${covered}${mount.target ? ' of Kong\'s image' : ''}: its files are not read here, so it may hold other templates`;
  }
  return undefined;
}

/**
 * The words the container starts with: its entrypoint's (the compose service's or Kubernetes
 * container's, else the Dockerfile's, else the script of Kong's image) followed by its command's
 * (replacing the entrypoint drops the image's CMD). `words` undefined when a part is not known
 * here, `known` then holds the parts that are; `shown`, the parts that replace Kong's image's,
 * and `at`, where they are written.
 */
function containerStart(container: ContainerEnv | undefined, built: DockerfileCopies | undefined): { words?: string[]; known: string[]; shown: string[]; at?: string } {
  const run = container?.run;
  const image = built?.run;
  const entrypoint = run?.entrypoint ?? image?.entrypoint;
  const command = run?.command ?? (run?.entrypoint ? { words: [], origin: run.entrypoint.origin } : image?.cmd);
  const entryWords = entrypoint ? entrypoint.words : [KONG_IMAGE_COMMAND.entrypoints[0]];
  const commandWords = command ? command.words : [...KONG_IMAGE_COMMAND.words];
  const origins = [entrypoint?.origin, command?.origin].filter((origin): origin is FileOrigin => origin !== undefined);
  const at = origins.length > 0 ? [...new Set(origins.map((origin) => `${origin.file}:${origin.line}`))].join(', ') : undefined;
  const known = [...(entryWords ?? []), ...(commandWords ?? [])];
  const shown = [...(entrypoint ? entryWords ?? [] : []), ...(command ? commandWords ?? [] : [])];
  return { ...(entryWords && commandWords ? { words: known } : {}), known, shown, ...(at ? { at } : {}) };
}
