// What the CLI touches of the outside world, passed in so tests run it in-process.
import { TOOL_NAME } from '../tool-info';

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
  hostPaths?: { osRelease?: string; meminfo?: string; cpus?: number; arch?: string; systemdDirs?: string[]; kongConfPaths?: string[] };
}

export function processIo(): CliIo {
  const stdout = closablePipe(process.stdout);
  const stderr = closablePipe(process.stderr);
  return {
    stdout,
    stderr,
    env: process.env,
    cwd: process.cwd(),
    stdoutIsTty: Boolean(process.stdout.isTTY),
    progressStream: process.stderr,
  };
}

/**
 * Writes to a standard stream that a reader may close early (`kong-preflight check ... | head`).
 * Node reports the closed pipe as an `error` event which, unhandled, ended the run with a stack
 * trace and exit code 1 (the code for "findings"). The rest of the output has nowhere to go, so
 * it is dropped and the run ends with its own exit code; any other stream error is one line on
 * stderr and exit code 2.
 */
function closablePipe(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    closed = true;
    if (error.code === 'EPIPE') return;
    process.exitCode = 2;
    if (stream !== process.stderr) process.stderr.write(`${TOOL_NAME}: error: cannot write the output (${error.code ?? error.message})\n`);
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}
