// docker compose run without -f reads the first default-named compose file and the first
// override file beside it (compose-go cli/options.go DefaultFileNames, DefaultOverrideFileNames,
// WithDefaultConfigPath). The override is never read here unasked: when it was not given, the
// check says so, at the compose file given, and the operator decides.

import { join } from 'node:path';
import { loadPlatformInputs } from '../../../src/inputs/platform';
import { tempDir } from '../../support/temp';

const kong = 'services:\n  kong:\n    image: kong:3.9.1\n    environment:\n      KONG_LOG_LEVEL: notice\n';
const override = 'services:\n  kong:\n    environment:\n      KONG_LOG_LEVEL: debug\n';

function read(files: string[]) {
  const platform = loadPlatformInputs({ imageFiles: files });
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
