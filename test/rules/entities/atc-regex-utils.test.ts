// The expectations below were checked against regex-syntax 0.6.28, 0.7.3 and 0.8.5 (the crates
// Kong 3.2-3.3, 3.4-3.5 and 3.9 build their atc router with) and PCRE 8.x, on `^` + the path.
import { atcRefusals } from '../../../rules/entities/atc-regex-utils';

const names = (pattern: string, header = false) => atcRefusals(pattern, header).map((refusal) => refusal.name);
const since = (pattern: string, header = false) => atcRefusals(pattern, header).map((refusal) => refusal.acceptedFrom ?? 'never');

describe('atcRefusals', () => {
  it.each([
    ['/a\\Z', '`\\Z`'], ['/a\\G', '`\\G`'], ['/a\\h', '`\\h`'], ['/a\\R', '`\\R`'], ['/a\\X', '`\\X`'],
    ['/a\\C', '`\\C`'], ['/a\\N', '`\\N`'], ['/a\\e', '`\\e`'], ['/a\\cA', '`\\c`'], ['/a\\0', 'octal'],
    ['/a\\o{12}', '`\\o{...}`'], ['/a\\Qx.y\\E', '`\\Q...\\E`'], ['/a\\K', '`\\K`'], ['/a\\i', '`\\i` (a plain `i`'],
    ['/a\\x4/', 'fewer than two hex'], ['/a\\p{L&}', 'PCRE-only property'], ['/a[\\b]', 'backspace'], ['/a[\\012]', 'octal'],
    ['/a[\\w-.]+', 'range `\\w-.`'], ['/users/{id}', '`{id}`'], ['/a{,3}', '`{,3}`'], ['/a[x[]', 'nested class'],
    ['/a(?#note)', 'comment'], ["/a(?'n'b)", "(?'name'"], ['/a(?|b|c)', 'branch reset'], ['/(a)(?(1)b|c)', 'conditional'],
    ['/(a)(?1)', 'subroutine'], ['/a(*SKIP)(*F)', 'verb'], ['/a(?J)', '(?J)'], ['/a(?ii)', 'repeated flag'], ['/a(?)', 'empty group'],
    ['/(?=a)', 'look-ahead'], ['/a(?<!b)', 'look-behind'], ['/a(?>b)', 'atomic'], ['/(a)\\1', 'backreference'],
  ])('%s: refused by every 3.x (%s)', (pattern, name) => {
    expect(names(pattern)).toHaveLength(1);
    expect(names(pattern)[0]).toContain(name);
    expect(since(pattern)).toEqual(['never']);
  });

  it.each([
    // Escaped backslashes and braces, classes, POSIX classes, Rust's own spellings, repetitions.
    '/a\\\\Z', '/a\\\\\\\\K', '/users/\\{id\\}', '/users/[{]id[}]', '/a[\\\\Z]', '/a[]x]', '/a[^]x]', '/a[[:alpha:]_-]+',
    '/a[x[y]]', '/a{2}', '/a{1,3}', '/a{2,}', '/a{ 2 }', '/a\\x2F', '/a\\x{2F}', '/a\\p{L}+', '/a[\\w.-]+', '/a[\\w-]',
    '/a(?i)b', '/a(?i-s:b)', '/a(?:b)', '/(?P<id>\\d+)', '/(?<id>\\d+)', '/a\\z', '/a\\.b\\-c', '/a\\d++$', '/a{2}{3}',
  ])('%s: accepted by every 3.x', (pattern) => {
    expect(atcRefusals(pattern)).toEqual([]);
  });

  it('needless escapes: refused by regex-syntax 0.6 (to 3.3); `\\<` `\\>` until 0.8 (3.6); never inside a class', () => {
    expect(since('/a\\/b')).toEqual(['3.4.0']);
    expect(since('/a[^\\/]+\\@')).toEqual(['3.4.0', '3.4.0']);
    expect(since('/a\\<b')).toEqual(['3.6.0']);
    expect(since('/a[\\<]')).toEqual(['never']);
    expect(since('/a\\b{start}x')).toEqual(['3.6.0']);
    expect(since('/a(?R)')).toEqual(['3.4.0']);
  });

  it('header values: lowercased as Kong does, `(?<name>` not rewritten', () => {
    expect(atcRefusals('\\Zv2', true)).toEqual([]); // Rust sees \z
    expect(since('(?<v>\\d+)', true)).toEqual(['3.4.0']);
    expect(since('(?<v>\\d+)')).toEqual([]);
  });
});
