// The loader as a whole: duplicates, KONG_* environment precedence, unset values, provenance,
// and two realistic files (fixtures/conf).

import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadKongConf } from '../../../src/inputs/kong-conf';
import type { FileOrigin } from '../../../src/model/origin';
import { diagnosticsOf, loadLines, valueOf, writeConf } from './conf-helpers';

const FIXTURES = resolve(__dirname, '../../../fixtures/conf');

describe('duplicate keys', () => {
  it('keeps the last value, lists the earlier ones in overrides and reports at the later line', () => {
    const conf = loadLines(['pg_host = one', 'pg_port = 5432', 'pg_host = two', 'pg-host = three']);
    const setting = conf.get('pg_host')!;
    expect(setting.value).toBe('three');
    expect(setting.overrides.map((s) => s.value)).toEqual(['one', 'two']);
    expect(diagnosticsOf(conf, 'duplicate-key').map((d) => (d.origin as FileOrigin).line)).toEqual([3, 4]);
  });

  it('orders settings by the line that wins', () => {
    const conf = loadLines(['pg_host = one', 'pg_port = 5432', 'pg_host = two']);
    expect(conf.settings().map((s) => s.key)).toEqual(['pg_port', 'pg_host']);
  });

  it('lets a later empty value unset an earlier one', () => {
    const conf = loadLines(['pg_password = secret', 'pg_password =']);
    expect(conf.get('pg_password')).toBeUndefined();
    expect(conf.raw('pg_password')!.overrides).toHaveLength(1);
  });
});

describe('KONG_* environment', () => {
  it('beats the file, remembers the file setting and reports it at the file line', () => {
    const conf = loadLines(['pg_host = file-db'], { KONG_PG_HOST: 'env-db' });
    const setting = conf.get('pg_host')!;
    expect(setting.value).toBe('env-db');
    expect(setting.origin).toEqual({ kind: 'env', env: 'KONG_PG_HOST' });
    expect(setting.overrides.map((s) => s.value)).toEqual(['file-db']);
    const [report] = diagnosticsOf(conf, 'env-overrides-file');
    expect(report).toMatchObject({ key: 'pg_host', origin: { kind: 'file', line: 1 } });
    expect(report.message).toContain('KONG_PG_HOST');
  });

  it('adds keys set only in the environment, after the file keys, by variable name', () => {
    const conf = loadLines(['pg_host = db'], { KONG_ROLE: 'data_plane', KONG_DATABASE: 'off' });
    expect(conf.settings().map((s) => s.key)).toEqual(['pg_host', 'database', 'role']);
    expect(conf.envSettings().map((s) => s.origin)).toEqual([
      { kind: 'env', env: 'KONG_DATABASE' },
      { kind: 'env', env: 'KONG_ROLE' },
    ]);
  });

  it('keeps an env override in its file key position', () => {
    const conf = loadLines(['pg_host = db', 'pg_port = 5432'], { KONG_PG_HOST: 'other' });
    expect(conf.settings().map((s) => [s.key, s.origin.kind])).toEqual([['pg_host', 'env'], ['pg_port', 'file']]);
  });

  it('matches only the exact upper-case name and ignores unrelated variables', () => {
    const conf = loadLines(['pg_host = db'], { KONG_pg_host: 'no', kong_PG_HOST: 'no', PG_HOST: 'no', HOME: '/root' });
    expect(valueOf(conf, 'pg_host')).toBe('db');
    expect(conf.envSettings()).toEqual([]);
  });

  it('keeps unknown KONG_* variables as settings for rules to judge', () => {
    const conf = loadLines([], { KONG_VERSION: '2.8.1', KONG_NGINX_HTTP_SSL_PROTOCOLS: 'TLSv1.2' });
    expect(valueOf(conf, 'version')).toBe('2.8.1');
    expect(conf.withPrefix('nginx_http_').map((s) => s.key)).toEqual(['nginx_http_ssl_protocols']);
  });

  it('trims env values but keeps the exact text in rawValue', () => {
    const setting = loadLines([], { KONG_LOG_LEVEL: ' debug\n' }).get('log_level')!;
    expect(setting.value).toBe('debug');
    expect(setting.rawValue).toBe(' debug\n');
  });

  it('lets an empty variable unset a file setting (Kong reads it as set, to nothing)', () => {
    const conf = loadLines(['pg_password = secret'], { KONG_PG_PASSWORD: '' });
    expect(conf.get('pg_password')).toBeUndefined();
    expect(conf.raw('pg_password')!.origin).toEqual({ kind: 'env', env: 'KONG_PG_PASSWORD' });
  });

  it('works without a file: environment only', () => {
    const conf = loadKongConf(undefined, { KONG_DATABASE: 'off' }, { cwd: '/srv/kong' });
    expect(conf.file).toBeUndefined();
    expect(conf.dir).toBe('/srv/kong');
    expect(conf.anchor()).toBeUndefined();
    expect(conf.modifiedAt).toBeUndefined();
    expect(valueOf(conf, 'database')).toBe('off');
  });
});

describe('KONG_<PROPERTY>_FILE (the official image reads the file into KONG_<PROPERTY>)', () => {
  it('sets the property with a value unreadable here, and no `_file` key', () => {
    const conf = loadLines(['pg_password = from-file'], { KONG_PG_PASSWORD_FILE: '/run/secrets/kong_postgres_password' });
    const setting = conf.raw('pg_password')!;
    expect(setting).toMatchObject({ value: '', origin: { kind: 'env', env: 'KONG_PG_PASSWORD_FILE' }, unreadableFrom: 'the file named by KONG_PG_PASSWORD_FILE' });
    expect(setting.overrides.map((s) => s.value)).toEqual(['from-file']);
    // Value rules never see an invented value, and the variable is no key of its own.
    expect(conf.get('pg_password')).toBeUndefined();
    expect(conf.raw('pg_password_file')).toBeUndefined();
    expect(diagnosticsOf(conf, 'unreadable-value')).toEqual([expect.objectContaining({ key: 'pg_password', origin: { kind: 'env', env: 'KONG_PG_PASSWORD_FILE' } })]);
    expect(diagnosticsOf(conf, 'unreadable-value')[0].message).not.toContain('/run/secrets');
    expect(diagnosticsOf(conf, 'env-overrides-file')[0].message).toContain('the file named by KONG_PG_PASSWORD_FILE');
  });

  // docker-kong docker-entrypoint.sh file_env: `val="$(< "${!fileVar}")"`, trailing newlines dropped.
  it('reads the file where the check can (the container itself, a mounted secret), as the entrypoint does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-env-file-'));
    writeFileSync(join(dir, 'pg_password'), 's3cret-from-file\n\n');
    const conf = loadLines(['pg_password = from-conf'], { KONG_PG_PASSWORD_FILE: join(dir, 'pg_password') });
    expect(conf.get('pg_password')).toMatchObject({ value: 's3cret-from-file', origin: { kind: 'env', env: 'KONG_PG_PASSWORD_FILE' } });
    expect(conf.get('pg_password')!.unreadableFrom).toBeUndefined();
    expect(diagnosticsOf(conf, 'unreadable-value')).toEqual([]);
    // A folder, or a file too large to be a secret, stays unread.
    expect(loadLines([], { KONG_PG_PASSWORD_FILE: dir }).raw('pg_password')).toMatchObject({ unreadableFrom: `the file named by KONG_PG_PASSWORD_FILE` });
  });

  it('leaves variables alone whose stem is no property, or that are properties themselves', () => {
    const conf = loadLines([], { KONG_FOO_FILE: '/x', KONG_RESOLVER_HOSTS_FILE: '/etc/hosts' });
    expect(valueOf(conf, 'foo_file')).toBe('/x');
    expect(valueOf(conf, 'resolver_hosts_file')).toBe('/etc/hosts');
    expect(diagnosticsOf(conf, 'unreadable-value')).toEqual([]);
  });

  it('an empty _FILE variable is skipped by the entrypoint: nothing is set', () => {
    const conf = loadLines([], { KONG_PG_PASSWORD_FILE: '' });
    expect(conf.raw('pg_password')).toBeUndefined();
    expect(diagnosticsOf(conf, 'unreadable-value')).toEqual([]);
  });

  it('both variables set: the entrypoint refuses to start; the plain variable stays the setting', () => {
    const conf = loadLines([], { KONG_PG_USER: 'kong', KONG_PG_USER_FILE: '/run/secrets/user' });
    expect(valueOf(conf, 'pg_user')).toBe('kong');
    expect(diagnosticsOf(conf, 'file-env-conflict')).toEqual([expect.objectContaining({ key: 'pg_user', origin: { kind: 'env', env: 'KONG_PG_USER_FILE' } })]);
  });

  it('an empty plain variable is replaced by the file', () => {
    const conf = loadLines([], { KONG_PG_USER: '', KONG_PG_USER_FILE: '/run/secrets/user' });
    expect(conf.raw('pg_user')).toMatchObject({ unreadableFrom: 'the file named by KONG_PG_USER_FILE' });
    expect(diagnosticsOf(conf, 'file-env-conflict')).toEqual([]);
  });
});


describe('unset values: empty and NONE', () => {
  it.each([
    ['empty', 'lua_package_path ='],
    ['NONE', 'lua_package_path = NONE'],
    ['only a comment', 'lua_package_path = # later'],
  ])('%s: get and settings() skip it, raw and rawSettings() keep the line', (_name, line) => {
    const conf = loadLines(['pg_port = 5432', line]);
    expect(conf.get('lua_package_path')).toBeUndefined();
    expect(conf.has('lua_package_path')).toBe(false);
    expect(conf.settings().map((s) => s.key)).toEqual(['pg_port']);
    expect(conf.raw('lua_package_path')!.origin).toMatchObject({ line: 2 });
    expect(conf.rawSettings().map((s) => s.key)).toEqual(['pg_port', 'lua_package_path']);
  });

  it('reports NONE on a regular property (Kong keeps the word) but not on an injected nginx directive', () => {
    const conf = loadLines(['trusted_ips = NONE', 'nginx_http_client_max_body_size = NONE'], { KONG_PG_USER: 'NONE' });
    expect(diagnosticsOf(conf, 'none-literal').map((d) => d.key)).toEqual(['trusted_ips', 'pg_user']);
  });
});

describe('provenance', () => {
  it('gives file, line and the column of the key', () => {
    const file = writeConf('# header\n\n   pg_host = db\n\tpg_port=5432\n');
    const conf = loadKongConf(file, {});
    expect(conf.get('pg_host')!.origin).toEqual({ kind: 'file', file, line: 3, column: 4 });
    expect(conf.get('pg_port')!.origin).toEqual({ kind: 'file', file, line: 4, column: 2 });
  });

  it('knows its file, folder, modification time and anchor', () => {
    const file = writeConf('pg_host = db\n');
    const conf = loadKongConf(file, {});
    expect(conf.file).toBe(file);
    expect(conf.dir).toBe(resolve(file, '..'));
    expect(conf.modifiedAt?.getTime()).toBe(statSync(file).mtime.getTime());
    expect(conf.anchor()).toEqual({ kind: 'file', file, line: 1, column: 1 });
  });
});

describe('fixtures/conf/quirks.conf (a hand-grown 2.8 file)', () => {
  const file = join(FIXTURES, 'quirks.conf');
  const conf = loadKongConf(file, { KONG_LOG_LEVEL: 'debug' });

  it('reads what Kong reads', () => {
    expect(valueOf(conf, 'pg_port')).toBe('5432');
    expect(valueOf(conf, 'pg_password')).toBe('s3cr3t');
    expect(valueOf(conf, 'pg_database')).toBe('kong');
    expect(valueOf(conf, 'proxy_listen')).toBe('0.0.0.0:8000 reuseport backlog=16384,                0.0.0.0:8443 http2 ssl reuseport backlog=16384');
    expect(valueOf(conf, 'pg_timeout')).toBe('5000');
    expect(valueOf(conf, 'log_level')).toBe('debug');
    expect(valueOf(conf, 'anonymous_reports')).toBe('yes');
    expect(valueOf(conf, 'pg_host')).toBe('db-primary.internal');
    expect(conf.get('role')).toBeUndefined();
    expect(conf.get('lua_package_path')).toBeUndefined();
  });

  it('reports each oddity at its line', () => {
    const found = conf.diagnostics.map((d) => [d.kind, (d.origin as FileOrigin).line ?? (d.origin as { env: string }).env]);
    expect(found).toEqual([
      ['numeric-conversion', 6],
      ['unescaped-hash', 8],
      ['quoted-value', 17],
      ['duplicate-key', 19],
      ['none-literal', 20],
      ['no-equals', 23],
      ['section-header', 25],
      ['env-overrides-file', 17],
    ]);
  });

  it('keeps secrets out of every message', () => {
    expect(conf.diagnostics.map((d) => d.message).join('\n')).not.toMatch(/s3cr3t|2019/);
  });
});

describe('fixtures/conf/clean-3.4.conf', () => {
  it('raises no diagnostic and reads every value', () => {
    const conf = loadKongConf(join(FIXTURES, 'clean-3.4.conf'), {});
    expect(conf.diagnostics).toEqual([]);
    expect(conf.settings()).toHaveLength(14);
    expect(valueOf(conf, 'pg_password')).toBe('p#ssw0rd#1');
    expect(valueOf(conf, 'headers')).toBe('server_tokens, latency_tokens');
  });
});
