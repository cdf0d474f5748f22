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
    // amberflo/kong-plugin-amberflo kong.conf: a Go plugin server declared for the enabled plugin;
    // it was said to be Lua that no lua_package_path folder held.
    { name: 'a plugin that pluginserver_names declares a server for', conf: 'plugins = bundled,metering,my-auth\npluginserver_names = metering\npluginserver_metering_query_cmd = /opt/amberflo/metering -dump\n',
      from: '2.8', to: '3.4',
      findings: [
        { messageId: 'serverNotGiven', line: 1, severity: 'info', data: { name: 'metering', searched: 'no --plugin-dir given' }, message: 'its Go, JavaScript or Python code was not checked' },
        { messageId: 'notLocated', line: 1, data: { name: 'my-auth' } },
      ] },
    // qtopie/kong-workshop conf/kong.conf: one go-pluginserver (`go`) serves go-hello and go-log
    // from its plugins directory; they were said to be Lua.
    { name: 'plugins that a server named after none of them may serve', conf: 'plugins = bundled, go-hello, go-log\npluginserver_names = go\npluginserver_go_query_cmd = go-pluginserver -dump-all-plugins -plugins-directory /usr/local/kong/go-plugins\n',
      from: '2.3', to: '3.4',
      findings: [
        { messageId: 'notLocatedMaybeServed', line: 1, data: { name: 'go-hello', servers: 'the plugin server go' }, message: 'it is Lua, or one of the plugins that the plugin server go declared in `pluginserver_names` serves' },
        { messageId: 'notLocatedMaybeServed', line: 1, data: { name: 'go-log' } },
      ] },
  ],
});
