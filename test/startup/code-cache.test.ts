// The build-time code cache: modules load from it only when their text is the one it was made
// from, a damaged cache changes nothing, and the real launcher uses the cache `npm run build` made.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, fixture } from '../support/cli';
import { tempDir } from '../support/temp';

const CACHE_MODULE = join(REPO_ROOT, 'dist/src/startup/code-cache.js');

/** A tiny "dist" tree: main.js requires greet.js; each prints what it computes. */
function makeTree(greeting: string): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'dist', 'greet.js'), `'use strict';\nexports.greet = (name) => '${greeting}, ' + name;\n`);
  writeFileSync(join(dir, 'dist', 'main.js'), `'use strict';\nconst { greet } = require('./greet');\nprocess.stdout.write(greet('kong') + ' ' + typeof require.resolve + '\\n');\n`);
  return dir;
}

function runTree(dir: string, mode: 'record' | 'use'): { stdout: string; stderr: string; status: number | null } {
  const call = mode === 'record' ? 'recordCodeCache' : 'installCodeCache';
  const script = `require(${JSON.stringify(CACHE_MODULE)}).${call}(${JSON.stringify(join(dir, 'dist'))}); require(${JSON.stringify(join(dir, 'dist', 'main.js'))});`;
  const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', KONG_PREFLIGHT_CODE_CACHE: 'report' } });
  return { stdout: out.stdout, stderr: out.stderr, status: out.status };
}

beforeAll(() => {
  if (!existsSync(CACHE_MODULE)) throw new Error('dist is missing: npm test builds it first (npm run build)');
});

describe('code cache', () => {
  it('serves every module of the tree it was recorded from', () => {
    const dir = makeTree('hello');
    expect(runTree(dir, 'record')).toMatchObject({ stdout: 'hello, kong function\n', status: 0 });
    expect(existsSync(join(dir, 'dist', 'code-cache.bin'))).toBe(true);
    const used = runTree(dir, 'use');
    expect(used).toMatchObject({ stdout: 'hello, kong function\n', status: 0 });
    expect(used.stderr).toBe('code cache: 2 used, 0 refused by V8, 0 compiled, 1 paths recorded\n');
  });

  it('never runs cached code for a module whose text changed, even at the same length', () => {
    const dir = makeTree('hello');
    runTree(dir, 'record');
    // V8 itself only compares the length: "howdy" replaces "hello" byte for byte.
    const greet = join(dir, 'dist', 'greet.js');
    const changed = readFileSync(greet, 'utf8').replace('hello', 'howdy');
    expect(changed.length).toBe(readFileSync(greet, 'utf8').length);
    writeFileSync(greet, changed);
    const used = runTree(dir, 'use');
    expect(used.stdout).toBe('howdy, kong function\n');
    expect(used.stderr).toBe('code cache: 1 used, 0 refused by V8, 1 compiled, 1 paths recorded\n');
  });

  it('answers only the requests it recorded, and leaves new ones to Node', () => {
    const dir = makeTree('hello');
    writeFileSync(join(dir, 'package.json'), '{"name": "tree"}\n');
    runTree(dir, 'record');
    // After recording, main.js also asks for a module the build never saw.
    writeFileSync(join(dir, 'dist', 'extra.js'), `'use strict';\nexports.mark = '!';\n`);
    const main = join(dir, 'dist', 'main.js');
    writeFileSync(main, readFileSync(main, 'utf8').replace("greet('kong')", "greet('kong') + require('./extra').mark"));
    const used = runTree(dir, 'use');
    expect(used).toMatchObject({ stdout: 'hello, kong! function\n', status: 0 });
    expect(used.stderr).toBe('code cache: 1 used, 0 refused by V8, 2 compiled, 1 paths recorded\n');
  });

  it('records no path that leads out of the dist folder', () => {
    const dir = makeTree('hello');
    writeFileSync(join(dir, 'outside.js'), `'use strict';\nexports.mark = '?';\n`);
    const main = join(dir, 'dist', 'main.js');
    writeFileSync(main, readFileSync(main, 'utf8').replace("greet('kong')", "greet('kong') + require('../outside').mark"));
    runTree(dir, 'record');
    const used = runTree(dir, 'use');
    expect(used).toMatchObject({ stdout: 'hello, kong? function\n', status: 0 });
    expect(used.stderr).toBe('code cache: 2 used, 0 refused by V8, 0 compiled, 1 paths recorded\n');
  });

  it('is ignored when damaged, and the modules load as usual', () => {
    const dir = makeTree('hello');
    runTree(dir, 'record');
    const file = join(dir, 'dist', 'code-cache.bin');
    writeFileSync(file, readFileSync(file).subarray(0, 40));
    const used = runTree(dir, 'use');
    expect(used).toMatchObject({ stdout: 'hello, kong function\n', stderr: '', status: 0 });
  });

  it('is used by the launcher for the modules of a check', () => {
    const out = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/kong-preflight.js'), 'check', fixture('conf/clean-3.4.conf'), '--from', '3.3', '--to', '3.4', '--no-db', '--no-config', '--format', 'json'], {
      encoding: 'utf8', env: { PATH: process.env.PATH ?? '', KONG_PREFLIGHT_CODE_CACHE: 'report' },
    });
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout).summary.rulesEvaluated).toBeGreaterThan(0);
    const [, used, refused, compiled, resolved] = /code cache: (\d+) used, (\d+) refused by V8, (\d+) compiled, (\d+) paths recorded/.exec(out.stderr) ?? [];
    expect(Number(used)).toBeGreaterThan(100);
    // Every module of the check but the entry points was found through a recorded path.
    expect(Number(resolved)).toBeGreaterThan(Number(used) - 5);
    expect({ refused: Number(refused), compiled: Number(compiled) }).toEqual({ refused: 0, compiled: 0 });
  });
});
