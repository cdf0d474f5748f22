// KongPlugin resources whose `configPatches` set fields from Secrets: the entity rules check what
// is written and take each patched field as set with a value they cannot see. Before, such a
// resource was not checked at all; checking what is written without the patches would report a
// default change for a field the Secret sets, or a rename conflict against a value nobody wrote.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import defaultChanged from '../../../rules/entities/default-changed';
import fieldValueRejected from '../../../rules/entities/field-value-rejected';
import pluginFieldRenamed from '../../../rules/entities/plugin-field-renamed';
import { loadDeclarative } from '../../../src/inputs/declarative';
import { runEntityRules, summarize } from '../../support/declarative-harness';

const RULES = [defaultChanged, fieldValueRejected, pluginFieldRenamed];

function kongPlugin(plugin: string, config: string, patches: string[]): string {
  const patchText = patches.map((path) => `- path: ${path}\n  valueFrom:\n    secretKeyRef: {name: s, key: k}\n`).join('');
  return `apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata: {name: p}\nplugin: ${plugin}\nconfig:\n${config}${patches.length > 0 ? `configPatches:\n${patchText}` : ''}`;
}

async function check(text: string, from: string, to: string): Promise<{ summary: string[]; messages: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'kp-kic-patch-'));
  writeFileSync(join(dir, 'plugin.yaml'), text);
  const { config } = loadDeclarative({ paths: ['plugin.yaml'], cwd: dir });
  const { findings } = await runEntityRules({ from, to }, { declarative: config, entities: [config!.entities] }, RULES);
  return { summary: summarize(findings), messages: findings.map((f) => f.message) };
}

describe('KIC plugins with configPatches', () => {
  it('a field set from a Secret is not "left at its default" (rate-limiting policy, 3.0)', async () => {
    const patched = await check(kongPlugin('rate-limiting', '  minute: 5\n', ['/policy']), '2.8.0', '3.0.0');
    expect(patched.summary.filter((f) => f.startsWith('entities/default-changed'))).toEqual([]);
    const unpatched = await check(kongPlugin('rate-limiting', '  minute: 5\n', []), '2.8.0', '3.0.0');
    expect(unpatched.summary).toContain('entities/default-changed defaultChanged warning @6');
  });

  it('a field set from a Secret satisfies a "must be set" check (aws-lambda region, 3.0)', async () => {
    const patched = await check(kongPlugin('aws-lambda', '  function_name: f\n', ['/aws_region']), '2.8.0', '3.0.0');
    expect(patched.summary.filter((f) => f.startsWith('entities/field-value-rejected'))).toEqual([]);
    const unpatched = await check(kongPlugin('aws-lambda', '  function_name: f\n', []), '2.8.0', '3.0.0');
    expect(unpatched.summary.filter((f) => f.startsWith('entities/field-value-rejected'))).toEqual(['entities/field-value-rejected missing warning @6']);
  });

  it('reports a deprecated field whether written or patched, each where it is written, and claims no conflict with a Secret value', async () => {
    const text = kongPlugin('rate-limiting', '  minute: 5\n  policy: redis\n  redis_host: r\n  redis_password: written\n', ['/redis_timeout', '/redis/password']);
    const { summary, messages } = await check(text, '3.4.0', '3.6.0');
    // redis_host as written (8); redis_password beside a replacement from a Secret (9): renamed,
    // not "equal" nor "conflicting"; redis_timeout at its patch's path (11).
    expect([...summary].sort()).toEqual([
      'entities/plugin-field-renamed renamed info @11',
      'entities/plugin-field-renamed renamed info @8',
      'entities/plugin-field-renamed renamed info @9',
    ]);
    expect(messages.find((m) => m.includes('redis_timeout'))).toMatch(/`config\.redis_timeout` is deprecated from 3\.6\.0; use `config\.redis\.timeout`/);
    // The same pair, both written with different values, is reported as such (the alias wins until
    // Kong refuses the difference): the patch is what spares it.
    const written = kongPlugin('rate-limiting', '  minute: 5\n  policy: redis\n  redis_password: written\n  redis:\n    password: other\n', []);
    expect((await check(written, '3.4.0', '3.6.0')).summary).toContain('entities/plugin-field-renamed aliasApplied warning @8');
  });
});
