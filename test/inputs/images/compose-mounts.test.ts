// Bind mounts of compose services (compose-spec 05-services.md `volumes`, 13-merge.md): which file
// of the project lies behind a path inside the Kong container.

import { join } from 'node:path';
import { hostPathOf, mergeMounts, shortSyntaxBind, type BindMount } from '../../../src/inputs/images/compose-mounts';
import { loadPlatformInputs } from '../../../src/inputs/platform';
import { tempDir } from '../../support/temp';

const at = { kind: 'file' as const, file: 'compose.yml', line: 1, column: 1 };
const mount = (source: string, target: string): BindMount => ({ source, target, origin: at });

describe('compose bind mounts', () => {
  it('reads host paths as bind mounts and names as volumes', () => {
    expect(shortSyntaxBind('./kong.yml:/etc/kong/kong.yml')).toEqual({ source: './kong.yml', target: '/etc/kong/kong.yml' });
    expect(shortSyntaxBind('../config/kong.yml:/kong/declarative/kong.yml:ro')).toEqual({ source: '../config/kong.yml', target: '/kong/declarative/kong.yml' });
    expect(shortSyntaxBind('C:\\kong:/etc/kong')).toEqual({ source: 'C:\\kong', target: '/etc/kong' });
    expect(shortSyntaxBind('kong_data:/var/lib/kong')).toBeUndefined();
    expect(shortSyntaxBind('/usr/local/kong')).toBeUndefined();
  });

  it('maps a container path through the deepest mount that holds it', () => {
    const mounts = [mount('conf', '/etc/kong'), mount('decl/kong.yml', '/etc/kong/declarative/kong.yml')];
    expect(hostPathOf('/etc/kong/kong.yml', mounts)?.path).toBe('conf/kong.yml');
    expect(hostPathOf('/etc/kong/declarative/kong.yml', mounts)?.path).toBe('decl/kong.yml');
    expect(hostPathOf('/etc/kongx/kong.yml', mounts)).toBeUndefined();
    expect(hostPathOf('kong.yml', mounts)).toBeUndefined();
  });

  it('lets a later file replace the mount of the same target', () => {
    expect(mergeMounts([mount('a.yml', '/etc/kong/kong.yml')], [mount('b.yml', '/etc/kong/kong.yml')]).map((m) => m.source)).toEqual(['b.yml']);
  });

  it('keeps the mounts of the service read as the Kong node, relative to the compose file, long syntax included', () => {
    const dir = tempDir({
      'compose.yml': [
        'services:',
        '  kong:',
        '    image: kong:3.7',
        '    environment:',
        '      - KONG_DATABASE=off',
        '    volumes:',
        '      - ./kong.yml:/etc/kong/kong.yml',
        '      - kong_prefix:/usr/local/kong',
        '      - type: bind',
        '        source: ./plugins',
        '        target: /opt/plugins/',
        '      - C:\\kong\\certs:/etc/kong/certs:ro',
        'volumes:',
        '  kong_prefix: {}',
      ].join('\n') + '\n',
    });
    const platform = loadPlatformInputs({ imageFiles: [join(dir, 'compose.yml')] });
    expect(platform.containerMounts?.unit).toBe('service kong');
    expect(platform.containerMounts?.mounts.map((m) => [m.source, m.target, m.origin.line])).toEqual([
      [join(dir, 'kong.yml'), '/etc/kong/kong.yml', 7],
      [join(dir, 'plugins'), '/opt/plugins', 9],
      ['C:\\kong\\certs', '/etc/kong/certs', 12],
    ]);
  });

  it('reads `configs:` and `secrets:` with a file as bind mounts at their targets, the others and `tmpfs:` as mounts not read', () => {
    const dir = tempDir({
      'compose.yml': [
        'services:',
        '  kong:',
        '    image: kong:3.7',
        '    configs:',
        '      - kong_conf',
        '      - source: kong_conf',
        '        target: /etc/kong/kong.conf',
        '      - source: inline',
        '        target: etc/kong/inline.conf',
        '    secrets:',
        '      - pg_password',
        '      - source: cert',
        '        target: kong.crt',
        '      - source: undefined_here',
        '    tmpfs:',
        '      - /tmp:size=64m',
        'configs:',
        '  kong_conf:',
        '    file: ./kong.conf',
        '  inline:',
        '    content: "x"',
        'secrets:',
        '  pg_password:',
        '    environment: PG_PASSWORD',
        '  cert:',
        '    file: ${CERTS:-./certs}/kong.crt',
      ].join('\n') + '\n',
    });
    const platform = loadPlatformInputs({ imageFiles: [join(dir, 'compose.yml')] });
    expect(platform.containerMounts?.mounts.map((m) => [m.source, m.target, m.origin.line])).toEqual([
      [join(dir, 'kong.conf'), '/kong_conf', 5],
      [join(dir, 'kong.conf'), '/etc/kong/kong.conf', 6],
      [join(dir, 'certs/kong.crt'), '/run/secrets/kong.crt', 12],
    ]);
  });

  it('takes the mounts of the services `volumes_from:` names, under the service\'s own; a container outside the project mounts what is not known', () => {
    const dir = tempDir({
      'compose.yml': [
        'services:',
        '  kong-data:',
        '    image: busybox',
        '    volumes:',
        '      - ./kong.conf:/etc/kong/kong.conf',
        '      - ./templates:/opt/templates',
        '  kong:',
        '    image: kong:3.7',
        '    volumes_from:',
        '      - kong-data:ro',
        '      - container:legacy-volumes',
        '    volumes:',
        '      - ./own-templates:/opt/templates',
      ].join('\n') + '\n',
    });
    const platform = loadPlatformInputs({ imageFiles: [join(dir, 'compose.yml')] });
    expect(platform.containerMounts?.unit).toBe('service kong');
    expect(platform.containerMounts?.mounts.map((m) => [m.source, m.target, m.origin.line])).toEqual([
      [join(dir, 'kong.conf'), '/etc/kong/kong.conf', 5],
      [join(dir, 'own-templates'), '/opt/templates', 13],
    ]);
    expect(platform.containerMounts?.opaque?.map((m) => [m.what, m.target, m.origin.line])).toEqual([['volume of container legacy-volumes, taken with volumes_from', undefined, 11]]);
  });
});
