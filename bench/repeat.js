#!/usr/bin/env node
// `npm run bench:repeat [-- FILE [RUNS]]`: runs `check` several times in one process on the same
// declarative file (default: the 50k-route 9 MB YAML from `npm run bench:gen`) and prints each
// run's wall time and heap. An editor integration, a watch mode or a test suite checks in one
// process; a later run must cost what the first did and leave nothing behind. (A cache keyed by
// the file's text once made the second run 14 s: see docs/performance.md.) Prints figures only.

'use strict';
const { existsSync, mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const file = process.argv[2] ?? join(__dirname, 'out', 'routes-50k-9mb.yml');
const runs = Number(process.argv[3] ?? 4);
if (!existsSync(file)) {
  process.stderr.write(`${file} is missing: run npm run bench:gen first\n`);
  process.exit(2);
}
const { run } = require(join(ROOT, 'dist', 'src', 'cli', 'main.js'));
const work = mkdtempSync(join(tmpdir(), 'kong-preflight-repeat-'));

(async () => {
  process.stdout.write(`check, ${runs} runs in one process: ${file}\n`);
  for (let i = 1; i <= runs; i++) {
    const io = {
      stdout: () => {},
      stderr: (text) => process.stderr.write(text),
      env: {},
      cwd: ROOT,
      stdoutIsTty: false,
    };
    const args = ['check', '--declarative', file, '--from', '2.8', '--to', '3.4', '--format', 'json', '-o', join(work, 'report.json'), '--fail-on', 'none', '--no-config', '--no-db'];
    const start = process.hrtime.bigint();
    const code = await run(args, io);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (global.gc) global.gc();
    const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
    process.stdout.write(`run ${i}: ${ms.toFixed(0)} ms, exit ${code}, heap after${global.gc ? ' gc' : ''} ${heapMb.toFixed(0)} MB\n`);
  }
  rmSync(work, { recursive: true, force: true });
})();
