import { InputError } from '../../../src/errors';
import { codeTokens, tokenizeLua } from '../../../src/inputs/lua/tokenizer';
import { fieldAssignments, findProtectedRequires, findRequires, isAssignmentTarget, memberChains } from '../../../src/inputs/lua/code';

const names = (src: string) => codeTokens(tokenizeLua(src)).filter((t) => t.kind === 'name').map((t) => t.value);

describe('tokenizeLua', () => {
  it('gives each token its line and column', () => {
    const tokens = tokenizeLua('local x = 1\n  x = x .. "a"');
    const x2 = tokens.filter((t) => t.value === 'x')[1];
    expect(x2).toMatchObject({ kind: 'name', line: 2, column: 3, endLine: 2, endColumn: 3 });
    const concat = tokens.find((t) => t.value === '..');
    expect(concat).toMatchObject({ kind: 'op', line: 2, column: 9 });
    expect(tokens[0]).toMatchObject({ kind: 'keyword', value: 'local', line: 1, column: 1 });
  });

  it('never reports names hidden in line comments, block comments and long comments', () => {
    const src = [
      '-- local BasePlugin = require "kong.plugins.base_plugin"',
      '--[[ kong.singletons',
      'still a comment: kong.singletons ]] local a = 1',
      '--[==[ nested ]] kong.singletons ]==]',
      'return a',
    ].join('\n');
    expect(names(src)).toEqual(['a', 'a']);
    const comments = tokenizeLua(src).filter((t) => t.kind === 'comment');
    expect(comments.map((c) => c.line)).toEqual([1, 2, 4]);
    expect(comments[1]).toMatchObject({ endLine: 3, quote: '--[[' });
  });

  it('never reports names hidden in strings, with escapes and long brackets', () => {
    const src = [
      'local s1 = "kong.singletons \\" BasePlugin"',
      "local s2 = 'it\\'s ngx.ctx.balancer_address'",
      'local s3 = [[ kong.singletons ]]',
      'local s4 = [==[ a ]] still string ]=] PRIORITY = 1 ]==]',
    ].join('\n');
    expect(names(src)).toEqual(['s1', 's2', 's3', 's4']);
    const strings = tokenizeLua(src).filter((t) => t.kind === 'string');
    expect(strings[0].value).toBe('kong.singletons " BasePlugin');
    expect(strings[1].value).toBe("it's ngx.ctx.balancer_address");
    expect(strings[3].value).toBe(' a ]] still string ]=] PRIORITY = 1 ');
    expect(strings[3].quote).toBe('[==[');
  });

  it('decodes decimal, hex, \\z and line-continuation escapes and keeps line numbers right', () => {
    const tokens = tokenizeLua('x = "\\65\\x42\\z\n   C\\\nD"\ny = 1');
    expect(tokens.find((t) => t.kind === 'string')!.value).toBe('ABC\nD');
    expect(tokens.find((t) => t.value === 'y')!.line).toBe(4);
  });

  it('drops the first newline of a long string and counts the lines inside it', () => {
    const tokens = tokenizeLua('s = [[\nline1\nline2]]\nafter = 1');
    expect(tokens.find((t) => t.kind === 'string')!.value).toBe('line1\nline2');
    expect(tokens.find((t) => t.value === 'after')!.line).toBe(4);
  });

  it('reads numbers in all their forms without splitting them', () => {
    const src = 'a = 3 b = 3.25 c = .5 d = 1e10 e = 0xFF f = 0x1p4 g = 12ULL h = 2.5E-3';
    const numbers = tokenizeLua(src).filter((t) => t.kind === 'number').map((t) => t.value);
    expect(numbers).toEqual(['3', '3.25', '.5', '1e10', '0xFF', '0x1p4', '12ULL', '2.5E-3']);
  });

  it('tells `..`, `...` and `.` apart', () => {
    const ops = tokenizeLua('f(...) a = b .. c.d').filter((t) => t.kind === 'op').map((t) => t.value);
    expect(ops).toEqual(['(', '...', ')', '=', '..', '.']);
  });

  it('skips a UTF-8 byte-order mark, so the first keyword stays a keyword', () => {
    const tokens = tokenizeLua('\xEF\xBB\xBFlocal x = 1');
    expect(tokens[0]).toMatchObject({ kind: 'keyword', value: 'local', line: 1, column: 1 });
  });

  it('skips a shebang line', () => {
    expect(names('#!/usr/bin/env luajit\nlocal z = 1')).toEqual(['z']);
  });

  it.each([
    ['an unfinished string', 'local a = "abc\nlocal b = 2', 1],
    ['an unfinished long string', 'local a = 1\nlocal b = [==[ abc ]=]', 2],
    ['an unfinished long comment', '\n\n--[[ never closed', 3],
    ['a malformed number', 'local a = 3abc', 1],
    ['an invalid escape', 'local a = "\\q"', 1],
  ])('raises an InputError naming file and line for %s', (_name, src, line) => {
    let error: unknown;
    try {
      tokenizeLua(src, 'plugins/foo/handler.lua');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).oneLine()).toMatch(new RegExp(`^plugins/foo/handler\\.lua:${line}:\\d+: `));
  });
});

describe('findRequires', () => {
  const requires = (src: string) => findRequires(codeTokens(tokenizeLua(src)));

  it('finds every literal call form with its binding', () => {
    const calls = requires([
      'local BasePlugin = require "kong.plugins.base_plugin"',
      "local s = require('kong.singletons')",
      'utils = require [[kong.tools.utils]]',
      'local y = require("kong.tools.utils").yield',
    ].join('\n'));
    expect(calls.map((c) => [c.module, c.binding, c.at.line])).toEqual([
      ['kong.plugins.base_plugin', 'BasePlugin', 1],
      ['kong.singletons', 's', 2],
      ['kong.tools.utils', 'utils', 3],
      ['kong.tools.utils', 'y', 4],
    ]);
    expect(calls[3].member?.name).toBe('yield');
  });

  it('ignores requires in comments and strings, and dynamic module names', () => {
    const calls = requires([
      '-- local x = require "kong.singletons"',
      'local doc = "require(\'kong.singletons\')"',
      'local m = require("kong.plugins." .. name .. ".handler")',
      'local n = obj.require("kong.singletons")',
    ].join('\n'));
    expect(calls).toEqual([]);
  });
});

describe('findProtectedRequires', () => {
  const protectedRequires = (src: string) => findProtectedRequires(codeTokens(tokenizeLua(src)));

  it('binds the second target, the one that holds the module', () => {
    const calls = protectedRequires([
      'local ok, gzip = pcall(require, "kong.tools.gzip")',
      'ok, sys = pcall(require, \'kong.tools.system\')',
      'local has_yield = pcall(require, "kong.tools.yield")',
      'M.ok, M.sha = pcall(require, "kong.tools.sha256")',
    ].join('\n'));
    expect(calls.map((c) => [c.module, c.binding, c.at.line])).toEqual([
      ['kong.tools.gzip', 'gzip', 1],
      ['kong.tools.system', 'sys', 2],
      ['kong.tools.yield', undefined, 3],
      ['kong.tools.sha256', undefined, 4],
    ]);
  });

  it('ignores other pcall calls and dynamic module names', () => {
    expect(protectedRequires([
      'local ok, v = pcall(load_module, "kong.tools.gzip")',
      'local ok2, m = pcall(require, "kong.plugins." .. name)',
      'local ok3, n = x.pcall(require, "kong.tools.gzip")',
      '-- local ok4, g = pcall(require, "kong.tools.gzip")',
    ].join('\n'))).toEqual([]);
  });
});

describe('memberChains and fieldAssignments', () => {
  it('joins dotted, method and bracket-string access into one chain', () => {
    const chains = memberChains(codeTokens(tokenizeLua('local a = ngx.ctx["balancer_address"] kong.log:err(x)')));
    expect(chains.map((c) => c.parts.join('.'))).toEqual(['a', 'ngx.ctx.balancer_address', 'kong.log.err', 'x']);
  });

  it('tells a chain that is written from one that is read', () => {
    const writes = (src: string) => {
      const code = codeTokens(tokenizeLua(src));
      return memberChains(code).filter((c) => c.parts[0] === 'ngx').map((c) => [c.parts.join('.'), isAssignmentTarget(code, c)]);
    };
    expect(writes('ngx.ctx.a = t\nngx.ctx["b"] = nil\nx, ngx.ctx.c = 1, 2\nngx.ctx.d, t[i].k, y = f()')).toEqual([
      ['ngx.ctx.a', true], ['ngx.ctx.b', true], ['ngx.ctx.c', true], ['ngx.ctx.d', true],
    ]);
    expect(writes([
      'local t = ngx.ctx.a',
      'if ngx.ctx.b == nil then end',
      'ngx.ctx.c.field = 1',
      'local u = { ngx.ctx.d, y = 1 }',
      'f(ngx.ctx.e, y)',
      'local v = w, ngx.ctx.f',
      'z = 1',
      'ngx.ctx.g()',
    ].join('\n'))).toEqual([
      ['ngx.ctx.a', false], ['ngx.ctx.b', false], ['ngx.ctx.c.field', true], ['ngx.ctx.d', false],
      ['ngx.ctx.e', false], ['ngx.ctx.f', false], ['ngx.ctx.g', false],
    ]);
  });

  it('finds PRIORITY written as a member, a constructor key or a bracket key, not in a comment', () => {
    const src = [
      '-- Handler.PRIORITY = 1',
      'local H = { VERSION = "1.0.0", PRIORITY = 10 }',
      'H.PRIORITY = 20',
      'H["PRIORITY"] = 30',
      'local PRIORITY = 40',
    ].join('\n');
    const found = fieldAssignments(codeTokens(tokenizeLua(src)), 'PRIORITY');
    expect(found.map((f) => [f.at.line, f.value.map((v) => v.value).join(' ')])).toEqual([
      [2, '10'],
      [3, '20'],
      [4, '30'],
    ]);
  });
});
