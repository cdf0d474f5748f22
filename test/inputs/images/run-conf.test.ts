// The kong.conf a container is started with: the -c of the image's ENTRYPOINT and CMD as a
// compose service's `command:`, `entrypoint:` and `working_dir:` leave them
// (compose-spec/compose-spec@170098ba 05-services.md lines 200, 224-227, 542-546, 2191).

import { kongConfArgument, runConf, type CommandConf } from '../../../src/inputs/images/run-conf';
import { composeStringWords } from '../../../src/inputs/images/shell-words';

const at = (file: string, line: number) => ({ kind: 'file' as const, file, line, column: 1 });
const conf = (path: string, file = 'Dockerfile', line = 3): CommandConf => ({ path, origin: at(file, line) });

describe('kongConfArgument', () => {
  it('reads -c, --conf and --conf= after the word that runs kong', () => {
    expect(kongConfArgument(['kong', 'docker-start', '-c', '/opt/kong.conf'])).toBe('/opt/kong.conf');
    expect(kongConfArgument(composeStringWords('kong start --conf /etc/my.conf --vv')!)).toBe('/etc/my.conf');
    expect(kongConfArgument(['/usr/local/bin/kong', 'start', '--conf=/x.conf'])).toBe('/x.conf');
    expect(kongConfArgument(['sh', '-c', "kong migrations up; kong start -c '/etc/kong/a.conf';"])).toBe('/etc/kong/a.conf');
  });

  it('keeps a quoted path with blanks whole, in a shell\'s script and in a compose string', () => {
    expect(kongConfArgument(['sh', '-c', "kong start -c '/etc/kong/my kong.conf'"])).toBe('/etc/kong/my kong.conf');
    expect(kongConfArgument(['/bin/bash', '-o', 'pipefail', '-ec', 'kong migrations up && exec kong start --conf "/etc/kong/my kong.conf"'])).toBe('/etc/kong/my kong.conf');
    expect(kongConfArgument(['sh', '-c', 'kong start -c /etc/kong/my\\ kong.conf; echo done'])).toBe('/etc/kong/my kong.conf');
    expect(kongConfArgument(['sh', '-c', 'kong start "--conf=/etc/kong/my kong.conf"'])).toBe('/etc/kong/my kong.conf');
    // Scripts nest: the inner one is split again.
    expect(kongConfArgument(['sh', '-c', `bash -c "kong start -c '/a b.conf'"`])).toBe('/a b.conf');
    // An argument of a list is one word as it stands.
    expect(kongConfArgument(['kong', 'start', '-c', '/etc/kong/my kong.conf'])).toBe('/etc/kong/my kong.conf');
    expect(kongConfArgument(composeStringWords(`sh -c "kong start -c '/etc/kong/my kong.conf'"`)!)).toBe('/etc/kong/my kong.conf');
    expect(kongConfArgument(composeStringWords('kong start -c /etc/kong/my\\ kong.conf')!)).toBe('/etc/kong/my kong.conf');
  });

  it('takes no shell -c for one, nor a -c of a command that does not run kong', () => {
    expect(kongConfArgument(['sh', '-c', 'kong migrations up && kong start'])).toBeUndefined();
    expect(kongConfArgument(['/init.sh', '-c', '/etc/kong/kong.conf'])).toBeUndefined();
    expect(kongConfArgument(['kong', 'start', '-c', '--vv'])).toBeUndefined();
    // A shell given a script file, not -c, runs no script of its arguments; a comment runs nothing.
    expect(kongConfArgument(['sh', '/start.sh', 'kong start -c /x.conf'])).toBeUndefined();
    expect(kongConfArgument(['sh', '-c', '# kong start -c /x.conf\nkong start'])).toBeUndefined();
  });
});

describe('composeStringWords', () => {
  it('splits a compose command string as go-shellwords does', () => {
    expect(composeStringWords(`kong start -c "/a b.conf" --vv`)).toEqual(['kong', 'start', '-c', '/a b.conf', '--vv']);
    expect(composeStringWords(`sh -c 'echo "x"; kong start'`)).toEqual(['sh', '-c', 'echo "x"; kong start']);
    expect(composeStringWords(`echo "a\\"b" c\\ d ''`)).toEqual(['echo', 'a"b', 'c d', '']);
    // An unquoted `;` ends the command there; an unclosed quote makes compose refuse the file.
    expect(composeStringWords('kong start -c /a.conf; kong stop')).toEqual(['kong', 'start', '-c', '/a.conf']);
    expect(composeStringWords('kong start -c "/a.conf')).toBeUndefined();
  });

  // mattn/go-shellwords@fd1aa6c (v1.0.13, the version docker compose builds with) shellwords.go Parse.
  it('keeps a backslash inside single quotes; inside double quotes it escapes any character, unlike a shell', () => {
    expect(composeStringWords(`echo 'a\\b' "c\\d" "e\\$f"`)).toEqual(['echo', 'a\\b', 'cd', 'e$f']);
    expect(composeStringWords('echo a\\tb a\\nb')).toEqual(['echo', 'a\tb', 'a\nb']);
    expect(composeStringWords('kong start \\')).toBeUndefined();
  });

  it('keeps a $(...) or backquoted part whole, and refuses a bare parenthesis', () => {
    expect(composeStringWords('kong start -c $(echo "/a b.conf"; true) --vv')).toEqual(['kong', 'start', '-c', '$(echo "/a b.conf"; true)', '--vv']);
    expect(composeStringWords('echo `date; x` y')).toEqual(['echo', '`date; x`', 'y']);
    expect(composeStringWords('kong start (x)')).toBeUndefined();
    expect(composeStringWords('kong start x)')).toBeUndefined();
    expect(composeStringWords('kong start $(x')).toBeUndefined();
    expect(composeStringWords('"$(x"')).toEqual(['$(x']);
  });

  it('drops a word that starts with a digit before >, and keeps any other', () => {
    expect(composeStringWords('kong start -c /a.conf 2>/dev/null')).toEqual(['kong', 'start', '-c', '/a.conf']);
    expect(composeStringWords('kong start -c /a.conf>/dev/null')).toEqual(['kong', 'start', '-c', '/a.conf']);
    expect(composeStringWords('kong start -c 1.conf>/dev/null')).toEqual(['kong', 'start', '-c']);
  });
});

describe('runConf', () => {
  const cmd = conf('/opt/cmd.conf');
  const entry = conf('/opt/entry.conf', 'Dockerfile', 4);
  const service = (key: 'command' | 'entrypoint', named?: string) => ({ [key]: { ...(named ? { conf: conf(named, 'compose.yaml', 7) } : {}), origin: at('compose.yaml', 7) } });

  it('keeps the image\'s -c when the service replaces nothing', () => {
    expect(runConf({ cmdConf: cmd }, undefined)).toEqual({ conf: cmd });
    expect(runConf({ cmdConf: cmd }, { workingDir: '/srv' })).toEqual({ conf: cmd });
    expect(runConf({ entrypointConf: entry, cmdConf: cmd }, undefined)).toEqual({ conf: entry });
  });

  it('drops the image CMD\'s -c for a command without one, and keeps its ENTRYPOINT\'s', () => {
    expect(runConf({ cmdConf: cmd }, service('command'))).toEqual({ replaced: { conf: cmd, by: 'command', origin: at('compose.yaml', 7) } });
    expect(runConf({ entrypointConf: entry }, service('command'))).toEqual({ conf: entry });
    expect(runConf({ cmdConf: cmd }, service('command', '/etc/kong/own.conf')).conf).toEqual(conf('/etc/kong/own.conf', 'compose.yaml', 7));
  });

  it('drops both the image\'s ENTRYPOINT and CMD for an entrypoint', () => {
    expect(runConf({ cmdConf: cmd }, service('entrypoint'))).toEqual({ replaced: { conf: cmd, by: 'entrypoint', origin: at('compose.yaml', 7) } });
    expect(runConf({ entrypointConf: entry }, service('entrypoint'))).toMatchObject({ replaced: { conf: entry, by: 'entrypoint' } });
    expect(runConf({ cmdConf: cmd }, { ...service('entrypoint'), ...service('command', '/c.conf') }).conf?.path).toBe('/c.conf');
  });

  it('joins a relative -c to the working folder: the service\'s working_dir, else the image\'s WORKDIR', () => {
    expect(runConf({ cmdConf: conf('kong.conf'), workdir: '/opt/kong' }, undefined).conf?.path).toBe('/opt/kong/kong.conf');
    expect(runConf({ cmdConf: conf('../kong.conf'), workdir: '/opt/kong' }, { workingDir: '/srv/app' }).conf?.path).toBe('/srv/kong.conf');
    expect(runConf(undefined, service('command', 'conf/kong.conf')).conf?.path).toBe('conf/kong.conf');
    expect(runConf({ workdir: '/' }, service('command', 'conf/kong.conf')).conf?.path).toBe('/conf/kong.conf');
  });
});
