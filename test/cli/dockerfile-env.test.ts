// End to end: Dockerfiles given with --image-file configure Kong through their `ENV KONG_*` lines
// (findings at the Dockerfile line, under the environment given to the check, secrets never
// shown) and name the installed Kong through the package they install.

import { fixture, runCli } from '../support/cli';

interface JsonFinding { ruleId: string; messageId: string; severity: string; message: string; location: { kind: string; file?: string; line?: number; column?: number }; data?: Record<string, unknown> }

async function report(args: string[], env: Record<string, string> = {}) {
  const result = await runCli(['check', ...args, '--no-db', '--format', 'json', '--fail-on', 'none'], { env });
  expect(result.stderr).toBe('');
  return { json: JSON.parse(result.stdout) as { installation: Record<string, { value: string; reason: string }>; findings: JsonFinding[] }, stdout: result.stdout };
}

describe('Dockerfile ENV KONG_*', () => {
  const dockerfile = fixture('platform/Dockerfile.env');

  it('reads the ENV lines as settings: findings point at the Dockerfile line, build arguments are named, never guessed', async () => {
    const { json } = await report(['--image-file', dockerfile, '--to', '3.4', '--edition', 'enterprise']);
    // Enterprise 2.8 with pg_ssl_version = tlsv1: the 3.2.1.0 enum change, at the ENV line.
    const ssl = json.findings.find((f) => f.ruleId === 'conf/pg-ssl-version-enum');
    expect(ssl?.location).toMatchObject({ file: dockerfile, line: 12, column: 5 });
    const unreadable = json.findings.find((f) => f.ruleId === 'conf/file-syntax' && f.data?.kind === 'unreadable-value');
    expect(unreadable).toMatchObject({ location: { file: dockerfile, line: 9 }, message: expect.stringContaining('ENV KONG_PG_HOST depends on PGHOST') });
  });

  it('never prints a secret ENV value, in any format', async () => {
    for (const format of ['text', 'json', 'sarif', 'markdown', 'junit', 'gitlab']) {
      const result = await runCli(['check', '--image-file', dockerfile, '--to', '3.4', '--edition', 'enterprise', '--no-db', '--format', format, '--fail-on', 'none']);
      expect(result.stdout).toContain('Dockerfile.env');
      expect(result.stdout + result.stderr).not.toContain('kong-secret-in-image');
    }
  });

  it('gives way to the environment given to the check, as docker run -e and compose environment: override the image', async () => {
    const { json } = await report(['--image-file', dockerfile, '--to', '3.4'], { KONG_DATABASE: 'off' });
    expect(json.installation.topology).toMatchObject({ value: 'dbless', reason: 'database = off at env KONG_DATABASE' });
    const overridden = json.findings.find((f) => f.ruleId === 'conf/file-syntax' && f.data?.kind === 'env-overrides-file');
    expect(overridden).toMatchObject({ location: { file: dockerfile, line: 7 }, message: expect.stringContaining('KONG_DATABASE') });
  });

  it('reports nothing about a Dockerfile whose ENV is clean for the target', async () => {
    const clean = fixture('platform/Dockerfile.env-clean');
    const { json } = await report(['--image-file', clean, '--to', '3.4']);
    expect(json.installation.topology).toMatchObject({ value: 'dbless', reason: expect.stringContaining('Dockerfile.env-clean:2') });
    // Installation-wide findings (no backup given) anchor at the first ENV line; no setting is faulted.
    expect(json.findings.filter((f) => f.location.file === clean && f.ruleId !== 'backup/backup-evidence')).toEqual([]);
  });

  it('reads only the last stage\'s ENV', async () => {
    const { json } = await report(['--image-file', fixture('platform/Dockerfile.env-multistage'), '--to', '3.4']);
    expect(json.installation.topology.value).toBe('dbless');
    expect(json.findings.filter((f) => f.message.includes('from-build-stage') || f.message.includes('my-plugin'))).toEqual([]);
  });
});

describe('Kong installed from a package in a Dockerfile', () => {
  it('an Enterprise .deb download: edition and version from the package name, the license build argument named', async () => {
    const file = fixture('platform/Dockerfile.ee-deb');
    const { json } = await report(['--image-file', file, '--to', '3.10']);
    expect(json.installation.edition).toMatchObject({ value: 'enterprise', reason: expect.stringContaining('kong-enterprise-edition_3.4.3.5_amd64.deb') });
    expect(json.installation.from).toMatchObject({ value: '3.4.3.5', reason: expect.stringContaining(`${file}:5`) });
    expect(json.findings.find((f) => f.ruleId === 'license/enterprise-license')).toMatchObject({ messageId: 'unverifiable', location: { file, line: 12 } });
  });

  it('an Enterprise .rpm copied into the image, and the open-source apt-get install kong=2.8.1', async () => {
    const rpm = await report(['--image-file', fixture('platform/Dockerfile.ee-rpm'), '--to', '3.4']);
    expect([rpm.json.installation.edition.value, rpm.json.installation.from.value]).toEqual(['enterprise', '3.1.1.3']);
    const apt = await report(['--image-file', fixture('platform/Dockerfile.oss-apt'), '--to', '3.4']);
    expect([apt.json.installation.edition.value, apt.json.installation.from.value]).toEqual(['oss', '2.8.1']);
  });
});
