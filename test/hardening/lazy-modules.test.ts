// Start-up stays small: a check that needs no database, no YAML and no configuration file must not
// load pg, yaml, js-yaml or ajv (together ~100 ms of a ~200 ms run). Asserted on the modules a
// real process loaded, never on time. Runs against the built CLI (npm test builds first).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, REPO_ROOT } from '../support/cli';
import { tempDir } from '../support/temp';

const HEAVY = ['pg', 'yaml', 'js-yaml', 'ajv'];
const built = existsSync(join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js'));

/** Every file a `kong-preflight ARGS` process had loaded at exit, read from require.cache. */
function filesLoaded(args: string[], cwd = REPO_ROOT): string[] {
  const probe = `process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));
  process.argv = [process.argv[0], ${JSON.stringify(join(REPO_ROOT, 'bin', 'kong-preflight.js'))}, ...${JSON.stringify(args)}];
  require(process.argv[1]);`;
  const child = spawnSync(process.execPath, ['-e', probe], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  const line = child.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  if (!line) throw new Error(`no probe output: ${child.stderr}`);
  return JSON.parse(line.slice('LOADED '.length));
}

/** The heavy packages a `kong-preflight ARGS` process loaded. */
function heavyModulesLoaded(args: string[], cwd = REPO_ROOT): string[] {
  const names = new Set(filesLoaded(args, cwd).map((f) => /node_modules[\\/]((?:@[^/\\]+[\\/])?[^/\\]+)[\\/]/.exec(f)?.[1]));
  return HEAVY.filter((name) => names.has(name));
}

/** The rule modules (`area/name`) a `kong-preflight ARGS` process loaded. */
function ruleModulesLoaded(args: string[], cwd = REPO_ROOT): string[] {
  return filesLoaded(args, cwd).map((f) => /[\\/]dist[\\/]rules[\\/](\w+)[\\/]([\w-]+)\.js$/.exec(f)).flatMap((m) => (m ? [`${m[1]}/${m[2]}`] : [])).sort();
}

(built ? describe : describe.skip)('rule modules load only when their rule is evaluated', () => {
  const noConfig = tempDir({}, 'kp-lazy-rules-');

  it('a kong.conf alone loads kong.conf rules, not the entity or database ones', () => {
    const loaded = ruleModulesLoaded(['check', fixture('conf/clean-3.4.conf'), '--from', '3.3', '--to', '3.4', '--no-db', '--fail-on', 'none'], noConfig);
    expect(loaded).toContain('conf/file-syntax');
    // nginx/injected-directives reads kong.conf's `nginx_*` keys: it runs here; the template rules do not.
    expect(loaded.filter((id) => /^(entities|db|declarative)\/|^nginx\/template/.test(id))).toEqual([]);
  });

  it('a declarative file loads the entity rules', () => {
    const loaded = ruleModulesLoaded(['check', '--declarative', fixture('declarative/clean-3x.yml'), '--from', '2.8', '--to', '3.4', '--no-db', '--fail-on', 'none'], noConfig);
    expect(loaded).toContain('entities/route-regex-path-without-tilde');
    expect(loaded.filter((id) => /^(db|nginx)\//.test(id))).toEqual([]);
  });
});

(built ? describe : describe.skip)('heavy modules load only when a run needs them', () => {
  const noConfig = tempDir({}, 'kp-lazy-');

  it('a small kong.conf without database work loads none of them', () => {
    expect(heavyModulesLoaded(['check', fixture('conf/clean-3.4.conf'), '--from', '3.4', '--to', '3.4', '--no-db', '--fail-on', 'none'], noConfig)).toEqual([]);
  });

  it('a JSON declarative file needs no YAML parser', () => {
    const file = join(tempDir({ 'kong.json': '{"_format_version": "3.0", "services": []}' }), 'kong.json');
    expect(heavyModulesLoaded(['check', '--declarative', file, '--from', '3.4', '--to', '3.4', '--no-db', '--fail-on', 'none'], noConfig)).toEqual([]);
  });

  it('each is loaded when its input appears', () => {
    expect(heavyModulesLoaded(['check', '--declarative', fixture('declarative/clean-3x.yml'), '--from', '3.4', '--to', '3.4', '--no-db', '--fail-on', 'none'], noConfig)).toEqual(['js-yaml']);
    const withConfig = tempDir({ '.kong-preflight.yml': 'to: "3.4"\n' }, 'kp-lazy-config-');
    expect(heavyModulesLoaded(['check', fixture('conf/clean-3.4.conf'), '--from', '3.4', '--no-db', '--fail-on', 'none'], withConfig).sort()).toEqual(['ajv', 'yaml']);
  });
});
