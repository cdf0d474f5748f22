// Runs a Node script in this process and, when the process exits, writes its peak resident
// memory (process.resourceUsage().maxRSS, in KiB) to the file named by BENCH_RSS_FILE. The
// benchmark runs `check` through this wrapper so it can read the child's peak memory without
// relying on /usr/bin/time being installed.
//
// Usage: BENCH_RSS_FILE=/tmp/rss node bench/measure.js SCRIPT [ARGS...]

'use strict';
const { writeFileSync } = require('node:fs');
const { resolve } = require('node:path');

const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], resolve(script), ...args];
process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
require(resolve(script));
