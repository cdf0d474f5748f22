// Version inference from schema_meta ledgers, including the ranges where several minors share
// their last core migration.

import { inferInstalledVersion, rangeAdmits } from '../../../src/inputs/database/installed-version';
import { KongVersion } from '../../../src/version/kong-version';
import migrations from '../../../src/knowledge/database/migrations.json';

const core = (minor: keyof typeof migrations.minors) => migrations.minors[minor].core;
const ledger = (coreNames: string[], plugins: Record<string, string[]> = {}, pending: string[] = []) => [
  { subsystem: 'core', executed: coreNames, pending },
  ...Object.entries(plugins).map(([subsystem, executed]) => ({ subsystem, executed, pending: [] })),
];

describe('inferInstalledVersion', () => {
  it.each([
    ['2.0', '2.0.x'],
    ['2.2', '2.2.x'],
    ['2.5', '2.3.x-2.6.x'],
    ['2.8', '2.8.x'],
    ['3.3', '3.3.x'],
    ['3.8', '3.7.x-3.8.x'],
  ] as const)('a database migrated by %s reads as %s', (minor, label) => {
    expect(inferInstalledVersion(ledger(core(minor))).label).toBe(label);
  });

  // Enterprise names three core migrations differently and ships 025_390_to_3100 with 3.10
  // (kong/db/migrations/core/init.lua@FTI-6378).
  it('an Enterprise 3.10 ledger reads as 3.10.x, not as newer than the tool knows', () => {
    const range = inferInstalledVersion(ledger(migrations.enterprise.core));
    expect(range.label).toBe('3.10.x or later');
    expect(range.newerThanKnown).toBeUndefined();
  });

  it('an Enterprise 2.8 ledger (016_270_to_280) reads as 2.8.x, not 2.3.x-2.6.x', () => {
    const ee28 = migrations.enterprise.core.slice(0, migrations.enterprise.core.indexOf('016_270_to_280') + 1);
    expect(inferInstalledVersion(ledger(ee28)).label).toBe('2.8.x');
  });

  it('names the Enterprise core migrations a ledger was read by, and none on an OSS ledger', () => {
    const ee34 = migrations.enterprise.core.slice(0, migrations.enterprise.core.indexOf('020_330_to_340') + 1);
    const range = inferInstalledVersion(ledger(ee34));
    expect(range.label).toBe('3.4.x');
    expect(range.enterpriseCoreNames).toEqual(['014_230_to_260', '015_260_to_270', '016_270_to_280']);
    expect(inferInstalledVersion(ledger(core('3.4'))).enterpriseCoreNames).toBeUndefined();
  });

  it('patch releases that added core migrations narrow the range', () => {
    const range = inferInstalledVersion(ledger(core('2.1')));
    expect(range.label).toBe('>= 2.1.3 and < 2.2.0');
    expect(range.planVersion.toString()).toBe('2.1.x');
  });

  it('plugin migrations raise the lower bound inside a shared range', () => {
    // opentelemetry 001_331_to_332 first shipped in 3.6.1.
    const range = inferInstalledVersion(ledger(core('3.6'), { opentelemetry: ['001_331_to_332'] }));
    expect(range.min.toString()).toBe('3.6.1');
    expect(range.label).toBe('>= 3.6.1 and < 3.7.0');
  });

  it('a missing plugin migration does not lower the upper bound (the plugin may be unloaded)', () => {
    const range = inferInstalledVersion(ledger(core('3.4'), { 'rate-limiting': ['000_base_rate_limiting'] }));
    expect(range.label).toBe('3.4.x');
  });

  it('session and acme base migrations (external rocks before 2.6) do not claim 2.6', () => {
    expect(inferInstalledVersion(ledger(core('2.4'), { session: ['000_base_session'] })).min.toString()).toBe('2.3.0');
  });

  it('pending core migrations count: the upgrade already reached them', () => {
    expect(inferInstalledVersion(ledger(core('2.8'), {}, ['016_280_to_300'])).label).toBe('3.0.x');
  });

  it('a 1.x ledger and migrations newer than our data are named as such', () => {
    expect(inferInstalledVersion(ledger(core('2.0').slice(0, 6))).label).toBe('1.x (before 2.0)');
    const future = inferInstalledVersion(ledger([...core('3.9'), '026_3100_to_3110']));
    expect(future.label).toBe('3.9.x or later');
    expect(future.evidence.join(' ')).toContain('026_3100_to_3110');
  });
});

describe('rangeAdmits', () => {
  const range = inferInstalledVersion(ledger(core('2.8')));
  it.each([
    ['2.8', true], ['2.8.2.4', true], ['2.8.x', true], ['2.7', false], ['3.0', false], ['3.4.1.0', false],
  ])('--from %s against a 2.8 database: %s', (from, admitted) => {
    expect(rangeAdmits(range, KongVersion.parse(from))).toBe(admitted);
  });

  it('a minor that overlaps a patch-level bound is admitted', () => {
    expect(rangeAdmits(inferInstalledVersion(ledger(core('2.1'))), KongVersion.parse('2.1'))).toBe(true);
  });
});
