// What a kong.conf certificate setting (ssl_cert, cluster_ca_cert, lua_ssl_trusted_certificate,
// ssl_dhparam...) holds, read the way Kong's conf loader reads it (kong/conf_loader/parse.lua
// @3.6.1): a path to an existing file is the file; anything else is decoded from base64 when it
// decodes (kong.tools.string try_decode_base64), or taken as PEM text. A value that is neither a
// file here nor PEM names a file of the Kong host that this machine does not have.

import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { isVaultReference } from '../kong-conf/values';
import { fsErrorReason } from '../fs-error';

/** Bundles of trusted CAs run to a few hundred kB; anything far larger is not a certificate file. */
const MAX_MATERIAL_BYTES = 4 * 1024 * 1024;

export type ConfMaterial =
  | { kind: 'file'; path: string; text: string }
  | { kind: 'inline'; text: string }
  /** A path not present on this machine (the check runs away from the Kong host). */
  | { kind: 'absent'; path: string }
  /** A vault reference, `system`, a named DH group: nothing here to read. */
  | { kind: 'not-material' }
  /** A file that exists but cannot be read, or is too large to be one. */
  | { kind: 'unreadable'; path: string; reason: string };

/** Resolves one element of a certificate setting; `dir` is the folder relative paths start from. */
export function readConfMaterial(value: string, dir: string): ConfMaterial {
  const text = value.trim();
  if (text === '' || text === 'system' || isVaultReference(text)) return { kind: 'not-material' };
  if (text.includes('-----BEGIN')) return { kind: 'inline', text };
  const path = isAbsolute(text) ? text : resolve(dir, text);
  const file = readIfFile(path);
  if (file) return file;
  const decoded = decodeBase64(text);
  if (decoded !== undefined && decoded.includes('-----BEGIN')) return { kind: 'inline', text: decoded };
  return { kind: 'absent', path: text };
}

function readIfFile(path: string): ConfMaterial | undefined {
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return undefined;
    size = stats.size;
  } catch {
    return undefined;
  }
  if (size > MAX_MATERIAL_BYTES) return { kind: 'unreadable', path, reason: `larger than ${MAX_MATERIAL_BYTES / 1024 / 1024} MB` };
  try {
    return { kind: 'file', path, text: readFileSync(path, 'utf8') };
  } catch (error) {
    return { kind: 'unreadable', path, reason: fsErrorReason(error) };
  }
}

/** Strict base64, as ngx.decode_base64 takes it: no whitespace, only the alphabet and padding. */
function decodeBase64(text: string): string | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  return Buffer.from(text, 'base64').toString('latin1');
}
