// Enterprise fallback configuration (cluster_fallback_config_export / _import) is stored under the
// exporting node's Kong version (`<prefix>/3.6.0.0/config.json`), and Kong's docs ask for exporting
// and importing nodes of the identical version, moved to the same new one together on an upgrade,
// with the export checked afterwards. A node that takes part in it is told what the upgrade does
// to its fallback: an upgraded importer finds none until an exporter of its version has written one.

import { defineRule } from '../../src/engine/define-rule';

const DOCS = 'https://developer.konghq.com/gateway/cp-outage/';
const ON = new Set(['on', 'true']);

export default defineRule<'importer' | 'exporter'>({
  id: 'conf/fallback-config-version',
  description: 'Tells nodes that export or import the Enterprise fallback configuration that it only serves nodes of the identical Kong version.',
  severity: 'warning',
  inputs: ['kongConf'],
  gate: { editions: ['enterprise'] },
  messages: {
    importer: '`cluster_fallback_config_import` is on: this data plane imports the fallback configuration an exporter of the identical Kong version wrote (the storage key carries the version). Upgraded to {{to}}, it has no fallback until an exporter on {{to}} has exported one.',
    exporter: '`cluster_fallback_config_export` is on: this node exports fallback configuration under its own Kong version, which only importers of that identical version use. Once it runs {{to}}, importers left on another version lose their fallback, and the ones on {{to}} have none until its first export.',
  },
  remediation: 'Upgrade exporting and importing nodes to the same full version tag together (not a floating one such as 3.11), and check that the configuration is exported again under the new version before relying on the fallback.',
  docsUrl: DOCS,
  sources: [
    { kind: 'repo', ref: 'Kong/developer.konghq.com:app/gateway/cp-outage.md@bc1cd742', note: 'FAQ line 39: the exporting and importing instances need an identical KONG_VERSION; on an upgrade move both to the same new tag and validate the re-export. Lines 134-136: object keys carry the Kong version (test-prefix/3.6.0.0/config.json)' },
    { kind: 'repo', ref: 'Kong/developer.konghq.com:app/_data/kong-conf/3.10.json@bc1cd742', note: 'cluster_fallback_config_import (data planes only) and cluster_fallback_config_export, both default off' },
  ],
  check(ctx) {
    if (ctx.plan.hops.length === 0) return;
    const conf = ctx.input('kongConf');
    const to = ctx.plan.to.toString();
    for (const [key, messageId] of [['cluster_fallback_config_import', 'importer'], ['cluster_fallback_config_export', 'exporter']] as const) {
      const setting = conf.get(key);
      if (setting && ON.has(setting.value.trim().toLowerCase())) ctx.report({ messageId, at: setting.origin, data: { to } });
    }
  },
});
