// The custom plugins of an installation: names that kong.conf settles where the sources cannot.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadKongConf } from '../../../src/inputs/kong-conf';
import { kindOnDisk } from '../../../src/inputs/images/dockerfile-copies';
import { loadCustomPlugins } from '../../../src/inputs/plugins/installation-plugins';
import { KongVersion } from '../../../src/version/kong-version';

const GO_FILE_BUILT = path.join(__dirname, '../../../fixtures/plugins/go-file-built/plugins');
const PLAN = { from: KongVersion.parse('3.0.1.0'), edition: 'enterprise' as const };

function conf(text: string) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kp-inst-plugins-')), 'kong.conf');
  fs.writeFileSync(file, text);
  return loadKongConf(file, {});
}

describe('loadCustomPlugins: a Go program file built on its own', () => {
  // jeromeguillaume/kong-plugin-jwe-decrypt: jwe-decrypt/plugins/jwe-decrypt.go, built with
  // `go build jwe-decrypt.go`, declared as `pluginserver_names = jwe-decrypt`; it was read as "plugins".
  it.each([
    ['pluginserver_names', 'pluginserver_names = token-relay\npluginserver_token_relay_query_cmd = /usr/local/bin/token-relay -dump\n'],
    ['plugins', 'plugins = bundled,token-relay\n'],
  ])('takes the file name when %s declares it and not the folder name', (_key, text) => {
    const loaded = loadCustomPlugins([GO_FILE_BUILT], conf(text), PLAN);
    expect(loaded.customPlugins?.plugins.map((p) => [p.name, p.naming?.from])).toEqual([['token-relay', 'go-file-declared']]);
    expect(loaded.label).toContain('named after their Go file, built alone, as kong.conf declares that name: token-relay');
  });

  it.each([
    ['no kong.conf', undefined],
    ['a kong.conf that declares neither name', 'pluginserver_names = other\n'],
    ['a kong.conf that declares the folder name', 'pluginserver_names = plugins,token-relay\n'],
  ])('keeps the folder name with %s', (_name, text) => {
    const loaded = loadCustomPlugins([GO_FILE_BUILT], text === undefined ? undefined : conf(text), PLAN);
    expect(loaded.customPlugins?.plugins.map((p) => [p.name, p.naming])).toEqual([['plugins', undefined]]);
  });
});

describe('loadCustomPlugins: a go-pluginserver module', () => {
  // manaty226/kong-go-plugin-keycloak-authz: go-keycloak.go, built with
  // `go build -buildmode plugin -o go-keycloak.so`, enabled as `plugins = go-keycloak` on Kong 2.0.
  it('takes the name of the one file defining New when kong.conf declares it', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-go-module-'));
    const dir = path.join(root, 'kong-go-authz');
    fs.mkdirSync(path.join(dir, 'token'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'go-authz.go'), 'package main\n\nimport "github.com/Kong/go-pdk"\n\ntype Config struct{}\n\nfunc New() interface{} { return &Config{} }\n\nfunc (c Config) Access(kong *pdk.PDK) {}\n');
    fs.writeFileSync(path.join(dir, 'token', 'token.go'), 'package token\n\nimport "github.com/Kong/go-pdk"\n');
    const loaded = loadCustomPlugins([dir], conf('go_plugins_dir = /tmp/go-plugins\nplugins = go-authz\n'), { from: KongVersion.parse('2.0.0'), edition: 'oss' });
    expect(loaded.customPlugins?.plugins.map((p) => [p.name, p.naming?.from])).toEqual([['go-authz', 'go-file-declared']]);
  });

  // wenzhenxi/kong-goplugins: app/go_hello.go built with `-o go-so/go-hello.so`, enabled as go-hello.
  it('matches a declared name that writes the file name with hyphens for underscores', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-go-modules-'));
    const module = 'package main\n\nimport "github.com/Kong/go-pdk"\n\ntype Config struct{}\n\nfunc New() interface{} { return &Config{} }\n';
    fs.mkdirSync(path.join(root, 'app'));
    fs.writeFileSync(path.join(root, 'app', 'go_hello.go'), module);
    fs.writeFileSync(path.join(root, 'app', 'go_log.go'), module);
    const loaded = loadCustomPlugins([root], conf('go_plugins_dir = /go-so\nplugins = bundled,go-hello\n'), { from: KongVersion.parse('2.0.0'), edition: 'oss' });
    expect(loaded.customPlugins?.plugins.map((p) => [p.name, p.naming?.from])).toEqual([['go-hello', 'go-file-declared'], ['go_log', undefined]]);
  });
});

describe('loadCustomPlugins: a --plugin-dir folder the Dockerfile copies in under another name', () => {
  // Kai17-a/kong-custom-plugins-language-benchmark kong/Dockerfile: `COPY ./plugins/lua
  // /usr/local/share/lua/5.1/kong/plugins/lua-plugin` with KONG_PLUGINS=bundled,lua-plugin; given
  // --plugin-dir kong/plugins, the plugin was read as "lua".
  function project() {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-copied-as-'));
    for (const folder of ['lua', 'audit']) {
      fs.mkdirSync(path.join(root, 'plugins', folder), { recursive: true });
      fs.writeFileSync(path.join(root, 'plugins', folder, 'handler.lua'), 'local H = { PRIORITY = 900, VERSION = "1.0.0" }\nreturn H\n');
      fs.writeFileSync(path.join(root, 'plugins', folder, 'schema.lua'), 'return { name = "x", fields = {} }\n');
    }
    const dockerfile = path.join(root, 'Dockerfile');
    const copy = (line: number, source: string, destination: string) => ({
      instruction: 'COPY' as const, sources: [source], destination, origin: { kind: 'file' as const, file: dockerfile, line, column: 1 },
    });
    const copies = [
      copy(5, 'plugins/lua', '/usr/local/share/lua/5.1/kong/plugins/lua-plugin'),
      copy(6, 'plugins/audit', '/usr/local/share/lua/5.1/kong/plugins/audit'),
    ];
    const image = { copies: { file: dockerfile, context: root, copies }, kindOf: kindOnDisk(root), cwd: root };
    return { plugins: path.join(root, 'plugins'), image };
  }

  it('takes the name of the folder the copy installs it as', () => {
    const { plugins, image } = project();
    const loaded = loadCustomPlugins([plugins], conf('plugins = bundled,lua-plugin,audit\n'), PLAN, image);
    expect(loaded.customPlugins?.plugins.map((p) => [p.name, p.naming?.from, p.foundVia]).sort()).toEqual([
      ['audit', undefined, 'plugin-dir'],
      ['lua-plugin', 'dockerfile-copy', 'plugin-dir'],
    ]);
    expect(loaded.label).toContain('named after the folder the Dockerfile copies them to: lua-plugin (lua, COPY at');
  });

  it('keeps the folder name without the Dockerfile', () => {
    const { plugins } = project();
    const loaded = loadCustomPlugins([plugins], conf('plugins = bundled,lua-plugin,audit\n'), PLAN);
    expect(loaded.customPlugins?.plugins.map((p) => p.name).sort()).toEqual(['audit', 'lua']);
  });
});
