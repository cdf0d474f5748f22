import rule from '../../../rules/entities/route-regex-pcre2';
import { pcre2Findings } from '../../../rules/entities/pcre2-regex-utils';
import { messagesOfLastRun, runOnSources, runRuleOnText, summarize, storedRoute } from '../../support/declarative-harness';

// Expectations checked on the libraries (libpcre3 8.39 and libpcre2 10.42 from Debian, compiled
// anchored as Kong's "aj" asks): every `refused` pattern compiles with PCRE 8 and fails with PCRE2.
// The two `differs` cases are the PCRE2 10.43 ChangeLog's items 29 and 30.
describe('pcre2Findings', () => {
  it.each([
    ['/a\\ib', ['unknownEscape:\\i']],
    ['/a\\Fb', ['unknownEscape:\\F']],
    ['/[a\\yb]', ['unknownEscape:\\y']],
    ['/[\\R\\z]', ['classEscape:\\R', 'classEscape:\\z']],
    ['/c/[\\w-.]+', ['rangeAfterClass:\\w-.']],
    ['/[[:alpha:]-z]', ['rangeAfterClass:[:alpha:]-z']],
    ['/[\\d-\\w]', ['rangeAfterClass:\\d-\\w']],
    ['/(a)(b)(c)(d)(e)(f)(g)\\8', ['backrefEightNine:\\8']],
    ['/(?-i-s)a', ['optionHyphens:(?-i-s)']],
    ['/(?iX)a', ['optionX:(?iX)']],
    ['/a(?=b\\K)', ['keepInLookaround:\\K']],
    ['/v{,3}', ['emptyMinimum:{,3}']],
    ['/v{1, 3}', ['spacedQuantifier:{1, 3}']],
  ])('%s -> %j', (pattern, expected) => {
    expect(pcre2Findings(pattern).map((f) => `${f.id}:${f.text}`)).toEqual(expected);
  });

  it.each([
    '/v1/users/\\d+$', '/[\\w.-]+/x', '/[-\\w]', '/[\\w-]', '/[\\w\\-.]', '/\\[\\w-.\\]', '/a\\\\i', '/\\Qa\\i[\\w-.]\\E',
    '/a\\{,3}', '/[{,3}]', '/x\\{1, 3}', '/a{1,3}', '/(?i)abc', '/(?<name>[^/]+)\\.(?<ext>\\w{1,4})$', '/a(?#\\i)b',
    '/(?:a\\K)', '/[\\8\\9]', '/(a)(b)(c)(d)(e)(f)(g)(h)\\8', '/\\x{41}', '/\\cK',
  ])('%s -> read the same', (pattern) => {
    expect(pcre2Findings(pattern)).toEqual([]);
  });
});

const to37 = { from: '3.6.1', to: '3.7.0' };

describe('entities/route-regex-pcre2 on files', () => {
  it('invalid: a regex path PCRE2 refuses does not load from 3.7, under any flavor', async () => {
    const text = 'routes:\n- name: r\n  paths:\n  - "~/a\\\\i/\\\\d+$"\n  - "~/c/[\\\\w-.]+"\n';
    expect(await runRuleOnText(rule, to37, text)).toEqual(['refused blocker @4', 'refused blocker @5']);
    expect(messagesOfLastRun()[0]).toContain('regex path `/a\\i/\\d+$` holds `\\i`, an unknown letter escape');
    expect(await runRuleOnText(rule, to37, text, { conf: 'router_flavor = traditional\n' })).toEqual(['refused blocker @4', 'refused blocker @5']);
  });
  it('valid: the same regexes written the portable way, and plain paths', async () => {
    const text = 'routes: [{name: r, paths: ["~/ai/\\\\d+$", "~/c/[\\\\w.-]+", "/a\\\\i", "~/d/\\\\{,3}"]}]\n';
    expect(await runRuleOnText(rule, to37, text, { conf: 'router_flavor = traditional\n' })).toEqual([]);
  });
  it('valid: a path that does not cross 3.7', async () => {
    expect(await runRuleOnText(rule, { from: '3.4.0', to: '3.6.1' }, 'routes: [{name: r, paths: ["~/a\\\\i"]}]\n')).toEqual([]);
  });
  it('differs: {,n} matters where PCRE matches (traditional), not under atc flavors', async () => {
    const text = 'routes:\n- name: r\n  paths: ["~/v{,3}/x"]\n';
    expect(await runRuleOnText(rule, to37, text, { conf: 'router_flavor = traditional\n' })).toEqual(['differs warning @3']);
    expect(await runRuleOnText(rule, to37, text)).toEqual([]);
  });
  it('headers: read by PCRE under traditional only, never validated, so the value stops matching', async () => {
    const text = 'routes:\n- name: r\n  paths: ["/x"]\n  headers:\n    x-version: ["~*v\\\\i1"]\n';
    expect(await runRuleOnText(rule, to37, text, { conf: 'router_flavor = traditional\n' })).toEqual(['neverMatches blocker @5']);
    expect(await runRuleOnText(rule, to37, text)).toEqual([]);
  });
  it('plugins: cors origins and bot-detection deny are compiled by their schema', async () => {
    const text = 'plugins:\n- name: cors\n  config:\n    origins: ["*", "https://.*\\\\.example\\\\.com", "https://[\\\\w-.]+\\\\.test"]\n'
      + '- name: bot-detection\n  config:\n    deny: ["curl{,2}", "bot"]\n';
    expect(await runRuleOnText(rule, to37, text)).toEqual(['differs warning @7', 'refused blocker @4']);
  });
  it('2.x files: regex paths without `~` get one on load and are judged too', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.7.0' }, 'routes:\n- name: r\n  paths: ["/a\\\\i/[0-9]+"]\n')).toEqual(['refused blocker @3']);
    // A 3.0-format file already says which paths are regexes: one without `~` is a literal prefix.
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.7.0' }, '_format_version: "3.0"\nroutes:\n- name: r\n  paths: ["/a\\\\i/[0-9]+"]\n')).toEqual([]);
  });
});

describe('entities/route-regex-pcre2 on stored rows', () => {
  it('atc flavor keeps matching with Rust (warning); hybrid data planes refuse the configuration (blocker)', async () => {
    const stored = await runOnSources(to37, [storedRoute(['~/a\\i', '~/ok/\\d+'])], [rule]);
    expect(summarize(stored.findings)).toEqual(['entities/route-regex-pcre2 storedRefused warning @db']);
    const hybrid = await runOnSources({ ...to37, topology: 'hybrid' }, [storedRoute(['~/a\\i'])], [rule]);
    expect(summarize(hybrid.findings)).toEqual(['entities/route-regex-pcre2 storedRefusedHybrid blocker @db']);
  });
});
