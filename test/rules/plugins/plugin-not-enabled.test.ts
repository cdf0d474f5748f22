import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rule from '../../../rules/plugins/plugin-not-enabled';
import type { Inputs } from '../../../src/engine/inputs';
import { helmConfLayer } from '../../../src/inputs/helm/conf-layer';
import { loadHelmValues } from '../../../src/inputs/helm/values';
import { loadKongConf } from '../../../src/inputs/kong-conf';
import { ruleTester } from '../../support/rule-tester';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CLEAN, CLEAN_HANDLER, withPlugins } from './plugin-support';

/** A folder holding one minimal plugin per name. */
function manyPlugins(names: string[]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-many-'));
  for (const name of names) {
    fs.mkdirSync(path.join(root, name));
    fs.writeFileSync(path.join(root, name, 'handler.lua'), CLEAN_HANDLER);
  }
  return root;
}

/** Helm values as the only configuration, plus the clean fixture plugins (request-stamp). */
function helmWithPlugins(values: string): (ctx: { inputs: Inputs }) => Inputs {
  const file = join(mkdtempSync(join(tmpdir(), 'kp-not-enabled-')), 'values.yaml');
  writeFileSync(file, values);
  return (ctx) => withPlugins(CLEAN)({ inputs: { ...ctx.inputs, kongConf: loadKongConf(undefined, {}, { layer: helmConfLayer(loadHelmValues([file])) }) } });
}

ruleTester.run(rule, {
  valid: [
    { name: 'the plugin is enabled', conf: 'plugins = bundled,request-stamp\n', from: '2.8', to: '3.4', inputs: withPlugins(CLEAN) },
    // The Kong chart appends plugins.preInstalled (and configMaps/secrets pluginNames) to KONG_PLUGINS.
    { name: 'Helm plugins.preInstalled enables it', from: '3.4', to: '3.9', inputs: helmWithPlugins('image:\n  repository: custom-kong\nplugins:\n  preInstalled: oauth-proxy,request-stamp\n') },
    { name: 'Helm plugins.configMaps enables it', from: '3.4', to: '3.9', inputs: helmWithPlugins('plugins:\n  configMaps:\n  - pluginName: request-stamp\n    name: kong-plugin-request-stamp\n') },
  ],
  invalid: [
    { name: 'plugins = bundled only', conf: 'database = postgres\nplugins = bundled\n', from: '2.8', to: '3.4', inputs: withPlugins(CLEAN),
      findings: [{ messageId: 'notEnabled', line: 2, severity: 'info', data: { plugin: 'request-stamp', list: 'bundled' } }] },
    { name: 'plugins unset', conf: 'database = postgres\n', from: '2.8', to: '3.4', inputs: withPlugins(CLEAN),
      findings: [{ messageId: 'notEnabled', message: 'unset, so only the bundled plugins' }] },
    { name: 'Helm plugins.preInstalled naming other plugins', from: '3.4', to: '3.9', inputs: helmWithPlugins('plugins:\n  preInstalled: oauth-proxy\n'),
      findings: [{ messageId: 'notEnabled', data: { plugin: 'request-stamp', list: 'bundled,oauth-proxy' } }] },
    // A folder of many plugins of which the node enables a few: one note naming the others.
    { name: 'several plugins not enabled make one finding', conf: 'plugins = bundled,a-one\n', from: '3.4', to: '3.9',
      inputs: withPlugins(manyPlugins(['a-one', 'b-two', 'c-three', 'd-four'])),
      findings: [{ messageId: 'severalNotEnabled', line: 1, severity: 'info', data: { count: 3, plugins: 'b-two, c-three, d-four', list: 'bundled,a-one' } }] },
    { name: 'several plugins with plugins unset point at kong.conf', conf: 'database = off\n', from: '3.4', to: '3.9',
      inputs: withPlugins(manyPlugins(['a-one', 'b-two'])),
      findings: [{ messageId: 'severalNotEnabled', line: 1, message: 'unset, so only the bundled plugins' }] },
  ],
  notEvaluated: [{ name: 'no plugin dir', conf: 'plugins = bundled\n', from: '2.8', to: '3.4', reason: /customPlugins|plugin-dir/ }],
});
