// Flags plugin servers that rely on the defaults Kong 3.9 changed: without `_query_cmd` the node
// runs another command (and refuses to start when its file is missing), and without `_socket` a
// node with its own prefix talks to another socket. Whether the files exist is known only on the
// Kong host, so these are warnings that say what to check there.

import { defineRule } from '../../src/engine/define-rule';
import { pluginServerNames } from '../../src/inputs/plugins/enabled-list';
import { PLUGINSERVER_DEFAULTS_CHANGE as FACT, pluginserverKeyPrefix } from '../../src/knowledge/conf/pluginserver-defaults';

export default defineRule<'queryDefault' | 'socketDefault'>({
  id: 'conf/pluginserver-defaults-changed',
  description: 'Flags plugin servers left to the query-command and socket defaults that Kong changed in 3.9.',
  severity: 'warning',
  inputs: ['kongConf'],
  gate: { introducedIn: FACT.introducedIn },
  messages: {
    queryDefault: 'Plugin server `{{name}}` has no `{{key}}_query_cmd`: up to 3.8 Kong queried it with `{{oldQuery}}` when that file existed, from 3.9 it runs `{{newQuery}}`, and when `{{binary}}` is absent Kong refuses to start (query_command undefined).',
    socketDefault: 'Plugin server `{{name}}` has no `{{key}}_socket`: up to 3.8 Kong connected to `{{oldSocket}}`, from 3.9 to `{{newSocket}}` under prefix = {{prefix}}; a server started outside Kong must listen there.',
  },
  remediation: 'Set pluginserver_<name>_query_cmd (and _socket for servers Kong does not start) explicitly, to the command and socket the plugin server really uses.',
  docsUrl: 'https://developer.konghq.com/gateway/configuration/',
  sources: [...FACT.sources],
  check(ctx) {
    const conf = ctx.input('kongConf');
    const names = conf.get('pluginserver_names');
    if (!names) return;
    const prefix = (conf.get('prefix')?.value ?? '').replace(/\/+$/, '');
    for (const name of pluginServerNames(conf)) {
      const key = pluginserverKeyPrefix(name);
      const binary = `${FACT.binDir}/${name}`;
      if (!conf.get(`${key}_query_cmd`)) {
        ctx.report({ messageId: 'queryDefault', at: names.origin, data: { name, key, binary, oldQuery: `${FACT.binDir}/query_${name}`, newQuery: `${binary} -dump` } });
      }
      // Only a prefix other than the old fixed folder moves the socket.
      if (!conf.get(`${key}_socket`) && prefix && prefix !== FACT.oldSocketDir) {
        ctx.report({ messageId: 'socketDefault', at: names.origin, data: { name, key, prefix, oldSocket: `${FACT.oldSocketDir}/${name}.socket`, newSocket: `${prefix}/${name}.socket` } });
      }
    }
  },
});
