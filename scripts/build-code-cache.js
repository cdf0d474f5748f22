#!/usr/bin/env node
// The last step of `npm run build`: runs a few representative checks in this process with the
// code cache recorder on, so dist/code-cache.bin holds V8's compiled code for the modules (and
// the functions) a check uses. src/startup/code-cache.ts explains the cache and its safety.
//
// Reports go nowhere. The cache only saves start-up time, so a check that fails here (no
// writable temporary folder, say) is a warning, not a failed build: the entries recorded so far
// are kept, and each is used only for the module text it was made from. The test suite is what
// catches a broken tool.

'use strict';
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
require(join(dist, 'src/startup/code-cache.js')).recordCodeCache(dist);
const { run } = require(join(dist, 'src/cli/main.js'));

const warn = (text) => process.stderr.write(`build-code-cache: warning: ${text}\n`);

/** A small 2.x-era JSON file, so the JSON reader is in the cache too (the fixtures are YAML). */
function jsonSample() {
  try {
    const scratch = mkdtempSync(join(tmpdir(), 'kong-preflight-code-cache-'));
    const file = join(scratch, 'kong.json');
    const doc = { _format_version: '1.1', services: [{ name: 's', url: 'http://a:80', routes: [{ name: 'r', paths: ['/a', '/b/\\d+'], plugins: [{ name: 'ip-restriction', config: { whitelist: ['10.0.0.0/8'] } }] }] }] };
    writeFileSync(file, JSON.stringify(doc, null, 2));
    return { scratch, file };
  } catch (error) {
    warn(`no JSON sample (${error.message}); the JSON reader is left out of the cache`);
    return undefined;
  }
}

const io = { stdout() {}, stderr() {}, env: {}, cwd: root, stdoutIsTty: false };
const common = ['--no-config', '--fail-on', 'none'];
const sample = jsonSample();
const runs = [
  ['check', 'fixtures/conf/clean-3.4.conf', '--from', '3.3', '--to', '3.4', '--no-db', '--format', 'json', ...common],
  ['check', 'fixtures/installations/ee-2.8-outdated/kong.conf', '--from', '2.8.2.4', '--to', '3.4', '--no-db', '--format', 'text',
    '--declarative', 'fixtures/declarative/plugins-3-0.yml', '--nginx-template', 'fixtures/nginx/2.8-inlined.conf', '--plugin-dir', 'fixtures/plugins/legacy-2x', ...common],
  ...(sample ? [['check', '--declarative', sample.file, '--from', '2.8', '--to', '3.4', '--no-db', '--format', 'sarif', ...common]] : []),
];

(async () => {
  try {
    for (const argv of runs) {
      const code = await run(argv, io);
      if (code !== 0) throw new Error(`kong-preflight ${argv.join(' ')} exited ${code}`);
    }
    // A check loads a rule's module only when the rule runs (src/engine/builtin-rules.ts): the
    // rules these runs did not evaluate (database, platform...) are compiled here for the cache.
    require(join(dist, 'rules', 'index.js'));
  } finally {
    if (sample) rmSync(sample.scratch, { recursive: true, force: true });
  }
})().catch((error) => warn(`${error.message}; the code cache covers only the modules loaded so far`));
