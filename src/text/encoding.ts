// Recognises text saved as UTF-16, which Windows editors and PowerShell's `>` write by default.
// Such a file is full of NUL bytes, and "not a text file" would send the operator looking for
// a binary; naming the encoding says what to do instead.

import { InputError } from '../errors';

/** 'UTF-16LE' or 'UTF-16BE' when the bytes look like UTF-16 text, else undefined. */
export function utf16Encoding(bytes: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16LE';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE';
  // Without a byte-order mark: ASCII text in UTF-16 has a NUL beside every character.
  const sample = Math.min(bytes.length - (bytes.length % 2), 512);
  if (sample < 8) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = sample / 2;
  if (oddZero >= pairs * 0.9 && evenZero === 0) return 'UTF-16LE';
  if (evenZero >= pairs * 0.9 && oddZero === 0) return 'UTF-16BE';
  return undefined;
}

/** The message for a file refused for its NUL bytes: the encoding when it is UTF-16. */
export function nulByteMessage(bytes: Uint8Array, notText: string): string {
  const encoding = utf16Encoding(bytes);
  return encoding ? `is ${encoding} text: save it as UTF-8, the encoding read here` : notText;
}

/** The input error for a file refused for the NUL byte at `offset`, at that byte's line. */
export function nulByteError(bytes: Buffer, offset: number, file: string, notText: string): InputError {
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line++;
  return new InputError(nulByteMessage(bytes, notText), { file, line });
}

/**
 * The text of UTF-16 bytes that open with a byte-order mark, else undefined. Go's YAML readers
 * (go.yaml.in/yaml/v2 readerc.go@v2.4.2 lines 19-45 and 254-290, behind sigs.k8s.io/yaml, which
 * Helm reads values files with) pick the encoding from such a mark and decode it; without one
 * they read UTF-8, and the NUL bytes of UTF-16 text fail there.
 */
export function decodeUtf16WithBom(bytes: Buffer): string | undefined {
  if (bytes.length < 2 || bytes.length % 2 !== 0) return undefined;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return undefined;
}
