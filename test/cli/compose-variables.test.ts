// End to end: a CI job exports the image, the compose file reads it with a default
// (`image: ${KONG_IMAGE:-kong:2.8.1}`): the check reads the version docker compose would run, says
// where the value came from, and never prints a secret the environment gives the compose file.

import { join } from 'node:path';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp';

const compose = [
  'services:',
  '  kong:',
  '    image: ${KONG_IMAGE:-kong:2.8.1}',
  '    environment:',
  '      KONG_DATABASE: "off"',
  '      KONG_LOG_LEVEL: ${API_TOKEN:-notice}',
  '',
].join('\n');

async function check(env: Record<string, string>, format = 'json') {
  const file = join(tempDir({ 'docker-compose.yml': compose, '.env': 'KONG_IMAGE=kong:3.0.0\n' }), 'docker-compose.yml');
  const result = await runCli(['check', '--image-file', file, '--to', '3.6', '--no-db', '--format', format, '--fail-on', 'none'], { env });
  expect(result.stderr).toBe('');
  return result.stdout;
}

describe('compose variables from the check\'s environment', () => {
  it('reads the image the environment names over the .env one, and says so', async () => {
    const json = JSON.parse(await check({ KONG_IMAGE: 'kong/kong-gateway:3.4.3.5' })) as { installation: Record<string, { value: string; reason: string }> };
    expect(json.installation.from).toMatchObject({ value: '3.4.3.5', reason: expect.stringContaining("KONG_IMAGE from the check's environment") });
    expect(json.installation.edition.value).toBe('enterprise');
  });

  it('without it, reads the .env one and names no environment', async () => {
    const json = JSON.parse(await check({})) as { installation: Record<string, { value: string; reason: string }> };
    expect(json.installation.from.value).toBe('3.0.0');
    expect(json.installation.from.reason).not.toContain('environment');
  });

  it('hides a secret-named variable\'s value wherever the compose file puts it', async () => {
    for (const format of ['text', 'json']) {
      const out = await check({ API_TOKEN: 'tokenvalue123' }, format);
      // Copied into KONG_LOG_LEVEL, the value is refused as a log level: the finding names it hidden.
      expect(out).toContain('log_level = (hidden)');
      expect(out).not.toContain('tokenvalue123');
    }
  });
});

describe('--compose-env-file', () => {
  const dir = tempDir({ 'docker-compose.yml': compose, '.env': 'KONG_IMAGE=kong:3.0.0\n', 'prod.env': 'KONG_IMAGE=kong:3.3.0\n' });
  const run = (args: string[], env: Record<string, string> = {}) =>
    runCli(['check', '--image-file', join(dir, 'docker-compose.yml'), '--to', '3.6', '--no-db', '--format', 'json', '--fail-on', 'none', ...args], { env, cwd: dir });

  it('reads the env file given in place of the .env, as docker compose --env-file', async () => {
    const result = await run(['--compose-env-file', 'prod.env']);
    expect(result.stderr).toBe('');
    expect((JSON.parse(result.stdout) as { installation: { from: { value: string } } }).installation.from.value).toBe('3.3.0');
    const fromVariable = await run([], { COMPOSE_ENV_FILES: 'prod.env' });
    expect((JSON.parse(fromVariable.stdout) as { installation: { from: { value: string } } }).installation.from.value).toBe('3.3.0');
  });

  it('stops with an input error naming a missing one', async () => {
    const result = await run(['--compose-env-file', 'missing.env']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot read the env file --compose-env-file missing.env names');
  });
});

describe('${NAME} inside the project .env', () => {
  const dotEnv = 'KONG_VERSION=3.4.3.5\nKONG_IMAGE=kong/kong-gateway:${KONG_VERSION}\nDB_PASSWORD=${CI_PART:-fallback}x\n';
  const project = `services:\n  kong:\n    image: \${KONG_IMAGE}\n    environment:\n      KONG_DATABASE: "off"\n      KONG_LOG_LEVEL: \${DB_PASSWORD}\n`;
  const run = (env: Record<string, string>, format = 'json') => {
    const dir = tempDir({ 'docker-compose.yml': project, '.env': dotEnv });
    return runCli(['check', '--image-file', join(dir, 'docker-compose.yml'), '--to', '3.9', '--no-db', '--format', format, '--fail-on', 'none'], { env });
  };
  const from = async (env: Record<string, string>) => (JSON.parse((await run(env)).stdout) as { installation: { from?: { value: string } } }).installation.from?.value;

  it('takes an earlier entry, the check\'s environment over it', async () => {
    expect(await from({})).toBe('3.4.3.5');
    expect(await from({ KONG_VERSION: '3.6.1.0' })).toBe('3.6.1.0');
  });

  it('hides the value a secret-named entry gets from a variable whose name is no secret', async () => {
    for (const format of ['text', 'json']) {
      const result = await run({ CI_PART: 'partvalue987' }, format);
      expect(result.stdout).toContain('(hidden)');
      expect(result.stdout).not.toContain('partvalue987');
    }
  });

  it('COMPOSE_DISABLE_ENV_FILE=true reads no .env; a word Go cannot read as a boolean stops the check', async () => {
    const disabled = await run({ COMPOSE_DISABLE_ENV_FILE: 'true' });
    expect(disabled.stderr).toContain('depends on KONG_IMAGE');
    expect((await run({ COMPOSE_DISABLE_ENV_FILE: '0' })).stdout).toContain('3.4.3.5');
    const wrong = await run({ COMPOSE_DISABLE_ENV_FILE: 'yes' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('COMPOSE_DISABLE_ENV_FILE=yes is neither true nor false');
  });
});

describe('.env entries that wait on a variable nobody here sets', () => {
  // compose-go dotenv/env.go@e70e961 GetEnvFromFile: the .env takes `${NAME}` from the shell docker
  // compose runs in, unknown here; what the compose file copies from the entry is unknown too.
  const waiting = [
    'services:',
    '  kong:',
    '    image: kong:3.4.2',
    '    environment:',
    '      KONG_DATABASE: postgres',
    '      KONG_PG_PORT: ${DB_PORT}',
    '      KONG_LOG_LEVEL: ${LEVEL}',
    '',
  ].join('\n');

  async function findings(env: Record<string, string>, dotEnv: string) {
    const file = join(tempDir({ 'docker-compose.yml': waiting, '.env': dotEnv }), 'docker-compose.yml');
    const result = await runCli(['check', '--image-file', file, '--to', '3.9', '--no-db', '--format', 'json', '--fail-on', 'none'], { env });
    expect(result.stderr).toBe('');
    return { stdout: result.stdout, findings: (JSON.parse(result.stdout) as { findings: { ruleId: string; severity: string; message: string }[] }).findings };
  }

  it('read the setting as unreadable, never the `${...}` text as its value', async () => {
    const { findings: got } = await findings({}, 'DB_PORT=${INFRA_PORT}\nLEVEL=info\n');
    expect(got.filter((f) => f.ruleId === 'conf/value-invalid')).toEqual([]);
    expect(got.some((f) => f.message.includes('${INFRA_PORT}'))).toBe(false);
    expect(got).toContainEqual(expect.objectContaining({ ruleId: 'conf/file-syntax', severity: 'info', message: expect.stringMatching(/^environment KONG_PG_PORT of service kong depends on INFRA_PORT, .*no rule checked `pg_port`/) }));
  });

  it('once the check\'s environment gives the variable, the value is checked', async () => {
    const { findings: got } = await findings({ INFRA_PORT: 'fivefour' }, 'DB_PORT=${INFRA_PORT}\nLEVEL=info\n');
    expect(got).toContainEqual(expect.objectContaining({ ruleId: 'conf/value-invalid', message: expect.stringContaining('`pg_port = fivefour` is not a number') }));
  });

  it('still hide a value copied from a secret-named entry', async () => {
    // CI_VALUE's own name says nothing; API_TOKEN, the .env entry holding it, does.
    const { stdout } = await findings({ CI_VALUE: 'tokenvalue123' }, 'DB_PORT=5432\nAPI_TOKEN=${CI_VALUE}\nLEVEL=${API_TOKEN}\n');
    expect(stdout).toContain('log_level = (hidden)');
    expect(stdout).not.toContain('tokenvalue123');
  });
});
