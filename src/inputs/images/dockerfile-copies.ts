// The files a Dockerfile's `COPY` and `ADD` steps put into the image, and the file of the build
// context behind a path inside it. A project often keeps kong.yml or kong.conf beside its
// Dockerfile and copies it where Kong reads it (`COPY kong.yml /kong/declarative/kong.yml` with
// `ENV KONG_DECLARATIVE_CONFIG=/kong/declarative/kong.yml`): the container path alone names nothing
// here, the copy says which file of the project Kong reads.
//
// As Docker's Dockerfile reference gives the rules (moby/buildkit@00001f3
// frontend/dockerfile/docs/reference.md, `COPY`: "Source", "Copying from the build context",
// "Pattern matching", "Destination"; `ADD`: the same, and "Adding local tar archives"):
// - sources are relative to the root of the build context; a leading `/`, `../` steps and a
//   trailing `/` are dropped;
// - a destination ending in `/` is a folder the sources are copied into (a file keeps its name);
//   otherwise a source file is written to the destination as a file;
// - a source folder's contents (not the folder itself) are copied into the destination;
// - a destination not starting with `/` lies under the stage's working directory (WORKDIR);
// - sources may hold Go filepath.Match wildcards (`*`, `?`, `[...]`);
// - `ADD` extracts a local tar archive and fetches URLs and Git repositories.
// What cannot be known here is left alone: `--from` (another stage or image), `ADD` of a URL, a
// Git repository or an archive, heredocs, `--parents` and `--exclude`, values of variables without
// a value here, and the context's `.dockerignore`.

import { statSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import type { FileOrigin } from '../../model/origin';
import type { LuarocksMake } from './luarocks-make';

/** One COPY or ADD step of the stage that runs, as far as it can be read. */
export interface DockerfileCopy {
  instruction: 'COPY' | 'ADD';
  /** Sources relative to the build context root (leading `/`, `../` and trailing `/` dropped). */
  sources: string[];
  /** The absolute destination in the image; ends with `/` when it names a folder. */
  destination: string;
  /** Why the files it copies are not known here (`--from=build`); the copy still hides what lies beneath it. */
  unfollowed?: string;
  /** The instruction's keyword. */
  origin: FileOrigin;
}

const FOLLOWED_FLAGS = new Set(['chown', 'chmod', 'link', 'checksum', 'keep-git-dir', 'unpack']);

/** Extensions of the tar archives `ADD` extracts (it tells them by content; the name is what is seen here). */
const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst)$/i;

/**
 * A COPY or ADD step from its arguments, variables already substituted; `split` gives the words
 * of the shell form (quotes removed). `workdir` is the stage's working directory, undefined when
 * the base image's is unknown: a relative destination then names no known path and the step is
 * dropped. `unresolved` names the variables without a value the arguments use; `heredocLines`
 * where the bodies of the step's heredocs lie (`lines 3-5`).
 */
export function readCopy(instruction: 'COPY' | 'ADD', text: string, split: (text: string) => string[], workdir: string | undefined, origin: FileOrigin, unresolved: readonly string[] = [], heredocLines?: string): DockerfileCopy | undefined {
  const flags: { name: string; value: string }[] = [];
  let remaining = text.trim();
  for (let flag = /^--(\S+)\s*/.exec(remaining); flag; flag = /^--(\S+)\s*/.exec(remaining)) {
    const [name, ...value] = flag[1].split('=');
    flags.push({ name: name.toLowerCase(), value: value.join('=') });
    remaining = remaining.slice(flag[0].length);
  }
  const rest = jsonForm(remaining) ?? split(remaining);
  if (rest.length < 2) return undefined;
  const written = rest[rest.length - 1];
  const destination = absoluteDestination(written, workdir);
  if (destination === undefined) return undefined;
  const sources = rest.slice(0, -1);
  const copy: DockerfileCopy = { instruction, sources: sources.map(contextPath), destination, origin };
  const from = flags.find((flag) => flag.name === 'from');
  const other = flags.find((flag) => flag.name !== 'from' && !FOLLOWED_FLAGS.has(flag.name));
  const unfollowed = from ? `${instruction} --from=${from.value} copies from another stage or image`
    : other ? `${instruction} --${other.name} is not followed here`
      : unresolved.length > 0 ? `it depends on ${unresolved.join(', ')}, without a value here`
        : sources.some((source) => /^\d*<</.test(source)) ? `${instruction} writes the text of a heredoc${heredocLines ? ` (${heredocLines} of ${origin.file})` : ''}, not read as the file`
          : instruction === 'ADD' && sources.some(isRemote) ? 'ADD fetches a URL or a Git repository'
            : instruction === 'ADD' && sources.some((source) => ARCHIVE.test(source)) ? 'ADD extracts a tar archive'
              : undefined;
  if (unfollowed) copy.unfollowed = unfollowed;
  return copy;
}

/** `COPY ["a b", "/dest/"]`: the exec form, when the words are one JSON array of strings. */
function jsonForm(text: string): string[] | undefined {
  if (!text.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isRemote(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /^git@/.test(source);
}

/** A source as a path under the context root. */
function contextPath(source: string): string {
  const normal = posix.normalize(`/${source}`);
  return normal.replace(/^\/+/, '').replace(/\/+$/, '') || '.';
}

/** The destination as an absolute path, its trailing `/` kept; undefined when relative to an unknown working directory. */
export function absoluteDestination(written: string, workdir: string | undefined): string | undefined {
  if (written === '') return undefined;
  const folder = written.endsWith('/') || written === '.' || written.endsWith('/.');
  let path: string;
  if (written.startsWith('/')) path = posix.normalize(written);
  else if (workdir === undefined) return undefined;
  else path = posix.normalize(posix.join(workdir, written));
  path = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return folder && path !== '/' ? `${path}/` : path;
}

/** A WORKDIR: absolute, or relative to the previous one (undefined when that is unknown). */
export function nextWorkdir(written: string, workdir: string | undefined): string | undefined {
  // `[^]` is any character, a line break too (`.` is not): a WORKDIR of `\r` keeps no trailing slash.
  if (written.startsWith('/')) return posix.normalize(written).replace(/([^])\/+$/, '$1');
  return workdir === undefined ? undefined : posix.normalize(posix.join(workdir, written)).replace(/([^])\/+$/, '$1');
}

export type ContextLookup =
  /** A file of the build context the step copies to the path. */
  | { kind: 'file'; path: string; copy: DockerfileCopy }
  /** The step names a source file for the path that is absent on this machine. */
  | { kind: 'absent'; path: string; copy: DockerfileCopy }
  /** The last step that may put a file at the path cannot be followed (`copy.unfollowed` says why). */
  | { kind: 'unfollowed'; copy: DockerfileCopy };

/**
 * The build context file a container path holds after the steps, the last step that puts one
 * there winning. `context` is the build context as the report shows it; `kindOf` says what a
 * path (context joined to a source) is on this machine.
 */
export function contextFileAt(containerPath: string, copies: readonly DockerfileCopy[], context: string, kindOf: (path: string) => 'file' | 'folder' | undefined): ContextLookup | undefined {
  if (!containerPath.startsWith('/')) return undefined;
  const target = posix.normalize(containerPath).replace(/([^])\/+$/, '$1');
  const inContext = (source: string) => (source === '.' ? context : posix.join(context.replace(/\\/g, '/'), source));
  for (let i = copies.length - 1; i >= 0; i--) {
    const copy = copies[i];
    const folder = copy.destination.endsWith('/') || copy.destination === '/';
    const destination = folder && copy.destination !== '/' ? copy.destination.slice(0, -1) : copy.destination;
    if (copy.unfollowed) {
      // Anything may land at or under the destination.
      if (target === destination || isUnder(target, destination)) return { kind: 'unfollowed', copy };
      continue;
    }
    for (let s = copy.sources.length - 1; s >= 0; s--) {
      const source = copy.sources[s];
      if (hasWildcard(source)) {
        // Only a pattern in the last segment, into a folder: the file keeps its name.
        const slash = source.lastIndexOf('/');
        const parent = slash < 0 ? '' : source.slice(0, slash);
        if (!folder || hasWildcard(parent) || posix.dirname(target) !== destination) continue;
        const name = posix.basename(target);
        if (!globMatch(source.slice(slash + 1), name)) continue;
        const candidate = inContext(parent ? `${parent}/${name}` : name);
        if (kindOf(candidate) === 'file') return { kind: 'file', path: candidate, copy };
        continue;
      }
      const path = inContext(source);
      const kind = kindOf(path);
      if (kind === 'folder') {
        // Its contents go into the destination, a trailing `/` or not.
        if (!isUnder(target, destination)) continue;
        const rest = destination === '/' ? target.slice(1) : target.slice(destination.length + 1);
        const candidate = posix.join(path.replace(/\\/g, '/'), rest);
        if (kindOf(candidate) === 'file') return { kind: 'file', path: candidate, copy };
        continue;
      }
      const lands = folder ? posix.join(destination, posix.basename(source)) : destination;
      if (lands !== target) continue;
      return kind === 'file' ? { kind: 'file', path, copy } : { kind: 'absent', path, copy };
    }
  }
  return undefined;
}

function isUnder(path: string, folder: string): boolean {
  return folder === '/' ? path !== '/' : path.startsWith(`${folder}/`);
}

function hasWildcard(path: string): boolean {
  return /[*?[]/.test(path);
}

/** Go filepath.Match for one path segment: `*`, `?`, `[...]` (with `^` or `!` negation) and `\` escapes. */
export function globMatch(pattern: string, name: string): boolean {
  let regex = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*') regex += '[^/]*';
    else if (ch === '?') regex += '[^/]';
    else if (ch === '\\' && i + 1 < pattern.length) regex += escapeRegex(pattern[++i]);
    else if (ch === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) return false; // Go reports ErrBadPattern: nothing matches
      let body = pattern.slice(i + 1, close);
      const negated = body.startsWith('^') || body.startsWith('!');
      if (negated) body = body.slice(1);
      regex += `[${negated ? '^' : ''}${body.replace(/[\]\\]/g, '\\$&')}]`;
      i = close;
    } else regex += escapeRegex(ch);
  }
  try {
    return new RegExp(`^${regex}$`).test(name);
  } catch {
    return false; // a class Go refuses too (`[z-a]`): nothing matches
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The Dockerfile whose steps are followed and the build context they copy from. */
export interface CopySource {
  file: string;
  context: string;
  contextFrom?: { unit: string; composeFile: string };
  /** The context is a folder above the Dockerfile's, as this COPY source shows (./build-context.ts). */
  contextInferred?: string;
  copies: readonly DockerfileCopy[];
  /** The `luarocks make` steps that build what the copies bring in (./luarocks-make.ts). */
  luarocksMakes?: readonly LuarocksMake[];
}

/** What a path is on this machine, relative paths from `cwd`. */
export function kindOnDisk(cwd: string): (path: string) => 'file' | 'folder' | undefined {
  return (path) => {
    try {
      const stats = statSync(resolve(cwd, path));
      return stats.isDirectory() ? 'folder' : stats.isFile() ? 'file' : undefined;
    } catch {
      return undefined;
    }
  };
}

/**
 * How a file read was found, for the inputs list: `copied to /kong/kong.yml by Dockerfile:4 from
 * the build context ./ (the Dockerfile's folder)`. The context's `.dockerignore` is not read: a
 * file it leaves out would make docker build fail, which the check does not try to tell.
 */
export function describeCopy(containerPath: string | undefined, copy: DockerfileCopy, source: CopySource, kindOf: (path: string) => 'file' | 'folder' | undefined): string {
  const context = source.contextFrom
    ? `the build context ${source.context} that ${source.contextFrom.unit} of ${source.contextFrom.composeFile} gives`
    : source.contextInferred
      ? `the build context ${source.context}, taken for the folder the build runs from because ${copy.origin.file} copies ${source.contextInferred} from it`
      : `the build context ${source.context === '' ? '.' : source.context} (the Dockerfile's folder)`;
  const ignore = kindOf(posix.join(source.context.replace(/\\/g, '/'), '.dockerignore')) === 'file' ? '; its .dockerignore was not read' : '';
  return `copied ${containerPath ? `to ${containerPath}` : 'there'} by ${copy.instruction} at ${copy.origin.file}:${copy.origin.line} from ${context}${ignore}`;
}
