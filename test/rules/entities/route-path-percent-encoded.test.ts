import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rule from '../../../rules/entities/route-path-percent-encoded';
import { loadDeclarative } from '../../../src/inputs/declarative';
import { loadKongConf } from '../../../src/inputs/kong-conf';
import { messagesOfLastRun, runEntityRules, runOnSources, runRuleOnText, summarize, storedRoute } from '../../support/declarative-harness';

const to34 = { from: '2.8.2', to: '3.4.0' };

describe('entities/route-path-percent-encoded', () => {
  it('valid: a reserved escape in upper case, and dots inside segments', async () => {
    expect(await runRuleOnText(rule, to34, 'routes: [{name: r, paths: [/a%2Fb, /static-v1.2/files, /.well-known/acme, /a..b]}]\n')).toEqual([]);
  });
  it('valid: a 2.x regex without escapes is only the tilde rule\'s', async () => {
    expect(await runRuleOnText(rule, to34, 'routes: [{name: r, paths: ["/a/(b|c)", "~/d/\\\\d+"]}]\n')).toEqual([]);
  });
  // kong/db/schema/typedefs.lua@3.1.0 refuses a prefix path that normalize() changes.
  it('invalid: an unreserved escape is refused from 3.1, a warning on a 3.0 target', async () => {
    expect(await runRuleOnText(rule, to34, 'routes:\n- name: r\n  paths: [/a%41b]\n')).toEqual(['plainEncoded blocker @3']);
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.0.1' }, 'routes:\n- name: r\n  paths: [/a%41b]\n')).toEqual(['plainEncoded warning @3']);
  });
  // kong/tools/uri.lua@3.0.0: every escape but a reserved character's is decoded, and reserved
  // ones are upper-cased; dot segments are removed.
  it('invalid: escapes of other characters, lower-case reserved escapes and dot segments', async () => {
    expect(await runRuleOnText(rule, to34, 'routes:\n- name: r\n  paths:\n  - /my%20docs\n  - /a%2fb\n  - /v1/./users\n  - /caf%C3%A9\n')).toEqual([
      'plainEncoded blocker @4', 'plainEncoded blocker @5', 'plainEncoded blocker @6', 'plainEncoded blocker @7',
    ]);
    const messages = messagesOfLastRun();
    expect(messages[0]).toContain('write `/my docs`');
    expect(messages[1]).toContain('write `/a%2Fb`');
    expect(messages[2]).toContain('write `/v1/users`');
    expect(messages[3]).toContain('write `/café`');
  });
  // migrate_path_280_300.lua@3.0.0: a decoded regex metacharacter is backslash-escaped, or the
  // regex would change meaning (`.` would match any character).
  it('invalid: a regex escape suggests the escaped character, as the migration writes it', async () => {
    expect(await runRuleOnText(rule, to34, 'routes:\n- name: r\n  paths: ["/item%2E(\\\\d+)"]\n')).toEqual(['regexEncoded warning @3']);
    expect(messagesOfLastRun()[0]).toContain('write `~/item\\.(\\d+)`');
  });
});

// decK's 2.x -> 3.x convert only prefixes `~` on routes nested under services, and never
// decodes or normalizes (Kong/deck convert/route_updates.go@4657ee37).
describe('entities/route-path-percent-encoded: what decK would write instead', () => {
  it('a nested regex: decK adds the `~` and keeps the escape', async () => {
    await runRuleOnText(rule, to34, 'services:\n- name: s\n  url: http://h\n  routes:\n  - name: r\n    paths: ["/item%2E(\\\\d+)"]\n');
    expect(messagesOfLastRun()).toEqual([expect.stringContaining('`deck file convert` would write `~/item%2E(\\d+)`: it adds the `~` but keeps the escapes.')]);
  });
  it('a top-level regex: decK leaves the route as written', async () => {
    await runRuleOnText(rule, to34, 'routes:\n- name: r\n  paths: ["/item%2E(\\\\d+)"]\n');
    expect(messagesOfLastRun()).toEqual([expect.stringContaining('it converts only routes nested under services')]);
  });
  it('a plain path: decK does not normalize it, nested or not', async () => {
    await runRuleOnText(rule, to34, 'services:\n- name: s\n  url: http://h\n  routes:\n  - name: r\n    paths: [/my%20docs]\n');
    expect(messagesOfLastRun()).toEqual([expect.stringContaining('it does not normalize paths')]);
  });
});

// kong/db/declarative/migrations/route_path.lua@3.4.0: Kong runs every path of a 1.1/2.1 file it
// loads itself through migrate_path, so routing keeps working; decK and other tools do not.
describe('entities/route-path-percent-encoded on a file Kong loads itself', () => {
  async function runOnKongLoaded(text: string): Promise<{ summary: string[]; messages: string[] }> {
    const dir = mkdtempSync(join(tmpdir(), 'kp-normalize-'));
    writeFileSync(join(dir, 'kong.yml'), text);
    writeFileSync(join(dir, 'kong.conf'), 'database = off\ndeclarative_config = kong.yml\n');
    const { config } = loadDeclarative({ kongConf: loadKongConf(join(dir, 'kong.conf'), {}), cwd: dir });
    const { findings } = await runEntityRules({ ...to34, topology: 'dbless' }, { declarative: config, entities: [config!.entities] }, [rule]);
    return { summary: summarize(findings), messages: findings.map((f) => f.message) };
  }

  it('info only: a 2.1 file gets its paths normalized on load', async () => {
    const { summary, messages } = await runOnKongLoaded('_format_version: "2.1"\nroutes:\n- name: r\n  paths: [/my%20docs, "/item%2E(\\\\d+)"]\n');
    expect(summary).toEqual([
      'entities/route-path-percent-encoded normalizedOnLoad info @4',
      'entities/route-path-percent-encoded normalizedOnLoad info @4',
    ]);
    expect(messages).toEqual([expect.stringContaining('rewritten as `/my docs`'), expect.stringContaining('rewritten as `~/item\\.(\\d+)`')]);
  });
  it('invalid: the same paths in a 3.0 file Kong loads are taken as written', async () => {
    const { summary } = await runOnKongLoaded('_format_version: "3.0"\nroutes:\n- name: r\n  paths: [/my%20docs]\n');
    expect(summary).toEqual(['entities/route-path-percent-encoded plainEncoded blocker @4']);
  });
});

// kong/db/schema/typedefs.lua@3.0.0 checks a prefix path only for valid escapes; @3.1.0 refuses
// one that normalize() changes. 3.0's migration has already run on a 3.0 database, but rows and
// files written afterwards may hold such paths, and no 3.1 migration rewrites them.
describe('entities/route-path-percent-encoded from a 3.0.x source', () => {
  const from30 = { from: '3.0.1', to: '3.4.0' };
  it('invalid: a non-normalized prefix path in a file is refused from 3.1', async () => {
    expect(await runRuleOnText(rule, from30, 'routes:\n- name: r\n  paths: [/a%41b, /ok, /v1/./users]\n')).toEqual(['refusedFrom31 blocker @3', 'refusedFrom31 blocker @3']);
    expect(messagesOfLastRun()[0]).toContain('write `/aAb`');
  });
  it('valid: a `~` regex with escapes is matched as written by 3.0 and 3.1 alike', async () => {
    expect(await runRuleOnText(rule, from30, 'routes: [{name: r, paths: ["~/item%2E(\\\\d+)", /a%2Fb, /static-v1.2]}]\n')).toEqual([]);
  });
  it('valid: 3.0.x to 3.0.x does not cross 3.1', async () => {
    expect(await runRuleOnText(rule, { from: '3.0.0', to: '3.0.2' }, 'routes: [{name: r, paths: [/a%41b]}]\n')).toEqual([]);
  });
  it('valid: from 3.1 the source refuses the path already', async () => {
    expect(await runRuleOnText(rule, { from: '3.1.0', to: '3.4.0' }, 'routes: [{name: r, paths: [/a%41b]}]\n')).toEqual([]);
  });

  it('stored rows: kept by 3.1 (warning) but refused by its data planes (blocker in hybrid)', async () => {
    const traditional = await runOnSources(from30, [storedRoute(['/a%41b', '/ok'])], [rule]);
    expect(summarize(traditional.findings)).toEqual(['entities/route-path-percent-encoded storedRefusedFrom31 warning @db']);
    const hybrid = await runOnSources({ ...from30, topology: 'hybrid' }, [storedRoute(['/a%41b'])], [rule]);
    expect(summarize(hybrid.findings)).toEqual(['entities/route-path-percent-encoded storedRefusedFrom31Hybrid blocker @db']);
  });
});
