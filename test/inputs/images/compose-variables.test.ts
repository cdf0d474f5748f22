// `${NAME}` in a compose file takes the environment docker compose runs in first and the project's
// .env only for names that environment leaves unset (compose-go cli/options.go@e70e961 WithOsEnv,
// then WithDotEnv with types/mapping.go Mapping.Merge keeping names already set). The check's own
// environment stands for that shell.

import { join } from 'node:path';
import { composeVariables } from '../../../src/inputs/images/compose-variables';
import { describeImage } from '../../../src/inputs/images/image-ref';
import { readImageFiles } from '../../../src/inputs/images/load';
import { loadPlatformInputs } from '../../../src/inputs/platform';
import { tempDir } from '../../support/temp';

const compose = [
  'services:',
  '  kong:',
  '    image: ${KONG_IMAGE:-kong:2.8.1}',
  '    environment:',
  '      KONG_LOG_LEVEL: ${LOG_LEVEL:-notice}',
  '      KONG_PROXY_LISTEN:',
  '',
].join('\n');

function project(dotEnv?: string): string {
  return join(tempDir({ 'docker-compose.yml': compose, ...(dotEnv !== undefined ? { '.env': dotEnv } : {}) }), 'docker-compose.yml');
}

function read(file: string, env: Record<string, string>) {
  const platform = loadPlatformInputs({ imageFiles: [file], composeFileEnv: { env, cwd: process.cwd() } });
  const setting = (key: string) => platform.containerLayer?.settings.find((s) => s.key === key)?.value;
  return { platform, image: platform.images[0], logLevel: setting('log_level'), proxyListen: setting('proxy_listen') };
}

describe('compose variables from the check\'s environment', () => {
  it('the environment wins over the project .env for image:, environment: values and bare names', () => {
    const file = project('KONG_IMAGE=kong:3.0.0\nLOG_LEVEL=info\nKONG_PROXY_LISTEN=0.0.0.0:8000\n');
    const { image, logLevel, proxyListen } = read(file, { KONG_IMAGE: 'kong/kong-gateway:3.4.3.5', LOG_LEVEL: 'debug', KONG_PROXY_LISTEN: '0.0.0.0:9000' });
    expect(image.reference).toBe('kong/kong-gateway:3.4.3.5');
    expect(image.version?.toString()).toBe('3.4.3.5');
    expect(describeImage(image)).toBe(`kong/kong-gateway:3.4.3.5 (written \`\${KONG_IMAGE:-kong:2.8.1}\`, KONG_IMAGE from the check's environment) at ${file}:3`);
    expect(logLevel).toBe('debug');
    expect(proxyListen).toBe('0.0.0.0:9000');
  });

  it('the .env, then the default, fill what the environment leaves unset, and nothing is said to come from it', () => {
    const withDotEnv = read(project('KONG_IMAGE=kong:3.0.0\n'), { UNRELATED: 'x' });
    expect(withDotEnv.image.reference).toBe('kong:3.0.0');
    expect(withDotEnv.image.fromEnvironment).toBeUndefined();
    expect(describeImage(withDotEnv.image)).not.toContain('environment');
    expect(withDotEnv.logLevel).toBe('notice');
    const bare = read(project(), {});
    expect(bare.image.reference).toBe('kong:2.8.1');
    expect(describeImage(bare.image)).toContain('KONG_IMAGE taken as unset');
    const listen = readImageFiles([project()], { env: {} }).containerEnv.containers[0].variables.find((v) => v.name === 'KONG_PROXY_LISTEN');
    expect(listen?.value).toBeUndefined();
    expect(listen?.unreadable).toContain('neither the check\'s environment nor the project\'s .env sets it');
  });

  it('an empty value in the environment is set: `:-` takes the default, `-` keeps it empty', () => {
    const dir = tempDir({ 'compose.yaml': 'services:\n  kong:\n    image: kong:3.4.0\n    environment:\n      KONG_LOG_LEVEL: ${LOG_LEVEL-notice}\n      KONG_ADMIN_LISTEN: ${ADMIN:-off}\n', '.env': 'LOG_LEVEL=info\nADMIN=127.0.0.1:8001\n' });
    const read2 = readImageFiles([join(dir, 'compose.yaml')], { env: { LOG_LEVEL: '', ADMIN: '' }, cwd: dir });
    const values = Object.fromEntries(read2.containerEnv.containers[0].variables.map((v) => [v.name, v.value]));
    expect(values).toEqual({ KONG_LOG_LEVEL: '', KONG_ADMIN_LISTEN: 'off' });
  });

  it('keeps the .env alone as the project .env (COMPOSE_PROFILES of .env is not the environment\'s)', () => {
    const file = project('KONG_IMAGE=kong:3.0.0\n');
    expect(readImageFiles([file], { env: { KONG_IMAGE: 'kong:3.4.0', OTHER: 'y' } }).projectEnv?.values).toEqual(new Map([['KONG_IMAGE', 'kong:3.0.0']]));
  });
});

describe('secret values of the environment', () => {
  it('are listed for hiding when their names say they are secrets, others are not', () => {
    expect(composeVariables({ DB_PASSWORD: 'hunter22', CI_JOB_TOKEN: 'abc123456', KONG_IMAGE: 'kong:3.4.0', HOME: '/root', GONE: undefined }, new Map()).secretValues).toEqual(['hunter22', 'abc123456']);
  });

  it('reach the installation\'s hidden values only once a compose file is read', () => {
    expect(readImageFiles([project()], { env: { API_TOKEN: 'tokenvalue123' } }).secretValues).toEqual(['tokenvalue123']);
    const dockerfile = join(tempDir({ Dockerfile: 'FROM kong:3.4.0\n' }), 'Dockerfile');
    expect(readImageFiles([dockerfile], { env: { API_TOKEN: 'tokenvalue123' } }).secretValues).toBeUndefined();
  });
});

describe('env_file values', () => {
  // compose-go types/project.go@e70e961 WithServicesEnvironmentResolved: the project's variables,
  // then the service's environment:, then earlier entries; docker/compose rawEnv for format: raw.
  const variables = (compose: string, files: Record<string, string>, env: Record<string, string> = {}) => {
    const dir = tempDir({ 'compose.yaml': compose, ...files });
    const read = readImageFiles([join(dir, 'compose.yaml')], { env, cwd: dir });
    const service = read.containerEnv.containers[0];
    return Object.fromEntries(service.variables.map((v) => [v.name, v.value ?? `unreadable: ${v.unreadable}`]));
  };

  it('take the project\'s variables over an earlier entry, then the service environment', () => {
    const compose = 'services:\n  kong:\n    image: kong:3.4.0\n    env_file: kong.env\n    environment:\n      TAG: from-service\n';
    const got = variables(compose, { '.env': 'LEVEL=info\n', 'kong.env': 'LEVEL=debug\nKONG_LOG_LEVEL=${LEVEL}\nKONG_PROXY_LISTEN=${TAG}\nKONG_ADMIN_LISTEN=${NOBODY}\n' });
    expect(got.KONG_LOG_LEVEL).toBe('info');
    expect(got.KONG_PROXY_LISTEN).toBe('from-service');
    expect(got.KONG_ADMIN_LISTEN).toContain('unreadable: depends on NOBODY');
  });

  it('format: raw keeps quotes and ${NAME} as written', () => {
    const compose = 'services:\n  kong:\n    image: kong:3.4.0\n    env_file:\n      - path: kong.env\n        format: raw\n';
    const got = variables(compose, { 'kong.env': 'KONG_LOG_LEVEL="info"\nKONG_PROXY_LISTEN=${X}\n' }, { X: 'x' });
    expect(got.KONG_LOG_LEVEL).toBe('"info"');
    expect(got.KONG_PROXY_LISTEN).toBe('${X}');
  });
});
