// Functions and fields of Kong's Lua API that custom code uses and that moved or changed meaning.

import type { ApiReference, MovedUtilsFunction, RemovedTypedef } from './types';

const SPLIT_36 = 'custom-plugin-tools-utils-split-3-6';
const SYSTEM_37 = 'custom-plugin-tools-utils-system-3-7';

/** What `kong.tools.utils` stopped exporting (3.5.0 exports minus the 3.6.0/3.7.0 aggregates). */
export const movedUtilsFunctions: readonly MovedUtilsFunction[] = [
  { name: 'deflate_gzip', removedIn: '3.6.0.0', factId: SPLIT_36, movedTo: 'kong.tools.gzip' },
  { name: 'inflate_gzip', removedIn: '3.6.0.0', factId: SPLIT_36, movedTo: 'kong.tools.gzip' },
  { name: 'yield', removedIn: '3.6.0.0', factId: SPLIT_36, movedTo: 'kong.tools.yield' },
  { name: 'in_yieldable_phase', removedIn: '3.6.0.0', factId: SPLIT_36, movedTo: 'kong.tools.yield' },
  { name: 'load_module_if_exists', removedIn: '3.6.0.0', factId: SPLIT_36, movedTo: 'kong.tools.module' },
  { name: 'sha256_bin', removedIn: '3.6.0.0', factId: SPLIT_36, movedTo: 'kong.tools.sha256' },
  { name: 'sha256_hex', removedIn: '3.6.0.0', factId: SPLIT_36, movedTo: 'kong.tools.sha256' },
  { name: 'sha256_base64', removedIn: '3.6.0.0', factId: SPLIT_36, movedTo: 'kong.tools.sha256' },
  { name: 'sha256_base64url', removedIn: '3.6.0.0', factId: SPLIT_36, movedTo: 'kong.tools.sha256' },
  // These two left the public helpers: kong/db/utils.lua keeps topological_sort for Kong's own use.
  { name: 'topological_sort', removedIn: '3.6.0.0', factId: SPLIT_36, movedTo: 'kong.db.utils' },
  { name: 'sort_by_handler_priority', removedIn: '3.6.0.0', factId: SPLIT_36 },
  { name: 'validate_labels', removedIn: '3.6.0.0', factId: SPLIT_36 },
  { name: 'get_system_infos', removedIn: '3.7.0.0', factId: SYSTEM_37, movedTo: 'kong.tools.system' },
  { name: 'get_system_trusted_certs_filepath', removedIn: '3.7.0.0', factId: SYSTEM_37, movedTo: 'kong.tools.system' },
];

export const UTILS_MODULE = 'kong.tools.utils';

export const TYPEDEFS_MODULE = 'kong.db.schema.typedefs';

/**
 * Typedefs a plugin schema may name that the target no longer defines (the typedefs.lua keys of
 * each tag 2.0.0-3.9.3 compared; 3.0.0 is the only release on the checked paths that dropped one).
 */
export const removedTypedefs: readonly RemovedTypedef[] = [
  { name: 'paths', removedIn: '3.0.0.0', factId: 'custom-plugin-typedef-paths-renamed', replacement: 'router_paths' },
];

/** Name chains whose value changed; matched on code tokens only. */
export const changedApiReferences: readonly ApiReference[] = [
  { chain: 'ngx.ctx.balancer_address', factId: 'custom-plugin-ngx-ctx-fields-moved', introducedIn: '3.0.0.0',
    severity: 'warning', edition: 'oss+ee', replacement: 'ngx.ctx.balancer_data' },
  { chain: 'ngx.ctx.authenticated_jwt_token', factId: 'custom-plugin-ngx-ctx-fields-moved', introducedIn: '3.0.0.0',
    severity: 'warning', edition: 'oss+ee', replacement: 'kong.ctx.shared.authenticated_jwt_token' },
  { chain: 'ngx.ctx.proxy_cache_hit', factId: 'custom-plugin-ngx-ctx-fields-moved', introducedIn: '3.0.0.0',
    severity: 'warning', edition: 'oss+ee', replacement: 'kong.ctx.shared.proxy_cache_hit' },
  { chain: '*.CREDENTIAL_USERNAME', factId: 'custom-plugin-credential-username-removed', introducedIn: '3.0.0.0',
    severity: 'blocker', edition: 'oss+ee', replacement: 'CREDENTIAL_IDENTIFIER (header X-Credential-Identifier)' },
  { chain: 'kong.request.get_path', factId: 'custom-plugin-get-path-normalized', introducedIn: '3.0.0.0',
    severity: 'info', edition: 'oss+ee', replacement: 'kong.request.get_raw_path() where the raw form matters' },
  { chain: '*.process_auto_fields', factId: 'custom-plugin-process-auto-fields-no-copy', introducedIn: '3.0.0.0',
    severity: 'warning', edition: 'oss+ee', replacement: 'a deep copy of the input before a "select" call, when the caller reuses it',
    whenArgument: 'select' },
  // Listed under "Nginx Templates" in the 3.4 -> 3.10 LTS notes (developer.konghq.com@bc1cd742:
  // app/_includes/upgrade/lts-changes-34-310.md:147-153): Lua blocks of custom templates count too.
  { chain: 'ngx.var.http_*', factId: 'custom-code-ngx-var-http-multi-value', introducedIn: '3.6.0.0',
    severity: 'warning', edition: 'oss+ee', replacement: 'kong.request.get_header(), or handling comma-joined values', inNginxTemplates: true },
  { chain: 'kong.service.request.clear_query_arg', factId: 'pdk-clear-query-arg-space-encoding', introducedIn: '3.10.0.0',
    severity: 'info', edition: 'oss+ee', replacement: 'accepting %20 for spaces in the re-encoded query' },
  { chain: '*.init_conf', factId: 'ee-redis-shared-config-v2', introducedIn: '3.8.0.0',
    severity: 'warning', edition: 'ee', replacement: 'kong.enterprise_edition.tools.redis.v2' },
];

/**
 * Modules whose require is a signal by itself (deprecated, not removed). `withSubmodules`: the
 * deprecation covers the package, as code requires its parts (`resty.kafka.producer`).
 */
export const deprecatedModules: readonly {
  module: string; factId: string; introducedIn: string; severity: 'warning' | 'info'; edition: 'ee'; replacement: string; withSubmodules?: boolean;
}[] = [
  { module: 'kong.enterprise_edition.redis', factId: 'ee-redis-shared-config-v2', introducedIn: '3.8.0.0',
    severity: 'warning', edition: 'ee', replacement: 'kong.enterprise_edition.tools.redis.v2' },
  // Kong keeps shipping it but stops updating it (gateway.json@bc1cd742, 3.12.0.0 kong-ee deprecation).
  { module: 'resty.kafka', factId: 'custom-plugin-resty-kafka-deprecated', introducedIn: '3.12.0.0', withSubmodules: true,
    severity: 'info', edition: 'ee', replacement: 'a Kafka client the plugin ships and updates itself (the bundled copy stays, without further fixes)' },
];

/** The deprecation a required module falls under, if any. */
export function moduleDeprecation(module: string): (typeof deprecatedModules)[number] | undefined {
  return deprecatedModules.find((d) => module === d.module || (d.withSubmodules === true && module.startsWith(`${d.module}.`)));
}
