import rule from '../../../rules/plugins/unlocated-custom-plugin';
import { ruleTester } from '../../support/rule-tester';
import { CLEAN, withPlugins } from './plugin-support';

ruleTester.run(rule, {
  valid: [
    { name: 'only bundled plugins', conf: 'plugins = bundled,key-auth\n', from: '2.8', to: '3.4' },
    { name: 'an Enterprise plugin on a node inferred as OSS', conf: 'plugins = bundled,openid-connect\n', from: '2.8', to: '3.4' },
    { name: 'the custom plugin was given', conf: 'plugins = bundled,request-stamp\n', from: '2.8', to: '3.4', inputs: withPlugins(CLEAN) },
    { name: 'a plugin whose Dockerfile copy was not read but that is not enabled', conf: 'plugins = bundled\n', from: '2.8', to: '3.4',
      inputs: () => ({ pluginCopiesNotRead: { absent: [{ at: 'COPY at Dockerfile:4', source: 'plugins/gone', destination: '/kong/plugins/gone', plugin: 'gone' }], misplaced: [] } }) },
  ],
  invalid: [
    // The plugin's COPY source is absent here: the finding names the step, not only the searches.
    { name: 'a plugin whose COPY source is absent here', conf: 'plugins = bundled,gone,other\n', from: '2.8', to: '3.4',
      inputs: () => ({ pluginCopiesNotRead: {
        absent: [{ at: 'COPY at Dockerfile:4', source: 'plugins/gone', destination: '/usr/local/share/lua/5.1/kong/plugins/gone', plugin: 'gone' }],
        misplaced: [{ at: 'COPY at Dockerfile:5', source: 'plugins/other', destination: '/usr/local/share/lua/5.1/kong/plugins/', plugin: 'other' }],
      } }),
      findings: [
        { messageId: 'notLocated', line: 1, data: { name: 'gone' },
          message: 'code was not found (its COPY source is absent here: COPY at Dockerfile:4 copies plugins/gone to /usr/local/share/lua/5.1/kong/plugins/gone; no --plugin-dir given;' },
        { messageId: 'notLocated', line: 1, data: { name: 'other' },
          message: 'code was not found (COPY at Dockerfile:5 copies the contents of plugins/other into /usr/local/share/lua/5.1/kong/plugins/ itself rather than into a folder other/ there, so Kong cannot load it; no --plugin-dir given;' },
      ] },
    { name: 'a plugin an absent folder of plugins may hold', conf: 'plugins = bundled,maybe\n', from: '2.8', to: '3.4',
      inputs: () => ({ pluginCopiesNotRead: { absent: [{ at: 'COPY at Dockerfile:3', source: 'plugins', destination: '/usr/local/share/lua/5.1/kong/plugins/' }], misplaced: [] } }),
      findings: [{ messageId: 'notLocated', line: 1, data: { name: 'maybe' }, message: '(COPY at Dockerfile:3 copies plugins, absent here, to /usr/local/share/lua/5.1/kong/plugins/, which may hold it; no --plugin-dir given;' }] },
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
