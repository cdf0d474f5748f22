import rule from '../../../rules/plugins/pcre2-regex';
import { pcre2Differences } from '../../../rules/plugins/pcre2-regex-utils';
import { ruleTester } from '../../support/rule-tester';
import { CLEAN_HANDLER, inlinePlugin } from './plugin-support';

describe('pcre2Differences', () => {
  it.each([
    ['[\\w-.]+', 1], ['a\\iz', 1], ['[\\R]', 1], ['(?-i-s)', 1],
    // PCRE 8.45 refuses a range ending in a class escape too (doc/pcrepattern.3: `[A-\d]` is an error).
    ['[a-\\d]', 0], ['x{,3}', 1], ['[-.\\w]+', 0], ['[\\w.-]', 0], ['\\[\\w-.\\]', 0],
    ['[\\\\-z]', 0], ['a{1,3}', 0], ['\\{,3}', 0], ['[{,3}]', 0],
  ])('%s -> %i difference(s)', (pattern, count) => {
    expect(pcre2Differences(pattern)).toHaveLength(count);
  });
});

ruleTester.run(rule, {
  valid: [
    { name: 'patterns both libraries read alike', from: '3.6', to: '3.7',
      inputs: inlinePlugin({ 'handler.lua': 'local m = ngx.re.match(s, [[^[-.\\w]+$]], "jo")\nlocal f = ngx.re.find(s, "a{1,2}")\n' + CLEAN_HANDLER }) },
    { name: 'a risky pattern in a comment and outside ngx.re', from: '3.6', to: '3.7',
      inputs: inlinePlugin({ 'handler.lua': '-- ngx.re.match(s, "[\\\\w-.]")\nlocal p = string.find(s, "[%w-.]")\n' + CLEAN_HANDLER }) },
    { name: 'path before 3.7', from: '3.4', to: '3.6',
      inputs: inlinePlugin({ 'handler.lua': 'local m = ngx.re.match(s, [[[\\w-.]]])\n' + CLEAN_HANDLER }) },
  ],
  invalid: [
    { name: 'direct call, local alias and re table alias', from: '3.4', to: '3.7',
      inputs: inlinePlugin({ 'handler.lua': [
        'local re_find = ngx.re.find',
        'local re = ngx.re',
        'local a = ngx.re.match(s, [[^[\\w-.]+$]], "jo")',
        'local b = re_find(s, "x{,3}")',
        'local c = re.gsub(s, [[a\\iz]], "")',
      ].join('\n') + '\n' + CLEAN_HANDLER }),
      findings: [
        { messageId: 'regexDiffers', line: 3, column: 27, severity: 'warning', hop: '3.7', data: { call: 'ngx.re.match' } },
        { messageId: 'regexDiffers', line: 4, data: { call: 'ngx.re.find' } },
        { messageId: 'regexDiffers', line: 5, data: { call: 'ngx.re.gsub' } },
      ] },
    { name: 'lrexlib PCRE binding', from: '3.6', to: '3.7',
      inputs: inlinePlugin({ 'handler.lua': 'local rex = require "rex_pcre"\n' + CLEAN_HANDLER }),
      findings: [{ messageId: 'pcre1Binding', line: 1 }] },
  ],
});
