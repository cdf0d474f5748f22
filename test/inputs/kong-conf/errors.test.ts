// Input errors: each names the file (and the line when one is to blame) in one line.

import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../../src/errors';
import { loadKongConf } from '../../../src/inputs/kong-conf';
import { tempDir, writeConf } from './conf-helpers';

/** The InputError a load throws (fails the test when it throws nothing or something else). */
function inputErrorOf(file: string, options?: { maxBytes?: number }): InputError {
  try {
    loadKongConf(file, {}, options);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error(`expected an InputError for ${file}`);
}

const runningAsRoot = process.getuid?.() === 0;

describe('kong.conf input errors', () => {
  it('a missing file', () => {
    const file = join(tempDir(), 'absent.conf');
    expect(inputErrorOf(file).oneLine()).toBe(`${file}: cannot read kong.conf: no such file`);
  });

  it('a directory given as the file', () => {
    const dir = tempDir();
    expect(inputErrorOf(dir).oneLine()).toBe(`${dir}: is a directory, not a kong.conf file`);
  });

  it('something that is not a regular file (a FIFO would block a naive reader)', () => {
    const fifo = join(tempDir(), 'kong.conf');
    execFileSync('mkfifo', [fifo]);
    expect(inputErrorOf(fifo).oneLine()).toBe(`${fifo}: is not a regular file`);
  });

  (runningAsRoot ? it.skip : it)('an unreadable file', () => {
    const file = writeConf('pg_host = db\n');
    chmodSync(file, 0o000);
    expect(inputErrorOf(file).oneLine()).toBe(`${file}: cannot read kong.conf: permission denied`);
  });

  it('a file holding a NUL byte, with its line', () => {
    const file = writeConf(Buffer.from('pg_host = db\npg_port = 54\u000032\n', 'utf8'));
    const error = inputErrorOf(file);
    expect(error.place).toEqual({ file, line: 2 });
    expect(error.oneLine()).toBe(`${file}:2: contains a NUL byte: not a text file`);
  });

  it('a file that is not UTF-8, with the line of the first bad byte', () => {
    const latin1 = Buffer.concat([Buffer.from('pg_host = db\n# comment\npg_password = p'), Buffer.from([0xe4]), Buffer.from('ss\n')]);
    const error = inputErrorOf(writeConf(latin1));
    expect(error.place.line).toBe(3);
    expect(error.message).toBe('is not valid UTF-8 text');
  });

  it('a value starting with `#` is not a comment to 2.x: not UTF-8 there is refused too', () => {
    const error = inputErrorOf(writeConf(Buffer.concat([Buffer.from('pg_password = #p'), Buffer.from([0xe4]), Buffer.from('ss\n')])));
    expect(error.place.line).toBe(1);
  });

  it('a file over the size limit', () => {
    const file = writeConf('pg_host = db\n'.repeat(100));
    expect(inputErrorOf(file, { maxBytes: 1000 }).oneLine()).toBe(`${file}: is 1300 bytes, over the 1000-byte limit for a kong.conf`);
    expect(loadKongConf(file, {}, { maxBytes: 1300 }).get('pg_host')?.value).toBe('db');
  });

  it('an empty path', () => {
    expect(inputErrorOf('').oneLine()).toBe('empty kong.conf path');
  });

  it('accepts bytes that are not UTF-8 in comments, read as Latin-1, and says on which lines', () => {
    const latin1 = (text: string) => Buffer.from(text, 'latin1');
    const conf = loadKongConf(writeConf(Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]), latin1('# f\xfcr\npg_host = db # Datenbankh\xf6st\n  ; \xe9\npg_user = a\\#b # \xe9\n'),
    ])), {});
    expect(conf.get('pg_host')?.value).toBe('db');
    expect(conf.get('pg_user')?.value).toBe('a#b');
    const notices = conf.diagnostics.filter((d) => d.kind === 'latin1-comment');
    expect(notices).toEqual([expect.objectContaining({ origin: expect.objectContaining({ line: 1, column: 1 }) })]);
    expect(notices[0].message).toContain('and 3 more lines');
  });

  it('accepts an empty file and a UTF-8 BOM', () => {
    expect(loadKongConf(writeConf(''), {}).rawSettings()).toEqual([]);
    expect(loadKongConf(writeConf('\uFEFF# kong\npg_host = db\n'), {}).get('pg_host')?.value).toBe('db');
  });

  describe('a kong.conf that is still a template (an Ansible role, Salt, Chef or consul-template source)', () => {
    it('refuses a Jinja placeholder value, naming its line and column and what to give instead', () => {
      // Shaped like an Ansible role's templates/kong.conf.j2: every value is a role variable.
      const file = writeConf('# Kong settings\nprefix = /usr/local/kong/\nlog_level = {{ kong_log_level }}\nproxy_listen = {{ kong_proxy_listen }}\n');
      const error = inputErrorOf(file);
      expect(error.place).toEqual({ file, line: 3, column: 13 });
      expect(error.oneLine()).toMatch(new RegExp(`^${file}:3:13: holds template syntax \`\\{\\{ kong_log_level \\}\\}\`: this is a template .*render it`));
    });

    it('refuses a placeholder inside a value (`{{ cp_host }}:443`), as a Konnect data plane role writes it', () => {
      const file = writeConf('role = data_plane\ndatabase = off\ncluster_control_plane = {{ cp_host }}:443\n');
      expect(inputErrorOf(file).place).toEqual({ file, line: 3, column: 25 });
    });

    it('refuses Jinja statements and comment blocks, and Go and ERB actions', () => {
      expect(inputErrorOf(writeConf('{#\n  Datastore\n#}\ndatabase = postgres\n')).place.line).toBe(1);
      expect(inputErrorOf(writeConf('database = postgres\n{% if kong_ssl %}\nssl_cert = /etc/kong/tls.crt\n{% endif %}\n')).place.line).toBe(2);
      expect(inputErrorOf(writeConf('pg_host = {{ .Values.pgHost }}\n')).place.line).toBe(1);
      expect(inputErrorOf(writeConf('pg_host = <%= @pg_host %>\n')).place.line).toBe(1);
    });

    it('does not quote more than the construct: a secret on the line stays out of the message', () => {
      const error = inputErrorOf(writeConf('pg_password = s3cr3t-{{ suffix }}\n'));
      expect(error.oneLine()).toContain('`{{ suffix }}`');
      expect(error.oneLine()).not.toContain('s3cr3t');
      // A Jinja comment may hold a commented-out setting: only its opener is quoted.
      const comment = inputErrorOf(writeConf('{# pg_password = s3cr3t #}\ndatabase = postgres\n'));
      expect(comment.oneLine()).toContain('`{#`');
      expect(comment.oneLine()).not.toContain('s3cr3t');
    });

    it('reads a kong.conf whose braces are Kong\'s own: a vault reference, a placeholder in a comment, a `${{ }}`', () => {
      const conf = loadKongConf(writeConf([
        '# {{ ansible_managed }}',
        'pg_password = {vault://env/kong-pg-password}',
        'pg_host = db # rendered from {{ pg_host }}',
        'nginx_http_lua_shared_dict = cache ${{MEM_CACHE_SIZE}}',
        '',
      ].join('\n')), {});
      expect(conf.get('pg_password')?.value).toBe('{vault://env/kong-pg-password}');
      expect(conf.get('pg_host')?.value).toBe('db');
    });
  });
});
