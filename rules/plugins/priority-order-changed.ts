// Flags custom plugins whose PRIORITY lies between the old and new priority of an enabled
// bundled plugin: after the upgrade the two run in the opposite order (an auth plugin that used
// to run after the custom one now runs before it, or the reverse).

import { defineRule } from '../../src/engine/define-rule';
import { fieldAssignments } from '../../src/inputs/lua/code';
import { enabledPlugins } from '../../src/inputs/plugins/enabled-list';
import { tokenOrigin } from '../../src/inputs/plugins/origin';
import { reachedWithBackports } from '../../src/knowledge/enterprise-backports';
import { bundledPlugins } from '../../src/knowledge/plugins/bundled';
import { pluginFacts } from '../../src/knowledge/plugins/facts';
import { CORRELATION_ID_SOURCES, KONNECT_APP_AUTH_SOURCES, priorityChanges } from '../../src/knowledge/plugins/priorities';
import type { PriorityChange } from '../../src/knowledge/plugins/types';
import { KongVersion } from '../../src/version/kong-version';

export default defineRule<'orderFlips'>({
  id: 'plugins/priority-order-changed',
  description: 'Flags custom plugins whose execution order relative to a bundled plugin flips because that plugin\'s priority changed.',
  severity: 'warning',
  versionData: ['since'],
  catalog: ['plugin-priority-changes-3-0', 'plugin-saml-priority-1010', 'plugin-service-protection-priority', 'plugin-konnect-application-auth-priority-960'],
  inputs: ['customPlugins'],
  messages: {
    orderFlips: '{{plugin}} (PRIORITY {{priority}}) ran {{before}} {{bundled}}; from Kong {{since}} their new priorities make them run {{after}} it.',
  },
  remediation: 'Check whether the custom plugin depends on running before or after that plugin; adjust its PRIORITY, or use dynamic plugin ordering (Enterprise).',
  docsUrl: pluginFacts.priorityChanges30.docsUrl,
  sources: [...pluginFacts.priorityChanges30.sources, ...CORRELATION_ID_SOURCES, ...KONNECT_APP_AUTH_SOURCES],
  check(ctx) {
    const { from, edition } = ctx.plan;
    // Without kong.conf, Kong's default `plugins = bundled` is what runs.
    const conf = ctx.optionalInput('kongConf');
    const listed = conf ? enabledPlugins(conf) : { explicit: [], includesBundled: true };
    const enabled = new Set([...(listed.includesBundled ? bundledPlugins(from, edition).names : []), ...listed.explicit.map((e) => e.name)]);
    // Plugins Enterprise bundles without a docs page (konnect-application-auth): loaded on the target by `bundled`.
    const bundledOnTarget = (c: PriorityChange) => edition === 'enterprise' && listed.includesBundled
      && c.enterpriseBundledFrom !== undefined && KongVersion.parse(c.enterpriseBundledFrom).lte(ctx.plan.to);
    // A change reaches the path at its introduction or, on Enterprise, at the backport of a line the path ends a hop on.
    const changes = priorityChanges
      .filter((c) => (enabled.has(c.plugin) || bundledOnTarget(c)) && (c.edition === 'oss+ee' || (c.edition === 'ee' ? edition === 'enterprise' : edition === 'oss')))
      .flatMap((c) => {
        const since = reachedWithBackports(ctx.plan, c.introducedIn, c.backportedTo);
        return since ? [{ ...c, since }] : [];
      });
    for (const plugin of ctx.input('customPlugins').plugins) {
      if (!plugin.handler) continue;
      for (const assignment of fieldAssignments(plugin.handler.code, 'PRIORITY')) {
        const literal = assignment.value.length === 1 && assignment.value[0].kind === 'number' ? Number(assignment.value[0].value) : NaN;
        if (!Number.isFinite(literal)) continue;
        // One finding per priority line and direction, naming every bundled plugin that moves across it.
        const groups = new Map<string, typeof changes[number][]>();
        for (const change of changes) {
          const low = Math.min(change.from, change.to);
          const high = Math.max(change.from, change.to);
          if (!(literal > low && literal < high)) continue;
          const key = `${change.since}|${literal > change.from ? 'before' : 'after'}`;
          groups.set(key, [...(groups.get(key) ?? []), change]);
        }
        for (const [key, moved] of groups) {
          const [since, direction] = key.split('|');
          // Kong runs higher priorities first: a custom plugin above the old value ran before it.
          ctx.report({
            messageId: 'orderFlips',
            at: tokenOrigin(plugin.handler, assignment.at),
            since,
            ...(moved.every((c) => c.severity === 'info') ? { severity: 'info' as const } : {}),
            data: {
              plugin: plugin.name, priority: literal, since, before: direction, after: direction,
              bundled: moved.map((c) => `${c.plugin} (${c.from === Number.MAX_SAFE_INTEGER ? '+inf' : c.from} -> ${c.to})`).join(', '),
            },
          });
        }
      }
    }
  },
});
