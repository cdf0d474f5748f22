// Whether the container read as the Kong node renders Kong's own nginx templates. Template
// changes (a directive the new templates add, a handler they drop) concern only a node started
// with `--nginx-conf`, or one whose template files were patched: a node that runs one of Kong's
// images as they are, with their own command, renders the templates of the release it runs, and
// the upgrade brings the new ones with the new image (../../knowledge/platform/images.ts,
// KONG_IMAGE_COMMAND). Said only when every part is seen in the files read: an image built from a
// Dockerfile, a replaced command or entrypoint (which may pass --nginx-conf, or run a script
// that does), or a mount over Kong's templates leaves the question open.

import { posix } from 'node:path';
import { KONG_IMAGE_COMMAND, KONG_IMAGES } from '../../knowledge/platform/images';
import { isWithinFolder, normaliseTarget } from './compose-mounts';
import type { ContainerEnv } from './container-env';

/** Kong's templates in its images, and every folder above them: a mount at any of these replaces them. */
const TEMPLATES = posix.join(KONG_IMAGES.luaTree, 'templates');

/**
 * Why the node's templates are Kong's own (for the manual-review list), or undefined when that is
 * not shown. `built`: a Dockerfile read here builds the container's image.
 */
export function stockTemplatesWhy(container: ContainerEnv | undefined, built: boolean): string | undefined {
  if (!container?.kongImage || built || !container.image) return undefined;
  if (container.run?.command || container.run?.entrypoint) return undefined;
  const targets = [...(container.mounts ?? []), ...(container.objectMounts ?? [])].map((mount) => mount.target);
  return stockTemplatesOf(container.unit, container.image, targets);
}

/**
 * The same for the proxy container Kong's Helm chart renders: it sets no command or args, so the
 * image's own runs (Kong/charts charts/kong/templates/deployment.yaml@e76b800 lines 148-160), and
 * `deployment.userDefinedVolumeMounts` are its only mounts a user chooses (_helpers.tpl lines
 * 760-763, deployment.yaml line 293). `mountPaths`: theirs, undefined when not all are known.
 */
export function chartStockTemplatesWhy(values: string, image: string, mountPaths: readonly string[] | undefined): string | undefined {
  return mountPaths && stockTemplatesOf(`the Kong chart's proxy container (${values})`, image, mountPaths.map(normaliseTarget));
}

function stockTemplatesOf(who: string, image: string, mountTargets: readonly string[]): string | undefined {
  // A mount at the templates, a folder above them, or a file or folder inside them.
  if (mountTargets.some((target) => isWithinFolder(TEMPLATES, target) || isWithinFolder(target, TEMPLATES))) return undefined;
  return `${who} runs ${image} with the image's own command (\`${KONG_IMAGE_COMMAND.command}\`, no --nginx-conf) and no mount read here covers ${TEMPLATES}, so Kong renders the templates of the release it runs`;
}
