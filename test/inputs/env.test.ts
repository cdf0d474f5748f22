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

  it('names the variable for a property', () => {
    expect(envNameFor('nginx_http_ssl_protocols')).toBe('KONG_NGINX_HTTP_SSL_PROTOCOLS');
  });
});
