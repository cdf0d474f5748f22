#!/usr/bin/env node
// `npm run bench`: end-to-end figures for `check` on the generated installations (run
// `npm run bench:gen` first). For each file: wall time and peak memory of a `check` process,
// next to the floor, a process that only reads and parses the same file with the fastest loader.
// Also start-up on a small kong.conf. Each figure is the median of ROUNDS runs (BENCH_ROUNDS,
// default 5); check and floor run in alternating pairs and the ratio is the median pair's. Prints figures only; nothing here passes or fails.

'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, mkdtempSync, readFileSync, rmSync, statSync } = require('node:fs');
const { tmpdir, cpus, loadavg, totalmem } = require('node:os');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const OUT = join(__dirname, 'out');
const BIN = join(ROOT, 'bin', 'kong-preflight.js');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const work = mkdtempSync(join(tmpdir(), 'kong-preflight-bench-'));

/** Runs `node ARGS` once: wall ms, peak RSS MB and stdout. */
function runOnce(args) {
  const rssFile = join(work, 'rss');
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [join(__dirname, 'measure.js'), ...args], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, BENCH_RSS_FILE: rssFile }, maxBuffer: 1 << 30,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0 && child.status !== 1) throw new Error(`node ${args.join(' ')} exited ${child.status}: ${child.stderr.split('\n')[0]}`);
  return { ms, rssMb: Number(readFileSync(rssFile, 'utf8')) / 1024, stdout: child.stdout };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs `node ARGS` `ROUNDS` times; the median run (by wall time). */
function measure(args) {
  const runs = Array.from({ length: ROUNDS }, () => runOnce(args));
  runs.sort((a, b) => a.ms - b.ms);
  return runs[Math.floor(runs.length / 2)];
}

/**
 * Runs `check` and its floor alternately, ROUNDS pairs: other jobs on a shared machine slow
 * both runs of a pair alike, so the median of per-pair ratios is steadier than a ratio of
 * medians taken minutes apart.
 */
function measurePair(checkArgs, floorArgs) {
  const checks = [];
  const floors = [];
  const ratios = [];
  for (let i = 0; i < ROUNDS; i++) {
    const check = runOnce(checkArgs);
    const floor = runOnce(floorArgs);
    checks.push(check);
    floors.push(floor);
    ratios.push(check.ms / floor.ms);
  }
  const byTime = (runs) => [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
  return { check: byTime(checks), floor: byTime(floors), ratio: median(ratios) };
}

function row(cells, widths) {
  return cells.map((c, i) => String(c).padStart(widths[i])).join('  ');
}

function declarativeRows() {
  const widths = [22, 8, 10, 9, 11, 10, 7, 9];
  console.log(row(['file', 'size MB', 'check ms', 'peak MB', 'floor proc', 'floor load', 'ratio', 'findings'], widths));
  for (const label of ['1k', '10k', '50k', '50k-3x', '50k-9mb', '50k-9mb-3x']) {
    for (const ext of ['yml', 'json']) {
      const file = join('bench', 'out', `routes-${label}.${ext}`);
      if (!existsSync(join(ROOT, file))) {
        console.log(`${file}: missing (run npm run bench:gen)`);
        continue;
      }
      const report = join(work, 'report.json');
      const { check, floor, ratio } = measurePair(
        [BIN, 'check', '--declarative', file, '--from', '2.8', '--to', '3.4', '--format', 'json', '-o', report, '--fail-on', 'none', '--no-config', '--no-db'],
        [join(__dirname, 'floor.js'), file],
      );
      const findings = JSON.parse(readFileSync(report, 'utf8')).findings.length;
      const mb = (statSync(join(ROOT, file)).size / 1048576).toFixed(1);
      console.log(row([`routes-${label}.${ext}`, mb, check.ms.toFixed(0), check.rssMb.toFixed(0), floor.ms.toFixed(0),
        floor.stdout.trim(), ratio.toFixed(2), findings], widths));
    }
  }
  console.log('check ms / peak MB: the whole `check` process (JSON report to a file); floor proc: a process that');
  console.log('reads and parses the same file (js-yaml load / JSON.parse); floor load: that read+parse alone; ratio: median of check/floor over');
  console.log(`${ROUNDS} pairs run back to back (check, then its floor), so load from other jobs weighs on both alike.`);
}

function startupRows() {
  const conf = join('fixtures', 'conf', 'clean-3.4.conf');
  const check = measure([BIN, 'check', conf, '--from', '3.4', '--to', '3.4', '--no-config', '--no-db', '--fail-on', 'none']);
  const bare = measure(['-e', '0']);
  console.log(`start-up: check on ${conf}: ${check.ms.toFixed(0)} ms, peak ${check.rssMb.toFixed(0)} MB (bare node: ${bare.ms.toFixed(0)} ms)`);
}

console.log(`machine: ${cpus().length} x ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; median of ${ROUNDS}`);
try {
  startupRows();
  declarativeRows();
} finally {
  rmSync(work, { recursive: true, force: true });
}
