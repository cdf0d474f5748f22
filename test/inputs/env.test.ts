// Collecting KONG_* variables the way Kong looks them up.

import { collectKongEnv, envNameFor, kongEnvVars } from '../../src/inputs/env';

describe('KONG_* environment', () => {
  const env = {
    KONG_PG_HOST: 'db',
    KONG_DATABASE: '',
    KONG_pg_port: '5432', // Kong only asks for upper-case names
    KONG_: 'nothing',
    kong_role: 'data_plane',
    HOME: '/root',
    KONG_UNSET: undefined,
  };

  it('keeps exactly the variables Kong can read, empty ones included', () => {
    expect(collectKongEnv(env)).toEqual({ KONG_DATABASE: '', KONG_PG_HOST: 'db' });
  });

  it('lists them with the property each sets, sorted by name', () => {
    expect(kongEnvVars(env)).toEqual([
      { name: 'KONG_DATABASE', key: 'database', value: '' },
      { name: 'KONG_PG_HOST', key: 'pg_host', value: 'db' },
    ]);
  });

  it('maps case as Lua\'s string.upper does, ASCII letters only (a Kelvin sign once read as `k`)', () => {
    // U+212A KELVIN SIGN lower-cases to ASCII `k` in JavaScript; Kong asks for KONG_KONNECT_MODE, never this name.
    expect(kongEnvVars({ 'KONG_\u212AONNECT_MODE': 'on' })).toEqual([{ name: 'KONG_\u212AONNECT_MODE', key: '\u212Aonnect_mode', value: 'on' }]);
    expect(collectKongEnv({ 'KONG_\u0130': 'x' })).toEqual({ 'KONG_\u0130': 'x' });
    expect(kongEnvVars({ 'KONG_\u0130': 'x' })[0].key).toBe('\u0130');
    expect(envNameFor('\u00e9_x')).toBe('KONG_\u00e9_X');
  });

  it('names the variable for a property', () => {
    expect(envNameFor('nginx_http_ssl_protocols')).toBe('KONG_NGINX_HTTP_SSL_PROTOCOLS');
  });
});
