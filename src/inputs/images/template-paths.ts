// The paths of Kong's images that decide which nginx templates Kong renders: the templates
// themselves (kong/templates in Kong's Lua tree, loaded as the kong.templates.* modules by Kong/kong
// kong/cmd/utils/prefix_handler.lua@3.9.3 lines 1-8) and the entrypoint script that starts Kong
// without --nginx-conf (../../knowledge/platform/images.ts, KONG_IMAGE_COMMAND). A mount, a copy or a
// build step that writes at one of them, or at a folder above one, may leave other templates, or
// a start that passes its own.

import { posix } from 'node:path';
import { KONG_IMAGE_COMMAND, KONG_IMAGES } from '../../knowledge/platform/images';
import { isWithinFolder, normaliseTarget } from './compose-mounts';

/** Kong's templates in its images. */
export const TEMPLATES = posix.join(KONG_IMAGES.luaTree, 'templates');

/**
 * The path of Kong's an absolute path covers: a mount or copy there replaces the templates (at
 * them, a folder above them or a file inside them) or the entrypoint script (at it or a folder
 * above it). Undefined when it covers neither.
 */
export function coveredStockPath(path: string): string | undefined {
  const target = normaliseTarget(path);
  if (isWithinFolder(TEMPLATES, target) || isWithinFolder(target, TEMPLATES)) return TEMPLATES;
  return KONG_IMAGE_COMMAND.entrypoints.find((script) => isWithinFolder(script, target));
}

/**
 * The path of Kong's a build step's text names, for a `RUN` that may rewrite it (`sed -i ...
 * kong/templates/nginx_kong.lua`, `mv /docker-entrypoint.sh ...`): an absolute path that covers
 * one (coveredStockPath), or `kong/templates` written relative. A path below Kong's tree but
 * beside the templates (a plugin's folder) names none.
 */
export function stockPathNamed(text: string): string | undefined {
  if (/(^|[^\w.-])kong\/templates(\/|\b)/.test(text)) return TEMPLATES;
  for (const match of text.matchAll(/(?:^|[\s'"=:;(])(\/[^\s'";|&)<>]*)/g)) {
    const covered = coveredStockPath(match[1]);
    if (covered) return covered;
  }
  return undefined;
}
