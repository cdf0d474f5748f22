// Tells a node that crosses Kong's move to OpenSSL 3 (3.4.0; Enterprise also 2.8.4.2, 3.1.1.5,
// 3.2.2.4) that peers limited to TLS 1.0 or 1.1 stop connecting, although its kong.conf lists
// neither version: the refusal comes from OpenSSL's default security level, not from a setting,
// and the peers themselves (clients, upstreams, PostgreSQL, Redis, identity providers) are not
// visible here. So the note says what to check and what brings those versions back on the target.
// It stays quiet where it would repeat another finding: conf/value-invalid flags a TLSv1/TLSv1.1
// that kong.conf lists, and a node on ssl_cipher_suite = old hears from conf/known-issue (targets
// before 3.6.1, where old sets no level) or is served by old itself (from 3.6.1).

import { defineRule } from '../../src/engine/define-rule';
import { changeCovers, changeReachedAt, changesOfKind, conditionHolds, effectiveValue, restrictedTokens } from '../../src/knowledge/conf/changes';
import type { ConfChange } from '../../src/knowledge/conf/types';
import { releaseOnLine, versionCarries } from '../../src/knowledge/enterprise-backports';
import { releaseForEdition } from '../../src/knowledge/releases';
import type { Origin } from '../../src/model/origin';

const ENTRY = 'openssl3-legacy-tls-refused';

/** The kong.conf restrictions that arrive with OpenSSL 3 (conf-changes.json, conf.tls11.*): they date the move. */
const RESTRICTIONS: readonly ConfChange[] = changesOfKind('value-restricted').filter((c) => c.breakingChanges?.includes(ENTRY));

export default defineRule<'legacyPeers'>({
  id: 'conf/legacy-tls-peers',
  description: 'Tells a node that moves to OpenSSL 3 that peers limited to TLS 1.0 or 1.1 stop connecting, even when kong.conf lists neither.',
  severity: 'info',
  versionData: ['since'],
  inputs: ['kongConf'],
  catalog: [ENTRY],
  changes: [{ id: 'openssl3.legacy-tls-peers', introducedIn: '3.4.0.0', what: 'peers limited to TLS 1.0/1.1 (Enterprise also 2.8.4.2, 3.1.1.5, 3.2.2.4)' }],
  messages: {
    legacyPeers: 'From {{since}} Kong runs on OpenSSL 3, which refuses TLS 1.0 and 1.1 at its default security level, so peers that speak nothing newer stop connecting, and no kong.conf setting here shows it: clients of the proxy and Admin API, upstream services, and the Lua connections to PostgreSQL, Redis or identity providers.',
  },
  remediation: 'Check that every client, upstream and dependency negotiates TLS 1.2 or later before the upgrade.',
  docsUrl: 'https://developer.konghq.com/gateway/breaking-changes/',
  sources: [
    { kind: 'repo', ref: 'Kong/kong:.requirements@3.4.0', note: 'OPENSSL=3.1.1; 3.3.0 builds OpenSSL 1.1.1t' },
    { kind: 'docs', ref: 'https://github.com/openssl/openssl/blob/openssl-3.1.1/NEWS.md', note: '3.0 to 3.1.0: TLS 1.0 and 1.1 only at security level 0' },
    { kind: 'repo', ref: 'Kong/kong:kong/templates/nginx_kong.lua@3.6.1', note: 'ssl_cipher_suite = old sets CipherString DEFAULT:@SECLEVEL=0 for the lua, proxy, grpc and server contexts; no @SECLEVEL up to 3.6.0' },
    { kind: 'repo', ref: 'Kong/kong:kong/templates/kong_defaults.lua@3.6.1', note: 'lua_ssl_protocols defaults to TLSv1.2 TLSv1.3' },
    { kind: 'changelog', ref: 'Kong/developer.konghq.com:app/_data/changelogs/gateway.json@bc1cd742', note: 'Enterprise OpenSSL 3.1.1 in 2.8.4.2, 3.1.1.5, 3.2.2.4; old\'s level in 2.8.4.8, 3.4.3.5, 3.5.0.4' },
  ],
  check(ctx) {
    const conf = ctx.input('kongConf');
    const { plan } = ctx;
    const dating = RESTRICTIONS[0];
    const since = dating && changeReachedAt(dating, plan);
    if (!since) return;
    if (effectiveValue(conf, 'ssl_cipher_suite', plan) === 'old' || listsRefusedVersion()) return;
    const anchor: Origin = conf.anchor() ?? { kind: 'global', file: conf.file };
    ctx.report({ messageId: 'legacyPeers', at: anchor, since, data: { since }, remediation: remediation(dating) });

    /** True when conf/value-invalid reports a TLSv1 or TLSv1.1 that kong.conf lists. */
    function listsRefusedVersion(): boolean {
      return RESTRICTIONS.some((change) => changeReachedAt(change, plan)
        && !(change.unlessSetting && conditionHolds(conf, change.unlessSetting, plan))
        && conf.settings().some((s) => changeCovers(change, s.key) && restrictedTokens(change, s.value).length > 0));
    }

    /** What to check, and what brings the versions back: old where the target honours it, else the first release that does. */
    function remediation(change: ConfChange): string {
      const to = plan.to.toString();
      const check = 'Before the upgrade, check that each peer negotiates TLS 1.2 or later (for example with `openssl s_client -connect host:port -tls1_2`).';
      const helps = change.workaroundFrom;
      if (!helps) return check;
      if (versionCarries(plan.to, plan.edition, helps.release, helps.backportedTo)) {
        return `${check} For a peer that cannot move, set ssl_cipher_suite = old, which on Kong ${to} lowers OpenSSL's security level to 0, and add TLSv1.1 to lua_ssl_protocols for a database or identity provider that needs it (its default leaves TLS 1.1 out).`;
      }
      const first = releaseForEdition(releaseOnLine(plan.to, plan.edition, helps.release, helps.backportedTo), plan.edition);
      return `${check} Kong ${to} has no setting that brings TLS 1.0 or 1.1 back; for a peer that cannot move, target ${first} or later and set ssl_cipher_suite = old there.`;
    }
  },
});
