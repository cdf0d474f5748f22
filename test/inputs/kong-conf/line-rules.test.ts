// Penlight's line rules as Kong uses them (parsing.md section 1), one case per behaviour.

import { diagnosticsOf, loadLines, valueOf } from './conf-helpers';

describe('skipped lines', () => {
  it.each([
    ['a blank line', ''],
    ['a whitespace-only line', ' \t '],
    ['a # comment', '# pg_host = commented'],
    ['a ; comment', '; pg_host = commented'],
    ['an indented comment', '    # pg_host = commented'],
  ])('skips %s', (_name, line) => {
    const conf = loadLines([line, 'pg_port = 5432']);
    expect(conf.rawSettings().map((s) => s.key)).toEqual(['pg_port']);
    expect(conf.diagnostics).toEqual([]);
  });
});

describe('backslash continuation', () => {
  it('joins the next line without inserting a space and drops the backslash', () => {
    const conf = loadLines(['proxy_listen = 0.0.0.0:8000,\\', '0.0.0.0:8443 ssl']);
    expect(valueOf(conf, 'proxy_listen')).toBe('0.0.0.0:8000,0.0.0.0:8443 ssl');
  });

  it('keeps the indentation of the continued line and allows spaces after the backslash', () => {
    const conf = loadLines(['headers = server_tokens, \\  ', '    latency_tokens']);
    expect(valueOf(conf, 'headers')).toBe('server_tokens,     latency_tokens');
  });

  it('is not broken by comment or blank lines in between', () => {
    const conf = loadLines(['trusted_ips = 10.0.0.0/8,\\', '# the office', '', '; and the VPN', '192.168.0.0/16', 'pg_port = 5432']);
    expect(valueOf(conf, 'trusted_ips')).toBe('10.0.0.0/8,192.168.0.0/16');
    expect(valueOf(conf, 'pg_port')).toBe('5432');
  });

  it('chains over several lines and places the setting at its first line', () => {
    const conf = loadLines(['', 'a = 1\\', '2\\', '3']);
    const setting = conf.get('a')!;
    expect(setting.value).toBe('123');
    expect(setting.origin).toMatchObject({ kind: 'file', line: 2, column: 1, endLine: 4 });
  });

  it('drops a continuation left pending at the end of the file and says so', () => {
    const conf = loadLines(['pg_port = 5432', 'pg_host = db\\']);
    expect(conf.get('pg_host')).toBeUndefined();
    expect(diagnosticsOf(conf, 'dangling-continuation')).toMatchObject([{ origin: { line: 2, column: 1 } }]);
  });
});

describe('section headers', () => {
  it('ignores every key after a [section] and reports the header with the keys it hides', () => {
    const conf = loadLines(['pg_host = db', '[cluster]', 'role = control_plane', 'cluster_cert = /c.crt']);
    expect(valueOf(conf, 'pg_host')).toBe('db');
    expect(conf.get('role')).toBeUndefined();
    expect(conf.get('cluster_cert')).toBeUndefined();
    const [header] = diagnosticsOf(conf, 'section-header');
    expect(header.origin).toMatchObject({ line: 2, column: 1 });
    expect(header.message).toContain('role, cluster_cert');
  });

  it('keeps ignoring keys after a second section (there is no way back to the top level)', () => {
    const conf = loadLines(['[a]', 'x = 1', '[b]', 'y = 2']);
    expect(conf.rawSettings()).toEqual([]);
    expect(diagnosticsOf(conf, 'section-header')).toHaveLength(2);
  });

  it('treats a bracket only in the first column as a header', () => {
    const conf = loadLines(['  [cluster]', 'role = data_plane']);
    expect(valueOf(conf, 'role')).toBe('data_plane');
    expect(diagnosticsOf(conf, 'section-header')).toEqual([]);
    expect(diagnosticsOf(conf, 'no-equals')).toHaveLength(1);
  });

  it.each([['[cluster'], ['[]']])('reports %s as a header Penlight cannot read', (line) => {
    const conf = loadLines([line, 'role = data_plane']);
    expect(diagnosticsOf(conf, 'malformed-section')).toMatchObject([{ origin: { line: 1 } }]);
    expect(conf.get('role')).toBeUndefined();
  });
});

describe('key and value split', () => {
  it('splits on the first = so later ones belong to the value', () => {
    const conf = loadLines(['pg_password = a=b=c']);
    expect(valueOf(conf, 'pg_password')).toBe('a=b=c');
  });

  it.each([
    ['no spaces', 'pg_port=5432'],
    ['spaces', 'pg_port   =   5432'],
    ['tabs', 'pg_port\t=\t5432'],
    ['indentation', '   pg_port = 5432'],
  ])('eats whitespace around = (%s)', (_name, line) => {
    expect(valueOf(loadLines([line]), 'pg_port')).toBe('5432');
  });

  it('trims the value', () => {
    expect(valueOf(loadLines(['log_level =    notice   ']), 'log_level')).toBe('notice');
  });

  it('ignores a line without = and reports it', () => {
    const conf = loadLines(['plugins bundled', 'log_level: debug', 'pg_port = 5432']);
    expect(conf.rawSettings().map((s) => s.key)).toEqual(['pg_port']);
    expect(diagnosticsOf(conf, 'no-equals').map((d) => d.origin)).toMatchObject([{ line: 1 }, { line: 2 }]);
  });

  it('ignores a line with nothing before = and reports it', () => {
    const conf = loadLines(['= 5432']);
    expect(conf.rawSettings()).toEqual([]);
    expect(diagnosticsOf(conf, 'empty-key')).toHaveLength(1);
  });
});

describe('keys', () => {
  it.each([
    ['pg-host', 'pg_host'],
    ['pg.host', 'pg_host'],
    ['pg host', 'pg_host'],
    ['nginx_http_ssl-protocols', 'nginx_http_ssl_protocols'],
    ['pg_hôst', 'pg_h__st'], // one `_` per UTF-8 byte, as Lua's byte-wise %w sees it
  ])('variabilizes %j to %j and keeps the raw key', (rawKey, key) => {
    const setting = loadLines([`${rawKey} = x`]).get(key)!;
    expect(setting.key).toBe(key);
    expect(setting.rawKey).toBe(rawKey);
  });

  it('has no rawKey when the key is written as Kong reads it', () => {
    expect(loadLines(['pg_host = x']).get('pg_host')!.rawKey).toBeUndefined();
  });

  it('is case-sensitive', () => {
    const conf = loadLines(['PG_HOST = upper', 'pg_host = lower']);
    expect(valueOf(conf, 'PG_HOST')).toBe('upper');
    expect(valueOf(conf, 'pg_host')).toBe('lower');
    expect(diagnosticsOf(conf, 'duplicate-key')).toEqual([]);
  });
});

describe('quotes', () => {
  it.each([
    ['double', 'pg_password = "s3cret"', '"s3cret"'],
    ['single', "pg_password = 's3cret'", "'s3cret'"],
  ])('keeps %s quotes in the value and reports them', (_name, line, value) => {
    const conf = loadLines([line]);
    expect(valueOf(conf, 'pg_password')).toBe(value);
    expect(diagnosticsOf(conf, 'quoted-value')).toMatchObject([{ key: 'pg_password', origin: { line: 1 } }]);
  });

  it('does not report a quote inside a value', () => {
    const conf = loadLines(['nginx_http_log_format = main \'$remote_addr\'']);
    expect(diagnosticsOf(conf, 'quoted-value')).toEqual([]);
  });

  it('never puts the value into the message', () => {
    const conf = loadLines(['pg_password = "hunter2"']);
    expect(conf.diagnostics.map((d) => d.message).join(' ')).not.toContain('hunter2');
  });
});

describe('line endings and byte-order mark', () => {
  it('reads CRLF files like LF files, continuation included', () => {
    const conf = loadLines(['pg_host = db\r', 'proxy_listen = a,\\\r', 'b\r', '# c\r']);
    expect(valueOf(conf, 'pg_host')).toBe('db');
    expect(valueOf(conf, 'proxy_listen')).toBe('a,b');
    expect(conf.diagnostics).toEqual([]);
  });

  it('does not count a BOM as a column, and reports that Kong mangles the first key behind it', () => {
    const conf = loadLines(['\uFEFFpg_host = db', 'pg_port = 5432']);
    expect(conf.get('pg_host')).toBeUndefined();
    const mangled = conf.get('___pg_host')!;
    expect(mangled.origin).toMatchObject({ line: 1, column: 1 });
    expect(diagnosticsOf(conf, 'byte-order-mark')).toMatchObject([{ key: '___pg_host' }]);
    expect(valueOf(conf, 'pg_port')).toBe('5432');
  });

  it('tolerates a BOM before a first-line comment, reporting it as harmless', () => {
    const conf = loadLines(['\uFEFF# kong.conf', 'pg_host = db']);
    expect(conf.rawSettings().map((s) => s.key)).toEqual(['pg_host']);
    expect(conf.diagnostics.map((d) => d.kind)).toEqual(['byte-order-mark']);
    expect(conf.diagnostics[0].message).toContain('harmless');
  });
});
