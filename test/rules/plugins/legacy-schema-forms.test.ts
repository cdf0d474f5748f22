import rule from '../../../rules/plugins/legacy-schema-forms';
import { ruleTester } from '../../support/rule-tester';
import { CLEAN_HANDLER, inlinePlugin } from './plugin-support';

const MODERN_SCHEMA = `return {
  name = "my-plugin",
  fields = {
    { config = { type = "record", fields = {
      { legacy = { type = "boolean", default = false } },
      { mode = { type = "string", default = "legacy = true" } },
    } } },
  },
}
`;

const PATHS_SCHEMA = (typedef: string) => `local typedefs = require "kong.db.schema.typedefs"
return { name = "my-plugin", fields = {
  { config = { type = "record", fields = {
    { allow_paths = typedefs.${typedef} },
  } } },
} }
`;

ruleTester.run(rule, {
  valid: [
    { name: 'a current schema with a config field named legacy', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': CLEAN_HANDLER, 'schema.lua': MODERN_SCHEMA }) },
    { name: 'array-style daos with typed shorthand_fields', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': CLEAN_HANDLER, 'daos.lua': 'return {\n  { name = "things", primary_key = { "id" }, shorthand_fields = { { k = { type = "string" } } }, fields = {} },\n}\n' }) },
    { name: 'legacy schema on a path before 2.2', from: '2.0', to: '2.1',
      inputs: inlinePlugin({ 'handler.lua': CLEAN_HANDLER, 'schema.lua': 'return { no_consumer = true, fields = { a = { type = "string" } } }\n' }) },
    { name: 'the 3.x name of the paths typedef', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': CLEAN_HANDLER, 'schema.lua': PATHS_SCHEMA('router_paths') }) },
    { name: 'typedefs.paths on a path that stays on 2.x', from: '2.1', to: '2.8',
      inputs: inlinePlugin({ 'handler.lua': CLEAN_HANDLER, 'schema.lua': PATHS_SCHEMA('paths') }) },
    { name: 'a schema written for both versions', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': CLEAN_HANDLER, 'schema.lua': 'local typedefs = require "kong.db.schema.typedefs"\nlocal paths = typedefs.router_paths or typedefs.paths\nreturn { name = "x", fields = { { config = { type = "record", fields = { { allow = paths } } } } } }\n' }) },
    { name: 'a paths field of another table', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': 'local H = { PRIORITY = 1, VERSION = "1.0.0" }\nfunction H:access(conf)\n  local p = conf.paths\nend\nreturn H\n' }) },
    { name: 'schema through a local variable', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': CLEAN_HANDLER, 'schema.lua': 'local schema = { name = "x", fields = {} }\nreturn schema\n' }) },
  ],
  invalid: [
    { name: '0.x schema without name, keyed fields', from: '2.8', to: '3.0',
      inputs: inlinePlugin({ 'handler.lua': CLEAN_HANDLER, 'schema.lua': 'return {\n  fields = {\n    header = { type = "string" },\n  },\n}\n' }),
      findings: [{ messageId: 'legacySchema', line: 3, column: 5, severity: 'blocker', message: 'keyed by name' }] },
    { name: 'self_check in a local table', from: '2.8', to: '3.0',
      inputs: inlinePlugin({ 'handler.lua': CLEAN_HANDLER, 'schema.lua': 'local s = {\n  name = "x",\n  self_check = function() return true end,\n}\nreturn s\n' }),
      findings: [{ messageId: 'legacySchema', line: 3, message: 'self_check' }] },
    { name: 'legacy attribute and shorthands in a daos entity, keyed daos', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': CLEAN_HANDLER, 'daos.lua': 'return {\n  things = {\n    legacy = true,\n    shorthands = { { k = function(v) return v end } },\n  },\n}\n' }),
      findings: [{ messageId: 'daosHash', line: 2, data: { key: 'things' } }, { messageId: 'legacyAttribute', line: 3 }, { messageId: 'shorthandsRemoved', line: 4 }] },
    // As seifchen/kong-path-allow had it before its "support kong3.0" change.
    { name: 'typedefs.paths, renamed router_paths in 3.0', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': CLEAN_HANDLER, 'schema.lua': PATHS_SCHEMA('paths') }),
      findings: [{ messageId: 'typedefRemoved', line: 4, column: 30, severity: 'blocker', hop: '3.4', data: { chain: 'typedefs.paths', replacement: 'router_paths' } }] },
    { name: 'typedefs.paths called with options in a helper file, and read off the require', from: '2.8', to: '3.0',
      inputs: inlinePlugin({ 'handler.lua': CLEAN_HANDLER, 'schema.lua': 'return require("kong.plugins.my-plugin.fields")\n',
        'fields.lua': 'local T = require("kong.db.schema.typedefs")\nlocal p = require("kong.db.schema.typedefs").paths\nreturn { name = "x", fields = { { config = { type = "record", fields = { { a = T.paths { required = true } } } } } } }\n' }),
      findings: [{ messageId: 'typedefRemoved', line: 2, data: { chain: 'require("kong.db.schema.typedefs").paths' } }, { messageId: 'typedefRemoved', line: 3, data: { chain: 'T.paths' } }] },
    { name: 'shorthands on a 2.x path are an info deprecation', from: '2.1', to: '2.8',
      inputs: inlinePlugin({ 'handler.lua': CLEAN_HANDLER, 'schema.lua': 'return { name = "x", shorthands = { { a = function(v) return v end } }, fields = {} }\n' }),
      findings: [{ messageId: 'shorthandsDeprecated', severity: 'info', line: 1 }] },
  ],
});
