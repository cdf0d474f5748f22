// Heredocs of RUN, COPY and ADD (moby/buildkit@73ed682 frontend/dockerfile/parser/parser.go lines
// 82-139, 365-396, 415-499): their bodies are a script or a file's text, never instructions, and
// a COPY of one to a path Kong reads is named as not followed.

import { join } from 'node:path';
import { readDockerfile } from '../../../src/inputs/images/dockerfile';
import { skipHeredocBodies } from '../../../src/inputs/images/dockerfile-heredocs';
import { contextFileAt, kindOnDisk } from '../../../src/inputs/images/dockerfile-copies';
import { tempDir } from '../../support/temp';

const env = (dockerfile: string) => readDockerfile('Dockerfile', dockerfile).env.map((variable) => [variable.name, variable.value, variable.origin.line]);
const packages = (dockerfile: string) => readDockerfile('Dockerfile', dockerfile).packages.map((p) => [p.written, p.version?.toString(), p.origin.line]);
const bodies = (instruction: string, after: string[]) => skipHeredocBodies(instruction, after, 0).map((body) => [body.name, body.start, body.end]);

describe('Dockerfile heredoc bodies', () => {
  it('are not read as instructions', () => {
    const dockerfile = ['FROM kong:3.4', 'RUN <<EOF', 'ENV KONG_DATABASE=postgres', 'FROM ubuntu:22.04', 'EOF', 'ENV KONG_PROXY_LISTEN=0.0.0.0:8000'].join('\n');
    const read = readDockerfile('Dockerfile', dockerfile);
    expect(env(dockerfile)).toEqual([['KONG_PROXY_LISTEN', '0.0.0.0:8000', 6]]);
    expect(read.images.map((image) => [image.origin.line, image.buildStage])).toEqual([[1, undefined]]);
    // Without the heredoc the same lines are instructions: the check above can fail.
    const plain = readDockerfile('Dockerfile', dockerfile.replace('RUN <<EOF', 'RUN true').replace('\nEOF', '\nRUN true'));
    expect(plain.images[0].buildStage).toBe('the stage of line 1');
  });

  it('end at the delimiter alone on its line; `<<-` drops leading tabs first; quotes are not part of it', () => {
    expect(bodies('RUN <<EOF', ['  EOF', 'EOF ', 'EOF', 'ENV A=1'])).toEqual([['EOF', 0, 3]]);
    expect(bodies('RUN <<-EOF', ['\techo', '\t\tEOF', 'ENV A=1'])).toEqual([['EOF', 0, 2]]);
    // Spaces are not tabs.
    expect(bodies('RUN <<-EOF', ['  EOF', 'EOF'])).toEqual([['EOF', 0, 2]]);
    expect(bodies('COPY <<"END" /etc/kong/kong.conf', ['a', 'END'])).toEqual([['END', 0, 2]]);
    expect(bodies("RUN <<'E O' cat", ['x', 'E O'])).toEqual([['E O', 0, 2]]);
  });

  it('follow one another when one line opens several', () => {
    expect(bodies('RUN <<A <<-B bash', ['a', 'A', '\tb', '\tB', 'ENV X=1'])).toEqual([['A', 0, 2], ['B', 2, 4]]);
    expect(bodies('RUN 3<<FD cat /dev/fd/3', ['x', 'FD'])).toEqual([['FD', 0, 2]]);
    const dockerfile = ['FROM kong:3.4', 'COPY <<one <<two /etc/kong/', 'ENV A=1', 'one', 'ENV B=2', 'two', 'ENV C=3'].join('\n');
    expect(env(dockerfile)).toEqual([['C', '3', 7]]);
  });

  it('are read only for RUN, COPY and ADD (ONBUILD too) outside the JSON form', () => {
    expect(bodies('ENV A=<<EOF', ['x', 'EOF'])).toEqual([]);
    expect(bodies('RUN ["sh", "-c", "cat <<EOF"]', ['x', 'EOF'])).toEqual([]);
    expect(bodies('ONBUILD RUN <<EOF', ['x', 'EOF'])).toEqual([['EOF', 0, 2]]);
    // `<<` with no delimiter, and a `<` inside one, open none.
    expect(bodies('RUN echo a << b', ['x'])).toEqual([]);
    expect(bodies('RUN cat <<A<B', ['x', 'A<B'])).toEqual([]);
  });

  it('run to the end of the file when the delimiter never comes (docker build refuses it)', () => {
    expect(bodies('RUN <<EOF', ['ENV A=1', 'ENV B=2'])).toEqual([['EOF', 0, 2]]);
    expect(env('FROM kong:3.4\nRUN <<EOF\nENV A=1\n')).toEqual([]);
  });

  it('keep later instructions at their own lines', () => {
    const dockerfile = ['FROM kong:3.4', 'RUN <<EOF', '# not a comment here', '', 'echo \\', 'EOF', 'ENV KONG_LOG_LEVEL=debug \\', '  KONG_DATABASE=off'].join('\n');
    expect(env(dockerfile)).toEqual([['KONG_LOG_LEVEL', 'debug', 7], ['KONG_DATABASE', 'off', 8]]);
  });

  it('written by a COPY where Kong reads kong.conf, are named as not followed, at their lines', () => {
    const context = tempDir({ 'kong.conf': 'database = off\n' });
    const dockerfile = ['FROM kong:3.4', 'COPY kong.conf /etc/kong/kong.conf', 'COPY <<-"EOF" /etc/kong/kong.conf', '\tdatabase = postgres', '\tEOF', 'COPY kong.conf /opt/kong.conf'].join('\n');
    const read = readDockerfile(join(context, 'Dockerfile'), dockerfile);
    const found = contextFileAt('/etc/kong/kong.conf', read.copies, context, kindOnDisk(context));
    expect(found).toMatchObject({ kind: 'unfollowed', copy: { origin: { line: 3 } } });
    expect(found?.kind === 'unfollowed' && found.copy.unfollowed).toBe(`COPY writes the text of a heredoc (line 4 of ${join(context, 'Dockerfile')}), not read as the file`);
    // The later COPY elsewhere is still read as an instruction.
    expect(contextFileAt('/opt/kong.conf', read.copies, context, kindOnDisk(context))).toMatchObject({ kind: 'file', copy: { origin: { line: 6 } } });
  });

  it('run by a RUN as a shell script, install the packages they name, at their lines', () => {
    const dockerfile = [
      'FROM debian:12', 'ARG KONG_VERSION=3.4.2', 'RUN <<EOF', 'set -e', 'apt-get update', 'apt-get install -y \\', '  kong=${KONG_VERSION}', 'EOF',
      'RUN --mount=type=cache,target=/var/cache/apt bash -ex <<-"SCRIPT"', '\tyum install -y kong-enterprise-edition-3.6.0.0', '\tSCRIPT',
    ].join('\n');
    expect(packages(dockerfile)).toEqual([['kong=3.4.2', '3.4.2', 6], ['kong-enterprise-edition-3.6.0.0', '3.6.0.0', 10]]);
    // The same lines as a COPY's heredoc are a file's text, and a non-shell's input is not shell.
    expect(packages(dockerfile.replace('RUN <<EOF', 'COPY <<EOF /opt/install.sh').replace('bash -ex <<-', 'cat <<-'))).toEqual([]);
  });

  it('run through another interpreter or written to a file, are not read as shell', () => {
    expect(packages('FROM debian:12\nRUN <<EOF\n#!/usr/bin/env python3\nprint("apt-get install -y kong=3.4.2")\nEOF\n')).toEqual([]);
    expect(packages('FROM debian:12\nRUN <<EOF\n#!/bin/bash -e\napt-get install -y kong=3.4.2\nEOF\n')).toEqual([['kong=3.4.2', '3.4.2', 4]]);
    // `bash -c` runs its argument, not its input; a second heredoc on an empty command is no script.
    expect(packages('FROM debian:12\nRUN bash -c "true" <<EOF\napt-get install -y kong=3.4.2\nEOF\n')).toEqual([]);
    expect(packages('FROM debian:12\nRUN <<A <<B\napt-get install -y kong=3.4.2\nA\nB\n')).toEqual([]);
  });

  it('run by a RUN in a Kong image, tell its package manager', () => {
    const apk = readDockerfile('Dockerfile', 'FROM kong:2.8.1-alpine\nUSER root\nRUN <<EOF\napk add --no-cache curl\nEOF\n');
    expect(apk.images[0].usesApk).toBe(true);
    const written = readDockerfile('Dockerfile', 'FROM kong:2.8.1-alpine\nCOPY <<EOF /opt/notes\napk add --no-cache curl\nEOF\n');
    expect(written.images[0].usesApk).toBeUndefined();
  });
});
