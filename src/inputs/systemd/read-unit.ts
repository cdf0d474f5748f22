// Reads the environment a systemd unit gives the Kong it starts, and the files its Kong commands
// name. The unit file is read first, then its drop-ins (`NAME.service.d/*.conf` beside it, or in
// every system unit folder for a unit systemd loads: ./search-path.ts), in
// the order of their file names (systemd.unit(5), "Description": drop-ins are parsed after the
// unit file, in lexical order of their names; systemd/systemd src/basic/conf-files.c sorts them by
// name with strcmp), each setting adding to what came before and an empty one clearing it.
//
// What the service gets, lowest first (systemd.exec(5), "Environment" and "EnvironmentFile"):
// - `PassEnvironment=`: variables of the service manager's own environment, unknown here;
// - `Environment=` (src/core/load-fragment.c `config_parse_environ`@2557246c: words split and
//   unquoted as ./words.ts says, then specifiers (./specifiers.ts) expanded per word; a value
//   systemd cannot split is ignored whole, a word that is no `NAME=value` alone; a later
//   assignment of a name replaces an earlier one; an empty `Environment=` clears the list);
// - `EnvironmentFile=` files, read when the service starts, in the order named, a later file
//   winning, all of them over `Environment=`; `-` before the path lets the file be missing,
//   otherwise the service does not start without it; the path must be absolute and may be a
//   wildcard; an empty `EnvironmentFile=` clears the list (./env-file.ts reads them);
// - `UnsetEnvironment=` removes names (or exact `NAME=value` assignments) last.
//
// A value holding a specifier this tool cannot resolve (the host name, the user) is set but
// unknown, never guessed. A file that cannot be read is said so at the line that names it.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { TextDecoder } from 'node:util';
import { InputError } from '../../errors';
import { isSecretName } from '../../knowledge/conf/sensitive';
import type { FileOrigin } from '../../model/origin';
import { nulByteError } from '../../text/encoding';
import { kongPropertyOf } from '../env';
import { fsErrorReason } from '../fs-error';
import type { LayerVariable } from '../images/variables-conf-layer';
import { parseEnvFile, validName } from './env-file';
import { kongCommandsIn, type KongCommand } from './kong-commands';
import { expandSpecifiers, unitNameOf, type UnitName } from './specifiers';
import { parseUnitFile, type UnitAssignment } from './unit-file';
import { splitWords } from './words';
import { dropInFoldersFor, SYSTEM_UNIT_DIRS } from './search-path';

/** Unit files and environment files larger than this are refused (systemd's own line limit is 1 MiB). */
export const MAX_UNIT_BYTES = 5 * 1024 * 1024;

export interface UnitNote {
  kind: 'unreadable-value' | 'ignored-by-systemd';
  origin: FileOrigin;
  message: string;
}

export interface EnvironmentFileState {
  /** As written after `-` and specifiers. */
  path: string;
  optional: boolean;
  origin: FileOrigin;
  /** read; missing (an optional file: fine); absent (a required one); unread (why). */
  status: 'read' | 'missing-optional' | 'missing' | 'unread';
}

/** A file a Kong command of the unit names (`-c`, `--nginx-conf`): the path, or why it is unknown. */
export interface NamedFile {
  path?: string;
  unknown?: string;
  command: KongCommand;
}

export interface SystemdUnitRead {
  file: string;
  unit: UnitName;
  dropIns: string[];
  /** Lowest first: PassEnvironment, Environment, then EnvironmentFile entries. */
  variables: LayerVariable[];
  notes: UnitNote[];
  environmentFiles: EnvironmentFileState[];
  /** The Kong commands that start Kong (ExecStartPre, ExecStart) and reload it (ExecReload). */
  commands: KongCommand[];
  /** The kong.conf the start commands give Kong with -c; undefined when none names one. */
  conf?: NamedFile;
  nginxConf?: NamedFile;
  /** Values of secret-named variables read anywhere in the unit or its files: the report hides them. */
  secretValues: string[];
}

const EXEC_DIRECTIVES = ['ExecStartPre', 'ExecStart', 'ExecReload'] as const;

/** `systemDirs`: the system unit folders (./search-path.ts); tests give their own. */
export function readSystemdUnit(file: string, systemDirs: readonly string[] = SYSTEM_UNIT_DIRS): SystemdUnitRead {
  const unit = unitNameOf(file);
  const dropIns = dropInsOf(file, systemDirs);
  const assignments: UnitAssignment[] = [];
  for (const path of [file, ...dropIns]) {
    assignments.push(...parseUnitFile(readUnitText(path, 'systemd unit'), path).filter((a) => a.section === 'Service'));
  }
  const notes: UnitNote[] = [];
  const secretValues: string[] = [];
  let environment: LayerVariable[] = [];
  let passed: LayerVariable[] = [];
  let files: { path: string; optional: boolean; origin: FileOrigin }[] = [];
  let unset: string[] = [];
  const exec = new Map<string, KongCommand[]>(EXEC_DIRECTIVES.map((d) => [d, []]));
  const keepSecrets = (variables: readonly LayerVariable[]) => {
    for (const v of variables) if (v.value !== undefined && isSecretName(v.name)) secretValues.push(v.value);
  };
  for (const assignment of assignments) {
    const origin: FileOrigin = { kind: 'file', file: assignment.file, line: assignment.line, column: 1 };
    const where = `${assignment.key}= of ${basename(assignment.file)}`;
    switch (assignment.key) {
      case 'Environment': {
        if (assignment.value === '') {
          keepSecrets(environment);
          environment = [];
          break;
        }
        const split = splitWords(assignment.value);
        if ('invalid' in split) {
          if (/KONG_/.test(assignment.value)) notes.push({ kind: 'ignored-by-systemd', origin, message: `systemd ignores this ${assignment.key}= line as a whole (${split.invalid}), so the KONG_* variables on it are not set` });
          break;
        }
        for (const word of split.words) {
          const eq = word.indexOf('=');
          const name = eq > 0 ? word.slice(0, eq) : word;
          const label = `Environment ${name} of ${unit.full}`;
          const expanded = expandSpecifiers(word, unit);
          if ('unknown' in expanded) {
            if (eq > 0 && validName(name) && !name.includes('%')) {
              environment.push({ name, label, origin, unreadable: `uses ${expanded.unknown.join(', ')}, which systemd fills in on the Kong host (or, for a specifier it does not know, ignores the assignment)` });
            }
            continue;
          }
          const text = expanded.text;
          const at = text.indexOf('=');
          if (at <= 0 || !validName(text.slice(0, at))) {
            if (/KONG_/.test(text) && !isSecretName(name)) notes.push({ kind: 'ignored-by-systemd', origin, message: `\`${text.slice(0, at > 0 ? at : undefined)}\` in ${where} is no NAME=value assignment: systemd ignores it` });
            continue;
          }
          environment.push({ name: text.slice(0, at), value: text.slice(at + 1), label: `Environment ${text.slice(0, at)} of ${unit.full}`, origin });
        }
        break;
      }
      case 'EnvironmentFile': {
        if (assignment.value === '') {
          files = [];
          break;
        }
        const expanded = expandSpecifiers(assignment.value, unit);
        if ('unknown' in expanded) {
          notes.push({ kind: 'unreadable-value', origin, message: `${where} names its file with ${expanded.unknown.join(', ')}, which systemd fills in on the Kong host: the KONG_* variables that file sets were not read` });
          break;
        }
        const optional = expanded.text.startsWith('-');
        const path = optional ? expanded.text.slice(1) : expanded.text;
        if (!isAbsolute(path)) {
          notes.push({ kind: 'ignored-by-systemd', origin, message: `${where} names ${path}, which is not an absolute path: systemd ignores the setting, so the service reads no variables from it` });
          break;
        }
        files.push({ path, optional, origin });
        break;
      }
      case 'PassEnvironment': {
        if (assignment.value === '') {
          passed = [];
          break;
        }
        const split = splitWords(assignment.value);
        if ('words' in split) {
          for (const name of split.words) {
            if (kongPropertyOf(name) !== undefined) passed.push({ name, label: `PassEnvironment ${name} of ${unit.full}`, origin, unreadable: 'is passed from the service manager\'s own environment, unknown here (unset when the manager has none)' });
          }
        }
        break;
      }
      case 'UnsetEnvironment': {
        if (assignment.value === '') {
          unset = [];
          break;
        }
        const split = splitWords(assignment.value);
        if ('words' in split) {
          for (const word of split.words) {
            const expanded = expandSpecifiers(word, unit);
            unset.push('text' in expanded ? expanded.text : word);
          }
        }
        break;
      }
      default: {
        const list = exec.get(assignment.key);
        if (!list) break;
        if (assignment.value === '') list.length = 0;
        else list.push(...kongCommandsIn(assignment.key, assignment.value, assignment.file, assignment.line));
      }
    }
  }
  keepSecrets(environment);
  const environmentFiles: EnvironmentFileState[] = [];
  const fromFiles: LayerVariable[] = [];
  for (const named of files) {
    const state = readEnvironmentFile(named, unit, fromFiles, notes, secretValues);
    environmentFiles.push(state);
  }
  const removed = (v: LayerVariable) => unset.some((u) => u === v.name || (v.value !== undefined && u === `${v.name}=${v.value}`));
  const variables = [...passed, ...environment, ...fromFiles].filter((v) => !removed(v));
  const commands = [...exec.get('ExecStartPre')!, ...exec.get('ExecStart')!, ...exec.get('ExecReload')!];
  const starting = commands.filter((c) => c.directive !== 'ExecReload');
  const finalValues = new Map(variables.map((v) => [v.name, v] as const));
  const conf = namedFile(starting, 'conf', unit, finalValues);
  const nginxConf = namedFile(starting, 'nginxConf', unit, finalValues);
  return {
    file,
    unit,
    dropIns,
    variables,
    notes,
    environmentFiles,
    commands,
    ...(conf ? { conf } : {}),
    ...(nginxConf ? { nginxConf } : {}),
    secretValues,
  };
}

/**
 * The unit's drop-ins (`NAME.service.d/*.conf`) in the order systemd applies them, by file name
 * (bytewise). For a unit in a system unit folder they come from every such folder, a file in a
 * higher folder replacing one of the same name in a lower one (./search-path.ts); for a copy kept
 * elsewhere, from beside it.
 */
function dropInsOf(file: string, systemDirs: readonly string[]): string[] {
  const byName = new Map<string, string>();
  for (const folder of dropInFoldersFor(file, systemDirs)) {
    const dir = join(folder, `${basename(file)}.d`);
    let names: string[];
    try {
      if (!statSync(dir).isDirectory()) continue;
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.endsWith('.conf') || byName.has(name)) continue;
      const path = join(dir, name);
      try {
        if (statSync(path).isFile()) byName.set(name, path);
      } catch {
        // a dangling link: systemd skips it too
      }
    }
  }
  return [...byName.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))).map((name) => byName.get(name)!);
}

/** A unit file's text; a one-line input error when it cannot be read as text. */
export function readUnitText(file: string, what: string): string {
  const text = readTextFile(file);
  if ('text' in text) return text.text;
  throw new InputError(`cannot read ${what}: ${text.why}`, text.line !== undefined ? { file, line: text.line } : { file });
}

type TextRead = { text: string } | { why: string; line?: number };

function readTextFile(file: string): TextRead {
  let bytes: Buffer;
  try {
    if (statSync(file).size > MAX_UNIT_BYTES) return { why: `larger than ${MAX_UNIT_BYTES} bytes` };
    bytes = readFileSync(file);
  } catch (error) {
    return { why: fsErrorReason(error) };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const error = nulByteError(bytes, nul, file, 'holds a NUL byte: not a text file');
    return { why: error.message, ...(error.place.line !== undefined ? { line: error.place.line } : {}) };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { why: 'not valid UTF-8 text' };
  }
}

function readEnvironmentFile(named: { path: string; optional: boolean; origin: FileOrigin }, unit: UnitName, out: LayerVariable[], notes: UnitNote[], secretValues: string[]): EnvironmentFileState {
  const { path, optional, origin } = named;
  const base = { path, optional, origin };
  if (/[*?[]/.test(path)) {
    notes.push({ kind: 'unreadable-value', origin, message: `EnvironmentFile ${path} of ${unit.full} is a wildcard, which systemd expands on the Kong host: the KONG_* variables of the files it matches were not read` });
    return { ...base, status: 'unread' };
  }
  const read = readTextFile(path);
  if (!('text' in read)) {
    const absent = read.why === 'no such file';
    if (absent && optional) return { ...base, status: 'missing-optional' };
    notes.push({
      kind: 'unreadable-value',
      origin,
      message: absent
        ? `EnvironmentFile ${path} of ${unit.full} is not found on this machine: systemd refuses to start the service when it is missing (write -${path} for an optional file), and the variables it holds were not read`
        : `EnvironmentFile ${path} of ${unit.full} cannot be read here (${read.why}): the variables it holds were not read`,
    });
    return { ...base, status: absent ? 'missing' : 'unread' };
  }
  const parsed = parseEnvFile(read.text);
  for (const entry of parsed.entries) {
    const at: FileOrigin = { kind: 'file', file: path, line: entry.line, column: 1 };
    out.push({ name: entry.name, value: entry.value, label: `${entry.name} in EnvironmentFile ${path}`, origin: at });
    if (isSecretName(entry.name)) secretValues.push(entry.value);
  }
  for (const entry of parsed.invalid) {
    const words = entry.name.split(/\s+/);
    const last = words[words.length - 1];
    if (isSecretName(last)) secretValues.push(entry.value);
    if (!/KONG_/.test(entry.name)) continue;
    const why = words[0] === 'export' && words.length === 2 ? `\`export\` is no part of the file format systemd reads: it takes \`${entry.name}\` as the name, which is no valid variable name, and drops it` : `\`${entry.name}\` is no valid variable name, so systemd drops it`;
    notes.push({ kind: 'ignored-by-systemd', origin: { kind: 'file', file: path, line: entry.line, column: 1 }, message: `${why}: the service never gets ${last}` });
  }
  return { ...base, status: 'read' };
}

/**
 * The `-c` or `--nginx-conf` file of the commands that start Kong (the last one naming it wins,
 * as `kong prepare` in ExecStartPre renders what ExecStart's nginx runs). `$NAME` and `${NAME}` in
 * it are the service's variables, replaced by systemd when it runs the command
 * (systemd.service(5), "Command lines"); a specifier or a variable unknown here leaves it unknown.
 */
function namedFile(commands: readonly KongCommand[], field: 'conf' | 'nginxConf', unit: UnitName, values: ReadonlyMap<string, LayerVariable>): NamedFile | undefined {
  const command = [...commands].reverse().find((c) => c[field] !== undefined);
  if (!command) return undefined;
  const expanded = expandSpecifiers(command[field]!, unit);
  if ('unknown' in expanded) return { command, unknown: `uses ${expanded.unknown.join(', ')}, which systemd fills in on the Kong host` };
  const unknownVariables: string[] = [];
  const path = expanded.text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (match, braced: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    const value = values.get(name)?.value;
    if (value === undefined) unknownVariables.push(name);
    return value ?? match;
  });
  if (unknownVariables.length > 0) return { command, unknown: `uses $${unknownVariables.join(', $')}, which ${unknownVariables.length > 1 ? 'have' : 'has'} no value read here` };
  return { command, path };
}
