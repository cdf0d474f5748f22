// Enterprise 3.14 changes what event hook webhooks send and accept: the body signature in
// `x-kong-signature` becomes an HMAC-SHA256 (it was HMAC-SHA1), and webhook handlers verify the
// receiver's certificate by default. Event hooks live only in the database (the Enterprise
// `event_hooks` table), so only the database input can show which hooks are concerned.

import { defineRule } from '../../src/engine/define-rule';
import { confTurnsOff } from '../../src/engine/entity-facts';
import { EVENT_HOOKS_314 } from '../../src/knowledge/database/facts';
import type { EventHookRow } from '../../src/inputs/database/types';

export default defineRule<'signed' | 'verifyOff' | 'verifyUnset'>({
  id: 'db/event-hook-webhooks',
  description: 'Flags Enterprise event hook webhooks that 3.14 signs with HMAC-SHA256 or that start verifying the receiver\'s certificate.',
  catalog: ['event-hooks-sha256-and-ssl-verify'],
  severity: 'warning',
  inputs: ['database'],
  gate: { introducedIn: EVENT_HOOKS_314.introducedIn, editions: ['enterprise'] },
  versionData: ['since'],
  messages: {
    signed: 'Event hook {{hook}} ({{handler}} on {{source}}) signs its calls with its secret: from {{since}} `x-kong-signature` holds an HMAC-SHA256 of the body instead of an HMAC-SHA1, so a receiver that checks it rejects the calls until it computes SHA256 (and, while nodes of both versions run, accepts both).',
    verifyOff: 'Event hook {{hook}} ({{handler}} on {{source}}) calls an https URL with ssl_verify false, which every hook created before {{since}} without the field stores (the old default): from {{since}} webhook handlers verify the receiver\'s certificate by default, and the release notes do not say a stored false keeps it off, so a self-signed or privately issued certificate can make the calls fail.',
    verifyUnset: 'Event hook {{hook}} ({{handler}} on {{source}}) calls an https URL without ssl_verify: from {{since}} webhook handlers verify the receiver\'s certificate by default, so a self-signed or privately issued certificate makes the calls fail.',
  },
  remediation: 'Make receivers that check `x-kong-signature` accept HMAC-SHA256 (and SHA1 during a rolling upgrade); give https receivers a certificate Kong trusts (lua_ssl_trusted_certificate), or keep tls_certificate_verify = off, which restores the old verification behaviour.',
  docsUrl: EVENT_HOOKS_314.docsUrl,
  sources: [...EVENT_HOOKS_314.sources],
  check(ctx) {
    // No table (an OSS database) means no hooks: the change is checked and nothing is concerned.
    const hooks = ctx.input('database').eventHooks ?? [];
    const verificationKeptOff = confTurnsOff(ctx, EVENT_HOOKS_314.liftedByConfOff);
    for (const hook of hooks) {
      if (!EVENT_HOOKS_314.webhookHandlers.includes(hook.handler)) continue;
      const data = { hook: hook.id, handler: hook.handler, source: describeSource(hook), since: EVENT_HOOKS_314.introducedIn };
      if (hook.signed) ctx.report({ messageId: 'signed', at: { ...hook.origin, field: 'config.secret' }, data });
      if (hook.urlScheme !== 'https' || hook.sslVerify === true || verificationKeptOff) continue;
      ctx.report({ messageId: hook.sslVerify === false ? 'verifyOff' : 'verifyUnset', at: { ...hook.origin, field: 'config.ssl_verify' }, data });
    }
  },
});

/** `crud/consumers`, or the source alone for hooks on every event of it. */
function describeSource(hook: EventHookRow): string {
  return hook.event ? `${hook.source}/${hook.event}` : hook.source;
}
