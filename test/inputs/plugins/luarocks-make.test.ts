// Plugins baked into the image by building their project with `luarocks make` (sweep 23:
// betagouv/api-particulier-legacy `ADD ./kong-delegateAuth ...; WORKDIR ...; RUN luarocks make
// --local`; sicuranext/karna `COPY kong/ /tmp/karna/kong/`, `COPY <rockspec> /tmp/karna/`,
// `RUN cd /tmp/karna; luarocks make`): their plugins were reported as enabled with no code found.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadKongConf } from '../../../src/inputs/kong-conf';
import { readDockerfile } from '../../../src/inputs/images/dockerfile';
import { kindOnDisk } from '../../../src/inputs/images/dockerfile-copies';
import { findLuarocksMakes } from '../../../src/inputs/images/luarocks-make';
import { loadCustomPlugins } from '../../../src/inputs/plugins/installation-plugins';
import { rockspecsIn, pluginsOfRockspec } from '../../../src/inputs/plugins/rockspec';
import { KongVersion } from '../../../src/version/kong-version';

const at = { kind: 'file' as const, file: 'Dockerfile', line: 3, column: 1 };

function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-luarocks-make-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe('findLuarocksMakes', () => {
  const find = (text: string, workdir: string | undefined = '/custom/x') => findLuarocksMakes(text, workdir, at).map((m) => [m.dir, m.rockspec]);

  it('takes the working directory, a cd before it, or the folder of the rockspec it names', () => {
    expect(find('luarocks make --local')).toEqual([['/custom/x', undefined]]);
    expect(find('set -eux; cd /tmp/karna; printf "x" > v.lua; luarocks make; cd /; rm -rf /tmp/karna', '/')).toEqual([['/tmp/karna', undefined]]);
    expect(find('cd plugin && luarocks make')).toEqual([['/custom/x/plugin', undefined]]);
    expect(find('luarocks make /src/kong-plugin-a-1.0-1.rockspec')).toEqual([['/src', 'kong-plugin-a-1.0-1.rockspec']]);
  });

  it('follows no other luarocks command, and no folder it cannot know', () => {
    expect(find('luarocks install kong-oidc && luarocks pack kong-plugin-a')).toEqual([]);
    expect(findLuarocksMakes('luarocks make', undefined, at)).toEqual([]);
    expect(find('cd $PLUGIN_DIR && luarocks make')).toEqual([]);
  });
});

describe('a rockspec that names its plugin with package:match', () => {
  // Kong/kong-plugin@6480c39 kong-plugin-myplugin-0.1.0-1.rockspec line 10.
  it('reads the name the pattern captures from the package', () => {
    const root = project({
      'kong-plugin-karna-1.5.2-0.rockspec': 'package = "kong-plugin-karna"\nversion = "1.5.2-0"\nlocal pluginName = package:match("^kong%-plugin%-(.+)$")\nbuild = {\n  type = "builtin",\n  modules = {\n    ["kong.plugins."..pluginName..".handler"] = "kong/plugins/"..pluginName.."/handler.lua",\n  }\n}\n',
    });
    expect(rockspecsIn(root).flatMap(pluginsOfRockspec).map((p) => p.name)).toEqual(['karna']);
  });

  it('understands no pattern with a character class', () => {
    const root = project({
      'kong-plugin-b-1.0-1.rockspec': 'package = "kong-plugin-b"\nlocal name = package:match("^kong%-plugin%-(%a+)$")\nbuild = { type = "builtin", modules = { ["kong.plugins."..name..".handler"] = "handler.lua" } }\n',
    });
    expect(rockspecsIn(root).flatMap(pluginsOfRockspec)).toEqual([]);
  });
});

describe('plugins a Dockerfile builds with luarocks make', () => {
  const PLAN = { from: KongVersion.parse('2.8.1'), edition: 'oss' as const };
  const handler = 'local H = { PRIORITY = 900, VERSION = "1.0.0" }\nreturn H\n';
  const rockspec = (name: string, prefix: string) =>
    `package = "kong-plugin-${name}"\nversion = "0.2.0-1"\nbuild = {\n  type = "builtin",\n  modules = {\n    ["kong.plugins.${name}.handler"] = "${prefix}kong/plugins/${name}/handler.lua",\n    ["kong.plugins.${name}.schema"] = "${prefix}kong/plugins/${name}/schema.lua",\n  }\n}\n`;
  function read(files: Record<string, string>, dockerfile: string) {
    const root = project({ ...files, Dockerfile: dockerfile });
    const read = readDockerfile(path.join(root, 'Dockerfile'), dockerfile);
    const conf = path.join(root, 'kong.conf');
    fs.writeFileSync(conf, 'plugins = bundled,customAuth,karna\n');
    const image = { copies: { file: path.join(root, 'Dockerfile'), context: root, copies: read.copies, luarocksMakes: read.luarocksMakes }, kindOf: kindOnDisk(root), cwd: root };
    return loadCustomPlugins([], loadKongConf(conf, {}), PLAN, image);
  }

  it('reads the project a folder copy brings to where luarocks make runs', () => {
    const loaded = read({
      'kong-delegateAuth/kong-plugin-custom-auth-0.2.0-1.rockspec': rockspec('customAuth', ''),
      'kong-delegateAuth/kong/plugins/customAuth/handler.lua': handler,
      'kong-delegateAuth/kong/plugins/customAuth/schema.lua': 'return { name = "customAuth", fields = {} }\n',
    }, 'FROM kong:2.8.1\nADD ./kong-delegateAuth /usr/local/kong/kong-delegateAuth\nWORKDIR /usr/local/kong/kong-delegateAuth\nRUN luarocks make --local\n');
    expect(loaded.customPlugins?.plugins.map((p) => [p.name, p.foundVia])).toEqual([['customAuth', 'dockerfile-copy']]);
    expect(loaded.label).toMatch(/RUN luarocks make at .*Dockerfile:4 \(customAuth from .*kong-delegateAuth to \/usr\/local\/kong\/kong-delegateAuth\)/);
  });

  it('reads the folder of a rockspec copied into that folder', () => {
    const loaded = read({
      'kong-plugin-karna-1.5.2-0.rockspec': rockspec('karna', ''),
      'kong/plugins/karna/handler.lua': handler,
      'kong/plugins/karna/schema.lua': 'return { name = "karna", fields = {} }\n',
    }, 'FROM kong:2.8.1\nCOPY kong/ /tmp/karna/kong/\nCOPY kong-plugin-karna-1.5.2-0.rockspec /tmp/karna/\nRUN set -eux; cd /tmp/karna; luarocks make; cd /; rm -rf /tmp/karna\n');
    expect(loaded.customPlugins?.plugins.map((p) => p.name)).toEqual(['karna']);
  });

  it('reads nothing for a build whose project the copies do not bring', () => {
    const loaded = read({ 'other/x.txt': 'x\n' }, 'FROM kong:2.8.1\nCOPY other /opt/other\nWORKDIR /build\nRUN luarocks make\n');
    expect(loaded.customPlugins).toBeUndefined();
  });
});
