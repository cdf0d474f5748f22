import rule from '../../../rules/entities/route-regex-unsupported-syntax';
import { messagesOfLastRun, runOnSources, runRuleOnText, summarize, storedRoute } from '../../support/declarative-harness';

describe('entities/route-regex-unsupported-syntax', () => {
  it('valid: plain regex', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'routes: [{name: r, paths: ["~/a/[0-9]+$"]}]\n')).toEqual([]);
  });
  it('valid: router_flavor traditional keeps PCRE', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'routes: [{name: r, paths: ["~/a(?=b)"]}]\n', { conf: 'router_flavor = traditional\n' })).toEqual([]);
  });
  it('invalid: look-ahead under the default flavor', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'routes:\n- name: r\n  paths: ["~/a(?=b)"]\n')).toEqual(['unsupported blocker @3']);
  });
});

// kong/db/schema/typedefs.lua@3.0.0 (and every 3.x): a `~` path must compile with PCRE, under any
// router_flavor; 2.8.5 did the same for the paths it read as regexes.
describe('entities/route-regex-unsupported-syntax: regexes that do not compile', () => {
  const to34 = { from: '2.8.2', to: '3.4.0' };
  it('invalid: an unterminated group or class, a reversed range, even under the traditional flavor', async () => {
    const text = 'routes:\n- name: r\n  paths:\n  - "~/a(b"\n  - "~/a[b"\n  - "/v1/[z-a]"\n';
    expect(await runRuleOnText(rule, to34, text, { conf: 'router_flavor = traditional\n' })).toEqual(['invalid blocker @4', 'invalid blocker @5', 'invalid blocker @6']);
    expect(messagesOfLastRun()[0]).toContain('regex `/a(b` does not compile (unterminated group)');
  });
  it('valid: syntax only PCRE knows is not judged by a JavaScript compile', async () => {
    const text = 'routes: [{name: r, paths: ["~/a/(?i)docs", "~/b/(?P<id>\\\\d+)", "~/c/\\\\Q(\\\\E", "~/d/(?<id>\\\\d+)$"]}]\n';
    expect(await runRuleOnText(rule, to34, text, { conf: 'router_flavor = traditional\n' })).toEqual([]);
  });
  it('valid: plain paths are never compiled, whatever they hold', async () => {
    expect(await runRuleOnText(rule, { from: '3.0.1', to: '3.4.0' }, 'routes: [{name: r, paths: ["/a(b"]}]\n')).toEqual([]);
  });
});

// kong/db/schema/entities/routes.lua@3.2.0: under traditional_compatible the schema adds the route
// to an atc router (Rust regex) and refuses it when that fails; before, kong/router/atc.lua@3.1.1
// logged the error and left the route out.
describe('entities/route-regex-unsupported-syntax from a 3.0.x/3.1.x source', () => {
  it('invalid: a file with look-ahead is refused from 3.2', async () => {
    expect(await runRuleOnText(rule, { from: '3.1.1', to: '3.4.0' }, 'routes:\n- name: r\n  paths: ["~/a(?=b)"]\n')).toEqual(['unsupportedFrom3x blocker @3']);
    expect(messagesOfLastRun()[0]).toContain('from 3.2.0 the routes schema refuses it');
  });
  it('valid: 3.0 to 3.1 does not reach the schema check; traditional never has it', async () => {
    expect(await runRuleOnText(rule, { from: '3.0.1', to: '3.1.1' }, 'routes: [{name: r, paths: ["~/a(?=b)"]}]\n')).toEqual([]);
    expect(await runRuleOnText(rule, { from: '3.1.1', to: '3.4.0' }, 'routes: [{name: r, paths: ["~/a(?=b)"]}]\n', { conf: 'router_flavor = traditional\n' })).toEqual([]);
  });
  it('valid: expressions validates paths from 3.4 only', async () => {
    expect(await runRuleOnText(rule, { from: '3.1.1', to: '3.3.0' }, 'routes: [{name: r, paths: ["~/a(?=b)"]}]\n', { conf: 'router_flavor = expressions\n' })).toEqual([]);
    expect(await runRuleOnText(rule, { from: '3.1.1', to: '3.4.0' }, 'routes: [{name: r, paths: ["~/a(?=b)"]}]\n', { conf: 'router_flavor = expressions\n' })).toEqual(['unsupportedFrom3x blocker @1']);
  });

  it('stored rows: writes refused (warning), data planes refuse the configuration (hybrid blocker)', async () => {
    const traditional = await runOnSources({ from: '3.0.1', to: '3.4.0' }, [storedRoute(['~/a(?=b)', '~/ok/\\d+'])], [rule]);
    expect(summarize(traditional.findings)).toEqual(['entities/route-regex-unsupported-syntax storedUnsupported warning @db']);
    const hybrid = await runOnSources({ from: '3.0.1', to: '3.4.0', topology: 'hybrid' }, [storedRoute(['~/a(?=b)'])], [rule]);
    expect(summarize(hybrid.findings)).toEqual(['entities/route-regex-unsupported-syntax storedUnsupportedHybrid blocker @db']);
  });
});

// Kong/atc-router Cargo.lock at the ATC_ROUTER Kong pins (.requirements): regex-syntax 0.6.28
// to 3.3, 0.7.3 for 3.4-3.5, 0.8.x from 3.6. atc-router's parser.rs: Regex::new, default options.
describe('entities/route-regex-unsupported-syntax: PCRE syntax Rust regex refuses', () => {
  it('invalid: \\Z, an OpenAPI-style {id}, \\e, a [\\w-.] range from 2.8', async () => {
    const text = 'routes:\n- name: r\n  paths:\n  - "~/a\\\\Z"\n  - "/users/{id}/x"\n  - "~/b\\\\e"\n  - "~/c/[\\\\w-.]+"\n';
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.9.0' }, text)).toEqual(['unsupported blocker @4', 'unsupported blocker @5', 'unsupported blocker @6', 'unsupported blocker @7']);
    expect(messagesOfLastRun()[1]).toContain('uses `{id}`, a `{` PCRE reads literally');
  });
  it('valid: the same text escaped or in Rust spelling', async () => {
    const text = 'routes: [{name: r, paths: ["~/a\\\\\\\\Z", "~/users/\\\\{id\\\\}/x", "~/b\\\\x1B", "~/c/[\\\\w.-]+", "~/d/[{]x", "~/e/\\\\d++$"]}]\n';
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.9.0' }, text)).toEqual([]);
  });
  it('an escaped `/`: refused by a 3.3 target, accepted by 3.4', async () => {
    const text = 'routes:\n- name: r\n  paths: ["~/a/[^\\\\/]+"]\n';
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.3.0' }, text)).toEqual(['unsupported blocker @3']);
    expect(messagesOfLastRun()[0]).toContain('the escape `\\/` (accepted from 3.4.0)');
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, text)).toEqual([]);
    expect(await runRuleOnText(rule, { from: '3.1.1', to: '3.3.0' }, text)).toEqual(['unsupportedFrom3x blocker @3']);
    expect(await runRuleOnText(rule, { from: '3.1.1', to: '3.4.0' }, text)).toEqual([]);
  });
  it('header regexes: lowercased first, so \\Z passes; (?<name> refused before 3.4', async () => {
    const text = 'routes:\n- name: r\n  headers:\n    x-v: ["~*v\\\\Z", "~*(?<n>\\\\d)"]\n';
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.3.0' }, text)).toEqual(['unsupported blocker @4']);
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, text)).toEqual([]);
  });
});
