import rule from '../../../rules/plugins/hybrid-plugin-set';
import { ruleTester } from '../../support/rule-tester';
import { inlinePlugin } from './plugin-support';

const plugin = inlinePlugin({ 'handler.lua': 'local H = { PRIORITY = 900, VERSION = "2.1.0" }\nreturn H\n' });

ruleTester.run(rule, {
  valid: [
    // Traditional and DB-less nodes load their own plugins: no control plane compares them.
    { name: 'a traditional node with a custom plugin', from: '3.4', to: '3.10', inputs: plugin },
    { name: 'a DB-less node with a custom plugin', from: '3.4', to: '3.10', topology: 'dbless', inputs: plugin },
  ],
  invalid: [
    {
      name: 'a control plane with a custom plugin: data planes need the same version',
      from: '3.4', to: '3.10', topology: 'hybrid', role: 'control_plane', inputs: plugin,
      findings: [{ messageId: 'controlPlane', severity: 'warning', data: { version: 'VERSION 2.1.0' }, message: 'a data plane without it, or with another version, keeps its last configuration' }],
    },
    {
      name: 'a data plane with a custom plugin: its copy must match the control plane',
      from: '3.4', to: '3.10', topology: 'hybrid', role: 'data_plane', inputs: plugin,
      findings: [{ messageId: 'dataPlane', message: 'has the control plane\'s major version and no newer minor' }],
    },
    {
      name: 'a computed VERSION is named as unread',
      from: '3.4', to: '3.10', topology: 'hybrid', role: 'control_plane',
      inputs: inlinePlugin({ 'handler.lua': 'return { PRIORITY = 900, VERSION = require("kong.meta").version }\n' }),
      findings: [{ messageId: 'controlPlane', data: { version: 'VERSION not readable here' } }],
    },
  ],
});
