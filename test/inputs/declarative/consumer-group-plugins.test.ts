// What a file's consumer-group plugins are. decK reads `consumer_groups[].plugins` by the Kong it
// syncs to (go-database-reconciler pkg/file/builder.go@v1.40.3): overrides (consumer_group_plugins)
// before 3.4, plugins scoped to the group from 3.4 or on Konnect, overrides on any version with
// `_info.consumer_group_policy_overrides`. Kong's own format nests by entity name
// (declarative_config.lua@FTI-6378): `plugins` are scoped plugins, `consumer_group_plugins` overrides.

import { DeclarativeEntitySource, readDeclarativeText } from '../../../src/inputs/declarative';
import type { Entity } from '../../../src/model/entities';
import { KongVersion } from '../../../src/version/kong-version';

const OVERRIDE = `  - name: rate-limiting-advanced
    config:
      limit: [100]
      window_size: [60]
      window_type: sliding
`;

const deckFile = (info = '  select_tags: [team-a]\n', extra = '') => `_format_version: "3.0"
_info:
${info}${extra}consumer_groups:
- name: gold
  plugins:
${OVERRIDE}plugins:
- name: rate-limiting-advanced
  consumer_group: gold
  config: {limit: [10], window_size: [60], namespace: gold, sync_rate: -1}
`;

function source(text: string, installed?: string, loadedByKong = false): DeclarativeEntitySource {
  const entities = new DeclarativeEntitySource([readDeclarativeText('kong.yml', text, loadedByKong)]);
  if (installed) entities.knowInstalledVersion(KongVersion.parse(installed));
  return entities;
}

function line(entity: Entity): number | undefined {
  return entity.origin.kind === 'file' ? entity.origin.line : undefined;
}

describe('declarative: decK consumer_groups[].plugins', () => {
  it('synced to Enterprise 2.8, they are overrides of the group, where the file writes them', () => {
    const entities = source(deckFile(), '2.8.4.0');
    const overrides = entities.list('consumer_group_plugin');
    expect(overrides.map((o) => [o.name, line(o), o.parents?.consumer_group?.name])).toEqual([['rate-limiting-advanced', 7, 'gold']]);
    expect(overrides[0].fields.config).toEqual({ limit: [100], window_size: [60], window_type: 'sliding' });
    // The top-level plugin scoped to the group stays a plugin.
    expect(entities.list('plugin').map((p) => [line(p), p.parents?.consumer_group?.name])).toEqual([[13, 'gold']]);
  });

  it('synced to 3.4 or later, decK scopes them to the group as plugins', () => {
    const entities = source(deckFile(), '3.4.0.0');
    expect(entities.list('consumer_group_plugin')).toEqual([]);
    expect(entities.list('plugin').map((p) => [line(p), p.parents?.consumer_group?.name])).toEqual([[13, 'gold'], [7, 'gold']]);
  });

  it('_info.consumer_group_policy_overrides keeps them overrides on 3.4 and later', () => {
    const entities = source(deckFile('  consumer_group_policy_overrides: true\n'), '3.10.0.0');
    expect(entities.list('consumer_group_plugin').map(line)).toEqual([7]);
    expect(entities.list('plugin').map(line)).toEqual([13]);
  });

  it('a Konnect file scopes them whatever the version', () => {
    const entities = source(deckFile(undefined, '_konnect:\n  control_plane_name: cp\n'), '2.8.4.0');
    expect(entities.list('consumer_group_plugin')).toEqual([]);
    expect(entities.list('plugin')).toHaveLength(2);
  });

  it('before the installed version is known, they are read as decK reads them for a current Kong', () => {
    expect(source(deckFile()).list('consumer_group_plugin')).toEqual([]);
  });
});

describe("declarative: Kong's own format", () => {
  const kongFile = `_format_version: "3.0"
consumer_groups:
- name: gold
  plugins:
  - name: rate-limiting-advanced
    config: {limit: [10], window_size: [60], namespace: gold, sync_rate: -1}
  consumer_group_plugins:
${OVERRIDE}consumer_group_plugins:
- name: rate-limiting-advanced
  consumer_group: silver
  config: {limit: [5], window_size: [60]}
`;

  it('nests scoped plugins under `plugins` and overrides under `consumer_group_plugins`, on any version', () => {
    for (const installed of ['2.8.4.0', '3.4.0.0']) {
      const entities = source(kongFile, installed, true);
      expect(entities.list('plugin').map((p) => [line(p), p.parents?.consumer_group?.name])).toEqual([[5, 'gold']]);
      expect(entities.list('consumer_group_plugin').map((o) => [line(o), o.parents?.consumer_group?.name])).toEqual([[8, 'gold'], [14, 'silver']]);
    }
  });

  it('a file with no decK-only key that Kong does not load is read as decK reads it: before 3.4 only decK can sync a group\'s plugins', () => {
    expect(source(kongFile, '2.8.4.0').list('consumer_group_plugin').map(line)).toEqual([5, 8, 14]);
    expect(source(kongFile, '3.4.0.0').list('consumer_group_plugin').map(line)).toEqual([8, 14]);
  });
});
