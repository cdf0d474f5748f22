import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rule from '../../../rules/declarative/compose-file';
import formatVersion from '../../../rules/declarative/format-version';
import { loadDeclarative } from '../../../src/inputs/declarative';
import { loadPlatformInputs } from '../../../src/inputs/platform';
import { runEntityRules, summarize } from '../../support/declarative-harness';

/** The shape of pontuspalmenas/kong-demos ai-gw-mcp/compose.yaml (sweep 6, item 10f). */
const COMPOSE = 'version: "3.8"\nservices:\n  kong:\n    image: kong/kong-gateway:3.10.0.0\n    environment:\n      KONG_DATABASE: "off"\n  redis:\n    image: redis:7\n';
const KONG_FILE = '_format_version: "3.0"\nservices:\n- name: s\n  url: http://s.internal\n';
/** `services` as a mapping but of nothing compose knows: left to be read (and refused) as Kong's. */
const ODD_MAP = '_format_version: "3.0"\nservices:\n  s: {url: http://s.internal}\n';

async function run(files: Record<string, string>): Promise<{ findings: string[]; read: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'kp-compose-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const { config } = loadDeclarative({ paths: ['.'], cwd: dir });
  const { findings } = await runEntityRules({ from: '3.4.0', to: '3.9.0' }, { declarative: config, entities: [config!.entities] }, [rule, formatVersion]);
  return { findings: summarize(findings), read: config!.documents.map((d) => d.file) };
}

describe('declarative/compose-file', () => {
  it('valid: a folder of Kong files only', async () => {
    expect(await run({ 'kong.yaml': KONG_FILE })).toEqual({ findings: [], read: ['kong.yaml'] });
  });

  it('sets a compose file beside kong.yaml aside (info), and reads only the Kong file', async () => {
    expect(await run({ 'compose.yaml': COMPOSE, 'kong.yaml': KONG_FILE })).toEqual({
      findings: ['declarative/compose-file notChecked info @1'],
      read: ['kong.yaml'],
    });
  });

  it('warns, instead of a "no _format_version" blocker, when only a compose file was given', async () => {
    expect((await run({ 'compose.yml': COMPOSE })).findings).toEqual(['declarative/compose-file notChecked warning @1']);
  });

  it('a compose file also given with --image-file is said to be read there, as an info, not sent back to --image-file', async () => {
    // The shape of Platformatory/kong-ingress: docker-compose.yml beside the KongPlugin manifests of one folder.
    const dir = mkdtempSync(join(tmpdir(), 'kp-compose-'));
    writeFileSync(join(dir, 'docker-compose.yml'), COMPOSE);
    writeFileSync(join(dir, 'other.yml'), COMPOSE);
    const { config } = loadDeclarative({ paths: [dir], cwd: dir });
    const images = loadPlatformInputs({ imageFiles: [join(dir, 'docker-compose.yml')] }).images;
    const { findings } = await runEntityRules({ from: '3.4.0', to: '3.9.0' }, { declarative: config, entities: [config!.entities], images }, [rule]);
    expect(findings.map((f) => [f.messageId, f.severity, f.location.kind === 'file' ? f.location.file : ''])).toEqual([
      ['readAsImageFile', 'info', join(dir, 'docker-compose.yml')],
      ['notChecked', 'warning', join(dir, 'other.yml')],
    ]);
    expect(findings[0].message).toContain('It is also given with --image-file, which read the Kong image it names.');
  });

  it('a Kong file whose services are a mapping is still read as Kong\'s', async () => {
    expect((await run({ 'kong.yaml': ODD_MAP })).read).toEqual(['kong.yaml']);
  });
});
