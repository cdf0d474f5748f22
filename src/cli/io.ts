// What the CLI touches of the outside world, passed in so tests run it in-process.

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** True when stdout is a terminal: colour and progress only then. */
  stdoutIsTty: boolean;
  /** Where progress goes: stderr when it is a terminal, else nothing (src/cli/progress.ts). */
  progressStream?: { isTTY?: boolean; write(text: string): unknown };
  /** Pinned clock for tests; real runs use the current time. */
  now?: Date;
  /** Where `--host` reads the OS, memory and CPU count; tests point these at fixtures. */
  hostPaths?: { osRelease?: string; meminfo?: string; cpus?: number };
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    stdoutIsTty: Boolean(process.stdout.isTTY),
    progressStream: process.stderr,
  };
}
