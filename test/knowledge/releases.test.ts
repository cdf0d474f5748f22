// Release facts: which versions exist, how partial versions become concrete releases, LTS lines
// and dates. Expectations pin facts of closed lines (2.8, 3.4 history) and check structure for the
// rest, so regenerating the data for new releases does not break them.

import { InputError } from '../../src/errors';
import {
  checkEditionRelease, isLts, isReleased, latestPatchOf, listMinors, ltsChain, minorInfo, nearestKnown, newestRelease,
  newestWithin, nextLts, nextMinor, oldestWithin, releaseForEdition, releaseSources, releasesInTextForEdition, resolveGivenVersion, resolveVersion,
} from '../../src/knowledge/releases';
import { KongVersion } from '../../src/version/kong-version';

describe('resolveVersion accepts released versions at any precision', () => {
  test.each([
    ['3', 'major'],
    ['3.4', 'minor'],
    ['3.4.x', 'minor'],
    ['3.4.2', 'patch'], // OSS tag
    ['3.4.3', 'patch'], // Enterprise 3.4.3.x only
    ['3.10.0', 'patch'], // Enterprise only: OSS stops at 3.9
    ['3.4.3.29', 'enterprise'],
    ['3.1.1.3', 'enterprise'],
    ['2.8.2.4', 'enterprise'],
    ['2.8.5', 'patch'],
    ['3.1.1.1', 'enterprise'], // named by the hybrid special case, absent from the changelog
    ['2.7.1.2', 'enterprise'], // 2.7 Enterprise patches are not listed: accepted unchecked
    ['1.5', 'minor'],
    ['1.4.2', 'patch'],
    ['0.36', 'minor'],
    ['0.14.1', 'patch'],
    ['0.11.0.1', 'enterprise'], // an old four-part OSS tag
  ])('%s', (text, precision) => {
    const v = resolveVersion(text, '--from');
    expect(v.precision).toBe(precision);
    expect(isReleased(v)).toBe(true);
  });
});

describe('resolveVersion refuses versions Kong never released', () => {
  test.each([
    ['3.99', ['3.15']],
    ['2.9', ['2.8', '3.0']],
    ['3.4.99', ['3.4.3', 'newest 3.4: 3.4.3.29']],
    ['3.4.3.30', ['3.4.3.29']],
    ['3.2.0.0', ['3.2.1.0']], // Enterprise 3.2 starts at 3.2.1.0
    ['3.9.3.0', ['3.9.1.2']], // OSS 3.9.3 exists, Enterprise 3.9.3.0 does not
    ['3.4.4', ['3.4.2', '3.4.3']],
    ['4', []],
    ['1.6', ['1.5']],
  ])('%s (nearest %j)', (text, nearest) => {
    let error: unknown;
    try {
      resolveVersion(text, '--to');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).toContain(`--to "${text}"`);
    expect(message.split('\n')).toHaveLength(1);
    for (const n of nearest) expect(message).toContain(n);
  });

  test('text that is no version at all', () => {
    expect(() => resolveVersion('latest', '--to')).toThrow('--to "latest" is not a Kong version');
  });

  test('nearestKnown lists neighbours on both sides at the written precision', () => {
    expect(nearestKnown(KongVersion.parse('2.9'))).toEqual(['2.7', '2.8', '3.0', '3.1']);
    expect(nearestKnown(KongVersion.parse('3.1.1.0'))).toEqual(['3.1.0.0', '3.1.1.2', '3.1.1.3']);
    expect(nearestKnown(KongVersion.parse('3.4.9'))).toEqual(['3.4.2', '3.4.3']);
  });
});

describe('resolveGivenVersion: a version the operator typed', () => {
  test('a bare major is refused, naming the minors of that major', () => {
    expect(() => resolveGivenVersion('3', '--to')).toThrow(/^--to "3" names a major version only: name the minor \(for example --to 3\.\d+; Kong 3\.x runs from 3\.0 to 3\.\d+\)$/);
    expect(() => resolveGivenVersion('2.x', '--from')).toThrow('Kong 2.x runs from 2.0 to 2.8');
  });

  test('an unreleased major keeps the usual error; other precisions resolve as resolveVersion does', () => {
    expect(() => resolveGivenVersion('4', '--to')).toThrow('--to "4" is not a released Kong Gateway version');
    expect(resolveGivenVersion('3.4', '--to').toString()).toBe('3.4.x');
    expect(resolveGivenVersion('3.1.1.3', '--from').toString()).toBe('3.1.1.3');
  });
});

describe('concrete versions for planning', () => {
  const v = (t: string) => KongVersion.parse(t);

  test('a target stands for its newest release, a source for its oldest', () => {
    expect(newestWithin(v('2.8')).toString()).toBe('2.8.4.14');
    expect(oldestWithin(v('2.8')).toString()).toBe('2.8.0.0');
    expect(newestWithin(v('2.8.2')).toString()).toBe('2.8.2.4');
    expect(oldestWithin(v('2.8.2')).toString()).toBe('2.8.2.0');
    expect(oldestWithin(v('3.4.3')).toString()).toBe('3.4.3.1'); // there is no 3.4.3.0
    expect(newestWithin(v('3.1.1.3')).toString()).toBe('3.1.1.3');
  });

  test('OSS numbering where the edition is OSS and the minor has OSS tags', () => {
    expect(newestWithin(v('3.4'), 'oss').toString()).toBe('3.4.2');
    expect(oldestWithin(v('2.8'), 'oss').toString()).toBe('2.8.0');
    // 3.10 has no OSS tag: Enterprise numbering is all there is.
    expect(newestWithin(v('3.10'), 'oss').isEnterpriseNumbered).toBe(true);
    // 2.1 lists no Enterprise patches: OSS tags stand in.
    expect(newestWithin(v('2.1')).toString()).toBe('2.1.4');
  });

  test('latestPatchOf is the newest patch of a minor and refuses unknown minors', () => {
    expect(latestPatchOf('2.8').toString()).toBe('2.8.4.14');
    expect(latestPatchOf('2.8', 'oss').toString()).toBe('2.8.5');
    for (const m of listMinors().filter((x) => x.enterprise.patches.length)) {
      const latest = latestPatchOf(m.minor);
      for (const p of m.enterprise.patches) expect(KongVersion.parse(p.version).lte(latest)).toBe(true);
    }
    expect(() => latestPatchOf('3.99')).toThrow(InputError);
  });

  test('newestRelease is at or above every release listed', () => {
    const newest = newestRelease();
    const newestOss = newestRelease('oss');
    for (const m of listMinors()) {
      for (const p of m.enterprise.patches) expect(KongVersion.parse(p.version).lte(newest)).toBe(true);
      for (const t of m.oss) expect(KongVersion.parse(t.version).lte(newestOss)).toBe(true);
    }
    expect(newest.isEnterpriseNumbered).toBe(true);
  });
});

describe('minors, LTS lines and dates', () => {
  test('minors are listed oldest first, legacy ones flagged', () => {
    const minors = listMinors();
    for (let i = 1; i < minors.length; i++) {
      expect(KongVersion.parse(minors[i - 1].minor).lt(KongVersion.parse(minors[i].minor))).toBe(true);
    }
    expect(minors.filter((m) => m.legacy).every((m) => KongVersion.parse(m.minor).major < 2)).toBe(true);
    expect(minors.filter((m) => !m.legacy).every((m) => KongVersion.parse(m.minor).major >= 2)).toBe(true);
  });

  test('LTS chain and flags agree', () => {
    expect(ltsChain()).toEqual(['2.8', '3.4', '3.10', '3.14']);
    for (const m of listMinors()) expect(isLts(m.minor)).toBe(ltsChain().includes(m.minor));
    expect(isLts('3.4.3.29')).toBe(true);
    expect(isLts('3.5')).toBe(false);
    expect(isLts('9.9')).toBe(false);
    expect(nextLts('2.8')).toBe('3.4');
    expect(nextLts('3.4')).toBe('3.10');
    expect(nextLts('3.5')).toBeUndefined();
  });

  test('next minor crosses majors and double digits', () => {
    expect(nextMinor('2.8')).toBe('3.0');
    expect(nextMinor('3.9')).toBe('3.10');
    expect(nextMinor(latestPatchOf('3.4'))).toBe('3.5');
  });

  test('release and end-of-support dates', () => {
    const lts34 = minorInfo('3.4')!;
    expect(lts34.releaseDate).toBe('2023-08-09');
    expect(lts34.endOfFullSupport).toBe('2026-08-31');
    expect(lts34.endOfSunsetSupport).toBe('2027-08-31');
    for (const m of listMinors().filter((x) => x.releaseDate && x.endOfFullSupport)) {
      expect(m.endOfFullSupport! > m.releaseDate!).toBe(true);
    }
    expect(minorInfo('3.99')).toBeUndefined();
  });

  test('facts name their sources', () => {
    const sources = releaseSources();
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) expect(s.ref).toMatch(/\S/);
    expect(sources.some((s) => s.ref.startsWith('Kong/developer.konghq.com:app/_data/support/gateway.yml'))).toBe(true);
  });
});

describe('releases named as the report\'s edition numbers them', () => {
  test.each([
    ['3.4.1.0', '3.4.1'], // OSS tag 3.4.1 ships what Enterprise 3.4.1.0 does
    ['3.2.0.0', '3.2.0'], // OSS 3.2.0 exists though Enterprise started 3.2 at 3.2.1.0
    ['2.8.4.8', 'Enterprise 2.8.4.8'], // OSS 2.8.4 exists, but a patch past .0 is Enterprise's own
    ['3.4.3.5', 'Enterprise 3.4.3.5'], // OSS stops at 3.4.2: no 3.4.3 tag at all
    ['3.10.0.0', 'Enterprise 3.10.0.0'], // OSS has no 3.10 line
    ['0.11.0.2', '0.11.0.2'], // an old four-part OSS tag is already an OSS name
    ['3.6.0', '3.6.0'], // three parts: already an OSS name
    ['3.4.x', '3.4.x'],
    ['127.0.0.1', '127.0.0.1'], // not a Kong release
  ])('OSS: %s -> %s', (version, shown) => {
    expect(releaseForEdition(version, 'oss')).toBe(shown);
  });

  test('Enterprise reports keep four-part numbers', () => {
    for (const version of ['3.4.1.0', '3.4.3.5', '3.2.0.0']) expect(releaseForEdition(version, 'enterprise')).toBe(version);
  });
  // A fact read from Kong's open-source tree names 3.6.0; an Enterprise report says 3.6.0.0,
  // the release that ships it, so one report does not mix the two numberings. Enterprise never
  // numbered a 3.2.0.0 (its 3.2 line starts at 3.2.1.0), so 3.2.0 keeps its name.
  test.each([
    ['3.6.0', '3.6.0.0'],
    ['2.8.4', '2.8.4.0'],
    ['3.2.0', '3.2.0'],
    ['3.4.x', '3.4.x'],
    ['127.0.0.1', '127.0.0.1'],
  ])('Enterprise: %s -> %s', (version, shown) => {
    expect(releaseForEdition(version, 'enterprise')).toBe(shown);
  });

  test('versions inside a text, leaving other dotted numbers and named editions alone', () => {
    expect(releasesInTextForEdition('3.4.1.0 (to `1000`) and 3.6.0.0 (to `10000`)', 'oss')).toBe('3.4.1 (to `1000`) and 3.6.0 (to `10000`)');
    expect(releasesInTextForEdition(' and Kong 3.4.0.0 no longer knows', 'oss')).toBe(' and Kong 3.4.0 no longer knows');
    expect(releasesInTextForEdition('127.0.0.1:8007, OpenResty 1.21.4.1, Enterprise 3.5.0.4', 'oss')).toBe('127.0.0.1:8007, OpenResty 1.21.4.1, Enterprise 3.5.0.4');
    expect(releasesInTextForEdition('3.4.1.0', 'enterprise')).toBe('3.4.1.0');
    expect(releasesInTextForEdition('in 3.0.0. and 3.4.1 (to `1000`), 3.6.0.0, OSS 3.9.3, 127.0.0.1', 'enterprise'))
      .toBe('in 3.0.0.0. and 3.4.1.0 (to `1000`), 3.6.0.0, OSS 3.9.3, 127.0.0.1');
  });
});

// Kong Enterprise's 3.9 line is 3.9.0.x and 3.9.1.x; OSS went on to 3.9.2 and 3.9.3. An Enterprise
// plan "to 3.9.3" used to run to the OSS release and head the report `3.9.0.0 -> 3.9.3`.
describe('an open-source-only release in an Enterprise plan', () => {
  const check = (text: string, edition: 'enterprise' | 'oss' = 'enterprise', reason?: string) =>
    () => checkEditionRelease(KongVersion.parse(text), edition, '--to', reason);

  test.each(['3.9.3', '3.9.2', '2.8.3', '2.8.5', '3.2.0'])('%s is refused, naming the Enterprise releases of its minor', (text) => {
    expect(check(text)).toThrow(InputError);
    expect(check(text)).toThrow(`--to "${text}" is an open-source Kong release that Kong Enterprise never shipped`);
  });

  test('the Enterprise releases are listed grouped by their three-part base', () => {
    expect(check('3.9.3')).toThrow('Kong Enterprise 3.9 releases: 3.9.0.0 to 3.9.0.1, 3.9.1.0 to 3.9.1.2.');
    expect(check('3.9.3', 'enterprise', 'inferred: KONG_LICENSE_DATA is set')).toThrow(/--edition oss .*\(edition inferred: KONG_LICENSE_DATA is set\)$/);
  });

  test.each([
    ['3.9.1', 'enterprise'], // Enterprise 3.9.1.x exists
    ['3.4.3', 'enterprise'], // Enterprise-only patch line
    ['3.0.2', 'enterprise'], // old docs name 3.0.2.0 as an Enterprise release
    ['2.7.2', 'enterprise'], // 2.7 Enterprise patches are not listed: not checkable
    ['3.9', 'enterprise'],
    ['3.9.1.2', 'enterprise'],
    ['3.9.3', 'oss'],
  ])('%s passes on %s', (text, edition) => {
    expect(check(text, edition as 'enterprise' | 'oss')).not.toThrow();
  });
});
