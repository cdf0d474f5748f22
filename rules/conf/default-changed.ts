// Flags properties the operator leaves unset while a version on the path changes their default:
// the node's behaviour changes with no line of kong.conf touched. Severity follows the impact
// (curated per change); changes found only by comparing defaults are informational.

import { defineRule } from '../../src/engine/define-rule';
import { confCatalog } from '../../src/knowledge/conf/catalog';
import { PROXY_ONLY_SOURCES, isProxyOnly, proxiesNoTraffic } from '../../src/knowledge/conf/proxy-only';
import { allConditionsHold, changeReachedAt, changesOfKind, ownedByOtherRule, ruleChanges, ruleCatalog } from '../../src/knowledge/conf/changes';
import type { ConfSetting } from '../../src/inputs/kong-conf/types';
import type { ChangeSeverity, ConfChange } from '../../src/knowledge/conf/types';
import { severityRank } from '../../src/model/finding';
import type { Origin } from '../../src/model/origin';
import { KongVersion } from '../../src/version/kong-version';

const ID = 'conf/default-changed';
const LISTENERS = ['proxy_listen', 'admin_listen', 'admin_gui_listen', 'stream_listen', 'cluster_listen', 'cluster_telemetry_listen'];

interface DefaultEvent {
  property: string;
  introducedIn: string;
  from: string | null;
  to: string | null;
  severity: ChangeSeverity;
  curated?: ConfChange;
}

export default defineRule<'defaultChanged' | 'newProperty'>({
  id: ID,
  description: 'Flags unset properties whose default changes on the upgrade path, so behaviour changes without any edit.',
  severity: 'info',
  versionData: ['since'],
  inputs: ['kongConf'],
  changes: ruleChanges(ID),
  catalog: ruleCatalog(ID),
  messages: {
    defaultChanged: '`{{key}}` is not set, so it follows the default, which changes from {{from}} to {{to}} in {{since}}.{{note}}',
    newProperty: '`{{key}}` appears in {{since}} with the default {{to}}, which the settings read here do not override.{{note}}',
  },
  remediation: 'Decide which behaviour you want and set the property explicitly in kong.conf, so the upgrade does not change it behind your back.',
  docsUrl: 'https://developer.konghq.com/gateway/configuration/',
  sources: [
    { kind: 'repo', ref: 'Kong/kong:kong/templates/kong_defaults.lua@3.9.3', note: 'defaults per minor (generated)' },
    { kind: 'docs', ref: 'https://developer.konghq.com/gateway/configuration/', note: 'Enterprise defaults 3.10-3.15' },
    ...PROXY_ONLY_SOURCES,
  ],
  check(ctx) {
    const conf = ctx.input('kongConf');
    const { plan } = ctx;
    const catalog = confCatalog();
    const anchor: Origin = conf.anchor() ?? { kind: 'global', file: conf.file };
    // The proxy blocks of the template are not rendered on this node: their settings do nothing here.
    const noProxy = proxiesNoTraffic(conf, plan);

    const byProperty = new Map<string, DefaultEvent[]>();
    for (const event of eventsOnPath()) {
      if (!byProperty.has(event.property)) byProperty.set(event.property, []);
      byProperty.get(event.property)!.push(event);
    }
    for (const [property, events] of byProperty) {
      // Keys judged by a dedicated rule (pg_ssl_version, Cassandra) are theirs, defaults included.
      if (setByUser(property) || ownedByOtherRule(property, ID, plan)) continue;
      if (noProxy && isProxyOnly(property)) continue;
      if (!catalog.property(property, plan.to, plan.edition)) continue;
      const relevant = events.flatMap((e) => applicable(e) ?? []);
      if (relevant.length === 0) continue;
      const worst = relevant.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a));
      const from = relevant[0].from;
      const to = relevant[relevant.length - 1].to;
      let severity = worst.severity;
      let note = worst.curated ? ` ${worst.curated.note}` : '';
      const port = worst.curated?.portClash;
      const listener = port ? listenerOn(port) : undefined;
      if (listener) {
        severity = 'warning';
        note += ` \`${listener.key}\` (${whereSet(listener)}) already uses port ${port}.`;
      }
      const isNew = from === null && !catalog.property(property, plan.from, plan.edition);
      ctx.report({
        messageId: isNew ? 'newProperty' : 'defaultChanged',
        at: anchor,
        since: worst.introducedIn,
        severity,
        data: { key: property, from: show(from), to: show(to), since: stepsText(relevant, worst.introducedIn), note },
        remediation: isNew
          ? `Set ${property} explicitly if its default does not suit this node.`
          : from === null
            // Kong reads an empty value as unset and then applies the new default
            // (kong/conf_loader/init.lua@3.0.0), so the old unset state cannot be written down.
            ? `Set ${property} to the value this node needs (an empty value counts as unset and gets the new default), or accept ${show(to)}.`
            : `Set ${property} explicitly (to ${show(from)} to keep today's behaviour, or to ${show(to)} to accept the new one).`,
      });
    }

    /**
     * The event as it concerns this node, or undefined when it does not: a curated change whose
     * conditions fail drops out, unless it names a lower `otherwiseSeverity` for that case (the
     * lua_ssl_protocols default of 3.6.1 matters for ssl_cipher_suite = old; elsewhere TLS 1.1
     * already fails from 3.4.0).
     */
    function applicable(event: DefaultEvent): DefaultEvent | undefined {
      const change = event.curated;
      if (!change) return event;
      if (change.unlessSet?.some((k) => conf.get(k))) return undefined;
      if (allConditionsHold(conf, change.when, plan)) return event;
      return change.otherwiseSeverity ? { ...event, severity: change.otherwiseSeverity } : undefined;
    }

    /** Computed default changes, replaced or silenced by curated ones of the same property and minor. */
    function eventsOnPath(): DefaultEvent[] {
      const curated = changesOfKind('default-changed').filter((c) => c.edition === 'oss+ee' || plan.edition === 'enterprise');
      const curatedAt = (property: string, minor: string) =>
        curated.find((c) => c.properties?.includes(property) && KongVersion.parse(c.introducedIn).minorKey === minor);
      const events: DefaultEvent[] = [];
      // Every default of every minor: computed once per check, not once per curated change.
      const steps = catalog.defaultSteps(plan.edition);
      for (const step of steps) {
        if (sameValue(step.from, step.to) || curatedAt(step.name, step.version)) continue;
        if (step.to === null && takenOverBy(step.name, step.version, step.from)) continue;
        events.push({ property: step.name, introducedIn: `${step.version}.0`, from: step.from, to: step.to, severity: 'info' });
      }
      for (const change of curated) {
        const since = changeReachedAt(change, plan);
        if (change.suppress || !since) continue;
        for (const property of change.properties ?? []) {
          const minor = KongVersion.parse(change.introducedIn).minorKey;
          const computed = steps.find((s) => s.name === property && s.version === minor);
          const from = change.from !== undefined ? change.from : computed ? computed.from : catalog.property(property, plan.from, plan.edition)?.default ?? null;
          const to = change.to !== undefined ? change.to : computed ? computed.to : catalog.property(property, plan.to, plan.edition)?.default ?? null;
          if (sameValue(from, to)) continue;
          events.push({ property, introducedIn: since, from, to, severity: change.severity ?? 'info', curated: change });
        }
      }
      return events
        .filter((e) => e.curated || ctx.crosses(e.introducedIn))
        .sort((a, b) => KongVersion.parse(a.introducedIn).compare(KongVersion.parse(b.introducedIn)));
    }

    /**
     * A directive property whose default became unset because a new property now writes the
     * directive with that same default (2.1: ssl_protocols writes nginx_http_ssl_protocols and
     * nginx_stream_ssl_protocols): the effective value does not change.
     */
    function takenOverBy(property: string, minor: string, oldDefault: string | null): boolean {
      const writer = catalog.directiveWriter(property, KongVersion.parse(`${minor}.0`), plan.edition);
      return writer !== undefined && sameValue(writer.default ?? null, oldDefault);
    }

    /** Set directly, or through an older name that still feeds it on the source. */
    function setByUser(property: string): boolean {
      if (conf.raw(property)) return true;
      return conf.settings().some((s) => {
        const facts = catalog.property(s.key, plan.from, plan.edition);
        return facts?.alias === property || facts?.deprecated?.replacement === property;
      });
    }

    /** The listener setting that already binds `port`, wherever it was read (kong.conf, a compose file, the environment). */
    function listenerOn(port: number): ConfSetting | undefined {
      return LISTENERS.map((key) => conf.get(key)).find((setting) => setting !== undefined && new RegExp(`:${port}(\\s|,|$)`).test(setting.value));
    }
  },
});

/** `set at compose.yml:12` or `KONG_ADMIN_LISTEN`: where the operator finds the setting. */
function whereSet(setting: ConfSetting): string {
  return setting.origin.kind === 'file' ? `set at ${setting.origin.file}:${setting.origin.line}` : `${setting.origin.env}`;
}

/**
 * When the default moves more than once on the path (OSS upstream_keepalive_max_requests: 1000
 * in 3.4.1, 10000 in 3.6.0), each step is named with its value, so one finding does not date
 * the whole change to a single release.
 */
function stepsText(events: readonly DefaultEvent[], since: string): string {
  const steps = events.filter((e, i) => i === 0 || e.introducedIn !== events[i - 1].introducedIn);
  if (steps.length < 2) return since;
  const parts = steps.map((e) => `${e.introducedIn} (to ${show(e.to)})`);
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function show(value: string | null): string {
  return value === null ? 'unset' : `\`${value}\``;
}

/** Sources differ in spacing after commas and in the case of header names; neither is a change. */
function sameValue(a: string | null, b: string | null): boolean {
  const norm = (v: string | null) => (v === null ? null : v.replace(/\s*,\s*/g, ',').toLowerCase());
  return norm(a) === norm(b);
}
