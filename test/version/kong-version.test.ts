// The version type: every form users and facts write, comparison across OSS and Enterprise
// numbering, ranges. Whether a version was released is tested in test/knowledge/releases.test.ts.

import { InputError } from '../../src/errors';
import { KongVersion, sortVersions } from '../../src/version/kong-version';

describe('KongVersion.parse', () => {
  test.each([
    ['3', [3, 0, 0, 0], 'major', '3.x'],
    ['3.x', [3, 0, 0, 0], 'major', '3.x'],
    ['3.4', [3, 4, 0, 0], 'minor', '3.4.x'],
    ['3.4.x', [3, 4, 0, 0], 'minor', '3.4.x'],
    ['3.4.*', [3, 4, 0, 0], 'minor', '3.4.x'],
    ['3.4.2', [3, 4, 2, 0], 'patch', '3.4.2'],
    ['3.4.2.x', [3, 4, 2, 0], 'patch', '3.4.2'],
    ['3.1.1.3', [3, 1, 1, 3], 'enterprise', '3.1.1.3'],
    ['2.8.2.4', [2, 8, 2, 4], 'enterprise', '2.8.2.4'],
    ['3.10.0.17', [3, 10, 0, 17], 'enterprise', '3.10.0.17'],
    ['v3.4.2', [3, 4, 2, 0], 'patch', '3.4.2'],
    [' 1.5 ', [1, 5, 0, 0], 'minor', '1.5.x'],
    ['0.36', [0, 36, 0, 0], 'minor', '0.36.x'],
  ])('%s', (text, parts, precision, canonical) => {
    const v = KongVersion.parse(text);
    expect(v.parts).toEqual(parts);
    expect(v.precision).toBe(precision);
    expect(v.toString()).toBe(canonical);
    expect(KongVersion.parse(v.toString()).compare(v)).toBe(0);
  });

  test.each(['', 'abc', '3.x.2', '3..4', '3.4.5.6.7', 'x', '3.4-beta', '-3'])('refuses %j with the value in the message', (text) => {
    expect(KongVersion.tryParse(text)).toBeUndefined();
    expect(() => KongVersion.parse(text, '--to')).toThrow(InputError);
    expect(() => KongVersion.parse(text, '--to')).toThrow(`--to "${text}"`);
  });
});

describe('comparison', () => {
  const v = (t: string) => KongVersion.parse(t);

  test.each([
    ['2.8.4.14', '3.0.0.0', -1],
    ['3.9.3', '3.10.0.0', -1], // numeric, not lexical
    ['3.4.2', '3.4.2.0', 0], // OSS 3.4.2 sits where Enterprise 3.4.2.0 does
    ['3.4.3.29', '3.4.3.3', 1],
    ['3.4', '3.4.0.0', 0],
    ['1.5.1', '0.36', 1],
  ])('%s vs %s', (a, b, sign) => {
    expect(v(a).compare(v(b))).toBe(sign);
    expect(v(b).compare(v(a))).toBe(sign === 0 ? 0 : -sign);
  });

  test('lt, lte, gt, gte, equals', () => {
    expect(v('3.1.1.2').lt(v('3.1.1.3'))).toBe(true);
    expect(v('3.1.1.3').lte(v('3.1.1.3'))).toBe(true);
    expect(v('3.2').gt(v('3.1.1.6'))).toBe(true);
    expect(v('3.2').gte(v('3.2.0.0'))).toBe(true);
    expect(v('3.4').equals(v('3.4.x'))).toBe(true);
    expect(v('3.4').equals(v('3.4.0.0'))).toBe(false); // same number, different precision
  });

  test('sortVersions sorts numerically without touching its input', () => {
    const input = ['3.10.0.1', '3.4.3.29', '2.8.4.14', '3.4.3.3', '3.9.3'].map(v);
    const sorted = sortVersions(input);
    expect(sorted.map(String)).toEqual(['2.8.4.14', '3.4.3.3', '3.4.3.29', '3.9.3', '3.10.0.1']);
    expect(input[0].toString()).toBe('3.10.0.1');
  });
});

describe('ranges', () => {
  const v = (t: string) => KongVersion.parse(t);

  test('contains follows the written precision', () => {
    expect(v('3.4.x').contains(v('3.4.3.29'))).toBe(true);
    expect(v('3.4.x').contains(v('3.5.0.0'))).toBe(false);
    expect(v('3').contains(v('3.15.0.4'))).toBe(true);
    expect(v('3.4.3').contains(v('3.4.3.7'))).toBe(true);
    expect(v('3.4.3').contains(v('3.4.2.0'))).toBe(false);
    expect(v('3.1.1.3').contains(v('3.1.1.4'))).toBe(false);
  });

  test('truncate cuts to a coarser precision', () => {
    expect(v('3.1.1.3').truncate('minor').toString()).toBe('3.1.x');
    expect(v('3.1.1.3').truncate('patch').toString()).toBe('3.1.1');
    expect(v('3.1.1.3').minorKey).toBe('3.1');
  });

  test('semver ranges', () => {
    expect(v('3.4').toSemverRange()).toBe('>=3.4.0 <3.5.0');
    expect(v('3').toSemverRange()).toBe('>=3.0.0 <4.0.0');
    expect(v('3.4.2').toSemverRange()).toBe('3.4.2');
  });

  test('of builds a four-part version', () => {
    const built = KongVersion.of(3, 1, 1, 3);
    expect(built.toString()).toBe('3.1.1.3');
    expect(built.isEnterpriseNumbered).toBe(true);
    expect(KongVersion.parse('3.4.2').isEnterpriseNumbered).toBe(false);
  });
});
