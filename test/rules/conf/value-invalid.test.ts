import rule from '../../../rules/conf/value-invalid';
import { listenProblem } from '../../../src/inputs/kong-conf/listen-syntax';
import { runCase, ruleTester } from '../../support/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'well-typed values', conf: 'anonymous_reports = off\npg_port = 5432\nnginx_daemon = on\nmem_cache_size = 128m\nlog_level = notice\nproxy_listen = 0.0.0.0:8000 reuseport backlog=16384, 0.0.0.0:8443 http2 ssl\nadmin_listen = off\n', from: '2.8', to: '3.4' },
    { name: 'ipv6 listener with 3.x flags', conf: 'proxy_listen = [::1]:8000 ipv6only=on so_keepalive=on\nstream_listen = 0.0.0.0:5555 udp\n', from: '2.8', to: '3.4' },
    // Empty means "unset" for these: no type to check, no start failure.
    { name: 'empty values of untyped, string and boolean properties', conf: 'pg_password =\nproxy_access_log =\n', env: { KONG_PG_HOST: '' }, from: '3.4', to: '3.9' },
    { name: 'a listen value read from a file at start is not empty', env: { KONG_ADMIN_LISTEN_FILE: '/run/secrets/admin_listen' }, from: '3.4', to: '3.9' },
    { name: 'vault references are not typed here', conf: 'pg_port = {vault://env/pg-port}\n', from: '2.8', to: '3.4' },
    // TLS 1.0/1.1: Kong builds OpenSSL 1.1.1t up to 3.3 and OpenSSL 3.1.1 from 3.4.0 (.requirements@3.3.0,
    // @3.4.0), which accepts them only at security level 0 (openssl NEWS.md, 3.1.0). ssl_cipher_suite = old
    // sets that level only from 3.6.1 (kong/templates/nginx_kong.lua@3.6.1; Enterprise 2.8.4.8, 3.4.3.5, 3.5.0.4).
    { name: 'TLSv1.1 on a path that stays below 3.4 (OpenSSL 1.1.1)', conf: 'ssl_cipher_suite = custom\nssl_protocols = TLSv1.1 TLSv1.2\nlua_ssl_protocols = TLSv1.1 TLSv1.2\n', from: '2.8', to: '3.3' },
    { name: 'TLSv1.1 with ssl_cipher_suite = old on a target from 3.6.1, where old lowers the level', conf: 'ssl_cipher_suite = old\nssl_protocols = TLSv1.1 TLSv1.2\nlua_ssl_protocols = TLSv1.1 TLSv1.2\n', from: '2.8', to: '3.6.1' },
    { name: 'OSS 3.4 -> 3.6.0: broken at the source already, and 3.6.0 offers no way back', conf: 'ssl_cipher_suite = custom\nssl_protocols = TLSv1.1 TLSv1.2\nlua_ssl_protocols = TLSv1.1 TLSv1.2\n', from: '3.4', to: '3.6.0' },
    { name: 'OSS 3.4 -> 3.6.1 with old already set: it starts working again, nothing to report', conf: 'ssl_cipher_suite = old\nlua_ssl_protocols = TLSv1.1 TLSv1.2\n', from: '3.4', to: '3.6.1' },
    { name: 'Enterprise 3.2.1.0 -> 3.3: the 3.3 line never got OpenSSL 3', conf: 'lua_ssl_protocols = TLSv1.1 TLSv1.2\n', from: '3.2.1.0', to: '3.3', edition: 'enterprise' },
    { name: 'from Enterprise 3.4.3.5 (OpenSSL 3 and old\'s level already there) to 3.10', conf: 'ssl_cipher_suite = custom\nssl_protocols = TLSv1.1 TLSv1.2\nlua_ssl_protocols = TLSv1.1 TLSv1.2\n', from: '3.4.3.5', to: '3.10.0.0', edition: 'enterprise' },
    { name: 'from Enterprise 2.8.4.9 (OpenSSL 3 since 2.8.4.2, old\'s level since 2.8.4.8) to 3.4.3.12', conf: 'lua_ssl_protocols = TLSv1.1 TLSv1.2\n', from: '2.8.4.9', to: '3.4.3.12', edition: 'enterprise' },
    { name: 'from Enterprise 3.5.0.4 (backported) to 3.10', conf: 'lua_ssl_protocols = TLSv1.1 TLSv1.2\n', from: '3.5.0.4', to: '3.10.0.0', edition: 'enterprise' },
    // Every suite but custom replaces ssl_protocols and the server-side nginx keys with its own list.
    { name: 'the stock 2.x-3.4 ssl_protocols with the default suite (intermediate) is ignored by Kong', conf: 'ssl_protocols = TLSv1.1 TLSv1.2 TLSv1.3\n', from: '2.8', to: '3.4' },
    { name: 'TLS 1.0 in the server-side nginx keys under ssl_cipher_suite = modern', conf: 'ssl_cipher_suite = modern\nnginx_http_ssl_protocols = TLSv1 TLSv1.2\nnginx_stream_ssl_protocols = TLSv1.1\n', from: '2.8', to: '3.10', edition: 'enterprise' },
    { name: 'TLSv1.1 in a server-level nginx key under ssl_cipher_suite = old, target 3.6.1', conf: 'ssl_cipher_suite = old\nnginx_proxy_ssl_protocols = TLSv1.1 TLSv1.2\nnginx_sproxy_ssl_protocols = TLSv1.1\n', from: '2.8', to: '3.6.1' },
    { name: 'TLSv1.1 in ssl_protocols under ssl_cipher_suite = intermediate, from the environment', env: { KONG_SSL_CIPHER_SUITE: 'intermediate', KONG_SSL_PROTOCOLS: 'TLSv1.1 TLSv1.2' }, from: '2.8', to: '3.6.1' },
    { name: 'untrusted_lua = strict is new in Enterprise 3.14', conf: 'untrusted_lua = strict\n', from: '3.10', to: '3.14', edition: 'enterprise' },
    { name: 'worker_consistency = strict before 3.0', conf: 'worker_consistency = strict\n', from: '2.7', to: '2.8' },
    { name: 'pg_ssl_version belongs to conf/pg-ssl-version-enum', conf: 'pg_ssl_version = tlsv1\n', from: '2.8', to: '3.4', edition: 'enterprise' },
    // tls-verify-314.md@bc1cd742:10-14: pg_ssl_verify = off meets tls_certificate_verify from Enterprise 3.14.
    { name: 'pg_ssl_verify = off with tls_certificate_verify = off', conf: 'pg_ssl = on\npg_ssl_verify = off\ntls_certificate_verify = off\n', from: '3.10', to: '3.14', edition: 'enterprise' },
    { name: 'pg_ssl_verify = off without TLS to PostgreSQL', conf: 'pg_ssl_verify = off\n', from: '3.10', to: '3.14', edition: 'enterprise' },
    { name: 'pg_ssl_verify = off on a DB-less node', conf: 'database = off\npg_ssl = on\npg_ssl_verify = off\n', from: '3.10', to: '3.14', edition: 'enterprise' },
    { name: 'pg_ssl_verify = off on a path that stays below 3.14', conf: 'pg_ssl = on\npg_ssl_verify = off\n', from: '3.4', to: '3.13', edition: 'enterprise' },
    { name: 'pg_ssl_verify = off on open source', conf: 'pg_ssl = on\npg_ssl_verify = off\n', from: '3.4', to: '3.9' },
    { name: 'pg_ssl_verify = on', conf: 'pg_ssl = on\npg_ssl_verify = on\n', from: '3.10', to: '3.14', edition: 'enterprise' },
    // headers: Kong's names, any case, off, and a vault reference; x-kong-request-id from OSS 3.5 and Enterprise 3.4.
    { name: 'headers with Kong\'s names in any case, and off', conf: 'headers = server_tokens, X-Kong-Upstream-Latency,via\nheaders_upstream = off\n', from: '3.4', to: '3.9' },
    { name: 'headers = off', conf: 'headers = off\n', from: '2.8', to: '3.4' },
    { name: 'dns_order in any case, AAAA included', conf: 'dns_order = last,SRV,aaaa,A,CNAME\n', from: '2.8', to: '3.4' },
    { name: 'X-Kong-Request-Id on Enterprise 3.4', conf: 'headers = latency_tokens, X-Kong-Request-Id\n', from: '2.8.4.9', to: '3.4.3.12', edition: 'enterprise' },
    // The conf loader's own checks (src/knowledge/conf/startup-checks.ts), each value at its limit.
    {
      name: 'values at the limits of the loader\'s checks', from: '3.4', to: '3.9',
      conf: [
        'lua_max_req_headers = 1', 'lua_max_resp_headers = 1000', 'lua_max_uri_args = 1000', 'lua_max_post_args = 1',
        'pg_pool_size = 0', 'pg_backlog = 0', 'pg_ro_pool_size = 0', 'pg_ro_backlog = 16', 'pg_keepalive_timeout = 0', 'pg_max_concurrent_queries = 0',
        'cluster_data_plane_purge_delay = 60', 'cluster_max_payload = 4194304', 'tracing_sampling_rate = 1', 'worker_state_update_frequency = 0.5',
        'upstream_keepalive_pool_size = 0', 'upstream_keepalive_idle_timeout = 0.5', 'ssl_cipher_suite = custom',
        'trusted_ips = 0.0.0.0/0, ::/0, unix:, 10.1.2.3, fe80::1/128, 192.168.0.0/32',
        'proxy_server = https://proxy.internal:3128', 'node_id = 8F3B4A52-1C1E-4D0B-9E55-0123456789ab', '',
      ].join('\n'),
    },
    { name: 'tracing_sampling_rate = 0 and ssl_cipher_suite = old, from the environment', env: { KONG_TRACING_SAMPLING_RATE: '0', KONG_SSL_CIPHER_SUITE: 'old', KONG_PROXY_SERVER: 'http://10.0.0.1:8080' }, from: '3.4', to: '3.9' },
    { name: 'admin_gui_path at its simplest and with every allowed character', conf: 'admin_gui_path = /\n', env: { KONG_ADMIN_GUI_PATH: '/kong-Manager_2/ui' }, from: '3.4', to: '3.9' },
    // parse.lua@3.8.0:552-561: A, AAAA and SRV in any case.
    { name: 'resolver_family with the three record types in any case', conf: 'resolver_family = a, srv,AAAA\n', from: '3.8', to: '3.9' },
    // A value that is no number at all is notNumber's, not reported twice.
    { name: 'a vault reference in a checked property', conf: 'lua_max_uri_args = {vault://env/max-args}\n', from: '3.4', to: '3.9' },
  ],
  invalid: [
    // Sweep 22 (sid-vunet/vuNGBank kong-complex.conf): `headers = server_tokens=off`, an nginx habit.
    // kong/conf_loader/parse.lua@3.9.3: any entry but off missing from HEADER_KEY_TO_NAME stops Kong.
    // kong/conf_loader/parse.lua@3.9.3:855-859 (and init.lua@3.3.0): 1 to 1000, whole numbers.
    {
      name: 'lua_max_uri_args above 1000, refused before and after', conf: 'lua_max_uri_args = 2000\nlua_max_post_args = 0\nlua_max_req_headers = 10.5\n', from: '3.4', to: '3.9',
      findings: [
        { messageId: 'refusedValue', severity: 'blocker', line: 1, message: 'Kong 3.4.0 refuses it as well', data: { key: 'lua_max_uri_args', reason: 'must be a whole number from 1 to 1000' } },
        { messageId: 'refusedValue', severity: 'blocker', line: 2, data: { key: 'lua_max_post_args' } },
        { messageId: 'refusedValue', severity: 'blocker', line: 3, data: { key: 'lua_max_req_headers' } },
      ],
    },
    {
      // The property and its check both arrive in 3.3: nothing to say about the source.
      name: 'lua_max_resp_headers on a path from 2.8, where the property is new', conf: 'lua_max_resp_headers = 1001\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'refusedValue', severity: 'blocker', line: 1, data: { key: 'lua_max_resp_headers', history: '' } }],
    },
    // init.lua@3.2.0:1003-1071: negatives and fractions refused; 0 is taken despite the message.
    {
      name: 'negative and fractional pool sizes, from the environment', env: { KONG_PG_POOL_SIZE: '-1', KONG_PG_RO_BACKLOG: '2.5' }, from: '3.4', to: '3.9',
      findings: [
        { messageId: 'refusedValue', env: 'KONG_PG_POOL_SIZE', severity: 'blocker', data: { key: 'pg_pool_size', reason: 'must be a whole number of at least 0' } },
        { messageId: 'refusedValue', env: 'KONG_PG_RO_BACKLOG', severity: 'blocker', data: { key: 'pg_ro_backlog' } },
      ],
    },
    {
      name: 'purge delay below 60, sampling rate above 1, no state updates', conf: 'cluster_data_plane_purge_delay = 59\ntracing_sampling_rate = 1.5\nworker_state_update_frequency = 0\nupstream_keepalive_max_requests = -1\n', from: '3.4', to: '3.9',
      findings: [
        { messageId: 'refusedValue', line: 1, data: { key: 'cluster_data_plane_purge_delay', reason: 'must be a number of at least 60' } },
        { messageId: 'refusedValue', line: 2, data: { key: 'tracing_sampling_rate', reason: 'must be a number from 0 to 1' } },
        { messageId: 'refusedValue', line: 3, data: { key: 'worker_state_update_frequency', reason: 'must be a number above 0' } },
        { messageId: 'refusedValue', line: 4, data: { key: 'upstream_keepalive_max_requests' } },
      ],
    },
    // init.lua@2.8.0:927-947: any suite name but custom missing from the table stops Kong.
    {
      name: 'a cipher suite Kong does not define', conf: 'ssl_cipher_suite = fips\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'refusedValue', severity: 'blocker', line: 1, message: 'Kong 2.8.0 refuses it as well', data: { key: 'ssl_cipher_suite', value: 'fips' } }],
    },
    {
      name: 'a cipher suite past the last open-source release is a warning', conf: 'ssl_cipher_suite = Modern\n', from: '3.4.3.12', to: '3.10.0.0', edition: 'enterprise',
      findings: [{ messageId: 'refusedValue', severity: 'warning', line: 1, message: 'a later build may differ' }],
    },
    {
      name: 'trusted_ips with a netmask and a trailing comma', conf: 'trusted_ips = 10.0.0.0/255.0.0.0, 192.168.1.0/24, 10.1.0.0/33,\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'refusedValue', severity: 'blocker', line: 1, message: '`10.0.0.0/255.0.0.0`, `10.1.0.0/33`, an empty entry, which are neither' }],
    },
    // parse.lua@3.9.3:678-695: LuaSocket reads `proxy.internal:` as the scheme.
    {
      name: 'proxy_server without http:// (its value stays hidden)', conf: 'proxy_server = proxy.internal:3128\n', from: '3.4', to: '3.9',
      findings: [{ messageId: 'refusedValue', severity: 'blocker', line: 1, data: { reason: 'does not start with http:// or https:// (Kong reads what comes before the first colon as the scheme)' } }],
    },
    {
      name: 'proxy_server with neither scheme nor host name before a colon', env: { KONG_PROXY_SERVER: '//proxy.internal:3128' }, from: '3.4', to: '3.9',
      findings: [{ messageId: 'refusedValue', env: 'KONG_PROXY_SERVER', data: { reason: 'has no scheme (Kong wants http:// or https:// before the host)' } }],
    },
    // init.lua@3.4.0:947-961: a leading slash, no trailing one, a few characters only.
    {
      name: 'admin_gui_path without its leading slash', conf: 'admin_gui_path = manager\n', from: '3.4', to: '3.9',
      findings: [{ messageId: 'refusedValue', line: 1, severity: 'blocker', message: 'Kong 3.4.0 refuses it as well', data: { key: 'admin_gui_path', reason: 'must start with a slash' } }],
    },
    {
      name: 'admin_gui_path with a trailing slash, from the environment', env: { KONG_ADMIN_GUI_PATH: '/manager/' }, from: '3.4', to: '3.9',
      findings: [{ messageId: 'refusedValue', env: 'KONG_ADMIN_GUI_PATH', severity: 'blocker', data: { key: 'admin_gui_path', reason: 'must not end with a slash' } }],
    },
    {
      name: 'admin_gui_path with a dot', conf: 'admin_gui_path = /manager.v2\n', from: '3.4', to: '3.9',
      findings: [{ messageId: 'refusedValue', line: 1, data: { reason: 'may hold only letters, digits, `-`, `_` and `/`' } }],
    },
    {
      // The old client's LAST and CNAME are no record types for the new one.
      name: 'resolver_family with dns_order habits', conf: 'resolver_family = LAST,A,CNAME\n', from: '3.8', to: '3.9',
      findings: [
        { messageId: 'badListEntry', severity: 'blocker', line: 1, message: 'Kong 3.8.0 refuses it as well', data: { key: 'resolver_family', entry: 'LAST', allowed: 'A, AAAA, SRV' } },
        { messageId: 'badListEntry', severity: 'blocker', line: 1, data: { entry: 'CNAME' } },
      ],
    },
    {
      name: 'node_id that is no UUID', conf: 'node_id = kong-dp-1\n', from: '3.4', to: '3.9',
      findings: [{ messageId: 'refusedValue', severity: 'blocker', line: 1, data: { key: 'node_id', reason: 'is not a UUID' } }],
    },
    {
      name: 'headers = server_tokens=off, refused before and after', conf: 'headers = server_tokens=off\n', from: '3.4', to: '3.9',
      findings: [{ messageId: 'badListEntry', severity: 'blocker', line: 1, message: 'Kong 3.4.0 refuses it as well', data: { key: 'headers', entry: 'server_tokens=off' } }],
    },
    {
      name: 'headers split on blanks instead of commas is one entry', conf: 'headers = server_tokens latency_tokens\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'badListEntry', severity: 'blocker', line: 1, data: { entry: 'server_tokens latency_tokens' } }],
    },
    {
      name: 'X-Kong-Request-Id on an open-source target before 3.5, from the environment', env: { KONG_HEADERS: 'via, X-Kong-Request-Id' }, from: '2.8', to: '3.4',
      findings: [{ messageId: 'badListEntry', env: 'KONG_HEADERS', data: { entry: 'X-Kong-Request-Id' } }],
    },
    // parse.lua@3.9.3: dns_order entries are upper-cased and looked up in LAST, A, AAAA, CNAME, SRV.
    {
      name: 'dns_order with a record type Kong does not resolve', conf: 'dns_order = last,A,CNAME,MX\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'badListEntry', severity: 'blocker', line: 1, message: 'Kong 2.8.0 refuses it as well', data: { key: 'dns_order', entry: 'MX' } }],
    },
    {
      name: 'an unknown name past the last open-source release is a warning', conf: 'headers = x-kong-debug\n', from: '3.4.3.12', to: '3.10.0.0', edition: 'enterprise',
      findings: [{ messageId: 'badListEntry', severity: 'warning', line: 1, message: 'a later build may accept more' }],
    },
    { name: 'boolean spelled yes', conf: 'anonymous_reports = yes\n', from: '2.8', to: '3.4', findings: [{ messageId: 'notBoolean', line: 1, severity: 'warning', data: { key: 'anonymous_reports' } }] },
    { name: 'boolean spelled 1, from the environment', env: { KONG_PG_SSL: '1' }, from: '2.8', to: '3.4', findings: [{ messageId: 'notBoolean', env: 'KONG_PG_SSL' }] },
    { name: 'ngx_boolean spelled true', conf: 'nginx_daemon = true\n', from: '2.8', to: '3.4', findings: [{ messageId: 'notNgxBoolean', line: 1 }] },
    { name: 'number that is not one', conf: 'pg_port = fivefourthreetwo\n', from: '2.8', to: '3.4', findings: [{ messageId: 'notNumber', line: 1 }] },
    { name: 'size with a unit nginx does not know', conf: 'mem_cache_size = 128MB\n', from: '2.8', to: '3.4', findings: [{ messageId: 'badSize', line: 1 }] },
    // Sweep 5 item 13: parse_value turns "" into nil; no enum lists nil and parse_listeners wants an entry.
    {
      name: 'empty *_listen in the file', conf: 'admin_listen =\nproxy_listen = 0.0.0.0:8000\n', from: '3.4', to: '3.9',
      findings: [{ messageId: 'emptyListen', severity: 'blocker', line: 1, message: 'Kong 3.4.0 refuses it as well', data: { key: 'admin_listen', written: 'empty' } }],
    },
    {
      name: 'empty enum and listen variables (compose `${VAR}` with VAR unset)', env: { KONG_LOG_LEVEL: '', KONG_DATABASE: '', KONG_ADMIN_LISTEN: '' }, from: '3.4', to: '3.9',
      findings: [
        { messageId: 'emptyListen', severity: 'blocker', env: 'KONG_ADMIN_LISTEN' },
        { messageId: 'emptyEnum', severity: 'blocker', env: 'KONG_DATABASE', data: { key: 'database', reading: 'no value' } },
        { messageId: 'emptyEnum', severity: 'blocker', env: 'KONG_LOG_LEVEL', data: { key: 'log_level', reading: 'no value' } },
      ],
    },
    {
      // 2.8 ignored router_flavor (no such property), so the empty line only fails from 3.0 on.
      name: 'an empty enum that the source did not check', conf: 'router_flavor =\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'emptyEnum', severity: 'blocker', line: 1, data: { key: 'router_flavor', notNew: '' } }],
    },
    {
      name: 'NONE written by the user is a word, not an unset value', conf: 'log_level = NONE\nstream_listen = NONE\n', from: '2.8', to: '3.4',
      findings: [
        { messageId: 'emptyEnum', severity: 'blocker', line: 1, data: { written: 'set to NONE', reading: 'the word NONE' } },
        { messageId: 'emptyListen', severity: 'blocker', line: 2, data: { written: 'set to NONE' } },
      ],
    },
    { name: 'pg_ssl_verify = off under the 3.14 default tls_certificate_verify = on', conf: 'pg_ssl = on\npg_ssl_verify = off\n', from: '3.10', to: '3.14', edition: 'enterprise',
      findings: [{ messageId: 'restrictedSwitch', line: 2, severity: 'warning', hop: '3.14', data: { key: 'pg_ssl_verify', value: 'off', since: '3.14.0.0' },
        message: '`pg_ssl_verify = off` stops working on Kong 3.14.0.0. With tls_certificate_verify on', remediation: "Put the CA of the PostgreSQL server's certificate in lua_ssl_trusted_certificate and set pg_ssl_verify = on; setting tls_certificate_verify = off keeps the old behaviour for every verification setting at once." }] },
    { name: 'pg_ssl_verify = false with tls_certificate_verify = on, from the environment', env: { KONG_PG_SSL: 'on', KONG_PG_SSL_VERIFY: 'false', KONG_TLS_CERTIFICATE_VERIFY: 'on' }, from: '3.10', to: '3.14.0.2', edition: 'enterprise',
      findings: [{ messageId: 'restrictedSwitch', env: 'KONG_PG_SSL_VERIFY', data: { key: 'pg_ssl_verify', value: 'false' } }] },
    { name: 'enum value refused', conf: 'log_level = verbose\n', from: '2.8', to: '3.4', findings: [{ messageId: 'notInEnum', severity: 'blocker', line: 1 }] },
    { name: 'enum value no version accepts', conf: 'router_flavor = atc\n', from: '3.0', to: '3.4', findings: [{ messageId: 'notInEnum', data: { key: 'router_flavor' } }] },
    { name: 'enum beyond the last OSS release is a warning that says why', conf: 'log_level = verbose\n', from: '3.10', to: '3.14', edition: 'enterprise', findings: [{ messageId: 'notInEnum', severity: 'warning', message: 'a later build may accept more' }] },
    { name: 'untrusted_lua = strict on OSS 3.9', conf: 'untrusted_lua = strict\n', from: '3.4', to: '3.9', findings: [{ messageId: 'notInEnum', severity: 'blocker' }] },
    { name: 'listener with an unknown flag', conf: 'proxy_listen = 0.0.0.0:8000 reuse_port\n', from: '2.8', to: '3.4', findings: [{ messageId: 'badListen', severity: 'blocker', line: 1, message: 'reuse_port' }] },
    { name: 'listener without a port', conf: 'admin_listen = 127.0.0.1\n', from: '2.8', to: '3.4', findings: [{ messageId: 'badListen', line: 1 }] },
    {
      // The corrected dating: OpenSSL 3.1.1 arrives with 3.4.0, not with 3.6.1.
      name: 'OSS 2.8 -> 3.4: TLSv1.1 in ssl_protocols (custom) and lua_ssl_protocols stop working at 3.4.0', conf: 'ssl_cipher_suite = custom\nssl_protocols = TLSv1.1 TLSv1.2\nlua_ssl_protocols = TLSv1 TLSv1.1 TLSv1.2\n', from: '2.8', to: '3.4',
      findings: [
        { messageId: 'restricted', line: 3, severity: 'warning', hop: '3.4', data: { key: 'lua_ssl_protocols', tokens: 'TLSv1 and TLSv1.1', since: '3.4.0.0' }, message: 'which stop working on Kong 3.4.0. Kong still starts' },
        { messageId: 'restricted', line: 2, severity: 'warning', hop: '3.4', data: { key: 'ssl_protocols', tokens: 'TLSv1.1' }, message: 'With ssl_cipher_suite = custom' },
      ],
    },
    {
      // Before 3.6.1 old is only a protocol and cipher list (kong/conf_loader/init.lua@3.4.0): no exception.
      name: 'OSS 2.8 -> 3.4 with ssl_cipher_suite = old: old does not lower the level there', conf: 'ssl_cipher_suite = old\nlua_ssl_protocols = TLSv1.1 TLSv1.2\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'restricted', line: 2, hop: '3.4', data: { key: 'lua_ssl_protocols', tokens: 'TLSv1.1' } }],
    },
    {
      name: 'OSS 2.8 -> 3.6.1 without old: reported once, on the hop to 3.4', conf: 'lua_ssl_protocols = TLSv1.1 TLSv1.2\n', from: '2.8', to: '3.6.1',
      findings: [{ messageId: 'restricted', line: 1, severity: 'warning', hop: '3.4', data: { key: 'lua_ssl_protocols', tokens: 'TLSv1.1', since: '3.4.0.0' } }],
    },
    {
      // Every copy of kong.conf.default 2.x-3.6.0 has this line (kong_defaults.lua@2.8.4:170,
      // @3.4.2:172): it chose nothing, so it weighs as the unset property (an info) does.
      name: 'OSS 2.8.4 -> 3.4: lua_ssl_protocols written at 2.8.4\'s own default', conf: 'lua_ssl_protocols = TLSv1.1 TLSv1.2 TLSv1.3\n', from: '2.8.4', to: '3.4',
      findings: [{ messageId: 'restrictedCopiedDefault', line: 1, severity: 'info', hop: '3.4', data: { key: 'lua_ssl_protocols', tokens: 'TLSv1.1', from: '2.8.4', newDefault: '' },
        message: 'is the default of Kong 2.8.4 written out, as kong.conf.default has it; it lists TLSv1.1, which stop working on Kong 3.4.0 with or without this line' }],
    },
    {
      // From 3.6.1 the default drops TLSv1.1 (kong_defaults.lua@3.6.1:lua_ssl_protocols): the copied line keeps it listed.
      name: 'OSS 2.8.4 -> 3.6.1: the copied default, with the target\'s own default to go back to', conf: 'lua_ssl_protocols = TLSv1.1,TLSv1.2, TLSv1.3\n', from: '2.8.4', to: '3.6.1',
      findings: [{ messageId: 'restrictedCopiedDefault', line: 1, severity: 'info', message: "Kong 3.6.1's own default is `TLSv1.2 TLSv1.3`.", remediation: "Delete the line so that Kong 3.6.1's default (`TLSv1.2 TLSv1.3`) applies, and move peers that still need the listed versions to a newer one." }],
    },
    {
      name: 'OSS 2.8.4 -> 3.4: the same tokens in another order are a choice, not the copied default', conf: 'lua_ssl_protocols = TLSv1.2 TLSv1.3 TLSv1.1\n', from: '2.8.4', to: '3.4',
      findings: [{ messageId: 'restricted', line: 1, severity: 'warning' }],
    },
    {
      // Nothing new breaks, but the advice changes: from 3.6.1 old brings TLS 1.1 back.
      name: 'OSS 3.4 -> 3.6.1: already broken at the source, the way back is new', conf: 'ssl_cipher_suite = custom\nssl_protocols = TLSv1.1 TLSv1.2\nlua_ssl_protocols = TLSv1.1 TLSv1.2\n', from: '3.4', to: '3.6.1',
      findings: [
        { messageId: 'restrictedWayBack', line: 3, severity: 'info', hop: '3.6.1', data: { key: 'lua_ssl_protocols', since: '3.4.0.0', available: '3.6.1.0' }, message: 'have not worked since 3.4.0; Kong 3.6.1 and later offer a way back: set ssl_cipher_suite = old' },
        { messageId: 'restrictedWayBack', line: 2, severity: 'info', hop: '3.6.1', data: { key: 'ssl_protocols' }, message: 'replace ssl_cipher_suite = custom with old' },
      ],
    },
    {
      name: 'TLS 1.0 in an injected nginx directive with ssl_cipher_suite = custom, Enterprise 3.4 -> 3.10: the way back at 3.4.3.5', conf: 'ssl_cipher_suite = custom\nnginx_http_ssl_protocols = TLSv1 TLSv1.2\n', from: '3.4', to: '3.10', edition: 'enterprise',
      findings: [{ messageId: 'restrictedWayBack', severity: 'info', data: { tokens: 'TLSv1', since: '3.4.0.0' } }],
    },
    {
      name: 'server-level nginx keys override the http and stream lists whatever the suite', conf: 'ssl_cipher_suite = intermediate\nnginx_proxy_ssl_protocols = TLSv1.1 TLSv1.2\nnginx_admin_ssl_protocols = TLSv1 TLSv1.2\nnginx_sproxy_ssl_protocols = TLSv1.1\n', from: '2.8', to: '3.6.1',
      findings: [
        { messageId: 'restricted', line: 2, data: { key: 'nginx_proxy_ssl_protocols', tokens: 'TLSv1.1' } },
        { messageId: 'restricted', line: 3, data: { key: 'nginx_admin_ssl_protocols', tokens: 'TLSv1' } },
        { messageId: 'restricted', line: 4, data: { key: 'nginx_sproxy_ssl_protocols', tokens: 'TLSv1.1' } },
      ],
    },
    {
      name: 'upstream TLS 1.1 (nginx_http_proxy_ssl_protocols) is not governed by the suite', conf: 'ssl_cipher_suite = modern\nnginx_http_proxy_ssl_protocols = TLSv1.1 TLSv1.2\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'restricted', line: 2, hop: '3.4', data: { key: 'nginx_http_proxy_ssl_protocols', tokens: 'TLSv1.1' } }],
    },
    {
      name: 'Enterprise 2.8 -> 3.4 with ssl_cipher_suite = custom: OpenSSL 3 at 3.4.0.0', conf: 'ssl_cipher_suite = custom\nssl_protocols = TLSv1.1 TLSv1.2\n', from: '2.8.2.4', to: '3.4', edition: 'enterprise',
      findings: [{ messageId: 'restricted', data: { since: '3.4.0.0' }, hop: '2.8.2.4 -> 3.4.x' }],
    },
    {
      // gateway.json: Enterprise 2.8.4.2 bumped OpenSSL from 1.1.1t to 3.1.1.
      name: 'Enterprise 2.8.2.4 -> 2.8.4.5 meets OpenSSL 3 at the 2.8.4.2 backport', conf: 'lua_ssl_protocols = TLSv1.1 TLSv1.2\n', from: '2.8.2.4', to: '2.8.4.5', edition: 'enterprise',
      findings: [{ messageId: 'restricted', data: { since: '2.8.4.2' }, message: 'stop working on Kong 2.8.4.2' }],
    },
    {
      name: 'Enterprise 3.4.3.4 -> 3.10: broken at the source, the way back at 3.6.1.0', conf: 'lua_ssl_protocols = TLSv1.1 TLSv1.2\n', from: '3.4.3.4', to: '3.10.0.0', edition: 'enterprise',
      findings: [{ messageId: 'restrictedWayBack', severity: 'info', data: { since: '3.4.0.0', available: '3.6.1.0', key: 'lua_ssl_protocols' } }],
    },
    {
      name: 'Enterprise 3.4.3.4 -> 3.4.3.12: the way back is the 3.4.3.5 backport', conf: 'lua_ssl_protocols = TLSv1.1 TLSv1.2\n', from: '3.4.3.4', to: '3.4.3.12', edition: 'enterprise',
      findings: [{ messageId: 'restrictedWayBack', severity: 'info', data: { available: '3.4.3.5' } }],
    },
    { name: 'worker_consistency = strict crossing 3.0', conf: 'worker_consistency = strict\n', from: '2.8', to: '3.0', findings: [{ messageId: 'deprecatedValue', severity: 'info', hop: '3.0' }] },
  ],
});

// The advice follows the target: ssl_cipher_suite = old helps only where Kong sets @SECLEVEL=0 with it.
describe('conf/value-invalid: TLS 1.0/1.1 remediation per target', () => {
  const remediation = async (from: string, to: string, edition: 'oss' | 'enterprise' = 'oss') => {
    const { result } = await runCase(rule, { name: `${from} -> ${to}`, conf: 'lua_ssl_protocols = TLSv1.1 TLSv1.2\n', from, to, edition });
    const found = result.findings.filter((f) => f.data?.key === 'lua_ssl_protocols');
    expect(found).toHaveLength(1);
    return found[0].remediation ?? '';
  };

  it('does not offer ssl_cipher_suite = old as the fix on a target before 3.6.1', async () => {
    const text = await remediation('2.8', '3.4');
    expect(text).toContain('Kong 3.4.');
    expect(text).toContain('has no setting that makes them work again');
    expect(text).toContain('target 3.6.1 or later and set ssl_cipher_suite = old');
    expect(text).not.toMatch(/^Remove .* until then set ssl_cipher_suite = old/);
  });

  it('offers it on a target from 3.6.1', async () => {
    expect(await remediation('2.8', '3.6.1')).toMatch(/^Remove TLSv1\.1 from lua_ssl_protocols once no peer needs them; until then set ssl_cipher_suite = old/);
  });

  it('names the backport of the target\'s own Enterprise line', async () => {
    expect(await remediation('2.8.2.4', '2.8.4.5', 'enterprise')).toContain('target 2.8.4.8 or later');
    expect(await remediation('2.8.2.4', '3.4.3.12', 'enterprise')).toMatch(/until then set ssl_cipher_suite = old/);
  });
});

describe('listen entry syntax', () => {
  const http3 = ['ssl', 'http2', 'reuseport', 'backlog=\\d+', 'ipv6only=on'];
  it.each([
    ['0.0.0.0:8000', undefined],
    ['kong.internal:8000 ssl', undefined],
    ['[::]:8443 ssl ipv6only=on', undefined],
    ['off', undefined],
    ['0.0.0.0:8000 ssl backlog=abc', 'unknown flag `backlog=abc`'],
    ['0.0.0.0', '`0.0.0.0` is not an address:port'],
    ['0.0.0.0:70000', 'port 70000 is out of range'],
    ['', 'the entry is empty (a stray comma)'],
  ])('%s', (entry, problem) => {
    expect(listenProblem(entry, http3)).toBe(problem);
  });
});

describe('conf/value-invalid: refused values of secret properties', () => {
  it('keeps a proxy_server URL, user and password included, out of the message', async () => {
    const { result } = await runCase(rule, { name: 'proxy with credentials', conf: 'proxy_server = kong:s3cr3t@proxy.internal:3128\n', from: '3.4', to: '3.9' });
    expect(result.findings.map((f) => f.messageId)).toEqual(['refusedValue']);
    expect(result.findings[0].message).not.toMatch(/s3cr3t|kong:|proxy\.internal/);
  });
});
