import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compareRockVersions, pluginsOfRockspec, readBuildModules, rockspecsIn } from '../../../src/inputs/plugins/rockspec';

const FIXTURES = path.join(__dirname, '../../../fixtures/plugins');

function rockspec(text: string, name = 'kong-plugin-x-1.0.0-1.rockspec'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-rockspec-'));
  fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
}

describe('readBuildModules', () => {
  it('reads literal keys and values, and skips C modules', () => {
    expect(readBuildModules(rockspec(`
      package = "kong-plugin-x"
      build = { type = "builtin", modules = {
        ["kong.plugins.x.handler"] = "src/handler.lua",
        ['kong.plugins.x.schema'] = [[src/schema.lua]],
        ["x_native"] = { sources = { "csrc/x.c" } },
      } }
    `))).toEqual([
      { module: 'kong.plugins.x.handler', file: 'src/handler.lua' },
      { module: 'kong.plugins.x.schema', file: 'src/schema.lua' },
    ]);
  });

  it('folds `..` over string literals and top-level constant locals', () => {
    expect(readBuildModules(rockspec(`
      local plugin_name = "rbac"
      local prefix = "kong.plugins." .. plugin_name
      build = { modules = {
        [prefix .. ".handler"] = "plugins/" .. plugin_name .. "/handler.lua",
      } }
    `))).toEqual([{ module: 'kong.plugins.rbac.handler', file: 'plugins/rbac/handler.lua' }]);
  });

  it('leaves out what it would have to run: calls, branches, multiple assignment', () => {
    expect(readBuildModules(rockspec(`
      local from_call = package:match("^kong%-plugin%-(.+)$")
      local branchy = "a"
      if os then branchy = "b" end
      local one, two = "p", "q"
      build = { modules = {
        ["kong.plugins." .. from_call .. ".handler"] = "src/handler.lua",
        ["kong.plugins." .. branchy .. ".handler"] = "src/b.lua",
        ["kong.plugins." .. two .. ".handler"] = "src/two.lua",
        ["kong.plugins.kept.handler"] = "src/kept.lua",
      } }
    `))).toEqual([{ module: 'kong.plugins.kept.handler', file: 'src/kept.lua' }]);
  });

  // A property test's counterexample: thousands of `{` after a module entry overflowed the
  // stack (RangeError). Tables deeper than LuaJIT's 200 syntax levels are read as expressions.
  it('reads a rockspec nested far past what Lua accepts without overflowing the stack', () => {
    const file = rockspec(`build = { modules = { ["kong.plugins.x.handler"] = "src/handler.lua", c = ${'{'.repeat(20_000)}${'}'.repeat(20_000)} } }\n`);
    expect(readBuildModules(file)).toEqual([{ module: 'kong.plugins.x.handler', file: 'src/handler.lua' }]);
    const unclosed = rockspec(`build = { modules = { ["kong.plugins.x.handler"] = "src/handler.lua", ${'{'.repeat(20_000)} } }\n`);
    expect(() => readBuildModules(unclosed)).not.toThrow(RangeError);
  });

  it('returns nothing for a rockspec without build.modules', () => {
    expect(readBuildModules(rockspec('package = "x"\nbuild = { type = "make" }\n'))).toEqual([]);
  });
});

describe('rockspecsIn and pluginsOfRockspec', () => {
  it('takes the newest rockspec of a package and gives each module its role', () => {
    const root = path.join(FIXTURES, 'rock-repos', 'token-stamp');
    const specs = rockspecsIn(root);
    expect(specs.map((s) => path.basename(s.path))).toEqual(['kong-plugin-token-stamp-1.1.0-1.rockspec']);
    const [plugin] = pluginsOfRockspec(specs[0]);
    expect(plugin.name).toBe('token-stamp');
    expect(plugin.files.map((f) => [path.relative(root, f.file), f.role])).toEqual([
      ['src/handler.lua', 'handler'],
      ['src/schema.lua', 'schema'],
      ['src/migrations/init.lua', 'migrations-index'],
      ['src/migrations/000_base_token_stamp.lua', 'migration'],
    ]);
  });

  it('orders rock versions the way LuaRocks does', () => {
    expect(compareRockVersions('1.10.0-1', '1.9.0-2')).toBeGreaterThan(0);
    expect(compareRockVersions('0.0.2-1', '0.0.2-1')).toBe(0);
    expect(compareRockVersions('scm-1', '9.9.9-1')).toBeGreaterThan(0);
    expect(compareRockVersions('dev-1', 'scm-1')).toBeGreaterThan(0);
  });
});
