// The same input gives byte-identical JSON and SARIF: CI diffs reports and code scanning matches
// alerts across runs. Runs differ in what must not matter: the clock (separate processes, real
// time), the process's locale, and the moment within the day.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioDatabase } from '../support/database-input';
import { fixture, REPO_ROOT, runCli } from '../support/cli';
import { tempDir } from '../support/temp';

/** Every kind of input at once, so every loader and reporter takes part. */
function checkArgs(pgUrl: string, out: string): string[] {
  return [
    'check', fixture('db/demo-kong.conf'), '--pg', pgUrl, '--to', '3.4',
    '--declarative', fixture('declarative/plugins-3-0.yml'), '--declarative', fixture('declarative/regex-nested-2x.yml'),
    '--nginx-template', fixture('nginx/2.8-inlined.conf'), '--plugin-dir', fixture('plugins/legacy-2x'),
    '--backup', fixture('backups/kong-db-export.yaml'), '--no-config', '--fail-on', 'none',
    '-f', 'json', '-o', join(out, 'report.json'), '-O', `sarif=${join(out, 'report.sarif')}`,
  ];
}

function reports(dir: string): { json: string; sarif: string } {
  return { json: readFileSync(join(dir, 'report.json'), 'utf8'), sarif: readFileSync(join(dir, 'report.sarif'), 'utf8') };
}

describe('deterministic reports', () => {
  it('in-process runs at different moments of a day give the same bytes', async () => {
    const db = await scenarioDatabase('demo-2.8');
    const runs = [];
    for (const now of ['2026-11-21T00:00:01Z', '2026-11-21T12:34:56Z', '2026-11-21T23:59:58Z']) {
      const out = tempDir({}, 'kp-det-');
      const result = await runCli(checkArgs(db.url, out), { now: new Date(now) });
      expect(result.stderr).toBe('');
      runs.push(reports(out));
    }
    expect(JSON.parse(runs[0].json).findings.length).toBeGreaterThan(10);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });

  // Separate processes use the real clock, their own module state (caches, counters) and here
  // different locales: Lithuanian and Danish collation once reordered findings (src/text/compare.ts).
  const built = existsSync(join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js'));
  (built ? it : it.skip)('processes of the built CLI under different locales give the same bytes', async () => {
    const db = await scenarioDatabase('demo-2.8');
    const runs = ['en_US.UTF-8', 'lt_LT.UTF-8', 'da_DK.UTF-8'].map((locale) => {
      const out = tempDir({}, 'kp-det-proc-');
      const env = { PATH: process.env.PATH ?? '', LANG: locale, LC_ALL: locale };
      const child = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'kong-preflight.js'), ...checkArgs(db.url, out)], { cwd: REPO_ROOT, encoding: 'utf8', env });
      expect(child.stderr).toBe('');
      expect(child.status).toBe(0);
      return reports(out);
    });
    for (const run of runs.slice(1)) {
      expect(run.json).toBe(runs[0].json);
      expect(run.sarif).toBe(runs[0].sarif);
    }
  });
});
