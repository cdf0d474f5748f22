// Trailing comments and `\#` (parsing.md section 2): what 3.2+ reads, what 2.x-3.1 read, and
// when the loader warns that a `#` cut a value.

import { findHashCut, stripComment, stripCommentBefore32, valueBefore32 } from '../../../src/inputs/kong-conf';
import { diagnosticsOf, loadLines, valueOf } from './conf-helpers';

describe('3.2+ comment stripping of file values', () => {
  it.each([
    ['a trailing comment and the spaces before it', 'kong   # the default', 'kong'],
    ['a comment glued to the value', 'abc#def', 'abc'],
    ['a value that is only a comment (unset)', '# set by vault later', undefined],
    ['an escaped \\#', 'abc\\#def', 'abc#def'],
    ['an escaped \\# before a real comment', 'a\\#b # rotated 2024', 'a#b'],
    ['a value starting with # (unset)', '#abc', undefined],
  ])('handles %s', (_name, written, expected) => {
    expect(valueOf(loadLines([`pg_password = ${written}`]), 'pg_password')).toBe(expected);
  });

  it('keeps the written text in rawValue', () => {
    const setting = loadLines(['pg_database = kong   # the default']).get('pg_database')!;
    expect(setting.rawValue).toBe('kong   # the default');
  });

  it('leaves environment values alone (no stripping, no unescaping)', () => {
    const conf = loadLines([], { KONG_PG_PASSWORD: 'abc#def', KONG_PG_USER: 'a\\#b' });
    expect(valueOf(conf, 'pg_password')).toBe('abc#def');
    expect(valueOf(conf, 'pg_user')).toBe('a\\#b');
    expect(diagnosticsOf(conf, 'unescaped-hash')).toEqual([]);
  });
});

describe('unescaped-hash diagnostic', () => {
  it.each([['abc#def'], ['#abc'], ['x#y # note'], ['secret#'], ['abc#  ']])('reports a # that cuts %j', (value) => {
    const conf = loadLines([`pg_password = ${value}`]);
    expect(diagnosticsOf(conf, 'unescaped-hash')).toMatchObject([{ key: 'pg_password', origin: { line: 1, column: 1 } }]);
    expect(conf.diagnostics.map((d) => d.message).join(' ')).not.toContain(value);
  });

  it.each([
    ['a comment after whitespace', 'pg_database = kong  # default'],
    // Kong's own spec/kong_tests.conf (3.2.0 to 3.9.3): the comment starts right after the value.
    ['a comment right after the value', 'pg_password = foo\\#bar# this is a comment that should be stripped'],
    ['a comment-only value', 'pg_password =  # later'],
    ['a lone #', 'pg_password = #'],
    ['an escaped #', 'pg_password = p\\#ss'],
    ['no # at all', 'pg_password = plain'],
  ])('stays quiet for %s', (_name, line) => {
    expect(diagnosticsOf(loadLines([line]), 'unescaped-hash')).toEqual([]);
  });

  it('classifies cuts', () => {
    expect(findHashCut('abc#def')).toEqual({ index: 3, looksLikeComment: false });
    expect(findHashCut('abc # def')).toEqual({ index: 4, looksLikeComment: true });
    expect(findHashCut('abc# def')).toEqual({ index: 3, looksLikeComment: true });
    expect(findHashCut('abc#')).toEqual({ index: 3, looksLikeComment: false });
    expect(findHashCut('# x')).toEqual({ index: 0, looksLikeComment: true });
    expect(findHashCut('##')).toEqual({ index: 0, looksLikeComment: true });
    expect(findHashCut('a\\#b')).toBeUndefined();
  });
});

describe('what 2.x-3.1 read', () => {
  it.each([
    ['abc#def', 'abc', 'ab'], // 2.x also lost the character before the #
    ['kong # default', 'kong', 'kong'],
    ['#abc', '', '#abc'], // 2.x left a leading # alone
    ['a\\#b', 'a#b', 'a#b'],
    ['a\\#b#c', 'a#b', 'a#'],
  ])('%j: 3.2+ %j, before 3.2 %j', (raw, now, before) => {
    expect(stripComment(raw)).toBe(now);
    expect(stripCommentBefore32(raw)).toBe(before);
  });

  it('answers per setting: file values, number-like values and env values', () => {
    const conf = loadLines(['pg_password = abc#def', 'pg_port = 05432'], { KONG_PG_USER: ' a\\#b#c ' });
    expect(valueBefore32(conf.get('pg_password')!)).toBe('ab');
    expect(valueBefore32(conf.get('pg_port')!)).toBe('5432');
    // Env values were auto-escaped before stripping, so only the user's own `\#` changed.
    expect(valueBefore32(conf.get('pg_user')!)).toBe('a#b#c');
  });

  it('reads a Helm env: entry (a values-file line Kong gets as a variable) as a variable', () => {
    const helmEntry = { key: 'pg_user', value: 'a\\#b#c', rawValue: 'a\\#b#c', envName: 'KONG_PG_USER', origin: { kind: 'file' as const, file: 'values.yaml', line: 3, column: 3 }, overrides: [] };
    expect(valueBefore32(helmEntry)).toBe('a#b#c');
  });
});
