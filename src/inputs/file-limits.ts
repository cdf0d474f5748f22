// How large an input file may be before the tool refuses it, and how `--max-file-size` (or
// `maxFileSize:` in .kong-preflight.yml) is written. Each input has its own default, sized well
// above anything real (a 50,000-route declarative file is ~15 MB of YAML, ~30 MB of JSON); the
// limit exists so a wrong path (a disk image, a log) fails fast with one line instead of eating
// the machine's memory.

import { UsageError } from '../errors';
import { ownValue } from '../own-key';

export const DEFAULT_MAX_DECLARATIVE_BYTES = 256 * 1024 * 1024;

const UNITS: Readonly<Record<string, number>> = {
  '': 1, b: 1,
  k: 1e3, kb: 1e3, kib: 1024,
  m: 1e6, mb: 1e6, mib: 1024 ** 2,
  g: 1e9, gb: 1e9, gib: 1024 ** 3,
};

/** `50MB`, `10MiB`, `512k`, `1048576` -> bytes; a UsageError naming the flag otherwise. */
export function parseFileSize(text: string | number, flag = '--max-file-size'): number {
  if (typeof text === 'number') {
    if (Number.isFinite(text) && text > 0) return Math.floor(text);
    throw new UsageError(`${flag} ${text}: give a positive size such as 50MB`);
  }
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = match ? ownValue(UNITS, match[2].toLowerCase()) : undefined;
  if (!match || unit === undefined || Number(match[1]) <= 0) {
    throw new UsageError(`${flag} ${text}: give a size such as 50MB, 10MiB or 1048576 (bytes)`);
  }
  return Math.floor(Number(match[1]) * unit);
}

/** `1.5 MB` for messages. */
export function describeSize(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} bytes`;
}
