// Files with nothing Kong-specific are refused as nginx templates; every kind of Kong template
// (stock files, kept copies, custom templates, rendered configurations) is still accepted.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../src/errors';
import { showsKongMarkers } from '../../../src/inputs/nginx/kong-markers';
import { loadNginxTemplates, readNginxTemplate } from '../../../src/inputs/nginx/load';
import { unwrapLuaTemplate } from '../../../src/inputs/nginx/normalize';
import { parseNginx } from '../../../src/inputs/nginx/parse';

// Written for this test after the sweep's inputs: an nginx load balancer in front of two Kong
// nodes, and a Lua script that happens to be named nginx_kong.lua.
const LOAD_BALANCER = `events {}
http {
    upstream kong_upstream {
        server kong1:8000 max_fails=1;
        server kong2:8000 max_fails=1;
    }
    server {
        listen 443 ssl;
        ssl_certificate /certs/lb.crt;
        location / {
            proxy_pass http://kong_upstream;
        }
    }
}
`;
const LUA_SCRIPT = `local jwt = require "resty.jwt"
-- hand the API key to Kong
local header = ngx.var.http_authorization
if header then
    ngx.req.set_header("apikey", jwt:load_jwt(header:sub(8)).payload.apikey)
end
`;

describe('a file with nothing Kong-specific is not a Kong nginx template', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kp-markers-'));

  it.each([
    ['an nginx load balancer in front of Kong', 'nginx.conf', LOAD_BALANCER],
    ['a Lua script named like a template', 'nginx_kong.lua', LUA_SCRIPT],
    ['a plain nginx configuration in Kong\'s Lua wrapper', 'nginx_kong.lua', `return [[\n${LOAD_BALANCER}]]\n`],
  ])('%s is refused with one line naming the file', (_name, base, text) => {
    const file = join(dir, base);
    writeFileSync(file, text);
    try {
      loadNginxTemplates([file]);
      throw new Error('expected an InputError');
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      const line = (error as InputError).oneLine();
      expect(line).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not a Kong nginx template: `));
      expect(line).not.toContain('\n');
    }
  });

  it.each([
    ['a dict of its own', 'lua_shared_dict my_cache 5m;\n'],
    ['an include of an ordinary file', "include 'mime.types';\n"],
    ['kong as a host name', 'location / {\n  proxy_pass http://kong:8000;\n}\n'],
    ['Kong named in a comment', '# proxied to Kong.access by the next hop\nworker_processes 2;\n'],
    ['Lua that does not call Kong', 'init_by_lua_block {\n  local kongish = 1\n}\n'],
  ])('near misses do not count: %s', (_name, text) => {
    expect(() => readNginxTemplate('other.conf', text)).toThrow(/not a Kong nginx template/);
  });
});

describe('each Kong-specific element is enough on its own', () => {
  it.each([
    ['a placeholder', 'error_log ${{PROXY_ERROR_LOG}} ${{LOG_LEVEL}};\n'],
    ['a template line', '> if nginx_user then\nuser nobody;\n> end\n'],
    ['a Kong handler in a Lua block', 'server {\n  location / {\n    access_by_lua_block {\n      Kong.access()\n    }\n  }\n}\n'],
    ['the PDK in a one-line Lua directive', "server {\n  location / {\n    content_by_lua 'kong.response.exit(200)';\n  }\n}\n"],
    ['the include of nginx-kong.conf', "events {}\nhttp {\n  include 'nginx-kong.conf';\n}\n"],
    ['the include of the stream file by path', 'stream {\n  include /usr/local/kong/nginx-kong-stream.conf;\n}\n'],
    ['the include of nginx-inject.conf', "include 'nginx-inject.conf';\nevents {}\n"],
    ['a kong dict', 'lua_shared_dict kong_db_cache 128m;\n'],
    ['a stream kong dict', 'lua_shared_dict stream_kong 5m;\n'],
  ])('%s', (_name, text) => {
    expect(readNginxTemplate('custom.conf', text).parsed.all.length).toBeGreaterThan(0);
  });

  it('every hand-written fixture template', () => {
    const names = ['2.8-inlined.conf', '3.0-wrapper.conf', '3.4-http-copy.conf', 'legacy-1x-loops.conf'];
    expect(loadNginxTemplates(names.map((n) => join(__dirname, '../../../fixtures/nginx', n)))).toHaveLength(names.length);
  });
});

// Kong's own templates are not part of this package: the cross-check runs where a clone of
// Kong/kong exists (KONG_REPO, a git directory) and shows as skipped elsewhere.
const KONG_REPO = process.env.KONG_REPO ?? '/work/.mirror/Kong+kong/repo';
const git = (...args: string[]): string => execFileSync('git', [`--git-dir=${KONG_REPO}`, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

(existsSync(KONG_REPO) ? describe : describe.skip)('Kong\'s templates from 1.5 to 3.9 all count as Kong templates', () => {
  it('every stock template file and every spec/fixtures/custom_nginx.template', () => {
    const tags = git('tag', '--list').split('\n').filter((t) => /^(1\.5|2\.\d+|3\.\d+)\.\d+$/.test(t));
    expect(tags).toEqual(expect.arrayContaining(['1.5.0', '2.8.0', '3.4.0', '3.9.3']));
    const blobs = new Map<string, string>();
    for (const tag of tags) {
      const listing = git('ls-tree', tag, 'kong/templates/', 'spec/fixtures/custom_nginx.template');
      for (const row of listing.split('\n')) {
        const m = /^\S+ blob (\S+)\t(.*)$/.exec(row);
        if (m && /nginx/.test(m[2])) blobs.set(m[1], `${m[2]}@${tag}`);
      }
    }
    expect([...blobs.values()].some((p) => p.startsWith('spec/fixtures/custom_nginx.template@1.5'))).toBe(true);
    expect(blobs.size).toBeGreaterThan(60);
    const refused = [...blobs].filter(([blob]) => {
      const { body, lineOffset } = unwrapLuaTemplate(git('cat-file', 'blob', blob));
      return !showsKongMarkers(parseNginx('\n'.repeat(lineOffset) + body));
    }).map(([, where]) => where);
    expect(refused).toEqual([]);
  });
});
