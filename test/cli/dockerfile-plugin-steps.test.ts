// End to end: the Dockerfile steps around custom plugins that are not a plain folder copy. Single
// files or wildcards copied into a plugin folder are read as that plugin; a plugin folder copied
// into kong/plugins/ itself (its contents land there, not in a folder of its own) is named as not
// loadable, and plugins/unlocated-custom-plugin says so; relative lua_package_path templates and
// steps from another stage that write over Kong's Lua tree are named as not read.

import { join } from 'node:path';
import { checkDockerfile, dockerfilePluginsFixture, pluginsLabel, removedModules, type JsonReport } from '../support/dockerfile-plugins';
import { tempDir } from '../support/temp';

const dir = dockerfilePluginsFixture;
const TREE = '/usr/local/share/lua/5.1/kong/plugins';
const SINGLETONS = 'local singletons = require "kong.singletons"\nreturn { PRIORITY = 10, VERSION = "1.0.0" }\n';

const check = checkDockerfile;

const notRun = (report: JsonReport) => report.notEvaluated.find((n) => n.ruleId === 'plugins/removed-module')?.reason;
const unlocated = (report: JsonReport) => report.findings.filter((f) => f.ruleId === 'plugins/unlocated-custom-plugin').map((f) => f.message);

describe('check --image-file: single files copied into a plugin folder', () => {
  const handler = dir('loose', 'src', 'handler.lua');
  const schema = dir('loose', 'src', 'schema.lua');

  it('reads files a COPY names one by one as the plugin whose folder they go to', async () => {
    const report = await check(dir('Dockerfile.files'));
    expect(pluginsLabel(report)).toBe(`1 plugin (loose-stamp) from COPY at ${dir('Dockerfile.files')}:3 (loose-stamp from ${handler}, ${schema} to ${TREE}/loose-stamp/)`);
    expect(removedModules(report)).toEqual([`${handler}:1`]);
    expect(unlocated(report)).toEqual([]);
  });

  it('reads the files an ADD wildcard matches', async () => {
    const report = await check(dir('Dockerfile.wildcard'));
    expect(pluginsLabel(report)).toBe(`1 plugin (loose-stamp) from ADD at ${dir('Dockerfile.wildcard')}:3 (loose-stamp from ${handler}, ${schema} to ${TREE}/loose-stamp/)`);
    expect(removedModules(report)).toEqual([`${handler}:1`]);
  });

  it('gathers one plugin over several steps, a file written as the destination taking that name', async () => {
    const project = tempDir({
      Dockerfile: `FROM kong:2.8.1\nCOPY main.lua ${TREE}/two-steps/handler.lua\nCOPY migrations ${TREE}/two-steps/migrations\n`,
      'main.lua': SINGLETONS,
      'migrations/init.lua': 'return { "000_base" }\n',
      'migrations/000_base.lua': 'return { postgres = { up = "" } }\n',
    });
    const report = await check(join(project, 'Dockerfile'));
    const at = join(project, 'Dockerfile');
    expect(pluginsLabel(report)).toBe(`1 plugin (two-steps) from COPY at ${at}:2, COPY at ${at}:3 (two-steps from ${join(project, 'main.lua')}, ${join(project, 'migrations', '000_base.lua')}, ${join(project, 'migrations', 'init.lua')} to ${TREE}/two-steps/)`);
    expect(removedModules(report)).toEqual([`${join(project, 'main.lua')}:1`]);
  });

  it('reads a file a later step copies into a plugin folder copied whole before, over the folder\'s own', async () => {
    const project = tempDir({
      Dockerfile: `FROM kong:2.8.1\nCOPY plugins/layered ${TREE}/layered\nCOPY patched-handler.lua ${TREE}/layered/handler.lua\n`,
      'plugins/layered/handler.lua': 'return { PRIORITY = 10, VERSION = "1.0.0" }\n',
      'plugins/layered/schema.lua': 'return { name = "layered", fields = {} }\n',
      'patched-handler.lua': SINGLETONS,
    });
    const report = await check(join(project, 'Dockerfile'));
    const at = join(project, 'Dockerfile');
    // One plugin, the later handler.lua in place of the folder's, the folder's schema.lua kept.
    expect(pluginsLabel(report)).toBe(`1 plugin (layered) from COPY at ${at}:2, COPY at ${at}:3 (layered from ${join(project, 'patched-handler.lua')}, ${join(project, 'plugins', 'layered', 'schema.lua')} to ${TREE}/layered/)`);
    expect(removedModules(report)).toEqual([`${join(project, 'patched-handler.lua')}:1`]);
  });

  it('reads a plugin folder copied over files an earlier step put there, the folder\'s files winning', async () => {
    const project = tempDir({
      Dockerfile: `FROM kong:2.8.1\nCOPY old-handler.lua ${TREE}/layered/handler.lua\nCOPY extra.lua ${TREE}/layered/extra.lua\nCOPY plugins/ ${TREE}/\n`,
      'old-handler.lua': SINGLETONS,
      'extra.lua': SINGLETONS,
      'plugins/layered/handler.lua': 'return { PRIORITY = 10, VERSION = "1.0.0" }\n',
    });
    const report = await check(join(project, 'Dockerfile'));
    expect(pluginsLabel(report)).toContain(`(layered from ${join(project, 'plugins', 'layered', 'handler.lua')}, ${join(project, 'extra.lua')} to ${TREE}/layered/)`);
    expect(removedModules(report)).toEqual([`${join(project, 'extra.lua')}:1`]);
  });

  it('reads nothing from files copied outside a plugin folder, or without a handler.lua or schema.lua', async () => {
    const project = tempDir({
      Dockerfile: `FROM kong:2.8.1\nCOPY handler.lua /opt/app/\nCOPY util.lua ${TREE}/helpers-only/\nCOPY *.txt ${TREE}/notes/\n`,
      'handler.lua': SINGLETONS,
      'util.lua': SINGLETONS,
      'notes.txt': 'x\n',
    });
    const report = await check(join(project, 'Dockerfile'));
    expect(pluginsLabel(report)).toBeUndefined();
    expect(notRun(report)).toBe('no --plugin-dir given and no custom plugin found on lua_package_path: custom plugin code was not checked');
  });
});

describe('check --image-file: a plugin folder copied into kong/plugins/ itself', () => {
  it('names it as not loadable, and the unlocated-plugin finding says why', async () => {
    const report = await check(dir('Dockerfile.contents'));
    const source = dir('plugins', 'header-stamp');
    expect(pluginsLabel(report)).toBeUndefined();
    expect(notRun(report)).toBe('no --plugin-dir given and no custom plugin found on lua_package_path; '
      + `not loadable: COPY at ${dir('Dockerfile.contents')}:3 copies the contents of ${source} into ${TREE}/ itself (Docker copies a folder's contents, not the folder): `
      + `its handler.lua lands at ${TREE}/handler.lua, where Kong loads no plugin; to install it as header-stamp, copy it to ${TREE}/header-stamp/: custom plugin code was not checked`);
    expect(unlocated(report)).toEqual([
      `custom plugin header-stamp is enabled but its code was not found (COPY at ${dir('Dockerfile.contents')}:3 copies the contents of ${source} into ${TREE}/ itself rather than into a folder header-stamp/ there, so Kong cannot load it; `
      + 'no --plugin-dir given; no lua_package_path folder to search); its Lua was not checked against Kong 3.4.2.',
    ]);
  });

  it('names a handler.lua copied straight into kong/plugins/', async () => {
    const project = tempDir({ Dockerfile: `FROM kong:2.8.1\nCOPY src/handler.lua ${TREE}/\n`, 'src/handler.lua': SINGLETONS });
    const report = await check(join(project, 'Dockerfile'));
    expect(notRun(report)).toContain(`not loadable: COPY at ${join(project, 'Dockerfile')}:2 puts ${join(project, 'src', 'handler.lua')} at ${TREE}/handler.lua, in ${TREE}/ itself rather than in a plugin's folder under it`);
  });

  it('names each plugin folder a wildcard copies there, as Docker copies a matched folder\'s contents too', async () => {
    const project = tempDir({ Dockerfile: `FROM kong:2.8.1\nCOPY plugins/* ${TREE}/\n`, 'plugins/a/handler.lua': SINGLETONS, 'plugins/b/schema.lua': 'return {}\n' });
    const reason = notRun(await check(join(project, 'Dockerfile')));
    expect(reason).toContain(`copies the contents of ${join(project, 'plugins', 'a')} into ${TREE}/ itself`);
    expect(reason).toContain(`its schema.lua lands at ${TREE}/schema.lua, where Kong loads no plugin; to install it as b, copy it to ${TREE}/b/`);
  });

  it('names a wildcard in a source\'s folder part as not followed', async () => {
    const project = tempDir({ Dockerfile: `FROM kong:2.8.1\nCOPY */handler.lua ${TREE}/stamp/\n`, 'src/handler.lua': SINGLETONS });
    expect(notRun(await check(join(project, 'Dockerfile')))).toContain(`not read: COPY at ${join(project, 'Dockerfile')}:2 copies */handler.lua to ${TREE}/stamp/ (a wildcard in a folder name is not followed here)`);
  });

  it('does not call a folder of plugins copied there misplaced', async () => {
    const report = await check(dir('Dockerfile.folder'));
    expect(pluginsLabel(report)).not.toContain('not loadable');
    expect(unlocated(report)).toEqual([]);
  });
});

describe('check --image-file: plugin places not followed', () => {
  it('names relative lua_package_path templates, still reading the absolute root', async () => {
    const report = await check(dir('Dockerfile.relative-path'));
    expect(pluginsLabel(report)).toBe(`1 plugin (path-stamp) from COPY at ${dir('Dockerfile.relative-path')}:5 (path-stamp from ${dir('lua')} to /opt/custom/)`
      + '; not read: plugins under lua_package_path ./?.lua, lua/?/init.lua, relative to the working directory nginx starts in, which is not known here');
  });

  it('says nothing of an absolute-only lua_package_path', async () => {
    const report = await check(dir('Dockerfile.package-path'));
    expect(pluginsLabel(report)).not.toContain('not read');
  });

  it('names a step from another stage that writes over a folder holding kong/plugins/', async () => {
    const report = await check(dir('Dockerfile.stage-tree'));
    const reason = notRun(report);
    expect(reason).toContain(`not read: plugins COPY at ${dir('Dockerfile.stage-tree')}:5 may bring into ${TREE}/, as it writes over /usr/local (COPY --from=build copies from another stage or image)`);
    // The step into /usr/local/bin/ holds no plugin folder.
    expect(reason).not.toContain(':6');
  });

  it('names `COPY --from=builder / /` too', async () => {
    const project = tempDir({ Dockerfile: 'FROM kong:2.8.1 AS builder\nRUN true\nFROM kong:2.8.1\nCOPY --from=builder / /\n' });
    const report = await check(join(project, 'Dockerfile'));
    expect(notRun(report)).toContain(`not read: plugins COPY at ${join(project, 'Dockerfile')}:4 may bring into ${TREE}/, as it writes over / (COPY --from=builder copies from another stage or image)`);
  });
});
