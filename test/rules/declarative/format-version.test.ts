import rule from '../../../rules/declarative/format-version';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDeclarative } from '../../../src/inputs/declarative';
import { runEntityRules, runRuleOnText, summarize } from '../../support/declarative-harness';

describe('declarative/format-version', () => {
  it('valid: format 3.0 on 2.8 -> 3.4', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, '_format_version: "3.0"\nservices: []\n')).toEqual([]);
  });
  it('valid: a 2.x file on a 2.x path', async () => {
    expect(await runRuleOnText(rule, { from: '2.6.0', to: '2.8.2' }, '_format_version: "2.1"\nservices: []\n')).toEqual([]);
  });
  it('invalid: decK file in format 2.1', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, '_format_version: "2.1"\n_info: { select_tags: [a] }\nservices: []\n')).toEqual(['deckRefuses blocker @1']);
  });
  // Kong's declarative schema takes `_format_version` as text only (declarative_config.lua), so
  // an unquoted 3.0 (a number for YAML) is refused; Kong's own validate_spec expects the same.
  // `deck konnect dump` writes "0.1" and service_packages (go-database-reconciler
  // pkg/file/writer.go KonnectStateToFile); relabelling it 3.0 makes no gateway file of it.
  it('says a decK Konnect file is no gateway configuration, instead of asking to convert it', async () => {
    const konnect = '_format_version: "0.1"\nservice_packages:\n- name: orders\n  versions:\n  - version: v1\n';
    const result = await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, konnect);
    expect(result).toEqual(['konnectLegacy warning @1']);
    // A gateway file with an unknown version still gets the conversion advice.
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, '_format_version: "2.0"\nservices: []\n')).toEqual(['kongRefuses blocker @1']);
  });
  it('invalid: unquoted 3.0 is a number, which Kong refuses', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, '_format_version: 3.0\nservices: []\n')).toEqual(['kongRefuses blocker @1']);
  });
  it('invalid: unquoted 3.0 in a decK file (decK reads the number as `3`)', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, '_format_version: 3.0\n_info: { select_tags: [a] }\n')).toEqual(['deckRefuses blocker @1']);
  });
  it('invalid: a value Kong does not know, or null', async () => {
    for (const value of ['"foobar"', '"1.0"', '"3"', 'null', '1.1']) {
      expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, `_format_version: ${value}\nservices: []\n`)).toEqual(['kongRefuses blocker @1']);
    }
  });
  // decK compares the text with "3.0" before syncing to a 3.x gateway (Kong/deck cmd/common.go):
  // a version Kong refuses is refused by decK too, and the message names both.
  it('a "1.0" file: the message says Kong refuses to load it and decK to sync it', async () => {
    const { config } = await loadTexts({ 'kong.yml': '_format_version: "1.0"\nservices: []\n' });
    const { findings } = await runEntityRules({ from: '3.10.0.0', to: '3.14.0.0' }, { declarative: config, entities: [config!.entities] }, [rule]);
    expect(findings.map((f) => f.messageId)).toEqual(['kongRefuses']);
    expect(findings[0].message).toContain('Kong accepts only the text "1.1", "2.1" or "3.0" and refuses to load this file');
    expect(findings[0].message).toContain('decK refuses to sync or diff it against Kong 3.x, where it takes only the text "3.0"');
    expect(findings[0].message).toContain('convert it to format 3.0');
  });
  it('valid (warning only): a quoted 1.1 Kong migrates when it loads the file', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, '_format_version: "1.1"\nservices: []\n')).toEqual(['kongUpgradesOnLoad warning @1']);
  });
  it('says how to fix: quotes for a bare version, conversion for anything else', async () => {
    const { config } = await loadTexts({ 'kong.yml': '_format_version: 3.0\n' });
    const { findings } = await runEntityRules({ from: '2.8.2', to: '3.4.0' }, { declarative: config, entities: [config!.entities] }, [rule]);
    expect(findings[0].message).toContain('is a number, not text');
    expect(findings[0].message).toContain('write it as "3.0", in quotes');
  });
});

// Kong's on-load migration of 1.1/2.1 files rewrites each route's `paths` list in place, once per
// route (kong/db/declarative/migrations/route_path.lua@3.9.3); lyaml gives an anchor and its
// aliases one table, so a shared list gets one `~` per route and `~~/...` is refused (sweep 5).
describe('declarative/format-version: a regex path list shared through a YAML alias', () => {
  const shared = (paths: string) => [
    '_format_version: "2.1"', 'services:', '- name: a', '  url: http://a.internal', '  routes:', '  - name: ra', '    paths: &userpaths',
    `    - ${paths}`, '- name: b', '  url: http://b.internal', '  routes:', '  - name: rb', '    paths: *userpaths', '',
  ].join('\n');

  it('invalid: Kong would prefix the regex path once per route and refuse the file', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, shared('/users/\\d+'))).toEqual(['kongPrefixesTwice blocker @8']);
    const { config } = await loadTexts({ 'kong.yml': shared('/users/\\d+') });
    const { findings } = await runEntityRules({ from: '2.8.2', to: '3.4.0' }, { declarative: config, entities: [config!.entities] }, [rule]);
    expect(findings[0].message).toContain('routes "ra", "rb" share one `paths` list');
    expect(findings[0].message).toContain('(`~~/users/\\d+`)');
  });

  it('valid (warning only): a shared list of plain paths, which the migration leaves as they are', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, shared('/users'))).toEqual(['kongUpgradesOnLoad warning @1']);
  });

  it('valid (warning only): the same regex path written in two lists of their own', async () => {
    const separate = shared('/users/\\d+').replace('paths: &userpaths', 'paths:').replace('paths: *userpaths', 'paths: [/users/\\d+]');
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, separate)).toEqual(['kongUpgradesOnLoad warning @1']);
  });
});

describe('declarative/format-version: a state split over several files', () => {
  it('does not block the files that leave the version to another (decK merges them first)', async () => {
    const { config } = await loadTexts({ 'a-main.yaml': '_format_version: "3.0"\nservices: []\n', 'b-consumers.yaml': 'consumers: [{username: x}]\n' });
    const { findings } = await runEntityRules({ from: '2.8.2', to: '3.4.0' }, { declarative: config, entities: [config!.entities] }, [rule]);
    expect(summarize(findings)).toEqual(['declarative/format-version missingInPart info @1']);
    expect(findings[0].message).toContain('a-main.yaml');
  });
  it('still blocks when no file of the set has one', async () => {
    const { config } = await loadTexts({ 'a.yaml': 'services: []\n', 'b.yaml': 'consumers: []\n' });
    const { findings } = await runEntityRules({ from: '2.8.2', to: '3.4.0' }, { declarative: config, entities: [config!.entities] }, [rule]);
    expect(summarize(findings)).toEqual(['declarative/format-version missing blocker @1', 'declarative/format-version missing blocker @1']);
  });
});

/** Writes each text to its own file in a new folder and loads the folder, as `--declarative DIR` does. */
async function loadTexts(files: Record<string, string>): Promise<ReturnType<typeof loadDeclarative>> {
  const dir = mkdtempSync(join(tmpdir(), 'kp-fv-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return loadDeclarative({ paths: ['.'], cwd: dir });
}

// migrate_path_280_300 (3.9.3) prefixes any path with a character outside [a-zA-Z0-9.-_~/%],
// a leading `~` included: a 1.1/2.1 file whose regex paths were already converted gets `~~`.
describe('declarative/format-version: regex paths already written the 3.x way in a 1.1/2.1 file', () => {
  const file = (path: string, version = '2.1') => [
    `_format_version: "${version}"`, 'services:', '- name: a', '  url: http://a.internal', '  routes:', '  - name: users', '    paths:', '    - /health', `    - ${path}`, '',
  ].join('\n');

  it('invalid: Kong would prefix it again and refuse the file', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, file('~/users/\\d+$'))).toEqual(['kongPrefixesAgain blocker @9']);
    const { config } = await loadTexts({ 'kong.yml': file('~/users/\\d+$') });
    const { findings } = await runEntityRules({ from: '2.8.2', to: '3.4.0' }, { declarative: config, entities: [config!.entities] }, [rule]);
    expect(findings[0].message).toContain('`~/users/\\d+$` (route "users") becomes `~~/users/\\d+$`');
  });

  it('valid: a `~` path Kong reads as plain (only plain characters), and the same path in a 3.0 file', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, file('~/users'))).toEqual(['kongUpgradesOnLoad warning @1']);
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, file('~/users/\\d+$', '3.0'))).toEqual([]);
  });

  // go-apiops documents `_format_version: "1.0"` for `deck file add-plugins` files
  // (cmd/addplugins.go, parsed by plugins/pluginfile.go); they are applied to a state, never loaded.
  it('valid: an add-plugins file or a patches file keeps its own version', async () => {
    const addPlugins = '_format_version: "1.0"\nadd-plugins:\n- selectors: ["$..services[*]"]\n  plugins: [{name: cors}]\n';
    expect(await runRuleOnText(rule, { from: '3.10.0.0', to: '3.14.0.0' }, addPlugins)).toEqual([]);
    expect(await runRuleOnText(rule, { from: '3.10.0.0', to: '3.14.0.0' }, '_format_version: "1.0"\npatches:\n- selectors: ["$"]\n  values: {a: 1}\n')).toEqual([]);
  });
  it('invalid: a state file that also holds `patches` is still a state', async () => {
    expect(await runRuleOnText(rule, { from: '3.10.0.0', to: '3.14.0.0' }, '_format_version: "1.0"\npatches: []\nservices: []\n')).toEqual(['kongRefuses blocker @1']);
  });
  it('a state without a version is not excused by a patch file that has one', async () => {
    const { config } = await loadTexts({ 'a-plugins.yaml': '_format_version: "1.0"\nadd-plugins: []\n', 'b-kong.yaml': 'services: []\n' });
    const { findings } = await runEntityRules({ from: '3.10.0.0', to: '3.14.0.0' }, { declarative: config, entities: [config!.entities] }, [rule]);
    expect(summarize(findings)).toEqual(['declarative/format-version missing blocker @1']);
  });
});
