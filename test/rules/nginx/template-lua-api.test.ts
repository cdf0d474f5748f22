import rule from '../../../rules/nginx/template-lua-api';
import { ruleTester } from '../../support/rule-tester';
import { fixtureTemplates, inlineTemplate } from './support';

// A custom server block that hands a request header to the upstream from Lua.
const block = (lua: string) => inlineTemplate(
  'lua_shared_dict kong 5m;\nserver {\n  listen 9000;\n  access_by_lua_block {\n' + lua + '  }\n}\n',
);

ruleTester.run(rule, {
  valid: [
    // ngx.var.http_* changed with OpenResty 1.25 in 3.6.0 (lts-changes-34-310.md@bc1cd742:147-153).
    { name: 'path that stays below 3.6', from: '3.4', to: '3.5', inputs: block('    local id = ngx.var.http_x_request_id\n') },
    { name: 'the PDK header getter is unaffected', from: '3.4', to: '3.10', inputs: block('    local id = kong.request.get_header("x-request-id")\n') },
    { name: 'a comment and a string that name the variable are no code', from: '3.4', to: '3.10',
      inputs: block('    -- ngx.var.http_x_request_id\n    ngx.log(ngx.INFO, "ngx.var.http_x")\n') },
    // nginx joined Cookie and X-Forwarded-For lines before 1.23 too; only the others changed.
    { name: '$http_cookie and $http_x_forwarded_for kept their joined value', from: '3.4', to: '3.10',
      inputs: inlineTemplate('lua_shared_dict kong 5m;\nserver {\n  listen 9000;\n  set $c $http_cookie;\n  proxy_set_header X-F "${http_x_forwarded_for}";\n}\n') },
    { name: '$http_* in a log_format changes only the log, as in Kong\'s own template', from: '3.4', to: '3.10',
      inputs: inlineTemplate('lua_shared_dict kong 5m;\nlog_format mine \'$remote_addr "$http_referer" "$http_user_agent"\';\nlua_kong_load_var_index $http_x_kong_request_debug;\n') },
    { name: '$http_* on a path that stays below 3.6', from: '3.4', to: '3.5',
      inputs: inlineTemplate('lua_shared_dict kong 5m;\nserver {\n  listen 9000;\n  set $rid $http_x_request_id;\n}\n') },
    { name: 'a Kong placeholder is no nginx variable', from: '3.4', to: '3.10',
      inputs: inlineTemplate('lua_shared_dict kong ${{MEM_CACHE_SIZE}};\n') },
    { name: 'Kong\'s own 2.8 template reads no ngx.var.http_*', from: '2.8.2', to: '3.10', inputs: fixtureTemplates('2.8-inlined.conf') },
  ],
  invalid: [
    // ngx.var.http_* is the nginx variable: nginx 1.23 (OpenResty 1.25.3, Kong 3.6) joins repeated
    // header lines when $http_* is looked up, from Lua or from a directive.
    {
      name: '$http_* read by a directive on 3.4 -> 3.10', from: '3.4', to: '3.10',
      inputs: inlineTemplate('lua_shared_dict kong 5m;\nserver {\n  listen 9000;\n  set $rid $http_x_request_id;\n  if ($http_x_tenant = "a") { return 403; }\n}\n'),
      findings: [
        { messageId: 'changedVariable', severity: 'warning', line: 4, column: 12, hop: '3.10',
          data: { directive: 'set', variable: 'http_x_request_id', fact: 'custom-code-ngx-var-http-multi-value' },
          message: 'reads `$http_x_request_id`, whose value changes in Kong 3.6.0' },
        { messageId: 'changedVariable', line: 5, data: { directive: 'if', variable: 'http_x_tenant' } },
      ],
    },
    {
      name: 'a map keyed on a request header, written ${...}', from: '3.5', to: '3.6',
      inputs: inlineTemplate('lua_shared_dict kong 5m;\nmap ${http_x_api_version} $backend {\n  default a;\n}\n'),
      findings: [{ messageId: 'changedVariable', line: 2, column: 5, data: { directive: 'map', variable: 'http_x_api_version' } }],
    },
    {
      name: 'ngx.var.http_* in an access_by_lua_block on 3.4 -> 3.10', from: '3.4', to: '3.10',
      inputs: block('    local id = ngx.var.http_x_request_id\n'),
      findings: [{ messageId: 'changedReference', severity: 'warning', line: 5, column: 16, hop: '3.10',
        data: { directive: 'access_by_lua_block', chain: 'ngx.var.http_x_request_id', fact: 'custom-code-ngx-var-http-multi-value' },
        message: 'changes in Kong 3.6.0 (' }],
    },
    {
      name: 'same-line block code keeps its column', from: '3.4', to: '3.6',
      inputs: inlineTemplate('lua_shared_dict kong 5m;\nserver {\n  listen 9000;\n  rewrite_by_lua_block { ngx.req.set_header("a", ngx.var.http_b) }\n}\n'),
      findings: [{ messageId: 'changedReference', line: 4, column: 50, data: { chain: 'ngx.var.http_b' } }],
    },
  ],
});
