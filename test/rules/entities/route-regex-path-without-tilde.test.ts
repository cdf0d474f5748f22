import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rule from '../../../rules/entities/route-regex-path-without-tilde';
import { loadDeclarative } from '../../../src/inputs/declarative';
import { loadKongConf } from '../../../src/inputs/kong-conf';
import { messagesOfLastRun, runEntityRules, runRuleOnText, summarize } from '../../support/declarative-harness';

/**
 * Runs the rule on a file that kong.conf names as declarative_config: with database = off Kong
 * itself loads it; with no database set (Kong's default, postgres) it does not.
 */
async function runOnKongLoaded(text: string, conf = 'database = off\ndeclarative_config = kong.yml\n'): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kp-tilde-'));
  writeFileSync(join(dir, 'kong.yml'), text);
  writeFileSync(join(dir, 'kong.conf'), conf);
  const { config } = loadDeclarative({ kongConf: loadKongConf(join(dir, 'kong.conf'), {}), cwd: dir });
  const { findings } = await runEntityRules({ from: '2.8.2', to: '3.4.0', topology: 'dbless' }, { declarative: config, entities: [config!.entities] }, [rule]);
  return summarize(findings);
}

describe('entities/route-regex-path-without-tilde', () => {
  it('valid: regex already prefixed', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'routes: [{name: r, paths: ["~/a/\\\\d+", /plain-path_1.2~]}]\n')).toEqual([]);
  });
  it('valid: path does not cross 3.0', async () => {
    expect(await runRuleOnText(rule, { from: '3.1.0', to: '3.4.0' }, 'routes: [{name: r, paths: ["/a/\\\\d+"]}]\n')).toEqual([]);
  });
  it('invalid: regex without ~', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'routes:\n- name: r\n  paths: ["/a/(b|c)"]\n')).toEqual(['regexWithoutTilde warning @3']);
  });
  // kong/db/declarative/migrations/route_path.lua: Kong prefixes 2.x regex paths of a 1.1/2.1
  // file as it loads it, so a DB-less node on such a file keeps routing the same way.
  it('info only: a 1.1-format file that Kong itself loads gets its `~` on load', async () => {
    expect(await runOnKongLoaded('_format_version: "1.1"\nroutes:\n- name: r\n  paths: ["/status/\\\\d+"]\n')).toEqual(['entities/route-regex-path-without-tilde prefixedOnLoad info @4']);
  });
  // kong/init.lua parses declarative_config only when database = off, and database defaults to postgres.
  it('invalid: a 1.1-format file named by a kong.conf that sets no database is not one Kong loads', async () => {
    expect(await runOnKongLoaded('_format_version: "1.1"\nroutes:\n- name: r\n  paths: ["/status/\\\\d+"]\n', 'declarative_config = kong.yml\n')).toEqual(['entities/route-regex-path-without-tilde regexWithoutTilde warning @4']);
  });
  it('invalid: the same path in a 3.0-format file Kong loads is a literal prefix', async () => {
    expect(await runOnKongLoaded('_format_version: "3.0"\nroutes:\n- name: r\n  paths: ["/status/\\\\d+"]\n')).toEqual(['entities/route-regex-path-without-tilde regexWithoutTilde warning @4']);
  });
});

// decK renders `${{ env "..." }}` before Kong sees the file (go-database-reconciler
// pkg/file/readfile.go): the expression's `$`, braces and quotes are not regex characters.
describe('entities/route-regex-path-without-tilde and decK templates', () => {
  it('valid: a path that is a plain prefix around a template expression', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'routes:\n- name: r\n  paths:\n  - /${{ env "DECK_USERNAME" }}\n')).toEqual([]);
  });
  it('invalid: regex characters outside the expression still count', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'routes:\n- name: r\n  paths:\n  - /${{ env "DECK_USERNAME" }}/(\\d+)\n')).toEqual(['regexWithoutTilde warning @4']);
  });
});

// decK's 2.x -> 3.x convert walks services[].routes[] only and prepends `~` without decoding
// (Kong/deck convert/convert.go and convert/route_updates.go@4657ee37); Kong's migration
// decodes the escapes too (kong/db/migrations/migrate_path_280_300.lua@3.0.0).
describe('entities/route-regex-path-without-tilde: what decK would write instead', () => {
  const to34 = { from: '2.8.2', to: '3.4.0' };
  it('a regex nested under a service: decK writes the same, no note', async () => {
    await runRuleOnText(rule, to34, 'services:\n- name: s\n  url: http://h\n  routes:\n  - name: r\n    paths: ["/a/(b|c)"]\n');
    expect(messagesOfLastRun()).toEqual([expect.stringMatching(/write `~\/a\/\(b\|c\)`\.$/)]);
  });
  it('a top-level route: decK leaves its regex a literal prefix', async () => {
    await runRuleOnText(rule, to34, 'routes:\n- name: r\n  paths: ["/a/(b|c)", /v1/users:search]\n');
    expect(messagesOfLastRun()).toEqual([
      expect.stringContaining('`deck file convert` would leave this path as written: it converts only routes nested under services.'),
      expect.stringContaining('`deck file convert` would leave this path as written: it converts only routes nested under services.'),
    ]);
  });
  it('the suggested form decodes escapes as the migration does', async () => {
    await runRuleOnText(rule, to34, 'services:\n- name: s\n  url: http://h\n  routes:\n  - name: r\n    paths: ["/a%2D(b|c)"]\n');
    expect(messagesOfLastRun()).toEqual([expect.stringContaining('write `~/a\\-(b|c)`. `deck file convert` would write `~/a%2D(b|c)`')]);
  });
});

// kong/db/schema/others/declarative_config.lua@2.8.5 accepts only _format_version 1.1 and 2.1:
// a 3.0-format file is read by 3.x alone, where a path without `~` is a literal prefix. A file
// already converted (`/docs%20v2` -> `/docs v2`) and checked again from 2.x must not be told
// that its literal paths are 2.x regexes.
describe('entities/route-regex-path-without-tilde on a file already written for 3.x', () => {
  it('valid: literal-looking paths in a 3.0-format file', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, '_format_version: "3.0"\nroutes: [{name: r, paths: [/docs v2, /users:search, "~/docs/v2$"]}]\n')).toEqual([]);
  });
  it('info: the same paths in a 1.1-format file are 2.x regexes', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, '_format_version: "1.1"\nroutes:\n- name: r\n  paths: [/docs v2, "~/docs/v2$"]\n')).toEqual(['literalLooksRegex info @4']);
  });
  it('invalid: a regex metacharacter without `~` is still reported in a 3.0-format file', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, '_format_version: "3.0"\nroutes:\n- name: r\n  paths: [/docs/v2$]\n')).toEqual(['regexWithoutTilde warning @4']);
  });
});
