// Runs the CLI in-process with captured output and a controlled environment.

import { run } from '../../src/cli/main';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export const REPO_ROOT = require('node:path').join(__dirname, '../..') as string;

export async function runCli(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; now?: Date; tty?: boolean; hostPaths?: { osRelease?: string; meminfo?: string; cpus?: number; arch?: string; systemdDirs?: string[]; kongConfPaths?: string[] } } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    env: options.env ?? {},
    cwd: options.cwd ?? REPO_ROOT,
    stdoutIsTty: options.tty ?? false,
    now: options.now ?? new Date('2026-11-21T12:00:00Z'),
    ...(options.hostPaths ? { hostPaths: options.hostPaths } : {}),
  });
  return { code, stdout, stderr };
}

export function fixture(...parts: string[]): string {
  return require('node:path').join(REPO_ROOT, 'fixtures', ...parts);
}
