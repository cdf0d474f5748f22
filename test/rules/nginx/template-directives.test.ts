import rule from '../../../rules/nginx/template-directives';
import { ruleTester } from '../../support/rule-tester';
import { fixtureTemplates, inlineTemplate } from './support';

ruleTester.run(rule, {
  valid: [
    { name: 'listen with http2 is fine on nginx 1.21 (Kong 3.5)', from: '3.4.2', to: '3.5.0', inputs: inlineTemplate('server {\n  listen 8443 ssl http2;\n}\nlua_shared_dict kong 5m;\n') },
    { name: 'TLSv1.2-only servers are fine on 3.6', from: '3.4.2', to: '3.6.1', inputs: inlineTemplate('server {\n  ssl_protocols TLSv1.2 TLSv1.3;\n}\nlua_shared_dict kong 5m;\n') },
    // OpenSSL 3 arrived with 3.4.0: a source already on it loses nothing more on the way.
    { name: 'TLSv1.1 on a path that starts at 3.4 or later (already refused at the source)', from: '3.4.2', to: '3.6.1', inputs: inlineTemplate('server {\n  ssl_protocols TLSv1.1 TLSv1.2 TLSv1.3;\n}\nlua_shared_dict kong 5m;\n') },
    { name: 'TLSv1.1 on a same-version path (Kong\'s own 3.4.2 Admin GUI line)', from: '3.4.2', to: '3.4.2', inputs: inlineTemplate('server {\n  ssl_protocols TLSv1.1 TLSv1.2 TLSv1.3;\n}\nlua_shared_dict kong 5m;\n') },
    // 3.3 still builds OpenSSL 1.1.1t (.requirements@3.3.0), which accepts TLS 1.1 at its default level.
    { name: 'TLSv1.1 on 3.3, before OpenSSL 3', from: '3.2.1', to: '3.3.1', inputs: inlineTemplate('server {\n  ssl_protocols TLSv1.1 TLSv1.2;\n}\nlua_shared_dict kong 5m;\n') },
    { name: 'lua_ssl_trusted_certificate without the inject include is no duplicate', from: '3.3.1', to: '3.4.2', inputs: inlineTemplate("lua_ssl_trusted_certificate '/ca.pem';\nlua_shared_dict kong 5m;\n") },
  ],
  invalid: [
    {
      // OpenSSL 3.1.1 arrives with 3.4.0 (.requirements@3.4.0), not with 3.6.
      name: 'TLSv1.1 in a template on 3.4, where OpenSSL 3 arrives',
      from: '3.3.1', to: '3.4.2', inputs: inlineTemplate('server {\n  ssl_protocols TLSv1.1 TLSv1.2;\n}\nlua_shared_dict kong 5m;\n'),
      findings: [{ messageId: 'directive', line: 2, hop: '3.4', data: { fact: 'nginx.tls-1-1-disabled', word: ' (TLSv1.1)' }, message: 'from Kong 3.4' }],
    },
    {
      name: '2.8 inlined template on 3.6: TLSv1.1 and an obsolete http2 limit',
      from: '2.8.2', to: '3.6.1', inputs: fixtureTemplates('2.8-inlined.conf'),
      findings: [
        { messageId: 'directive', severity: 'warning', line: 104, column: 23, data: { fact: 'nginx.tls-1-1-disabled', word: ' (TLSv1.1)' } },
        {
          messageId: 'directive', severity: 'warning', line: 105, data: { fact: 'nginx.http2-limits-obsolete' },
          remediation: 'Use large_client_header_buffers, keepalive_timeout, client_header_timeout or keepalive_requests instead.',
        },
      ],
    },
    {
      name: 'listen ... http2 and http2_push on nginx 1.25',
      from: '3.5.0', to: '3.6.1', inputs: inlineTemplate('server {\n  listen 8443 ssl http2;\n  http2_push_preload on;\n}\nlua_shared_dict kong 5m;\n'),
      findings: [
        { messageId: 'directive', line: 2, column: 19, hop: '3.6', data: { fact: 'nginx.listen-http2-flag' } },
        { messageId: 'directive', line: 3, data: { fact: 'nginx.http2-push-obsolete' } },
      ],
    },
    {
      name: '`http2 on` in a template for a target before 3.6 is an unknown directive',
      from: '3.4.2', to: '3.5.0', inputs: inlineTemplate('server {\n  http2 on;\n}\nlua_shared_dict kong 5m;\n'),
      findings: [{ messageId: 'directive', severity: 'blocker', line: 2, data: { fact: 'nginx.http2-directive-new' } }],
    },
    {
      name: '3.4 http copy sets lua_ssl_trusted_certificate next to the inject include',
      from: '3.4.2', to: '3.4.2', inputs: fixtureTemplates('3.4-http-copy.conf'),
      findings: [{ messageId: 'duplicateWithInclude', severity: 'blocker', line: 16, data: { directive: 'lua_ssl_trusted_certificate' } }],
    },
  ],
});
