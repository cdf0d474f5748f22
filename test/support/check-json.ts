// Runs `check --format json` on files written into a temporary folder and returns the report.

import { join } from 'node:path';
import { runCli } from './cli';
import { tempDir } from './temp';

export interface JsonFinding {
  ruleId: string;
  messageId: string;
  severity: string;
  message: string;
  location: { file?: string; line?: number; env?: string };
  fingerprint?: string;
  suppression?: { kind: string; reason?: string; source?: string; expires?: string };
}

export async function checkJson(files: Record<string, string>, args: string[], options: { now?: Date; env?: Record<string, string> } = {}) {
  const dir = tempDir(files);
  const conf = files['kong.conf'] !== undefined ? [join(dir, 'kong.conf')] : [];
  const result = await runCli(['check', ...conf, ...args, '--format', 'json'], { cwd: dir, ...options });
  const report = result.code === 2 ? undefined : JSON.parse(result.stdout);
  return {
    dir,
    code: result.code,
    stderr: result.stderr,
    report,
    findings: (report?.findings ?? []) as JsonFinding[],
    suppressed: (report?.suppressed ?? []) as JsonFinding[],
  };
}
