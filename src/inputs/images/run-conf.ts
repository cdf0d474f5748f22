// Which kong.conf a container's Kong is started with: the `-c FILE` (or `--conf FILE`) of the
// command it runs, else none (Kong then reads its default paths). The command is the image's
// ENTRYPOINT followed by its CMD, unless the compose service replaces them:
// - `command:` replaces the image's CMD; `entrypoint:` replaces its ENTRYPOINT and also drops its
//   CMD; null keeps the image's, an empty string or list replaces it with nothing
//   (compose-spec/compose-spec@170098ba 05-services.md lines 200, 224-227, 542-546, 568-571);
//   `working_dir:` replaces the image's WORKDIR (line 2191);
// - in a Dockerfile, setting ENTRYPOINT resets the CMD a base stage gave (moby/buildkit@73ed682
//   frontend/dockerfile/docs/reference.md line 2374), which ./dockerfile.ts applies.
// Kong's own images run `kong docker-start` with no -c and set no WORKDIR (Kong/kong
// build/dockerfiles/deb.Dockerfile@22246ef line 46), and their entrypoint passes the command's
// arguments to kong (Kong/docker-kong docker-entrypoint.sh@eb1b4b6).

import { posix } from 'node:path';
import type { FileOrigin } from '../../model/origin';
import { shellScriptCommands } from './shell-words';

/** A `-c FILE` of a command that runs kong, where that command is written. */
export interface CommandConf {
  path: string;
  origin: FileOrigin;
}

/** A Dockerfile's CMD or ENTRYPOINT as the words docker runs, and where it is written. */
export interface ImageCommand {
  words: string[];
  origin: FileOrigin;
}

/** What the image runs, as its Dockerfile's last stage sets it. */
export interface ImageRun {
  cmdConf?: CommandConf;
  entrypointConf?: CommandConf;
  /**
   * The CMD and ENTRYPOINT the Dockerfile sets (an earlier stage's kept); absent: the base
   * image's. Setting ENTRYPOINT empties the CMD until a later CMD.
   */
  cmd?: ImageCommand;
  entrypoint?: ImageCommand;
  /** Its WORKDIR, the process's working folder; undefined when not known. */
  workdir?: string;
}

/** A compose service's `command:` or `entrypoint:`, when set (not null). */
export interface ComposeCommand {
  /** Its `-c FILE`, when it runs kong with one. */
  conf?: CommandConf;
  /**
   * The words the container gets, after interpolation; undefined when they are not all known
   * here (a variable without a value, a Kubernetes `$(NAME)`, a string compose would refuse).
   */
  words?: string[];
  origin: FileOrigin;
}

export interface ComposeRun {
  command?: ComposeCommand;
  entrypoint?: ComposeCommand;
  /** `working_dir:`, replacing the image's WORKDIR. */
  workingDir?: string;
}

export interface RunConf {
  /** The kong.conf the command names, a relative path joined to the working folder; none: Kong reads its default paths. */
  conf?: CommandConf;
  /** The image's -c that the service's `command:` or `entrypoint:` replaced, and where that is written. */
  replaced?: { conf: CommandConf; by: 'command' | 'entrypoint'; origin: FileOrigin };
}

/**
 * Where a relative path Kong is started with lies: Kong opens `-c` and `--nginx-conf` as given,
 * from its working folder (kong/conf_loader/init.lua@22246ef lines 230 and 164, pl.path.exists and
 * pl.file.read of the path as given; kong/cmd/utils/prefix_handler.lua@3.9.3 lines 739-748), which
 * is the compose service's `working_dir` or the Kubernetes container's `workingDir`, else the
 * image's WORKDIR: the official entrypoint does not change folder
 * (build/dockerfiles/entrypoint.sh@22246ef). Left relative when no working folder is known.
 */
export function inWorkingFolder(path: string, workdir: string | undefined): string {
  return path.startsWith('/') || workdir === undefined ? path : posix.join(workdir, path);
}

/** The kong.conf the container is started with, the image's -c giving way to the service's command. */
export function runConf(image: ImageRun | undefined, compose: ComposeRun | undefined): RunConf {
  const entrypoint = compose?.entrypoint ? compose.entrypoint.conf : image?.entrypointConf;
  // Compose's entrypoint drops the image's CMD as well.
  const cmd = compose?.command ? compose.command.conf : compose?.entrypoint ? undefined : image?.cmdConf;
  const named = entrypoint ?? cmd;
  const result: RunConf = {};
  if (named) {
    const path = inWorkingFolder(named.path, compose?.workingDir ?? image?.workdir);
    result.conf = path === named.path ? named : { ...named, path };
  }
  const imageConf = image?.entrypointConf ?? image?.cmdConf;
  if (imageConf && compose && named !== imageConf) {
    const by = compose.entrypoint ? 'entrypoint' : 'command';
    result.replaced = { conf: imageConf, by, origin: (compose[by] as ComposeCommand).origin };
  }
  return result;
}

/** Shells whose `-c SCRIPT` runs a script (by path or name: `/bin/sh`, `bash`). */
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);
/** `sh -c "sh -c '...'"` nests scripts; past this depth a command is not looked into. */
const MAX_SCRIPT_DEPTH = 8;

/**
 * The file a command's `-c FILE`, `--conf FILE` or `--conf=FILE` names (Kong's CLI options,
 * kong/cmd/start.lua), looked for after the word that runs kong (`kong`, `/usr/local/bin/kong`),
 * so a `sh -c "..."` around it is not taken for one. `words` are the command's arguments as the
 * program gets them (a list, or a string split as ./shell-words.ts does); the script of a shell's
 * `-c` is split with shell quoting, so `sh -c "kong start -c '/etc/kong/my kong.conf'"` names
 * `/etc/kong/my kong.conf`.
 */
export function kongConfArgument(words: readonly string[], depth = 0): string | undefined {
  const kong = words.findIndex((word) => word === 'kong' || word.endsWith('/kong'));
  if (kong >= 0) {
    for (let i = kong + 1; i < words.length; i++) {
      const word = words[i];
      if ((word === '-c' || word === '--conf') && words[i + 1] && !words[i + 1].startsWith('-')) return words[i + 1];
      if (word.startsWith('--conf=')) return word.slice('--conf='.length);
    }
    return undefined;
  }
  const script = shellScript(words);
  if (script === undefined || depth >= MAX_SCRIPT_DEPTH) return undefined;
  for (const command of shellScriptCommands(script)) {
    const found = kongConfArgument(command, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The script of a shell started with `-c` (`sh -c SCRIPT`, `/bin/bash -ec SCRIPT`): its first operand. */
function shellScript(words: readonly string[]): string | undefined {
  const shell = words.findIndex((word) => SHELLS.has(word.slice(word.lastIndexOf('/') + 1)));
  if (shell < 0) return undefined;
  let runsScript = false;
  for (let i = shell + 1; i < words.length; i++) {
    const word = words[i];
    if (word === '-o' || word === '+o') {
      i++; // `-o pipefail`: the option's name is no operand
    } else if (/^[-+][A-Za-z]+$/.test(word)) {
      if (word.startsWith('-') && word.includes('c')) runsScript = true;
    } else if (word === '--') {
      continue;
    } else {
      return runsScript ? word : undefined;
    }
  }
  return undefined;
}
