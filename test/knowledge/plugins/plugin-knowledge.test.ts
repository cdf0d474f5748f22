// Checks the plugin facts against what they claim: lists per tag that match the known additions,
// module removals that land on the right release, and a source on every entry.

import { bundledPlugins, isKnownKongPlugin } from '../../../src/knowledge/plugins/bundled';
import { pluginFacts } from '../../../src/knowledge/plugins/facts';
import { bundledPluginChanges } from '../../../src/knowledge/plugins/lifecycle';
import { movedUtilsFunctions } from '../../../src/knowledge/plugins/lua-api';
import { curatedRemovals, moduleRemovalOnPath } from '../../../src/knowledge/plugins/lua-modules';
import { priorityChanges } from '../../../src/knowledge/plugins/priorities';
import { enterpriseBundledPlugins } from '../../../src/knowledge/database';
import { KongVersion } from '../../../src/version/kong-version';
import ossData from '../../../src/knowledge/plugins/data/oss-bundled-plugins.json';
import * as fs from 'fs';
import * as path from 'path';

// The research digests live beside the repository (../shared) in the team's workspace, not in
// the package: the cross-checks against them run where they exist and show as skipped elsewhere.
const BREAKING_FILE = path.join(__dirname, '../../../../shared/kong-facts/breaking-changes.json');
const breaking = fs.existsSync(BREAKING_FILE) ? JSON.parse(fs.readFileSync(BREAKING_FILE, 'utf8')) : undefined;
const withDigest = breaking ? it : it.skip;

const v = (s: string) => KongVersion.parse(s);

describe('bundled plugins', () => {
  it.each([
    ['redirect', '3.8.1', false], ['redirect', '3.9.0', true],
    ['ai-proxy', '3.5.0', false], ['ai-proxy', '3.6.0', true],
    ['opentelemetry', '2.8.4', false], ['opentelemetry', '3.0.0', true],
    ['acme', '2.0.1', false], ['acme', '2.0.2', true],
    ['standard-webhooks', '3.7.1', false], ['standard-webhooks', '3.8.0', true],
  ])('OSS: %s at %s is bundled: %s', (name, version, expected) => {
    const list = bundledPlugins(v(version), 'oss');
    expect(list.names.has(name)).toBe(expected);
    expect(list.basis).toBe('exact');
  });

  it('reads a four-part Enterprise version against the OSS tag of the same x.y.z', () => {
    expect(bundledPlugins(v('3.4.1.0'), 'oss').listedAt).toBe('3.4.1');
  });

  it('marks versions past the last OSS tag, and every Enterprise list, as approximate', () => {
    expect(bundledPlugins(v('3.10.0.0'), 'oss').basis).toBe('approximate');
    const ee = bundledPlugins(v('3.4.1.0'), 'enterprise');
    expect(ee.basis).toBe('approximate');
    expect(ee.names.has('openid-connect')).toBe(true);
    expect(ee.names.has('datakit')).toBe(false); // documented from 3.11
    expect(bundledPlugins(v('2.8.2.4'), 'enterprise').names.has('collector')).toBe(true);
    expect(bundledPlugins(v('3.0.0.0'), 'enterprise').names.has('collector')).toBe(false);
  });

  it('knows Kong plugin names of any version', () => {
    expect(isKnownKongPlugin('key-auth-enc')).toBe(true);
    expect(isKnownKongPlugin('header-stamp')).toBe(false);
  });

  it('has one list per release tag from 2.0.0 to 3.9.3', () => {
    const tags = Object.keys(ossData.tags);
    expect(tags[0]).toBe('2.0.0');
    expect(tags[tags.length - 1]).toBe('3.9.3');
    expect(tags).toContain('3.4.2');
  });
});

describe('Lua module removals', () => {
  it.each(curatedRemovals.map((c) => [c.module, c.removedIn] as const))('%s is removed in %s per the inventory', (module, removedIn) => {
    const removal = moduleRemovalOnPath(module, v('2.8.2'), v('3.9.3'));
    expect(removal?.removedIn.toString()).toBe(removedIn);
    // The inventory's own release agrees with the curated one.
    const before = KongVersion.of(removal!.removedIn.major, removal!.removedIn.minor).truncate('minor');
    expect(moduleRemovalOnPath(module, v('2.8.2'), before)).toBeDefined();
  });

  it('says nothing when the module still exists at the target or was gone at the source', () => {
    expect(moduleRemovalOnPath('kong.tools.utils', v('2.8'), v('3.9'))).toBeUndefined();
    expect(moduleRemovalOnPath('kong.singletons', v('3.4'), v('3.9'))).toBeUndefined();
    expect(moduleRemovalOnPath('kong.tools.batch_queue', v('2.8'), v('3.2'))).toBeUndefined();
    expect(moduleRemovalOnPath('not.a.kong.module', v('2.8'), v('3.9'))).toBeUndefined();
  });
});

describe('fact data', () => {
  const ids = new Set<string>((breaking?.entries ?? []).map((e: { id: string }) => e.id));

  it('gives every fact a source and a version', () => {
    for (const fact of Object.values(pluginFacts)) {
      expect(fact.sources.length).toBeGreaterThan(0);
      expect(KongVersion.tryParse(fact.introducedIn)).toBeDefined();
    }
    for (const change of bundledPluginChanges) expect(change.sources.length).toBeGreaterThan(0);
  });

  it('counts a plugin as bundled on Enterprise only where the Enterprise source lists it', () => {
    const flagged = priorityChanges.filter((c) => c.enterpriseBundledFrom !== undefined);
    expect(flagged.map((c) => c.plugin)).toContain('konnect-application-auth');
    for (const change of flagged) expect(enterpriseBundledPlugins()).toContain(change.plugin);
  });

  withDigest('names breaking-changes.json entries that exist, or says why it has its own id', () => {
    for (const fact of Object.values(pluginFacts)) {
      if (!ids.has(fact.id)) expect(fact.note).toMatch(/not an entry of breaking-changes\.json/);
    }
    for (const entry of movedUtilsFunctions) expect(ids.has(entry.factId)).toBe(true);
    // A priority change the digest does not list (correlation-id, 3.9) carries its own sources.
    for (const entry of priorityChanges) expect(ids.has(entry.factId) || (entry.sources?.length ?? 0) > 0).toBe(true);
  });
});

describe('docs/coverage.md', () => {
  withDigest('has a row for every custom-plugin-code entry of breaking-changes.json', () => {
    const coverage = fs.readFileSync(path.join(__dirname, '../../../docs/coverage.md'), 'utf8');
    const section = coverage.slice(coverage.indexOf('## Custom plugins'));
    const missing = (breaking.entries as { id: string; artifact: string }[])
      .filter((e) => e.artifact === 'custom-plugin-code')
      .filter((e) => !section.includes(`| \`${e.id}\` |`))
      .map((e) => e.id);
    expect(missing).toEqual([]);
  });

  it('names only rules that exist', async () => {
    const { builtinRules } = await import('../../../rules');
    const ids = new Set(builtinRules.map((r) => r.meta.id));
    const coverage = fs.readFileSync(path.join(__dirname, '../../../docs/coverage.md'), 'utf8');
    const named = [...coverage.matchAll(/`(plugins\/[a-z0-9-]+)`/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((id) => !ids.has(id))).toEqual([]);
  });
});
