// What the machine running the check says about itself when it is the Kong host (`--host`): the
// distribution from /etc/os-release, memory from /proc/meminfo and the CPU count. `--os` gives
// the distribution by name instead. Paths are parameters so tests use fixture files.

import { readFileSync } from 'node:fs';
import { arch as machineArch, availableParallelism } from 'node:os';
import { InputError } from '../errors';
import { fsErrorReason } from './fs-error';
import type { CliOrigin, FileOrigin } from '../model/origin';
import { ownValue } from '../own-key';

export interface HostOs {
  /** The distribution as Kong's support tables name it (`Ubuntu`, `RHEL`, `Amazon Linux`). */
  os: string;
  /** `20.04`, `8`, `2023`, `1` (Amazon Linux 1). */
  version: string;
  /** What the host calls itself (`Ubuntu 20.04.6 LTS`, `Rocky Linux 8.9`). */
  label: string;
  /** Set when the host is a rebuild of the named OS (Rocky, AlmaLinux, Oracle Linux for RHEL). */
  compatibleWith?: string;
  origin: FileOrigin | CliOrigin;
}

export interface HostResources {
  memTotalBytes: number;
  cpus: number;
  /** The CPU architecture as Node names it (`x64`, `arm64`). */
  arch: string;
  origin: FileOrigin;
}

/** os-release ids -> the support tables' names. */
const OS_NAMES: Record<string, string> = {
  ubuntu: 'Ubuntu',
  debian: 'Debian',
  rhel: 'RHEL',
  centos: 'CentOS',
  amzn: 'Amazon Linux',
  amazonlinux: 'Amazon Linux',
  alpine: 'Alpine',
};

/** Amazon Linux 1 reports its release date (2018.03) as VERSION_ID. */
function normaliseVersion(os: string, version: string): string {
  if (os === 'Amazon Linux' && /^20(1\d)\./.test(version)) return '1';
  if (os === 'Ubuntu') return version;
  return version.split('.')[0];
}

export function readOsRelease(file = '/etc/os-release'): HostOs {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${file} (--host reads it on the Kong host): ${fsErrorReason(error)}`, { file });
  }
  const fields = new Map<string, { value: string; line: number }>();
  text.split(/\r?\n/).forEach((line, index) => {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) fields.set(match[1], { value: match[2].replace(/^["']|["']$/g, ''), line: index + 1 });
  });
  const id = fields.get('ID')?.value.toLowerCase();
  const versionField = fields.get('VERSION_ID');
  if (!id || !versionField) throw new InputError('no ID or VERSION_ID: not an os-release file', { file });
  const like = (fields.get('ID_LIKE')?.value ?? '').toLowerCase().split(/\s+/);
  const direct = ownValue(OS_NAMES, id);
  const compatible = !direct && like.includes('rhel') ? 'RHEL' : undefined;
  const os = direct ?? compatible ?? fields.get('NAME')?.value ?? id;
  return {
    os,
    version: normaliseVersion(os, versionField.value),
    label: fields.get('PRETTY_NAME')?.value ?? `${id} ${versionField.value}`,
    ...(compatible ? { compatibleWith: compatible } : {}),
    origin: { kind: 'file', file, line: versionField.line, column: 1 },
  };
}

/** `--os ubuntu-20.04`, `rhel-8`, `amazonlinux-2023`, `debian-11`. */
export function parseOsFlag(text: string): HostOs {
  // Trimmed once, for the label too: a value such as "$(cat os.txt)\n" must not carry its line break into the report.
  const written = text.trim();
  const match = /^([a-z]+)-?(\d[\d.]*)$/i.exec(written);
  const name = match ? ownValue(OS_NAMES, match[1].toLowerCase()) : undefined;
  if (!match || !name) {
    throw new InputError(`--os ${text}: expected NAME-VERSION with NAME one of ubuntu, debian, rhel, centos, amazonlinux, alpine (for example ubuntu-22.04)`);
  }
  return { os: name, version: normaliseVersion(name, match[2]), label: written, origin: { kind: 'cli', flag: '--os' } };
}

export function readHostResources(options: { meminfo?: string; cpus?: number; arch?: string } = {}): HostResources {
  const file = options.meminfo ?? '/proc/meminfo';
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${file} (--host reads it on the Kong host): ${fsErrorReason(error)}`, { file });
  }
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((l) => l.startsWith('MemTotal:'));
  const match = index >= 0 ? /^MemTotal:\s+(\d+)\s*kB/.exec(lines[index]) : null;
  if (!match) throw new InputError('no MemTotal line in kB: not a /proc/meminfo file', { file });
  const memTotalBytes = Number(match[1]) * 1024;
  // Hundreds of digits read as Infinity, and past 2^53 bytes (8 PiB) a number is no longer exact:
  // no host has such memory, so the file is not a real /proc/meminfo.
  if (!Number.isSafeInteger(memTotalBytes)) {
    throw new InputError(`MemTotal of ${match[1].length} digits is far larger than any host's memory: not a /proc/meminfo file`, { file, line: index + 1 });
  }
  return {
    memTotalBytes,
    cpus: options.cpus ?? availableParallelism(),
    arch: options.arch ?? machineArch(),
    origin: { kind: 'file', file, line: index + 1, column: 1 },
  };
}
