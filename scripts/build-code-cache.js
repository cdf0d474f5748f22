#!/usr/bin/env node
// The last step of `npm run build`: runs a few representative checks in this process with the
// code cache recorder on, so dist/code-cache.bin holds V8's compiled code for the modules (and
// the functions) a check uses. src/startup/code-cache.ts explains the cache and its safety.
// Reports go nowhere; a failing check fails the build, since the tool itself would be broken.

'use strict';
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
require(join(dist, 'src/startup/code-cache.js')).recordCodeCache(dist);
const { run } = require(join(dist, 'src/cli/main.js'));

const scratch = mkdtempSync(join(tmpdir(), 'kong-preflight-code-cache-'));
const json = join(scratch, 'kong.json');
writeFileSync(json, JSON.stringify({ _format_version: '1.1', services: [{ name: 's', url: 'http://a:80', routes: [{ name: 'r', paths: ['/a', '/b/\\d+'], plugins: [{ name: 'ip-restriction', config: { whitelist: ['10.0.0.0/8'] } }] }] }] }, null, 2));

const io = { stdout() {}, stderr() {}, env: {}, cwd: root, stdoutIsTty: false };
const common = ['--no-config', '--fail-on', 'none'];
const runs = [
  ['check', 'fixtures/conf/clean-3.4.conf', '--from', '3.3', '--to', '3.4', '--no-db', '--format', 'json', ...common],
  ['check', 'fixtures/installations/ee-2.8-outdated/kong.conf', '--from', '2.8.2.4', '--to', '3.4', '--no-db', '--format', 'text',
    '--declarative', 'fixtures/declarative/plugins-3-0.yml', '--nginx-template', 'fixtures/nginx/2.8-inlined.conf', '--plugin-dir', 'fixtures/plugins/legacy-2x', ...common],
  ['check', '--declarative', json, '--from', '2.8', '--to', '3.4', '--no-db', '--format', 'sarif', ...common],
];

(async () => {
  try {
    for (const argv of runs) {
      const code = await run(argv, io);
      if (code !== 0) throw new Error(`kong-preflight ${argv.join(' ')} exited ${code}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
})().catch((error) => {
  process.stderr.write(`build-code-cache: ${error.message}\n`);
  process.exitCode = 1;
});
