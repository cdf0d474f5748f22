// `RUN luarocks make` steps of a Dockerfile: the folder in the image where LuaRocks builds and
// installs a rockspec. A common way to bake a custom plugin into Kong's image is to copy the
// plugin's project in and build it there (`COPY ./plugins/my-plugin /custom/my-plugin`,
// `WORKDIR /custom/my-plugin`, `RUN luarocks make`): the rockspec's build.modules then say which
// files Kong loads, under which plugin name (./../plugins/copied-plugins.ts reads them).
// `luarocks make` reads the rockspec of the current folder, or the one it is given
// (luarocks/luarocks wiki, "make"). Only the plain forms are followed: `cd DIR &&` before it, and
// a rockspec argument; a folder that depends on a variable without a value here is dropped.

import { posix } from 'node:path';
import type { FileOrigin } from '../../model/origin';
import { shellScriptCommands } from './shell-words';

export interface LuarocksMake {
  /** The absolute folder in the image the build runs in (where the rockspec is). */
  dir: string;
  /** The rockspec named on the command line, as a file name in `dir`. */
  rockspec?: string;
  origin: FileOrigin;
}

/**
 * The `luarocks make` commands of one RUN step's shell text (variables already substituted), from
 * the stage's working directory; none when that is unknown.
 */
export function findLuarocksMakes(text: string, workdir: string | undefined, origin: FileOrigin): LuarocksMake[] {
  if (workdir === undefined || !/\bluarocks\b/.test(text)) return [];
  const found: LuarocksMake[] = [];
  let dir: string | undefined = workdir;
  for (const words of shellScriptCommands(text)) {
    if (words[0] === 'cd') {
      const target = words[1];
      dir = target === undefined || target.includes('$') ? undefined : target.startsWith('/') ? posix.normalize(target) : dir === undefined ? undefined : posix.join(dir, target);
      continue;
    }
    if (dir === undefined || words[0] !== 'luarocks') continue;
    const args = words.slice(1).filter((word) => !word.startsWith('-'));
    if (args[0] !== 'make') continue;
    const spec = args.slice(1).find((word) => word.endsWith('.rockspec'));
    if (spec?.includes('$')) continue;
    const at = spec ? posix.dirname(spec.startsWith('/') ? spec : posix.join(dir, spec)) : dir;
    found.push({ dir: posix.normalize(at).replace(/(.)\/+$/, '$1'), ...(spec ? { rockspec: posix.basename(spec) } : {}), origin });
  }
  return found;
}
