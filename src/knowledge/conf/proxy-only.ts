// kong.conf properties that act only where Kong proxies traffic. A control plane, or a node whose
// proxy_listen is off, never uses them, so a change of their default says nothing to it.
//
// Kong's nginx template renders the `upstream kong_upstream` block (balancer_by_lua, nginx_upstream_*)
// and the proxy `server` block (its locations, nginx_proxy_*, nginx_location_*) only when
// `(role == "traditional" or role == "data_plane") and #proxy_listeners > 0`: the same condition
// from kong/templates/nginx_kong.lua@2.0.5 to @3.9.3. Only settings whose every use lies inside
// those blocks, or in Lua that only they run, are listed: ssl_protocols, headers, DNS and socket
// settings also serve the Admin API or the database and stay reported everywhere.

import type { FactSource } from '../../model/source';
import type { KongConf } from '../../inputs/kong-conf/types';
import type { Plan } from '../../plan/types';
import { effectiveValue } from './changes';

export interface ProxyOnlySettings {
  properties?: readonly string[];
  prefixes?: readonly string[];
  /** Where Kong uses them, in our words. */
  why: string;
  sources: readonly FactSource[];
}

const TEMPLATE_BLOCKS: FactSource = {
  kind: 'repo', ref: 'Kong/kong:kong/templates/nginx_kong.lua@3.4.0',
  note: 'upstream kong_upstream and the proxy server block: only (role == "traditional" or role == "data_plane") and #proxy_listeners > 0 (same at 2.0.5, 3.6.1, 3.9.3)',
};

export const PROXY_ONLY_SETTINGS: readonly ProxyOnlySettings[] = [
  {
    prefixes: ['nginx_upstream_', 'nginx_proxy_', 'nginx_location_'],
    // Older names Kong copies into nginx_upstream_keepalive* and nginx_proxy_real_ip_*
    // (kong/conf_loader/init.lua@2.2.2 and its deprecation replacements @2.8.0).
    properties: [
      'upstream_keepalive', 'nginx_http_upstream_keepalive', 'nginx_http_upstream_keepalive_requests',
      'nginx_http_upstream_keepalive_timeout', 'real_ip_header', 'real_ip_recursive',
    ],
    why: 'injected into the upstream and proxy server blocks only',
    sources: [TEMPLATE_BLOCKS, { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/init.lua@2.2.2', note: 'upstream_keepalive and nginx_http_upstream_keepalive feed nginx_upstream_keepalive' },
      { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/init.lua@2.8.0', note: 'real_ip_header and real_ip_recursive: replaced by nginx_proxy_real_ip_*' }],
  },
  {
    properties: ['upstream_keepalive_pool_size', 'upstream_keepalive_max_requests', 'upstream_keepalive_idle_timeout'],
    why: 'read by Kong.balancer(), which only the kong_upstream block runs',
    sources: [TEMPLATE_BLOCKS, { kind: 'repo', ref: 'Kong/kong:kong/init.lua@3.4.1', note: 'Kong.balancer: keepalive pool options' }],
  },
  {
    properties: ['allow_debug_header'],
    why: 'read by the router when it answers a proxied request carrying Kong-Debug',
    sources: [{ kind: 'repo', ref: 'Kong/kong:kong/router/utils.lua@3.4.1', note: 'add_debug_headers' }],
  },
  {
    properties: ['headers_upstream'],
    why: 'written into the proxy locations of the template only',
    sources: [TEMPLATE_BLOCKS, { kind: 'repo', ref: 'Kong/kong:kong/templates/nginx_kong.lua@3.5.0', note: 'enabled_headers_upstream, inside the proxy server block' }],
  },
];

/** Every source above once, for the rule's metadata. */
export const PROXY_ONLY_SOURCES: readonly FactSource[] = [
  ...new Map(PROXY_ONLY_SETTINGS.flatMap((entry) => entry.sources).map((source) => [`${source.ref} ${source.note ?? ''}`, source])).values(),
];

/** True when the property only matters on a node that proxies traffic. */
export function isProxyOnly(property: string): boolean {
  return PROXY_ONLY_SETTINGS.some((entry) => entry.properties?.includes(property) || entry.prefixes?.some((prefix) => property.startsWith(prefix)));
}

/**
 * A node that renders neither proxy block: a control plane, or a node whose proxy_listen is off
 * on the target (the template's `#proxy_listeners > 0`).
 */
export function proxiesNoTraffic(conf: KongConf, plan: Pick<Plan, 'role' | 'to' | 'edition'>): boolean {
  if (plan.role === 'control_plane') return true;
  return effectiveValue(conf, 'proxy_listen', plan)?.trim().toLowerCase() === 'off';
}
