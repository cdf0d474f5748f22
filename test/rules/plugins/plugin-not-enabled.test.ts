import rule from '../../../rules/plugins/plugin-not-enabled';
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

ruleTester.run(rule, {
  valid: [
    { name: 'the plugin is enabled', conf: 'plugins = bundled,request-stamp\n', from: '2.8', to: '3.4', inputs: withPlugins(CLEAN) },
  ],
  invalid: [
    { name: 'plugins = bundled only', conf: 'database = postgres\nplugins = bundled\n', from: '2.8', to: '3.4', inputs: withPlugins(CLEAN),
      findings: [{ messageId: 'notEnabled', line: 2, severity: 'info', data: { plugin: 'request-stamp', list: 'bundled' } }] },
    { name: 'plugins unset', conf: 'database = postgres\n', from: '2.8', to: '3.4', inputs: withPlugins(CLEAN),
      findings: [{ messageId: 'notEnabled', message: 'unset, so only the bundled plugins' }] },
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
