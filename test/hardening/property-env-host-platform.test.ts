// Property-based tests (fast-check) for the readers the other property suites left out: the
// `KONG_*` environment (names Kong reads, env over file, the images' `KONG_*_FILE` convention),
// `--host` (os-release, meminfo, the systemd units and kong.conf it looks for, built as file trees
// in a temporary folder), `--os`, the platform loader that joins them, where the configuration
// really lives (config-source) and inline suppression comments in kong.conf, YAML and nginx
// syntax. Each returns or raises a one-line InputError; through the CLI any of them gives findings
// or one line on stderr. Beyond that, what the modules promise: a variable Kong reads maps to the
// property whose variable name it is, env beats file, a suppression comment hides exactly its
// rules' findings on the next line. fast-check's `interruptAfterTimeLimit` ends a long hunt
// without failing, so a hang shows as a jest timeout. Replay a failure with `{ seed, path }`.

import fc from 'fast-check';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectKongEnv, envNameFor, kongEnvVars, kongPropertyOf } from '../../src/inputs/env';
import { parseOsFlag, readHostResources, readOsRelease } from '../../src/inputs/host';
import { loadPlatformInputs } from '../../src/inputs/platform';
import { configSourceOf, ingressControllerRuns } from '../../src/inputs/config-source';
import { DIRECTIVE, scanFiles, scanSuppressionComments, type SuppressionComment } from '../../src/inputs/suppression-comments';
import { applyInlineSuppressions } from '../../src/triage/inline';
import { loadKongConf } from '../../src/inputs/kong-conf';
import { trimLuaSpace } from '../../src/inputs/kong-conf/comments';
import { fileEnvTarget } from '../../src/knowledge/conf/env-file-convention';
import type { ControllerImageRef } from '../../src/inputs/images/controller-image';
import type { Finding } from '../../src/model/finding';
import type { Role } from '../../src/plan/types';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp';
import { expectFindingsOrOneLineError, loadsOrRefuses, mutated } from './support';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);
const CLI_RUNS = Number(process.env.PROPERTY_CLI_RUNS ?? 6);
/** fast-check stops generating (without failing) past this; a reader that hangs on one input still fails by jest's timeout. */
/**
 * A default run stops generating at 15 s, half of jest's 30 s timeout: on a loaded machine a
 * slow property then ends early instead of failing as a timeout. A hunt with PROPERTY_RUNS set
 * runs to its count (give jest a longer --testTimeout for it).
 */
const settings = (numRuns: number) => ({ numRuns, interruptAfterTimeLimit: process.env.PROPERTY_RUNS ? 3_600_000 : 15_000, markInterruptAsFailure: false });

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

const tricky = fc.constantFrom('\r', '\t', '\uFEFF', '\u00e9', '\ud83d\ude00', '\ud800', '\u2028', '\u2029', '\u0085', '\u00a0', '\\', '"', "'", '`', '#', ' #', '=', ':', ',', ';',
  '$', '${', '}', '{', '[', ']', ' -- ', '--', '\u0000', ' ', '\n', '\r\n', '\\\n', 'export ', '\u212A', '\u0130', '\u00df', '\u017F');
const noisy = fc.array(fc.oneof(fc.string({ maxLength: 8 }), tricky), { maxLength: 6 }).map((parts) => parts.join(''));
const prototypeWord = fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__');
const longRun = fc.tuple(fc.constantFrom('a', ' ', '#', '"', '=', '9', 'kB '), fc.integer({ min: 1_000, max: 20_000 })).map(([c, n]) => c.repeat(n));
const damaged = (text: fc.Arbitrary<string>, inserts: fc.Arbitrary<string>) =>
  mutated(text, fc.oneof({ arbitrary: tricky, weight: 4 }, { arbitrary: fc.string({ maxLength: 3 }), weight: 2 }, { arbitrary: inserts, weight: 4 }, { arbitrary: longRun, weight: 1 }));
const lines = (parts: fc.Arbitrary<string[]>) => fc.tuple(parts, fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean())
  .map(([list, eol, bom, last]) => `${bom ? '\uFEFF' : ''}${list.join(eol)}${last ? eol : ''}`);

/** kong.conf properties (no path-like ones, so a run never scans this machine), and one the images fill from a `_FILE` variable. */
const KEYS = ['database', 'pg_host', 'pg_password', 'pg_user', 'log_level', 'proxy_listen', 'role', 'konnect_mode', 'cluster_control_plane', 'mem_cache_size'] as const;
/** Names around `KONG_*`: what Kong reads, lower- and mixed-case ones it never asks for, prototype words, non-ASCII case pairs. */
const envName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...KEYS).map(envNameFor) },
  { weight: 2, arbitrary: fc.constantFrom('KONG_PG_PASSWORD_FILE', 'KONG_PG_USER_FILE', 'KONG_CLUSTER_CERT_FILE', 'KONG_FOO_FILE', 'KONG__FILE', 'KONG_FILE') },
  { weight: 2, arbitrary: fc.constantFrom('KONG_', 'KONG', 'kong_pg_host', 'KONG_pg_host', 'KONG_Pg_HOST', 'KONG_PG-HOST', 'KONG_PG.HOST', 'KONG_ PG_HOST', 'KONG_PG_HOST ', 'XKONG_PG_HOST',
    'KONG_\u212AONNECT_MODE', 'KONG_\u0130', 'KONG_\u00df', 'KONG_\u017F', 'KONG_\u00c9', 'KONG_\u00e9', 'KONG_1', 'KONG_NGINX_HTTP_GZIP', 'HOME', 'PATH') },
  { weight: 2, arbitrary: prototypeWord.map((w) => `KONG_${w.toUpperCase()}`) },
  { weight: 1, arbitrary: prototypeWord },
  { weight: 2, arbitrary: noisy.map((n) => `KONG_${n}`) },
);
const envValue = fc.oneof(noisy, fc.constantFrom('', ' ', 'on', ' on ', 'off', 'postgres', '"postgres"', 'NONE', 'x # not a comment', '\t5432\n', '{vault://env/x}',
  'abc.us.cp0.konghq.com:443', 'kong-cp:8005'), longRun);
const envDict = fc.array(fc.tuple(envName, fc.option(envValue, { nil: undefined, freq: 6 })), { maxLength: 8 })
  .map((pairs) => {
    // Own data properties even for `__proto__`, as process.env holds them.
    const env: Record<string, string | undefined> = {};
    for (const [name, value] of pairs) Object.defineProperty(env, name, { value, enumerable: true, writable: true, configurable: true });
    return env;
  });

/** os-release lines: fields Kong hosts write, quoted either way or not at all, comments, odd keys and damage. */
const osId = fc.oneof(fc.constantFrom('ubuntu', 'debian', 'rhel', 'centos', 'amzn', 'rocky', 'almalinux', 'ol', 'alpine', 'Ubuntu', 'UBUNTU', 'arch', ''), prototypeWord, noisy);
const osVersion = fc.oneof(fc.constantFrom('20.04', '22.04', '8', '8.9', '9', '2', '2023', '2018.03', '2017.09', '3.18.4', '', '.', '1e3', '00'), noisy);
const quoted = (v: string, q: string) => `${q}${v}${q}`;
const quote = fc.constantFrom('', '"', "'", '"', '`');
const osField = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom('ID', 'VERSION_ID', 'ID_LIKE', 'NAME', 'PRETTY_NAME', 'VERSION', 'VERSION_CODENAME'), fc.oneof(osId, osVersion, fc.constantFrom('rhel centos fedora', 'debian', '"Rocky Linux 8.9"')), quote)
    .map(([k, v, q]) => `${k}=${quoted(v, q)}`) },
  { weight: 1, arbitrary: fc.constantFrom('# comment', '', '  ID=ubuntu  ', 'export ID=debian', 'ID =ubuntu', 'id=ubuntu', 'ID', '=', 'VERSION_ID=', '__PROTO__=x', 'CONSTRUCTOR=1') },
  { weight: 1, arbitrary: noisy },
);
const osReleaseText = damaged(lines(fc.array(osField, { maxLength: 10 })), fc.constantFrom('ID=', 'VERSION_ID=', '"', '\n'));
const meminfoText = damaged(lines(fc.array(fc.oneof(
  fc.tuple(fc.constantFrom('MemTotal', 'MemFree', 'memtotal', 'MemTotal '), fc.constantFrom(':', ': ', ':\t', ''), fc.oneof(fc.nat().map(String), fc.constantFrom('2030000', '0', '-1', '1e9', '0x10', '999999999999999999999999', '9'.repeat(400), '')), fc.constantFrom(' kB', 'kB', ' KB', ' MB', ''))
    .map(([k, c, n, u]) => `${k}${c}${' '.repeat(n.length % 9)}${n}${u}`),
  noisy,
), { maxLength: 6 })), fc.constantFrom('MemTotal:', ' kB', '\n'));

/** Rule ids a suppression may name: real ones (KNOWN_RULES: ids of this project's rules), unknown ones, prototype words, odd characters (no whitespace or comma: those separate ids). */
const KNOWN_RULES = ['conf/cassandra-removed', 'conf/value-invalid', 'conf/renamed-property', 'conf/unknown-property', 'conf/legacy-tls-peers', 'declarative/format-version', 'nginx/template-directives'];
const ruleId = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...KNOWN_RULES) },
  { weight: 2, arbitrary: fc.constantFrom('conf/nope', 'meta/unused-suppression', 'CONF/CASSANDRA-REMOVED', '-', '---', '#', 'conf/cassandra-removed#x', '\u00e9', '\ud83d\ude00', '\ud800') },
  { weight: 1, arbitrary: prototypeWord },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 6 }).filter((s) => !/[\s,]/.test(s) && s !== '--') },
);
const reason = fc.oneof(fc.constantFrom('moving off Cassandra in OPS-77', 'x', 'a -- b', '\u00e9\ud83d\ude00', 'reason \u2028 with a separator', 'tab\there', 'trailing #'),
  fc.string({ maxLength: 20 })).filter((r) => !/[\n\r]/.test(r));
/** One comment as each syntax writes it: a whole-line comment (indented or not) or a trailing one. */
const commentPrefix = fc.constantFrom('', '  ', '\t', 'database = postgres  ', 'key: value ', '- x ', '    server_name kong;  ', 'listen 8000; ', '#', '##');
/** `ids` as the scanner should find them: each once. */
interface WrittenComment { ids: string[]; reason?: string; text: string }
const writtenComment: fc.Arbitrary<WrittenComment> = fc.tuple(commentPrefix, fc.constantFrom('#', '# ', '#\t', '#  '), fc.array(ruleId, { maxLength: 3 }), fc.constantFrom(' ', ', ', ',', ' ,\t'),
  fc.option(reason, { nil: undefined }), fc.constantFrom('', ' ', '\t'))
  .map(([prefix, hash, ids, sep, why, end]) => ({
    ids: [...new Set(ids)],
    ...(why !== undefined && why.trim() !== '' ? { reason: why.trim() } : {}),
    text: `${prefix}${hash}${DIRECTIVE}${ids.length ? ` ${ids.join(sep)}` : ''}${why !== undefined ? ` -- ${why}` : ''}${end}`,
  }));
/** A file in kong.conf, YAML or nginx syntax: ordinary lines with comments between them. */
const ordinaryLine = fc.oneof(fc.constantFrom('database = cassandra', 'pg_ssl_version = tlsv1', 'routes:', '  - paths: ["/v1"]', 'server {', '    listen 8000;', '}', '', '# note', '#', `# ${DIRECTIVE}`.slice(0, 20)), noisy.filter((s) => !/[\n\r]/.test(s) && !s.includes(DIRECTIVE)));
const fileLines = fc.array(fc.oneof({ weight: 3, arbitrary: ordinaryLine.map((text) => ({ text })) }, { weight: 2, arbitrary: writtenComment }), { maxLength: 15 });

// ---------------------------------------------------------------------------------------------
// KONG_* environment
// ---------------------------------------------------------------------------------------------

describe('KONG_* environment on arbitrary variables', () => {
  it('a variable is kept exactly when it is the name Kong asks for its property ("KONG_" .. upper(key))', () => {
    fc.assert(fc.property(envDict, (env) => {
      const vars = kongEnvVars(env);
      for (const variable of vars) {
        expect(envNameFor(variable.key)).toBe(variable.name);
        expect(variable.value).toBe(env[variable.name]);
      }
      // Sorted by name, each name once, and nothing unset.
      expect(vars.map((v) => v.name)).toEqual([...new Set(vars.map((v) => v.name))].sort());
      for (const [name, value] of Object.entries(env)) {
        const kept = vars.some((v) => v.name === name);
        expect(kept).toBe(value !== undefined && kongPropertyOf(name) !== undefined);
      }
      // collectKongEnv hands on the same variables, as own keys only.
      const collected = collectKongEnv(env);
      expect(Object.keys(collected).sort()).toEqual(vars.map((v) => v.name));
      for (const v of vars) expect(Object.getOwnPropertyDescriptor(collected, v.name)?.value).toBe(v.value);
    }), settings(RUNS));
  });

  it('any ASCII property name round-trips through its variable name', () => {
    fc.assert(fc.property(fc.stringMatching(/^[a-z0-9_]{1,30}$/), envValue, (key, value) => {
      expect(kongPropertyOf(envNameFor(key))).toBe(key);
      expect(kongEnvVars({ [envNameFor(key)]: value, [`KONG_${key}`]: 'lower-case: never read' }))
        .toEqual(/[a-z]/.test(key) ? [{ name: envNameFor(key), key, value }] : [{ name: envNameFor(key), key, value: 'lower-case: never read' }]);
    }), settings(RUNS));
  });

  it('the environment beats kong.conf; a non-empty KONG_*_FILE fills its property unless the property is set too', () => {
    const dir = tempDir({}, 'kp-props-env-');
    const file = join(dir, 'kong.conf');
    const fileValue = fc.constantFrom('postgres', 'db1', 'on', 'off', '5432', 'debug', 'x y', '0.0.0.0:8000');
    const fileSetting = fc.tuple(fc.constantFrom(...KEYS), fileValue);
    fc.assert(fc.property(fc.array(fileSetting, { maxLength: 8 }), envDict, (written, env) => {
      writeFileSync(file, written.map(([k, v]) => `${k} = ${v}`).join('\n'));
      const conf = loadKongConf(file, env);
      for (const key of KEYS) {
        const fromFile = [...written].reverse().find(([k]) => k === key)?.[1];
        const direct = env[envNameFor(key)];
        const viaFile = env[`${envNameFor(key)}_FILE`];
        const setting = conf.raw(key);
        if (viaFile !== undefined && viaFile !== '' && fileEnvTarget(`${key}_file`) === key) {
          if (direct !== undefined && direct !== '') {
            expect(setting?.value).toBe(trimLuaSpace(direct));
            expect(conf.diagnostics.some((d) => d.kind === 'file-env-conflict' && d.key === key)).toBe(true);
          } else {
            expect(setting).toMatchObject({ value: '', unreadableFrom: expect.stringContaining(`${envNameFor(key)}_FILE`) });
          }
        } else if (direct !== undefined) {
          expect(setting).toMatchObject({ value: trimLuaSpace(direct), rawValue: direct, origin: { kind: 'env', env: envNameFor(key) } });
          if (fromFile !== undefined) expect(setting!.overrides.at(-1)).toMatchObject({ value: fromFile, origin: { kind: 'file' } });
        } else if (fromFile !== undefined) {
          expect(setting).toMatchObject({ value: fromFile, origin: { kind: 'file', file } });
        } else {
          expect(setting).toBeUndefined();
        }
      }
    }), settings(RUNS));
  });
});

// ---------------------------------------------------------------------------------------------
// --host and --os
// ---------------------------------------------------------------------------------------------

/** What a path on the host may be: a file of the given text, an empty file, a folder, nothing, a dangling link, a link loop, /dev/null. */
type PathShape = 'file' | 'empty' | 'folder' | 'missing' | 'dangling' | 'loop' | 'devnull';
const pathShape = fc.constantFrom<PathShape>('file', 'file', 'file', 'empty', 'folder', 'missing', 'dangling', 'loop', 'devnull');

function build(path: string, shape: PathShape, text: string): void {
  rmSync(path, { recursive: true, force: true });
  mkdirSync(join(path, '..'), { recursive: true });
  if (shape === 'file') writeFileSync(path, text);
  else if (shape === 'empty') writeFileSync(path, '');
  else if (shape === 'folder') mkdirSync(path);
  else if (shape === 'dangling') symlinkSync(join(path, '..', 'nowhere'), path);
  else if (shape === 'loop') symlinkSync(path, path);
  else if (shape === 'devnull') symlinkSync('/dev/null', path);
}

interface HostTree { osRelease: [PathShape, string]; meminfo: [PathShape, string]; units: [number, string, PathShape][]; confs: PathShape[] }
const hostTree: fc.Arbitrary<HostTree> = fc.record({
  // Mostly well-formed files, so runs get past them to what the loader does with them.
  osRelease: fc.tuple(pathShape, fc.oneof({ weight: 3, arbitrary: fc.tuple(fc.constantFrom('ubuntu', 'rhel', 'rocky', 'amzn', 'constructor'), fc.constantFrom('22.04', '8', '2018.03', ''), fc.constantFrom('', 'PRETTY_NAME="Rocky Linux 8.9"', 'ID_LIKE="rhel centos fedora"'))
    .map(([id, version, extra]) => `ID=${id}\nVERSION_ID="${version}"\n${extra}\n`) }, { weight: 1, arbitrary: osReleaseText })),
  meminfo: fc.tuple(pathShape, fc.oneof({ weight: 3, arbitrary: fc.constantFrom('MemTotal:        2030000 kB\nMemFree: 1 kB\n', 'MemTotal: 0 kB\n', 'MemFree: 1 kB\r\nMemTotal:\t16384000 kB\r\n') }, { weight: 1, arbitrary: meminfoText })),
  units: fc.array(fc.tuple(fc.nat({ max: 1 }), fc.constantFrom('kong.service', 'kong-enterprise-edition.service'), pathShape), { maxLength: 3 }),
  confs: fc.array(pathShape, { maxLength: 2 }),
});

/** Lays a host's files out under `root`; returns the paths `--host` reads there. */
function layOut(root: string, tree: HostTree) {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const hostPaths = { osRelease: join(root, 'etc', 'os-release'), meminfo: join(root, 'proc', 'meminfo'), cpus: 2, arch: 'x64',
    systemdDirs: [join(root, 'etc', 'systemd', 'system'), join(root, 'usr', 'lib', 'systemd', 'system')], kongConfPaths: tree.confs.map((_, i) => join(root, 'etc', 'kong', `kong${i}.conf`)) };
  build(hostPaths.osRelease, ...tree.osRelease);
  build(hostPaths.meminfo, ...tree.meminfo);
  for (const [dir, name, shape] of tree.units) build(join(hostPaths.systemdDirs[dir], name), shape, '[Service]\nEnvironment=KONG_DATABASE=off\n');
  tree.confs.forEach((shape, i) => build(hostPaths.kongConfPaths[i], shape, 'database = off\n'));
  return hostPaths;
}

describe('--host and --os on arbitrary hosts', () => {
  it('os-release text: read with the VERSION_ID line as origin, or refused on one line', () => {
    const dir = tempDir({}, 'kp-props-os-release-');
    fc.assert(fc.property(osReleaseText, (text) => {
      const file = join(dir, 'os-release');
      writeFileSync(file, text);
      const result = loadsOrRefuses(() => readOsRelease(file));
      if (result !== 'loaded') return;
      const os = readOsRelease(file);
      const line = text.split(/\r?\n/)[os.origin.kind === 'file' ? os.origin.line - 1 : -1];
      expect(line.trim()).toMatch(/^VERSION_ID=/);
      expect(typeof os.os).toBe('string');
      expect(os.label).not.toMatch(/[\r\n]/);
    }), settings(RUNS));
  });

  it('os-release written from known fields reads back as the support tables name it', () => {
    const dir = tempDir({}, 'kp-props-os-release-rt-');
    const NAMES: Record<string, string> = { ubuntu: 'Ubuntu', debian: 'Debian', rhel: 'RHEL', centos: 'CentOS', amzn: 'Amazon Linux', alpine: 'Alpine' };
    fc.assert(fc.property(fc.constantFrom(...Object.keys(NAMES)), fc.stringMatching(/^[1-9]\d{0,3}(\.\d{1,2}){0,2}$/), quote, quote, fc.array(fc.constantFrom('# c', '', 'NAME="X"', 'HOME_URL="https://x/"'), { maxLength: 3 }), fc.constantFrom('\n', '\r\n'),
      (id, version, q1, q2, noise, eol) => {
        const text = [...noise, `ID=${quoted(id, q1 === '`' ? '' : q1)}`, `VERSION_ID=${quoted(version, q2 === '`' ? '' : q2)}`].join(eol);
        const file = join(dir, 'os-release');
        writeFileSync(file, text);
        const os = readOsRelease(file);
        expect(os.os).toBe(NAMES[id]);
        const expected = id === 'ubuntu' ? version : id === 'amzn' && /^201\d\./.test(version) ? '1' : version.split('.')[0];
        expect(os.version).toBe(expected);
        expect(os.origin).toMatchObject({ line: noise.length + 2 });
        // --os says the same by name.
        expect(parseOsFlag(`${id === 'amzn' ? 'amazonlinux' : id}-${version}`)).toMatchObject({ os: NAMES[id], version: expected });
      }), settings(RUNS));
  });

  it('meminfo text: a MemTotal in kB read as bytes on its line, or refused on one line', () => {
    const dir = tempDir({}, 'kp-props-meminfo-');
    fc.assert(fc.property(meminfoText, (text) => {
      const file = join(dir, 'meminfo');
      writeFileSync(file, text);
      if (loadsOrRefuses(() => readHostResources({ meminfo: file, cpus: 1, arch: 'x64' })) !== 'loaded') return;
      const host = readHostResources({ meminfo: file, cpus: 1, arch: 'x64' });
      const line = text.split(/\r?\n/)[host.origin.line - 1];
      expect(line).toMatch(/^MemTotal:\s+\d+\s*kB/);
      expect(host.memTotalBytes).toBe(Number(/\d+/.exec(line)![0]) * 1024);
    }), settings(RUNS));
  });

  it('--os of any text: a distribution of the support tables, or one line', () => {
    fc.assert(fc.property(fc.oneof(noisy, fc.tuple(osId, fc.constantFrom('-', '', '_', ' '), osVersion).map(([a, s, b]) => `${a}${s}${b}`)), (text) => {
      loadsOrRefuses(() => parseOsFlag(text));
    }), settings(RUNS));
  });

  it('the platform loader on any host tree (files, folders, links, loops): inputs listed on one line each, or refused', () => {
    const root = join(tempDir({}, 'kp-props-host-tree-'), 'host');
    let loaded = 0;
    fc.assert(fc.property(hostTree, fc.option(fc.oneof(noisy, fc.constantFrom('ubuntu-22.04', 'rhel-8', ' debian-12 ', 'amzn-2018.03', '\tubuntu-22.04\n', '\nrhel-8')), { nil: undefined }), (tree, os) => {
      const hostPaths = layOut(root, tree);
      const result = loadsOrRefuses(() => {
        const platform = loadPlatformInputs({ host: true, ...(os !== undefined ? { os } : {}), hostPaths });
        loaded++;
        expect(platform.os).toBeDefined();
        expect(platform.host).toBeDefined();
        for (const entry of platform.listed) expect(entry.label).not.toMatch(/[\r\n\u2028\u2029]/);
        const hostLabel = platform.listed.find((entry) => entry.kind === 'host')!.label;
        // A unit is named only when a non-empty unit file is there: empty files and /dev/null links mask it.
        const last = new Map(tree.units.map(([d, name, shape]) => [`${d}/${name}`, shape]));
        expect(hostLabel.includes('systemd unit')).toBe([...last.values()].includes('file'));
        expect(hostLabel.includes('the kong.conf Kong reads')).toBe(tree.confs.includes('file') || tree.confs.includes('empty'));
      });
      // Refused only for the files --host reads itself (--os is read before them).
      if (result !== 'loaded') expect(result.oneLine()).toMatch(/os-release|meminfo|--os /);
    }), {
      ...settings(Math.ceil(RUNS / 2)),
      // About one random tree in ten gets past the files (6-10 of 75 runs): a well-formed host,
      // a unit and a kong.conf are always among the runs, so the checks after loading always run.
      examples: [[{ osRelease: ['file', 'ID=ubuntu\nVERSION_ID="22.04"\n'], meminfo: ['file', 'MemTotal: 2030000 kB\n'], units: [[0, 'kong.service', 'file']], confs: ['file'] }, undefined]],
    });
    expect(loaded).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Where the configuration lives
// ---------------------------------------------------------------------------------------------

describe('config source on arbitrary evidence', () => {
  const role = fc.constantFrom<Role>('traditional', 'control_plane', 'data_plane', 'dbless');
  /** A cluster_control_plane value and whether it names Konnect (undefined: no claim). */
  const host: fc.Arbitrary<[string, boolean | undefined]> = fc.oneof(
    fc.constantFrom<[string, boolean]>(['1a2b.us.cp0.konghq.com:443', true], ['https://1a2b.eu.cp0.konghq.com', true], ['x.konghq.tech:443/', true], [' x.cp.konghq.com ', true], ['x.KONGHQ.COM', true],
      ['konghq.com', false], ['konghq.com.evil.net:443', false], ['evilkonghq.com', false], ['kong-cp:8005', false], ['kong-cp.kong.svc.cluster.local:8005', false]),
    noisy.map((n): [string, undefined] => [n, undefined]));
  const controller = fc.record({ reference: fc.oneof(fc.constantFrom('kong/kubernetes-ingress-controller:3.1'), noisy), via: fc.constantFrom('manifest', 'compose', 'helm-values') as fc.Arbitrary<ControllerImageRef['via']>,
    line: fc.nat({ max: 99 }) }).map(({ reference, via, line }): ControllerImageRef => ({ reference, via, origin: { kind: 'file', file: 'x.yaml', line, column: 1 } }));

  it('a data plane takes a Konnect source or none; other roles an ingress controller or none', () => {
    fc.assert(fc.property(role, envDict, fc.option(envValue, { nil: undefined }), fc.option(host, { nil: undefined }), fc.array(controller, { maxLength: 3 }), fc.option(noisy, { nil: undefined }), fc.boolean(),
      (r, env, mode, cp, controllers, helmOn, deck) => {
        const all = { ...env, ...(mode !== undefined ? { KONG_KONNECT_MODE: mode } : {}), ...(cp !== undefined ? { KONG_CLUSTER_CONTROL_PLANE: cp[0] } : {}) };
        const kongConf = loadKongConf(undefined, all);
        const source = configSourceOf({ role: r, kongConf, controllers, ...(helmOn ? { helmControllerOn: helmOn } : {}), ...(deck ? { konnectFile: { kind: 'file', file: 'kong.yaml', line: 1, column: 1 } } : {}) });
        if (r === 'data_plane') {
          const modeOn = ['on', 'true'].includes(kongConf.get('konnect_mode')?.value.trim().toLowerCase() ?? '');
          // The variable may have been replaced by a KONG_CLUSTER_CONTROL_PLANE_FILE of env: then no claim either.
          const konnectHost = kongConf.get('cluster_control_plane')?.origin.kind === 'env' && cp ? cp[1] : undefined;
          if (modeOn || deck || konnectHost) expect(source?.kind).toBe('konnect');
          else if (konnectHost === false) expect(source).toBeUndefined();
          else expect([undefined, 'konnect']).toContain(source?.kind);
        } else {
          const why = ingressControllerRuns({ controllers, ...(helmOn ? { helmControllerOn: helmOn } : {}) });
          const image = controllers.find((c) => c.via !== 'helm-values');
          expect(why).toBe(helmOn || (image ? `Kong Ingress Controller image ${image.reference} at x.yaml:${image.origin.line}` : undefined));
          expect(source).toEqual(why ? { kind: 'ingress-controller', reason: why } : undefined);
        }
      }), settings(RUNS));
  });
});

// ---------------------------------------------------------------------------------------------
// Inline suppression comments
// ---------------------------------------------------------------------------------------------

describe('suppression comments in kong.conf, YAML and nginx syntax', () => {
  it('a comment written with rule ids and a reason is found on its line with exactly those ids and that reason', () => {
    fc.assert(fc.property(fileLines, fc.constantFrom('\n', '\r\n'), (written, eol) => {
      const text = written.map((l) => l.text).join(eol);
      const found = scanSuppressionComments('kong.conf', text);
      const expected = written.flatMap((l, i) => ('ids' in l ? [{ line: i + 1, targetLine: i + 2, ruleIds: l.ids, ...(l.reason !== undefined ? { reason: l.reason } : {}) }] : []));
      expect(found.map(({ line, targetLine, ruleIds, reason: why }) => ({ line, targetLine, ruleIds, ...(why !== undefined ? { reason: why } : {}) }))).toEqual(expected);
      for (const comment of found) expect(text.split(/\r?\n/)[comment.line - 1].slice(comment.column - 1)).toMatch(new RegExp(`^#\\s*${DIRECTIVE}`));
    }), settings(RUNS));
  });

  it('any text: comments on real lines, ids without separators, reasons trimmed and non-empty', () => {
    const text = damaged(fileLines.map((l) => l.map((x) => x.text).join('\n')), fc.constantFrom(DIRECTIVE, `#${DIRECTIVE}`, ' -- ', ', ', '#'));
    fc.assert(fc.property(text, (t) => {
      const count = t.split(/\r?\n/).length;
      for (const c of scanSuppressionComments('f.yaml', t)) {
        expect(c.line).toBeGreaterThanOrEqual(1);
        expect(c.line).toBeLessThanOrEqual(count);
        expect(c.targetLine).toBe(c.line + 1);
        for (const id of c.ruleIds) expect(id).toMatch(/^[^\s,]+$/);
        if (c.reason !== undefined) expect(c.reason).toBe(c.reason.trim());
        if (c.reason !== undefined) expect(c.reason).not.toBe('');
      }
    }), settings(RUNS));
  });

  it('scanning files: JSON, binary, missing and unreadable files hold no comments; the others as their text says', () => {
    const dir = tempDir({}, 'kp-props-scan-');
    const body = fileLines.map((l) => l.map((x) => x.text).join('\n'));
    fc.assert(fc.property(body, fc.constantFrom('kong.conf', 'kong.yaml', 'nginx.template', 'kong.json', 'KONG.JSON', 'binary.yaml', 'missing.yaml', 'folder.yaml'), (text, name) => {
      const file = join(dir, name);
      rmSync(file, { recursive: true, force: true });
      if (name === 'folder.yaml') mkdirSync(file);
      else if (name !== 'missing.yaml') writeFileSync(file, name === 'binary.yaml' ? `${text}\u0000` : text);
      const found = scanFiles([file, file]);
      const hasComments = !/\.json$/i.test(name) && !['binary.yaml', 'missing.yaml', 'folder.yaml'].includes(name) && !text.includes('\u0000');
      // What the file holds once written as UTF-8 (a lone surrogate becomes U+FFFD).
      expect(found).toEqual(hasComments ? scanSuppressionComments(file, Buffer.from(text).toString('utf8')) : []);
    }), settings(RUNS));
  });

  it('a valid comment hides exactly the findings of its rules on the next line; the rest are kept or reported', () => {
    const knownRules = new Set([...KNOWN_RULES, 'meta/unused-suppression', 'meta/invalid-suppression']);
    const finding = fc.tuple(fc.constantFrom(...KNOWN_RULES), fc.integer({ min: 1, max: 17 }), fc.constantFrom('kong.conf', './kong.conf', 'other.conf'))
      .map(([id, line, file]): Finding => ({ ruleId: id, messageId: 'm', severity: 'warning', message: 'x', location: { kind: 'file', file, line, column: 1 } }));
    fc.assert(fc.property(fileLines, fc.array(finding, { maxLength: 12 }), fc.subarray(KNOWN_RULES), (written, findings, evaluated) => {
      const comments = scanSuppressionComments('kong.conf', written.map((l) => l.text).join('\n'));
      const valid = (c: SuppressionComment) => c.ruleIds.length > 0 && c.ruleIds.every((id) => knownRules.has(id)) && c.reason !== undefined;
      const hiding = (f: Finding) => comments.find((c) => valid(c) && f.location.kind === 'file' && f.location.file !== 'other.conf' && c.targetLine === f.location.line && c.ruleIds.includes(f.ruleId));
      const result = applyInlineSuppressions(findings, comments, { knownRules, evaluatedRules: new Set(evaluated), policy: {} });
      expect(result.kept).toEqual(findings.filter((f) => !hiding(f)));
      expect(result.suppressed).toEqual(findings.filter((f) => hiding(f)).map((f) => ({ ...f, suppression: { kind: 'inline', reason: hiding(f)!.reason, source: `kong.conf:${hiding(f)!.line}` } })));
      expect(result.meta.filter((m) => m.ruleId === 'meta/invalid-suppression')).toHaveLength(comments.filter((c) => !valid(c)).length);
      const unused = comments.filter(valid).flatMap((c) => c.ruleIds.filter((id) => evaluated.includes(id) && !findings.some((f) => hiding(f) === c && f.ruleId === id)));
      expect(result.meta.filter((m) => m.ruleId === 'meta/unused-suppression')).toHaveLength(unused.length);
    }), settings(RUNS));
  });
});

// ---------------------------------------------------------------------------------------------
// Through the CLI: findings or one line
// ---------------------------------------------------------------------------------------------

describe('check on arbitrary environments, hosts and suppression comments', () => {
  const dir = tempDir({}, 'kp-props-env-host-cli-');
  const ARGS = ['--from', '2.8', '--to', '3.4', '--no-db', '--no-config', '--edition', 'oss', '-f', 'json', '--fail-on', 'blocker'];

  it('any KONG_* environment, with or without a kong.conf', async () => {
    writeFileSync(join(dir, 'kong.conf'), 'database = cassandra\nlog_level = verbose\n');
    await fc.assert(fc.asyncProperty(envDict, fc.boolean(), async (env, withFile) => {
      const defined = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && !entry[1].includes('\u0000')));
      const result = await runCli(['check', ...(withFile ? [join(dir, 'kong.conf')] : []), ...ARGS], { cwd: dir, env: defined });
      expectFindingsOrOneLineError(result);
      if (result.code !== 2) expect(JSON.parse(result.stdout).internalErrors).toEqual([]);
    }), settings(CLI_RUNS));
  });

  it('--host on any host tree', async () => {
    const root = join(dir, 'host');
    await fc.assert(fc.asyncProperty(hostTree, async (tree) => {
      const hostPaths = layOut(root, tree);
      const result = await runCli(['check', '--host', ...ARGS], { cwd: dir, hostPaths });
      expectFindingsOrOneLineError(result);
      if (result.code !== 2) expect(JSON.parse(result.stdout).internalErrors).toEqual([]);
    }), settings(CLI_RUNS));
  });

  it('suppression comments in a kong.conf hide only their rules on the next line, and comments change no finding', async () => {
    const settingLines = ['database = cassandra', 'pg_ssl_version = tlsv1', 'upstream_keepalive = 60', 'log_level = verbose', 'nginx_http_ssl_protocols = TLSv1', 'admin_listen = 127.0.0.1:8001'];
    // Whole-line comments only: a trailing one after `database = postgres` is a setting too.
    const wholeLineComment = writtenComment.filter((c) => /^\s*#/.test(c.text));
    const writeConf = (name: string, content: string[]) => {
      writeFileSync(join(dir, name), `${content.join('\n')}\n`);
      return join(dir, name);
    };
    const ruleFindings = (report: { findings: { ruleId: string }[]; suppressed?: { ruleId: string }[] }) =>
      [...report.findings, ...(report.suppressed ?? [])].map((f) => f.ruleId).filter((id) => !id.startsWith('meta/')).sort();
    await fc.assert(fc.asyncProperty(fc.shuffledSubarray(settingLines, { minLength: 1 }), fc.array(fc.option(wholeLineComment, { nil: undefined }), { minLength: 6, maxLength: 6 }), async (chosen, comments) => {
      const plain = await runCli(['check', writeConf('plain.conf', chosen), ...ARGS], { cwd: dir });
      const withComments = chosen.flatMap((line, i) => [...(comments[i] ? [comments[i]!.text] : []), line]);
      const commented = await runCli(['check', writeConf('commented.conf', withComments), ...ARGS], { cwd: dir });
      expectFindingsOrOneLineError(commented);
      const report = JSON.parse(commented.stdout);
      // The comments that hide something: a reason and only known rules (the others are reported as invalid).
      const hiding = new Map(scanSuppressionComments('commented.conf', withComments.join('\n'))
        .filter((c) => c.reason !== undefined && c.ruleIds.length > 0 && c.ruleIds.every((id) => KNOWN_RULES.includes(id)))
        .map((c) => [c.targetLine, c]));
      for (const f of report.findings) {
        if (f.location.file?.endsWith('commented.conf')) expect(hiding.get(f.location.line)?.ruleIds.includes(f.ruleId) ?? false).toBe(false);
      }
      for (const s of report.suppressed) {
        const by = hiding.get(s.location.line)!;
        expect(by.ruleIds).toContain(s.ruleId);
        expect(s.suppression).toMatchObject({ kind: 'inline', reason: by.reason, source: expect.stringMatching(new RegExp(`commented\\.conf:${by.line}$`)) });
      }
      expect(ruleFindings(report)).toEqual(ruleFindings(JSON.parse(plain.stdout)));
    }), settings(CLI_RUNS));
  });
});
