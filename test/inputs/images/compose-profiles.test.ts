// Compose profiles as docker compose applies them (compose-go types/project.go HasProfile): a
// service without profiles always starts, one with profiles only when COMPOSE_PROFILES activates
// one of them. A dev and a prod Kong service are alternatives, never two Kong nodes.

import { join } from 'node:path';
import { loadPlatformInputs } from '../../../src/inputs/platform';
import { tempDir } from '../../support/temp';

const service = (name: string, profiles: string | undefined, env: string[]) => [
  `  ${name}:`,
  '    image: kong:3.9.1',
  ...(profiles ? [`    profiles: [${profiles}]`] : []),
  '    environment:',
  ...env.map((line) => `      ${line}`),
];

function compose(...services: string[][]): string {
  const dir = tempDir({ 'stack.yml': ['services:', ...services.flat()].join('\n') + '\n' });
  return join(dir, 'stack.yml');
}

function read(file: string, options: { composeProfiles?: string; role?: 'data_plane' | 'control_plane' } = {}) {
  const platform = loadPlatformInputs({ imageFiles: [file], ...options });
  return {
    label: platform.listed.find((l) => l.kind === 'image file')?.label ?? '',
    logLevel: platform.containerLayer?.settings.find((s) => s.key === 'log_level')?.value,
  };
}

describe('compose profiles', () => {
  const devAndProd = () => compose(
    service('kong-dev', 'dev', ['KONG_LOG_LEVEL: debug']),
    service('kong-prod', 'prod', ['KONG_LOG_LEVEL: notice']),
  );

  it('COMPOSE_PROFILES picks the Kong service of that profile, and the other is not a second node', () => {
    const file = devAndProd();
    const prod = read(file, { composeProfiles: 'prod' });
    expect(prod.logLevel).toBe('notice');
    expect(prod.label).toContain('environment of service kong-prod read as settings');
    expect(prod.label).toContain('service kong-dev (profile dev) not read: it starts only under a profile COMPOSE_PROFILES=prod does not activate');
    expect(prod.label).not.toContain('also runs Kong');
    expect(read(file, { composeProfiles: ' dev , tools' }).logLevel).toBe('debug');
  });

  it('without COMPOSE_PROFILES, says which profiles were found and how to pick, never that two nodes run', () => {
    const label = read(devAndProd()).label;
    expect(label).toContain('environment of service kong-dev read as settings');
    expect(label).toContain('service kong-dev starts only under profile dev, and service kong-prod (profile prod) under its own: COMPOSE_PROFILES is not set for the check, so service kong-dev was read; run the check with COMPOSE_PROFILES=prod');
    expect(label).not.toContain('also runs Kong');
  });

  it('a service without profiles always starts; one with a profile does not unless activated', () => {
    const file = compose(
      service('kong', undefined, ['KONG_LOG_LEVEL: notice']),
      service('kong-debug', 'debug', ['KONG_LOG_LEVEL: debug']),
    );
    const plain = read(file);
    expect(plain.logLevel).toBe('notice');
    expect(plain.label).toContain('service kong-debug (profile debug) not read: docker compose starts it only with that profile active');
    // Both active (`*` activates every profile): two nodes, as docker compose --profile '*' runs them.
    const all = read(file, { composeProfiles: '*' });
    expect(all.logLevel).toBe('notice');
    expect(all.label).toContain('service kong-debug (role traditional) also runs Kong with the same role');
  });

  it('keeps --role working across profiles', () => {
    const file = compose(
      service('cp', 'hybrid', ['KONG_ROLE: control_plane', 'KONG_LOG_LEVEL: info']),
      service('dp', 'hybrid', ['KONG_ROLE: data_plane', 'KONG_LOG_LEVEL: warn']),
      service('kong-dev', 'dev', ['KONG_LOG_LEVEL: debug']),
    );
    const dataPlane = read(file, { composeProfiles: 'hybrid', role: 'data_plane' });
    expect(dataPlane.logLevel).toBe('warn');
    expect(dataPlane.label).toContain('service cp (role control_plane) also runs Kong, not read: pass --role control_plane');
    expect(read(file, { role: 'data_plane' }).logLevel).toBe('warn');
  });

  it('a file without profiles reads as before', () => {
    const label = read(compose(service('a', undefined, ['KONG_LOG_LEVEL: info']), service('b', undefined, ['KONG_LOG_LEVEL: warn']))).label;
    expect(label).toContain('service b (role traditional) also runs Kong with the same role, not read');
    expect(label).not.toContain('profile');
  });
});

describe('compose profiles from the check\'s environment', () => {
  it('takes COMPOSE_PROFILES from the environment the check runs in', async () => {
    const { runCli } = await import('../../support/cli');
    const file = compose(
      service('kong-dev', 'dev', ['KONG_DATABASE: "off"']),
      service('kong-prod', 'prod', ['KONG_ROLE: data_plane']),
    );
    const run = async (env: Record<string, string>) => {
      const result = await runCli(['check', '--image-file', file, '--to', '3.9', '--no-db', '--format', 'json', '--fail-on', 'none'], { env });
      return (JSON.parse(result.stdout) as { installation: { topology: { value: string } } }).installation.topology.value;
    };
    expect(await run({ COMPOSE_PROFILES: 'prod' })).toBe('hybrid');
    expect(await run({ COMPOSE_PROFILES: 'dev' })).toBe('dbless');
  });
});
