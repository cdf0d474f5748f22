import rule from '../../../rules/plugins/changed-api-reference';
import { ruleTester } from '../../support/rule-tester';
import { CLEAN_HANDLER, inlinePlugin } from './plugin-support';

ruleTester.run(rule, {
  valid: [
    { name: 'the replacements', from: '2.8', to: '3.9',
      inputs: inlinePlugin({ 'handler.lua': 'local b = ngx.ctx.balancer_data\nlocal h = constants.HEADERS.CREDENTIAL_IDENTIFIER\nlocal p = kong.request.get_raw_path()\n' + CLEAN_HANDLER }) },
    { name: 'a plugin that sets the ngx.ctx fields Kong stopped setting', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': 'kong.ctx.shared.authenticated_jwt_token = token\nngx.ctx.authenticated_jwt_token = token\nngx.ctx["proxy_cache_hit"] = nil\nn, ngx.ctx.balancer_address = 1, addr\n' + CLEAN_HANDLER }) },
    { name: 'reads of a field the same file sets', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': 'ngx.ctx.authenticated_jwt_token = token\nlocal t = ngx.ctx.authenticated_jwt_token\nif ngx.ctx.authenticated_jwt_token == nil then end\n' + CLEAN_HANDLER }) },
    { name: 'old names in comments and strings only', from: '2.8', to: '3.9',
      inputs: inlinePlugin({ 'handler.lua': '-- ngx.ctx.balancer_address\nlocal s = "ngx.var.http_x_id"\n' + CLEAN_HANDLER }) },
    { name: 'process_auto_fields outside the select context', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': 'local row = schema:process_auto_fields(data, "insert")\n' + CLEAN_HANDLER }) },
    { name: 'ngx.var.http_* before 3.6', from: '3.0', to: '3.5',
      inputs: inlinePlugin({ 'handler.lua': 'local v = ngx.var.http_x_id\n' + CLEAN_HANDLER }) },
    { name: 'Enterprise-only entry on an OSS installation', from: '3.4', to: '3.9',
      inputs: inlinePlugin({ 'handler.lua': 'local c = redis.init_conf(conf)\n' + CLEAN_HANDLER }) },
  ],
  invalid: [
    { name: 'ngx.ctx fields, the removed constant and get_path on the 3.0 hop', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': 'local a = ngx.ctx.balancer_address\nlocal t = ngx.ctx["authenticated_jwt_token"]\nkong.service.request.clear_header(constants.HEADERS.CREDENTIAL_USERNAME)\nlocal p = kong.request.get_path()\n' + CLEAN_HANDLER }),
      findings: [
        { messageId: 'changedReference', line: 1, severity: 'warning', data: { chain: 'ngx.ctx.balancer_address' } },
        { messageId: 'changedReference', line: 2, data: { chain: 'ngx.ctx.authenticated_jwt_token' } },
        { messageId: 'changedReference', line: 3, column: 35, severity: 'blocker', data: { chain: 'constants.HEADERS.CREDENTIAL_USERNAME' } },
        { messageId: 'changedReference', line: 4, severity: 'info', data: { chain: 'kong.request.get_path' } },
      ] },
    { name: 'reads of the ngx.ctx fields, including comparisons and writes below them', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': 'local t = ngx.ctx.authenticated_jwt_token\nif ngx.ctx.proxy_cache_hit == nil then end\nngx.ctx.authenticated_jwt_token.claims = c\nlocal u = { ngx.ctx.balancer_address, y = 1 }\n' + CLEAN_HANDLER }),
      findings: [
        { messageId: 'changedReference', line: 1, data: { chain: 'ngx.ctx.authenticated_jwt_token' } },
        { messageId: 'changedReference', line: 2, data: { chain: 'ngx.ctx.proxy_cache_hit' } },
        { messageId: 'changedReference', line: 3, data: { chain: 'ngx.ctx.authenticated_jwt_token' } },
        { messageId: 'changedReference', line: 4, data: { chain: 'ngx.ctx.balancer_address' } },
      ] },
    { name: 'setting one ngx.ctx field does not excuse reading another', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': 'ngx.ctx.authenticated_jwt_token = token\nlocal a = ngx.ctx.balancer_address\n' + CLEAN_HANDLER }),
      findings: [{ messageId: 'changedReference', line: 2, data: { chain: 'ngx.ctx.balancer_address' } }] },
    { name: 'process_auto_fields in the select context', from: '2.8', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': 'local row = schema:process_auto_fields(data, "select", true)\n' + CLEAN_HANDLER }),
      findings: [{ messageId: 'changedReference', line: 1, severity: 'warning', data: { chain: 'schema.process_auto_fields' } }] },
    { name: 'ngx.var.http_* on the 3.6 hop', from: '3.4', to: '3.6',
      inputs: inlinePlugin({ 'handler.lua': 'local id = ngx.var.http_x_request_id\n' + CLEAN_HANDLER }),
      findings: [{ messageId: 'changedReference', line: 1, hop: '3.6', data: { chain: 'ngx.var.http_x_request_id' } }] },
    { name: 'Enterprise redis init_conf on the 3.8 hop', from: '3.4.3.5', to: '3.8.0.0', edition: 'enterprise',
      inputs: inlinePlugin({ 'handler.lua': 'local c = redis.init_conf(conf)\n' + CLEAN_HANDLER }),
      findings: [{ messageId: 'changedReference', line: 1, data: { fact: 'ee-redis-shared-config-v2' } }] },
  ],
});
