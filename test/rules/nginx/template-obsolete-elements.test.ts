import rule from '../../../rules/nginx/template-obsolete-elements';
import { ruleTester } from '../../support/rule-tester';
import { fixtureTemplates, inlineTemplate } from './support';

const WRPC_CP = `server {
    server_name kong_cluster_listener;
    location = /v1/wrpc {
        content_by_lua_block {
            Kong.serve_wrpc_listener()
        }
    }
}
`;

ruleTester.run(rule, {
  valid: [
    { name: '3.0 wrapper has nothing 3.4 dropped', conf: '', from: '3.0.0', to: '3.4.2', inputs: fixtureTemplates('3.0-wrapper.conf') },
    { name: 'serve_admin_api still exists on 2.8', conf: '', from: '2.5.0', to: '2.8.2', inputs: fixtureTemplates('2.8-inlined.conf') },
    { name: 'the wRPC handler only matters on a control plane', conf: '', from: '3.1.1', to: '3.4.2', inputs: inlineTemplate(WRPC_CP, 'cp.conf') },
  ],
  invalid: [
    {
      name: '2.8 inlined template on 3.4: serve_admin_api alias gone, unused dicts',
      conf: '', from: '2.8.2', to: '3.4.2', inputs: fixtureTemplates('2.8-inlined.conf'),
      findings: [
        { messageId: 'obsolete', severity: 'blocker', line: 208, column: 17, data: { fact: 'nginx.serve-admin-api' } },
        { messageId: 'unusedDict', severity: 'info', data: { dict: 'kong_core_db_cache_2' } },
        { messageId: 'unusedDict', data: { dict: 'kong_core_db_cache_miss_2' } },
        { messageId: 'unusedDict', data: { dict: 'kong_db_cache_2' } },
        { messageId: 'unusedDict', data: { dict: 'kong_db_cache_miss_2' } },
        { messageId: 'unusedDict', data: { dict: 'kong_process_events' } },
      ],
    },
    {
      name: 'a template from 1.x: removed injection list and keepalive placeholder',
      conf: '', from: '2.8.2', to: '3.0.0', inputs: fixtureTemplates('legacy-1x-loops.conf'),
      findings: [
        { messageId: 'obsolete', severity: 'blocker', line: 15, data: { fact: 'nginx.http-upstream-directives-list' } },
        { messageId: 'obsolete', severity: 'blocker', line: 14, data: { fact: 'nginx.upstream-keepalive-placeholder' } },
      ],
    },
    {
      name: '3.4 http copy on 3.8: worker events still listen under the prefix',
      conf: '', from: '3.4.2', to: '3.8.1', inputs: fixtureTemplates('3.4-http-copy.conf'),
      findings: [{ messageId: 'obsolete', severity: 'blocker', line: 196, hop: '3.8', data: { fact: 'nginx.prefix-sockets' } }],
    },
    {
      name: 'control plane with the 3.1 wRPC handler cannot serve data planes on 3.2',
      conf: 'role = control_plane\ncluster_cert = /c.pem\ncluster_cert_key = /k.pem', topology: 'hybrid', role: 'control_plane',
      from: '3.1.1', to: '3.2.2', inputs: inlineTemplate(WRPC_CP, 'cp.conf'),
      findings: [{ messageId: 'obsolete', severity: 'blocker', line: 5, data: { fact: 'nginx.serve-wrpc-listener' } }],
    },
  ],
});

describe('2.3 certificate lists', () => {
  ruleTester.run(rule, {
    valid: [{ name: 'the loop form renders on 2.3', conf: '', from: '2.2.0', to: '2.8.2', inputs: inlineTemplate('server {\n> for i = 1, #ssl_cert do\n  ssl_certificate $(ssl_cert[i]);\n> end\n}\n') }],
    invalid: [{
      name: 'a 2.2 placeholder for the certificate fails to render from 2.3',
      conf: '', from: '2.2.0', to: '2.8.2', inputs: inlineTemplate('server {\n  ssl_certificate ${{SSL_CERT}};\n  ssl_certificate_key ${{SSL_CERT_KEY}};\n}\n'),
      findings: [{ messageId: 'obsolete', severity: 'blocker', line: 2, column: 19, data: { fact: 'nginx.ssl-cert-placeholder' } }],
    }],
  });
});

const TUNNEL_WRAPPER = `events {}
stream {
    server {
        listen unix:\${{PREFIX}}/cluster_proxy_ssl_terminator.sock;
        proxy_pass \${{CLUSTER_CONTROL_PLANE}};
        proxy_ssl on;
    }
}
http {
    include 'nginx-kong.conf';
}
`;

describe('3.8 socket path of the cluster TLS tunnel', () => {
  ruleTester.run(rule, {
    valid: [
      { name: 'a traditional node never dials the tunnel', conf: '', from: '3.4.2', to: '3.8.1', inputs: inlineTemplate(TUNNEL_WRAPPER) },
      { name: 'cluster_use_proxy = yes is false for Kong', conf: 'role = data_plane\ndatabase = off\ncluster_use_proxy = yes', topology: 'hybrid', role: 'data_plane', from: '3.4.2', to: '3.8.1', inputs: inlineTemplate(TUNNEL_WRAPPER) },
      { name: 'a data plane without a forward proxy does not either', conf: 'role = data_plane\ndatabase = off', topology: 'hybrid', role: 'data_plane', from: '3.4.2', to: '3.8.1', inputs: inlineTemplate(TUNNEL_WRAPPER) },
    ],
    invalid: [{
      name: 'without kong.conf the role is unknown: reported as a warning with its condition',
      from: '3.4.2', to: '3.8.1', inputs: inlineTemplate(TUNNEL_WRAPPER),
      findings: [{ messageId: 'obsolete', severity: 'warning', line: 4, message: 'on a data plane with `cluster_use_proxy = on`; no kong.conf given', data: { fact: 'nginx.prefix-socket-cluster-tunnel' } }],
    }, {
      name: 'a data plane behind proxy_server loses its control plane on 3.8',
      conf: 'role = data_plane\ndatabase = off\ncluster_use_proxy = on\nproxy_server = http://proxy:3128', topology: 'hybrid', role: 'data_plane',
      from: '3.4.2', to: '3.8.1', inputs: inlineTemplate(TUNNEL_WRAPPER),
      findings: [{ messageId: 'obsolete', severity: 'blocker', line: 4, hop: '3.8', data: { fact: 'nginx.prefix-socket-cluster-tunnel' } }],
    }],
  });
});

const STREAM_COPY = 'server {\n  listen unix:${{PREFIX}}/stream_rpc.sock;\n}\nserver {\n  listen unix:${{PREFIX}}/stream_config.sock;\n}\nlua_shared_dict stream_kong 5m;\n';

// Written for these tests: an nginx.conf with both blocks pasted in, each listening under the prefix.
const INLINED_BOTH = `events {}
http {
    lua_shared_dict kong 5m;
    server {
        server_name kong_worker_events;
        listen unix:\${{PREFIX}}/worker_events.sock;
    }
}
stream {
    lua_shared_dict stream_kong 5m;
    server {
        listen unix:\${{PREFIX}}/stream_worker_events.sock;
    }
}
`;

describe('every socket of a stream copy is reported, when Kong includes the stream file', () => {
  ruleTester.run(rule, {
    valid: [
      { name: 'sockets under socket_path are fine', from: '3.7.1', to: '3.8.1', inputs: inlineTemplate('server {\n  listen unix:${{SOCKET_PATH}}/${{STREAM_RPC_SOCK}};\n}\nlua_shared_dict stream_kong 5m;\n', 'stream.conf') },
      // nginx.lua 3.8.0 - 3.9.3 includes nginx-kong-stream.conf only when stream_listen is set.
      { name: 'stream_listen unset (off by default): the stream file is never included', conf: 'database = postgres\nproxy_listen = 0.0.0.0:8000', from: '3.4.2', to: '3.9.3', inputs: inlineTemplate(STREAM_COPY, 'stream.conf') },
      { name: 'stream_listen = off', conf: 'stream_listen = off', from: '3.7.1', to: '3.8.1', inputs: inlineTemplate(STREAM_COPY, 'stream.conf') },
    ],
    invalid: [{
      name: 'without kong.conf: two prefix sockets, two warnings that name the condition',
      from: '3.7.1', to: '3.8.1', inputs: inlineTemplate(STREAM_COPY, 'stream.conf'),
      findings: [
        { messageId: 'obsolete', severity: 'warning', line: 2, data: { fact: 'nginx.prefix-sockets' }, message: 'matters only if `stream_listen` is set; no kong.conf given' },
        { messageId: 'obsolete', severity: 'warning', line: 5, data: { fact: 'nginx.prefix-sockets' } },
      ],
    }, {
      name: 'with stream listeners each socket is a blocker',
      conf: 'stream_listen = 0.0.0.0:5555', from: '3.7.1', to: '3.8.1', inputs: inlineTemplate(STREAM_COPY, 'stream.conf'),
      findings: [
        { messageId: 'obsolete', severity: 'blocker', line: 2, hop: '3.8', data: { fact: 'nginx.prefix-sockets' } },
        { messageId: 'obsolete', severity: 'blocker', line: 5, data: { fact: 'nginx.prefix-sockets' } },
      ],
    }],
  });
});

describe('an inlined template: the http socket always matters, the stream one with stream listeners', () => {
  ruleTester.run(rule, {
    valid: [{ name: 'sockets moved to socket_path', conf: 'stream_listen = 0.0.0.0:5555', from: '3.7.1', to: '3.8.1', inputs: inlineTemplate(INLINED_BOTH.replace(/unix:\$\{\{PREFIX\}\}/g, 'unix:${{SOCKET_PATH}}')) }],
    invalid: [{
      name: 'no stream listeners: only the http socket',
      conf: '', from: '3.7.1', to: '3.8.1', inputs: inlineTemplate(INLINED_BOTH),
      findings: [{ messageId: 'obsolete', severity: 'blocker', line: 6, data: { fact: 'nginx.prefix-sockets' } }],
    }, {
      name: 'without kong.conf: the http socket is a blocker, the stream one a warning',
      from: '3.7.1', to: '3.8.1', inputs: inlineTemplate(INLINED_BOTH),
      findings: [
        { messageId: 'obsolete', severity: 'blocker', line: 6, data: { fact: 'nginx.prefix-sockets' } },
        { messageId: 'obsolete', severity: 'warning', line: 12, data: { fact: 'nginx.prefix-sockets' }, message: '`stream_listen`' },
      ],
    }, {
      name: 'with stream listeners both are blockers',
      conf: 'stream_listen = 0.0.0.0:5555', from: '3.7.1', to: '3.8.1', inputs: inlineTemplate(INLINED_BOTH),
      findings: [
        { messageId: 'obsolete', severity: 'blocker', line: 6, data: { fact: 'nginx.prefix-sockets' } },
        { messageId: 'obsolete', severity: 'blocker', line: 12, data: { fact: 'nginx.prefix-sockets' } },
      ],
    }],
  });
});

// Written for these tests, in the shape of a rendered 3.7 nginx-kong.conf kept and mounted over
// Kong's own (seen in the wild): the prefix is already spelled out in the socket paths.
const RENDERED_37 = `lua_shared_dict kong 5m;
lua_shared_dict kong_secrets 5m;
server {
    server_name kong_worker_events;
    listen unix:/usr/local/kong/worker_events.sock;
    access_log off;
    location / {
        content_by_lua_block {
          require("resty.events.compat").run()
        }
    }
}
`;

describe('a rendered copy: Kong\'s pre-3.8 socket files under the literal prefix path', () => {
  ruleTester.run(rule, {
    valid: [
      { name: 'still fine on 3.7', conf: '', from: '3.6.1', to: '3.7.1', inputs: inlineTemplate(RENDERED_37, 'nginx-kong.conf') },
      { name: 'rendered by 3.8: short names under socket_path', conf: '', from: '3.8.0', to: '3.9.3', inputs: inlineTemplate(RENDERED_37.replace('/usr/local/kong/worker_events.sock', '/usr/local/kong/sockets/we'), 'nginx-kong.conf') },
      { name: 'a socket of the user\'s own is not Kong\'s', conf: '', from: '3.7.1', to: '3.8.1', inputs: inlineTemplate(RENDERED_37.replace('/usr/local/kong/worker_events.sock', '/var/run/app/upstream.sock'), 'nginx-kong.conf') },
    ],
    invalid: [{
      // It may be the live prefix copy, which 3.8 rewrites with the new sockets: a warning, said so.
      name: 'the worker events server is never reached from 3.8, if the copy is kept',
      conf: '', from: '3.7.1', to: '3.9.3', inputs: inlineTemplate(RENDERED_37, 'nginx-kong.conf'),
      findings: [{ messageId: 'obsolete', severity: 'warning', line: 5, hop: '3.8', data: { fact: 'nginx.prefix-sockets' }, message: 'only if this rendered copy is kept and used as is' }],
    }, {
      // A rendered nginx.conf with the http block inline came from a custom --nginx-conf template
      // (Kong's stock one only includes nginx-kong.conf), which holds the same socket line.
      name: 'a rendered nginx.conf with the http content inline keeps the blocker',
      conf: '', from: '3.7.1', to: '3.9.3',
      inputs: inlineTemplate(`pid pids/nginx.pid;\nerror_log logs/error.log notice;\nevents {}\nhttp {\n${RENDERED_37}}\n`, 'nginx.conf'),
      findings: [{ messageId: 'obsolete', severity: 'blocker', line: 9, hop: '3.8', data: { fact: 'nginx.prefix-sockets' }, message: 'and so in the custom `--nginx-conf` template it came from' }],
    }, {
      name: 'a template that spells the prefix out beside its placeholders: a blocker',
      conf: '', from: '3.7.1', to: '3.9.3', inputs: inlineTemplate(`error_log \${{PROXY_ERROR_LOG}};\n${RENDERED_37}`, 'nginx-kong.conf'),
      findings: [{ messageId: 'obsolete', severity: 'blocker', line: 6, hop: '3.8', data: { fact: 'nginx.prefix-sockets' } }],
    }],
  });
});

// Written for these tests, in the shape of a 1.x nginx.conf template that an Ansible role renders
// (bsjd/ansible-role-kong templates/nginx-kong.template.j2 copies Kong 1.0's nginx.lua).
const NGINX_1X = `> if nginx_user then
user \${{NGINX_USER}};
> end
worker_processes \${{NGINX_WORKER_PROCESSES}};
daemon \${{NGINX_DAEMON}};
pid /usr/local/kong/pids/nginx.pid;
error_log \${{PROXY_ERROR_LOG}} \${{LOG_LEVEL}};
> if nginx_optimizations then
worker_rlimit_nofile \${{WORKER_RLIMIT}};
> end
events {
> if nginx_optimizations then
    worker_connections \${{WORKER_CONNECTIONS}};
    multi_accept on;
> end
}
http {
    include 'nginx-kong.conf';
}
`;

describe('1.x placeholders that 2.0 stopped computing', () => {
  ruleTester.run(rule, {
    valid: [
      // A node already on 2.x runs this template, so it copes (nginx_optimizations off, or no guard).
      { name: 'a 2.x source already renders the template', conf: '', from: '2.1.4', to: '2.8.2', inputs: inlineTemplate(NGINX_1X) },
      { name: 'nginx_optimizations = off skips the block', conf: 'nginx_optimizations = off\n', from: '1.5.1', to: '2.8.2', inputs: inlineTemplate(NGINX_1X) },
    ],
    invalid: [{
      name: 'a 1.x source stops on 2.x releases, where both placeholders render empty',
      conf: 'database = postgres\n', from: '1.0.0', to: '3.4.2', inputs: inlineTemplate(NGINX_1X),
      findings: [
        { messageId: 'obsolete', severity: 'blocker', line: 9, column: 22, data: { fact: 'nginx.worker-rlimit-placeholder' }, message: 'worker_rlimit_nofile ;' },
        { messageId: 'obsolete', severity: 'blocker', line: 13, data: { fact: 'nginx.worker-connections-placeholder' } },
      ],
    }, {
      name: 'without kong.conf nginx_optimizations keeps its default (on)',
      from: '1.5.1', to: '2.8.2', inputs: inlineTemplate(NGINX_1X),
      findings: [
        { messageId: 'obsolete', severity: 'blocker', line: 9, data: { fact: 'nginx.worker-rlimit-placeholder' } },
        { messageId: 'obsolete', severity: 'blocker', line: 13, data: { fact: 'nginx.worker-connections-placeholder' } },
      ],
    }],
  });
});

describe('the lowercase kong global of 0.x templates', () => {
  // Written for this test in the 0.13 shape: the handler module assigned to `kong`.
  const legacy = inlineTemplate([
    'lua_shared_dict kong 5m;',
    'init_by_lua_block {',
    "    kong = require 'kong'",
    '    kong.init()',
    '}',
    'server {',
    '    server_name kong;',
    '    location / {',
    '        access_by_lua_block {',
    '            kong.access()',
    '        }',
    '    }',
    '}',
    '',
  ].join('\n'), 'nginx_kong.lua');
  // The 0.14+ shape, with a block of the operator's own that uses the PDK through `kong`.
  const renamed = inlineTemplate([
    'lua_shared_dict kong 5m;',
    'init_by_lua_block {',
    "    Kong = require 'kong'",
    '    Kong.init()',
    '}',
    'server {',
    '    server_name kong;',
    '    location / {',
    '        access_by_lua_block {',
    '            Kong.access()',
    '        }',
    '        log_by_lua_block {',
    '            kong.log("request done")',
    '            kong.log.err(kong.request.get_path())',
    '            Kong.log()',
    '        }',
    '    }',
    '}',
    '',
  ].join('\n'), 'nginx_kong.lua');

  ruleTester.run(rule, {
    valid: [
      { name: 'Kong.* handlers and PDK calls through kong.* are the 0.14+ form', conf: '', from: '1.5.1', to: '2.8.2', inputs: renamed },
    ],
    invalid: [
      {
        name: 'a 0.13 template on 1.5: every kong.<phase>() call, at its line',
        conf: '', from: '0.13.1', to: '1.5.1', inputs: legacy,
        findings: [
          { messageId: 'obsolete', severity: 'blocker', line: 4, column: 5, data: { fact: 'nginx.lowercase-kong-global' }, message: 'plugin development kit' },
          { messageId: 'obsolete', severity: 'blocker', line: 10, column: 13, data: { fact: 'nginx.lowercase-kong-global' } },
        ],
      },
    ],
  });
});
