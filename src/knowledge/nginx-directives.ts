// Facts about nginx directives whose meaning changes with the nginx/OpenSSL that Kong bundles, and
// about how Kong injects `nginx_<namespace>_<directive>` settings. Used both for directives
// written in custom templates and for directives injected from kong.conf / KONG_* variables.

import type { Severity } from '../model/finding';
import type { FactSource } from '../model/source';

export type DirectiveChangeKind =
  /** nginx still parses it but ignores it and warns. */
  | 'obsolete'
  /** The `http2` flag of `listen`: deprecated in nginx 1.25.1 in favour of `http2 on;`. */
  | 'listen-flag'
  /** nginx before the bundled version does not know the directive: refused at start. */
  | 'unknown-before'
  /** The value names TLS versions the new OpenSSL defaults no longer allow. */
  | 'protocol-disabled';

export interface DirectiveChange {
  id: string;
  kind: DirectiveChangeKind;
  /** The Kong release that brings the nginx/OpenSSL behaviour (for `unknown-before`: the first that accepts it). */
  introducedIn: string;
  directives: string[];
  severity: Severity;
  /** Why, in our words; `{{directive}}` is filled in by the rule. */
  reason: string;
  /** The fix, as an imperative clause starting lower-case (`remove it`); the rule makes it a sentence. */
  replacement?: string;
  sources: FactSource[];
}

const NGINX_BUMP_3_6: FactSource = { kind: 'repo', ref: 'Kong/kong:.requirements@3.6.1 (OpenResty 1.25.3.1, nginx 1.25.3)' };
const NGINX_BUMP_2_6: FactSource = { kind: 'repo', ref: 'Kong/kong:.requirements@2.6.1 (OpenResty 1.19.9.1, nginx 1.19.9)' };
const INJECTION_DIGEST: FactSource = { kind: 'digest', ref: 'kong-facts/nginx/injection.md (directive changes)' };

export const DIRECTIVE_CHANGES: readonly DirectiveChange[] = [
  {
    id: 'nginx.listen-http2-flag', kind: 'listen-flag', introducedIn: '3.6.0', directives: ['listen'], severity: 'warning',
    reason: 'nginx 1.25 (bundled from Kong 3.6) deprecates the `http2` flag of `listen` and warns at every start',
    replacement: 'drop `http2` from the listen line and add `http2 on;` to the server',
    sources: [NGINX_BUMP_3_6, { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/listeners.lua@3.6.1' }, INJECTION_DIGEST],
  },
  {
    id: 'nginx.http2-push-obsolete', kind: 'obsolete', introducedIn: '3.6.0', directives: ['http2_push', 'http2_push_preload'], severity: 'warning',
    reason: 'HTTP/2 server push is gone from nginx 1.25.1 (bundled from Kong 3.6): `{{directive}}` is ignored with a warning',
    replacement: 'remove it (103 Early Hints via a plugin is the modern substitute)',
    sources: [NGINX_BUMP_3_6, INJECTION_DIGEST],
  },
  {
    id: 'nginx.http2-limits-obsolete', kind: 'obsolete', introducedIn: '2.6.0',
    directives: ['http2_max_field_size', 'http2_max_header_size', 'http2_idle_timeout', 'http2_recv_timeout', 'http2_max_requests'],
    severity: 'warning',
    reason: '`{{directive}}` is obsolete since nginx 1.19.7 (bundled from Kong 2.6) and ignored with a warning',
    replacement: 'use large_client_header_buffers, keepalive_timeout, client_header_timeout or keepalive_requests instead',
    sources: [NGINX_BUMP_2_6, INJECTION_DIGEST],
  },
  {
    id: 'nginx.http2-directive-new', kind: 'unknown-before', introducedIn: '3.6.0', directives: ['http2'], severity: 'blocker',
    reason: 'the `http2` directive exists only from nginx 1.25.1 (bundled from Kong 3.6); older nginx refuses to start on it',
    replacement: 'keep the `http2` flag on the listener until the node runs 3.6',
    sources: [NGINX_BUMP_3_6, INJECTION_DIGEST],
  },
  {
    id: 'nginx.ssl-conf-command-new', kind: 'unknown-before', introducedIn: '2.6.0',
    directives: ['ssl_conf_command', 'proxy_ssl_conf_command', 'grpc_ssl_conf_command', 'ssl_reject_handshake'], severity: 'blocker',
    reason: '`{{directive}}` needs nginx 1.19.4 (bundled from Kong 2.6); older nginx refuses to start on it',
    sources: [NGINX_BUMP_2_6, INJECTION_DIGEST],
  },
  {
    id: 'nginx.tls-1-1-disabled', kind: 'protocol-disabled', introducedIn: '3.4.0',
    directives: ['ssl_protocols', 'proxy_ssl_protocols', 'grpc_ssl_protocols', 'lua_ssl_protocols'], severity: 'warning',
    reason: 'from Kong 3.4 the bundled OpenSSL is 3.x, which accepts TLSv1 and TLSv1.1 only at security level 0 while its default is 1 or higher: clients or upstreams that only speak them fail the handshake',
    replacement: 'remove TLSv1/TLSv1.1 once no peer needs them. Before 3.6.1 no Kong setting lowers the level; from 3.6.1 the stock template renders `ssl_conf_command`, `proxy_ssl_conf_command`, `grpc_ssl_conf_command` and `lua_ssl_conf_command` with `CipherString DEFAULT:@SECLEVEL=0` under `ssl_cipher_suite = old`, lines a custom template must carry too for `old` to help',
    sources: [
      { kind: 'repo', ref: 'Kong/kong:.requirements@3.4.0 (OPENSSL=3.1.1; 3.3.0 builds OpenSSL 1.1.1t)' },
      { kind: 'changelog', ref: 'Kong/kong:CHANGELOG.md@3.4.0 (OpenSSL bumped from 1.1.1t to 3.1.1)' },
      { kind: 'docs', ref: 'https://github.com/openssl/openssl/blob/openssl-3.1.1/NEWS.md (3.1.0: SSL 3, TLS 1.0, TLS 1.1 and DTLS 1.0 only work at security level 0)' },
      { kind: 'repo', ref: 'Kong/kong:kong/templates/nginx_kong.lua@3.6.1 (the @SECLEVEL=0 lines under ssl_cipher_suite = old; none up to 3.6.0)' },
      { kind: 'repo', ref: 'Kong/kong:kong/templates/kong_defaults.lua@3.6.1 (ssl_protocols, lua_ssl_protocols = TLSv1.2 TLSv1.3)' },
      INJECTION_DIGEST,
    ],
  },
];

/** TLS versions the `protocol-disabled` change is about. */
export const DISABLED_TLS_VERSIONS = ['TLSv1', 'TLSv1.1'];

/**
 * Directives Kong renders into nginx-kong(-stream)-inject.conf from 3.4: a template that includes
 * that file and still sets one of them in the same block makes nginx refuse a duplicate.
 */
export const INJECT_FILE_DIRECTIVES = {
  introducedIn: '3.4.0',
  http: { include: 'nginx-kong-inject.conf', directives: ['lua_ssl_verify_depth', 'lua_ssl_trusted_certificate', 'lua_ssl_protocols'] },
  stream: { include: 'nginx-kong-stream-inject.conf', directives: ['lua_ssl_verify_depth', 'lua_ssl_trusted_certificate', 'lua_ssl_protocols'] },
  sources: [
    { kind: 'repo', ref: 'Kong/kong:kong/templates/nginx_kong_inject.lua@3.4.2' },
    { kind: 'repo', ref: 'Kong/kong:kong/templates/nginx_kong_stream_inject.lua@3.4.2' },
    { kind: 'digest', ref: 'kong-facts/breaking-changes.json#nginx-template-3-4-inject-and-secrets-dict' },
  ] satisfies FactSource[],
} as const;

/** The injection namespaces: kong.conf prefix -> the block the directive lands in (all versions 2.0-3.9). */
export const INJECTION_NAMESPACES: readonly { prefix: string; block: string }[] = [
  { prefix: 'nginx_main_', block: 'main' },
  { prefix: 'nginx_events_', block: 'events' },
  { prefix: 'nginx_http_', block: 'http' },
  { prefix: 'nginx_upstream_', block: 'http upstream' },
  { prefix: 'nginx_proxy_', block: 'proxy server' },
  { prefix: 'nginx_location_', block: 'proxy location' },
  { prefix: 'nginx_status_', block: 'status server' },
  { prefix: 'nginx_admin_', block: 'admin server' },
  { prefix: 'nginx_stream_', block: 'stream' },
  { prefix: 'nginx_supstream_', block: 'stream upstream' },
  { prefix: 'nginx_sproxy_', block: 'stream proxy server' },
  { prefix: 'nginx_wasm_', block: 'wasm' },
];
