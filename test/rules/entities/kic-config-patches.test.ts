// KongPlugin resources whose `configPatches` set fields from Secrets: the entity rules check what
// is written and take each patched field as set with a value they cannot see. Before, such a
// resource was not checked at all; checking what is written without the patches would report a
// default change for a field the Secret sets, or a rename conflict against a value nobody wrote.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kubernetesManifest from '../../../rules/declarative/kubernetes-manifest';
import defaultChanged from '../../../rules/entities/default-changed';
import fieldValueRejected from '../../../rules/entities/field-value-rejected';
import pluginFieldRenamed from '../../../rules/entities/plugin-field-renamed';
import behaviourChanged from '../../../rules/entities/behaviour-changed';
import type { Rule } from '../../../src/engine/define-rule';
import { loadDeclarative } from '../../../src/inputs/declarative';
import { runEntityRules, summarize } from '../../support/declarative-harness';

const RULES: readonly Rule[] = [defaultChanged, fieldValueRejected, pluginFieldRenamed];

function kongPlugin(plugin: string, config: string, patches: string[]): string {
  const patchText = patches.map((path) => `- path: ${path}\n  valueFrom:\n    secretKeyRef: {name: s, key: k}\n`).join('');
  return `apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata: {name: p}\nplugin: ${plugin}\nconfig:\n${config}${patches.length > 0 ? `configPatches:\n${patchText}` : ''}`;
}

async function check(text: string, from: string, to: string, options: { edition?: 'enterprise'; rules?: readonly Rule[] } = {}): Promise<{ summary: string[]; messages: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'kp-kic-patch-'));
  writeFileSync(join(dir, 'plugin.yaml'), text);
  const { config } = loadDeclarative({ paths: ['plugin.yaml'], cwd: dir });
  const plan = { from, to, ...(options.edition ? { edition: options.edition } : {}) };
  const { findings } = await runEntityRules(plan, { declarative: config, entities: [config!.entities] }, options.rules ?? RULES);
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

  it('reports a deprecated field whether written or patched, and claims no conflict with a Secret value', async () => {
    const text = kongPlugin('rate-limiting', '  minute: 5\n  policy: redis\n  redis_host: r\n  redis_password: written\n', ['/redis_timeout', '/redis/password']);
    const { summary, messages } = await check(text, '3.4.0', '3.6.0');
    // redis_host as written (8); redis_password beside a replacement from a Secret (9): renamed,
    // not "equal" nor "conflicting"; redis_timeout from its patch. One finding names all three.
    expect(summary).toEqual(['entities/plugin-field-renamed renamedFields info @8']);
    expect(messages[0]).toContain('3 fields are deprecated from 3.6.0: `config.redis_host` (use `config.redis.host`), `config.redis_password` (use `config.redis.password`), `config.redis_timeout` (use `config.redis.timeout`).');
    // The patched field alone is reported where its patch names it.
    const patchedOnly = await check(kongPlugin('rate-limiting', '  minute: 5\n  policy: redis\n', ['/redis_timeout']), '3.4.0', '3.6.0');
    expect(patchedOnly.summary).toEqual(['entities/plugin-field-renamed renamed info @9']);
    expect(patchedOnly.messages[0]).toMatch(/`config\.redis_timeout` is deprecated from 3\.6\.0; use `config\.redis\.timeout`/);
    // The same pair, both written with different values, is reported as such (the alias wins until
    // Kong refuses the difference): the patch is what spares it.
    const written = kongPlugin('rate-limiting', '  minute: 5\n  policy: redis\n  redis_password: written\n  redis:\n    password: other\n', []);
    expect((await check(written, '3.4.0', '3.6.0')).summary).toContain('entities/plugin-field-renamed aliasApplied warning @8');
  });

  // A patch of `/redis` puts the Secret's JSON in place of the whole object (the key's text is the
  // patch's value: internal/dataplane/kongstate/plugin.go@v3.4.0), so a field inside it may or
  // may not be set. No rule claims it present or absent; the manifest's info names what was not checked.
  describe('a whole object from a Secret', () => {
    const EE = { edition: 'enterprise' as const, rules: [...RULES, behaviourChanged, kubernetesManifest] };
    const rla = (config: string, patches: string[]) => kongPlugin('rate-limiting-advanced', `  limit: [5]\n  window_size: [60]\n  strategy: redis\n${config}`, patches);

    it('claims no deprecated field inside it, and says the check was not made (redis.timeout, 3.8)', async () => {
      const whole = await check(rla('', ['/redis']), '3.4.3.1', '3.8.0.0', EE);
      expect(whole.summary.filter((f) => f.startsWith('entities/'))).toEqual([]);
      const info = whole.messages.filter((m) => m.includes('`config.redis` is set from Secrets'));
      expect(info).toHaveLength(1);
      expect(info[0]).toContain('A Secret supplies `config.redis` whole, which may or may not hold the fields these checks test, so they were not made: entities/plugin-field-renamed on ');
      expect(info[0]).toContain('`config.redis.timeout`');
      // The same field written is reported.
      const written = await check(rla('  redis:\n    host: r\n    timeout: 5000\n', []), '3.4.3.1', '3.8.0.0', EE);
      expect(written.summary).toContain('entities/plugin-field-renamed renamed info @11');
    });

    it('keeps a patch of the exact field as a present field with a value not known', async () => {
      const exact = await check(rla('  redis:\n    host: r\n', ['/redis/timeout']), '3.4.3.1', '3.8.0.0', EE);
      // Reported where the patch names it; the info names the field but no check left out.
      expect(exact.summary).toContain('entities/plugin-field-renamed renamed info @12');
      const info = exact.messages.find((m) => m.includes('`config.redis.timeout` is set from Secrets'));
      expect(info).toMatch(/its value not checked\.$/);
    });

    it('cannot tell an `exists: false` condition inside it (ai-semantic-prompt-guard, 3.13)', async () => {
      const guard = (config: string, patches: string[]) => kongPlugin('ai-semantic-prompt-guard', config, patches);
      // rules.max_request_body_size kept the old limit: with it unset, the new 1 MiB default applies.
      const unset = await check(guard('  rules: {}\n', []), '3.12.0.0', '3.13.0.0', EE);
      expect(unset.summary).toContain('entities/default-changed defaultChanged info @6');
      const kept = await check(guard('  rules: {max_request_body_size: 8192}\n', []), '3.12.0.0', '3.13.0.0', EE);
      expect(kept.summary.filter((f) => f.startsWith('entities/default-changed'))).toEqual([]);
      // From a Secret, the rules object may hold it or not: no finding, and the info says why.
      const whole = await check(guard('  rules: {}\n', ['/rules']), '3.12.0.0', '3.13.0.0', EE);
      expect(whole.summary.filter((f) => f.startsWith('entities/default-changed'))).toEqual([]);
      // The field is also a deprecated one from 3.13, so neither "set" nor "unset" is claimed of it.
      expect(whole.summary.filter((f) => f.startsWith('entities/'))).toEqual([]);
      expect(whole.messages.join('\n')).toContain('A Secret supplies `config.rules` whole, which may or may not hold the fields these checks test, so they were not made: entities/plugin-field-renamed on `config.rules.max_request_body_size`; entities/default-changed on `config.rules.max_request_body_size`.');
    });

    it('cannot tell an `exists: true` condition inside it (vectordb.redis.ssl_verify default, 3.14)', async () => {
      const cache = (config: string, patches: string[]) => kongPlugin('ai-semantic-cache', config, patches);
      const written = await check(cache('  vectordb:\n    strategy: redis\n    redis: {host: r, ssl: true}\n', []), '3.13.0.0', '3.14.0.0', EE);
      expect(written.summary.filter((f) => f.startsWith('entities/default-changed'))).toHaveLength(1);
      const whole = await check(cache('', ['/vectordb']), '3.13.0.0', '3.14.0.0', EE);
      expect(whole.summary.filter((f) => f.startsWith('entities/'))).toEqual([]);
      const info = whole.messages.find((m) => m.includes('A Secret supplies `config.vectordb` whole'));
      expect(info).toMatch(/entities\/default-changed on [^;]*`config\.vectordb\.redis`/);
    });
  });
});
