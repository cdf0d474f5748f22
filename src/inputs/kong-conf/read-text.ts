// Reads a kong.conf from disk as lines of text, or raises an InputError that names the file (and
// the line, when one is to blame). Kong itself reads bytes; we insist on UTF-8 text so that
// positions and messages mean something, and refuse binaries and runaway files.

import * as fs from 'node:fs';
import { TextDecoder } from 'node:util';
import { InputError } from '../../errors';

/** Files larger than this are refused unless the caller raises the limit. */
export const DEFAULT_MAX_CONF_BYTES = 10 * 1024 * 1024;

export interface ConfText {
  /** The physical lines: split on `\n`, `\r` kept (Kong's reader keeps it too), BOM kept. */
  lines: string[];
  modifiedAt: Date;
}

export function readConfLines(file: string, maxBytes = DEFAULT_MAX_CONF_BYTES): ConfText {
  if (file === '') throw new InputError('empty kong.conf path');
  const stat = statOrThrow(file);
  if (stat.isDirectory()) throw new InputError('is a directory, not a kong.conf file', { file });
  if (!stat.isFile()) throw new InputError('is not a regular file', { file });
  if (stat.size > maxBytes) throw tooLarge(file, stat.size, maxBytes);

  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new InputError(`cannot read kong.conf: ${reason(error)}`, { file });
  }
  if (bytes.length > maxBytes) throw tooLarge(file, bytes.length, maxBytes);
  return { lines: decodeLines(bytes, file).split('\n'), modifiedAt: stat.mtime };
}

function statOrThrow(file: string): fs.Stats {
  try {
    return fs.statSync(file);
  } catch (error) {
    throw new InputError(`cannot read kong.conf: ${reason(error)}`, { file });
  }
}

function tooLarge(file: string, size: number, maxBytes: number): InputError {
  return new InputError(`is ${size} bytes, over the ${maxBytes}-byte limit for a kong.conf`, { file });
}

/** A short cause for a file-system error, without a stack or an errno number. */
function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'ENOTDIR': return 'a parent of the path is not a folder';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'ELOOP': return 'too many symbolic links';
    case 'EISDIR': return 'is a directory';
    default: return code ?? (error instanceof Error ? error.message : String(error));
  }
}

/** UTF-8 text, or an InputError at the first line holding a NUL byte or an invalid sequence. */
function decodeLines(bytes: Buffer, file: string): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new InputError('contains a NUL byte: not a text file', { file, line: lineOfOffset(bytes, nul) });
  }
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    return strict.decode(bytes);
  } catch {
    throw new InputError('is not valid UTF-8 text', { file, line: firstInvalidLine(bytes, strict) });
  }
}

function lineOfOffset(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function firstInvalidLine(bytes: Buffer, decoder: TextDecoder): number | undefined {
  let start = 0;
  for (let line = 1; start <= bytes.length; line++) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end < 0 ? bytes.length : end;
    try {
      decoder.decode(bytes.subarray(start, stop));
    } catch {
      return line;
    }
    start = stop + 1;
  }
  return undefined;
}
