import rule from '../../../rules/nginx/injected-directives';
import { ruleTester } from '../../support/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'modern TLS and plain directives', conf: 'ssl_protocols = TLSv1.2 TLSv1.3\nnginx_http_client_max_body_size = 10m', from: '3.4.2', to: '3.6.1' },
    { name: 'TLSv1.1 in kong.conf keys is left to the conf rules (conf.tls11.disabled-custom-suite)', conf: 'nginx_http_ssl_protocols = TLSv1.1 TLSv1.2\nssl_protocols = TLSv1.1', from: '3.4.2', to: '3.6.1' },
    { name: 'lua_ssl_protocols through the namespace still works on 3.3', conf: 'nginx_http_lua_ssl_protocols = TLSv1.2', from: '2.8.2', to: '3.3.1' },
    // From 3.4 Kong leaves these keys out of the injected list but writes them itself through
    // nginx-kong(-stream)-inject.conf and keeps a user's value (spec/01-unit/03-conf_loader_spec.lua@3.4.2).
    { name: 'nginx_*_lua_ssl_protocols still work from 3.4, also from the environment', conf: 'nginx_http_lua_ssl_protocols = TLSv1.2', env: { KONG_NGINX_STREAM_LUA_SSL_PROTOCOLS: 'TLSv1.2' }, from: '3.3.1', to: '3.4.2' },
  ],
  invalid: [
    {
      name: 'injected http2_push and an obsolete http2 limit on 3.6',
      conf: 'nginx_http_http2_max_field_size = 8k\nnginx_proxy_http2_push_preload = on', from: '3.4.2', to: '3.6.1',
      findings: [
        { messageId: 'directive', severity: 'warning', line: 1, data: { fact: 'nginx.http2-limits-obsolete', directive: 'http2_max_field_size' } },
        { messageId: 'directive', severity: 'warning', line: 2, hop: '3.6', data: { fact: 'nginx.http2-push-obsolete', directive: 'http2_push_preload' } },
      ],
    },
    {
      name: 'an injected http2 directive before nginx 1.25 stops nginx',
      conf: 'nginx_proxy_http2 = on', from: '3.4.2', to: '3.5.0',
      findings: [{ messageId: 'directive', severity: 'blocker', line: 1, data: { fact: 'nginx.http2-directive-new' } }],
    },
  ],
  notEvaluated: [{ name: 'no kong.conf', from: '3.4.2', to: '3.6.1', reason: /kongConf|kong\.conf/ }],
});
