// COPY and ADD of a Dockerfile's running stage (moby/buildkit@00001f3
// frontend/dockerfile/docs/reference.md, COPY "Source", "Destination", "Pattern matching"): which
// file of the build context lies behind a path inside the image.

import { join } from 'node:path';
import { absoluteDestination, contextFileAt, globMatch, kindOnDisk, nextWorkdir } from '../../../src/inputs/images/dockerfile-copies';
import { readDockerfile } from '../../../src/inputs/images/dockerfile';
import { tempDir } from '../../support/temp';

/** The build context file behind `path` after the Dockerfile's steps, the context being `files`. */
function lookup(dockerfile: string, path: string, files: Record<string, string> = { 'kong.yml': 'x', 'config/kong.yml': 'x', 'config/sub/kong.yml': 'x' }) {
  const context = tempDir(files);
  const read = readDockerfile(join(context, 'Dockerfile'), dockerfile);
  const found = contextFileAt(path, read.copies, context, kindOnDisk(context));
  if (!found) return undefined;
  return found.kind === 'unfollowed' ? { unfollowed: found.copy.unfollowed, line: found.copy.origin.line } : { kind: found.kind, path: found.path.slice(context.length + 1), line: found.copy.origin.line };
}

describe('Dockerfile COPY destinations', () => {
  it('writes a file to a destination without a trailing slash, and into one with it under its own name', () => {
    expect(lookup('FROM kong:3.4\nCOPY kong.yml /kong/declarative/kong.yml\n', '/kong/declarative/kong.yml')).toEqual({ kind: 'file', path: 'kong.yml', line: 2 });
    expect(lookup('FROM kong:3.4\nCOPY ./config/kong.yml /kong/\n', '/kong/kong.yml')).toEqual({ kind: 'file', path: 'config/kong.yml', line: 2 });
    // `/kong` without a slash is the file itself: nothing lands at /kong/kong.yml.
    expect(lookup('FROM kong:3.4\nCOPY kong.yml /kong\n', '/kong/kong.yml')).toBeUndefined();
    expect(lookup('FROM kong:3.4\nCOPY kong.yml /kong\n', '/kong')).toEqual({ kind: 'file', path: 'kong.yml', line: 2 });
  });

  it('copies a folder\'s contents, not the folder, with or without a trailing slash', () => {
    expect(lookup('FROM kong:3.4\nCOPY config /usr/local/kong/declarative\n', '/usr/local/kong/declarative/sub/kong.yml')).toEqual({ kind: 'file', path: 'config/sub/kong.yml', line: 2 });
    expect(lookup('FROM kong:3.4\nCOPY config/ /etc/kong/\n', '/etc/kong/kong.yml')).toEqual({ kind: 'file', path: 'config/kong.yml', line: 2 });
    expect(lookup('FROM kong:3.4\nCOPY config/ /etc/kong/\n', '/etc/kong/config/kong.yml')).toBeUndefined();
    expect(lookup('FROM kong:3.4\nCOPY . /app/\n', '/app/config/kong.yml')).toEqual({ kind: 'file', path: 'config/kong.yml', line: 2 });
  });

  it('reads relative destinations under WORKDIR, and Kong\'s images start at /', () => {
    expect(lookup('FROM kong:3.4\nWORKDIR /kong\nWORKDIR declarative\nCOPY kong.yml ./\n', '/kong/declarative/kong.yml')).toEqual({ kind: 'file', path: 'kong.yml', line: 4 });
    expect(lookup('FROM kong:3.4\nCOPY kong.yml kong/\n', '/kong/kong.yml')).toEqual({ kind: 'file', path: 'kong.yml', line: 2 });
    // Another base image's working directory is unknown: its relative destination names nothing.
    expect(lookup('FROM ubuntu:22.04\nCOPY kong.yml kong/\n', '/kong/kong.yml')).toBeUndefined();
    expect(lookup('FROM ubuntu:22.04\nWORKDIR /srv\nCOPY kong.yml kong/\n', '/srv/kong/kong.yml')).toEqual({ kind: 'file', path: 'kong.yml', line: 3 });
  });

  it('takes flags, the exec form, variables and simple wildcards', () => {
    expect(lookup('FROM kong:3.4\nCOPY --chown=kong:0 --chmod=644 ["config/kong.yml", "/kong/kong.yml"]\n', '/kong/kong.yml')).toEqual({ kind: 'file', path: 'config/kong.yml', line: 2 });
    expect(lookup('FROM kong:3.4\nARG DIR=/kong\nENV CONF=config\nCOPY ${CONF}/kong.yml $DIR/\n', '/kong/kong.yml')).toEqual({ kind: 'file', path: 'config/kong.yml', line: 4 });
    expect(lookup('FROM kong:3.4\nCOPY config/*.yml /kong/\n', '/kong/kong.yml')).toEqual({ kind: 'file', path: 'config/kong.yml', line: 2 });
    expect(lookup('FROM kong:3.4\nCOPY config/*.json /kong/\n', '/kong/kong.yml')).toBeUndefined();
  });

  it('lets the last step that puts a file there win, and names a step it cannot follow', () => {
    const twice = 'FROM kong:3.4\nCOPY kong.yml /kong/kong.yml\nCOPY config/kong.yml /kong/kong.yml\n';
    expect(lookup(twice, '/kong/kong.yml')).toEqual({ kind: 'file', path: 'config/kong.yml', line: 3 });
    expect(lookup('FROM kong:3.4 AS base\nCOPY kong.yml /kong/kong.yml\nFROM base\nCOPY --from=render /out/kong.yml /kong/kong.yml\n', '/kong/kong.yml'))
      .toEqual({ unfollowed: 'COPY --from=render copies from another stage or image', line: 4 });
    expect(lookup('FROM kong:3.4\nADD https://example.com/kong.yml /kong/kong.yml\n', '/kong/kong.yml')).toEqual({ unfollowed: 'ADD fetches a URL or a Git repository', line: 2 });
    expect(lookup('FROM kong:3.4\nADD config.tar.gz /kong/\n', '/kong/kong.yml')).toEqual({ unfollowed: 'ADD extracts a tar archive', line: 2 });
    expect(lookup('FROM kong:3.4\nARG SRC\nCOPY $SRC /kong/kong.yml\n', '/kong/kong.yml')).toEqual({ unfollowed: 'it depends on SRC, without a value here', line: 3 });
    // A step before the last stage's FROM puts nothing in the running image.
    expect(lookup('FROM kong:3.4\nCOPY kong.yml /kong/kong.yml\nFROM kong:3.4\n', '/kong/kong.yml')).toBeUndefined();
  });

  it('says when the source a step names is absent from the context', () => {
    expect(lookup('FROM kong:3.4\nCOPY declarative/kong.yml /kong/kong.yml\n', '/kong/kong.yml')).toEqual({ kind: 'absent', path: 'declarative/kong.yml', line: 2 });
  });

  it('keeps a source inside the context and reads -c of the command', () => {
    expect(lookup('FROM kong:3.4\nCOPY ../kong.yml /kong/kong.yml\n', '/kong/kong.yml')).toEqual({ kind: 'file', path: 'kong.yml', line: 2 });
    expect(readDockerfile('Dockerfile', 'FROM kong:3.4\nCMD ["kong", "docker-start", "-c", "/opt/kong.conf"]\n').confPath?.path).toBe('/opt/kong.conf');
    expect(readDockerfile('Dockerfile', 'FROM kong:3.4\nCMD kong docker-start --conf=/opt/kong.conf\n').confPath?.path).toBe('/opt/kong.conf');
    // Setting ENTRYPOINT resets the CMD.
    expect(readDockerfile('Dockerfile', 'FROM kong:3.4\nCMD kong start -c /opt/kong.conf\nENTRYPOINT ["/init.sh"]\n').confPath).toBeUndefined();
  });

  it('normalises destinations and working directories', () => {
    expect(absoluteDestination('/kong//declarative/', undefined)).toBe('/kong/declarative/');
    expect(absoluteDestination('.', '/app')).toBe('/app/');
    expect(absoluteDestination('kong.yml', undefined)).toBeUndefined();
    expect(nextWorkdir('../b/', '/a/x')).toBe('/a/b');
    expect(globMatch('kong.y?l', 'kong.yml')).toBe(true);
    expect(globMatch('[!a]*.yml', 'kong.yml')).toBe(true);
    expect(globMatch('*.yaml', 'kong.yml')).toBe(false);
    expect(globMatch('[z-a]*', 'kong.yml')).toBe(false);
  });
});
