// The words a container starts with, and the build steps that may change Kong's templates: what
// decides whether a node renders the templates of the release it runs.

import { startKind } from '../../../src/inputs/images/stock-start';
import { stockPathNamed } from '../../../src/inputs/images/template-paths';
import { readDockerfile } from '../../../src/inputs/images/dockerfile';
import { nginxConfFile } from '../../../src/inputs/images/nginx-conf-file';

describe('startKind', () => {
  it('takes the entrypoint script followed by `kong docker-start`, however many times the script is named', () => {
    for (const words of [['/docker-entrypoint.sh', 'kong', 'docker-start'], ['/entrypoint.sh', 'kong', 'docker-start', '-c', '/etc/kong/kong.conf'], ['/docker-entrypoint.sh', '/docker-entrypoint.sh', 'kong', 'docker-start']]) {
      expect({ words, kind: startKind(words).kind }).toEqual({ words, kind: 'stock' });
    }
  });

  it('names the template of --nginx-conf, in either form and inside a shell script', () => {
    expect(startKind(['/docker-entrypoint.sh', 'kong', 'docker-start', '--nginx-conf', '/t.conf'])).toEqual({ kind: 'nginx-conf', path: '/t.conf' });
    expect(startKind(['kong', 'start', '--nginx-conf=/t.conf'])).toEqual({ kind: 'nginx-conf', path: '/t.conf' });
    expect(startKind(['/bin/sh', '-c', 'kong prepare --nginx-conf "/t.conf" && exec nginx'])).toEqual({ kind: 'nginx-conf', path: '/t.conf' });
    // --nginx-conf-flags names no template.
    expect(startKind(['/docker-entrypoint.sh', 'kong', 'docker-start', '--nginx-conf-flags', 'x']).kind).toBe('stock');
  });

  it('gives other for words that start Kong another way', () => {
    for (const words of [['kong', 'docker-start'], ['/docker-entrypoint.sh', 'kong', 'start'], ['/docker-entrypoint.sh', '/bin/sh', '-c', 'kong docker-start'], ['/docker-entrypoint.sh'], ['/start.sh', 'kong', 'docker-start'], []]) {
      expect({ words, kind: startKind(words).kind }).toEqual({ words, kind: 'other' });
    }
  });
});

describe('stockPathNamed', () => {
  it('finds the templates, a folder above them or the entrypoint script in a step\'s text', () => {
    expect(stockPathNamed('sed -i s/a/b/ /usr/local/share/lua/5.1/kong/templates/nginx_kong.lua')).toBe('/usr/local/share/lua/5.1/kong/templates');
    expect(stockPathNamed('cp -r lua/ /usr/local/share/lua/5.1/')).toBe('/usr/local/share/lua/5.1/kong/templates');
    expect(stockPathNamed('patch -d kong/templates < fix.patch')).toBe('/usr/local/share/lua/5.1/kong/templates');
    expect(stockPathNamed('mv /docker-entrypoint.sh /old-entrypoint.sh')).toBe('/docker-entrypoint.sh');
  });

  it('finds nothing in a step beside them', () => {
    for (const text of ['luarocks install kong-plugin-foo', 'mkdir -p /usr/local/share/lua/5.1/kong/plugins/foo', 'chown -R kong /usr/local/kong', 'rm -rf /var/lib/apt/lists/*', 'echo my-kong/templates-backup']) {
      expect({ text, named: stockPathNamed(text) }).toEqual({ text, named: undefined });
    }
  });
});

describe('readDockerfile: the start and template steps of the last stage', () => {
  it('keeps the words of CMD and ENTRYPOINT through a stage chain, ENTRYPOINT emptying the CMD', () => {
    const chain = readDockerfile('Dockerfile', 'FROM kong:3.4.2 AS base\nCMD ["kong", "docker-start", "-c", "/k.conf"]\nFROM base\nUSER kong\n');
    expect(chain.run.cmd?.words).toEqual(['kong', 'docker-start', '-c', '/k.conf']);
    expect(chain.run.entrypoint).toBeUndefined();
    const replaced = readDockerfile('Dockerfile', 'FROM kong:3.4.2\nENTRYPOINT /start.sh\n');
    expect(replaced.run.entrypoint?.words).toEqual(['/bin/sh', '-c', '/start.sh']);
    expect(replaced.run.cmd?.words).toEqual([]);
  });

  it('lists the RUN that names the templates and the COPY whose destination is not known, in the last stage only', () => {
    const read = readDockerfile('Dockerfile', [
      'FROM kong:3.4.2 AS build',
      'RUN sed -i s/a/b/ /usr/local/share/lua/5.1/kong/templates/nginx.lua',
      'FROM kong:3.4.2',
      'ARG WHERE',
      'COPY plugin.lua ${WHERE}/handler.lua',
      'RUN luarocks install kong-plugin-foo',
      '',
    ].join('\n'));
    expect(read.templateSteps.map((step) => [step.origin.line, step.why])).toEqual([[5, 'COPY depends on WHERE, without a value here']]);
  });
});

describe('nginxConfFile', () => {
  const at = { kind: 'file' as const, file: 'compose.yml', line: 8, column: 9 };
  const start = { path: '/etc/kong/t.conf', by: 'service kong starts Kong with --nginx-conf /etc/kong/t.conf (compose.yml:4)' };
  const onDisk = (files: string[]) => ({ exists: (path: string) => files.includes(path), kindOf: (path: string) => (files.includes(path) ? 'file' as const : files.some((file) => file.startsWith(`${path}/`)) ? 'folder' as const : undefined) });

  it('follows a bind mount of the file or of its folder, then a Dockerfile copy', () => {
    const disk = onDisk(['proj/t.conf', 'proj/tpl/t.conf', 'ctx/nginx/t.conf']);
    expect(nginxConfFile(start, { unit: 'service kong', mounts: [{ source: 'proj/t.conf', target: '/etc/kong/t.conf', origin: at }] }, undefined, undefined, disk.exists, disk.kindOf))
      .toEqual({ kind: 'file', path: 'proj/t.conf', by: `${start.by}, mounted from proj/t.conf (compose.yml:8:9)` });
    expect(nginxConfFile(start, { unit: 'service kong', mounts: [{ source: 'proj/tpl', target: '/etc/kong', origin: at }] }, undefined, undefined, disk.exists, disk.kindOf)).toMatchObject({ kind: 'file', path: 'proj/tpl/t.conf' });
    const copies = { file: 'ctx/Dockerfile', context: 'ctx', copies: [{ instruction: 'COPY' as const, sources: ['nginx'], destination: '/etc/kong/', origin: { kind: 'file' as const, file: 'ctx/Dockerfile', line: 3, column: 1 } }] };
    expect(nginxConfFile(start, undefined, copies, undefined, disk.exists, disk.kindOf)).toMatchObject({ kind: 'file', path: 'ctx/nginx/t.conf', by: expect.stringContaining('copied to /etc/kong/t.conf by COPY at ctx/Dockerfile:3') });
  });

  it('says why when the file is absent, and gives nothing for a relative path or a path nothing holds', () => {
    const disk = onDisk([]);
    expect(nginxConfFile(start, { unit: 'service kong', mounts: [{ source: 'proj/t.conf', target: '/etc/kong/t.conf', origin: at }] }, undefined, undefined, disk.exists, disk.kindOf))
      .toEqual({ kind: 'unread', reason: `${start.by}, mounted from proj/t.conf (compose.yml:8:9); proj/t.conf is absent on this machine (give it with --nginx-template)` });
    const configMap = { kind: 'ConfigMap' as const, name: 'kong-tpl', target: '/etc/kong', origin: { kind: 'file' as const, file: 'deploy.yaml', line: 20, column: 13 } };
    expect(nginxConfFile(start, undefined, undefined, [configMap], disk.exists, disk.kindOf))
      .toEqual({ kind: 'unread', reason: `${start.by}, held in ConfigMap kong-tpl (key t.conf), mounted at deploy.yaml:20:13; not read from the manifest (give a copy of that key with --nginx-template)` });
    expect(nginxConfFile({ ...start, path: 't.conf' }, { unit: 'service kong', mounts: [{ source: 'proj', target: '/', origin: at }] }, undefined, undefined, disk.exists, disk.kindOf)).toBeUndefined();
    expect(nginxConfFile(start, { unit: 'service kong', mounts: [{ source: 'proj', target: '/etc/other', origin: at }] }, undefined, undefined, disk.exists, disk.kindOf)).toBeUndefined();
  });
});
