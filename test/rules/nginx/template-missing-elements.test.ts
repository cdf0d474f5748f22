import rule from '../../../rules/nginx/template-missing-elements';
import { ruleTester } from '../../support/rule-tester';
import { fixtureTemplates, inlineTemplate } from './support';

const WRAPPER_30 = fixtureTemplates('3.0-wrapper.conf');

ruleTester.run(rule, {
  valid: [
    { name: '3.0 wrapper on a traditional node up to 3.3 needs nothing new', conf: '', from: '3.0.0', to: '3.3.1', inputs: WRAPPER_30 },
    { name: '3.0 wrapper keeps its LMDB lines, enough for a DB-less 3.3', conf: 'database = off', from: '2.8.2', to: '3.3.1', topology: 'dbless', inputs: WRAPPER_30 },
    {
      name: '3.4 http copy without http2 on is fine when no listener asks for HTTP/2',
      conf: 'proxy_listen = 0.0.0.0:8000\nadmin_listen = 127.0.0.1:8001', from: '3.4.2', to: '3.6.1',
      inputs: fixtureTemplates('3.4-http-copy.conf'),
    },
    {
      name: 'a wrapper is not judged on http content: Kong renders nginx-kong.conf itself',
      conf: '', from: '2.8.2', to: '3.0.0', inputs: inlineTemplate("events {}\nhttp {\n  include 'nginx-kong.conf';\n}\n"),
    },
  ],
  invalid: [
    {
      // nginx-inject.conf renders empty with a database: its absence is not reported here.
      name: '2.8 inlined template taken to 3.4 on a node with a database: worker events, exit_worker, the http inject include',
      conf: '', from: '2.8.2', to: '3.4.2', inputs: fixtureTemplates('2.8-inlined.conf'),
      findings: [
        { messageId: 'missing', severity: 'blocker', line: 17, data: { fact: 'nginx.worker-events.http' } },
        { messageId: 'missing', severity: 'info', data: { fact: 'nginx.exit-worker' } },
        { messageId: 'missing', severity: 'warning', line: 17, data: { fact: 'nginx.http-inject-include' } },
      ],
    },
    {
      name: 'DB-less node: a wrapper without LMDB directives loses declarative config on 3.0',
      conf: 'database = off', topology: 'dbless', from: '2.8.2', to: '3.0.0',
      inputs: fixtureTemplates('legacy-1x-loops.conf'),
      findings: [{ messageId: 'missing', severity: 'blocker', line: 2, data: { fact: 'nginx.lmdb' }, message: 'LMDB' }],
    },
    {
      name: '3.4 http copy on 3.6 with default listeners: HTTP/2 silently off without http2 on (a warning: only gRPC fails outright)',
      conf: '', from: '3.4.2', to: '3.6.1', inputs: fixtureTemplates('3.4-http-copy.conf'),
      findings: [{ messageId: 'missing', severity: 'warning', line: 2, data: { fact: 'nginx.http2-on' }, message: 'replaces Kong\'s installed template' }],
    },
    {
      name: 'wasm = on needs the wasm block in a pre-3.4 wrapper',
      conf: 'wasm = on', from: '3.0.0', to: '3.4.2', inputs: WRAPPER_30,
      findings: [{ messageId: 'missing', severity: 'blocker', data: { fact: 'nginx.wasm-block' } }],
    },
    {
      name: 'without kong.conf an undecidable condition is reported as a warning that names it',
      from: '3.0.0', to: '3.4.2', inputs: WRAPPER_30,
      findings: [
        // The role is only a default guess without kong.conf: the data-plane tunnel stays in question.
        { messageId: 'missing', severity: 'warning', data: { fact: 'nginx.cluster-ssl-tunnel' }, message: 'matters only on a data plane with `cluster_use_proxy = on`' },
        { messageId: 'missing', severity: 'warning', data: { fact: 'nginx.wasm-block' }, message: 'matters only if `wasm = on`' },
      ],
    },
  ],
  notEvaluated: [{ name: 'no --nginx-template given', conf: '', from: '2.8.2', to: '3.4.2', reason: /nginx/ }],
});

// Written for these tests in the shape Kong's spec fixture takes from 3.6: the LMDB lines inline,
// with the validation tag, instead of `include 'nginx-inject.conf'`.
const INLINE_LMDB_TAG = `pid pids/nginx.pid;
> if database == "off" then
lmdb_environment_path \${{LMDB_ENVIRONMENT_PATH}};
lmdb_map_size         \${{LMDB_MAP_SIZE}};
> if lmdb_validation_tag then
lmdb_validation_tag   $(lmdb_validation_tag);
> end
> end
events {}
http {
    include 'nginx-kong.conf';
}
`;
const INJECT_WRAPPER = "pid pids/nginx.pid;\ninclude 'nginx-inject.conf';\nevents {}\nhttp {\n    include 'nginx-kong.conf';\n}\n";

describe('nginx-inject.conf only carries LMDB settings for DB-less nodes and data planes', () => {
  ruleTester.run(rule, {
    valid: [
      { name: 'a node with a database loses nothing without the include: Kong renders the file empty', conf: 'database = postgres', from: '3.0.0', to: '3.9.3', inputs: WRAPPER_30 },
      { name: 'DB-less up to 3.5: the inline LMDB lines are all the include would bring', conf: 'database = off', topology: 'dbless', from: '3.0.0', to: '3.5.0', inputs: WRAPPER_30 },
      { name: 'DB-less on 3.9 with an inline lmdb_validation_tag', conf: 'database = off', topology: 'dbless', from: '3.4.2', to: '3.9.3', inputs: inlineTemplate(INLINE_LMDB_TAG) },
      { name: 'DB-less on 3.9 with the include', conf: 'database = off', topology: 'dbless', from: '3.4.2', to: '3.9.3', inputs: inlineTemplate(INJECT_WRAPPER) },
    ],
    invalid: [
      {
        name: 'DB-less node on 3.6: inline LMDB lines lack the validation tag the include adds',
        conf: 'database = off', topology: 'dbless', from: '3.4.2', to: '3.6.1', inputs: WRAPPER_30,
        findings: [{ messageId: 'missing', severity: 'warning', line: 2, hop: '3.6', data: { fact: 'nginx.main-inject-include' }, message: '`lmdb_validation_tag`' }],
      },
      {
        name: 'a data plane keeps LMDB too',
        conf: 'role = data_plane\ndatabase = off', topology: 'hybrid', role: 'data_plane', from: '3.4.2', to: '3.9.3', inputs: WRAPPER_30,
        findings: [{ messageId: 'missing', severity: 'warning', data: { fact: 'nginx.main-inject-include' } }],
      },
      {
        name: 'without kong.conf the node may be DB-less: a warning that names the condition',
        from: '3.4.2', to: '3.6.1', inputs: WRAPPER_30,
        findings: [
          { messageId: 'missing', severity: 'warning', data: { fact: 'nginx.cluster-ssl-tunnel' } },
          { messageId: 'missing', severity: 'warning', data: { fact: 'nginx.main-inject-include' }, message: 'matters only on a DB-less node (`database = off`) or a data plane; no kong.conf given' },
          { messageId: 'missing', severity: 'warning', data: { fact: 'nginx.wasm-block' } },
        ],
      },
      {
        name: 'DB-less on 3.9 without any LMDB line: one finding, as the include settles both',
        conf: 'database = off', topology: 'dbless', from: '2.8.2', to: '3.9.3', inputs: fixtureTemplates('legacy-1x-loops.conf'),
        findings: [{ messageId: 'missing', severity: 'blocker', line: 2, data: { fact: 'nginx.lmdb' } }],
      },
      {
        name: 'without kong.conf a template without LMDB lines is a warning, not silence',
        from: '2.8.2', to: '3.0.0', inputs: fixtureTemplates('legacy-1x-loops.conf'),
        findings: [{ messageId: 'missing', severity: 'warning', line: 2, data: { fact: 'nginx.lmdb' }, message: 'matters only on a DB-less node' }],
      },
    ],
  });
});

describe('variables the access phase writes', () => {
  // An http copy reduced to a proxy location that declares the given variables (the access call
  // sits on line 11 + their number).
  const proxyCopy = (sets: string[]) => inlineTemplate([
    "lua_shared_dict kong 5m;",
    "init_by_lua_block {",
    "    Kong = require 'kong'",
    "    Kong.init()",
    "}",
    "server {",
    "    server_name kong;",
    "    listen 0.0.0.0:8000;",
    "    location / {",
    ...sets.map((name) => `        set $${name} '';`),
    "        access_by_lua_block {",
    "            Kong.access()",
    "        }",
    "        proxy_pass $upstream_scheme://kong_upstream$upstream_uri;",
    "    }",
    "}",
    "",
  ].join('\n'), 'nginx_kong.lua');

  ruleTester.run(rule, {
    valid: [
      { name: 'a proxy location that declares both forwarded variables is fine on 2.2', conf: '', from: '2.0.4', to: '2.2.2', inputs: proxyCopy(['upstream_te', 'kong_proxy_mode', 'upstream_x_forwarded_prefix', 'upstream_x_forwarded_path']) },
      { name: 'on 2.1 only the prefix variable is written', conf: '', from: '2.0.4', to: '2.1.4', inputs: proxyCopy(['upstream_te', 'kong_proxy_mode', 'upstream_x_forwarded_prefix']) },
      { name: 'a 1.1 proxy location on 1.1 needs neither the TE nor the proxy-mode variable', conf: '', from: '1.0.3', to: '1.1.3', inputs: proxyCopy([]) },
      { name: 'a 1.3 proxy location on 1.5 declares both', conf: '', from: '1.3.0', to: '1.5.1', inputs: proxyCopy(['upstream_te', 'kong_proxy_mode']) },
      {
        name: 'a copy without Kong.access (admin-only) needs no proxy variables',
        conf: '', from: '2.0.4', to: '2.2.2',
        inputs: inlineTemplate("server {\n    server_name kong_admin;\n    location / {\n        content_by_lua_block {\n            Kong.admin_content()\n        }\n    }\n}\n", 'nginx_kong.lua'),
      },
    ],
    invalid: [
      {
        name: 'a 2.0 proxy location on 2.2: the path variable is undeclared, every proxied request fails',
        conf: '', from: '2.0.4', to: '2.2.2', inputs: proxyCopy(['upstream_te', 'kong_proxy_mode', 'upstream_x_forwarded_prefix']),
        findings: [{ messageId: 'missing', severity: 'blocker', line: 14, data: { fact: 'nginx.variable.upstream-x-forwarded-path' }, message: 'not found for writing' }],
      },
      {
        // The 0.13 spelling still marks the proxy location (nginx.lowercase-kong-global asks for the rename).
        name: 'a 0.13 proxy location calling kong.access() on 1.2 lacks the TE variable too',
        conf: '', from: '0.13.1', to: '1.2.3',
        inputs: inlineTemplate("server {\n    server_name kong;\n    location / {\n        access_by_lua_block {\n            kong.access()\n        }\n    }\n}\n", 'nginx_kong.lua'),
        findings: [{ messageId: 'missing', severity: 'blocker', line: 5, data: { fact: 'nginx.variable.upstream-te' } }],
      },
      {
        name: 'a 1.1 proxy location on 1.2: TE is written for clients that ask for trailers',
        conf: '', from: '1.1.3', to: '1.2.3', inputs: proxyCopy([]),
        findings: [{ messageId: 'missing', severity: 'blocker', line: 11, data: { fact: 'nginx.variable.upstream-te' }, message: '`TE: trailers`' }],
      },
      {
        name: 'a 1.2 proxy location on 1.5: no proxy mode, so gRPC services are not handed to @grpc (a warning: nothing is written)',
        conf: '', from: '1.2.3', to: '1.5.1', inputs: proxyCopy(['upstream_te']),
        findings: [{ messageId: 'missing', severity: 'warning', line: 12, data: { fact: 'nginx.variable.kong-proxy-mode' }, message: '@grpc' }],
      },
      {
        name: 'a 1.5 proxy location on 2.2 lacks both forwarded variables',
        conf: '', from: '1.5.1', to: '2.2.2', inputs: proxyCopy(['upstream_te', 'kong_proxy_mode']),
        findings: [
          { messageId: 'missing', severity: 'blocker', line: 13, data: { fact: 'nginx.variable.upstream-x-forwarded-prefix' } },
          { messageId: 'missing', severity: 'blocker', line: 13, data: { fact: 'nginx.variable.upstream-x-forwarded-path' } },
        ],
      },
    ],
  });
});
