// The conf loader's checks after parsing (src/knowledge/conf/startup-checks.ts): what each refuses,
// from which release, and that every property it names is one Kong has.

import { confCatalog } from '../../src/knowledge/conf/catalog';
import { STARTUP_CHECKS, startupRefusal } from '../../src/knowledge/conf/startup-checks';
import { KongVersion } from '../../src/version/kong-version';

const v = (text: string) => KongVersion.parse(text);
const refused = (key: string, value: string, version = '3.9.3') => startupRefusal(key, value, v(version)) !== undefined;

describe('startup checks', () => {
  it('name only properties the catalogue knows on 3.9', () => {
    const catalog = confCatalog();
    for (const key of Object.keys(STARTUP_CHECKS)) expect([key, catalog.property(key, v('3.9'), 'oss') !== undefined]).toEqual([key, true]);
  });

  it('cite a Kong source for every check', () => {
    for (const [key, check] of Object.entries(STARTUP_CHECKS)) {
      expect([key, check.sources.every((s) => /^Kong\/kong:.+@\d+\.\d+\.\d+:\d+(-\d+)?$/.test(s.ref))]).toEqual([key, true]);
    }
  });

  it('apply from the release that added them (init.lua@3.3.0, absent at 3.2.2)', () => {
    expect(refused('lua_max_uri_args', '2000', '3.3.0')).toBe(true);
    expect(refused('lua_max_uri_args', '2000', '3.2.2')).toBe(false);
    expect(refused('pg_pool_size', '-1', '3.2.0')).toBe(true);
    expect(refused('pg_pool_size', '-1', '3.1.1')).toBe(false);
  });

  it('compare against the bounds as Kong does', () => {
    expect(refused('lua_max_post_args', '1')).toBe(false);
    expect(refused('lua_max_post_args', '1000')).toBe(false);
    expect(refused('lua_max_post_args', '0x10')).toBe(false); // tonumber reads hexadecimal
    expect(refused('lua_max_post_args', '1001')).toBe(true);
    expect(refused('lua_max_post_args', '99.5')).toBe(true);
    expect(refused('pg_backlog', '0')).toBe(false); // `< 0`, whatever the message says
    expect(refused('worker_state_update_frequency', '0')).toBe(true); // `<= 0`
    expect(refused('worker_state_update_frequency', '0.1')).toBe(false);
    expect(refused('cluster_max_payload', '4194303')).toBe(true);
    expect(refused('tracing_sampling_rate', '-0.1')).toBe(true);
  });

  it('leave values that are no number to the type check', () => {
    expect(startupRefusal('lua_max_uri_args', 'many', v('3.9.3'))).toBeUndefined();
  });

  it('take cipher suite names as written', () => {
    expect(refused('ssl_cipher_suite', 'intermediate')).toBe(false);
    expect(refused('ssl_cipher_suite', 'Intermediate')).toBe(true);
  });

  it('read trusted_ips entries as kong/tools/ip.lua does', () => {
    expect(refused('trusted_ips', '10.0.0.0/8,2001:db8::/32, unix:')).toBe(false);
    expect(refused('trusted_ips', '10.0.0.0/08')).toBe(true); // the prefix table has "8", not "08"
    expect(refused('trusted_ips', '2001:db8::/129')).toBe(true);
    expect(refused('trusted_ips', '10.0.0.0/8 192.168.0.0/16')).toBe(true); // blanks do not separate
    expect(refused('trusted_ips', 'localhost')).toBe(true);
  });

  it('read the proxy_server scheme as LuaSocket does', () => {
    expect(refused('proxy_server', 'http://proxy:3128')).toBe(false);
    expect(refused('proxy_server', 'socks5://proxy:1080')).toBe(true);
    expect(startupRefusal('proxy_server', 'user:secret@proxy:3128', v('3.9.3'))).not.toContain('user');
  });

  it('read admin_gui_path as the loader does (init.lua@3.4.0, absent at 3.3.1)', () => {
    expect(refused('admin_gui_path', '/')).toBe(false);
    expect(refused('admin_gui_path', '/a/b')).toBe(false);
    expect(refused('admin_gui_path', '/a//b')).toBe(true);
    expect(refused('admin_gui_path', '/é')).toBe(true);
    expect(refused('admin_gui_path', 'manager', '3.3.1')).toBe(false);
  });

  it('take a UUID in any case', () => {
    expect(refused('node_id', '8f3b4a52-1c1e-4d0b-9e55-0123456789AB')).toBe(false);
    expect(refused('node_id', '8f3b4a52-1c1e-4d0b-9e55-0123456789')).toBe(true);
  });
});
