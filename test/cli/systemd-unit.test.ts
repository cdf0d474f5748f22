// `check --systemd-unit`: a Kong unit's environment read as settings at its lines, the packaged
// units adding nothing of their own, the edition of the Enterprise unit, secrets hidden in every
// format, and bad input refused in one line.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, runCli, type CliResult } from '../support/cli';
import { tempDir } from '../support/temp';
import { expectOneLineError } from '../hardening/support';

const PATH = ['--from', '2.8', '--to', '3.4', '--no-db', '--no-config'];
const KONG_CONF = fixture('systemd', 'tls', 'kong.conf');

interface Finding { ruleId: string; messageId?: string; severity?: string; message: string; location: { file?: string; line?: number } }
async function report(...args: string[]): Promise<{ result: CliResult; findings: Finding[]; installation: { edition: { value: string; reason: string }; inputs: { kind: string; label: string }[] } }> {
  const result = await runCli(['check', ...args, ...PATH, '-f', 'json', '--fail-on', 'none']);
  expect(result.stderr).toBe('');
  const parsed = JSON.parse(result.stdout);
  return { result, findings: parsed.findings, installation: parsed.installation };
}

describe('check --systemd-unit', () => {
  it('reports a unit\'s KONG_PG_SSL_VERSION=tlsv1 at the unit\'s line, and reads the drop-ins', async () => {
    const unit = fixture('systemd', 'tls', 'kong-enterprise-edition.service');
    const { findings, installation } = await report(KONG_CONF, '--systemd-unit', unit);
    const tls = findings.find((f) => f.ruleId === 'conf/pg-ssl-version-enum');
    expect(tls?.location).toMatchObject({ file: unit, line: 19 });
    expect(installation.inputs.filter((i) => i.kind === 'systemd drop-in').map((i) => i.label)).toEqual([
      expect.stringContaining('10-logging.conf'),
      expect.stringContaining('20-debug.conf'),
    ]);
    // 20-debug.conf, read last, wins over 10-logging.conf.
    expect(findings.some((f) => f.ruleId === 'conf/file-syntax' && f.location.file?.endsWith('10-logging.conf') && /overridden by Environment KONG_LOG_LEVEL/.test(f.message))).toBe(true);
    expect(installation.edition).toMatchObject({ value: 'enterprise', reason: expect.stringContaining('kong-enterprise-edition.service') });
  });

  it('on the Kong host (--host), names Kong\'s unit it was not given, the copy in /etc before the packaged one', async () => {
    const system = tempDir({
      'etc/kong-enterprise-edition.service': '[Service]\nEnvironment=KONG_PG_SSL_VERSION=tlsv1\n',
      'lib/kong-enterprise-edition.service': '[Service]\nEnvironment=KONG_NGINX_DAEMON=off\n',
    });
    const hostPaths = { osRelease: fixture('platform/os-release-ubuntu-2204'), meminfo: fixture('platform/meminfo-16g'), cpus: 2, systemdDirs: [join(system, 'etc'), join(system, 'lib')] };
    const run = async (...args: string[]) => JSON.parse((await runCli(['check', KONG_CONF, ...args, '--host', ...PATH, '-f', 'json', '--fail-on', 'none'], { hostPaths })).stdout);
    const host = (parsed: { installation: { inputs: { kind: string; label: string }[] } }) => parsed.installation.inputs.find((i) => i.kind === 'host')!.label;
    const unread = await run();
    expect(host(unread)).toContain(`Kong's systemd unit ${join(system, 'etc', 'kong-enterprise-edition.service')} is on this host but not read: --systemd-unit`);
    // The unit's settings are not read unasked.
    expect(unread.findings.some((f: Finding) => f.ruleId === 'conf/pg-ssl-version-enum')).toBe(false);
    const given = await run('--systemd-unit', join(system, 'etc', 'kong-enterprise-edition.service'));
    expect(host(given)).not.toContain('systemd unit');
    expect(given.findings.some((f: Finding) => f.ruleId === 'conf/pg-ssl-version-enum')).toBe(true);
    // A host without Kong's units says nothing of them.
    const none = JSON.parse((await runCli(['check', KONG_CONF, '--host', ...PATH, '-f', 'json'], { hostPaths: { ...hostPaths, systemdDirs: [join(system, 'none')] } })).stdout);
    expect(host(none)).not.toContain('systemd');
  });

  it('on the Kong host (--host) without a kong.conf, names the one Kong reads by default', async () => {
    const dir = tempDir({ 'etc-kong/kong.conf': 'database = off\n' });
    const hostPaths = { osRelease: fixture('platform/os-release-ubuntu-2204'), meminfo: fixture('platform/meminfo-16g'), cpus: 2, systemdDirs: [join(dir, 'none')], kongConfPaths: [join(dir, 'absent.conf'), join(dir, 'etc-kong', 'kong.conf')] };
    const hostLabel = async (...args: string[]) => (JSON.parse((await runCli(['check', ...args, '--host', ...PATH, '-f', 'json', '--fail-on', 'none'], { hostPaths })).stdout)
      .installation.inputs as { kind: string; label: string }[]).find((i) => i.kind === 'host')!.label;
    expect(await hostLabel()).toContain(`${join(dir, 'etc-kong', 'kong.conf')}, the kong.conf Kong reads when started without -c, is on this host but not read`);
    expect(await hostLabel(KONG_CONF)).not.toContain('kong.conf Kong reads');
  });

  it('without the unit, the same check has no such finding', async () => {
    const { findings } = await report(KONG_CONF);
    expect(findings.some((f) => f.ruleId === 'conf/pg-ssl-version-enum')).toBe(false);
  });

  it.each(['kong.service', 'kong-enterprise-edition.service'])('the packaged %s adds no finding of its own (KONG_NGINX_DAEMON=off is quiet)', async (name) => {
    const unit = fixture('systemd', 'packaged', name);
    const edition = name === 'kong.service' ? 'oss' : 'enterprise';
    const alone = await report(KONG_CONF, '--edition', edition);
    const withUnit = await report(KONG_CONF, '--edition', edition, '--systemd-unit', unit);
    const shown = (findings: Finding[]) => findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.line}`).sort();
    expect(shown(withUnit.findings)).toEqual(shown(alone.findings));
    expect(withUnit.installation.inputs.find((i) => i.kind === 'systemd unit')?.label).toMatch(/no -c: Kong reads \/etc\/kong\/kong\.conf, else \/etc\/kong\.conf/);
  });

  it('does not take kong.service for the open-source package', async () => {
    const { installation } = await report(KONG_CONF, '--systemd-unit', fixture('systemd', 'packaged', 'kong.service'));
    expect(installation.edition.reason).not.toMatch(/systemd/);
    expect(installation.inputs.find((i) => i.kind === 'systemd unit')?.label).toMatch(/does not tell the edition/);
  });

  it('says when the unit names a kong.conf or template the check was not given', async () => {
    const dir = tempDir({ 'kong.service': '[Service]\nExecStartPre=/usr/local/bin/kong prepare -p /usr/local/kong -c /etc/kong/prod.conf --nginx-conf /etc/kong/custom.tmpl\nEnvironment=KONG_NGINX_DAEMON=off\n' });
    const { findings } = await report(KONG_CONF, '--systemd-unit', join(dir, 'kong.service'));
    const notes = findings.filter((f) => f.location.file === join(dir, 'kong.service'));
    expect(notes.map((f) => [f.location.line, f.message]).sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual([
      [2, expect.stringMatching(/--nginx-conf \/etc\/kong\/custom\.tmpl, and no --nginx-template of that name was given/)],
      [2, expect.stringMatching(/-c \/etc\/kong\/prod\.conf, and the check was given .*kong\.conf/)],
    ]);
  });

  // Sweep 21: tunghoang94/kong-hybrid packer/conf/kong-dp-taiwan keeps a 2.8 nginx.conf as
  // nginx-custom.conf, which override.conf passes to `kong prepare --nginx-conf` (and runs nginx
  // -c on). It looked rendered, so what it lacks went unchecked, though on a 3.x data plane it
  // has no `include 'nginx-inject.conf'` and so no LMDB directives (kong/templates/nginx.lua and
  // nginx_inject.lua@3.4.0).
  it('checks a rendered-looking file the unit passes to --nginx-conf as the template Kong starts with', async () => {
    const dir = tempDir({
      'kong.conf': 'role = data_plane\ndatabase = off\ncluster_control_plane = cp:8005\ncluster_cert = /etc/kong/cluster.crt\ncluster_cert_key = /etc/kong/cluster.key\n',
      'override.conf': '[Service]\nExecStartPre=\nExecStartPre=/usr/local/bin/kong prepare -p /usr/local/kong --nginx-conf /usr/local/nginx-custom.conf\nExecStart=\nExecStart=/usr/local/openresty/nginx/sbin/nginx -p /usr/local/kong -c /usr/local/nginx-custom.conf\n',
      'nginx-custom.conf': 'pid pids/nginx.pid;\nerror_log logs/error.log notice;\n\n# injected nginx_main_* directives\ndaemon off;\nworker_processes auto;\n\nevents {\n    # injected nginx_events_* directives\n    multi_accept on;\n}\n\nhttp {\n    include \'/usr/local/kong/nginx-kong.conf\';\n}\n',
    });
    const template = join(dir, 'nginx-custom.conf');
    const { findings, installation } = await report(join(dir, 'kong.conf'), '--nginx-template', template, '--systemd-unit', join(dir, 'override.conf'));
    expect(installation.inputs.find((i) => i.label.startsWith(template))).toMatchObject({ kind: 'nginx template', label: expect.stringContaining('it looks rendered, but ExecStartPre of override.conf runs kong prepare --nginx-conf /usr/local/nginx-custom.conf') });
    expect(findings.find((f) => f.ruleId === 'nginx/template-missing-elements' && /LMDB/.test(f.message))).toMatchObject({ severity: 'blocker', location: { file: template } });
    // Without the unit it is a rendered file again: its absences are not reported.
    const alone = await report(join(dir, 'kong.conf'), '--nginx-template', template);
    expect(alone.findings.filter((f) => f.ruleId === 'nginx/template-missing-elements')).toEqual([]);
    expect(alone.findings.find((f) => f.ruleId === 'nginx/template-identified')?.messageId).toBe('rendered');
  });

  it('a missing required EnvironmentFile is said at its line, an optional one is not', async () => {
    const dir = tempDir({ 'kong.service': '[Service]\nEnvironmentFile=-/nonexistent/kong-optional.env\nEnvironmentFile=/nonexistent/kong_env.conf\nEnvironment=KONG_LOG_LEVEL=info\n' });
    const { findings } = await report(KONG_CONF, '--systemd-unit', join(dir, 'kong.service'));
    const notes = findings.filter((f) => f.location.file === join(dir, 'kong.service'));
    expect(notes.map((f) => f.location.line)).toEqual([3]);
    expect(notes[0].message).toMatch(/systemd refuses to start the service/);
  });

  it('is read from .kong-preflight.yml (systemdUnits)', async () => {
    const dir = tempDir({ '.kong-preflight.yml': `systemdUnits: [${fixture('systemd', 'tls', 'kong-enterprise-edition.service')}]\n` });
    const result = await runCli(['check', KONG_CONF, '--from', '2.8', '--to', '3.4', '--no-db', '-f', 'json', '--fail-on', 'none'], { cwd: dir });
    expect(JSON.parse(result.stdout).findings.some((f: Finding) => f.ruleId === 'conf/pg-ssl-version-enum')).toBe(true);
  });
});

describe('secrets of a unit and its EnvironmentFile', () => {
  const dir = tempDir({}, 'kp-systemd-secrets-');
  const envFile = join(dir, 'kong_env.conf');
  writeFileSync(envFile, 'KONG_PG_PASSWORD="EnvFilePassw0rd-77"\nKONG_LICENSE_DATA={"license":{"signature":"LicenseSignature-4242"}}\nKONG_LOG_LEVEL=EnvFilePassw0rd-77\n');
  mkdirSync(join(dir, 'kong.service.d'));
  writeFileSync(join(dir, 'kong.service.d', 'vault.conf'), '[Service]\nEnvironment="KONG_VAULT_HCV_TOKEN=VaultTok3n-s3cr3t"\n');
  writeFileSync(join(dir, 'kong.service'), `[Service]\nEnvironment=KONG_PG_PASSWORD=UnitPassw0rd-5151 KONG_PG_SSL_VERSION=tlsv1\nEnvironment=KONG_ADMIN_LISTEN=UnitPassw0rd-5151\nEnvironmentFile=${envFile}\n`);
  const secrets = ['UnitPassw0rd-5151', 'EnvFilePassw0rd-77', 'LicenseSignature-4242', 'VaultTok3n-s3cr3t'];

  it.each(['text', 'json', 'sarif', 'markdown', 'junit', 'gitlab'])('%s shows none of them', async (format) => {
    const result = await runCli(['check', KONG_CONF, '--systemd-unit', join(dir, 'kong.service'), ...PATH, '-f', format, '--fail-on', 'none']);
    expect(result.code).toBe(0);
    for (const secret of secrets) expect(`${result.stdout}${result.stderr}`).not.toContain(secret);
    // The findings about the copies are still there, the value hidden.
    if (format === 'text') expect(result.stdout).toContain('(hidden)');
  });
});

describe('bad --systemd-unit input', () => {
  const dir = tempDir({ 'binary.service': '[Service]\nEnvironment=KONG_A=1\n\0\0\0', 'latin1.service': '' });
  writeFileSync(join(dir, 'latin1.service'), Buffer.from([0x5b, 0x53, 0x5d, 0x0a, 0x41, 0x3d, 0xe9, 0x0a]));
  writeFileSync(join(dir, 'huge.service'), Buffer.alloc(5 * 1024 * 1024 + 1, 0x61));
  mkdirSync(join(dir, 'folder.service'));
  writeFileSync(join(dir, 'header.service'), '[Service\nEnvironment=KONG_A=1\n');

  it.each([
    ['missing.service', /missing\.service: cannot read systemd unit: no such file/],
    ['folder.service', /folder\.service: cannot read systemd unit: it is a folder, not a file/],
    ['binary.service', /binary\.service:3: cannot read systemd unit: holds a NUL byte/],
    ['huge.service', /huge\.service: cannot read systemd unit: larger than/],
    ['latin1.service', /latin1\.service: cannot read systemd unit: not valid UTF-8 text/],
    ['header.service', /header\.service:1: invalid section header: systemd refuses to load this unit/],
  ])('%s', async (name, message) => {
    const result = await runCli(['check', KONG_CONF, '--systemd-unit', join(dir, name), ...PATH]);
    expectOneLineError(result, message);
  });
});
