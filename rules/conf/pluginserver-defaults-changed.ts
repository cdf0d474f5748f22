// Flags plugin servers that rely on the defaults Kong 3.9 changed: without `_query_cmd` the node
// runs another command (and refuses to start when its file is missing), and without `_socket` a
// node with its own prefix talks to another socket. Whether the files exist is known only on the
// Kong host, so these are warnings that say what to check there. A server whose query command
// reports a whole folder of plugins keeps only the first of them from 3.9: flagged when more
// than one enabled plugin could be among them (custom, and found nowhere as Lua).

import { defineRule } from '../../src/engine/define-rule';
import { enabledPlugins, pluginServerNames } from '../../src/inputs/plugins/enabled-list';
import { PLUGINSERVER_DEFAULTS_CHANGE as FACT, PLUGINSERVER_FIRST_PLUGIN_ONLY as FIRST_ONLY, pluginserverKeyPrefix } from '../../src/knowledge/conf/pluginserver-defaults';
import { bundledPlugins } from '../../src/knowledge/plugins/bundled';

export default defineRule<'queryDefault' | 'socketDefault' | 'servesFirstOnly'>({
  id: 'conf/pluginserver-defaults-changed',
  description: 'Flags plugin servers left to the query-command and socket defaults that Kong changed in 3.9, and servers that report several plugins, of which 3.9 keeps one.',
  severity: 'warning',
  inputs: ['kongConf'],
  gate: { introducedIn: FACT.introducedIn },
  messages: {
    queryDefault: 'Plugin server `{{name}}` has no `{{key}}_query_cmd`: up to 3.8 Kong queried it with `{{oldQuery}}` when that file existed, from 3.9 it runs `{{newQuery}}`, and when `{{binary}}` is absent Kong refuses to start (query_command undefined).',
    servesFirstOnly: 'Plugin server `{{name}}` is queried with `{{query}}`, which reports every plugin of its folder; from 3.9 Kong registers only the first plugin a server reports, so if it serves several of the enabled plugins that are found nowhere as Lua ({{candidates}}), all but one are no longer installed and Kong refuses to start.',
    socketDefault: 'Plugin server `{{name}}` has no `{{key}}_socket`: up to 3.8 Kong connected to `{{oldSocket}}`, from 3.9 to `{{newSocket}}` under prefix = {{prefix}}; a server started outside Kong must listen there.',
  },
  remediation: 'Set pluginserver_<name>_query_cmd (and _socket for servers Kong does not start) explicitly, to the command and socket the plugin server really uses.',
  docsUrl: 'https://developer.konghq.com/gateway/configuration/',
  sources: [...FACT.sources, ...FIRST_ONLY.sources],
  check(ctx) {
    const conf = ctx.input('kongConf');
    const names = conf.get('pluginserver_names');
    if (!names) return;
    const prefix = (conf.get('prefix')?.value ?? '').replace(/\/+$/, '');
    const servers = pluginServerNames(conf);
    // The enabled plugins a folder-wide server may be serving: not bundled, not a server's own
    // name (an embedded server serves the one plugin it is named after), no Lua plugin given.
    const bundled = bundledPlugins(ctx.plan.from, ctx.plan.edition).names;
    const lua = new Set((ctx.optionalInput('customPlugins')?.plugins ?? []).filter((p) => p.language === 'lua').map((p) => p.name));
    const candidates = enabledPlugins(conf).explicit.map((e) => e.name)
      .filter((n) => !bundled.has(n) && !lua.has(n) && !servers.includes(n.toLowerCase()));
    for (const name of pluginServerNames(conf)) {
      const key = pluginserverKeyPrefix(name);
      const binary = `${FACT.binDir}/${name}`;
      const query = conf.get(`${key}_query_cmd`);
      if (query && FIRST_ONLY.dumpAll.test(query.value) && candidates.length > 1) {
        ctx.report({ messageId: 'servesFirstOnly', at: query.origin,
          data: { name, query: query.value.trim(), candidates: candidates.join(', ') },
          remediation: 'Declare one plugin server per plugin (its own pluginserver_names entry, with a query command whose folder holds that plugin alone, as Kong\'s JavaScript plugin docs now do), or rewrite the plugins in Lua, before the upgrade.' });
      }
      if (!query) {
        ctx.report({ messageId: 'queryDefault', at: names.origin, data: { name, key, binary, oldQuery: `${FACT.binDir}/query_${name}`, newQuery: `${binary} -dump` } });
      }
      // Only a prefix other than the old fixed folder moves the socket.
      if (!conf.get(`${key}_socket`) && prefix && prefix !== FACT.oldSocketDir) {
        ctx.report({ messageId: 'socketDefault', at: names.origin, data: { name, key, prefix, oldSocket: `${FACT.oldSocketDir}/${name}.socket`, newSocket: `${prefix}/${name}.socket` } });
      }
    }
  },
});
