// Which files count as rendered into Kong's prefix: no template syntax left, plus something only
// the renderer writes. Templates, including hand-written ones without any template line, do not.

import { readdirSync } from 'node:fs';
import { readNginxTemplate } from '../../../src/inputs/nginx/load';
import { NGINX_FIXTURES, fixtureTemplates } from '../../rules/nginx/support';

const KONG_HTTP = `lua_shared_dict kong 5m;
init_by_lua_block {
    Kong.init()
}
`;

describe('rendered nginx files', () => {
  it('the rendered fixtures are recognised, with the line that gave them away', () => {
    const [http] = fixtureTemplates('rendered-nginx-kong.conf')().nginxTemplates!;
    expect(http.rendered).toEqual({ what: '`/usr/local/kong/ssl/kong-default.crt`', at: { line: 29, column: 25 } });
    expect(http.role).toBe('http');
    const [main] = fixtureTemplates('rendered-nginx.conf')().nginxTemplates!;
    expect(main.rendered?.what).toContain('# injected nginx_main_* directives');
    expect(main.rendered?.at.line).toBe(6);
    expect(main.role).toBe('main');
  });

  it('no template fixture is taken for a rendered file', () => {
    const templates = readdirSync(NGINX_FIXTURES).filter((f) => f.endsWith('.conf') && !f.startsWith('rendered-'));
    expect(templates.length).toBeGreaterThanOrEqual(5);
    for (const name of templates) expect([name, fixtureTemplates(name)().nginxTemplates![0].rendered]).toEqual([name, undefined]);
  });

  it.each([
    ['the 3.4 worker-events socket', `${KONG_HTTP}server {\n    listen unix:/usr/local/kong/worker_events.sock;\n}\n`],
    ['a 3.9 socket under sockets/', `${KONG_HTTP}server {\n    listen unix:/kong_prefix/sockets/we;\n}\n`],
    ['the combined CA bundle', `${KONG_HTTP}lua_ssl_trusted_certificate '/kong_prefix/.ca_combined';\n`],
    ['an admin default certificate', `${KONG_HTTP}server {\n    ssl_certificate /opt/kong/ssl/admin-kong-default-ecdsa.crt;\n}\n`],
  ])('rendered: %s', (_name, text) => {
    expect(readNginxTemplate('nginx-kong.conf', text).rendered).toBeDefined();
  });

  it.each([
    // A custom template written without `> ` lines or placeholders is still a template.
    ['a plain hand-written wrapper', `events {}\nhttp {\n    include 'nginx-kong.conf';\n}\n`],
    ['a template line beside a prefix path', `${KONG_HTTP}> if ssl then\nssl_certificate /usr/local/kong/ssl/kong-default.crt;\n> end\n`],
    ['a placeholder beside the injected comment', `${KONG_HTTP}# injected nginx_http_* directives\nclient_max_body_size 0;\nerror_log \${{PROXY_ERROR_LOG}};\n`],
    ['a penlight expression beside a prefix path', `${KONG_HTTP}ssl_certificate /usr/local/kong/ssl/kong-default.crt;\n$(el.name) $(el.value);\n`],
    ['a Lua-wrapped file', `return [[\n${KONG_HTTP}ssl_certificate /usr/local/kong/ssl/kong-default.crt;\n]]\n`],
    ['a certificate of the operator\'s own', `${KONG_HTTP}ssl_certificate /etc/kong/tls/api.example.com.crt;\n`],
  ])('a template: %s', (_name, text) => {
    expect(readNginxTemplate('custom.conf', text).rendered).toBeUndefined();
  });
});
