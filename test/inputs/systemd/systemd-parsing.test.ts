// The systemd unit reader against systemd's own rules (each module cites the source it follows):
// word splitting and escapes of Environment=, the unit file's comments and continuations, the
// EnvironmentFile format, specifiers, drop-in order, resets and precedence.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnvFile } from '../../../src/inputs/systemd/env-file';
import { kongCommandsIn } from '../../../src/inputs/systemd/kong-commands';
import { readSystemdUnit } from '../../../src/inputs/systemd/read-unit';
import { expandSpecifiers, unitNameOf } from '../../../src/inputs/systemd/specifiers';
import { parseUnitFile } from '../../../src/inputs/systemd/unit-file';
import { splitWords } from '../../../src/inputs/systemd/words';
import { tempDir } from '../../support/temp';

describe('Environment= words (extract_first_word with UNQUOTE and CUNESCAPE)', () => {
  it.each([
    ['KONG_A=1 KONG_B=2', ['KONG_A=1', 'KONG_B=2']],
    ['"KONG_NGINX_HTTP_OUTPUT_BUFFERS=4 64k"', ['KONG_NGINX_HTTP_OUTPUT_BUFFERS=4 64k']],
    ['KONG_X="a b"c', ['KONG_X=a bc']],
    ["KONG_X='it\\'s'", ["KONG_X=it's"]],
    ['KONG_X=a\\sb', ['KONG_X=a b']],
    ['KONG_X=\\x41\\101\\u00e9', ['KONG_X=AAé']],
    ['  KONG_X=1   ', ['KONG_X=1']],
  ])('%s', (text, words) => {
    expect(splitWords(text)).toEqual({ words });
  });

  it.each([
    ['KONG_X="open', /never closed/],
    ['KONG_X=a\\d', /no escape/],
    ['KONG_X=a\\', /ends with a backslash/],
    ['KONG_X=\\x00', /no escape/],
  ])('refuses %s as systemd does', (text, why) => {
    const result = splitWords(text);
    expect('invalid' in result && result.invalid).toMatch(why);
  });
});

describe('unit file lines (config_parse)', () => {
  it('reads sections, skips comments, joins continuations (also across comment lines) and strips a BOM', () => {
    const text = '\uFEFF[Unit]\nDescription=Kong\n# Environment=KONG_HIDDEN=1\n; also a comment\n[Service]\nEnvironment=KONG_A=1 \\\n# a comment inside\n   KONG_B=2\n  Environment = KONG_C=3  \nno equals here\n=nokey\n';
    const read = parseUnitFile(text, 'u.service');
    expect(read.map((a) => [a.section, a.key, a.value, a.line])).toEqual([
      ['Unit', 'Description', 'Kong', 2],
      ['Service', 'Environment', 'KONG_A=1     KONG_B=2', 6],
      ['Service', 'Environment', 'KONG_C=3', 9],
    ]);
  });

  it('ignores assignments before any section and refuses an unclosed section header', () => {
    expect(parseUnitFile('Environment=KONG_A=1\n[Service]\n', 'u.service')).toEqual([]);
    expect(() => parseUnitFile('[Service\nEnvironment=KONG_A=1\n', 'u.service')).toThrow(/invalid section header/);
  });

  it('does not join a line ending in an escaped backslash', () => {
    const read = parseUnitFile('[Service]\nEnvironment=KONG_A=a\\\\\nEnvironment=KONG_B=2\n', 'u.service');
    expect(read.map((a) => a.value)).toEqual(['KONG_A=a\\\\', 'KONG_B=2']);
  });
});

describe('EnvironmentFile format (parse_env_file_internal)', () => {
  it('reads quotes, escapes, continuations, comments and trims as systemd does', () => {
    const text = [
      '# comment',
      '; comment too',
      'KONG_A=plain value   ',
      'KONG_B="double \\"q\\" \\$x \\n kept"',
      "KONG_C='single \\n literal'",
      'KONG_D=joined\\',
      'line',
      '  KONG_E  =  spaced',
      'KONG_F=',
      'KONG_G=$OTHER',
      'NO_EQUALS_LINE',
      'KONG_H="multi',
      'line"',
    ].join('\n');
    const read = parseEnvFile(text);
    expect(read.entries.map((e) => [e.name, e.value, e.line])).toEqual([
      ['KONG_A', 'plain value', 3],
      ['KONG_B', 'double "q" $x \\n kept', 4],
      ['KONG_C', 'single \\n literal', 5],
      ['KONG_D', 'joinedline', 6],
      ['KONG_E', 'spaced', 8],
      ['KONG_F', '', 9],
      ['KONG_G', '$OTHER', 10],
      ['KONG_H', 'multi\nline', 12],
    ]);
  });

  it('takes `export NAME` as the name, which systemd drops', () => {
    const read = parseEnvFile('export KONG_PG_SSL_VERSION=tlsv1\nKONG_LOG_LEVEL=debug\n');
    expect(read.entries.map((e) => e.name)).toEqual(['KONG_LOG_LEVEL']);
    expect(read.invalid.map((e) => e.name)).toEqual(['export KONG_PG_SSL_VERSION']);
  });

  it('no longer continues a comment ending in a backslash (v254)', () => {
    expect(parseEnvFile('# comment \\\nKONG_A=1\n').entries.map((e) => e.name)).toEqual(['KONG_A']);
  });
});

describe('specifiers (specifier_printf with the unit table)', () => {
  const unit = unitNameOf('/etc/systemd/system/kong@eu\\x2dwest.service');
  it.each([
    ['100%%', '100%'],
    ['%n', 'kong@eu\\x2dwest.service'],
    ['%N', 'kong@eu\\x2dwest'],
    ['%p', 'kong'],
    ['%i', 'eu\\x2dwest'],
    ['%I', 'eu-west'],
    ['50%', '50%'],
    ['a%-b', 'a%-b'],
  ])('%s -> %s', (text, expanded) => {
    expect(expandSpecifiers(text, unit)).toEqual({ text: expanded });
  });

  it('leaves host- and user-dependent specifiers unknown', () => {
    expect(expandSpecifiers('/etc/kong/%H/%u.conf', unit)).toEqual({ unknown: ['%H', '%u'] });
  });
});

describe('Kong commands of Exec lines', () => {
  it('reads -c, --conf=, --nginx-conf after systemd prefixes and through a shell', () => {
    expect(kongCommandsIn('ExecStartPre', '-/usr/local/bin/kong prepare -p /usr/local/kong -c /etc/kong/kong.conf --nginx-conf /etc/kong/custom.tmpl', 'u', 3))
      .toEqual([{ directive: 'ExecStartPre', subcommand: 'prepare', conf: '/etc/kong/kong.conf', nginxConf: '/etc/kong/custom.tmpl', file: 'u', line: 3 }]);
    expect(kongCommandsIn('ExecStart', '/bin/sh -c "kong start --conf=/opt/kong.conf"', 'u', 4)[0]).toMatchObject({ subcommand: 'start', conf: '/opt/kong.conf' });
    expect(kongCommandsIn('ExecStart', '/usr/local/openresty/nginx/sbin/nginx -p /usr/local/kong -c nginx.conf', 'u', 5)).toEqual([]);
  });
});

describe('a unit with drop-ins and EnvironmentFiles', () => {
  const root = tempDir({}, 'kp-systemd-');
  const env = (name: string, text: string) => {
    writeFileSync(join(root, name), text);
    return join(root, name);
  };
  const unitWith = (name: string, text: string, dropIns: Record<string, string> = {}) => {
    const dir = tempDir({}, 'kp-unit-');
    writeFileSync(join(dir, name), text);
    if (Object.keys(dropIns).length > 0) mkdirSync(join(dir, `${name}.d`));
    for (const [file, content] of Object.entries(dropIns)) writeFileSync(join(dir, `${name}.d`, file), content);
    return join(dir, name);
  };
  const valueOf = (read: ReturnType<typeof readSystemdUnit>, name: string) => [...read.variables].reverse().find((v) => v.name === name);

  it('applies drop-ins after the unit in file-name order, and an empty Environment= clears what came before', () => {
    const file = unitWith('kong.service', '[Service]\nEnvironment=KONG_LOG_LEVEL=warn KONG_PG_HOST=a\n', {
      '20-b.conf': '[Service]\nEnvironment=KONG_LOG_LEVEL=debug\n',
      '10-a.conf': '[Service]\nEnvironment=KONG_LOG_LEVEL=info\n',
      '05-reset.conf': '[Service]\nEnvironment=\nEnvironment=KONG_ADMIN_LISTEN=off\n',
      'ignored.txt': '[Service]\nEnvironment=KONG_LOG_LEVEL=crit\n',
    });
    const read = readSystemdUnit(file);
    expect(read.dropIns.map((d) => d.slice(d.lastIndexOf('/') + 1))).toEqual(['05-reset.conf', '10-a.conf', '20-b.conf']);
    expect(valueOf(read, 'KONG_LOG_LEVEL')?.value).toBe('debug');
    expect(valueOf(read, 'KONG_PG_HOST')).toBeUndefined();
    expect(valueOf(read, 'KONG_ADMIN_LISTEN')?.value).toBe('off');
  });

  it('reads the drop-ins of every system unit folder for a unit systemd loads (`systemctl edit` over the packaged unit)', () => {
    const system = tempDir({
      'lib/kong.service': '[Service]\nEnvironment=KONG_NGINX_DAEMON=off KONG_LOG_LEVEL=notice\n',
      'lib/kong.service.d/05-b.conf': '[Service]\nEnvironment=KONG_PG_HOST=from-lib\n',
      'lib/kong.service.d/10-a.conf': '[Service]\nEnvironment=KONG_LOG_LEVEL=crit\n',
      'etc/kong.service.d/10-a.conf': '[Service]\nEnvironment=KONG_LOG_LEVEL=warn\n',
      'etc/kong.service.d/override.conf': '[Service]\nEnvironment=KONG_PG_SSL_VERSION=tlsv1\n',
      'run/kong.service.d/20-c.conf': '[Service]\nEnvironment=KONG_PG_HOST=from-run\n',
      // A copy of the unit kept outside the system folders, with a drop-in of its own.
      'repo/kong.service': '[Service]\nEnvironment=KONG_LOG_LEVEL=notice\n',
      'repo/kong.service.d/30-own.conf': '[Service]\nEnvironment=KONG_LOG_LEVEL=error\n',
    });
    const systemDirs = ['etc', 'run', 'lib'].map((dir) => join(system, dir));
    const read = readSystemdUnit(join(system, 'lib', 'kong.service'), systemDirs);
    // By file name across the folders; the /etc 10-a.conf replaces the /lib one of the same name.
    expect(read.dropIns.map((d) => d.slice(system.length + 1))).toEqual(['lib/kong.service.d/05-b.conf', 'etc/kong.service.d/10-a.conf', 'run/kong.service.d/20-c.conf', 'etc/kong.service.d/override.conf']);
    expect(valueOf(read, 'KONG_LOG_LEVEL')?.value).toBe('warn');
    expect(valueOf(read, 'KONG_PG_HOST')?.value).toBe('from-run');
    expect(valueOf(read, 'KONG_PG_SSL_VERSION')?.value).toBe('tlsv1');
    const copy = readSystemdUnit(join(system, 'repo', 'kong.service'), systemDirs);
    expect(copy.dropIns.map((d) => d.slice(system.length + 1))).toEqual(['repo/kong.service.d/30-own.conf']);
  });

  it('lets EnvironmentFile= beat Environment= wherever it is written, a later file winning', () => {
    const first = env('first.env', 'KONG_LOG_LEVEL=notice\nKONG_PG_HOST=from-first\n');
    const second = env('second.env', 'KONG_LOG_LEVEL=error\n');
    const file = unitWith('kong.service', `[Service]\nEnvironmentFile=${first}\nEnvironmentFile=${second}\nEnvironment=KONG_LOG_LEVEL=debug KONG_PROXY_LISTEN=off\n`);
    const read = readSystemdUnit(file);
    const names = read.variables.map((v) => `${v.name}=${v.value}`);
    // Environment= first (lowest), then the files in order: the layer lets later entries win.
    expect(names).toEqual(['KONG_LOG_LEVEL=debug', 'KONG_PROXY_LISTEN=off', 'KONG_LOG_LEVEL=notice', 'KONG_PG_HOST=from-first', 'KONG_LOG_LEVEL=error']);
    expect(read.environmentFiles.map((f) => f.status)).toEqual(['read', 'read']);
  });

  it('skips a missing optional (-) file quietly and says that a missing required one stops the service', () => {
    const file = unitWith('kong.service', `[Service]\nEnvironmentFile=-${root}/absent-optional.env\nEnvironmentFile=${root}/absent-required.env\n`);
    const read = readSystemdUnit(file);
    expect(read.environmentFiles.map((f) => f.status)).toEqual(['missing-optional', 'missing']);
    expect(read.notes).toHaveLength(1);
    expect(read.notes[0]).toMatchObject({ kind: 'unreadable-value', origin: { line: 3 } });
    expect(read.notes[0].message).toMatch(/systemd refuses to start the service/);
  });

  it('marks a value with an unknown specifier as set but unknown, and resolves name specifiers', () => {
    const file = unitWith('kong@eu.service', '[Service]\nEnvironment=KONG_PG_HOST=db-%H KONG_PG_DATABASE=kong_%i KONG_LOG_LEVEL=100%%\n');
    const read = readSystemdUnit(file);
    expect(valueOf(read, 'KONG_PG_HOST')).toMatchObject({ unreadable: expect.stringMatching(/%H/) });
    expect(valueOf(read, 'KONG_PG_HOST')?.value).toBeUndefined();
    expect(valueOf(read, 'KONG_PG_DATABASE')?.value).toBe('kong_eu');
    expect(valueOf(read, 'KONG_LOG_LEVEL')?.value).toBe('100%');
  });

  it('ignores a line systemd cannot split and an exported env file line, saying so', () => {
    const exported = env('exported.env', 'export KONG_PG_SSL_VERSION=tlsv1\n');
    const file = unitWith('kong.service', `[Service]\nEnvironment="KONG_LOG_LEVEL=debug\nEnvironmentFile=${exported}\n`);
    const read = readSystemdUnit(file);
    expect(read.variables).toEqual([]);
    expect(read.notes.map((n) => [n.kind, n.origin.line])).toEqual([['ignored-by-systemd', 2], ['ignored-by-systemd', 1]]);
  });

  it('applies UnsetEnvironment= last, by name or exact assignment', () => {
    const file = unitWith('kong.service', '[Service]\nEnvironment=KONG_A_B=1 KONG_LOG_LEVEL=debug KONG_PG_HOST=x\nUnsetEnvironment=KONG_A_B KONG_PG_HOST=y\n');
    expect(readSystemdUnit(file).variables.map((v) => v.name)).toEqual(['KONG_LOG_LEVEL', 'KONG_PG_HOST']);
  });

  it('finds the kong.conf of the start commands, with $VARIABLES of the unit', () => {
    const file = unitWith('kong.service', '[Service]\nEnvironment=CONF_DIR=/srv/kong\nExecStartPre=/usr/local/bin/kong prepare -p /usr/local/kong -c ${CONF_DIR}/kong.conf\nExecReload=/usr/local/bin/kong prepare -p /usr/local/kong\n');
    const read = readSystemdUnit(file);
    expect(read.conf?.path).toBe('/srv/kong/kong.conf');
    expect(read.commands.map((c) => c.directive)).toEqual(['ExecStartPre', 'ExecReload']);
  });
});
