// docker compose run without -f reads the first default-named compose file and the first
// override file beside it (compose-go cli/options.go DefaultFileNames, DefaultOverrideFileNames,
// WithDefaultConfigPath). The override is never read here unasked: when it was not given, the
// check says so, at the compose file given, and the operator decides.

import { join } from 'node:path';
import { loadPlatformInputs } from '../../../src/inputs/platform';
import { tempDir } from '../../support/temp';

const kong = 'services:\n  kong:\n    image: kong:3.9.1\n    environment:\n      KONG_LOG_LEVEL: notice\n';
const override = 'services:\n  kong:\n    environment:\n      KONG_LOG_LEVEL: debug\n';

function read(files: string[], env?: Record<string, string>, cwd?: string) {
  const platform = loadPlatformInputs({ imageFiles: files, ...(env ? { composeFileEnv: { env, cwd: cwd ?? process.cwd() } } : {}) });
  return {
    labels: platform.listed.filter((l) => l.kind === 'image file').map((l) => l.label),
    notes: platform.containerLayer?.diagnostics.filter((d) => d.kind === 'unread-override-file') ?? [],
    logLevel: platform.containerLayer?.settings.find((s) => s.key === 'log_level')?.value,
  };
}

describe('compose override files beside the file given', () => {
  it('names the override file docker compose would read, without reading it', () => {
    const dir = tempDir({ 'docker-compose.yml': kong, 'docker-compose.override.yml': override, 'compose.override.yaml': override });
    const file = join(dir, 'docker-compose.yml');
    const { labels, notes, logLevel } = read([file]);
    // Not read: the base file's value stands.
    expect(logLevel).toBe('notice');
    // compose.override.yaml comes before docker-compose.override.yml in compose's order, whatever the base name.
    expect(notes).toEqual([expect.objectContaining({
      origin: expect.objectContaining({ file, line: 1 }),
      message: expect.stringContaining(`${join(dir, 'compose.override.yaml')} lies beside ${file}: docker compose run in that folder without -f reads it`),
    })]);
    expect(labels[0]).toContain(`${join(dir, 'compose.override.yaml')} beside it not given`);
  });

  it('says nothing when the override is given too, when there is none, or when the file has another name', () => {
    const dir = tempDir({ 'compose.yaml': kong, 'compose.override.yml': override, 'stack.yml': kong });
    const both = read([join(dir, 'compose.yaml'), join(dir, 'compose.override.yml')]);
    expect(both.notes).toEqual([]);
    expect(both.logLevel).toBe('debug');
    expect(read([join(dir, 'stack.yml')]).notes).toEqual([]);
    const alone = tempDir({ 'compose.yaml': kong });
    expect(read([join(alone, 'compose.yaml')]).notes).toEqual([]);
    expect(read([join(alone, 'compose.yaml')]).labels[0]).not.toContain('override');
  });
});

// With COMPOSE_FILE set, docker compose reads that list and looks for no override file
// (compose-go cli/options.go WithConfigFileEnv, then WithDefaultConfigPath only when no file is
// chosen); the variable comes from the shell, else from the .env of the folder it runs in.
describe('COMPOSE_FILE', () => {
  it('of the check\'s environment, listing the file given and its override, reads the override as part of the project', () => {
    const dir = tempDir({ 'compose.yaml': kong, 'compose.override.yaml': override });
    const { labels, notes, logLevel } = read([join(dir, 'compose.yaml')], { COMPOSE_FILE: 'compose.yaml:compose.override.yaml' }, dir);
    expect(logLevel).toBe('debug');
    expect(notes).toEqual([]);
    expect(labels).toEqual([
      expect.not.stringContaining('not given'),
      expect.stringContaining(`${join(dir, 'compose.override.yaml')} (not given, read because COMPOSE_FILE of the check's environment lists it`),
    ]);
  });

  it('keeps COMPOSE_FILE\'s order and honours COMPOSE_PATH_SEPARATOR', () => {
    const dir = tempDir({ 'compose.yaml': kong, 'base.yml': 'services:\n  kong:\n    image: kong:3.9.1\n    environment:\n      KONG_LOG_LEVEL: crit\n' });
    // base.yml comes first in the list: the file given merges over it.
    const { logLevel, labels } = read([join(dir, 'compose.yaml')], { COMPOSE_FILE: `${join(dir, 'base.yml')};compose.yaml`, COMPOSE_PATH_SEPARATOR: ';' }, dir);
    expect(logLevel).toBe('notice');
    expect(labels[0]).toContain(join(dir, 'base.yml'));
  });

  it('listing only the file given: docker compose reads no override beside it, so none is named', () => {
    const dir = tempDir({ 'compose.yaml': kong, 'compose.override.yaml': override });
    const { notes, logLevel, labels } = read([join(dir, 'compose.yaml')], { COMPOSE_FILE: join(dir, 'compose.yaml') }, dir);
    expect(logLevel).toBe('notice');
    expect(notes).toEqual([]);
    expect(labels).toEqual([expect.not.stringContaining('override')]);
  });

  it('listing other files only: the override note stands, and nothing else is read', () => {
    const dir = tempDir({ 'compose.yaml': kong, 'compose.override.yaml': override, 'other.yml': kong });
    const { notes, labels } = read([join(dir, 'compose.yaml')], { COMPOSE_FILE: join(dir, 'other.yml') }, dir);
    expect(notes).toHaveLength(1);
    expect(labels).toHaveLength(1);
  });

  it('in the .env beside the file: names its members not given, and no default override file', () => {
    const dir = tempDir({ 'compose.yaml': kong, 'compose.override.yaml': override, 'compose.prod.yaml': override, '.env': 'COMPOSE_FILE=compose.yaml:compose.prod.yaml\n' });
    const file = join(dir, 'compose.yaml');
    const { notes, labels, logLevel } = read([file]);
    // Never read unasked: the .env says how docker compose runs there, not what the check was given.
    expect(logLevel).toBe('notice');
    expect(notes).toEqual([expect.objectContaining({
      message: expect.stringContaining(`${join(dir, 'compose.prod.yaml')} is listed with ${file} in COMPOSE_FILE of ${join(dir, '.env')}`),
    })]);
    expect(notes[0].message).not.toContain('compose.override.yaml');
    expect(labels[0]).toContain(`${join(dir, 'compose.prod.yaml')} not given: COMPOSE_FILE of ${join(dir, '.env')} lists it`);
  });

  it('in the .env, not listing the override: nothing is missing', () => {
    const dir = tempDir({ 'compose.yaml': kong, 'compose.override.yaml': override, '.env': 'COMPOSE_FILE=compose.yaml\n' });
    expect(read([join(dir, 'compose.yaml')]).notes).toEqual([]);
  });

  it('through the CLI: COMPOSE_FILE relative to the folder the check runs in; an absent member is named', async () => {
    const { runCli } = await import('../../support/cli');
    const dir = tempDir({ 'compose.yaml': kong, 'compose.override.yaml': override });
    const result = await runCli(['check', '--image-file', join(dir, 'compose.yaml'), '--to', '3.9', '--no-db', '--format', 'json', '--fail-on', 'none'],
      { env: { COMPOSE_FILE: 'compose.yaml:compose.override.yaml:compose.gone.yaml' }, cwd: dir });
    const inputs = (JSON.parse(result.stdout) as { installation: { inputs: { kind: string; label: string }[] } }).installation.inputs.filter((i) => i.kind === 'image file');
    expect(inputs.map((i) => i.label)).toEqual([
      expect.stringContaining(`COMPOSE_FILE lists ${join(dir, 'compose.gone.yaml')}, which does not exist`),
      expect.stringContaining(`${join(dir, 'compose.override.yaml')} (not given, read because COMPOSE_FILE`),
    ]);
  });
});
