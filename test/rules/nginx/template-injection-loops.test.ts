import rule from '../../../rules/nginx/template-injection-loops';
import { ruleTester } from '../../support/rule-tester';
import { fixtureTemplates } from './support';

ruleTester.run(rule, {
  valid: [
    { name: 'the 2.8 inlined template loops over the proxy directives', conf: 'nginx_proxy_large_client_header_buffers = 16 128k', from: '2.8.2', to: '3.4.2', inputs: fixtureTemplates('2.8-inlined.conf') },
    { name: 'a wrapper leaves http loops to Kong\'s own nginx-kong.conf', conf: 'nginx_http_output_buffers = 4 64k', from: '3.0.0', to: '3.4.2', inputs: fixtureTemplates('3.0-wrapper.conf') },
    { name: 'nginx_location_* has no loop anywhere before 3.6, so nothing to compare', conf: 'nginx_location_proxy_buffers = 8 16k', from: '3.4.2', to: '3.5.0', inputs: fixtureTemplates('3.4-http-copy.conf') },
  ],
  invalid: [
    {
      name: 'the 2.8 inlined template has no status server loop, and the 3.6 location loop is new',
      conf: 'nginx_status_client_body_buffer_size = 8k\nnginx_location_proxy_buffers = 8 16k', from: '2.8.2', to: '3.6.1',
      inputs: fixtureTemplates('2.8-inlined.conf'),
      findings: [
        { messageId: 'dropped', severity: 'warning', line: 17, data: { list: 'nginx_status_directives', key: 'nginx_status_client_body_buffer_size' } },
        { messageId: 'dropped', data: { list: 'nginx_location_directives', key: 'nginx_location_proxy_buffers' } },
      ],
    },
    {
      name: 'a wrapper without the events loop drops KONG_NGINX_EVENTS_* from the environment',
      conf: '', env: { KONG_NGINX_EVENTS_WORKER_CONNECTIONS: '8192' }, from: '2.8.2', to: '3.4.2',
      inputs: fixtureTemplates('legacy-1x-loops.conf'),
      findings: [{ messageId: 'dropped', line: 2, message: 'env KONG_NGINX_EVENTS_WORKER_CONNECTIONS' }],
    },
  ],
  notEvaluated: [{ name: 'no kong.conf, nothing to compare', from: '2.8.2', to: '3.4.2', inputs: fixtureTemplates('2.8-inlined.conf'), reason: /kong/ }],
});
