// Reads a kong.conf from disk as lines of text, or raises an InputError that names the file (and
// the line, when one is to blame). Kong itself reads bytes; we insist on UTF-8 text wherever Kong
// reads a key or value, so that positions and messages mean something, and refuse binaries and
// runaway files. Comments are the exception: Kong never reads them, and old European files often
// carry Latin-1 there (`# Konfiguration f\xfcr ...`), so bytes that are not UTF-8 after the start
// of a comment are read as Latin-1 and reported, not refused.

import * as fs from 'node:fs';
import { TextDecoder } from 'node:util';
import { InputError } from '../../errors';
import { nulByteError } from '../../text/encoding';
import { fsErrorReason } from '../fs-error';

/** Files larger than this are refused unless the caller raises the limit. */
export const DEFAULT_MAX_CONF_BYTES = 10 * 1024 * 1024;

export interface ConfText {
  /** The physical lines: split on `\n`, `\r` kept (Kong's reader keeps it too), BOM kept. */
  lines: string[];
  /** Lines (1-based) whose comment holds bytes that are not UTF-8, read as Latin-1. */
  latin1CommentLines: number[];
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
    throw new InputError(`cannot read kong.conf: ${fsErrorReason(error)}`, { file });
  }
  if (bytes.length > maxBytes) throw tooLarge(file, bytes.length, maxBytes);
  const decoded = decodeLines(bytes, file);
  return { lines: decoded.text.split('\n'), latin1CommentLines: decoded.latin1CommentLines, modifiedAt: stat.mtime };
}

function statOrThrow(file: string): fs.Stats {
  try {
    return fs.statSync(file);
  } catch (error) {
    throw new InputError(`cannot read kong.conf: ${fsErrorReason(error)}`, { file });
  }
}

function tooLarge(file: string, size: number, maxBytes: number): InputError {
  return new InputError(`is ${size} bytes, over the ${maxBytes}-byte limit for a kong.conf`, { file });
}


/**
 * UTF-8 text, or an InputError at the first line holding a NUL byte or a sequence that is not
 * UTF-8 before the start of a comment.
 */
function decodeLines(bytes: Buffer, file: string): { text: string; latin1CommentLines: number[] } {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw nulByteError(bytes, nul, file, 'contains a NUL byte: not a text file');
  }
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    return { text: strict.decode(bytes), latin1CommentLines: [] };
  } catch {
    return decodeByLine(bytes, file, strict);
  }
}

/** Line by line: UTF-8 up to the start of a comment, Latin-1 after it where UTF-8 fails. */
function decodeByLine(bytes: Buffer, file: string, strict: TextDecoder): { text: string; latin1CommentLines: number[] } {
  const lines: string[] = [];
  const latin1CommentLines: number[] = [];
  let start = 0;
  for (let line = 1; start <= bytes.length; line++) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end < 0 ? bytes.length : end;
    const lineBytes = bytes.subarray(start, stop);
    const utf8 = tryDecode(strict, lineBytes);
    if (utf8 !== undefined) {
      lines.push(utf8);
    } else {
      const comment = commentStart(lineBytes, line === 1);
      const before = comment === undefined ? undefined : tryDecode(strict, lineBytes.subarray(0, comment));
      if (comment === undefined || before === undefined) throw new InputError('is not valid UTF-8 text', { file, line });
      lines.push(before + lineBytes.subarray(comment).toString('latin1'));
      latin1CommentLines.push(line);
    }
    start = stop + 1;
  }
  return { text: lines.join('\n'), latin1CommentLines };
}

function tryDecode(decoder: TextDecoder, bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

const HASH = 0x23;
const SEMICOLON = 0x3b;
const BACKSLASH = 0x5c;
const EQUALS = 0x3d;
const LUA_SPACE = new Set([0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]);
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Where the part of a line that no Kong version reads begins: the `#` or `;` of a comment line
 * (Penlight skips it), else the first `#` not written `\#` after some value text (a trailing
 * comment: 3.2+ cuts there, 2.x one character earlier). Undefined when the line has neither; a
 * value that starts with `#` is not a comment to 2.x, which kept it whole.
 */
function commentStart(line: Uint8Array, firstLine: boolean): number | undefined {
  let i = firstLine && UTF8_BOM.every((b, k) => line[k] === b) ? UTF8_BOM.length : 0;
  while (i < line.length && LUA_SPACE.has(line[i])) i++;
  if (line[i] === HASH || line[i] === SEMICOLON) return i;
  const equals = line.indexOf(EQUALS, i);
  if (equals < 0) return undefined;
  let valueStart = equals + 1;
  while (valueStart < line.length && LUA_SPACE.has(line[valueStart])) valueStart++;
  for (let j = valueStart + 1; j < line.length; j++) {
    if (line[j] === HASH && line[j - 1] !== BACKSLASH) return j;
  }
  return undefined;
}
