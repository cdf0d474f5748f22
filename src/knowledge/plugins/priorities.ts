// Bundled plugins whose PRIORITY changed: a custom plugin whose priority lies between the old
// and the new value now runs on the other side of that plugin.

import type { PriorityChange } from './types';

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
  { plugin: 'saml', from: 900, to: 1010, introducedIn: '3.5.0.2', edition: 'ee', factId: 'plugin-saml-priority-1010' },
  { plugin: 'service-protection', from: 915, to: 901, introducedIn: '3.14.0.2', edition: 'ee', factId: 'plugin-service-protection-priority' },
];
