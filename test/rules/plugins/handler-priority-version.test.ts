import rule from '../../../rules/plugins/handler-priority-version';
import { ruleTester } from '../../support/rule-tester';
import { inlinePlugin } from './plugin-support';

const handler = (priority: string, version: string) =>
  inlinePlugin({ 'handler.lua': `local H = {}\nH.PRIORITY = ${priority}\nH.VERSION = ${version}\nreturn H\n` });

// Each was loaded under LuaJIT 2.1 and passed to Kong 3.0's valid_priority check (kong/db/dao/plugins.lua@3.0.0).
const PRIORITIES_KONG_TAKES = ['1000.0', '1e3', '1E+3', '0x3E8', '0x1.8p1', '1.', '1e20', '-1000.0', '-0x10'];
const PRIORITIES_KONG_REFUSES = ['1e-3', '.5', '0x1.8', '1e999', '-1e999', '1000LL', '1000ULL', '1000i', '"1000"'];
// Each was parsed by Kong/version.lua 1.0.1 (lenient mode) and passed to Kong 3.0's valid_version check.
const VERSIONS_KONG_TAKES = ['"v1.0.0"', '"1.0.0_rc1"', '"1.0.0 (beta)"', '"1.0.0-beta.1"', '"1"', '"1.0."', '"release-2"', "'x.1.2.3'"];
const VERSIONS_KONG_REFUSES = ['"v1.0.0.0"', '"1.2.3.4."', '"1..0"', '"1.0.."', '"beta"', '""'];

ruleTester.run(rule, {
  valid: [
    { name: 'constructor keys', from: '2.8', to: '3.4', inputs: inlinePlugin({ 'handler.lua': 'return { PRIORITY = 10, VERSION = "1.0.0" }\n' }) },
    { name: 'member assignments, negative priority, computed version', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': 'local H = {}\nH.PRIORITY = -5\nH.VERSION = require("kong.meta").version\nreturn H\n' }) },
    { name: 'computed priorities are not judged', from: '2.8', to: '3.4', inputs: handler('1000 + 5', '"1.0.0"') },
    { name: 'a minus before a string is arithmetic, not judged', from: '2.8', to: '3.4', inputs: handler('-"5"', '"1.0.0"') },
    ...PRIORITIES_KONG_TAKES.map((p) => ({ name: `PRIORITY = ${p}`, from: '2.8', to: '3.4', inputs: handler(p, '"1.0.0"') })),
    ...VERSIONS_KONG_TAKES.map((v) => ({ name: `VERSION = ${v}`, from: '2.8', to: '3.4', inputs: handler('10', v) })),
    { name: 'a factory handler whose fields live in another file', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': 'return require("kong.plugins.my-plugin._handler")(10)\n',
        '_handler.lua': 'return function(priority)\n  return { PRIORITY = priority, VERSION = "2.1.0" }\nend\n' }) },
    { name: 'Kong\'s own version as VERSION on open source (x.y.z)', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': 'local kong_meta = require "kong.meta"\nreturn { PRIORITY = 840, VERSION = kong_meta.version }\n' }) },
    { name: 'Enterprise core_version is x.y.z', from: '2.8.1.4', to: '3.4.1.0', edition: 'enterprise',
      inputs: inlinePlugin({ 'handler.lua': 'local kong_meta = require "kong.meta"\nreturn { PRIORITY = 840, VERSION = kong_meta.core_version }\n' }) },
    { name: 'missing fields but the path stays on 2.x', from: '2.6', to: '2.8', inputs: inlinePlugin({ 'handler.lua': 'return {}\n' }) },
  ],
  invalid: [
    { name: 'neither field, only mentioned in comments and strings', from: '2.8', to: '3.0',
      inputs: inlinePlugin({ 'handler.lua': '-- H.PRIORITY = 10\nlocal H = { name = "PRIORITY = 1" }\nreturn H\n' }),
      findings: [{ messageId: 'missingPriority', line: 1, severity: 'blocker', hop: '3.0' }, { messageId: 'missingVersion', line: 1 }] },
    { name: 'fractional priority and a four-part version', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': 'local H = {}\nH.PRIORITY = 10.5\nH.VERSION = "1.0.0.1"\nreturn H\n' }),
      findings: [{ messageId: 'badPriority', line: 2, column: 3, data: { value: '10.5' } }, { messageId: 'badVersion', line: 3, data: { value: '"1.0.0.1"' } }] },
    ...PRIORITIES_KONG_REFUSES.map((p) => ({ name: `PRIORITY = ${p}`, from: '2.8', to: '3.4', inputs: handler(p, '"1.0.0"'),
      findings: [{ messageId: 'badPriority', line: 2, data: { value: p } }] })),
    ...VERSIONS_KONG_REFUSES.map((v) => ({ name: `VERSION = ${v}`, from: '2.8', to: '3.4', inputs: handler('10', v),
      findings: [{ messageId: 'badVersion', line: 3, data: { value: v } }] })),
    { name: 'a factory handler with no fields anywhere is a warning, not a blocker', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': 'return require("some.factory")()\n' }),
      findings: [{ messageId: 'missingPriority', severity: 'warning' }, { messageId: 'missingVersion', severity: 'warning' }] },
    { name: 'a bad literal in the helper file is reported there', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': 'return require("kong.plugins.my-plugin.base")\n', 'base.lua': 'local B = {}\nB.PRIORITY = 1\nB.VERSION = "1.0.0.0"\nreturn B\n' }),
      findings: [{ messageId: 'badVersion', line: 3, message: '1.0.0.0' }] },
    { name: 'a bad version written just before a method definition', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': 'local H = {}\nH.PRIORITY = 10\nH.VERSION = "1.0.0.0"\nfunction H:access(conf)\nend\nreturn H\n' }),
      findings: [{ messageId: 'badVersion', line: 3, data: { value: '"1.0.0.0"' } }] },
    { name: 'a bad priority followed by an if statement', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': 'local H = { VERSION = "1.0.0" }\nH.PRIORITY = 10.5\nif ngx then H.x = 1 end\nreturn H\n' }),
      findings: [{ messageId: 'badPriority', line: 2, data: { value: '10.5' } }] },
    // seifchen/kong-path-allow 0.2-0 on Kong Enterprise 3.1.1.6: 'VERSION field does not follow the "x.y.z" format, got: "3.1.1.6"'.
    { name: 'Kong\'s own version as VERSION on Enterprise', from: '2.8.1.4', to: '3.4.1.0', edition: 'enterprise',
      inputs: inlinePlugin({ 'handler.lua': 'local kong_meta = require "kong.meta"\nlocal H = {}\nH.PRIORITY = 840\nH.VERSION = kong_meta.version\nreturn H\n' }),
      findings: [{ messageId: 'enterpriseKongVersion', line: 4, severity: 'blocker', data: { value: 'kong_meta.version' } }] },
    { name: 'Kong\'s _VERSION read off the require on Enterprise', from: '2.8.1.4', to: '3.4.1.0', edition: 'enterprise',
      inputs: inlinePlugin({ 'handler.lua': 'return { PRIORITY = 1, VERSION = require("kong.meta")._VERSION }\n' }),
      findings: [{ messageId: 'enterpriseKongVersion', line: 1, data: { value: 'require("kong.meta")._VERSION' } }] },
    { name: 'a number where Kong wants a string version', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': 'return { PRIORITY = 1, VERSION = 1.0 }\n' }),
      findings: [{ messageId: 'badVersion', line: 1, data: { value: '1.0' } }] },
  ],
});
