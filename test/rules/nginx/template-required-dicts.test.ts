import rule from '../../../rules/nginx/template-required-dicts';
import { ruleTester } from '../../support/rule-tester';
import { fixtureTemplates, inlineTemplate } from './support';

const STREAM_COPY = `lua_shared_dict stream_kong 5m;
lua_shared_dict stream_kong_locks 8m;
lua_shared_dict stream_kong_healthchecks 5m;
lua_shared_dict stream_kong_cluster_events 5m;
lua_shared_dict stream_kong_rate_limiting_counters 12m;
lua_shared_dict stream_kong_db_cache \${{MEM_CACHE_SIZE}};
lua_shared_dict stream_kong_db_cache_miss 12m;
server {
    listen unix:\${{PREFIX}}/stream_rpc.sock;
    content_by_lua_block { Kong.stream_api() }
}
upstream kong_upstream {
    server 0.0.0.1:1;
    balancer_by_lua_block { Kong.balancer() }
}
server {
    preread_by_lua_block { Kong.preread() }
}
`;

ruleTester.run(rule, {
  valid: [
    { name: '3.4 http copy declares kong_secrets', conf: '', from: '3.3.1', to: '3.6.1', inputs: fixtureTemplates('3.4-http-copy.conf') },
    { name: 'a wrapper leaves the dicts to Kong\'s own nginx-kong.conf', conf: '', from: '2.8.2', to: '3.4.2', inputs: fixtureTemplates('3.0-wrapper.conf') },
    { name: 'path ends before 3.4: kong_secrets not yet required', conf: '', from: '2.8.2', to: '3.3.1', inputs: fixtureTemplates('2.8-inlined.conf') },
    { name: 'stream copy without stream listeners is never rendered', conf: 'stream_listen = off', from: '3.3.1', to: '3.4.2', inputs: inlineTemplate(STREAM_COPY, 'stream.conf') },
  ],
  invalid: [
    {
      name: '2.8 inlined template on 3.4: Kong refuses to start without kong_secrets',
      conf: '', from: '2.8.2', to: '3.4.2', inputs: fixtureTemplates('2.8-inlined.conf'),
      findings: [{ messageId: 'missingDict', severity: 'blocker', line: 17, hop: '3.4', data: { dict: 'kong_secrets', since: '3.4.x' } }],
    },
    {
      name: 'stream copy with stream listeners needs stream_kong_secrets',
      conf: 'stream_listen = 0.0.0.0:5555', from: '3.3.1', to: '3.4.2', inputs: inlineTemplate(STREAM_COPY, 'stream.conf'),
      findings: [{ messageId: 'missingDict', severity: 'blocker', line: 1, data: { dict: 'stream_kong_secrets' } }],
    },
  ],
});
