// A project `.env` entry built from a variable nobody here sets (`PG_PASS=${VAULT_PG_PASS}`) has
// a value only in the shell that runs docker compose: compose-go reads the .env with that shell's
// variables first (dotenv/env.go@e70e961 GetEnvFromFile, godotenv.go expandVariables), then merges
// it under them (cli/options.go@e70e961 WithDotEnv). What the compose file copies from such an
// entry is as unknown as the variable itself, and is read as unreadable, never as the `${...}`
// text kept in the entry.

import { join } from 'node:path';
import { describeImage } from '../../../src/inputs/images/image-ref';
import { readImageFiles } from '../../../src/inputs/images/load';
import { parseDotEnv } from '../../../src/inputs/images/dotenv';
import { tempDir } from '../../support/temp';

type Files = Record<string, string>;

function containerVariables(compose: string, files: Files, env: Record<string, string> = {}) {
  const dir = tempDir({ 'compose.yaml': compose, ...files });
  const read = readImageFiles([join(dir, 'compose.yaml')], { env, cwd: dir });
  const service = read.containerEnv.containers[0];
  return { read, byName: Object.fromEntries(service.variables.map((v) => [v.name, v])) };
}

const service = (lines: string[]) => ['services:', '  kong:', '    image: kong:3.4.0', ...lines, ''].join('\n');

describe('.env entries that wait on an unknown variable', () => {
  it('make the environment: values copying them unreadable, naming the unknown variable', () => {
    const compose = service(['    environment:', '      KONG_PG_PORT: ${DB_PORT}', '      KONG_PG_HOST: db-${DB_HOST}', '      KONG_PG_PASSWORD: ${PG_PASS}']);
    const { byName } = containerVariables(compose, { '.env': 'DB_PORT=${INFRA_PORT}\nDB_HOST=${INFRA_HOST}\nPG_PASS=${VAULT_PG_PASS}\n' });
    expect(byName.KONG_PG_PORT.value).toBeUndefined();
    expect(byName.KONG_PG_PORT.unreadable).toMatch(/^depends on INFRA_PORT, which has no value/);
    expect(byName.KONG_PG_HOST.value).toBeUndefined();
    expect(byName.KONG_PG_HOST.unreadable).toMatch(/^depends on INFRA_HOST,/);
    // A secret's variables are not named (unresolvedNames).
    expect(byName.KONG_PG_PASSWORD.value).toBeUndefined();
    expect(byName.KONG_PG_PASSWORD.unreadable).not.toContain('VAULT_PG_PASS');
  });

  it('make a bare name taking such an entry unreadable too', () => {
    const { byName } = containerVariables(service(['    environment:', '      - KONG_PG_PORT']), { '.env': 'KONG_PG_PORT=${INFRA_PORT}\n' });
    expect(byName.KONG_PG_PORT.value).toBeUndefined();
    expect(byName.KONG_PG_PORT.unreadable).toMatch(/^depends on INFRA_PORT,/);
  });

  it('carry through an env_file of the service that copies them', () => {
    const { byName } = containerVariables(service(['    env_file: kong.env']), { '.env': 'DB_PORT=${INFRA_PORT}\n', 'kong.env': 'KONG_PG_PORT=${DB_PORT}\nKONG_PG_USER=kong\n' });
    expect(byName.KONG_PG_PORT.unreadable).toMatch(/^depends on INFRA_PORT,/);
    expect(byName.KONG_PG_USER.value).toBe('kong');
  });

  it('carry from an earlier env file given with --compose-env-file to a later one', () => {
    const dir = tempDir({ 'compose.yaml': service(['    environment:', '      KONG_PG_PORT: ${DB_PORT}']), 'a.env': 'BASE_PORT=${INFRA_PORT}\n', 'b.env': 'DB_PORT=${BASE_PORT}\n' });
    const read = readImageFiles([join(dir, 'compose.yaml')], { env: {}, cwd: dir, envFiles: { files: [join(dir, 'a.env'), join(dir, 'b.env')], said: '--compose-env-file a.env --compose-env-file b.env' } });
    expect(read.containerEnv.containers[0].variables[0].unreadable).toMatch(/^depends on INFRA_PORT,/);
  });

  it('must not touch values once the variable is known, the entry is overridden, or only its being set is asked', () => {
    const compose = service(['    environment:', '      KONG_PG_PORT: ${DB_PORT}', '      KONG_PG_HOST: ${DB_HOST}', '      KONG_PG_USER: ${DB_HOST+kong}', '      KONG_PG_DATABASE: ${DB_HOST:+kong}']);
    const dotEnv = { '.env': 'DB_PORT=${INFRA_PORT}\nDB_HOST=${INFRA_HOST}\n' };
    // INFRA_PORT from the check's environment; DB_HOST itself set there, over the .env's.
    const { byName } = containerVariables(compose, dotEnv, { INFRA_PORT: '5433', DB_HOST: 'pg.internal' });
    expect(byName.KONG_PG_PORT.value).toBe('5433');
    expect(byName.KONG_PG_HOST.value).toBe('pg.internal');
    const unset = containerVariables(compose, dotEnv).byName;
    // `+` without `:` asks only whether DB_HOST is set, and the .env sets it whatever INFRA_HOST is.
    expect(unset.KONG_PG_USER.value).toBe('kong');
    // `:+` asks whether it is empty, which depends on INFRA_HOST.
    expect(unset.KONG_PG_DATABASE.unreadable).toMatch(/^depends on INFRA_HOST,/);
  });

  it('leave an image copying them unresolved, naming the unknown variable', () => {
    const dir = tempDir({ 'compose.yaml': 'services:\n  kong:\n    image: kong:${KONG_TAG}\n', '.env': 'KONG_TAG=${CI_TAG}\n' });
    const read = readImageFiles([join(dir, 'compose.yaml')], { env: {}, cwd: dir });
    expect(read.images[0]?.version).toBeUndefined();
    expect(read.images[0]?.unresolvedVariables).toEqual(['CI_TAG']);
  });
});

describe('.env entries built from the check\'s environment', () => {
  it('say so for an image that copies them', () => {
    const dir = tempDir({ 'compose.yaml': 'services:\n  kong:\n    image: kong:${KONG_TAG}\n', '.env': 'BASE=${CI_TAG}\nKONG_TAG=${BASE}\n' });
    const file = join(dir, 'compose.yaml');
    const image = readImageFiles([file], { env: { CI_TAG: '3.4.2' }, cwd: dir }).images[0];
    expect(image.version?.toString()).toBe('3.4.2');
    expect(describeImage(image)).toBe(`kong:3.4.2 (written \`kong:\${KONG_TAG}\`, CI_TAG from the check's environment) at ${file}:3`);
  });

  it('say nothing when the .env value is its own', () => {
    const dir = tempDir({ 'compose.yaml': 'services:\n  kong:\n    image: kong:${KONG_TAG}\n', '.env': 'KONG_TAG=${CI_TAG:-3.4.1}\n' });
    const image = readImageFiles([join(dir, 'compose.yaml')], { env: { OTHER: 'x' }, cwd: dir }).images[0];
    expect(image.version?.toString()).toBe('3.4.1');
    expect(image.fromEnvironment).toBeUndefined();
  });
});

describe('parseDotEnv provenance', () => {
  it('records the unknown variables and the looked-up names behind each entry, through earlier entries', () => {
    const entries = parseDotEnv('A=${CI_A}\nB=x${A}\nC=${NOBODY}\nD=${C}\nE=plain\n', { lookup: new Map([['CI_A', 'a']]) });
    const by = Object.fromEntries(entries.map((e) => [e.name, e]));
    expect(by.B).toMatchObject({ value: 'xa', fromLookup: ['CI_A'] });
    expect(by.B.unresolved).toBeUndefined();
    expect(by.D).toMatchObject({ value: '${NOBODY}', unresolved: ['NOBODY'] });
    expect(by.E.fromLookup).toBeUndefined();
    expect(by.E.unresolved).toBeUndefined();
  });
});
