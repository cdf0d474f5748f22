import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { InputError } from '../../../src/errors';
import { loadPluginDirs } from '../../../src/inputs/plugins/load';
import { bundledPlugins } from '../../../src/knowledge/plugins/bundled';
import { KongVersion } from '../../../src/version/kong-version';

const FIXTURES = path.join(__dirname, '../../../fixtures/plugins');

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-load-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

const H = 'return { PRIORITY = 1, VERSION = "1.0.0" }\n';

describe('loadPluginDirs', () => {
  it('reads one plugin folder and gives each file its role', () => {
    const { plugins } = loadPluginDirs([path.join(FIXTURES, 'legacy-2x', 'header-stamp')]);
    expect(plugins).toHaveLength(1);
    const [p] = plugins;
    expect(p.name).toBe('header-stamp');
    expect(p.language).toBe('lua');
    expect(p.luaFiles.map((f) => [path.basename(f.path), f.role])).toEqual([
      ['daos.lua', 'daos'], ['handler.lua', 'handler'],
      ['000_base_header_stamp.lua', 'migration'], ['init.lua', 'migrations-index'], ['schema.lua', 'schema'],
    ]);
    expect(p.migrations).toHaveLength(1);
    expect(p.origin).toMatchObject({ file: path.join(FIXTURES, 'legacy-2x', 'header-stamp', 'handler.lua'), line: 1 });
  });

  it('reads a folder of plugins and a rock with the kong/plugins/<name>/ layout, skipping spec folders', () => {
    const root = tree({
      'a/handler.lua': H,
      'b/schema.lua': 'return { name = "b", fields = {} }\n',
      'c/README.md': 'not a plugin',
      'rock/kong/plugins/d/handler.lua': H,
      'rock/spec/e/handler.lua': H,
      'a/spec/01-unit_spec.lua': 'this is not even lua (',
    });
    expect(loadPluginDirs([root]).plugins.map((p) => p.name)).toEqual(['a', 'b', 'd']);
    expect(loadPluginDirs([path.join(root, 'rock')]).plugins.map((p) => p.name)).toEqual(['d']);
  });

  it('reads plugins/<name>/ under the folder given: the kong/ folder of a rock, or a repository that keeps its plugins there', () => {
    const rock = tree({ 'kong/plugins/tracer/handler.lua': H, 'kong/plugins/tracer/schema.lua': 'return { name = "tracer", fields = {} }\n', 'kong/plugins/tracer/span.lua': 'return {}\n' });
    expect(loadPluginDirs([path.join(rock, 'kong')]).plugins.map((p) => [p.name, p.luaFiles.length])).toEqual([['tracer', 3]]);
    const repo = tree({ 'Dockerfile': 'FROM kong:2.8\n', 'plugins/pep/handler.lua': H, 'plugins/notes/README.md': 'not a plugin' });
    expect(loadPluginDirs([repo]).plugins.map((p) => p.name)).toEqual(['pep']);
  });

  it('finds Go, JavaScript and Python plugin-server plugins', () => {
    const { plugins } = loadPluginDirs([path.join(FIXTURES, 'external')]);
    expect(plugins.map((p) => [p.name, p.language])).toEqual([['js-hello', 'javascript'], ['py_hello', 'python'], ['go-hello', 'go']]);
    // Comments are blanked but lines keep their numbers.
    const js = plugins[0].externalFiles[0];
    expect(js.lines[1]).not.toContain('kong-pdk');
    expect(js.lines[10]).toContain('getRawBody');
  });

  it('takes several --plugin-dir folders and drops a plugin given twice', () => {
    const legacy = path.join(FIXTURES, 'legacy-2x');
    const { plugins, roots } = loadPluginDirs([legacy, path.join(FIXTURES, 'clean-3x'), path.join(legacy, 'header-stamp')]);
    expect(plugins.map((p) => p.name)).toEqual(['header-stamp', 'request-stamp']);
    expect(roots).toHaveLength(3);
  });

  describe('rockspecs', () => {
    const REPOS = path.join(FIXTURES, 'rock-repos');
    const summary = (dir: string) => loadPluginDirs([dir]).plugins.map((p) => ({
      name: p.name, naming: p.naming?.from, files: p.luaFiles.map((f) => `${path.relative(REPOS, f.path)}:${f.role}`),
    }));

    it('names a src/ plugin by the module its rockspec installs, reading only the files it maps', () => {
      expect(summary(path.join(REPOS, 'token-stamp'))).toEqual([{
        name: 'token-stamp', naming: 'rockspec', files: [
          'token-stamp/src/handler.lua:handler', 'token-stamp/src/schema.lua:schema',
          'token-stamp/src/migrations/init.lua:migrations-index', 'token-stamp/src/migrations/000_base_token_stamp.lua:migration',
        ],
      }]);
    });

    it('finds the rockspec above a src/ or plugins/<name>/ folder given directly', () => {
      expect(summary(path.join(REPOS, 'token-stamp', 'src')).map((p) => p.name)).toEqual(['token-stamp']);
      expect(summary(path.join(REPOS, 'header-echo', 'plugins', 'header-echo'))).toEqual([{
        name: 'header-echo', naming: 'rockspec', files: ['header-echo/plugins/header-echo/handler.lua:handler', 'header-echo/plugins/header-echo/schema.lua:schema'],
      }]);
    });

    it('reads a folder of repositories, one plugin per rockspec, with the plugins/<name>/ layout too', () => {
      const plugins = loadPluginDirs([REPOS]).plugins;
      expect(plugins.map((p) => [p.name, path.relative(REPOS, p.dir)])).toEqual([
        ['header-echo', 'header-echo/plugins/header-echo'], ['token-stamp', 'token-stamp/src'],
      ]);
      const echo = plugins[0];
      expect(echo.handler?.path).toBe(path.join(REPOS, 'header-echo', 'plugins', 'header-echo', 'handler.lua'));
      expect(echo.origin).toMatchObject({ file: echo.handler?.path, line: 1 });
    });

    it('without a rockspec, names a src/ folder after the folder above it and says the name is a guess', () => {
      const [plugin] = loadPluginDirs([path.join(FIXTURES, 'src-no-rockspec', 'auth-stamp')]).plugins;
      expect(plugin).toMatchObject({ name: 'auth-stamp', naming: { from: 'folder-above-src' } });
      const [direct] = loadPluginDirs([path.join(FIXTURES, 'src-no-rockspec', 'auth-stamp', 'src')]).plugins;
      expect(direct.name).toBe('auth-stamp');
      expect(loadPluginDirs([path.join(FIXTURES, 'clean-3x')]).plugins[0].naming).toBeUndefined();
    });
  });

  // As by14/kong-plugin-thirdlaw keeps it: installed with `luarocks install <rockspec URL>`,
  // which builds from the repository root, and enabled as `thirdlaw`.
  it('names a plugin by a rockspec in its folder whose paths start at the repository root', () => {
    const root = tree({
      'kong-plugin-redir/kong-plugin-redir-1.0-1.rockspec': 'package = "kong-plugin-redir"\nversion = "1.0-1"\nbuild = {\n  type = "builtin",\n  modules = {\n'
        + '    ["kong.plugins.redir.handler"] = "./kong-plugin-redir/handler.lua",\n    ["kong.plugins.redir.schema"] = "./kong-plugin-redir/schema.lua",\n  },\n}\n',
      'kong-plugin-redir/handler.lua': H,
      'kong-plugin-redir/schema.lua': 'return { name = "redir", fields = {} }\n',
    });
    for (const dir of [root, path.join(root, 'kong-plugin-redir')]) {
      const plugins = loadPluginDirs([dir]).plugins;
      expect(plugins.map((p) => [p.name, p.naming?.from, p.luaFiles.map((f) => f.role)])).toEqual([['redir', 'rockspec', ['handler', 'schema']]]);
    }
  });

  describe('a LuaRocks tree that holds Kong', () => {
    const TREE = path.join(FIXTURES, 'kong-tree');
    const bundled = bundledPlugins(KongVersion.parse('2.8.0'), 'oss').names;

    it('sets aside the plugins the source version bundles and reads the custom one beside them', () => {
      const loaded = loadPluginDirs([TREE], { bundled });
      expect(loaded.plugins.map((p) => p.name)).toEqual(['req-audit']);
      expect(loaded.setAside?.map((s) => s.name)).toEqual(['acl', 'key-auth']);
      // Given as the kong/plugins folder itself, the same.
      expect(loadPluginDirs([path.join(TREE, 'kong', 'plugins')], { bundled }).setAside).toHaveLength(2);
    });

    it('reads a bundled name as custom when nothing marks the tree as Kong\'s own', () => {
      const root = tree({ 'kong/plugins/key-auth/handler.lua': H, 'kong/plugins/mine/handler.lua': H });
      const loaded = loadPluginDirs([root], { bundled });
      expect(loaded.plugins.map((p) => p.name)).toEqual(['key-auth', 'mine']);
      expect(loaded.setAside).toBeUndefined();
    });

    it('does not raise when a tree holds only Kong\'s own plugins', () => {
      const root = tree({ 'kong/constants.lua': 'return {}\n', 'kong/plugins/acl/handler.lua': H });
      expect(loadPluginDirs([root], { bundled })).toMatchObject({ plugins: [], setAside: [{ name: 'acl' }] });
    });
  });

  describe('plugin-server naming', () => {
    const MULTI = path.join(FIXTURES, 'external-multi');

    it('gives each single-file Go program of a folder its own plugin, named after its file', () => {
      const plugins = loadPluginDirs([path.join(MULTI, 'go-multi')]).plugins;
      expect(plugins.map((p) => [p.name, p.externalFiles.map((f) => path.basename(f.path))])).toEqual([
        ['audit-go', ['audit-go.go']], ['stamp-go-lm', ['stamp-go-lm.go']], ['stamp-go', ['stamp-go.go']],
      ]);
    });

    it('reads a Go library package as part of the program that imports it, not as a plugin', () => {
      const pdk = 'import "github.com/Kong/go-pdk"\n';
      const root = tree({
        'goql/cmd/main.go': 'package main\n\nimport "github.com/Kong/go-pdk/server"\n\nfunc main() {\n\tserver.StartServer(plugin.New, plugin.Version, plugin.Priority)\n}\n',
        'goql/cmd/main_test.go': `package main\n\n${pdk}`,
        'goql/plugin/plugin.go': `// Package plugin holds the handlers.\npackage plugin\n\n${pdk}\nconst Version = "0.0.1"\n`,
      });
      expect(loadPluginDirs([path.join(root, 'goql')]).plugins.map((p) => [p.name, p.externalFiles.map((f) => path.basename(f.path))]))
        .toEqual([['cmd', ['main.go']]]);
    });

    // As wenzhenxi/kong-goplugins kept them for Kong 2.0: app/go_hello.go, app/go_log.go...,
    // each built with `go build -buildmode=plugin -o go-so/<name>.so app/<file>.go`, against a fork of go-pdk.
    it('gives each go-pluginserver module of a folder its own plugin, whatever go-pdk fork it imports', () => {
      const module = (msg: string) => `package main\n\nimport "github.com/example-org/go-pdk"\n\ntype Config struct{}\n\nfunc New() interface{} { return &Config{} }\n\n// ${msg}\nfunc (c Config) Access(kong *pdk.PDK) {}\n`;
      const root = tree({ 'app/go_hello.go': module('hello'), 'app/go_log.go': module('log'), 'app/util.go': 'package main\n\nimport "strings"\n' });
      expect(loadPluginDirs([root]).plugins.map((p) => [p.name, p.language])).toEqual([['go_hello', 'go'], ['go_log', 'go']]);
    });

    it('names JavaScript plugins by their Name export, else by the file kong-js-pdk resolves, and never merges files of two plugins', () => {
      const plugins = loadPluginDirs([path.join(MULTI, 'js-modules')]).plugins;
      expect(plugins.map((p) => [p.name, p.externalFiles.map((f) => path.relative(MULTI, f.path))])).toEqual([
        ['top', ['js-modules/top-level.js']],
        ['greet', ['js-modules/greet/index.js', 'js-modules/greet/helper.js']],
        ['index', ['js-modules/plain/index.js']],
      ]);
    });
  });

  it.each([
    ['a missing folder', () => path.join(os.tmpdir(), 'kp-does-not-exist'), /no such directory/],
    ['a folder without plugins', () => tree({ 'notes.txt': 'x' }), /no plugin found/],
    ['a file', () => path.join(tree({ 'handler.lua': H }), 'handler.lua'), /^--plugin-dir expects a folder, but this is a file; give the folder that holds the plugin \(.+\)$/],
  ])('raises an InputError for %s', (_name, dir, message) => {
    const d = dir();
    expect(() => loadPluginDirs([d])).toThrow(InputError);
    expect(() => loadPluginDirs([d])).toThrow(message);
  });

  it('raises an InputError naming file and line for Lua that does not tokenize', () => {
    const root = tree({ 'x/handler.lua': 'local a = 1\nlocal s = "never closed\n' });
    try {
      loadPluginDirs([root]);
      throw new Error('expected an InputError');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).oneLine()).toBe(`${path.join(root, 'x', 'handler.lua')}:2:11: unfinished string`);
    }
  });
});
