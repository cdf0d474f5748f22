// The bad-input catalogue, each case through the CLI: a report with findings (exit 0/1), or
// exit 2 with one line naming the file (and the line when one is to blame). Never a stack trace,
// a hang or a crash. The database cases live in bad-database.test.ts.

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runCli, type CliResult } from '../support/cli';
import { tempDir } from '../support/temp';
import { expectOneLineError } from './support';

const PATH = ['--from', '2.8', '--to', '3.4', '--no-db', '--no-config'];

async function check(...args: string[]): Promise<CliResult> {
  return runCli(['check', ...args, ...PATH, '-f', 'json']);
}

/** The findings of a JSON report as `ruleId line:column` (the backup reminder left out). */
function findingsOf(result: CliResult): string[] {
  expect([0, 1]).toContain(result.code);
  const report = JSON.parse(result.stdout);
  expect(report.internalErrors).toEqual([]);
  return report.findings
    .filter((f: { ruleId: string }) => f.ruleId !== 'backup/backup-evidence')
    .map((f: { ruleId: string; location: { line?: number; column?: number } }) => `${f.ruleId} ${f.location.line}:${f.location.column}`);
}

const REGEX_ROUTE_YAML = '_format_version: "2.1"\nroutes:\n- name: r\n  paths: [/a/\\d+]\n';
const REGEX_ROUTE_JSON = '{"_format_version": "2.1", "routes": [{"name": "r", "paths": ["/a/\\\\d+"]}]}';

describe('bad input: empty, binary, encodings, line endings', () => {
  const dir = tempDir({
    'empty.conf': '',
    'empty.yml': '',
    'empty.json': '',
    'lf.yml': REGEX_ROUTE_YAML,
    'bom.yml': `\uFEFF${REGEX_ROUTE_YAML}`,
    'bom.json': `\uFEFF${REGEX_ROUTE_JSON}`,
    'bom.conf': '\uFEFFdatabase = cassandra\n',
    'crlf.yml': REGEX_ROUTE_YAML.replace(/\n/g, '\r\n'),
    'crlf.conf': 'log_level = info\r\ndatabase = cassandra\r\n',
  }, 'kp-bad-');
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  writeFileSync(join(dir, 'image.yml'), png);
  writeFileSync(join(dir, 'image.conf'), png);
  writeFileSync(join(dir, 'image.tmpl'), png);
  const latin1 = Buffer.from('_format_version: "3.0"\nservices:\n- name: caf\xe9\n', 'latin1');
  writeFileSync(join(dir, 'latin1.yml'), latin1);
  writeFileSync(join(dir, 'latin1.conf'), Buffer.from('log_level = info\n\ndatabase = caf\xe9\n', 'latin1'));
  writeFileSync(join(dir, 'latin1-comment.conf'), Buffer.from('# Konfiguration f\xfcr das Gateway\ndatabase = cassandra # Datenbank f\xfcr alles\n', 'latin1'));

  it('an empty kong.conf is a kong.conf of defaults: a report, no error', async () => {
    const result = await check(join(dir, 'empty.conf'));
    expect(result.stderr).toBe('');
    // Only notes that follow from defaults: changed defaults, and OpenSSL 3's refusal of TLS 1.0/1.1 peers.
    expect(findingsOf(result).every((f) => f.startsWith('conf/default-changed') || f.startsWith('conf/legacy-tls-peers'))).toBe(true);
  });

  it('an empty declarative file (YAML or JSON) is an input error at line 1', async () => {
    expectOneLineError(await check('--declarative', join(dir, 'empty.yml')), /empty\.yml:1: the declarative file is empty/);
    expectOneLineError(await check('--declarative', join(dir, 'empty.json')), /empty\.json:1:1: malformed JSON/);
  });

  it('a binary file is refused with the line of its first NUL byte', async () => {
    expectOneLineError(await check('--declarative', join(dir, 'image.yml')), /image\.yml:3: declarative file holds a NUL byte/);
    expectOneLineError(await check(join(dir, 'image.conf')), /image\.conf:3: contains a NUL byte/);
    expectOneLineError(await check('--nginx-template', join(dir, 'image.tmpl')), /image\.tmpl:3: not a text file \(NUL byte\)/);
  });

  // Windows editors and PowerShell's `>` save UTF-16: name the encoding, not "not a text file".
  it('a UTF-16 file (with or without a byte-order mark) is refused naming its encoding', async () => {
    const conf = 'database = postgres\npg_host = db.internal\n';
    writeFileSync(join(dir, 'utf16le.conf'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(conf, 'utf16le')]));
    writeFileSync(join(dir, 'utf16be.yml'), Buffer.from(Buffer.from('_format_version: "3.0"\nservices: []\n', 'utf16le').swap16()));
    writeFileSync(join(dir, 'utf16-nobom.conf'), Buffer.from(conf, 'utf16le'));
    expectOneLineError(await check(join(dir, 'utf16le.conf')), /utf16le\.conf:1: is UTF-16LE text: save it as UTF-8/);
    expectOneLineError(await check('--declarative', join(dir, 'utf16be.yml')), /utf16be\.yml:1: is UTF-16BE text: save it as UTF-8/);
    expectOneLineError(await check(join(dir, 'utf16-nobom.conf')), /utf16-nobom\.conf:1: is UTF-16LE text/);
  });

  it('an nginx file that is not a Kong template, and a Lua script named like one, are refused', async () => {
    writeFileSync(join(dir, 'lb.conf'), 'events {}\nhttp {\n  upstream kong {\n    server kong1:8000;\n  }\n  server {\n    listen 80;\n    location / {\n      proxy_pass http://kong;\n    }\n  }\n}\n');
    writeFileSync(join(dir, 'nginx_kong.lua'), 'local jwt = require "resty.jwt"\nlocal token = ngx.var.http_authorization\n');
    expectOneLineError(await check('--nginx-template', join(dir, 'lb.conf')), /lb\.conf: not a Kong nginx template: it has no Kong-specific content/);
    expectOneLineError(await check('--nginx-template', join(dir, 'nginx_kong.lua')), /nginx_kong\.lua: not a Kong nginx template/);
  });

  it('invalid UTF-8 is refused with the line of the first bad byte', async () => {
    expectOneLineError(await check('--declarative', join(dir, 'latin1.yml')), /latin1\.yml:3: declarative file is not valid UTF-8 text/);
    expectOneLineError(await check(join(dir, 'latin1.conf')), /latin1\.conf:3: is not valid UTF-8 text/);
  });

  // Kong skips comments; an old Latin-1 kong.conf loads, so the check runs and says what it did.
  it('Latin-1 bytes only in kong.conf comments: a report with an info finding, not an error', async () => {
    const result = await check(join(dir, 'latin1-comment.conf'));
    expect(result.stderr).toBe('');
    const findings = findingsOf(result);
    expect(findings).toEqual(expect.arrayContaining(['conf/file-syntax 1:1', 'conf/cassandra-removed 2:1']));
    const notice = JSON.parse(result.stdout).findings.find((f: { data?: { kind?: string } }) => f.data?.kind === 'latin1-comment');
    expect(notice).toMatchObject({ severity: 'info', message: expect.stringContaining('and 1 more line') });
  });

  it('a byte-order mark changes nothing in declarative files (YAML and JSON)', async () => {
    const plain = findingsOf(await check('--declarative', join(dir, 'lf.yml')));
    expect(plain).toContain('entities/route-regex-path-without-tilde 4:11');
    expect(findingsOf(await check('--declarative', join(dir, 'bom.yml')))).toEqual(plain);
    expect(findingsOf(await check('--declarative', join(dir, 'bom.json')))).toContain('entities/route-regex-path-without-tilde 1:63');
  });

  it('a byte-order mark in kong.conf is reported, as Kong reads it into the first key', async () => {
    const result = await check(join(dir, 'bom.conf'));
    const findings = findingsOf(result);
    expect(findings).toContain('conf/file-syntax 1:1');
    expect(findings).not.toContain('conf/cassandra-removed 1:1');
    // One cause, one finding: the mangled `___database` is not reported again as an unknown key.
    expect(findings).not.toContain('conf/unknown-property 1:1');
    const bom = JSON.parse(result.stdout).findings.find((f: { ruleId: string }) => f.ruleId === 'conf/file-syntax');
    expect(bom.message).toContain('Kong reads the first key `database` as `___database`');
    expect(bom.remediation).toMatch(/without a byte-order mark/);
  });

  it('CRLF line endings give the same findings and lines as LF', async () => {
    expect(findingsOf(await check('--declarative', join(dir, 'crlf.yml')))).toEqual(findingsOf(await check('--declarative', join(dir, 'lf.yml'))));
    const conf = await check(join(dir, 'crlf.conf'));
    expect(findingsOf(conf)).toContain('conf/cassandra-removed 2:1');
    expect(JSON.parse(conf.stdout).findings.find((f: { ruleId: string }) => f.ruleId === 'conf/cassandra-removed').message).not.toContain('\r');
  });
});

describe('bad input: size and shape', () => {
  const dir = tempDir({}, 'kp-bad-size-');
  const tenMegabytes = 'a'.repeat(10 * 1000 * 1000);

  it('a 10 MB line in kong.conf, YAML and JSON: a report, in one pass', async () => {
    writeFileSync(join(dir, 'long.conf'), `log_level = info\nnginx_http_x_long = ${tenMegabytes}\ndatabase = cassandra\n`);
    expect(findingsOf(await check(join(dir, 'long.conf')))).toContain('conf/cassandra-removed 3:1');
    writeFileSync(join(dir, 'long.yml'), `_format_version: "2.1"\nservices:\n- name: s\n  url: http://x\n  tags: [${tenMegabytes}]\n  routes:\n  - name: r\n    paths: [/a/\\d+]\n`);
    expect(findingsOf(await check('--declarative', join(dir, 'long.yml')))).toContain('entities/route-regex-path-without-tilde 8:13');
    // Minified JSON: every finding on line 1 (fingerprints must not re-read the line per finding).
    const routes = Array.from({ length: 20000 }, (_, i) => ({ name: `r${i}`, paths: [`/s/${i}/\\d+`], tags: ['x'.repeat(400)] }));
    writeFileSync(join(dir, 'minified.json'), JSON.stringify({ _format_version: '2.1', routes }));
    const findings = findingsOf(await check('--declarative', join(dir, 'minified.json')));
    expect(findings.filter((f) => f.startsWith('entities/route-regex-path-without-tilde 1:'))).toHaveLength(20000);
  });

  it('a YAML "billion laughs" inside a plugin configuration is read without expanding it', async () => {
    const lines = ['_format_version: "3.0"', 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    lines.push('services:', '- name: s', '  url: http://x', '  plugins:', '  - name: pre-function', '    config: {access: *a9}');
    writeFileSync(join(dir, 'laughs.yml'), `${lines.join('\n')}\n`);
    const result = await check('--declarative', join(dir, 'laughs.yml'));
    expect(result.stderr).toBe('');
    findingsOf(result);
  });

  it('YAML aliases that multiply entities (4 million routes from 20 kB) are refused', async () => {
    const text = ['_format_version: "3.0"', 'r: &r {name: r, paths: ["/x"]}', `rs: &rs [${Array(2000).fill('*r').join(', ')}]`,
      's: &s {name: s, url: "http://x", routes: *rs}', `services: [${Array(2000).fill('*s').join(', ')}]`].join('\n');
    writeFileSync(join(dir, 'multiply.yml'), text);
    expectOneLineError(await check('--declarative', join(dir, 'multiply.yml')), /multiply\.yml: YAML aliases expand to more entities than the file could hold/);
  });

  it('deep nesting: YAML past js-yaml\'s depth limit is refused at its line; JSON and templates give reports', async () => {
    writeFileSync(join(dir, 'deep.yml'), `services: ${'['.repeat(100000)}${']'.repeat(100000)}\n`);
    expectOneLineError(await check('--declarative', join(dir, 'deep.yml')), /deep\.yml:1:\d+: malformed YAML: nesting exceeded maxDepth/);
    writeFileSync(join(dir, 'deep.json'), `{"_format_version": "3.0", "services": [{"name": "s", "url": "http://x", "tags": ${'['.repeat(100000)}${']'.repeat(100000)}}]}`);
    expect(findingsOf(await check('--declarative', join(dir, 'deep.json')))).toEqual([]);
    writeFileSync(join(dir, 'deep.tmpl'), `http {\nlua_shared_dict kong 5m;\n${'location / {\n'.repeat(20000)}${'}\n'.repeat(20000)}}\n`);
    expect(findingsOf(await check('--nginx-template', join(dir, 'deep.tmpl'))).length).toBeGreaterThan(0);
  });

  it('duplicate keys: YAML and JSON keep the last (as Kong\'s lyaml and cjson), YAML with a finding; kong.conf reports it', async () => {
    writeFileSync(join(dir, 'dup.yml'), '_format_version: "3.0"\nservices:\n- name: a\n  name: b\n');
    expect(findingsOf(await check('--declarative', join(dir, 'dup.yml')))).toContain('declarative/duplicate-keys 4:3');
    const json = '{"_format_version": "2.1", "routes": [{"name": "r", "paths": ["/ok"], "paths": ["/a/\\\\d+"]}]}';
    writeFileSync(join(dir, 'dup.json'), json);
    // The finding points at the second `paths`, the one that counts.
    expect(findingsOf(await check('--declarative', join(dir, 'dup.json')))).toContain(`entities/route-regex-path-without-tilde 1:${json.lastIndexOf('"/a/') + 1}`);
    writeFileSync(join(dir, 'dup.conf'), 'database = postgres\ndatabase = cassandra\n');
    const findings = findingsOf(await check(join(dir, 'dup.conf')));
    expect(findings).toEqual(expect.arrayContaining(['conf/file-syntax 2:1', 'conf/cassandra-removed 2:1']));
  });
});

describe('bad input: paths', () => {
  const dir = tempDir({}, 'kp-bad-paths-');
  mkdirSync(join(dir, 'folder.conf'));
  symlinkSync('loop-b', join(dir, 'loop-a'));
  symlinkSync('loop-a', join(dir, 'loop-b'));

  it('a folder given as a file', async () => {
    expectOneLineError(await check(join(dir, 'folder.conf')), /folder\.conf: is a directory, not a kong\.conf file/);
    expectOneLineError(await check('--nginx-template', join(dir, 'folder.conf')), /folder\.conf: nginx template is a directory/);
    // --declarative takes folders, but one without declarative files says so.
    expectOneLineError(await check('--declarative', join(dir, 'folder.conf')), /holds no \.yml, \.yaml or \.json file/);
  });

  it('a loop of symbolic links', async () => {
    expectOneLineError(await check(join(dir, 'loop-a')), /loop-a: cannot read kong\.conf: a loop of symbolic links/);
    expectOneLineError(await check('--declarative', join(dir, 'loop-a')), /loop-a: cannot read declarative file: a loop of symbolic links/);
    expectOneLineError(await check('--nginx-template', join(dir, 'loop-a')), /loop-a: cannot read nginx template: a loop of symbolic links/);
  });

  // Every input that reads a file names the cause in words, not as an errno code (EISDIR, ENOENT).
  it.each([
    ['--helm-values', 'Helm values file'],
    ['--image-file', 'image file'],
    ['--declarative', 'declarative file'],
  ])('%s names a missing file, a folder and a loop in words', async (flag, what) => {
    const missing = await check(flag, join(dir, 'absent.yml'));
    expectOneLineError(missing, new RegExp(`absent\\.yml: cannot read ${what}: no such file`));
    expectOneLineError(await check(flag, join(dir, 'loop-a')), new RegExp(`loop-a: cannot read ${what}: a loop of symbolic links`));
    // --declarative takes folders (above); the others want a file.
    if (flag !== '--declarative') expectOneLineError(await check(flag, join(dir, 'folder.conf')), new RegExp(`folder\\.conf: cannot read ${what}: it is a folder, not a file`));
    expect(missing.stderr).not.toMatch(/\bE[A-Z]{3,}\b/);
  });

  // Root reads any file whatever its mode. As root, the check runs in a child process as the
  // unprivileged user `nobody` (uid 65534) against the built CLI; otherwise in-process.
  const asRoot = process.getuid?.() === 0;
  const cli = join(REPO_ROOT, 'bin', 'kong-preflight.js');
  const canDropPrivileges = asRoot && existsSync(join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js')) &&
    spawnSync(process.execPath, ['-e', '0'], { uid: 65534, gid: 65534 }).status === 0;

  async function checkUnprivileged(...args: string[]): Promise<CliResult> {
    if (!asRoot) return check(...args);
    const child = spawnSync(process.execPath, [cli, 'check', ...args, ...PATH], { uid: 65534, gid: 65534, cwd: dir, encoding: 'utf8' });
    return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
  }

  (asRoot && !canDropPrivileges ? it.skip : it)('an unreadable file (permission denied)', async () => {
    for (const name of ['locked.conf', 'locked.yml', 'locked.tmpl']) {
      writeFileSync(join(dir, name), 'x = 1\n');
      chmodSync(join(dir, name), 0o000);
    }
    expectOneLineError(await checkUnprivileged(join(dir, 'locked.conf')), /locked\.conf: cannot read kong\.conf: permission denied/);
    expectOneLineError(await checkUnprivileged('--declarative', join(dir, 'locked.yml')), /locked\.yml: cannot read declarative file: permission denied/);
    expectOneLineError(await checkUnprivileged('--nginx-template', join(dir, 'locked.tmpl')), /locked\.tmpl: cannot read nginx template: permission denied/);
  });
});

describe('bad input: files over the size limit', () => {
  const dir = tempDir({
    'kong.yml': `${REGEX_ROUTE_YAML}# ${'padding '.repeat(300)}\n`,
    'kong.conf': `log_level = info\n# ${'padding '.repeat(300)}\n`,
    'custom.tmpl': `http {\n  # ${'padding '.repeat(300)}\n}\n`,
  }, 'kp-bad-limit-');

  it('--max-file-size refuses larger declarative files, kong.conf files and templates', async () => {
    expectOneLineError(await check('--declarative', join(dir, 'kong.yml'), '--max-file-size', '1kB'), /kong\.yml: declarative file is 2\.\d kB, over the 1\.0 kB limit \(raise it with --max-file-size\)/);
    expectOneLineError(await check(join(dir, 'kong.conf'), '--max-file-size', '1KiB'), /kong\.conf: is \d+ bytes, over the 1024-byte limit/);
    expectOneLineError(await check('--nginx-template', join(dir, 'custom.tmpl'), '--max-file-size', '1000'), /custom\.tmpl: nginx template is \d+ bytes, more than the 1000 allowed/);
    expect(findingsOf(await check('--declarative', join(dir, 'kong.yml'), '--max-file-size', '1MB'))).toContain('entities/route-regex-path-without-tilde 4:11');
  });

  it('maxFileSize in .kong-preflight.yml does the same; a flag still wins', async () => {
    writeFileSync(join(dir, '.kong-preflight.yml'), 'maxFileSize: 1kB\n');
    const config = ['--config', join(dir, '.kong-preflight.yml')];
    const refused = await runCli(['check', '--declarative', join(dir, 'kong.yml'), '--from', '2.8', '--to', '3.4', '--no-db', ...config]);
    expectOneLineError(refused, /over the 1\.0 kB limit/);
    const raised = await runCli(['check', '--declarative', join(dir, 'kong.yml'), '--from', '2.8', '--to', '3.4', '--no-db', ...config, '--max-file-size', '5kB']);
    expect([0, 1]).toContain(raised.code);
  });

  it('a size that is not one is a usage error', async () => {
    expectOneLineError(await check('--declarative', join(dir, 'kong.yml'), '--max-file-size', 'lots'), /--max-file-size lots: give a size such as 50MB/);
  });
});

describe('bad input: image files', () => {
  const dir = tempDir({
    'cycle.yaml': 'services:\n  a:\n    extends: b\n    image: kong:3.4.2\n    environment: [KONG_DATABASE=off]\n  b:\n    extends: a\n',
    'self.yaml': 'services:\n  kong:\n    extends: {service: kong, file: self.yaml}\n    image: kong:3.4.2\n    environment: [KONG_DATABASE=off]\n',
    'envdir.yaml': 'services:\n  kong:\n    image: kong:3.4.2\n    env_file: conf.d\n    environment: [KONG_DATABASE=off]\n',
    'Dockerfile': 'FROM kong:2.8.1\nENV KONG_DATABASE="off\nRUN echo \\',
  }, 'kp-bad-images-');
  mkdirSync(join(dir, 'conf.d'));

  /** The messages of a JSON report's findings, with their places. */
  function messagesOf(result: CliResult): string[] {
    findingsOf(result);
    return JSON.parse(result.stdout).findings.map((f: { message: string; location: { file?: string; line?: number } }) => `${f.location.file?.split('/').pop()}:${f.location.line} ${f.message}`);
  }

  it('compose extends in a cycle, and a service extending itself in its own file: a report naming the cycle', async () => {
    expect(messagesOf(await check('--image-file', join(dir, 'cycle.yaml')))).toEqual(expect.arrayContaining([expect.stringMatching(/^cycle\.yaml:7 .*service b extends in a cycle \(a extends b extends a\): docker compose refuses/)]));
    expect(messagesOf(await check('--image-file', join(dir, 'self.yaml')))).toEqual(expect.arrayContaining([expect.stringMatching(/^self\.yaml:3 .*service kong extends itself/)]));
  });

  it('an env_file that is a directory is named as one', async () => {
    expect(messagesOf(await check('--image-file', join(dir, 'envdir.yaml')))).toEqual(expect.arrayContaining([expect.stringMatching(/^envdir\.yaml:4 .*env_file conf\.d is a directory, not a file of variables/)]));
  });

  it('a Dockerfile with an unterminated quote and a backslash at the end of the file: a report', async () => {
    const result = await check('--image-file', join(dir, 'Dockerfile'));
    expect(result.stderr).toBe('');
    findingsOf(result);
  });

  it('a compose file or Helm values saved as UTF-16 are refused naming the encoding', async () => {
    const compose = 'services:\n  kong:\n    image: kong:3.4.2\n';
    writeFileSync(join(dir, 'compose16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(compose, 'utf16le')]));
    writeFileSync(join(dir, 'values16.yaml'), Buffer.from('env:\n  database: "off"\n', 'utf16le'));
    const image = await check('--image-file', join(dir, 'compose16.yaml'), '--from', '3.4');
    expect(image.code).toBe(2);
    expect(image.stderr).toMatch(/compose16\.yaml:1: is UTF-16LE text: save it as UTF-8/);
    const values = await check('--helm-values', join(dir, 'values16.yaml'), '--from', '3.4');
    expect(values.code).toBe(2);
    expect(values.stderr).toMatch(/values16\.yaml:1: is UTF-16LE text: save it as UTF-8/);
  });

  // Found by the image-reader property: a stray quote ran the FROM line into an ENV line, and the
  // whole text (a password with it) was read as an image tag and quoted in the image findings.
  it('a FROM line run into the next instruction by a stray quote names no image and quotes nothing', async () => {
    writeFileSync(join(dir, 'Dockerfile.quote'), 'FROM kong:2.8"ENV KONG_PG_PASSWORD=quoted-secret-77 KONG_DATABASE=${KONG_PG_PASSWORD}x\nENV KONG_LOG_LEVEL=info\n');
    const result = await check('--image-file', join(dir, 'Dockerfile.quote'), '--from', '2.8');
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toContain('quoted-secret-77');
    expect(findingsOf(result).filter((f) => f.startsWith('platform/image-tag'))).toEqual([]);
  });

  it('a manifest with 10,000 containers stays fast', async () => {
    const containers = Array.from({ length: 10000 }, (_, i) => `      - name: c${i}\n        image: kong:3.4.2\n        env: [{name: KONG_ROLE, value: data_plane}, {name: KONG_DATABASE, value: "off"}]`).join('\n');
    writeFileSync(join(dir, 'big.yaml'), `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: kong}\nspec:\n  template:\n    spec:\n      containers:\n${containers}\n`);
    // A hang guard, not a speed goal: a reading quadratic in containers would take minutes here.
    const started = Date.now();
    const result = await check('--image-file', join(dir, 'big.yaml'));
    expect(Date.now() - started).toBeLessThan(25_000);
    findingsOf(result);
  });
});
