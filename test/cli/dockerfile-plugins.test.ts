// End to end: custom plugins baked into the image. A Dockerfile given with --image-file that
// copies project folders to where Kong loads plugins from (Kong's Lua tree's kong/plugins/, or a
// lua_package_path root's) has those folders read as the plugin input, listed with the COPY step
// that puts each there; a source absent here is named as not read.

import { join } from 'node:path';
import { checkDockerfile, dockerfilePluginsFixture, pluginsLabel, removedModules } from '../support/dockerfile-plugins';
import { tempDir } from '../support/temp';

const dir = dockerfilePluginsFixture;
const stamp = dir('plugins', 'header-stamp', 'handler.lua');

const check = checkDockerfile;

describe('check --image-file with a Dockerfile that copies custom plugins in', () => {
  it('reads one plugin copied into Kong\'s Lua tree, under the name it is installed as', async () => {
    const report = await check(dir('Dockerfile.one'));
    expect(pluginsLabel(report)).toBe(`1 plugin (header-stamp) from COPY at ${dir('Dockerfile.one')}:3 (header-stamp from ${dir('plugins', 'header-stamp')} to /usr/local/share/lua/5.1/kong/plugins/header-stamp)`);
    expect(removedModules(report)).toEqual([`${stamp}:1`]);
    expect(report.notEvaluated.find((n) => n.ruleId === 'plugins/removed-module')).toBeUndefined();
  });

  it('names a plugin after the folder it is copied to, not the project folder', async () => {
    const project = tempDir({
      Dockerfile: 'FROM kong:2.8.1\nCOPY src /usr/local/share/lua/5.1/kong/plugins/stamp-two\n',
      'src/handler.lua': 'local singletons = require "kong.singletons"\nreturn { PRIORITY = 10, VERSION = "1.0.0" }\n',
    });
    const report = await check(join(project, 'Dockerfile'));
    expect(pluginsLabel(report)).toMatch(/^1 plugin \(stamp-two\) from COPY at /);
  });

  it('reads a folder of plugins copied to kong/plugins/, each by its own name', async () => {
    const report = await check(dir('Dockerfile.folder'));
    expect(pluginsLabel(report)).toBe(`2 plugins (client-tag, header-stamp) from COPY at ${dir('Dockerfile.folder')}:3 (client-tag, header-stamp from ${dir('plugins')} to /usr/local/share/lua/5.1/kong/plugins/)`);
    // client-tag is clean: only header-stamp is reported.
    expect(removedModules(report)).toEqual([`${stamp}:1`]);
    expect(report.findings.filter((f) => f.location.file?.includes('client-tag'))).toEqual([]);
  });

  it('reads the kong/plugins/ folder of a tree copied to a lua_package_path root the Dockerfile sets', async () => {
    const report = await check(dir('Dockerfile.package-path'));
    expect(pluginsLabel(report)).toBe(`1 plugin (path-stamp) from COPY at ${dir('Dockerfile.package-path')}:4 (path-stamp from ${dir('lua')} to /opt/custom/)`);
    expect(removedModules(report)).toEqual([`${dir('lua', 'kong', 'plugins', 'path-stamp', 'handler.lua')}:1`]);
  });

  it('takes the lua_package_path root from the compose service that builds the image', async () => {
    const project = tempDir({
      Dockerfile: 'FROM kong:2.8.1\nCOPY lua /opt/x/\n',
      'docker-compose.yml': 'services:\n  kong:\n    build: .\n    environment:\n      KONG_LUA_PACKAGE_PATH: "/opt/x/?.lua;;"\n      KONG_PLUGINS: bundled,p1\n',
      'lua/kong/plugins/p1/handler.lua': 'local singletons = require "kong.singletons"\nreturn { PRIORITY = 10, VERSION = "1.0.0" }\n',
    });
    const report = await check(join(project, 'docker-compose.yml'));
    expect(pluginsLabel(report)).toBe(`1 plugin (p1) from COPY at ${join(project, 'Dockerfile')}:2 (p1 from ${join(project, 'lua')} to /opt/x/)`);
    expect(removedModules(report)).toEqual([`${join(project, 'lua', 'kong', 'plugins', 'p1', 'handler.lua')}:1`]);
  });

  it('reads nothing from a folder copied under no lua_package_path root', async () => {
    const project = tempDir({ Dockerfile: 'FROM kong:2.8.1\nCOPY lua /opt/custom/\n', 'lua/kong/plugins/stamp/handler.lua': 'return {}\n' });
    const report = await check(join(project, 'Dockerfile'));
    expect(pluginsLabel(report)).toBeUndefined();
  });

  it('names a COPY source absent here as not read', async () => {
    const report = await check(dir('Dockerfile.missing'));
    expect(pluginsLabel(report)).toBe(`1 plugin (header-stamp) from COPY at ${dir('Dockerfile.missing')}:3 (header-stamp from ${dir('plugins', 'header-stamp')} to /usr/local/share/lua/5.1/kong/plugins/header-stamp)`
      + `; not read: COPY at ${dir('Dockerfile.missing')}:4 copies ${dir('plugins', 'gone')} to /usr/local/share/lua/5.1/kong/plugins/gone, absent here`);
    // KONG_PLUGINS enables it: the finding says its COPY source was absent here.
    expect(report.findings.find((f) => f.ruleId === 'plugins/unlocated-custom-plugin')?.message)
      .toContain(`custom plugin gone is enabled but its code was not found (its COPY source is absent here: COPY at ${dir('Dockerfile.missing')}:4 copies ${dir('plugins', 'gone')} to /usr/local/share/lua/5.1/kong/plugins/gone; no --plugin-dir given, and not among the plugins the Dockerfile copies in;`);
    // header-stamp was read: nothing is said of it.
    expect(report.findings.filter((f) => f.ruleId === 'plugins/unlocated-custom-plugin')).toHaveLength(1);
    // With nothing else copied, the plugin rules say why they did not run.
    const project = tempDir({ Dockerfile: 'FROM kong:2.8.1\nCOPY ./my-plugin /usr/local/share/lua/5.1/kong/plugins/my-plugin\n' });
    const alone = await check(join(project, 'Dockerfile'));
    expect(pluginsLabel(alone)).toBeUndefined();
    expect(alone.notEvaluated.find((n) => n.ruleId === 'plugins/removed-module')?.reason)
      .toBe(`no --plugin-dir given and no custom plugin found on lua_package_path; not read: COPY at ${join(project, 'Dockerfile')}:2 copies ${join(project, 'my-plugin')} to /usr/local/share/lua/5.1/kong/plugins/my-plugin, absent here: custom plugin code was not checked`);
  });

  it('names a plugin folder filled from another stage as not read', async () => {
    const project = tempDir({ Dockerfile: 'FROM alpine AS build\nRUN true\nFROM kong:2.8.1\nCOPY --from=build /src/plugins /usr/local/share/lua/5.1/kong/plugins/\n' });
    const report = await check(join(project, 'Dockerfile'));
    expect(report.notEvaluated.find((n) => n.ruleId === 'plugins/removed-module')?.reason)
      .toContain(`not read: COPY at ${join(project, 'Dockerfile')}:4 fills /usr/local/share/lua/5.1/kong/plugins/ (COPY --from=build copies from another stage or image)`);
  });

  it('leaves a folder copied under a bundled plugin\'s name to platform/patched-kong-files', async () => {
    const project = tempDir({ Dockerfile: 'FROM kong:2.8.1\nCOPY jwt /usr/local/share/lua/5.1/kong/plugins/jwt\n', 'jwt/handler.lua': 'local singletons = require "kong.singletons"\n' });
    const report = await check(join(project, 'Dockerfile'));
    expect(pluginsLabel(report)).toBeUndefined();
    expect(removedModules(report)).toEqual([]);
  });

  it('checks a plugin that --plugin-dir also gives once', async () => {
    const report = await check(dir('Dockerfile.folder'), ['--plugin-dir', dir('plugins', 'header-stamp')]);
    expect(pluginsLabel(report)).toBe(`2 plugins (header-stamp, client-tag) from --plugin-dir ${dir('plugins', 'header-stamp')}, COPY at ${dir('Dockerfile.folder')}:3 (client-tag from ${dir('plugins')} to /usr/local/share/lua/5.1/kong/plugins/)`);
    expect(removedModules(report)).toEqual([`${stamp}:1`]);
  });
});
