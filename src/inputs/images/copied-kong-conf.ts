// The kong.conf a Dockerfile copies where Kong reads it: the path its CMD or ENTRYPOINT gives
// with -c, else Kong's default paths (the first that exists in the image is read:
// ../../knowledge/conf/default-conf-paths.ts).

import { KONG_DEFAULT_CONF_PATHS } from '../../knowledge/conf/default-conf-paths';
import { contextFileAt, describeCopy, type ContextLookup, type CopySource } from './dockerfile-copies';
import type { CommandConf } from './dockerfile';

export type CopiedKongConf =
  /** A project file Kong reads as kong.conf, and how it was found. */
  | { kind: 'file'; path: string; how: string; containerPath: string; at: string }
  /** A step puts a kong.conf there that cannot be read here: why. */
  | { kind: 'unread'; reason: string };

export function copiedKongConf(source: CopySource & { confPath?: CommandConf }, kindOf: (path: string) => 'file' | 'folder' | undefined): CopiedKongConf | undefined {
  const paths = source.confPath ? [source.confPath.path] : KONG_DEFAULT_CONF_PATHS;
  for (const containerPath of paths) {
    const found: ContextLookup | undefined = contextFileAt(containerPath, source.copies, source.context, kindOf);
    if (!found) continue;
    const named = source.confPath ? `, which the -c of ${source.confPath.origin.file}:${source.confPath.origin.line} names` : ': Kong reads it when started without -c';
    const where = source.confPath ? named : ', where Kong looks when started without -c';
    const at = `${found.copy.instruction} at ${found.copy.origin.file}:${found.copy.origin.line}`;
    if (found.kind === 'file') return { kind: 'file', path: found.path, how: `${describeCopy(containerPath, found.copy, source, kindOf)}${named}`, containerPath, at };
    // Kong reads the first default path that exists: an unreadable one there hides the next.
    return {
      kind: 'unread',
      reason: found.kind === 'absent'
        ? `${at} copies ${found.path} to ${containerPath}${where}; it is absent on this machine (give it as the first argument to check)`
        : `${at} puts a file at ${containerPath}${where}; not followed here: ${found.copy.unfollowed}`,
    };
  }
  return undefined;
}
