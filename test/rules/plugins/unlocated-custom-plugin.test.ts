import rule from '../../../rules/plugins/unlocated-custom-plugin';
import { ruleTester } from '../../support/rule-tester';
import { CLEAN, withPlugins } from './plugin-support';

ruleTester.run(rule, {
  valid: [
    { name: 'only bundled plugins', conf: 'plugins = bundled,key-auth\n', from: '2.8', to: '3.4' },
    { name: 'an Enterprise plugin on a node inferred as OSS', conf: 'plugins = bundled,openid-connect\n', from: '2.8', to: '3.4' },
    { name: 'the custom plugin was given', conf: 'plugins = bundled,request-stamp\n', from: '2.8', to: '3.4', inputs: withPlugins(CLEAN) },
  ],
  invalid: [
    { name: 'a custom plugin nobody pointed at', conf: '\nplugins = bundled,my-auth,request-stamp\nlua_package_path = /opt/kong-custom/?.lua;;\n',
      from: '2.8', to: '3.4', inputs: withPlugins(CLEAN),
      findings: [{ messageId: 'notLocated', line: 2, severity: 'info', data: { name: 'my-auth' }, message: 'not under kong/plugins/ of /opt/kong-custom' }] },
  ],
});
