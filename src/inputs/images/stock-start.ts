// Whether the words a container starts with still start Kong the way Kong's images do. Their
// ENTRYPOINT is a script (`/docker-entrypoint.sh` in the images built from Kong/docker-kong,
// `/entrypoint.sh` in those built from Kong/kong) and their CMD is `kong docker-start`. The script
// handles `kong docker-start` itself, running `kong prepare -p $PREFIX` with the command's words
// and then nginx on that prefix; any other first word is run as it is (`exec "$@"`), so the script
// named twice still reaches the first case. `kong` has no `docker-start` command of its own: only
// the script knows it. The templates Kong renders change only with `--nginx-conf`, which
// `kong prepare` (and `kong start`) take; no setting or environment variable names a template.

import { KONG_IMAGE_COMMAND } from '../../knowledge/platform/images';

/** How a container's words start Kong, as far as the templates go. */
export type StartKind =
  /** The image's script with `kong docker-start` and no --nginx-conf: Kong's own templates. */
  | { kind: 'stock' }
  /** A Kong command given a template of its own (`--nginx-conf FILE`). */
  | { kind: 'nginx-conf'; path: string }
  /** Anything else (a script, a shell, words not known here): the templates are not known. */
  | { kind: 'other' };

/**
 * The words as the container gets them: the entrypoint's followed by the command's. Undefined
 * words (not known here) give `other`, unless a `--nginx-conf` is seen in the known ones.
 */
export function startKind(words: readonly string[]): StartKind {
  const nginxConf = nginxConfArgument(words);
  if (nginxConf !== undefined) return { kind: 'nginx-conf', path: nginxConf };
  let first = 0;
  while (first < words.length && KONG_IMAGE_COMMAND.entrypoints.includes(words[first])) first++;
  // Without the script in front, `kong docker-start` is no command kong knows.
  return first > 0 && words[first] === 'kong' && words[first + 1] === 'docker-start' ? { kind: 'stock' } : { kind: 'other' };
}

/** `--nginx-conf FILE` or `--nginx-conf=FILE` anywhere in the words (a shell's script included), as lapp reads Kong's options. */
function nginxConfArgument(words: readonly string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === '--nginx-conf') return words[i + 1] ?? '';
    if (word.startsWith('--nginx-conf=')) return word.slice('--nginx-conf='.length);
    // A script given to a shell: its own words.
    const inner = /(?:^|\s)--nginx-conf(?:=|\s+)(\S+)/.exec(word);
    if (inner && /\s/.test(word)) return inner[1].replace(/^['"]|['"]$/g, '');
  }
  return undefined;
}
