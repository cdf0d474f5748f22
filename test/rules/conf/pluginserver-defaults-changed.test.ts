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
  ],
  invalid: [
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
