import rule from '../../../rules/plugins/tools-utils-moved';
import { ruleTester } from '../../support/rule-tester';
import { CLEAN_HANDLER, inlinePlugin } from './plugin-support';

const UTILS = 'local utils = require "kong.tools.utils"\n';

ruleTester.run(rule, {
  valid: [
    { name: 'helpers that kong.tools.utils still re-exports', from: '3.4', to: '3.9',
      inputs: inlinePlugin({ 'handler.lua': UTILS + 'local id = utils.uuid()\nlocal t = utils.deep_copy({})\n' + CLEAN_HANDLER }) },
    { name: 'the new modules, already', from: '3.6', to: '3.9',
      inputs: inlinePlugin({ 'handler.lua': 'local yield = require("kong.tools.yield").yield\nyield()\n' + CLEAN_HANDLER }) },
    { name: 'path ends before 3.6', from: '3.3', to: '3.5',
      inputs: inlinePlugin({ 'handler.lua': UTILS + 'utils.yield()\n' + CLEAN_HANDLER }) },
    { name: 'a name bound to kong.tools.gzip on new versions and kong.tools.utils on old ones', from: '3.4', to: '3.9',
      inputs: inlinePlugin({ 'handler.lua': 'local KongGzip\nif kong.version_num >= 3006000 then\n  KongGzip = require "kong.tools.gzip"\nelse\n  KongGzip = require "kong.tools.utils"\nend\nlocal s = KongGzip.inflate_gzip(b)\nlocal d = KongGzip.deflate_gzip(s)\n' + CLEAN_HANDLER }) },
    { name: 'the pcall fallback the remediation recommends', from: '3.4', to: '3.9',
      inputs: inlinePlugin({ 'handler.lua': 'local ok, gzip = pcall(require, "kong.tools.gzip")\nif not ok then gzip = require "kong.tools.utils" end\nlocal s = gzip.inflate_gzip(b)\n' + CLEAN_HANDLER }) },
    { name: 'kong.tools.utils by default, the new module where it exists', from: '3.4', to: '3.9',
      inputs: inlinePlugin({ 'handler.lua': 'local sys = require("kong.tools.utils")\nif kong.version_num >= 3007000 then sys = require("kong.tools.system") end\nlocal i = sys.get_system_infos()\n' + CLEAN_HANDLER }) },
    { name: 'a same-named function on another object', from: '3.4', to: '3.9',
      inputs: inlinePlugin({ 'handler.lua': UTILS + 'local other = {}\nother.yield()\n-- utils.yield() in a comment\n' + CLEAN_HANDLER }) },
  ],
  invalid: [
    { name: 'alias call and direct member read across 3.6 and 3.7', from: '3.4', to: '3.9',
      inputs: inlinePlugin({ 'handler.lua': UTILS + 'utils.yield(true)\nlocal gz = require("kong.tools.utils").inflate_gzip\nlocal s = utils.get_system_infos()\nlocal v = utils.validate_labels\n' + CLEAN_HANDLER }),
      findings: [
        { messageId: 'moved', line: 3, data: { name: 'inflate_gzip', movedTo: 'kong.tools.gzip' }, hop: '3.6' },
        { messageId: 'moved', line: 2, column: 7, data: { name: 'yield', movedTo: 'kong.tools.yield', removedIn: '3.6.0.0' } },
        { messageId: 'moved', line: 4, data: { name: 'get_system_infos', movedTo: 'kong.tools.system', removedIn: '3.7.0.0' }, hop: '3.7' },
        { messageId: 'gone', line: 5, data: { name: 'validate_labels' } },
      ] },
    { name: 'a fallback name used for a function its new module does not have', from: '3.4', to: '3.9',
      inputs: inlinePlugin({ 'handler.lua': 'local ok, gzip = pcall(require, "kong.tools.gzip")\nif not ok then gzip = require "kong.tools.utils" end\nlocal s = gzip.inflate_gzip(b)\ngzip.yield()\n' + CLEAN_HANDLER }),
      findings: [{ messageId: 'moved', line: 4, data: { name: 'yield', movedTo: 'kong.tools.yield' } }] },
    { name: 'the new module under one name, plain kong.tools.utils calls under another', from: '3.4', to: '3.9',
      inputs: inlinePlugin({ 'handler.lua': 'local has_gzip, gzip = pcall(require, "kong.tools.gzip")\nlocal ok = pcall(require, "kong.tools.gzip")\n' + UTILS + 'local s = has_gzip and gzip.inflate_gzip(b) or utils.inflate_gzip(b)\n' + CLEAN_HANDLER }),
      findings: [{ messageId: 'moved', line: 4, column: 54, data: { call: 'utils.inflate_gzip' } }] },
    { name: 'only the 3.7 change when the path starts at 3.6', from: '3.6', to: '3.7',
      inputs: inlinePlugin({ 'handler.lua': UTILS + 'utils.yield()\nutils.get_system_trusted_certs_filepath()\n' + CLEAN_HANDLER }),
      findings: [{ messageId: 'moved', line: 3, data: { name: 'get_system_trusted_certs_filepath' } }] },
  ],
});
