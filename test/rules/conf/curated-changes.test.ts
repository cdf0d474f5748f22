// Every curated kong.conf change, table-driven over its own version: on a path that crosses it
// the owning rule reports the key at the right line and hop; on a path that stops just before,
// it stays silent. Built from src/knowledge/conf/conf-changes.json, so a new entry is tested as
// soon as it is written.

import { builtinRules } from '../../../rules';
import { confCatalog } from '../../../src/knowledge/conf/catalog';
import { CONF_CHANGES, ruleOf } from '../../../src/knowledge/conf/changes';
import type { ConfChange, SettingCondition } from '../../../src/knowledge/conf/types';
import { KongVersion } from '../../../src/version/kong-version';
import { runCase } from '../../support/rule-tester';

const minors = confCatalog().minors('enterprise');

/** The path ends: the minor before the change, and the change's own version. */
function pathAround(change: ConfChange): { from: string; to: string; edition: 'oss' | 'enterprise' } {
  const v = KongVersion.parse(change.introducedIn);
  // A known issue concerns the releases before its fix, so the target is its first affected release.
  const exact = v.patch > 0 || change.revertedIn !== undefined || change.kind === 'known-issue';
  const edition = change.edition === 'ee' || exact ? 'enterprise' : 'oss';
  // Before the catalogue's first minor (custom_plugins, 0.14) the minor just below is the start.
  const previous = minors.includes(v.minorKey) ? minors[minors.indexOf(v.minorKey) - 1] : `${v.major}.${v.minor - 1}`;
  const from = v.patch > 0 && v.minor !== 2 ? `${v.major}.${v.minor}.0.0` : previous;
  return { from, to: exact ? change.introducedIn : v.minorKey, edition };
}

/** kong.conf lines that satisfy the change's conditions. */
function conditionLines(conditions: SettingCondition[] = []): string[] {
  return conditions.map((c) => `${c.property} = ${c.in ? c.in[0] : ['all', 'on'].find((v) => !c.notIn?.includes(v))}`);
}

/**
 * kong.conf lines that keep an `unlessSetting` exception from applying. A `notIn` exception holds
 * for every other value, the target's default included, so the case sets the first listed value
 * (`ssl_cipher_suite = custom`); an `in` exception does not hold for the default and needs none.
 */
function unlessLines(condition?: SettingCondition): string[] {
  return condition?.notIn ? [`${condition.property} = ${condition.notIn[0]}`] : [];
}

/** The key the change is about and the kong.conf text that shows it (the key on the last line). */
function caseFor(change: ConfChange): { key: string; conf: string; line?: number } {
  const property = change.properties?.[0];
  const prefixKey = change.prefixes ? `${change.prefixes[0]}example` : undefined;
  const extra = conditionLines(change.when);
  switch (change.kind) {
    case 'default-changed':
      return { key: property!, conf: [...extra, 'log_level = notice'].join('\n') + '\n' };
    case 'value-deprecated':
      return { key: property!, conf: `${property} = ${change.values![0]}\n`, line: 1 };
    case 'value-restricted': {
      const before = [...extra, ...unlessLines(change.unlessSetting)];
      // A list property gets the token among allowed ones; a boolean holds the token alone.
      const isSwitch = confCatalog().property(property!, KongVersion.parse(change.introducedIn), 'enterprise')?.type === 'boolean';
      const value = isSwitch ? change.disallowedTokens![0] : `${change.disallowedTokens![0]} TLSv1.2`;
      return { key: property!, conf: [...before, `${property} = ${value}`].join('\n') + '\n', line: before.length + 1 };
    }
    case 'known-issue': {
      // The conditions name the key itself (`incremental_sync = on`): it is reported on its own line.
      const line = change.when!.findIndex((c) => c.property === property) + 1;
      return { key: property!, conf: extra.join('\n') + '\n', line: line > 0 ? line : undefined };
    }
    case 'product-removed':
      return { key: change.switch!.property, conf: `${change.switch!.property} = on\n`, line: 1 };
    case 'namespace-renamed':
    case 'namespace-added':
    case 'namespace-removed':
      return { key: prefixKey!, conf: [...extra, `${prefixKey} = 1`].join('\n') + '\n', line: extra.length + 1 };
    default:
      return { key: property!, conf: [...extra, `${property} = 42`].join('\n') + '\n', line: extra.length + 1 };
  }
}

/** How the target appears in a hop label: `3.5` for a minor, `3.6.1` for a patch release. */
function hopText(to: string): string {
  const v = KongVersion.parse(to);
  return v.patch > 0 ? `${v.major}.${v.minor}.${v.patch}` : v.minorKey;
}

// value-added entries only widen what is accepted: nothing to report, tested in value-invalid.
const cases = CONF_CHANGES.filter((c) => c.kind !== 'handled-elsewhere' && c.kind !== 'value-added' && !c.suppress).map((change) => ({
  change,
  rule: builtinRules.find((r) => r.meta.id === ruleOf(change))!,
  ...pathAround(change),
  ...caseFor(change),
}));

describe('curated kong.conf changes, each on its own version', () => {
  it('every change has an owning rule', () => {
    expect(cases.filter((c) => !c.rule).map((c) => c.change.id)).toEqual([]);
  });

  it.each(cases)('$change.id: reported on $from -> $to', async (c) => {
    const { result } = await runCase(c.rule, { name: c.change.id, conf: c.conf, from: c.from, to: c.to, edition: c.edition });
    expect(result.internalErrors).toEqual([]);
    const found = result.findings.filter((f) => f.data?.key === c.key);
    expect(found).toHaveLength(1);
    expect(found[0].hop).toContain(hopText(c.to));
    if (c.line) expect(found[0].location).toMatchObject({ kind: 'file', line: c.line });
    else expect(found[0].location).toMatchObject({ kind: 'file', line: 1 });
  });

  it.each(cases)('$change.id: silent on $from -> $from', async (c) => {
    const { result } = await runCase(c.rule, { name: c.change.id, conf: c.conf, from: c.from, to: c.from, edition: c.edition });
    expect(result.findings.filter((f) => f.data?.key === c.key)).toEqual([]);
  });
});
