// Compose profiles as docker compose applies them (compose-go types/project.go HasProfile): a
// service without profiles always starts, one with profiles only when COMPOSE_PROFILES activates
// one of them. A dev and a prod Kong service are alternatives, never two Kong nodes.

import { join } from 'node:path';
import { activeComposeProfiles } from '../../../src/inputs/images/compose-profiles';
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

/** `composeProfiles`: COMPOSE_PROFILES of the check's environment. */
function read(file: string, options: { composeProfiles?: string; role?: 'data_plane' | 'control_plane' } = {}) {
  const { composeProfiles, ...rest } = options;
  const profiles = activeComposeProfiles(undefined, { COMPOSE_PROFILES: composeProfiles });
  const platform = loadPlatformInputs({ imageFiles: [file], ...rest, ...(profiles ? { composeProfiles: profiles } : {}) });
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
    expect(label).toContain('service kong-dev starts only under profile dev, and service kong-prod (profile prod) under its own: neither --profile nor COMPOSE_PROFILES is given to the check, so service kong-dev was read; run the check with --profile prod');
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

  // compose-go loader/validate.go checkConsistency: a required depends_on on a service its
  // profile leaves off is an error, never an activation (compose-spec profiles: references "do
  // not automatically enable a component"). The Kong service an active app depends on stays off.
  it('depends_on from an active service does not activate a Kong service of another profile', () => {
    const file = compose(
      ['  app:', '    image: example/app:1', '    depends_on: [kong-dev]'],
      service('kong-dev', 'dev', ['KONG_LOG_LEVEL: debug']),
      service('kong-prod', 'prod', ['KONG_LOG_LEVEL: notice']),
    );
    const prod = read(file, { composeProfiles: 'prod' });
    expect(prod.logLevel).toBe('notice');
    expect(prod.label).toContain('service kong-dev (profile dev) not read');
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

describe('--profile, as docker compose --profile', () => {
  // docker compose takes the --profile flags when any is given and then ignores COMPOSE_PROFILES
  // (compose-go cli/options.go WithDefaultProfiles; docker/compose docs/reference/compose.md).
  const file = () => compose(
    service('kong-dev', 'dev', ['KONG_DATABASE: "off"']),
    service('kong-prod', 'prod', ['KONG_ROLE: data_plane']),
  );
  const run = async (args: string[], env: Record<string, string> = {}) => {
    const { runCli } = await import('../../support/cli');
    const result = await runCli(['check', '--image-file', file(), ...args, '--to', '3.9', '--no-db', '--format', 'json', '--fail-on', 'none'], { env });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as { installation: { topology: { value: string }; inputs: { kind: string; label: string }[] } };
    return { topology: report.installation.topology.value, label: report.installation.inputs.find((i) => i.kind === 'image file')?.label ?? '' };
  };

  it('activates the profile named, and names it when another service stays off', async () => {
    const prod = await run(['--profile', 'prod']);
    expect(prod.topology).toBe('hybrid');
    expect(prod.label).toContain('service kong-dev (profile dev) not read: it starts only under a profile --profile prod does not activate');
    expect((await run(['--profile', 'dev'])).topology).toBe('dbless');
  });

  it('replaces COMPOSE_PROFILES of the environment rather than adding to it', async () => {
    const flagged = await run(['--profile', 'prod'], { COMPOSE_PROFILES: 'dev' });
    expect(flagged.topology).toBe('hybrid');
    expect(flagged.label).toContain('service kong-dev (profile dev) not read');
  });

  it('is repeatable: every profile given is active', async () => {
    const both = await run(['--profile', 'dev', '--profile', 'prod']);
    expect(both.label).toContain('environment of service kong-dev read as settings');
    expect(both.label).toContain('service kong-prod (role data_plane) also runs Kong');
    expect(both.label).not.toContain('not read: it starts only under a profile');
  });

  it('is listed in check --help', async () => {
    const { runCli } = await import('../../support/cli');
    const help = await runCli(['check', '--help']);
    expect(help.stdout).toMatch(/--profile <name>\s+a compose profile to activate/);
  });
});

describe('COMPOSE_PROFILES of the project\'s .env', () => {
  const withDotEnv = (dotEnv: string) => {
    const dir = tempDir({
      'stack.yml': ['services:', ...service('kong-dev', 'dev', ['KONG_LOG_LEVEL: debug']), ...service('kong-prod', 'prod', ['KONG_LOG_LEVEL: notice'])].join('\n') + '\n',
      '.env': dotEnv,
    });
    return join(dir, 'stack.yml');
  };

  it('activates its profiles when neither --profile nor the shell sets any, as docker compose reads it', () => {
    const file = withDotEnv('COMPOSE_PROFILES=prod\n');
    const { logLevel, label } = read(file);
    expect(logLevel).toBe('notice');
    expect(label).toContain(`service kong-dev (profile dev) not read: it starts only under a profile COMPOSE_PROFILES=prod of ${join(file, '..', '.env')} does not activate`);
  });

  it('gives way to COMPOSE_PROFILES of the shell and to --profile', () => {
    const file = withDotEnv('COMPOSE_PROFILES=prod\n');
    expect(read(file, { composeProfiles: 'dev' }).logLevel).toBe('debug');
    const flagged = loadPlatformInputs({ imageFiles: [file], composeProfiles: activeComposeProfiles(['dev'], {}) });
    expect(flagged.containerLayer?.settings.find((s) => s.key === 'log_level')?.value).toBe('debug');
  });
});
