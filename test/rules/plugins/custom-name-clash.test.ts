import rule from '../../../rules/plugins/custom-name-clash';
import { ruleTester } from '../../support/rule-tester';
import { CLEAN, inlinePlugin, withPlugins } from './plugin-support';

const HANDLER = { 'handler.lua': 'return { PRIORITY = 1, VERSION = "1.0.0" }\n' };
// A go-pdk program: the plugin takes the folder's name (the executable `go build` makes there).
const GO_MAIN = { 'main.go': 'package main\n\nimport "github.com/Kong/go-pdk/server"\n\nfunc main() {\n\tserver.StartServer(New, "0.2.0", 1500)\n}\n' };

ruleTester.run(rule, {
  valid: [
    { name: 'custom names the target does not bundle', conf: 'plugins = bundled,request-stamp\n', from: '3.4', to: '3.9', inputs: withPlugins(CLEAN) },
    { name: 'redirect on a path that ends before 3.9', conf: 'plugins = bundled,redirect\n', from: '3.4', to: '3.8' },
    { name: 'a bundled plugin listed explicitly', conf: 'plugins = key-auth,acl\n', from: '3.4', to: '3.9' },
    { name: '--plugin-dir names alone, none bundled by the target', from: '3.4', to: '3.9', inputs: withPlugins(CLEAN) },
    { name: 'a Go plugin whose name no version bundles', conf: 'pluginserver_names = token-relay\n', from: '3.0.1.0', to: '3.4.3.5', edition: 'enterprise', inputs: inlinePlugin(GO_MAIN, 'token-relay') },
  ],
  invalid: [
    { name: 'plugins = bundled,redirect crossing 3.9', conf: 'plugins = bundled,redirect\n', from: '3.4', to: '3.9',
      findings: [{ messageId: 'newClash', line: 1, severity: 'warning', data: { name: 'redirect' }, message: 'bundled list of 3.9' }] },
    { name: 'a --plugin-dir plugin named ai-proxy crossing 3.6', conf: 'database = postgres\n', from: '3.4', to: '3.6',
      inputs: inlinePlugin(HANDLER, 'ai-proxy'),
      findings: [{ messageId: 'newClash', data: { name: 'ai-proxy' } }] },
    { name: 'a custom plugin that already shadows a bundled one', conf: 'database = postgres\n', from: '3.4', to: '3.6',
      inputs: inlinePlugin(HANDLER, 'key-auth'),
      findings: [{ messageId: 'existingShadow', severity: 'info', data: { name: 'key-auth' } }] },
    { name: 'a --plugin-dir plugin named redirect crossing 3.9, without kong.conf', from: '3.4', to: '3.9',
      inputs: inlinePlugin(HANDLER, 'redirect'),
      findings: [{ messageId: 'newClash', line: 1, data: { name: 'redirect' }, message: 'bundled list of 3.9' }] },
    // jeromeguillaume/kong-plugin-jwe-decrypt: a Go jwe-decrypt written for Enterprise 3.0.1.0, which
    // Enterprise bundles as a Lua plugin from 3.1; Kong requires kong.plugins.jwe-decrypt.handler
    // before it asks a plugin server (kong/db/dao/plugins.lua load_plugin_handler), so the Go one stops.
    { name: 'a Go plugin named like a plugin the target starts bundling is never run', conf: 'pluginserver_names = jwe-decrypt\n', from: '3.0.1.0', to: '3.4.3.5', edition: 'enterprise',
      inputs: inlinePlugin(GO_MAIN, 'jwe-decrypt'),
      findings: [{ messageId: 'newClashServer', severity: 'warning', data: { name: 'jwe-decrypt', language: 'Go' }, message: 'Kong loads a bundled Lua plugin before it asks its plugin servers' }] },
    { name: 'a Go plugin named like a plugin the source bundles already does not run', conf: 'pluginserver_names = key-auth\n', from: '3.4', to: '3.6',
      inputs: inlinePlugin(GO_MAIN, 'key-auth'),
      findings: [{ messageId: 'existingShadowedServer', severity: 'info', data: { name: 'key-auth' }, message: 'this plugin does not run, before or after the upgrade' }] },
    { name: 'Enterprise target bundles a documented Kong plugin', conf: 'plugins = bundled,datakit\n', from: '3.4.3.5', to: '3.11.0.0', edition: 'enterprise',
      findings: [{ messageId: 'newClash', message: 'approximate bundled list' }] },
  ],
  notEvaluated: [
    { name: 'neither kong.conf nor plugin code', from: '3.4', to: '3.9', missing: { kongConf: 'no kong.conf given', customPlugins: 'no --plugin-dir given' },
      reason: 'no kong.conf given; no --plugin-dir given' },
  ],
});
