// docker compose reads the project's variables from `--env-file` files (default: COMPOSE_ENV_FILES of
// the shell, split at commas) instead of the `.env`, a later file winning, relative to the folder it
// runs in (docker/compose cmd/compose/compose.go@f72979427 defaultStringArrayVar,
// normalizeProjectOptions; compose-go cli/options.go@e70e961 WithEnvFiles, dotenv/env.go GetEnvFromFile).

import { join } from 'node:path';
import { chosenComposeEnvFiles } from '../../../src/inputs/images/compose-env-files';
import { readImageFiles } from '../../../src/inputs/images/load';
import { loadPlatformInputs } from '../../../src/inputs/platform';
import { InputError } from '../../../src/errors';
import { tempDir } from '../../support/temp';

const compose = 'services:\n  kong:\n    image: ${KONG_IMAGE:-kong:2.8.1}\n    environment:\n      KONG_LOG_LEVEL: ${LOG_LEVEL:-notice}\n';

function folder(extra: Record<string, string> = {}): string {
  return tempDir({ 'docker-compose.yml': compose, '.env': 'KONG_IMAGE=kong:3.0.0\nLOG_LEVEL=info\n', 'prod.env': 'KONG_IMAGE=kong:3.3.0\n', 'later.env': 'KONG_IMAGE=kong:3.4.0\n', ...extra });
}

function platform(dir: string, env: Record<string, string>, flags?: string[], files = ['docker-compose.yml']) {
  const envFiles = chosenComposeEnvFiles(flags, env, dir);
  return loadPlatformInputs({ imageFiles: files.map((file) => join(dir, file)), composeFileEnv: { env, cwd: dir, ...(envFiles ? { envFiles } : {}) } });
}

describe('compose env files', () => {
  it('replace the project .env: its values are not read at all, and a later file wins', () => {
    const dir = folder();
    const read = platform(dir, {}, ['prod.env', 'later.env']);
    expect(read.images[0].reference).toBe('kong:3.4.0');
    // LOG_LEVEL is only in .env, which docker compose no longer reads: the default applies.
    expect(read.containerLayer?.settings.find((s) => s.key === 'log_level')?.value).toBe('notice');
  });

  it('without them the .env is read as before', () => {
    const read = platform(folder(), {});
    expect(read.images[0].reference).toBe('kong:3.0.0');
    expect(read.containerLayer?.settings.find((s) => s.key === 'log_level')?.value).toBe('info');
  });

  it('COMPOSE_ENV_FILES of the environment names them, comma-separated; a flag replaces it; the environment still wins over them', () => {
    const dir = folder();
    expect(platform(dir, { COMPOSE_ENV_FILES: 'prod.env' }).images[0].reference).toBe('kong:3.3.0');
    expect(platform(dir, { COMPOSE_ENV_FILES: 'later.env,prod.env' }).images[0].reference).toBe('kong:3.3.0');
    expect(platform(dir, { COMPOSE_ENV_FILES: 'prod.env' }, ['later.env']).images[0].reference).toBe('kong:3.4.0');
    expect(platform(dir, { COMPOSE_ENV_FILES: 'prod.env', KONG_IMAGE: 'kong:3.5.0' }).images[0].reference).toBe('kong:3.5.0');
  });

  it('COMPOSE_ENV_FILES in the .env, or empty, chooses nothing (docker compose reads it from the shell alone)', () => {
    const dir = folder({ '.env': 'KONG_IMAGE=kong:3.0.0\nCOMPOSE_ENV_FILES=prod.env\n' });
    expect(platform(dir, {}).images[0].reference).toBe('kong:3.0.0');
    expect(chosenComposeEnvFiles([], { COMPOSE_ENV_FILES: '' }, dir)).toBeUndefined();
    expect(chosenComposeEnvFiles(undefined, { COMPOSE_ENV_FILES: ',' }, dir)).toBeUndefined();
  });

  it('COMPOSE_PROFILES and COMPOSE_FILE in them count, as they do in the .env', () => {
    const dir = tempDir({
      'docker-compose.yml': 'services:\n  kong:\n    image: kong:3.0.0\n    profiles: [dev]\n  kong-prod:\n    image: kong:3.4.0\n    profiles: [prod]\n',
      'extra.yml': 'services:\n  kong-prod:\n    environment:\n      KONG_LOG_LEVEL: warn\n',
      'ci.env': 'COMPOSE_PROFILES=prod\nCOMPOSE_FILE=docker-compose.yml:extra.yml\n',
    });
    const read = platform(dir, {}, ['ci.env']);
    expect(read.running.map((image) => image.reference)).toEqual(['kong:3.4.0']);
    expect(read.containerLayer?.settings.find((s) => s.key === 'log_level')?.value).toBe('warn');
    const labels = read.listed.map((l) => l.label);
    expect(labels[0]).toContain(`COMPOSE_PROFILES=prod of ${join(dir, 'ci.env')}`);
    expect(labels[1]).toContain(`${join(dir, 'extra.yml')} (not given, read because COMPOSE_FILE of ${join(dir, 'ci.env')} lists it with the files given`);
  });

  it('a missing one stops the check, as it stops docker compose', () => {
    const dir = folder();
    const envFiles = chosenComposeEnvFiles(['nope.env'], {}, dir)!;
    expect(() => readImageFiles([join(dir, 'docker-compose.yml')], { env: {}, cwd: dir, envFiles })).toThrow(InputError);
    expect(() => readImageFiles([join(dir, 'docker-compose.yml')], { env: {}, cwd: dir, envFiles })).toThrow(/--compose-env-file nope.env/);
  });
});
