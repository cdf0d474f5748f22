// Property-based tests (fast-check) for a kong.conf kept in a ConfigMap key
// (src/inputs/images/held-kong-conf.ts): whatever the block's header, indentation, line endings
// and kong.conf lines, the manifest is read or refused with a one-line error, every setting and
// diagnostic is placed inside the manifest, and where the block is located line for line each
// setting's key is written at the place it cites. Replay a failure with `{ seed, path }`.

import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { heldKongConf } from '../../src/inputs/images/held-kong-conf';
import type { ObjectMount } from '../../src/inputs/images/kubernetes-mounts';
import { readImageFiles } from '../../src/inputs/images/load';
import { loadKongConf } from '../../src/inputs/kong-conf';
import type { ConfSetting } from '../../src/inputs/kong-conf/types';
import { LineIndex } from '../../src/text/line-index';
import { tempDir } from '../support/temp';
import { loadsOrRefuses } from './support';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);
const settings = { numRuns: RUNS, interruptAfterTimeLimit: process.env.PROPERTY_RUNS ? 3_600_000 : 15_000, markInterruptAsFailure: false };

const HEADERS = ['|', '|-', '|+', '|2', '|4', '|-2', '|2-', '| # kong.conf', '>', '>-', '&c |', '!!str |'];
const tricky = fc.constantFrom('\t', '\r', '\uFEFF', '\u00e9', '\ud83d\ude00', '\u2028', '\u00a0', '#', '\\#', ';', '=', ':', '"', "'", '\\', '|', '>', ' ', '[x]');
const value = fc.oneof(fc.constantFrom('on', 'off', 'cassandra', '0.0.0.0:8000 ssl', '5432', '"quoted"', '', '{vault://env/pw}'), fc.array(tricky, { maxLength: 3 }).map((t) => t.join('')));
/** One line of a kong.conf: settings (indented, odd spacing), comments, blanks, sections, continuations. */
const confLine = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom('', ' ', '\t'), fc.constantFrom('log_level', 'database', 'pg_host', 'pg_password', 'admin_listen', 'nginx_http_x', 'Log_Level'), fc.constantFrom(' = ', '=', ' =', '\t=\t'), value)
    .map(([lead, key, eq, v]) => `${lead}${key}${eq}${v}`) },
  { weight: 2, arbitrary: fc.constantFrom('# a comment', '; old style', '', '   ', '[section]', 'no equals here', 'a = b \\', '= empty key', '#') },
);
const block = fc.record({
  header: fc.constantFrom(...HEADERS),
  indent: fc.constantFrom(1, 2, 4),
  lines: fc.array(confLine, { minLength: 1, maxLength: 8 }),
  crlf: fc.boolean(),
});

const MOUNT: ObjectMount = { kind: 'ConfigMap', name: 'node-conf', target: '/etc/kong', origin: { kind: 'file', file: 'deploy.yaml', line: 1, column: 1 } };

function manifest({ header, indent, lines, crlf }: { header: string; indent: number; lines: string[]; crlf: boolean }): string {
  const text = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: node-conf', 'data:', `  kong.conf: ${header}`,
    ...lines.map((line) => (line === '' ? '' : `${' '.repeat(indent + 2)}${line}`)), ''].join('\n');
  return crlf ? text.replace(/\n/g, '\r\n') : text;
}

function everySetting(settings: readonly ConfSetting[]): ConfSetting[] {
  return settings.flatMap((setting) => [setting, ...everySetting(setting.overrides)]);
}

describe('a kong.conf kept in a ConfigMap key', () => {
  it('is read or refused; every place is in the manifest, and a literal block\'s keys sit where they are cited', () => {
    const dir = tempDir({}, 'kp-props-held-');
    const file = join(dir, 'deploy.yaml');
    fc.assert(fc.property(block, (generated) => {
      const text = manifest(generated);
      writeFileSync(file, text);
      loadsOrRefuses(() => {
        const objects = readImageFiles([file]).containerEnv.volumeObjects ?? [];
        const held = heldKongConf({ mount: MOUNT, key: 'kong.conf' }, undefined, objects);
        if (held?.kind !== 'held') return;
        const conf = loadKongConf(held.conf, {});
        const lines = new LineIndex(text);
        const origins = [...everySetting(conf.rawSettings()).map((s) => s.origin), ...conf.diagnostics.map((d) => d.origin), conf.anchor()!];
        for (const origin of origins) {
          if (origin.kind !== 'file') continue;
          expect(origin.file).toBe(file);
          expect(origin.line).toBeGreaterThanOrEqual(1);
          expect(origin.line).toBeLessThanOrEqual(lines.count);
          expect(origin.column).toBeGreaterThanOrEqual(1);
        }
        if (held.approximate) return;
        for (const setting of everySetting(conf.rawSettings())) {
          if (setting.origin.kind !== 'file') continue;
          const at = text.slice(lines.startOf(setting.origin.line - 1) + setting.origin.column - 1);
          expect(at.startsWith(setting.rawKey ?? setting.key)).toBe(true);
        }
      });
    }), settings);
  });
});
