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

ruleTester.run(rule, {
  valid: [
    { name: 'a current schema with a config field named legacy', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': CLEAN_HANDLER, 'schema.lua': MODERN_SCHEMA }) },
    { name: 'array-style daos with typed shorthand_fields', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': CLEAN_HANDLER, 'daos.lua': 'return {\n  { name = "things", primary_key = { "id" }, shorthand_fields = { { k = { type = "string" } } }, fields = {} },\n}\n' }) },
    { name: 'legacy schema on a path before 2.2', from: '2.0', to: '2.1',
      inputs: inlinePlugin({ 'handler.lua': CLEAN_HANDLER, 'schema.lua': 'return { no_consumer = true, fields = { a = { type = "string" } } }\n' }) },
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
    { name: 'shorthands on a 2.x path are an info deprecation', from: '2.1', to: '2.8',
      inputs: inlinePlugin({ 'handler.lua': CLEAN_HANDLER, 'schema.lua': 'return { name = "x", shorthands = { { a = function(v) return v end } }, fields = {} }\n' }),
      findings: [{ messageId: 'shorthandsDeprecated', severity: 'info', line: 1 }] },
  ],
});
