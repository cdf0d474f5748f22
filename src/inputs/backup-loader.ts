// Reads `--backup FILE` just far enough to tell what it is: a pg_dump (text, archive or directory,
// possibly gzipped), a `kong config db_export` file, a decK dump or a plain declarative file.
// Only the head of the file is read: dumps can be gigabytes.

import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../errors';
import { fsErrorReason } from './fs-error';
import type { BackupEvidence, BackupKind } from './backup';

const HEAD_BYTES = 64 * 1024;

/** Reads `file` as the user named it; a relative name is found from `cwd` (reports keep the name). */
export function loadBackupEvidence(file: string, cwd = process.cwd()): BackupEvidence {
  const full = resolve(cwd, file);
  if (!existsSync(full)) throw new InputError('backup file not found', { file });
  const stat = statSync(full);
  if (stat.isDirectory()) {
    // pg_dump -F d writes a folder whose toc.dat starts with the archive magic.
    const toc = join(full, 'toc.dat');
    if (existsSync(toc) && readHead(toc).subarray(0, 5).toString('latin1') === 'PGDMP') {
      return evidence(file, 'pg_dump-directory', 'folder with a pg_dump toc.dat', statSync(toc).mtime, stat.size);
    }
    throw new InputError('backup path is a folder but not a pg_dump directory archive (no toc.dat)', { file });
  }
  let head = readHead(full, file);
  let compressed = '';
  if (head[0] === 0x1f && head[1] === 0x8b) {
    head = gunzipHead(file, head);
    compressed = 'gzip-compressed ';
  }
  const [kind, detail] = classify(head);
  return evidence(file, kind, `${compressed}${detail}`, stat.mtime, stat.size);
}

function evidence(file: string, kind: BackupKind, detail: string, modifiedAt: Date, sizeBytes: number): BackupEvidence {
  return { file, kind, detail, modifiedAt, sizeBytes };
}

function readHead(path: string, file = path): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new InputError(`cannot read backup file: ${fsErrorReason(error)}`, { file });
  }
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const read = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** Decompresses as much of a gzip head as the first bytes allow; a truncated stream is expected. */
function gunzipHead(file: string, head: Buffer): Buffer {
  try {
    return gunzipSync(head, { finishFlush: 2 /* Z_SYNC_FLUSH: accept a cut stream */ }).subarray(0, HEAD_BYTES);
  } catch {
    throw new InputError('backup file looks gzip-compressed but cannot be decompressed', { file });
  }
}

/** Decides the kind from the first bytes. */
export function classify(head: Buffer): [BackupKind, string] {
  if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return ['pg_dump-archive', 'pg_dump custom-format archive (PGDMP header)'];
  if (head.length > 262 && head.subarray(257, 262).toString('latin1') === 'ustar' && head.includes('toc.dat')) {
    return ['pg_dump-archive', 'pg_dump tar-format archive (toc.dat inside)'];
  }
  const text = head.toString('utf8');
  if (/^--\s*PostgreSQL database dump/m.test(text)) return ['pg_dump-plain', 'pg_dump SQL text ("PostgreSQL database dump" header)'];
  if (/^\s*["']?_format_version["']?\s*:/m.test(text)) {
    if (/^\s*["']?_transform["']?\s*:\s*false\b/m.test(text)) return ['kong-db-export', 'declarative export with _transform: false (kong config db_export)'];
    if (/^\s*["']?_(info|konnect|workspace)["']?\s*:/m.test(text)) return ['deck-dump', 'decK state file (_info/_konnect/_workspace key)'];
    return ['declarative-file', 'declarative configuration (_format_version)'];
  }
  return ['unrecognised', 'neither a pg_dump header nor a declarative _format_version in the first 64 KiB'];
}
