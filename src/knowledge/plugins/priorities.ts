// Bundled plugins whose PRIORITY changed: a custom plugin whose priority lies between the old
// and the new value now runs on the other side of that plugin.

import type { FactSource } from '../../model/source';
import type { PriorityChange } from './types';

/** Sources of the correlation-id priority change (not an entry of breaking-changes.json). */
export const CORRELATION_ID_SOURCES: FactSource[] = [
  { kind: 'repo', ref: 'Kong/kong:kong/plugins/correlation-id/handler.lua@3.9.0', note: 'PRIORITY = 100001; 1 at 3.8.0' },
  { kind: 'changelog', ref: 'Kong/kong:CHANGELOG.md@3.9.0 (Plugins: correlation-id priority 1 -> 100001, commit 9ae36382db)' },
  { kind: 'repo', ref: 'Kong/docs.konghq.com:app/gateway/2.8.x/plugin-development/custom-logic.md@19a42755', note: 'Enterprise and Free mode: correlation-id 100001; open source: 1' },
  { kind: 'repo', ref: 'Kong/docs-plugin-toolkit:data/priorities/ee/3.0.x.json..3.12.x.json@5cad17d', note: 'Enterprise packages: correlation-id 100001 in every 3.x' },
];

/** Sources of the konnect-application-auth priority change and of its loading with `plugins = bundled`. */
export const KONNECT_APP_AUTH_SOURCES: FactSource[] = [
  { kind: 'repo', ref: 'Kong/developer.konghq.com@bc1cd742:app/gateway/breaking-changes.md:368-374', note: '3.12.0.0: konnect-application-auth priority 950 -> 960, Konnect-internal' },
  { kind: 'repo', ref: 'Kong/kong@4df4c98e:distribution/distributions_constants.lua:20 (tag FTI-6378, Enterprise 3.10)', note: 'konnect-application-auth in the plugins-ee list that plugins = bundled loads' },
];

const P30 = 'plugin-priority-changes-3-0';
const change = (plugin: string, from: number, to: number, edition: 'oss+ee' | 'ee'): PriorityChange =>
  ({ plugin, from, to, introducedIn: '3.0.0.0', edition, factId: P30 });

export const priorityChanges: readonly PriorityChange[] = [
  change('acme', 1007, 1705, 'oss+ee'),
  change('basic-auth', 1001, 1100, 'oss+ee'),
  change('hmac-auth', 1000, 1030, 'oss+ee'),
  change('jwt', 1005, 1450, 'oss+ee'),
  change('key-auth', 1003, 1250, 'oss+ee'),
  change('ldap-auth', 1002, 1200, 'oss+ee'),
  change('oauth2', 1004, 1400, 'oss+ee'),
  change('rate-limiting', 901, 910, 'oss+ee'),
  // pre-function ran at +inf before 3.0.
  change('pre-function', Number.MAX_SAFE_INTEGER, 1000000, 'oss+ee'),
  change('canary', 13, 20, 'ee'),
  change('degraphql', 1005, 1500, 'ee'),
  change('graphql-proxy-cache-advanced', 100, 99, 'ee'),
  change('jwt-signer', 999, 1020, 'ee'),
  // The docs name it key-auth-advanced; the plugin is key-auth-enc (see breaking-changes.json).
  change('key-auth-enc', 1003, 1250, 'ee'),
  change('ldap-auth-advanced', 1002, 1200, 'ee'),
  change('mtls-auth', 1006, 1600, 'ee'),
  change('openid-connect', 1000, 1050, 'ee'),
  change('rate-limiting-advanced', 902, 910, 'ee'),
  change('route-by-header', 2000, 850, 'ee'),
  change('route-transformer-advanced', 800, 780, 'ee'),
  change('vault-auth', 1003, 1350, 'ee'),
  // Also in 3.4.3.1 (developer.konghq.com app/_data/changelogs/gateway.json@bc1cd742, kong-ee Breaking Change).
  { plugin: 'saml', from: 900, to: 1010, introducedIn: '3.5.0.2', edition: 'ee', factId: 'plugin-saml-priority-1010', backportedTo: ['3.4.3.1'] },
  // Also shipped in 3.10.0.10, 3.11.0.10, 3.12.0.6 and 3.13.0.3 (developer.konghq.com
  // app/gateway/breaking-changes.md@bc1cd742, one section per release).
  {
    plugin: 'service-protection', from: 915, to: 901, introducedIn: '3.14.0.2', edition: 'ee', factId: 'plugin-service-protection-priority',
    backportedTo: ['3.10.0.10', '3.11.0.10', '3.12.0.6', '3.13.0.3'],
  },
  // Konnect's own application auth, loaded by `plugins = bundled` on Enterprise (the plugins-ee
  // list of distribution/distributions_constants.lua, Kong/kong@FTI-6378) but attachable only by
  // Konnect (developer.konghq.com app/gateway/breaking-changes.md@bc1cd742:368-374): it moved
  // above acl (950) in 3.12.0.0. A self-managed node never runs it on a route, hence info.
  {
    plugin: 'konnect-application-auth', from: 950, to: 960, introducedIn: '3.12.0.0', edition: 'ee',
    factId: 'plugin-konnect-application-auth-priority-960', severity: 'info', enterpriseBundledFrom: '3.10.0.0',
    sources: KONNECT_APP_AUTH_SOURCES,
  },
  // Open source only: the Enterprise package (Free mode included) already ran correlation-id at
  // 100001 in 2.8 (docs below) and in every 3.x (docs-plugin-toolkit priorities/ee), and the Kong
  // commit 9ae36382db says it aligns OSS with Enterprise. Nearly every custom priority lies in
  // between, and the usual effect is only that the generated header is set when the custom plugin
  // runs, hence info.
  {
    plugin: 'correlation-id', from: 1, to: 100001, introducedIn: '3.9.0', edition: 'oss', factId: 'plugin-correlation-id-priority-3-9', severity: 'info',
    sources: CORRELATION_ID_SOURCES,
  },
];
