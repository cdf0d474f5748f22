// The two fixture plugins end to end: every plugin rule over a 2.8 -> 3.9 path. The 2.x plugin
// must produce exactly these findings (file and line checked by hand against the fixture); the
// 3.x plugin, full of the same names inside comments and strings, must produce none.

import * as path from 'path';
import { builtinRules } from '../../../rules';
import type { Finding } from '../../../src/model/finding';
import { runCase } from '../../support/rule-tester';
import { CLEAN, FIXTURES, LEGACY, withPlugins } from './plugin-support';

const pluginRules = builtinRules.filter((r) => r.meta.id.startsWith('plugins/'));

async function findingsFor(dir: string, conf: string): Promise<Finding[]> {
  const all: Finding[] = [];
  for (const rule of pluginRules) {
    const { result } = await runCase(rule, { name: dir, from: '2.8.2', to: '3.9.1', conf, inputs: withPlugins(dir) });
    expect(result.internalErrors).toEqual([]);
    all.push(...result.findings);
  }
  return all;
}

const at = (f: Finding) =>
  f.location.kind === 'file' ? `${path.relative(FIXTURES, f.location.file)}:${f.location.line}` : f.location.kind;

describe('fixture plugins', () => {
  it('reports every old idiom of the 2.x plugin at its file and line', async () => {
    const findings = await findingsFor(LEGACY, 'plugins = bundled,header-stamp\n');
    expect(findings.map((f) => [f.ruleId, f.messageId, at(f)]).sort()).toEqual([
      ['plugins/changed-api-reference', 'changedReference', 'legacy-2x/header-stamp/handler.lua:21'],
      ['plugins/changed-api-reference', 'changedReference', 'legacy-2x/header-stamp/handler.lua:22'],
      ['plugins/handler-priority-version', 'missingVersion', 'legacy-2x/header-stamp/handler.lua:1'],
      ['plugins/legacy-schema-forms', 'daosHash', 'legacy-2x/header-stamp/daos.lua:3'],
      ['plugins/legacy-schema-forms', 'legacyAttribute', 'legacy-2x/header-stamp/schema.lua:6'],
      ['plugins/legacy-schema-forms', 'legacySchema', 'legacy-2x/header-stamp/schema.lua:3'],
      ['plugins/legacy-schema-forms', 'shorthandsRemoved', 'legacy-2x/header-stamp/daos.lua:6'],
      ['plugins/migration-format', 'cassandraSection', 'legacy-2x/header-stamp/migrations/000_base_header_stamp.lua:8'],
      ['plugins/pcre2-regex', 'regexDiffers', 'legacy-2x/header-stamp/handler.lua:24'],
      ['plugins/priority-order-changed', 'orderFlips', 'legacy-2x/header-stamp/handler.lua:11'],
      ['plugins/priority-order-changed', 'orderFlips', 'legacy-2x/header-stamp/handler.lua:11'],
      ['plugins/removed-module', 'curatedRemoval', 'legacy-2x/header-stamp/handler.lua:3'],
      ['plugins/removed-module', 'curatedRemoval', 'legacy-2x/header-stamp/handler.lua:4'],
      ['plugins/removed-module', 'curatedRemoval', 'legacy-2x/header-stamp/handler.lua:5'],
      ['plugins/tools-utils-moved', 'moved', 'legacy-2x/header-stamp/handler.lua:23'],
      ['plugins/tools-utils-moved', 'moved', 'legacy-2x/header-stamp/handler.lua:25'],
    ]);
    // Blockers are the load failures; behaviour changes stay warnings.
    const severity = (id: string, line: number) => findings.find((f) => f.messageId === id && f.location.kind === 'file' && f.location.line === line)?.severity;
    expect(severity('curatedRemoval', 4)).toBe('blocker');
    expect(severity('missingVersion', 1)).toBe('blocker');
    expect(severity('regexDiffers', 24)).toBe('warning');
    expect(severity('changedReference', 21)).toBe('warning');
    expect(severity('changedReference', 22)).toBe('blocker');
  });

  it('reports nothing for the clean 3.x plugin, whose comments and strings hold the same names, but the 3.9 order note', async () => {
    const findings = await findingsFor(CLEAN, 'plugins = bundled,request-stamp\n');
    // Its priority 760 lies between correlation-id's 1 and 100001: true of nearly every plugin, so an info.
    expect(findings.map((f) => `${f.ruleId} ${f.severity} ${at(f)}: ${f.message}`)).toEqual([
      'plugins/priority-order-changed info clean-3x/request-stamp/handler.lua:7: request-stamp (PRIORITY 760) ran before correlation-id (1 -> 100001); '
      + 'from Kong 3.9.0 their new priorities make them run before it.',
    ]);
  });

  it('locates the 2.x plugin through lua_package_path when no --plugin-dir names it', async () => {
    const { loadKongConf } = await import('../../../src/inputs/kong-conf');
    const { locateInPackagePath } = await import('../../../src/inputs/plugins/load');
    const { packagePathRoots } = await import('../../../src/inputs/plugins/enabled-list');
    const fs = await import('fs');
    const os = await import('os');
    // A rock-style tree: <root>/kong/plugins/header-stamp/...
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-lpp-'));
    fs.mkdirSync(path.join(root, 'kong', 'plugins'), { recursive: true });
    fs.cpSync(path.join(LEGACY, 'header-stamp'), path.join(root, 'kong', 'plugins', 'header-stamp'), { recursive: true });
    const confFile = path.join(root, 'kong.conf');
    fs.writeFileSync(confFile, `plugins = bundled,header-stamp,nowhere\nlua_package_path = ${root}/?.lua;;\n`);
    const conf = loadKongConf(confFile, {});
    const located = locateInPackagePath(packagePathRoots(conf), ['header-stamp', 'nowhere']);
    expect(located.plugins.map((p) => [p.name, p.foundVia])).toEqual([['header-stamp', 'lua_package_path']]);
    expect(located.unlocated).toEqual(['nowhere']);
  });
});
