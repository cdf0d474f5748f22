// The plugins Kong's Helm chart mounts from ConfigMaps and Secrets: which objects the values name,
// and how their keys' Lua is read and placed in the manifest that defines them.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { InputError } from '../../../src/errors';
import { chartPlugins, type ChartPlugin } from '../../../src/inputs/helm/chart-plugins';
import { readChartValues } from '../../../src/inputs/helm/kong-chart';
import { readImageFiles } from '../../../src/inputs/images/load';
import { chartObjectPlugins } from '../../../src/inputs/plugins/chart-object-plugins';
import { fileOrigin } from '../../../src/model/origin';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-chart-plugins-'));
function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

function objectsOf(text: string) {
  const file = write(`objects-${Math.abs(hash(text))}.yaml`, text);
  return { file, objects: readImageFiles([file]).containerEnv.volumeObjects ?? [] };
}

function hash(text: string): number {
  let h = 0;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}

const stamp = (objects: ChartPlugin['objects']): ChartPlugin => ({
  name: 'stamp', objects, origin: fileOrigin('values.yaml', 3), valuesPath: 'plugins.configMaps[0]', unplaced: [],
});
const configMap = (name: string, folder = '') => ({ kind: 'ConfigMap' as const, name, folder });

describe('chartPlugins', () => {
  it('reads each entry\'s objects and the folders the chart mounts its subdirectories at', () => {
    const values = write('values.yaml', [
      'plugins:',
      '  configMaps:',
      '  - name: kong-plugin-rewriter',
      '    pluginName: rewriter',
      '    subdirectories:',
      '    - name: kong-plugin-rewriter-migrations',
      '      path: migrations',
      '    - name: helpers',
      '  - name: no-plugin-name',
      '  secrets:',
      '  - name: kong-plugin-vault',
      '    pluginName: vault-auth',
      '    subdirectories:',
      '    - name: vault-lib',
      '',
    ].join('\n'));
    const plugins = chartPlugins(readChartValues([values]).values);
    expect(plugins.map((p) => [p.name, p.objects, p.unplaced, p.valuesPath, p.origin.line])).toEqual([
      ['rewriter', [configMap('kong-plugin-rewriter'), configMap('kong-plugin-rewriter-migrations', 'migrations'), configMap('helpers', 'helpers')], [], 'plugins.configMaps[0]', 3],
      // A Secret's subdirectory has no default path in the chart: it is named, not placed.
      ['vault-auth', [{ kind: 'Secret', name: 'kong-plugin-vault', folder: '' }], ['Secret vault-lib (a Secret\'s subdirectory needs a `path`)'], 'plugins.secrets[0]', 11],
    ]);
  });
});

describe('chartObjectPlugins', () => {
  it('places each token of a one-line quoted value at its own column of the manifest', () => {
    const { file, objects } = objectsOf([
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: stamp',
      'data:',
      '  handler.lua: "local B = require \\"kong.plugins.base_plugin\\"\\nreturn B:extend()\\n"',
      '',
    ].join('\n'));
    const read = chartObjectPlugins([stamp([configMap('stamp')])], objects);
    expect(read.notes).toEqual([]);
    const [plugin] = read.plugins;
    expect(plugin).toMatchObject({ name: 'stamp', dir: file, foundVia: 'chart-object', origin: { file, line: 6 } });
    const required = plugin.handler!.code.find((t) => t.kind === 'string')!;
    expect(required.value).toBe('kong.plugins.base_plugin');
    // `\"` takes two characters of the line for the one of the value: the column follows the line.
    const line = fs.readFileSync(file, 'utf8').split('\n')[5];
    expect({ line: required.line, column: required.column }).toEqual({ line: 6, column: line.indexOf('\\"kong') + 1 });
    const returned = plugin.handler!.code.find((t) => t.value === 'return')!;
    expect({ line: returned.line, column: returned.column }).toEqual({ line: 6, column: line.indexOf('return') + 1 });
  });

  it('reads a value with no line-for-line place, cites its key\'s line, and says so', () => {
    const { objects } = objectsOf([
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: stamp',
      'data:',
      '  handler.lua: "local B = require',
      '    \\"kong.plugins.base_plugin\\"',
      '    return B:extend()"',
      '',
    ].join('\n'));
    const read = chartObjectPlugins([stamp([configMap('stamp')])], objects);
    const tokens = read.plugins[0].handler!.code;
    expect(tokens.some((t) => t.value === 'kong.plugins.base_plugin')).toBe(true);
    expect(new Set(tokens.map((t) => t.line))).toEqual(new Set([6]));
    expect(read.notes).toEqual([expect.stringMatching(/^findings in stamp's handler\.lua \(written as a .*\) cite the key's first line/)]);
  });

  it('lays a subdirectory\'s keys in its folder, so a migration is one', () => {
    const { objects } = objectsOf([
      'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: stamp', 'data:',
      '  schema.lua: |', '    return { name = "stamp", fields = {} }',
      '---',
      'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: stamp-migrations', 'data:',
      '  000_base.lua: |', '    return { postgres = { up = "" } }',
      '  init.lua: |', '    return { "000_base" }',
      '',
    ].join('\n'));
    const [plugin] = chartObjectPlugins([stamp([configMap('stamp'), configMap('stamp-migrations', 'migrations')])], objects).plugins;
    expect(plugin.luaFiles.map((f) => [f.place, f.role])).toEqual([['schema.lua', 'schema'], ['migrations/000_base.lua', 'migration'], ['migrations/init.lua', 'migrations-index']]);
    expect(plugin.migrations[0]).toMatchObject({ place: 'migrations/000_base.lua' });
  });

  it('names what it cannot read: an object no manifest defines, one holding no plugin', () => {
    const { file, objects } = objectsOf(['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: notes', 'data:', '  README: text', ''].join('\n'));
    const read = chartObjectPlugins([stamp([configMap('absent')]), { ...stamp([configMap('notes')]), name: 'notes' }], objects);
    expect(read.plugins).toEqual([]);
    expect(read.notRead).toEqual([
      { plugin: 'stamp', why: expect.stringContaining('ConfigMap absent, which the Kong chart mounts at /opt/kong/plugins/stamp (plugins.configMaps[0], values.yaml:3), and no manifest given defines it: give that manifest with --image-file'), brief: 'stamp (ConfigMap absent, in no manifest given)' },
      { plugin: 'notes', why: expect.stringContaining(`ConfigMap notes (${file})`), brief: 'notes (ConfigMap notes has no handler.lua or schema.lua key)' },
    ]);
  });

  it('refuses Lua it cannot read with one error at the manifest\'s line', () => {
    const { file, objects } = objectsOf(['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: stamp', 'data:', '  handler.lua: |', '    local a = 1', '    local s = "open', ''].join('\n'));
    let error: unknown;
    try {
      chartObjectPlugins([stamp([configMap('stamp')])], objects);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).place).toMatchObject({ file, line: 8 });
    expect((error as InputError).message).toMatch(/^key handler\.lua of ConfigMap stamp: /);
  });
});
