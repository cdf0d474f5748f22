// Bundled plugins that were removed or deprecated. The OSS `bundled` list lost no plugin between
// 2.0.0 and 3.9.3 (data/oss-bundled-plugins.json); the removals below are Enterprise ones.

import type { BundledPluginChange } from './types';

const GATEWAY_CHANGELOG = 'https://developer.konghq.com/gateway/changelog/';

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
];
