// A kong.conf that names a distribution's CA bundle path in `lua_ssl_trusted_certificate`
// (`/etc/ssl/cert.pem`, Alpine's) on a node whose image moves to another base on the upgrade
// path: Kong's own bundle lookup expects the new base's bundle elsewhere, and a path that does
// not exist is a configuration error, so Kong would not start. Said only for Kong's images, whose
// bases are known release by release; a host keeps its distribution through an upgrade.

import { defineRule } from '../../src/engine/define-rule';
import { splitKongArray } from '../../src/inputs/kong-conf/values';
import { CA_BUNDLE_FACTS, systemCaBundleAt, systemCaBundleFor } from '../../src/knowledge/platform/ca-bundles';
import type { ImageBase } from '../../src/knowledge/platform/image-os';

export default defineRule<'bundleOfOldBase'>({
  id: 'platform/ca-bundle-path',
  description: 'Flags a `lua_ssl_trusted_certificate` that names the CA bundle path of an image base the upgrade path leaves.',
  severity: 'warning',
  inputs: ['kongConf', 'imageOs'],
  messages: {
    bundleOfOldBase: '`lua_ssl_trusted_certificate` names `{{path}}`, where Kong\'s own `system` lookup finds the CA bundle on {{label}}; the image moves from {{before}} to {{after}} at {{target}}, where that lookup expects `{{expected}}`. A path the new image lacks is a configuration error, and Kong does not start.',
  },
  remediation: 'Set `lua_ssl_trusted_certificate = system` (the default from 3.0: Kong then finds the image\'s own bundle), or make sure the new image holds the file (a mount or a COPY); a bundle of your own CAs belongs at a path of your own.',
  docsUrl: 'https://developer.konghq.com/gateway/configuration/',
  sources: [...CA_BUNDLE_FACTS.sources],
  check(ctx) {
    const setting = ctx.input('kongConf').get('lua_ssl_trusted_certificate');
    const imageOs = ctx.input('imageOs');
    const before = imageOs.current;
    if (!setting || !before) return;
    for (const element of splitKongArray(setting.value)) {
      const named = systemCaBundleAt(element.trim());
      if (!named?.bases.includes(before.os)) continue;
      // The first stop whose base keeps its bundle somewhere else.
      const moved = imageOs.hops.map((hop) => ({ hop, expected: systemCaBundleFor(hop.base.os) }))
        .find(({ hop, expected }) => !named.bases.includes(hop.base.os) && expected !== undefined && expected.path !== named.path);
      if (!moved) continue;
      ctx.report({
        messageId: 'bundleOfOldBase',
        at: setting.origin,
        since: moved.hop.to,
        data: { path: named.path, label: named.label, before: describe(before), after: describe(moved.hop.base), target: moved.hop.to.toString(), expected: moved.expected!.path },
      });
    }
  },
});

function describe(base: ImageBase): string {
  return base.version ? `${base.os} ${base.version}` : base.os;
}
