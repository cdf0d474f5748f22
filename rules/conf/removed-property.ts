// Flags kong.conf settings the target version no longer knows: Kong keeps only the keys it
// declares and drops the rest without a word, so the setting silently stops having an effect.
// Also flags properties the path deprecates (still read, announced for removal).

import { defineRule } from '../../src/engine/define-rule';
import { confCatalog } from '../../src/knowledge/conf/catalog';
import { changeCovers, changeOnPath, CONF_CHANGES, ownedByOtherRule, printable, ruleChanges, ruleCatalog } from '../../src/knowledge/conf/changes';
import type { ConfChange } from '../../src/knowledge/conf/types';
import { KongVersion } from '../../src/version/kong-version';

const ID = 'conf/removed-property';

export default defineRule<'removed' | 'removedHarmless' | 'removedUnused' | 'deprecated'>({
  id: ID,
  description: 'Flags properties that a version on the upgrade path removed (Kong then ignores them silently) or deprecated.',
  severity: 'warning',
  versionData: ['since'],
  inputs: ['kongConf'],
  changes: ruleChanges(ID),
  catalog: ruleCatalog(ID),
  messages: {
    removed: '`{{key}}` is not a property of Kong {{to}} (removed in {{since}}): Kong ignores it without a warning.{{replacement}}{{note}}',
    removedHarmless: '`{{key}} = {{value}}` is left over: Kong {{since}} removed the property, and this value had no effect anyway.',
    removedUnused: '`{{key}}` is left over: Kong {{since}} removed the property, and it had no effect anyway while `{{other}} = {{otherValue}}`{{otherOrigin}}.',
    deprecated: '`{{key}}` is deprecated from {{since}}{{replacement}}.{{note}}',
  },
  remediation: 'Remove the line, and move its intent to the replacement property when there is one.',
  docsUrl: 'https://developer.konghq.com/gateway/configuration/',
  sources: [
    { kind: 'repo', ref: 'Kong/kong:kong/templates/kong_defaults.lua@3.9.3', note: 'the keys each version declares (generated per minor)' },
    { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/init.lua@3.9.3', note: 'only declared keys survive loading' },
    { kind: 'docs', ref: 'https://developer.konghq.com/gateway/configuration/', note: 'Enterprise reference per minor' },
  ],
  check(ctx) {
    const conf = ctx.input('kongConf');
    const { plan } = ctx;
    const catalog = confCatalog();
    for (const setting of conf.settings()) {
      const key = setting.key;
      if (ownedByOtherRule(key, ID, plan)) continue;
      const curated = CONF_CHANGES.find((c) => (c.kind === 'removed' || c.kind === 'deprecated') && changeCovers(c, key) && changeOnPath(c, plan));
      const lost = catalog.lostIn(key, plan.from, plan.to, plan.edition);
      if (lost) {
        const since = curated?.kind === 'removed' ? curated.introducedIn : `${lost}.0`;
        const harmless = curated?.harmlessValues?.includes(setting.value);
        const unusedWhile = harmless ? undefined : inertBecauseOf(curated);
        if (unusedWhile) {
          ctx.report({
            messageId: 'removedUnused',
            at: setting.origin,
            since,
            severity: 'info',
            data: { key, since, other: unusedWhile.property, otherValue: unusedWhile.value, otherOrigin: unusedWhile.origin },
            remediation: `Remove ${key}.`,
          });
          continue;
        }
        const replacement = curated?.replacement ?? deprecatedReplacement(key);
        ctx.report({
          messageId: harmless ? 'removedHarmless' : 'removed',
          at: setting.origin,
          since,
          severity: harmless ? 'info' : curated?.severity,
          data: {
            key,
            value: printable(key, setting.value),
            to: plan.to.toString(),
            since,
            replacement: replacement ? ` Use \`${replacement}\` instead.` : '',
            note: curated ? ` ${curated.note}` : evidenceNote(key),
          },
          // A value that did nothing has nothing to move.
          remediation: replacement && !harmless ? `Move the value to ${replacement} (check its meaning and units), then remove ${key}.` : `Remove ${key}.`,
        });
        continue;
      }
      const deprecation = curated?.kind === 'deprecated' ? curated : schemaDeprecation(key);
      if (deprecation) {
        ctx.report({
          messageId: 'deprecated',
          at: setting.origin,
          since: deprecation.introducedIn,
          severity: deprecation.severity ?? 'info',
          data: {
            key,
            since: deprecation.introducedIn,
            replacement: deprecation.replacement ? `; use \`${deprecation.replacement}\`` : '',
            note: deprecation.note ? ` ${deprecation.note}` : '',
          },
        });
      }
    }

    /**
     * The other setting that kept this one from doing anything on the source version
     * (ConfChange.harmlessWhile), with its value and where it comes from ('' for the default).
     */
    function inertBecauseOf(change: ConfChange | undefined): { property: string; value: string; origin: string } | undefined {
      const condition = change?.harmlessWhile;
      if (!condition) return undefined;
      const setting = conf.get(condition.property);
      const value = setting ? setting.value : catalog.property(condition.property, plan.from, plan.edition)?.default ?? undefined;
      if (value === undefined || !condition.in.includes(value)) return undefined;
      return { property: condition.property, value, origin: setting ? '' : ` (its ${plan.from.truncate('minor')} default)` };
    }

    /** The replacement the source version's schema names for a deprecated key. */
    function deprecatedReplacement(key: string): string | undefined {
      const replacement = catalog.property(key, plan.from, plan.edition)?.deprecated?.replacement;
      return typeof replacement === 'string' ? replacement : undefined;
    }

    /** Why we believe the key is gone: Kong's code, or only the Enterprise reference. */
    function evidenceNote(key: string): string {
      const facts = catalog.property(key, plan.from, plan.edition);
      return facts?.evidence === 'docs' ? ' (The Enterprise configuration reference no longer lists it.)' : '';
    }

    /**
     * A property the target's schema marks deprecated while the source's does not; property-wide
     * deprecations only (a deprecated value is the value rule's business).
     */
    function schemaDeprecation(key: string): Pick<ConfChange, 'introducedIn' | 'replacement' | 'severity' | 'note'> | undefined {
      const target = catalog.property(key, plan.to, plan.edition)?.deprecated;
      if (!target || target.value !== undefined) return undefined;
      if (catalog.property(key, plan.from, plan.edition)?.deprecated) return undefined;
      const minor = catalog.minors(plan.edition).find((m) => {
        const version = KongVersion.parse(m);
        return plan.from.truncate('minor').lt(version) && version.lte(plan.to) && catalog.property(key, version, plan.edition)?.deprecated;
      });
      if (!minor) return undefined;
      return { introducedIn: `${minor}.0`, replacement: typeof target.replacement === 'string' ? target.replacement : undefined, note: '' };
    }
  },
});
