// In hybrid mode the control plane compares its plugins with those each data plane reports. For
// every plugin the configuration uses, it withholds configuration updates from a data plane that
// lacks the plugin, or whose copy has another major version or a newer minor than its own
// (kong/clustering/compat/init.lua check_configuration_compatibility, the same at 3.4.0 and
// 3.9.3; control_plane.lua skips the push with "unable to send updated configuration"). A
// custom plugin upgraded on one side only cuts the data planes off their updates.

import { defineRule } from '../../src/engine/define-rule';
import { fieldAssignments } from '../../src/inputs/lua/code';
import type { CustomPlugin } from '../../src/inputs/plugins/types';

export default defineRule<'controlPlane' | 'dataPlane'>({
  id: 'plugins/hybrid-plugin-set',
  description: 'Reminds hybrid nodes with custom plugins that the control plane withholds configuration from data planes whose copy of a plugin is missing or of another version.',
  severity: 'warning',
  inputs: ['customPlugins'],
  gate: { topologies: ['hybrid'] },
  messages: {
    controlPlane: 'Custom plugin `{{plugin}}` ({{version}}) is installed on this control plane. For configuration that uses it, the upgraded control plane sends updates only to data planes that load `{{plugin}}` with the same major version and a minor no newer than its own: a data plane without it, or with another version, keeps its last configuration and gets no updates.',
    dataPlane: 'Custom plugin `{{plugin}}` ({{version}}) is installed on this data plane. For configuration that uses it, the control plane sends updates here only while this copy has the control plane\'s major version and no newer minor; if the control plane lacks the plugin or runs another version, this data plane keeps its last configuration and gets no updates.',
  },
  remediation: 'Install the same version of each custom plugin on the control plane and on every data plane, and list it in `plugins` on both, as part of the upgrade; check the control plane\'s log for "unable to send updated configuration to data plane".',
  docsUrl: 'https://developer.konghq.com/gateway/hybrid-mode/',
  sources: [
    { kind: 'repo', ref: 'Kong/kong:kong/clustering/compat/init.lua@3.4.0', note: 'check_configuration_compatibility: a configured plugin missing from the data plane (PLUGIN_SET_INCOMPATIBLE) or of another major or a newer minor (PLUGIN_VERSION_INCOMPATIBLE) fails the check' },
    { kind: 'repo', ref: 'Kong/kong:kong/clustering/compat/init.lua@3.9.3', note: 'the same checks' },
    { kind: 'repo', ref: 'Kong/kong:kong/clustering/control_plane.lua@3.4.0', note: 'a failed check skips the configuration push to that data plane ("unable to send updated configuration to data plane")' },
  ],
  check(ctx) {
    const dataPlane = ctx.plan.role === 'data_plane';
    for (const plugin of ctx.input('customPlugins').plugins) {
      ctx.report({ messageId: dataPlane ? 'dataPlane' : 'controlPlane', at: plugin.origin, data: { plugin: plugin.name, version: versionOf(plugin) } });
    }
  },
});

/** The handler's VERSION when it is a string literal; the check compares its major and minor. */
function versionOf(plugin: CustomPlugin): string {
  const assignment = plugin.handler ? fieldAssignments(plugin.handler.code, 'VERSION')[0] : undefined;
  const literal = assignment?.value.length === 1 && assignment.value[0].kind === 'string' ? assignment.value[0].value : undefined;
  if (literal) return `VERSION ${literal}`;
  return plugin.language === 'lua' ? 'VERSION not readable here' : `a ${plugin.language} plugin`;
}
