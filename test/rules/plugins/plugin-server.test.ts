import rule from '../../../rules/plugins/plugin-server';
import { runCase, ruleTester } from '../../support/rule-tester';
import * as path from 'path';
import { EXTERNAL, FIXTURES, inlinePlugin, withPlugins } from './plugin-support';
import { composeSettings } from '../../support/compose-conf';
import { loadPluginDirs } from '../../../src/inputs/plugins/load';

const GO_MULTI = path.join(FIXTURES, 'external-multi', 'go-multi');

const GO = (version: string) => `package main\nimport "github.com/Kong/go-pdk/server"\nfunc main() {\n\tserver.StartServer(New, ${version})\n}\n`;

const PY = 'import kong_pdk.pdk.kong as kong\n\nSchema = ()\nversion = "0.1.0"\npriority = 0\n\nclass Plugin(object):\n    def access(self, kong):\n        pass\n';

const COMPOSE = 'services:\n  kong:\n    image: kong:2.8.4\n    environment:\n      KONG_PLUGINS: bundled,js-hello\n';

ruleTester.run(rule, {
  valid: [
    { name: 'Go plugin declared as its own plugin server', from: '2.8', to: '3.4',
      conf: 'pluginserver_names = go-hello\npluginserver_go_hello_start_cmd = /usr/local/bin/go-hello\n',
      inputs: inlinePlugin({ 'main.go': GO('"0.1.0", 1000') }, 'go-hello') },
    { name: 'Lua plugins only', from: '2.8', to: '3.4', conf: 'plugins = bundled\n',
      inputs: inlinePlugin({ 'handler.lua': 'return { PRIORITY = 1, VERSION = "1.0.0" }\n' }) },
    // The program reads its version and priority from its library package (plugin.Version...).
    { name: 'a Go library package beside the program is not a plugin without metadata', from: '2.8', to: '3.4',
      conf: 'pluginserver_names = go-auth\n',
      inputs: inlinePlugin({
        'main.go': 'package main\nimport (\n\t"github.com/Kong/go-pdk/server"\n\t"example.com/go-auth/auth"\n)\nfunc main() {\n\tserver.StartServer(auth.New, auth.Version, auth.Priority)\n}\n',
        'auth/auth.go': 'package auth\nimport "github.com/Kong/go-pdk"\nconst Version = "0.1.0"\nconst Priority = 1000\nfunc (c Config) Access(kong *pdk.PDK) {}\n',
      }, 'go-auth') },
    { name: 'a Python plugin whose requirements pin a kong-pdk that sends the version', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'py_stamp.py': PY, 'requirements.txt': 'kong-pdk==0.36\n' }, 'python-plugins') },
    { name: 'path stays on 2.x', from: '2.5', to: '2.8', conf: 'go_plugins_dir = /opt/go\n', inputs: withPlugins(EXTERNAL) },
  ],
  invalid: [
    // No kong.conf was given: the message names the compose file the settings came from.
    { name: 'settings read from a compose file that sets no pluginserver_names', from: '2.8', to: '3.4',
      inputs: () => {
        const { kongConf } = composeSettings(COMPOSE);
        return { kongConf, customPlugins: loadPluginDirs([EXTERNAL]) };
      },
      findings: [
        { messageId: 'noPluginServer', message: 'but `pluginserver_names` is not set in the settings read here (', data: { plugin: 'js-hello' } },
        { messageId: 'missingMetadata' }, { messageId: 'rawBodyBytes' },
        { messageId: 'noPluginServer', data: { plugin: 'py_hello' } }, { messageId: 'rawBodyBytes' },
        { messageId: 'noPluginServer', data: { plugin: 'go-hello' } },
      ] },
    { name: 'the fixture folder of Go, JavaScript and Python plugins with a go_plugins_dir', from: '2.8', to: '3.4',
      conf: 'plugins = bundled,go-hello,js-hello,py_hello\ngo_plugins_dir = /usr/local/kong/go-plugins\n',
      inputs: withPlugins(EXTERNAL),
      findings: [
        { messageId: 'noPluginServer', line: 2, severity: 'blocker', message: 'is not set in kong.conf (go_plugins_dir = /usr/local/kong/go-plugins is ignored', data: { plugin: 'js-hello', language: 'javascript' } },
        { messageId: 'missingMetadata', line: 1, severity: 'warning', data: { plugin: 'js-hello', what: 'version and priority' } },
        { messageId: 'rawBodyBytes', line: 11, column: 37, severity: 'warning', data: { call: 'getRawBody()', type: 'Uint8Array' } },
        { messageId: 'noPluginServer', line: 2, data: { plugin: 'py_hello', language: 'python' } },
        { messageId: 'rawBodyBytes', line: 15, data: { call: 'get_raw_body()', type: 'bytes' } },
        { messageId: 'noPluginServer', line: 2, data: { plugin: 'go-hello', language: 'go' } },
      ] },
    // Exactly these two: stamp-go and audit-go, named in pluginserver_names, are not reported.
    { name: 'single-file Go programs of one folder are plugins of their own; the go-pluginserver module beside them cannot load from 3.0', from: '2.8', to: '3.4',
      conf: 'pluginserver_names = stamp-go,audit-go\n',
      inputs: withPlugins(GO_MULTI),
      findings: [
        { messageId: 'goPluginNotNamed', line: 1, severity: 'warning', data: { plugin: 'stamp-go-lm' } },
        { messageId: 'goPluginserverModule', severity: 'warning', data: { plugin: 'stamp-go-lm', file: 'stamp-go-lm.go' } },
      ] },
    // talalkr/kong-kafka-response-handler: kong-pdk==0.27 in python-plugins/requirements.txt, built on Kong 2.5.
    { name: 'a Python plugin whose requirements pin a kong-pdk that does not send the version', from: '2.5', to: '3.4',
      inputs: inlinePlugin({ 'py_stamp.py': PY, 'requirements.txt': 'confluent-kafka==1.7.0\nkong-pdk==0.27  # plugin server\n' }, 'python-plugins'),
      findings: [{ messageId: 'pythonPdkWithoutVersion', line: 2, column: 1, severity: 'warning', data: { plugin: 'py_stamp', version: '0.27' } }] },
    { name: 'Go plugin missing from pluginserver_names and without version', from: '2.8', to: '3.0',
      conf: 'pluginserver_names = js\n',
      inputs: inlinePlugin({ 'main.go': GO('"0.1.0"') }, 'go-hello'),
      findings: [
        { messageId: 'goPluginNotNamed', line: 1, severity: 'warning', data: { names: 'js' } },
        { messageId: 'missingMetadata', data: { what: 'version and priority' } },
      ] },
  ],
});

it('names the compose file the settings were read from, not kong.conf', async () => {
  const { kongConf, file } = composeSettings(COMPOSE);
  const { result } = await runCase(rule, { name: 'compose', from: '2.8', to: '3.4', inputs: () => ({ kongConf, customPlugins: loadPluginDirs([EXTERNAL]) }) });
  const message = result.findings.find((f) => f.ruleId === 'plugins/plugin-server' && f.message.startsWith('js-hello is a javascript plugin'))?.message;
  expect(message).toBe(`js-hello is a javascript plugin, but \`pluginserver_names\` is not set in the settings read here (${file}); from Kong 3.0 only declared plugin servers load external plugins.`);
});
