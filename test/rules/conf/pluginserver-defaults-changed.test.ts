import rule from '../../../rules/conf/pluginserver-defaults-changed';
import { ruleTester } from '../../support/rule-tester';

ruleTester.run(rule, {
  valid: [
    {
      name: 'query command and socket set explicitly',
      conf: 'prefix = /kong\npluginserver_names = go-hello\npluginserver_go_hello_query_cmd = /usr/local/bin/go-hello -dump\npluginserver_go_hello_socket = /kong/go-hello.socket\n',
      from: '3.4', to: '3.9',
    },
    { name: 'no plugin servers', conf: 'plugins = bundled\n', from: '3.4', to: '3.9' },
    { name: 'a path that stays before 3.9', conf: 'pluginserver_names = hello\n', from: '3.4', to: '3.8' },
    { name: 'the default prefix keeps the old socket', conf: 'prefix = /usr/local/kong/\npluginserver_names = hello\npluginserver_hello_query_cmd = /opt/q\n', from: '3.4', to: '3.9' },
    {
      name: 'settings given as KONG_* variables count',
      conf: 'pluginserver_names = js-server\n', env: { KONG_PLUGINSERVER_JS_SERVER_QUERY_CMD: '/usr/local/bin/kong-js-pluginserver --dump-all-plugins' },
      from: '3.4', to: '3.10',
    },
    {
      name: 'a folder-wide server with one custom plugin enabled beside it: the first is the one it serves',
      conf: 'plugins = bundled,js-auth\npluginserver_names = js\npluginserver_js_query_cmd = kong-js-pluginserver --plugins-directory /usr/local/kong/js-plugins --dump-all-plugins\npluginserver_js_socket = /usr/local/kong/js.sock\n',
      from: '3.4', to: '3.10',
    },
    {
      name: 'several plugins on a folder-wide server on a path that stays before 3.9',
      conf: 'plugins = bundled,go-hello,go-log\npluginserver_names = go\npluginserver_go_query_cmd = go-pluginserver -dump-all-plugins -plugins-directory /usr/local/kong/go-plugins\n',
      from: '2.8', to: '3.8',
    },
    {
      name: 'one embedded server per plugin, queried with -dump',
      conf: 'plugins = bundled,go-hello,go-log\npluginserver_names = go-hello,go-log\npluginserver_go_hello_query_cmd = /usr/local/bin/go-hello -dump\npluginserver_go_log_query_cmd = /usr/local/bin/go-log -dump\n',
      from: '3.4', to: '3.10',
    },
  ],
  invalid: [
    // qtopie/kong-workshop conf/kong.conf (go-pluginserver serving go-hello and go-log) and
    // Armanzahedi/Kong-Gateway docker-compose.yaml (one `js` server for a folder of plugins):
    // from 3.9 only the first plugin each server reports is registered.
    {
      name: 'a folder-wide server with several custom plugins enabled: 3.9 keeps one of them',
      conf: 'plugins = bundled, go-hello, go-log, key-auth\npluginserver_names = go\npluginserver_go_socket = /usr/local/kong/go_pluginserver.sock\npluginserver_go_query_cmd = go-pluginserver -dump-all-plugins -plugins-directory /usr/local/kong/go-plugins\n',
      from: '2.3', to: '3.10',
      findings: [{ messageId: 'servesFirstOnly', severity: 'warning', line: 4, hop: '3.4.x -> 3.10.x', data: { name: 'go', candidates: 'go-hello, go-log' }, message: 'from 3.9 Kong registers only the first plugin a server reports' }],
    },
    {
      name: 'the query command given as a KONG_* variable, found at the variable',
      conf: 'plugins = bundled,js-external-auth,js-metering\npluginserver_names = js\npluginserver_js_socket = /usr/local/kong/js_pluginserver.sock\n',
      env: { KONG_PLUGINSERVER_JS_QUERY_CMD: '/usr/local/bin/kong-js-pluginserver --plugins-directory /usr/local/kong/js-plugins --dump-all-plugins' },
      from: '3.4', to: '3.10',
      findings: [{ messageId: 'servesFirstOnly', data: { name: 'js', candidates: 'js-external-auth, js-metering' } }],
    },
    {
      name: 'a server left to the query default: another command from 3.9, and no start without its file',
      conf: 'pluginserver_names = go-hello, python\npluginserver_python_query_cmd = /usr/local/bin/kong-python-pluginserver --dump-all-plugins\n',
      from: '3.4', to: '3.9',
      findings: [{ messageId: 'queryDefault', severity: 'warning', line: 1, hop: '3.9', data: { name: 'go-hello', key: 'pluginserver_go_hello', oldQuery: '/usr/local/bin/query_go-hello', newQuery: '/usr/local/bin/go-hello -dump' } }],
    },
    {
      name: 'a node with its own prefix and no socket setting talks to another socket from 3.9',
      conf: 'prefix = /var/run/kong/\npluginserver_names = hello\npluginserver_hello_query_cmd = /usr/local/bin/hello -dump\n',
      from: '3.8', to: '3.9',
      findings: [{ messageId: 'socketDefault', line: 2, data: { oldSocket: '/usr/local/kong/hello.socket', newSocket: '/var/run/kong/hello.socket' } }],
    },
  ],
});
