import rule from '../../../rules/plugins/plugin-not-enabled';
import { ruleTester } from '../../support/rule-tester';
import { CLEAN, withPlugins } from './plugin-support';

ruleTester.run(rule, {
  valid: [
    { name: 'the plugin is enabled', conf: 'plugins = bundled,request-stamp\n', from: '2.8', to: '3.4', inputs: withPlugins(CLEAN) },
  ],
  invalid: [
    { name: 'plugins = bundled only', conf: 'database = postgres\nplugins = bundled\n', from: '2.8', to: '3.4', inputs: withPlugins(CLEAN),
      findings: [{ messageId: 'notEnabled', line: 2, severity: 'info', data: { plugin: 'request-stamp', list: 'bundled' } }] },
    { name: 'plugins unset', conf: 'database = postgres\n', from: '2.8', to: '3.4', inputs: withPlugins(CLEAN),
      findings: [{ messageId: 'notEnabled', message: 'unset, so only the bundled plugins' }] },
  ],
  notEvaluated: [{ name: 'no plugin dir', conf: 'plugins = bundled\n', from: '2.8', to: '3.4', reason: /customPlugins|plugin-dir/ }],
});
