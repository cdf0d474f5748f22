import rule from '../../../rules/plugins/removed-module';
import { ruleTester } from '../../support/rule-tester';
import { CLEAN_HANDLER, inlinePlugin } from './plugin-support';

ruleTester.run(rule, {
  valid: [
    { name: 'modules that still exist', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': 'local c = require "kong.constants"\nlocal t = require("kong.tools.utils")\n' + CLEAN_HANDLER }) },
    { name: 'removed module named only in a comment and a string', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': '-- require "kong.singletons"\nlocal s = "require(\'kong.plugins.base_plugin\')"\n' + CLEAN_HANDLER }) },
    { name: 'path stops before the removal', from: '3.1', to: '3.2',
      inputs: inlinePlugin({ 'handler.lua': 'local bq = require "kong.tools.batch_queue"\n' + CLEAN_HANDLER }) },
    { name: 'module already gone at the source: not this upgrade\'s concern', from: '3.4', to: '3.5',
      inputs: inlinePlugin({ 'handler.lua': 'local s = require "kong.singletons"\n' + CLEAN_HANDLER }) },
    { name: 'a fork requiring its own submodule that Kong stopped shipping under that name', from: '2.8', to: '3.9',
      inputs: inlinePlugin({ 'handler.lua': 'local v4 = require "kong.plugins.aws-lambda.v4"\n' + CLEAN_HANDLER, 'v4.lua': 'return {}\n' }, 'aws-lambda') },
    { name: 'not a Kong module at all', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': 'local http = require "resty.http"\n' + CLEAN_HANDLER }) },
    { name: 'resty.kafka on a path that stops before 3.12', from: '3.9.1.0', to: '3.11.0.14', edition: 'enterprise',
      inputs: inlinePlugin({ 'handler.lua': 'local producer = require "resty.kafka.producer"\n' + CLEAN_HANDLER }) },
    { name: 'a module that merely starts with the same letters', from: '3.9.1.0', to: '3.12.0.11', edition: 'enterprise',
      inputs: inlinePlugin({ 'handler.lua': 'local k = require "resty.kafkaesque"\n' + CLEAN_HANDLER }) },
  ],
  invalid: [
    { name: 'BasePlugin on the 3.0 hop', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': '\nlocal BasePlugin = require("kong.plugins.base_plugin")\nreturn BasePlugin:extend()\n' }),
      findings: [{ messageId: 'curatedRemoval', line: 2, column: 20, severity: 'blocker', hop: '3.4', data: { module: 'kong.plugins.base_plugin', removedIn: '3.0.0.0' } }] },
    // The module inventory starts at 2.0.0; a 1.x or 0.x source is judged from there.
    { name: 'BasePlugin from a 1.x source', from: '1.5', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': 'local BasePlugin = require "kong.plugins.base_plugin"\nreturn BasePlugin:extend()\n' }),
      findings: [{ messageId: 'curatedRemoval', line: 1, hop: '3.4', data: { module: 'kong.plugins.base_plugin', removedIn: '3.0.0.0' } }] },
    { name: 'singletons from a 0.x source', from: '0.14', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': 'local singletons = require "kong.singletons"\n' + CLEAN_HANDLER }),
      findings: [{ messageId: 'curatedRemoval', line: 1, data: { module: 'kong.singletons' } }] },
    { name: 'batch_queue on the 3.3 hop, in a file other than the handler', from: '3.2', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': CLEAN_HANDLER, 'queue.lua': 'local BatchQueue = require "kong.tools.batch_queue"\n' }),
      findings: [{ messageId: 'curatedRemoval', line: 1, data: { module: 'kong.tools.batch_queue', removedIn: '3.3.0.0' } }] },
    { name: 'migration helpers in a migration', from: '2.8', to: '3.0',
      inputs: inlinePlugin({ 'handler.lua': CLEAN_HANDLER, 'migrations/001_x.lua': 'local helpers = require "kong.db.migrations.helpers"\nreturn { postgres = { up = "" } }\n' }),
      findings: [{ messageId: 'curatedRemoval', line: 1, data: { module: 'kong.db.migrations.helpers' } }] },
    { name: 'any other Kong module that the inventory shows removed', from: '2.8', to: '3.0',
      inputs: inlinePlugin({ 'handler.lua': 'local h = require "kong.plugins.log-serializers.basic"\nlocal Object = require "kong.vendor.classic"\n' + CLEAN_HANDLER }),
      findings: [{ messageId: 'curatedRemoval', line: 1 }, { messageId: 'moduleRemoved', line: 2, data: { module: 'kong.vendor.classic', removedIn: '3.0.0' } }] },
    { name: 'a part of the bundled resty.kafka, deprecated by Enterprise 3.12', from: '3.9.1.0', to: '3.12.0.11', edition: 'enterprise',
      inputs: inlinePlugin({ 'handler.lua': 'local producer = require "resty.kafka.producer"\n' + CLEAN_HANDLER }),
      findings: [{ messageId: 'moduleDeprecated', line: 1, severity: 'info', hop: '3.12', data: { module: 'resty.kafka.producer', since: '3.12.0.0' } }] },
  ],
  notEvaluated: [{ name: 'no --plugin-dir', from: '2.8', to: '3.4', reason: /customPlugins/ }],
});
