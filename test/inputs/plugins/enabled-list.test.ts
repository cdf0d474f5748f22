import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadKongConf } from '../../../src/inputs/kong-conf';
import { enabledPlugins, packagePathRoots, relativePackagePaths } from '../../../src/inputs/plugins/enabled-list';

function conf(text: string) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kp-conf-')), 'kong.conf');
  fs.writeFileSync(file, text);
  return loadKongConf(file, {});
}

describe('enabledPlugins', () => {
  it('treats an unset property as Kong\'s default, bundled', () => {
    expect(enabledPlugins(conf('database = postgres\n'))).toMatchObject({ explicit: [], includesBundled: true });
  });

  it('splits names, keeps their line, and recognises bundled and off', () => {
    const list = enabledPlugins(conf('\nplugins = bundled, my-auth ,go-hello\n'));
    expect(list.includesBundled).toBe(true);
    expect(list.explicit.map((e) => [e.name, e.origin.kind === 'file' && e.origin.line])).toEqual([['my-auth', 2], ['go-hello', 2]]);
    expect(enabledPlugins(conf('plugins = off\n'))).toMatchObject({ explicit: [], includesBundled: false });
    expect(enabledPlugins(conf('plugins = key-auth\n')).includesBundled).toBe(false);
  });
});

describe('packagePathRoots', () => {
  it('keeps absolute template folders and drops ;; and ./ entries', () => {
    expect(packagePathRoots(conf('lua_package_path = /opt/a/?.lua;/opt/b/?/init.lua;./?.lua;;\n'))).toEqual(['/opt/a', '/opt/b']);
  });

  it('reads $prefix and ${prefix} as Kong\'s prefix, its default when kong.conf sets none', () => {
    expect(packagePathRoots(conf('lua_package_path = $prefix/?.lua;${prefix}custom/?.lua;;\n'))).toEqual(['/usr/local/kong', '/usr/local/kong/custom']);
    expect(packagePathRoots(conf('prefix = /var/kong\nlua_package_path = $prefix/plugins/?.lua;;\n'))).toEqual(['/var/kong/plugins']);
  });
});

describe('relativePackagePaths', () => {
  it('gives the relative templates once each, without ;;, absolute ones or $prefix ones', () => {
    expect(relativePackagePaths(conf('lua_package_path = /opt/a/?.lua;./?.lua;lua/?/init.lua;$prefix/?.lua;./?.lua;;\n'))).toEqual(['./?.lua', 'lua/?/init.lua']);
    expect(relativePackagePaths(conf('lua_package_path = /opt/a/?.lua;;\n'))).toEqual([]);
    expect(relativePackagePaths(conf('database = off\n'))).toEqual([]);
  });
});
