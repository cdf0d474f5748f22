// Words of Object.prototype (`constructor`, `toString`, `__proto__`...) wherever an input's text
// becomes a key of one of the tool's tables: an os-release ID, `--os`, a manifest's `kind`, a
// `--max-file-size` unit, a rock version, and, through the CLI, kong.conf keys, KONG_* variables,
// declarative collections, plugin names and fields. A plain `table[word]` answers them with a
// function: a manifest of `kind: constructor` once stopped the check with "path is not iterable",
// and `--os constructor-1` reported the OS `function Object() { [native code] }`.

import { join } from 'node:path';
import { InputError, UsageError } from '../../src/errors';
import { parseOsFlag, readOsRelease } from '../../src/inputs/host';
import { parseFileSize } from '../../src/inputs/file-limits';
import { readImageFiles } from '../../src/inputs/images/load';
import { compareRockVersions } from '../../src/inputs/plugins/rockspec';
import { inferInstalledVersion } from '../../src/inputs/database/installed-version';
import migrations from '../../src/knowledge/database/migrations.json';
import { ownValue } from '../../src/own-key';
import { moduleRemovalOnPath } from '../../src/knowledge/plugins/lua-modules';
import { KongVersion } from '../../src/version/kong-version';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp';
import { expectFindingsOrOneLineError } from './support';

/** Every name Object.prototype answers, plus `__proto__`. */
const PROTOTYPE_WORDS = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__'])];

describe('ownValue', () => {
  it('answers own keys only', () => {
    const table: Record<string, number> = { ubuntu: 1 };
    expect(ownValue(table, 'ubuntu')).toBe(1);
    for (const word of PROTOTYPE_WORDS) expect(ownValue(table, word)).toBeUndefined();
  });
});

describe.each(PROTOTYPE_WORDS)('the word %s', (word) => {
  it('as an os-release ID is a name, not a function', () => {
    const dir = tempDir({ 'os-release': `ID=${word}\nVERSION_ID=1\nNAME="Some OS"\n` });
    const os = readOsRelease(join(dir, 'os-release'));
    expect(typeof os.os).toBe('string');
    expect(os.os).toBe('Some OS');
  });

  it('as --os is refused with the list of names', () => {
    expect(() => parseOsFlag(`${word}-1`)).toThrow(InputError);
  });

  it('as a --max-file-size unit is refused', () => {
    expect(() => parseFileSize(`5${word}`)).toThrow(UsageError);
  });

  it('as a manifest kind names no workload', () => {
    const dir = tempDir({
      'k8s.yaml': `apiVersion: gateway-operator.konghq.com/v1beta1\nkind: ${word}\nmetadata: {name: kong}\nspec: {}\n---\napiVersion: apps/v1\nkind: ${word}\nmetadata: {name: kong}\nspec:\n  template:\n    spec:\n      containers:\n        - {name: proxy, image: "kong:2.8.1"}\n`,
    });
    const read = readImageFiles([join(dir, 'k8s.yaml')]);
    expect(read.containerEnv.containers).toEqual([]);
  });

  it('as a schema_meta migration or subsystem name of the database is an unknown migration', () => {
    const core = migrations.minors['2.8'].core;
    const range = inferInstalledVersion([
      { subsystem: 'core', executed: [...core, word], pending: [word] },
      { subsystem: word, executed: [word, '000_base'], pending: [] },
      { subsystem: 'key-auth', executed: [word], pending: [] },
    ]);
    expect(range.label).toContain('2.8');
  });

  it('as a module a custom plugin requires is no Kong module', () => {
    expect(moduleRemovalOnPath(word, KongVersion.parse('2.8.0'), KongVersion.parse('3.4.0'))).toBeUndefined();
  });

  it('as router_flavor with a look-ahead route from 3.1 gives findings, not an error', async () => {
    const dir = tempDir({
      'kong.conf': `router_flavor = ${word}\ndatabase = off\n`,
      'kong.yml': '_format_version: "3.0"\nservices:\n- name: s\n  url: http://x\n  routes:\n  - name: r\n    paths: ["~/a(?=b)"]\n',
    });
    const result = await runCli(['check', join(dir, 'kong.conf'), '--from', '3.1', '--to', '3.4', '--declarative', join(dir, 'kong.yml'), '--format', 'json'], { cwd: dir });
    expect(result.stderr).toBe('');
    // The regex rule once failed inside ("Cannot read properties of undefined"), reported as an internal error.
    expect(JSON.parse(result.stdout).internalErrors ?? []).toEqual([]);
  });

  it('as a rock version part orders as a number', () => {
    expect(Number.isFinite(compareRockVersions('1.0-1', `${word}-1`))).toBe(true);
    expect(compareRockVersions('scm-1', `${word}-1`)).toBeGreaterThan(0);
  });
});

describe('the words through the CLI', () => {
  it('in kong.conf keys, KONG_* variables, declarative collections, plugin names and fields', async () => {
    const words = PROTOTYPE_WORDS.filter((word) => /^[a-z_]+$/i.test(word));
    const dir = tempDir({
      'kong.conf': `${words.map((word) => `${word} = on`).join('\n')}\ndatabase = off\n`,
      'kong.yml': [
        '_format_version: "3.0"',
        ...words.map((word) => `${word}: []`),
        'services:',
        '  - name: s',
        '    url: http://upstream',
        ...words.map((word) => `    ${word}: x`),
        '    plugins:',
        ...words.map((word) => `      - name: ${word}\n        config: {${word}: 1}`),
        '',
      ].join('\n'),
    });
    const env = Object.fromEntries(words.map((word) => [`KONG_${word.toUpperCase()}`, 'on']));
    const result = await runCli(['check', join(dir, 'kong.conf'), '--from', '2.8', '--to', '3.4', '--declarative', join(dir, 'kong.yml'), '--format', 'json'], { cwd: dir, env });
    expectFindingsOrOneLineError(result);
    expect(result.stderr).toBe('');
    expect(result.code).not.toBe(2);
    expect(result.stdout).not.toContain('[native code]');
    expect(JSON.parse(result.stdout).internalErrors ?? []).toEqual([]);
  });
});
