// What Kong's stock nginx templates gained (elements a custom template must have) and what they
// lost (elements a custom template must no longer have), per version. Data only; the rules in
// rules/nginx/ read it. Wording is ours; facts come from the template diffs named in `sources`.

import type { FactSource } from '../model/source';
import type { Severity } from '../model/finding';

/** Which part of the nginx configuration an element belongs to. */
/** `any`: wherever the template has content of its own. */
export type TemplateScope = 'main' | 'http' | 'stream' | 'any';

/** How to recognise an element in a parsed template. */
export type ElementProbe =
  | { kind: 'dict'; name: string }
  | { kind: 'server'; name: string }
  | { kind: 'include'; target: string }
  /** A directive by name anywhere in the scope (`context` narrows it: `main`, `http>server`). */
  | { kind: 'directive'; name: string; context?: string }
  /** `Kong.<name>`, or the 0.x `kong.<name>()` (which still shows the phase is handled). */
  | { kind: 'handler'; name: string }
  /** Any phase handler called as `kong.<name>()` (the global 0.14 renamed to `Kong`). */
  | { kind: 'legacy-global-call' }
  | { kind: 'location'; path: string }
  /** Text inside any Lua block (`resty.events.compat`). */
  | { kind: 'lua'; text: string }
  | { kind: 'injection-list'; name: string }
  | { kind: 'placeholder'; name: string }
  /** An nginx variable the template declares with `set $name ...` (name without the `$`). */
  | { kind: 'variable'; name: string }
  /**
   * A `listen unix:` socket under the PREFIX placeholder instead of SOCKET_PATH, or, in a rendered
   * copy, one of Kong's pre-3.8 socket files under a literal prefix path.
   */
  | { kind: 'prefix-socket'; only?: string[]; except?: string[] };

/**
 * The socket files Kong's templates listened on under the prefix before 3.8, by file name
 * (nginx_kong.lua, nginx_kong_stream.lua and nginx.lua @3.7.1). A rendered nginx-kong.conf kept
 * from such a release carries them under the literal prefix path (`/usr/local/kong/...`), which
 * 3.8 stops connecting to just as it stops connecting to `${{PREFIX}}/...` (kong/global.lua@3.8.0
 * builds the path from `socket_path` and the short names of kong/constants.lua@3.8.0 SOCKETS).
 */
export const PRE_3_8_SOCKET_FILES: readonly string[] = [
  'worker_events.sock', 'stream_worker_events.sock', 'stream_config.sock', 'stream_rpc.sock',
  'stream_tls_terminate.sock', 'stream_tls_passthrough.sock', 'cluster_proxy_ssl_terminator.sock',
];

/**
 * When an element matters for this installation. Evaluated with kong.conf when given; without it
 * the finding is still reported, as a warning that names the condition.
 */
export type Applicability =
  | 'always'
  | 'dbless-or-data-plane'   // database = off, or role = data_plane
  | 'data-plane-via-proxy'   // role = data_plane with cluster_use_proxy = on
  | 'control-plane'          // role = control_plane
  | 'wasm-on'                // wasm = on
  | 'stream-listeners'       // stream_listen set to something other than off
  | 'http2-listeners'        // a proxy/admin/status listener carries the http2 flag (proxy_listen's default does)
  | 'cluster-rpc-on'         // cluster_rpc = on
  | 'new-dns-client-on'      // new_dns_client = on
  | 'optimizations-on-2x-stop'; // a 1.x source (its route stops on 2.x releases) with nginx_optimizations on (the default)

export type Effect = 'fatal-start' | 'fatal-feature' | 'benign';

interface TemplateChangeBase {
  id: string;
  /** The first release whose stock template has the change. */
  introducedIn: string;
  scope: TemplateScope;
  /** A human name for the element: "`lua_shared_dict kong_secrets`". */
  element: string;
  effect: Effect;
  severity: Severity;
  appliesWhen: Applicability;
  /** What happens with the old template on the new version, in a few words. */
  consequence: string;
  /** The entry of kong-facts/breaking-changes.json this implements, if any. */
  breakingChange?: string;
  sources: FactSource[];
}

/** An element the stock template gained: a custom template without it breaks or loses a feature. */
export interface TemplateRequirement extends TemplateChangeBase {
  /** Satisfied when any probe matches (a later version may provide the element another way). */
  anyOf: ElementProbe[];
  /** An earlier requirement whose finding already asks for the fix that settles this one too. */
  coveredBy?: string;
  /** The requirement holds only for templates that have this element (the proxy location). */
  onlyWith?: ElementProbe;
}

/** An element the stock template dropped because the new version no longer supports it. */
export interface TemplateObsolete extends TemplateChangeBase {
  probe: ElementProbe;
  replacement?: string;
  /**
   * Replaces `appliesWhen` for occurrences in stream content. Kong includes its stream file only
   * when there are stream listeners, so an element that matters only while nginx serves it (a
   * socket) goes with them there; elements that break compiling the file keep `appliesWhen`.
   */
  appliesWhenInStream?: Applicability;
}

const T = (tags: string, file = 'kong/templates/nginx_kong.lua'): FactSource => ({ kind: 'repo', ref: `Kong/kong:${file}@${tags}` });
const DIGEST = (section: string): FactSource => ({ kind: 'digest', ref: `kong-facts/nginx/template-changes.md (${section})` });

export const TEMPLATE_REQUIREMENTS: readonly TemplateRequirement[] = [
  {
    id: 'nginx.worker-events.http', introducedIn: '3.0.0', scope: 'http',
    element: 'the `kong_worker_events` server (unix socket for resty.events)',
    anyOf: [{ kind: 'server', name: 'kong_worker_events' }, { kind: 'lua', text: 'resty.events.compat' }],
    effect: 'fatal-feature', severity: 'blocker', appliesWhen: 'always',
    consequence: 'workers stop exchanging events: cache invalidation and reconfiguration break',
    breakingChange: 'nginx-template-3-0-worker-events-and-handlers',
    sources: [T('2.8.5..3.0.2'), DIGEST('2.8 -> 3.0')],
  },
  {
    id: 'nginx.worker-events.stream', introducedIn: '3.0.0', scope: 'stream',
    element: 'the stream worker-events server (unix socket for resty.events)',
    anyOf: [{ kind: 'lua', text: 'resty.events.compat' }],
    effect: 'fatal-feature', severity: 'blocker', appliesWhen: 'stream-listeners',
    consequence: 'stream workers stop receiving events',
    breakingChange: 'nginx-template-3-0-worker-events-and-handlers',
    sources: [T('2.8.5..3.0.2', 'kong/templates/nginx_kong_stream.lua'), DIGEST('2.8 -> 3.0')],
  },
  {
    id: 'nginx.exit-worker', introducedIn: '3.0.0', scope: 'http',
    element: '`exit_worker_by_lua_block { Kong.exit_worker() }`',
    anyOf: [{ kind: 'handler', name: 'exit_worker' }],
    effect: 'benign', severity: 'info', appliesWhen: 'always',
    consequence: 'clean-up on worker exit is skipped',
    breakingChange: 'nginx-template-3-0-worker-events-and-handlers',
    sources: [T('2.8.5..3.0.2'), DIGEST('2.8 -> 3.0')],
  },
  {
    id: 'nginx.lmdb', introducedIn: '3.0.0', scope: 'main',
    element: 'the LMDB directives (`lmdb_environment_path`, `lmdb_map_size`) or, from 3.4, `include \'nginx-inject.conf\'`',
    anyOf: [{ kind: 'directive', name: 'lmdb_environment_path', context: 'main' }, { kind: 'include', target: 'nginx-inject.conf' }],
    effect: 'fatal-feature', severity: 'blocker', appliesWhen: 'dbless-or-data-plane',
    consequence: 'declarative configuration has no LMDB store to load into',
    sources: [T('2.8.5..3.0.2', 'kong/templates/nginx.lua'), DIGEST('2.8 -> 3.0')],
  },
  {
    id: 'nginx.cluster-ssl-tunnel', introducedIn: '3.1.0', scope: 'main',
    element: 'the stream server that tunnels cluster TLS through a forward proxy (`cluster_proxy_ssl_terminator.sock`)',
    anyOf: [{ kind: 'placeholder', name: 'cluster_ssl_tunnel' }, { kind: 'placeholder', name: 'cluster_proxy_ssl_terminator_sock' }],
    effect: 'fatal-feature', severity: 'blocker', appliesWhen: 'data-plane-via-proxy',
    consequence: 'a data plane that reaches its control plane through `proxy_server` cannot connect',
    sources: [T('3.0.2..3.1.1', 'kong/templates/nginx.lua'), DIGEST('3.0 -> 3.1')],
  },
  {
    id: 'nginx.cluster-listener', introducedIn: '3.2.0', scope: 'http',
    element: '`Kong.serve_cluster_listener()` in the cluster server',
    anyOf: [{ kind: 'handler', name: 'serve_cluster_listener' }],
    effect: 'fatal-feature', severity: 'blocker', appliesWhen: 'control-plane',
    consequence: 'data planes cannot connect to this control plane',
    breakingChange: 'nginx-template-cluster-listener-3-2',
    sources: [T('3.1.1..3.2.2'), DIGEST('3.1 -> 3.2')],
  },
  {
    // nginx-inject.conf (stock from 3.4) renders only under `> if database == "off"` in every
    // release 3.4.0 - 3.9.3, so a node with a database loses nothing without it. Up to 3.5 it
    // holds just the LMDB lines `nginx.lmdb` already asks for; what an inline copy first lacks
    // is the validation tag 3.6 added to it.
    id: 'nginx.main-inject-include', introducedIn: '3.6.0', scope: 'main',
    element: '`lmdb_validation_tag` at the main level (stock templates load it with `include \'nginx-inject.conf\'`)',
    anyOf: [{ kind: 'directive', name: 'lmdb_validation_tag', context: 'main' }, { kind: 'include', target: 'nginx-inject.conf' }],
    // A template without any LMDB line is told to add the include by nginx.lmdb already.
    coveredBy: 'nginx.lmdb',
    effect: 'benign', severity: 'warning', appliesWhen: 'dbless-or-data-plane',
    consequence: 'Kong cannot tell that its LMDB content was written by an older minor version, so it keeps that content instead of wiping it at the upgrade',
    breakingChange: 'nginx-template-3-4-inject-and-secrets-dict',
    sources: [
      T('3.3.1..3.4.2', 'kong/templates/nginx.lua'),
      T('3.4.0..3.9.3', 'kong/templates/nginx_inject.lua'),
      { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/constants.lua@3.6.0 (LMDB_VALIDATION_TAG: major.minor)' },
      { kind: 'changelog', ref: 'Kong/kong:changelog/3.6.0/kong/introduce_lmdb_validation_tag.yml@3.6.0' },
      DIGEST('3.3 -> 3.4'),
    ],
  },
  {
    id: 'nginx.http-inject-include', introducedIn: '3.4.0', scope: 'http',
    element: '`include \'nginx-kong-inject.conf\'` in http',
    anyOf: [{ kind: 'include', target: 'nginx-kong-inject.conf' }],
    effect: 'benign', severity: 'warning', appliesWhen: 'always',
    consequence: '`lua_ssl_protocols` (and the lua_ssl_* settings Kong now renders there) are silently not applied',
    breakingChange: 'nginx-template-3-4-inject-and-secrets-dict',
    sources: [T('3.3.1..3.4.2'), T('3.4.2', 'kong/conf_loader/init.lua'), DIGEST('3.3 -> 3.4')],
  },
  {
    id: 'nginx.stream-inject-include', introducedIn: '3.4.0', scope: 'stream',
    element: '`include \'nginx-kong-stream-inject.conf\'` in stream',
    anyOf: [{ kind: 'include', target: 'nginx-kong-stream-inject.conf' }],
    effect: 'benign', severity: 'warning', appliesWhen: 'stream-listeners',
    consequence: 'stream `lua_ssl_protocols` and related lua_ssl_* settings are silently not applied',
    breakingChange: 'nginx-template-3-4-inject-and-secrets-dict',
    sources: [T('3.3.1..3.4.2', 'kong/templates/nginx_kong_stream.lua'), DIGEST('3.3 -> 3.4')],
  },
  {
    id: 'nginx.wasm-block', introducedIn: '3.4.0', scope: 'main',
    element: 'the `wasm { }` block (with its injection loops)',
    anyOf: [{ kind: 'directive', name: 'wasm', context: 'main' }],
    effect: 'fatal-feature', severity: 'blocker', appliesWhen: 'wasm-on',
    consequence: 'WebAssembly filters cannot load with `wasm = on`',
    sources: [T('3.3.1..3.4.2', 'kong/templates/nginx.lua'), DIGEST('3.3 -> 3.4')],
  },
  {
    id: 'nginx.http2-on', introducedIn: '3.6.0', scope: 'http',
    element: '`http2 on;` in the servers whose listeners carry the `http2` flag',
    anyOf: [{ kind: 'directive', name: 'http2' }],
    // Clients fall back to HTTP/1.1; only gRPC routes fail outright, which the template cannot tell us.
    effect: 'fatal-feature', severity: 'warning', appliesWhen: 'http2-listeners',
    consequence: 'from 3.6 the listener no longer carries `http2`, so HTTP/2 is silently off: clients fall back to HTTP/1.1 and gRPC routes fail',
    sources: [T('3.5.0..3.6.1'), T('3.6.1', 'kong/conf_loader/listeners.lua'), DIGEST('3.5 -> 3.6')],
  },
  {
    id: 'nginx.cluster-rpc', introducedIn: '3.7.0', scope: 'http',
    element: '`Kong.serve_cluster_rpc_listener()` (the `/v2/outlet` location)',
    anyOf: [{ kind: 'handler', name: 'serve_cluster_rpc_listener' }],
    effect: 'fatal-feature', severity: 'warning', appliesWhen: 'cluster-rpc-on',
    consequence: 'hybrid RPC (`cluster_rpc = on`) has no endpoint on the control plane',
    breakingChange: 'nginx-template-handler-drift',
    sources: [T('3.6.1..3.7.1'), DIGEST('3.6 -> 3.7')],
  },
  {
    id: 'nginx.dns-cache-dict', introducedIn: '3.8.0', scope: 'http',
    element: '`lua_shared_dict kong_dns_cache`',
    anyOf: [{ kind: 'dict', name: 'kong_dns_cache' }],
    effect: 'benign', severity: 'info', appliesWhen: 'new-dns-client-on',
    consequence: 'Kong picks the DNS client by this dict, so `new_dns_client = on` silently keeps the old client',
    breakingChange: 'nginx-template-new-dns-client-dict',
    sources: [T('3.7.1..3.8.1'), DIGEST('3.7 -> 3.8')],
  },
  // Kong's access phase writes these nginx variables on proxied requests; nginx knows a
  // variable only when some `set $name` declares it, and ngx.var refuses to write an unknown
  // one, so a proxy location copied from an older template answers those requests with a 500.
  ...([
    // Written only when the client asks for trailers (`TE: trailers`, which gRPC clients always send).
    { name: 'upstream_te', since: '1.2.0', tags: '1.1.3..1.2.0', which: 'every proxied request whose client sends `TE: trailers` (gRPC clients always do)', where: 'access: var.upstream_te = "trailers" when TE asks for trailers' },
    { name: 'upstream_x_forwarded_prefix', since: '2.1.0', tags: '2.0.5..2.1.4', which: 'every proxied request', where: 'access after: var.upstream_x_forwarded_prefix = ...' },
    { name: 'upstream_x_forwarded_path', since: '2.2.0', tags: '2.1.4..2.2.2', which: 'every proxied request', where: 'access after: var.upstream_x_forwarded_path = ...' },
    { name: 'upstream_via', since: '3.8.0', tags: '3.7.1..3.8.1', which: 'every proxied request', where: 'access after: var.upstream_via = ...' },
  ] as const).map(({ name, since, tags, which, where }): TemplateRequirement => ({
    id: `nginx.variable.${name.replace(/_/g, '-')}`, introducedIn: since, scope: 'http',
    element: `\`set $${name} '';\` in the proxy location`,
    anyOf: [{ kind: 'variable', name }],
    onlyWith: { kind: 'handler', name: 'access' },
    effect: 'fatal-feature', severity: 'blocker', appliesWhen: 'always',
    consequence: `Kong's access phase writes \`$${name}\` on ${which} and nginx refuses to write an undeclared variable ("not found for writing"), so ${which === 'every proxied request' ? 'every proxied request fails' : 'each of them fails'} with a 500`,
    sources: [T(tags), { kind: 'repo', ref: `Kong/kong:kong/runloop/handler.lua@${since} (${where})` }],
  })),
  {
    // Only read, never written: an undeclared variable reads as nil, so nothing fails outright,
    // but the access phase hands gRPC services (and, from 2.2, routes with buffering off) to
    // their own locations only when the variable reads `http`.
    id: 'nginx.variable.kong-proxy-mode', introducedIn: '1.3.0', scope: 'http',
    element: '`set $kong_proxy_mode \'http\';` in the proxy location (with the `@grpc` locations that set it to `grpc`)',
    anyOf: [{ kind: 'variable', name: 'kong_proxy_mode' }],
    onlyWith: { kind: 'handler', name: 'access' },
    effect: 'fatal-feature', severity: 'warning', appliesWhen: 'always',
    consequence: 'Kong\'s access phase sends gRPC/gRPCs services to the `@grpc` location only when `$kong_proxy_mode` reads `http` (from 2.2 also routes with `request_buffering` or `response_buffering` off to the `@unbuffered*` locations); without it they are proxied as plain HTTP and gRPC services fail',
    sources: [
      T('1.2.3..1.3.0'),
      { kind: 'repo', ref: 'Kong/kong:kong/runloop/handler.lua@2.0.0 (access before: exec("@grpc") only when var.kong_proxy_mode == "http")' },
      { kind: 'repo', ref: 'Kong/kong:kong/runloop/handler.lua@3.4.2 (access before: @grpc and @unbuffered* redirects)' },
    ],
  },
  {
    id: 'nginx.ssl-client-hello', introducedIn: '3.9.0', scope: 'http',
    element: '`ssl_client_hello_by_lua_block { Kong.ssl_client_hello() }`',
    anyOf: [{ kind: 'handler', name: 'ssl_client_hello' }],
    effect: 'benign', severity: 'warning', appliesWhen: 'always',
    consequence: 'client-hello processing (such as turning off HTTP/2 ALPN per route) is skipped',
    breakingChange: 'nginx-template-handler-drift',
    sources: [T('3.8.1..3.9.3'), DIGEST('3.8 -> 3.9')],
  },
];

export const TEMPLATE_OBSOLETE: readonly TemplateObsolete[] = [
  {
    // 0.14 made the lowercase global the plugin development kit: kong/init.lua sets `_G.kong` when
    // it is loaded, and the stock template names the handler module `Kong` instead. A 0.x
    // template either overwrites the PDK (`kong = require 'kong'`) or calls handlers the PDK lacks.
    id: 'nginx.lowercase-kong-global', introducedIn: '0.14.0', scope: 'any',
    element: 'Calling Kong\'s phase handlers through the lowercase `kong` global (`kong.init()`, `kong.access()`, ...)',
    probe: { kind: 'legacy-global-call' },
    replacement: '`Kong = require \'kong\'` in init_by_lua_block and `Kong.<phase>()` in every handler block',
    effect: 'fatal-feature', severity: 'blocker', appliesWhen: 'always',
    consequence: 'from 0.14 the global `kong` is the plugin development kit: `kong = require \'kong\'` overwrites it, and code reading the PDK through the global fails (TLS handshakes on `kong.core_cache`, plugins on `kong.request`); without that line the PDK has no such handler to call',
    sources: [
      { kind: 'repo', ref: 'Kong/kong:kong/templates/nginx_kong.lua@0.13.1..0.14.0', note: 'kong = require \'kong\' / kong.<phase>() became Kong (commit dc93588c62)' },
      { kind: 'repo', ref: 'Kong/kong:kong/init.lua@0.14.0', note: '_G.kong = kong_global.new() when the module loads' },
      { kind: 'repo', ref: 'Kong/kong:kong/runloop/certificate.lua@2.0.0', note: 'kong.core_cache read through the global at handshake time' },
      { kind: 'changelog', ref: 'Kong/kong:UPGRADE.md@0.14.0', note: 'template diff: kong.init() -> Kong.init()' },
    ],
  },
  {
    id: 'nginx.serve-admin-api', introducedIn: '3.0.0', scope: 'any',
    element: '`Kong.serve_admin_api`', probe: { kind: 'handler', name: 'serve_admin_api' }, replacement: '`Kong.admin_content()`',
    effect: 'fatal-feature', severity: 'blocker', appliesWhen: 'always',
    consequence: 'the alias is gone from kong/init.lua, so every Admin API request fails',
    breakingChange: 'nginx-template-serve-admin-api-removed',
    sources: [{ kind: 'repo', ref: 'Kong/kong:kong/init.lua@2.8.0 (alias) / @3.0.0 (absent)' }, { kind: 'changelog', ref: 'Kong/kong:CHANGELOG.md@3.0.0 (#8815)' }],
  },
  {
    id: 'nginx.serve-wrpc-listener', introducedIn: '3.2.0', scope: 'http',
    element: '`Kong.serve_wrpc_listener()`', probe: { kind: 'handler', name: 'serve_wrpc_listener' }, replacement: '`Kong.serve_cluster_listener()` in a `/v1/outlet` location',
    effect: 'fatal-feature', severity: 'blocker', appliesWhen: 'control-plane',
    consequence: 'the wRPC handler is gone from kong/init.lua, so data planes cannot connect',
    breakingChange: 'nginx-template-cluster-listener-3-2',
    sources: [T('3.1.1..3.2.2'), { kind: 'repo', ref: 'Kong/kong:kong/init.lua@3.2.2' }],
  },
  {
    id: 'nginx.serve-cp-protocol', introducedIn: '2.7.0', scope: 'http',
    element: '`Kong.serve_cp_protocol()`', probe: { kind: 'handler', name: 'serve_cp_protocol' },
    effect: 'fatal-feature', severity: 'warning', appliesWhen: 'control-plane',
    consequence: 'the handler is undefined from 2.7; requests to `/v2/outlet` fail',
    sources: [T('2.6.1..2.7.2'), DIGEST('2.4 -> 2.8')],
  },
  {
    id: 'nginx.http-upstream-directives-list', introducedIn: '3.0.0', scope: 'any',
    element: 'the `nginx_http_upstream_directives` injection loop', probe: { kind: 'injection-list', name: 'nginx_http_upstream_directives' }, replacement: '`nginx_upstream_directives`',
    effect: 'fatal-start', severity: 'blocker', appliesWhen: 'always',
    consequence: 'the list no longer exists, so the template fails to compile (`ipairs(nil)`)',
    sources: [{ kind: 'repo', ref: 'Kong/kong:kong/conf_loader/init.lua@3.0.2 (DEPRECATED_DYNAMIC_KEY_NAMESPACES empty)' }, DIGEST('2.8 -> 3.0')],
  },
  {
    id: 'nginx.http-status-directives-list', introducedIn: '3.0.0', scope: 'any',
    element: 'the `nginx_http_status_directives` injection loop', probe: { kind: 'injection-list', name: 'nginx_http_status_directives' }, replacement: '`nginx_status_directives`',
    effect: 'fatal-start', severity: 'blocker', appliesWhen: 'always',
    consequence: 'the list no longer exists, so the template fails to compile (`ipairs(nil)`)',
    sources: [{ kind: 'repo', ref: 'Kong/kong:kong/conf_loader/init.lua@3.0.2 (DEPRECATED_DYNAMIC_KEY_NAMESPACES empty)' }, DIGEST('2.8 -> 3.0')],
  },
  {
    id: 'nginx.upstream-keepalive-placeholder', introducedIn: '3.0.0', scope: 'any',
    element: 'The `UPSTREAM_KEEPALIVE` placeholder', probe: { kind: 'placeholder', name: 'upstream_keepalive' }, replacement: '`upstream_keepalive_pool_size` (Kong renders the keepalive itself)',
    effect: 'fatal-start', severity: 'blocker', appliesWhen: 'always',
    consequence: 'the property is gone, so the placeholder renders empty and nginx refuses `keepalive ;`',
    sources: [{ kind: 'changelog', ref: 'Kong/kong:CHANGELOG.md@3.0.0 (Configuration: upstream_keepalive removed)' }, DIGEST('2.8 -> 3.0')],
  },
  {
    id: 'nginx.wasm-shm-list', introducedIn: '3.6.0', scope: 'main',
    element: 'the `nginx_wasm_main_shm_directives` injection loop', probe: { kind: 'injection-list', name: 'nginx_wasm_main_shm_directives' }, replacement: '`nginx_wasm_main_shm_kv_directives`',
    effect: 'fatal-start', severity: 'blocker', appliesWhen: 'wasm-on',
    consequence: 'the list was renamed, so with `wasm = on` the template fails to compile (`ipairs(nil)`)',
    sources: [T('3.5.0..3.6.1', 'kong/templates/nginx.lua'), { kind: 'changelog', ref: 'Kong/kong:CHANGELOG.md@3.6.0 (BREAKING: nginx_wasm_shm_kv)' }],
  },
  {
    id: 'nginx.prefix-sockets', introducedIn: '3.8.0', scope: 'any',
    element: 'A unix socket under the `PREFIX` placeholder (or, rendered, under the prefix path)', probe: { kind: 'prefix-socket', except: ['cluster_proxy_ssl_terminator.sock'] },
    replacement: 'a socket under the `SOCKET_PATH` placeholder named by its `*_SOCK` placeholder',
    effect: 'fatal-feature', severity: 'blocker', appliesWhen: 'always', appliesWhenInStream: 'stream-listeners',
    consequence: 'from 3.8 Kong connects to its sockets under `socket_path`; a server listening under the prefix is never reached (worker events, stream config, TLS passthrough)',
    // The stream sockets: nginx.lua 3.8.0 - 3.9.3 includes nginx-kong-stream.conf only with stream listeners.
    sources: [T('3.7.1..3.8.1'), { kind: 'repo', ref: 'Kong/kong:kong/global.lua@3.8.1' }, { kind: 'repo', ref: 'Kong/kong:kong/constants.lua@3.8.0 (SOCKET_DIRECTORY, SOCKETS)' }, T('3.8.0..3.9.3', 'kong/templates/nginx.lua'), DIGEST('3.7 -> 3.8')],
  },
  {
    id: 'nginx.prefix-socket-cluster-tunnel', introducedIn: '3.8.0', scope: 'main',
    element: 'The cluster TLS tunnel socket under the `PREFIX` placeholder', probe: { kind: 'prefix-socket', only: ['cluster_proxy_ssl_terminator.sock'] },
    replacement: 'the `SOCKET_PATH` and `CLUSTER_PROXY_SSL_TERMINATOR_SOCK` placeholders',
    effect: 'fatal-feature', severity: 'blocker', appliesWhen: 'data-plane-via-proxy',
    consequence: 'from 3.8 Kong dials the tunnel under `socket_path`, so a data plane behind `proxy_server` cannot reach its control plane',
    sources: [T('3.7.1..3.8.1', 'kong/templates/nginx.lua'), DIGEST('3.7 -> 3.8')],
  },
  // Kong 1.x computed these two from the file-descriptor limit when nginx_optimizations was on;
  // 2.0 moved them to the nginx_main_/nginx_events_ injection lists and dropped the values, so
  // a 1.x nginx.conf template renders `worker_rlimit_nofile ;` on every 2.x stop of the route
  // (nginx_optimizations stays on by default until 3.0 drops it, which skips the block again).
  ...(['worker_rlimit', 'worker_connections'] as const).map((name): TemplateObsolete => ({
    id: `nginx.${name.replace('_', '-')}-placeholder`, introducedIn: '2.0.0', scope: 'main',
    element: `The \`${name.toUpperCase()}\` placeholder`, probe: { kind: 'placeholder', name },
    replacement: `the \`${name === 'worker_rlimit' ? 'nginx_main_directives' : 'nginx_events_directives'}\` injection loop (\`${name === 'worker_rlimit' ? 'nginx_main_worker_rlimit_nofile' : 'nginx_events_worker_connections'} = auto\` is the default)`,
    effect: 'fatal-start', severity: 'blocker', appliesWhen: 'optimizations-on-2x-stop',
    consequence: `Kong 2.x no longer computes it, so the placeholder renders empty and nginx refuses \`${name === 'worker_rlimit' ? 'worker_rlimit_nofile' : 'worker_connections'} ;\` on the 2.x releases of the route`,
    sources: [
      { kind: 'repo', ref: 'Kong/kong:kong/templates/nginx.lua@1.5.1', note: 'worker_rlimit_nofile ${{WORKER_RLIMIT}} and worker_connections ${{WORKER_CONNECTIONS}} under > if nginx_optimizations' },
      { kind: 'repo', ref: 'Kong/kong:kong/cmd/utils/prefix_handler.lua@1.5.1..2.0.5', note: 'compile_conf no longer merges worker_rlimit/worker_connections; unknown placeholders render as empty text' },
      { kind: 'repo', ref: 'Kong/kong:kong/templates/kong_defaults.lua@2.8.5', note: 'nginx_optimizations = on (deprecated, still set); gone from 3.0.0' },
    ],
  })),
  {
    id: 'nginx.lua-ssl-trusted-certificate-placeholder', introducedIn: '2.2.0', scope: 'any',
    element: 'The `LUA_SSL_TRUSTED_CERTIFICATE` placeholder', probe: { kind: 'placeholder', name: 'lua_ssl_trusted_certificate' }, replacement: 'the `LUA_SSL_TRUSTED_CERTIFICATE_COMBINED` placeholder',
    effect: 'fatal-start', severity: 'blocker', appliesWhen: 'always',
    consequence: 'the property became a list, which a placeholder cannot render: the template fails to compile (3.0+ always sets it)',
    sources: [T('2.1.4..2.2.2'), DIGEST('2.1 -> 2.2')],
  },
];

/** 2.3 turned the certificate properties into lists (several certificates per listener kind). */
for (const prefix of ['', 'admin_', 'status_']) {
  const name = `${prefix}ssl_cert`;
  (TEMPLATE_OBSOLETE as TemplateObsolete[]).push({
    id: `nginx.${prefix.replace('_', '-')}ssl-cert-placeholder`, introducedIn: '2.3.0', scope: 'any',
    element: `The \`${name.toUpperCase()}\` placeholder`, probe: { kind: 'placeholder', name },
    replacement: `a \`> for i = 1, #${name} do\` loop over \`${name}[i]\` and \`${name}_key[i]\``,
    effect: 'fatal-start', severity: 'blocker', appliesWhen: 'always',
    consequence: 'the property became a list, which a placeholder cannot render: the template fails to compile',
    sources: [T('2.2.2..2.3.4'), DIGEST('2.2 -> 2.3')],
  });
}

export const OBSOLETE_DICTS: readonly { name: string; removedIn: string; sources: FactSource[] }[] = [
  { name: 'kong_clustering', removedIn: '2.2.0', sources: [T('2.1.4..2.2.2')] },
  { name: 'kong_core_db_cache_2', removedIn: '3.0.0', sources: [T('2.8.5..3.0.2')] },
  { name: 'kong_core_db_cache_miss_2', removedIn: '3.0.0', sources: [T('2.8.5..3.0.2')] },
  { name: 'kong_db_cache_2', removedIn: '3.0.0', sources: [T('2.8.5..3.0.2')] },
  { name: 'kong_db_cache_miss_2', removedIn: '3.0.0', sources: [T('2.8.5..3.0.2')] },
  { name: 'kong_process_events', removedIn: '3.3.0', sources: [T('3.2.2..3.3.1')] },
  { name: 'kong_cassandra', removedIn: '3.4.0', sources: [T('3.3.1..3.4.2')] },
];

/** Kong's support note on custom templates built for another version. */
export const NGINX_TEMPLATE_DOCS = 'https://developer.konghq.com/support/kong-gateway-nginx-configuration-is-invalid/';
/** Kong's page on injected nginx directives. */
export const NGINX_DIRECTIVES_DOCS = 'https://developer.konghq.com/gateway/nginx-directives/';
