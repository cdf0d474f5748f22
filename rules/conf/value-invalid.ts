// Flags values the target version will refuse or misread: a value outside the property's allowed
// list (Kong refuses to start), a boolean or number Kong silently reads as false or unset, a size
// nginx cannot parse, a malformed *_listen entry, an empty enum or *_listen property (Kong
// refuses those too), a value the conf loader's own checks refuse (ranges, cipher suite names,
// trusted_ips, proxy_server, node_id, port_maps, DNS servers, tracing instrumentations), settings
// it refuses together (a hybrid role without its certificate pair or with the wrong storage, a
// TLS listener's certificates without keys), and values the path restricts or deprecates.

import { defineRule } from '../../src/engine/define-rule';
import { confCatalog } from '../../src/knowledge/conf/catalog';
import { allConditionsHold, changeCovers, changeReachedAt, changesOfKind, conditionHolds, CONF_DATA, effectiveValue, ownedByOtherRule, printable, restrictedTokens, ruleChanges, ruleCatalog } from '../../src/knowledge/conf/changes';
import type { ConfChange } from '../../src/knowledge/conf/types';
import { reachedWithBackports, releaseOnLine, versionCarries } from '../../src/knowledge/enterprise-backports';
import { releaseForEdition } from '../../src/knowledge/releases';
import { isVaultReference, readKongBoolean, readKongNumber, readNgxBoolean, splitKongArray } from '../../src/inputs/kong-conf/values';
import type { ConfSetting } from '../../src/inputs/kong-conf/types';
import { KongVersion } from '../../src/version/kong-version';
import { listenProblem } from '../../src/inputs/kong-conf/listen-syntax';
import { isUnsetValue } from '../../src/inputs/kong-conf/conf-store';
import { acceptedListEntries, LIST_ENTRIES } from '../../src/knowledge/conf/list-entries';
import { STARTUP_CHECK_SOURCES, STARTUP_CHECKS_READ_FROM, startupRefusal } from '../../src/knowledge/conf/startup-checks';
import { requirementsOn, STARTUP_REQUIREMENT_SOURCES, type RequirementView, type StartupRequirement } from '../../src/knowledge/conf/startup-requirements';
import type { Plan } from '../../src/plan/types';

const ID = 'conf/value-invalid';
/** nginx's size syntax: digits and one optional unit letter. */
const NGX_SIZE = /^\d+[kKmMgG]?$/;

export default defineRule<'notInEnum' | 'notBoolean' | 'notNgxBoolean' | 'notNumber' | 'badSize' | 'badListen' | 'badListEntry' | 'refusedValue' | 'unmetRequirement' | 'emptyEnum' | 'emptyListen' | 'restricted' | 'restrictedSwitch' | 'restrictedCopiedDefault' | 'restrictedWayBack' | 'deprecatedValue'>({
  id: ID,
  description: 'Flags values that the target version refuses at start-up, silently misreads, or that the path restricts or deprecates.',
  severity: 'warning',
  versionData: ['since', 'available'],
  inputs: ['kongConf'],
  changes: ruleChanges(ID),
  catalog: ruleCatalog(ID),
  messages: {
    notInEnum: '`{{key}} = {{value}}` is not an allowed value on Kong {{to}} ({{allowed}}): Kong refuses to start.{{wasValid}}{{certainty}}',
    notBoolean: '`{{key}} = {{value}}` is not a boolean Kong recognises: only `on` and `true` mean true, so Kong {{to}} reads it as false.',
    notNgxBoolean: '`{{key}} = {{value}}` is not `on` or `off`: Kong {{to}} passes `off` to nginx.',
    notNumber: '`{{key}} = {{value}}` is not a number: Kong {{to}} leaves the property unset (its default is not restored).',
    badSize: '`{{key}} = {{value}}` is not an nginx size (digits with an optional k, m or g): Kong or nginx reads it as 0 or refuses it.',
    badListen: '`{{key}}` entry `{{entry}}` is not valid on Kong {{to}}: {{problem}}; Kong refuses to start.',
    badListEntry: '`{{key}}` entry `{{entry}}` is not one Kong {{to}} accepts there ({{allowed}}): Kong refuses to start.{{notNew}}{{certainty}}',
    refusedValue: '`{{key}} = {{value}}` {{reason}}: Kong {{to}} refuses to start.{{history}}{{certainty}}',
    // Settings refused together; the finding sits at the first of them the user wrote.
    unmetRequirement: '{{problem}}: Kong {{to}} refuses to start.{{history}}{{certainty}}',
    emptyEnum: '`{{key}}` is {{written}}: Kong {{to}} reads {{reading}}, which is not one of the allowed values ({{allowed}}), and refuses to start.{{notNew}}',
    emptyListen: '`{{key}}` is {{written}}: Kong {{to}} needs at least one address (or `off`) there and refuses to start.{{notNew}}',
    // Kong loads restricted values without complaint (it does not check TLS version names); they fail later, as the note says.
    restricted: '`{{key}}` lists {{tokens}}, which stop working on Kong {{since}}.{{note}}',
    // A boolean holds one value, not a list: say which setting it is.
    restrictedSwitch: '`{{key}} = {{value}}` stops working on Kong {{since}}.{{note}}',
    // The line repeats the source's own default (as every copy of kong.conf.default does): it
    // says nothing of the peers, so it weighs as the unset property does (conf/legacy-tls-peers).
    restrictedCopiedDefault: '`{{key}} = {{value}}` is the default of Kong {{from}} written out, as kong.conf.default has it; it lists {{tokens}}, which stop working on Kong {{since}} with or without this line.{{note}}{{newDefault}}',
    // The source already runs the restriction (nothing new breaks), but the target offers a way back.
    restrictedWayBack: '`{{key}}` lists {{tokens}}, which have not worked since {{since}}; Kong {{available}} and later offer a way back: {{workaround}}.',
    deprecatedValue: '`{{key}} = {{value}}` is deprecated from {{since}}.{{note}}',
  },
  remediation: 'Use a value the target version accepts, with the type it expects.',
  docsUrl: 'https://developer.konghq.com/gateway/configuration/',
  sources: [
    { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/parse.lua@3.9.3', note: 'parse_value and the enum check' },
    { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/listeners.lua@3.9.3' },
    { kind: 'repo', ref: 'Kong/kong:spec/01-unit/03-conf_loader_spec.lua@3.4.0', note: 'rejects empty string in listen addresses (also at 2.8.5)' },
    ...CONF_DATA.sizeProperties.sources,
    ...LIST_ENTRIES.headers.sources,
    ...LIST_ENTRIES.dns_order.sources,
    ...LIST_ENTRIES.resolver_family.sources,
    ...STARTUP_CHECK_SOURCES,
    ...STARTUP_REQUIREMENT_SOURCES,
  ],
  check(ctx) {
    const conf = ctx.input('kongConf');
    const { plan } = ctx;
    const catalog = confCatalog();
    const to = plan.to.toString();
    const sizes = new Set(CONF_DATA.sizeProperties.properties);
    // Beyond the last OSS release the values and checks come from older code plus curated
    // additions: a later build may differ, so refusals are warnings there and their messages say why.
    const beyondOss = catalog.beyondOss(plan.to);
    // Said when the source refuses the value too: a config broken already rather than by the upgrade.
    const notNewWithUpgrade = ` Kong ${plan.from} refuses it as well, so this is not new with the upgrade.`;
    const checkCertainty = beyondOss ? ` (Kong ${to} is past the last open-source release whose code has the check, so a later build may differ.)` : '';

    for (const setting of conf.settings()) {
      const { key } = setting;
      // Resolved at start-up; the vault rule checks the reference itself.
      if (isVaultReference(setting.value) || ownedByOtherRule(key, ID, plan)) continue;
      const facts = catalog.property(key, plan.to, plan.edition);
      const data = { key, value: printable(key, setting.value), to };
      const allowed = facts?.enum && [...facts.enum, ...valuesAddedBy(key)];
      if (allowed && !allowed.includes(setting.value)) {
        const before = catalog.property(key, plan.from, plan.edition)?.enum;
        const wasValid = before?.includes(setting.value) ? ` It was accepted by ${plan.from}.` : '';
        const severity = beyondOss ? 'warning' : 'blocker';
        // The message says why the same text is a warning there, rather than leaving it to the severity.
        const certainty = beyondOss ? ` (Kong ${to} is past the last open-source release whose code lists the values, so a later build may accept more.)` : '';
        ctx.report({ messageId: 'notInEnum', at: setting.origin, severity, data: { ...data, allowed: allowed.join(', '), wasValid, certainty } });
      } else if (facts?.type === 'boolean' && !readKongBoolean(setting.value).recognised) {
        ctx.report({ messageId: 'notBoolean', at: setting.origin, data, remediation: `Write \`${key} = on\` or \`${key} = off\`.` });
      } else if (facts?.type === 'ngx_boolean' && !readNgxBoolean(setting.value).recognised) {
        ctx.report({ messageId: 'notNgxBoolean', at: setting.origin, data, remediation: `Write \`${key} = on\` or \`${key} = off\`.` });
      } else if (facts?.type === 'number' && readKongNumber(setting.value) === undefined) {
        ctx.report({ messageId: 'notNumber', at: setting.origin, data });
      } else if (sizes.has(key) && !NGX_SIZE.test(setting.value)) {
        ctx.report({ messageId: 'badSize', at: setting.origin, data, remediation: `Write the size as digits with k, m or g, for example \`${key} = 128m\`.` });
      }
      checkListen(setting);
      checkListEntries(setting);
      checkStartupRefusal(setting);
    }
    // No ownership test here: the owners judge values (database = cassandra), never their absence.
    for (const setting of conf.rawSettings()) {
      if (isUnsetValue(setting.value) && !setting.unreadableFrom) checkUnsetForm(setting);
    }
    // Settings that may reach Kong unseen (see viewOn): kept from one property, or from any.
    const unreadKeys = new Set(conf.diagnostics.filter((d) => d.kind === 'unreadable-value' && d.key !== undefined).map((d) => d.key!));
    const unknownSources = conf.diagnostics.some((d) => (d.kind === 'unreadable-value' && d.key === undefined) || d.kind === 'unread-override-file' || d.kind === 'unread-unit-file');
    checkRestrictions();
    checkRequirements();

    /**
     * An empty value (`admin_listen =`, `KONG_LOG_LEVEL=` from an unset compose variable) or the
     * user's `NONE` reads as "unset" elsewhere, but not to Kong for these properties: parse_value
     * turns "" into nil, which no enum lists, and an empty *_listen list (or the word NONE) is no
     * address list (parse.lua, listeners.lua @3.4.0 and @3.9.3; the same checks in 2.8.5).
     */
    function checkUnsetForm(setting: ConfSetting): void {
      const { key } = setting;
      const facts = catalog.property(key, plan.to, plan.edition);
      if (!facts) return;
      const none = setting.value === 'NONE';
      const written = none ? 'set to NONE' : 'empty';
      const isListen = CONF_DATA.listenFlags.properties[key] !== undefined;
      const before = catalog.property(key, plan.from, plan.edition);
      const refusedBefore = isListen ? before !== undefined : before?.enum !== undefined;
      const notNew = refusedBefore ? notNewWithUpgrade : '';
      const remediation = `Give ${key} a value, or remove the ${setting.origin.kind === 'env' ? 'variable' : 'line'} so that Kong's default applies.`;
      if (isListen) {
        ctx.report({ messageId: 'emptyListen', at: setting.origin, severity: 'blocker', data: { key, written, to, notNew }, remediation });
      } else if (facts.enum) {
        const reading = none ? 'the word NONE' : 'no value';
        ctx.report({ messageId: 'emptyEnum', at: setting.origin, severity: 'blocker', data: { key, written, reading, to, allowed: [...facts.enum, ...valuesAddedBy(key)].join(', '), notNew }, remediation });
      }
    }

    /** Values the curated data says a version up to the target added to the property's list. */
    function valuesAddedBy(key: string): string[] {
      return changesOfKind('value-added')
        .filter((c) => changeCovers(c, key) && (c.edition !== 'ee' || plan.edition === 'enterprise') && KongVersion.parse(c.introducedIn).lte(plan.to))
        .flatMap((c) => c.values ?? []);
    }

    function checkListen(setting: ConfSetting): void {
      const subsystem = CONF_DATA.listenFlags.properties[setting.key];
      if (!subsystem || !catalog.property(setting.key, plan.to, plan.edition)) return;
      const table = [...CONF_DATA.listenFlags.byVersion].reverse().find((row) => KongVersion.parse(row.from).lte(plan.to));
      if (!table) return;
      for (const entry of splitKongArray(setting.value)) {
        const problem = listenProblem(entry, table[subsystem]);
        if (problem) {
          // Later Enterprise builds may know flags the last OSS code did not: not a blocker there.
          const severity = catalog.beyondOss(plan.to) && problem.startsWith('unknown flag') ? 'warning' : 'blocker';
          ctx.report({ messageId: 'badListen', at: setting.origin, severity, data: { key: setting.key, entry, problem, to } });
        }
      }
    }

    /**
     * `headers`, `headers_upstream`, `dns_order` and `resolver_family` take only entries from Kong's tables
     * (src/knowledge/conf/list-entries.ts): `server_tokens=off`, or names separated by blanks
     * instead of commas, stop Kong at start-up.
     */
    function checkListEntries(setting: ConfSetting): void {
      const { key } = setting;
      const accepted = acceptedListEntries(key, plan.to, plan.edition);
      if (!accepted || !catalog.property(key, plan.to, plan.edition)) return;
      const before = catalog.property(key, plan.from, plan.edition) ? acceptedListEntries(key, plan.from, plan.edition) : undefined;
      for (const entry of splitKongArray(setting.value)) {
        if (accepted.accepts(entry) || isVaultReference(entry)) continue;
        const notNew = before && !before.accepts(entry) ? notNewWithUpgrade : '';
        const certainty = beyondOss ? ` (Kong ${to} is past the last open-source release whose code lists them, so a later build may accept more.)` : '';
        ctx.report({
          messageId: 'badListEntry', at: setting.origin, severity: beyondOss ? 'warning' : 'blocker',
          data: { key, entry: printable(key, entry), to, allowed: accepted.entries.join(', '), notNew, certainty },
          remediation: `Keep only the entries Kong ${to} accepts in ${key}, separated by commas.`,
        });
      }
    }

    /**
     * The conf loader's own checks after parsing (src/knowledge/conf/startup-checks.ts):
     * `lua_max_uri_args = 2000`, `trusted_ips = 10.0.0.0/255.0.0.0` or `proxy_server =
     * proxy:3128` stop `kong start`. The message says when the source refuses the value too
     * (a config broken already rather than by the upgrade).
     */
    function checkStartupRefusal(setting: ConfSetting): void {
      const { key } = setting;
      if (!catalog.property(key, plan.to, plan.edition)) return;
      const reason = startupRefusal(key, setting.value, plan.to);
      if (!reason) return;
      // Only a refusal the source is known to share is mentioned: before 2.8.0 nobody read the
      // loader for these checks, and a source whose property predates the open-source check
      // (Enterprise code is not read) may or may not have had it.
      const refusedBefore = catalog.property(key, plan.from, plan.edition) && plan.from.gte(STARTUP_CHECKS_READ_FROM) && startupRefusal(key, setting.value, plan.from);
      const history = refusedBefore ? notNewWithUpgrade : '';
      ctx.report({
        messageId: 'refusedValue', at: setting.origin, severity: beyondOss ? 'warning' : 'blocker',
        data: { key, value: printable(key, setting.value), reason, to, history, certainty: checkCertainty },
        remediation: `Give ${key} a value Kong ${to} accepts, or remove the ${setting.origin.kind === 'env' ? 'variable' : 'line'} so that Kong's default applies.`,
      });
    }

    /**
     * Settings the loader refuses together (src/knowledge/conf/startup-requirements.ts):
     * `role = data_plane` on a node that keeps `database = postgres`, `ssl_cert` without
     * `ssl_cert_key` while a listener has `ssl`. Values come from the user's settings, else the
     * release's defaults; a vault reference among them is resolved only at start, so nothing is
     * said then.
     */
    function checkRequirements(): void {
      const fromChecked = plan.from.gte(STARTUP_CHECKS_READ_FROM) ? new Set(requirementsOn(plan.from)) : new Set<StartupRequirement>();
      for (const requirement of requirementsOn(plan.to)) {
        const target = viewOn(plan.to);
        const problem = requirement.problem(target.view);
        if (!problem || target.readVaultReference() || target.readUnknown()) continue;
        const at = requirement.cite.map((key) => conf.get(key)).find((s) => s !== undefined);
        if (!at) continue;
        // Only a refusal the source's loader is known to share (its own defaults applied) is mentioned.
        const history = fromChecked.has(requirement) && requirement.problem(viewOn(plan.from).view) ? notNewWithUpgrade : '';
        ctx.report({
          messageId: 'unmetRequirement', at: at.origin, severity: beyondOss ? 'warning' : 'blocker',
          data: { problem, to, history, certainty: checkCertainty, requirement: requirement.id },
          remediation: requirement.remedy,
        });
      }
    }

    /**
     * The values Kong `version` would hold: the user's settings, else that release's defaults.
     * `readUnknown` tells that a value read may not be what Kong holds: the setting's value is
     * kept where it is not read (a Secret, the shell, a KONG_*_FILE file), or the property was
     * taken at its default while a source of unknown settings feeds the node (an envFrom Secret,
     * an unread compose override or kong.conf): a combination judged from such a value could be a
     * refusal that is not there, so none is reported.
     */
    function viewOn(version: Plan['to']): { view: RequirementView; readVaultReference(): boolean; readUnknown(): boolean } {
      let vault = false;
      let unknown = false;
      const view: RequirementView = {
        value(key) {
          const value = effectiveValue(conf, key, { to: version, edition: plan.edition });
          if (value !== undefined && splitKongArray(value).some(isVaultReference)) vault = true;
          const explicit = conf.raw(key);
          if (explicit?.unreadableFrom !== undefined || unreadKeys.has(key) || (explicit === undefined && unknownSources)) unknown = true;
          return value;
        },
      };
      return { view, readVaultReference: () => vault, readUnknown: () => unknown };
    }

    /** Curated restrictions and deprecations of values on the path. */
    function checkRestrictions(): void {
      for (const change of changesOfKind('value-restricted', 'value-deprecated')) {
        const since = changeReachedAt(change, plan);
        const wayBack = since ? undefined : wayBackReachedAt(change);
        if (!since && !wayBack) continue;
        if (change.unlessSetting && conditionHolds(conf, change.unlessSetting, plan)) continue;
        // Settings the restriction needs to matter at all (pg_ssl_verify only with TLS to PostgreSQL).
        if (!allConditionsHold(conf, change.when, plan)) continue;
        for (const setting of conf.settings()) {
          if (!changeCovers(change, setting.key)) continue;
          if (since && change.kind === 'value-deprecated' && change.values?.includes(setting.value)) {
            ctx.report({ messageId: 'deprecatedValue', at: setting.origin, since, severity: change.severity,
              data: { key: setting.key, value: printable(setting.key, setting.value), since, note: ` ${change.note}` } });
          }
          const tokens = restrictedTokens(change, setting.value);
          if (change.kind !== 'value-restricted' || tokens.length === 0) continue;
          const listed = tokens.join(' and ');
          // A switch written at its default is a choice some changes turn on (pg_ssl_verify = off
          // under tls_certificate_verify): only lists of versions are read as copied defaults.
          const isSwitch = catalog.property(setting.key, plan.to, plan.edition)?.type === 'boolean';
          const copied = since && !isSwitch && copiedSourceDefault(setting.key, setting.value);
          if (copied) {
            ctx.report({ messageId: 'restrictedCopiedDefault', at: setting.origin, since, severity: 'info',
              data: { key: setting.key, value: printable(setting.key, setting.value), tokens: listed, from: plan.from.toString(), since, note: ` ${change.note}`, newDefault: copied.newDefault },
              remediation: copied.remediation ?? change.remediation ?? restrictedRemediation(change, setting.key, listed) });
          } else if (since) {
            ctx.report({ messageId: isSwitch ? 'restrictedSwitch' : 'restricted', at: setting.origin, since, severity: change.severity,
              data: { key: setting.key, tokens: listed, value: printable(setting.key, setting.value), since, note: ` ${change.note}` },
              remediation: change.remediation ?? restrictedRemediation(change, setting.key, listed) });
          } else if (wayBack) {
            ctx.report({ messageId: 'restrictedWayBack', at: setting.origin, since: wayBack, severity: 'info',
              data: { key: setting.key, tokens: listed, since: releaseOnLine(plan.from, plan.edition, change.introducedIn, change.backportedTo), available: wayBack, workaround: change.workaround! },
              remediation: `Remove ${listed} from ${setting.key} once no peer needs them; until then ${change.workaround}.` });
          }
        }
      }
    }

    /**
     * When a value is the source's own default written out (the same tokens in the same order):
     * what the target's default is, when that one differs, and the remediation that follows.
     */
    function copiedSourceDefault(key: string, value: string): { newDefault: string; remediation?: string } | undefined {
      const sourceDefault = catalog.property(key, plan.from, plan.edition)?.default;
      if (typeof sourceDefault !== 'string' || !sameTokens(value, sourceDefault)) return undefined;
      const targetDefault = catalog.property(key, plan.to, plan.edition)?.default;
      if (typeof targetDefault !== 'string' || sameTokens(targetDefault, sourceDefault)) return { newDefault: '' };
      return {
        newDefault: ` Kong ${to}'s own default is \`${targetDefault}\`.`,
        remediation: `Delete the line so that Kong ${to}'s default (\`${targetDefault}\`) applies, and move peers that still need the listed versions to a newer one.`,
      };
    }

    /**
     * For a restriction the source already runs: the release on the path from which its
     * workaround helps, when the source lacks it (3.4 -> 3.6.1: ssl_cipher_suite = old lowers
     * OpenSSL's security level from 3.6.1.0). Undefined otherwise.
     */
    function wayBackReachedAt(change: ConfChange): string | undefined {
      const helps = change.workaroundFrom;
      if (!helps || !change.workaround) return undefined;
      if (change.edition === 'ee' && plan.edition !== 'enterprise') return undefined;
      if (!versionCarries(plan.from, plan.edition, change.introducedIn, change.backportedTo)) return undefined;
      return reachedWithBackports(plan, helps.release, helps.backportedTo);
    }

    /**
     * What to do about a restricted value, as the target allows: the workaround where the target
     * carries it, otherwise removal, and the first release of the target's line (or 3.6.1) where
     * the workaround would help.
     */
    function restrictedRemediation(change: ConfChange, key: string, listed: string): string {
      const helps = change.workaroundFrom;
      if (!helps || !change.workaround) return `Remove ${listed} from ${key}.`;
      if (versionCarries(plan.to, plan.edition, helps.release, helps.backportedTo)) {
        return `Remove ${listed} from ${key} once no peer needs them; until then ${change.workaround}.`;
      }
      const first = releaseForEdition(releaseOnLine(plan.to, plan.edition, helps.release, helps.backportedTo), plan.edition);
      return `Move the peers that need ${listed} to a newer version and remove ${listed} from ${key}: Kong ${to} has no setting that makes them work again. ` +
        `If a peer cannot move, target ${first} or later and ${change.workaround}.`;
    }
  },
});

/** Two kong.conf list values with the same tokens in the same order (Kong splits on commas and blanks). */
function sameTokens(a: string, b: string): boolean {
  const tokens = (text: string) => text.split(/[\s,]+/).filter((t) => t !== '');
  const left = tokens(a);
  const right = tokens(b);
  return left.length === right.length && left.every((t, i) => t === right[i]);
}
