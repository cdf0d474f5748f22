// The build context of a Dockerfile given on its own (no compose `build:` names one). It is taken
// to be the Dockerfile's folder, as `docker build -f FILE DIR` is mostly run with DIR beside it.
// Many projects keep the Dockerfile in a subfolder and build from the repository root instead
// (`docker build -f docker/kong/Dockerfile .`), and then their COPY sources say so: they name the
// Dockerfile's own folder from the root (`COPY docker/kong/oauth-proxy ...`), and they are absent
// beside the Dockerfile. Such a root, a few folders up, is taken as the context; nothing else is
// guessed, so a COPY whose source is simply missing keeps the Dockerfile's folder.

import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { DockerfileCopy } from './dockerfile-copies';

/** How far above the Dockerfile's folder a repository root is looked for. */
const MAX_LEVELS = 3;

export interface InferredContext {
  /** The context folder, relative to `cwd` when the Dockerfile was named relatively. */
  context: string;
  /** The COPY source that names the Dockerfile's folder from there (`docker/kong/oauth-proxy`). */
  evidence: string;
}

export function inferBuildContext(file: string, copies: readonly DockerfileCopy[], kindOf: (path: string) => 'file' | 'folder' | undefined, cwd: string): InferredContext | undefined {
  const sources = copies.filter((copy) => !copy.unfollowed).flatMap((copy) => copy.sources).filter((source) => source !== '.' && !/[*?[]/.test(source));
  if (sources.length === 0) return undefined;
  const own = resolve(cwd, dirname(file));
  const present = (root: string, source: string) => kindOf(resolve(root, source)) !== undefined;
  const ownCount = sources.filter((source) => present(own, source)).length;
  if (ownCount === sources.length) return undefined;
  let root = own;
  for (let level = 1; level <= MAX_LEVELS; level++) {
    const up = dirname(root);
    if (up === root) break;
    root = up;
    const fromRoot = relative(root, own).split(sep).join('/');
    // A path below the folder, not the folder's own name: `COPY ./mongodb_exporter /` in a folder
    // called mongodb_exporter names the binary beside the Dockerfile as well as the folder.
    const evidence = sources.find((source) => source.startsWith(`${fromRoot}/`) && present(root, source));
    if (!evidence) continue;
    if (sources.filter((source) => present(root, source)).length <= ownCount) continue;
    const shown = isAbsolute(file) ? root : relative(cwd, root) || '.';
    return { context: shown, evidence };
  }
  return undefined;
}
