// Writes kong.conf text to a temporary file and loads it, so tests exercise the real reader.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKongConf } from '../../../src/inputs/kong-conf';
import type { ConfDiagnosticKind, KongConf } from '../../../src/inputs/kong-conf/types';

const dirs: string[] = [];
let counter = 0;

afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kp-conf-'));
  dirs.push(dir);
  return dir;
}

/** Writes `content` (text or raw bytes) to a fresh file and returns its path. */
export function writeConf(content: string | Uint8Array, name = `kong-${++counter}.conf`): string {
  const file = join(tempDir(), name);
  writeFileSync(file, content);
  return file;
}

/** Loads lines joined with `\n` (a trailing newline added) with an optional environment. */
export function loadLines(lines: string[], env: Record<string, string | undefined> = {}): KongConf {
  return loadKongConf(writeConf(lines.join('\n') + '\n'), env);
}

/** The value `get` returns, or undefined. */
export function valueOf(conf: KongConf, key: string): string | undefined {
  return conf.get(key)?.value;
}

export function diagnosticsOf(conf: KongConf, kind: ConfDiagnosticKind) {
  return conf.diagnostics.filter((d) => d.kind === kind);
}
