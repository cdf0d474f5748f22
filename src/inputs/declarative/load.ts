// Finds and reads the declarative files of an installation: the files and folders given with
// --declarative, or else the file kong.conf's `declarative_config` names. A missing file given on
// the command line is an input error; a production path absent from this machine only means the
// declarative rules cannot be evaluated, and says so.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { InputError } from '../../errors';
import type { KongConf } from '../kong-conf/types';
import { describeOrigin } from '../../model/origin';
import { ParsedDocument } from './document';
import { DeclarativeEntitySource } from './entities';
import { readJson } from './json-reader';
import { readYaml } from './yaml-reader';
import type { DeclarativeConfig, DeclarativeDocument, UnreadableDeclarative } from './types';

const READABLE_EXTENSIONS = ['.yml', '.yaml', '.json'];

export interface DeclarativeLoadOptions {
  /** Values of --declarative, in order (files or folders). */
  paths?: readonly string[];
  /** The loaded kong.conf, for `declarative_config`. */
  kongConf?: KongConf;
  /** The folder relative --declarative paths are resolved against. */
  cwd?: string;
}

export interface DeclarativeLoadResult {
  config?: DeclarativeConfig;
  /** Why there is no declarative input, for the "not evaluated" list. */
  missingReason?: string;
}

export function loadDeclarative(options: DeclarativeLoadOptions): DeclarativeLoadResult {
  const cwd = options.cwd ?? process.cwd();
  if (options.paths && options.paths.length > 0) {
    const files = options.paths.flatMap((p) => expandCliPath(p, cwd));
    return { config: readAll(files, 'cli', false, cwd) };
  }
  const setting = options.kongConf?.get('declarative_config');
  if (!setting) return { missingReason: 'no declarative file given (--declarative) and kong.conf sets no declarative_config' };
  const configured = setting.value;
  const conf = options.kongConf!;
  // Shown as the user would write it: relative to where they pointed at kong.conf.
  const file = isAbsolute(configured) ? configured : conf.file ? join(dirname(conf.file), configured) : resolve(conf.dir, configured);
  if (!isFile(resolve(cwd, file))) {
    return {
      missingReason: `declarative_config (${describeOrigin(setting.origin)}) names ${configured}, absent on this machine; give a copy with --declarative`,
    };
  }
  return { config: readAll([file], 'kong.conf', true, cwd) };
}

/** A file, or every .yml/.yaml/.json file of a folder in name order. */
function expandCliPath(given: string, cwd: string): string[] {
  const full = resolve(cwd, given);
  let stats;
  try {
    stats = statSync(full);
  } catch {
    throw new InputError(`declarative file not found: ${given}`, { file: given });
  }
  if (!stats.isDirectory()) return [given];
  const names = readdirSync(full)
    .filter((name) => READABLE_EXTENSIONS.includes(extname(name).toLowerCase()))
    .sort();
  if (names.length === 0) throw new InputError(`folder ${given} holds no .yml, .yaml or .json file`, { file: given });
  return names.map((name) => join(given, name));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Reads files named as the user wrote them (reports show that name), relative to `cwd`. */
function readAll(files: readonly string[], from: 'cli' | 'kong.conf', loadedByKong: boolean, cwd: string): DeclarativeConfig {
  const documents: DeclarativeDocument[] = [];
  const unreadable: UnreadableDeclarative[] = [];
  for (const file of files) {
    if (extname(file).toLowerCase() === '.lua') {
      unreadable.push({ file, reason: 'lua-format', origin: { kind: 'file', file, line: 1, column: 1 } });
      continue;
    }
    documents.push(readDeclarativeText(file, readText(file, resolve(cwd, file)), loadedByKong));
  }
  return { documents, unreadable, from, entities: new DeclarativeEntitySource(documents) };
}

function readText(file: string, fullPath: string): string {
  let buffer: Buffer;
  try {
    buffer = readFileSync(fullPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EISDIR' ? 'is a folder' : code === 'EACCES' ? 'is not readable (permission denied)' : 'cannot be read';
    throw new InputError(`declarative file ${why}`, { file });
  }
  const text = buffer.toString('utf8');
  // A byte-order mark is legal in both YAML and JSON files but JSON.parse refuses it.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Parses text as YAML or JSON (by extension; unknown extensions are sniffed). */
export function readDeclarativeText(file: string, text: string, loadedByKong = false): DeclarativeDocument {
  const ext = extname(file).toLowerCase();
  const looksJson = ext === '.json' || (!READABLE_EXTENSIONS.includes(ext) && /^\s*[{[]/.test(text));
  const format = looksJson ? 'json' : 'yaml';
  const parsed = format === 'json' ? readJson(text, file) : readYaml(text, file);
  return new ParsedDocument(file, format, text, parsed, loadedByKong);
}
