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
    { name: 'nginx variables outside Lua are not this change', from: '3.4', to: '3.10',
      inputs: inlineTemplate('lua_shared_dict kong 5m;\nserver {\n  listen 9000;\n  set $rid $http_x_request_id;\n}\n') },
    { name: 'Kong\'s own 2.8 template reads no ngx.var.http_*', from: '2.8.2', to: '3.10', inputs: fixtureTemplates('2.8-inlined.conf') },
  ],
  invalid: [
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
