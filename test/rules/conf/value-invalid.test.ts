import rule from '../../../rules/conf/value-invalid';
import { listenProblem } from '../../../src/inputs/kong-conf/listen-syntax';
import { ruleTester } from '../../support/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'well-typed values', conf: 'anonymous_reports = off\npg_port = 5432\nnginx_daemon = on\nmem_cache_size = 128m\nlog_level = notice\nproxy_listen = 0.0.0.0:8000 reuseport backlog=16384, 0.0.0.0:8443 http2 ssl\nadmin_listen = off\n', from: '2.8', to: '3.4' },
    { name: 'ipv6 listener with 3.x flags', conf: 'proxy_listen = [::1]:8000 ipv6only=on so_keepalive=on\nstream_listen = 0.0.0.0:5555 udp\n', from: '2.8', to: '3.4' },
    // Empty means "unset" for these: no type to check, no start failure.
    { name: 'empty values of untyped, string and boolean properties', conf: 'pg_password =\nproxy_access_log =\n', env: { KONG_PG_HOST: '' }, from: '3.4', to: '3.9' },
    { name: 'a listen value read from a file at start is not empty', env: { KONG_ADMIN_LISTEN_FILE: '/run/secrets/admin_listen' }, from: '3.4', to: '3.9' },
    { name: 'vault references are not typed here', conf: 'pg_port = {vault://env/pg-port}\n', from: '2.8', to: '3.4' },
    { name: 'TLSv1.1 on a path that stays below 3.6.1', conf: 'ssl_cipher_suite = custom\nssl_protocols = TLSv1.1 TLSv1.2\n', from: '3.4', to: '3.6.0' },
    { name: 'TLSv1.1 with ssl_cipher_suite = old', conf: 'ssl_cipher_suite = old\nssl_protocols = TLSv1.1 TLSv1.2\nlua_ssl_protocols = TLSv1.1 TLSv1.2\n', from: '3.5', to: '3.6.1' },
    { name: 'TLSv1.1 on OSS 3.4 (the backport is Enterprise-only)', conf: 'ssl_cipher_suite = custom\nssl_protocols = TLSv1.1 TLSv1.2\n', from: '2.8', to: '3.4' },
    { name: 'TLSv1.1 on Enterprise 3.4.3.4, before the backport', conf: 'ssl_cipher_suite = custom\nssl_protocols = TLSv1.1 TLSv1.2\n', from: '3.4.1.0', to: '3.4.3.4', edition: 'enterprise' },
    { name: 'TLSv1.1 from Enterprise 3.4.3.5, which already carries the backport, to 3.10', conf: 'ssl_cipher_suite = custom\nssl_protocols = TLSv1.1 TLSv1.2\nlua_ssl_protocols = TLSv1.1 TLSv1.2\n', from: '3.4.3.5', to: '3.10.0.0', edition: 'enterprise' },
    { name: 'TLSv1.1 from Enterprise 2.8.4.9 (backported in 2.8.4.8) to 3.4.3.12', conf: 'lua_ssl_protocols = TLSv1.1 TLSv1.2\n', from: '2.8.4.9', to: '3.4.3.12', edition: 'enterprise' },
    { name: 'TLSv1.1 from Enterprise 3.5.0.4 (backported) to 3.10', conf: 'lua_ssl_protocols = TLSv1.1 TLSv1.2\n', from: '3.5.0.4', to: '3.10.0.0', edition: 'enterprise' },
    // Every suite but custom replaces ssl_protocols and the server-side nginx keys with its own list.
    { name: 'the stock 2.x-3.4 ssl_protocols with the default suite (intermediate) is ignored by Kong', conf: 'ssl_protocols = TLSv1.1 TLSv1.2 TLSv1.3\n', from: '3.5', to: '3.6.1' },
    { name: 'TLS 1.0 in the server-side nginx keys under ssl_cipher_suite = modern', conf: 'ssl_cipher_suite = modern\nnginx_http_ssl_protocols = TLSv1 TLSv1.2\nnginx_stream_ssl_protocols = TLSv1.1\n', from: '3.4', to: '3.10', edition: 'enterprise' },
    { name: 'TLSv1.1 in a server-level nginx key under ssl_cipher_suite = old', conf: 'ssl_cipher_suite = old\nnginx_proxy_ssl_protocols = TLSv1.1 TLSv1.2\nnginx_sproxy_ssl_protocols = TLSv1.1\n', from: '3.5', to: '3.6.1' },
    { name: 'TLSv1.1 in ssl_protocols under ssl_cipher_suite = fips, from the environment', env: { KONG_SSL_CIPHER_SUITE: 'fips', KONG_SSL_PROTOCOLS: 'TLSv1.1 TLSv1.2' }, from: '3.5', to: '3.6.1' },
    { name: 'untrusted_lua = strict is new in Enterprise 3.14', conf: 'untrusted_lua = strict\n', from: '3.10', to: '3.14', edition: 'enterprise' },
    { name: 'worker_consistency = strict before 3.0', conf: 'worker_consistency = strict\n', from: '2.7', to: '2.8' },
    { name: 'pg_ssl_version belongs to conf/pg-ssl-version-enum', conf: 'pg_ssl_version = tlsv1\n', from: '2.8', to: '3.4', edition: 'enterprise' },
  ],
  invalid: [
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
    { name: 'enum value refused', conf: 'log_level = verbose\n', from: '2.8', to: '3.4', findings: [{ messageId: 'notInEnum', severity: 'blocker', line: 1 }] },
    { name: 'enum value no version accepts', conf: 'router_flavor = atc\n', from: '3.0', to: '3.4', findings: [{ messageId: 'notInEnum', data: { key: 'router_flavor' } }] },
    { name: 'enum beyond the last OSS release is a warning that says why', conf: 'log_level = verbose\n', from: '3.10', to: '3.14', edition: 'enterprise', findings: [{ messageId: 'notInEnum', severity: 'warning', message: 'a later build may accept more' }] },
    { name: 'untrusted_lua = strict on OSS 3.9', conf: 'untrusted_lua = strict\n', from: '3.4', to: '3.9', findings: [{ messageId: 'notInEnum', severity: 'blocker' }] },
    { name: 'listener with an unknown flag', conf: 'proxy_listen = 0.0.0.0:8000 reuse_port\n', from: '2.8', to: '3.4', findings: [{ messageId: 'badListen', severity: 'blocker', line: 1, message: 'reuse_port' }] },
    { name: 'listener without a port', conf: 'admin_listen = 127.0.0.1\n', from: '2.8', to: '3.4', findings: [{ messageId: 'badListen', line: 1 }] },
    {
      name: 'TLSv1.1 in ssl_protocols with ssl_cipher_suite = custom, crossing 3.6.1', conf: 'ssl_cipher_suite = custom\nssl_protocols = TLSv1.1 TLSv1.2 TLSv1.3\n', from: '3.5', to: '3.6.1',
      findings: [{ messageId: 'restricted', line: 2, severity: 'warning', hop: '3.6.1', data: { key: 'ssl_protocols', tokens: 'TLSv1.1' }, message: 'Kong still starts' }],
    },
    {
      // lua_ssl_protocols is applied whatever the suite: only old lowers the security level for it.
      name: 'TLSv1.1 in lua_ssl_protocols with the default suite, crossing 3.6.1', conf: 'lua_ssl_protocols = TLSv1.1 TLSv1.2 TLSv1.3\n', from: '3.5', to: '3.6.1',
      findings: [{ messageId: 'restricted', line: 1, severity: 'warning', hop: '3.6.1', data: { key: 'lua_ssl_protocols', tokens: 'TLSv1.1' } }],
    },
    {
      name: 'TLS 1.0 in an injected nginx directive with ssl_cipher_suite = custom, Enterprise 3.4 -> 3.10', conf: 'ssl_cipher_suite = custom\nnginx_http_ssl_protocols = TLSv1 TLSv1.2\n', from: '3.4', to: '3.10', edition: 'enterprise',
      findings: [{ messageId: 'restricted', hop: '3.4.x -> 3.10.x', data: { tokens: 'TLSv1' } }],
    },
    {
      name: 'server-level nginx keys override the http and stream lists whatever the suite', conf: 'ssl_cipher_suite = intermediate\nnginx_proxy_ssl_protocols = TLSv1.1 TLSv1.2\nnginx_admin_ssl_protocols = TLSv1 TLSv1.2\nnginx_sproxy_ssl_protocols = TLSv1.1\n', from: '3.5', to: '3.6.1',
      findings: [
        { messageId: 'restricted', line: 2, data: { key: 'nginx_proxy_ssl_protocols', tokens: 'TLSv1.1' } },
        { messageId: 'restricted', line: 3, data: { key: 'nginx_admin_ssl_protocols', tokens: 'TLSv1' } },
        { messageId: 'restricted', line: 4, data: { key: 'nginx_sproxy_ssl_protocols', tokens: 'TLSv1.1' } },
      ],
    },
    {
      name: 'upstream TLS 1.1 (nginx_http_proxy_ssl_protocols) is not governed by the suite', conf: 'ssl_cipher_suite = modern\nnginx_http_proxy_ssl_protocols = TLSv1.1 TLSv1.2\n', from: '3.5', to: '3.6.1',
      findings: [{ messageId: 'restricted', line: 2, data: { key: 'nginx_http_proxy_ssl_protocols', tokens: 'TLSv1.1' } }],
    },
    {
      name: 'TLSv1.1 on Enterprise 2.8 -> 3.4 with ssl_cipher_suite = custom (backported to 3.4.3.5)', conf: 'ssl_cipher_suite = custom\nssl_protocols = TLSv1.1 TLSv1.2\n', from: '2.8.2.4', to: '3.4', edition: 'enterprise',
      findings: [{ messageId: 'restricted', data: { since: '3.4.3.5' }, hop: '2.8.2.4 -> 3.4.x' }],
    },
    {
      name: 'TLSv1.1 from Enterprise 3.4.3.4 (before the backport) to 3.10 is reported once, at 3.6.1.0', conf: 'lua_ssl_protocols = TLSv1.1 TLSv1.2\n', from: '3.4.3.4', to: '3.10.0.0', edition: 'enterprise',
      findings: [{ messageId: 'restricted', data: { since: '3.6.1.0', key: 'lua_ssl_protocols' } }],
    },
    { name: 'worker_consistency = strict crossing 3.0', conf: 'worker_consistency = strict\n', from: '2.8', to: '3.0', findings: [{ messageId: 'deprecatedValue', severity: 'info', hop: '3.0' }] },
  ],
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
