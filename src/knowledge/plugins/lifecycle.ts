// Bundled plugins that were removed or deprecated. The OSS `bundled` list lost no plugin between
// 2.0.0 and 3.9.3 (data/oss-bundled-plugins.json); the removals below are Enterprise ones.
// Where no changelog names a removal, the plugin schemas the docs publish per minor date it: a
// plugin that has one up to 3.9 and none from 3.10 is taken as gone in 3.10, uncertain.

import type { BundledPluginChange } from './types';

const GATEWAY_CHANGELOG = 'https://developer.konghq.com/gateway/changelog/';
const PLUGIN_SCHEMAS = (minor: string, file: string) => `Kong/developer.konghq.com:app/_schemas/gateway/plugins/${minor}/${file}@bc1cd742`;

export const bundledPluginChanges: readonly BundledPluginChange[] = [
  {
    name: 'collector', change: 'removed', version: '3.0.0.0', edition: 'ee', confidence: 'high',
    sources: [{ kind: 'changelog', ref: `${GATEWAY_CHANGELOG} (3.0.0.0, kong-ee: the deprecated Collector plugin was removed)` },
      { kind: 'repo', ref: 'Kong/developer.konghq.com:app/_data/changelogs/gateway.json@bc1cd742' }],
  },
  {
    name: 'statsd-advanced', change: 'deprecated', version: '3.0.0.0', edition: 'ee', replacement: 'statsd',
    confidence: 'high', note: 'removal announced for 4.0',
    sources: [{ kind: 'docs', ref: 'https://developer.konghq.com/gateway/breaking-changes/ (3.0.0.0: StatsD Advanced deprecated)' }],
  },
  {
    name: 'kubernetes-sidecar-injector', change: 'deprecated', version: '3.1.1.2', edition: 'ee', confidence: 'uncertain',
    note: 'called deprecated when Kong Manager dropped it from its plugin list in 3.1.1.2; when the code left the package is not documented',
    sources: [{ kind: 'changelog', ref: `${GATEWAY_CHANGELOG} (3.1.1.2, Kong Manager plugin list)` }],
  },
  {
    name: 'upstream-tls', change: 'deprecated', version: '3.1.1.2', edition: 'ee', confidence: 'uncertain',
    note: 'called deprecated when Kong Manager dropped it from its plugin list in 3.1.1.2; when the code left the package is not documented',
    sources: [{ kind: 'changelog', ref: `${GATEWAY_CHANGELOG} (3.1.1.2, Kong Manager plugin list)` }],
  },
  {
    // The classic Dev Portal left in 3.5.0.0, but the plugin kept shipping: 3.8.0.0 only hid it
    // from available_plugins while the portal is off.
    name: 'application-registration', change: 'removed', version: '3.10.0.0', edition: 'ee', confidence: 'uncertain',
    note: 'a classic Dev Portal plugin; the docs publish its schema up to 3.9 and none from 3.10, and no changelog entry names the removal',
    sources: [
      { kind: 'repo', ref: PLUGIN_SCHEMAS('3.9', 'ApplicationRegistration.json'), note: 'the last minor with a schema; app/_schemas/gateway/plugins/3.10/ to 3.15/ have none' },
      { kind: 'changelog', ref: `${GATEWAY_CHANGELOG} (3.8.0.0, kong-ee: application-registration hidden from available_plugins when the Dev Portal is disabled)` },
      { kind: 'changelog', ref: `${GATEWAY_CHANGELOG} (3.5.0.0, kong-ee deprecation: support for the Developer Portal and Vitals removed)` },
    ],
  },
  {
    // Pulled from 3.2 before release (3.2.2.0 changelog), then loaded again by 3.8 and 3.9, whose
    // schemas and referenceable fields the docs list, without a plugin page.
    name: 'datadog-tracing', change: 'removed', version: '3.10.0.0', edition: 'ee', confidence: 'uncertain',
    note: 'never documented as a plugin; the docs publish its schema for 3.8 and 3.9 only',
    sources: [
      { kind: 'repo', ref: PLUGIN_SCHEMAS('3.9', 'DatadogTracing.json'), note: 'present for 3.8 and 3.9; absent from 3.4, 3.7 and 3.10 to 3.15' },
      { kind: 'repo', ref: 'Kong/developer.konghq.com:app/_data/plugins/referenceable_fields/3.9.json@bc1cd742', note: 'lists datadog-tracing (3.8.json too; 3.10.json does not)' },
      { kind: 'changelog', ref: `${GATEWAY_CHANGELOG} (3.2.2.0, kong-ee: the Datadog Tracing plugin removed from the 3.2 release)` },
    ],
  },
];
