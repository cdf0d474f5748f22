// Progress for long work (database queries, large files), on stderr and only when stderr is a
// terminal: CI logs and redirected output get nothing. Callers that do not care pass NO_PROGRESS.

export interface Progress {
  /** Starts or replaces the current step: `reading routes`. */
  step(label: string): void;
  /** Counts within the step; drawn at most every `intervalMs`. */
  tick(done: number, total?: number): void;
  /** Clears the line. */
  done(): void;
}

export const NO_PROGRESS: Progress = { step() {}, tick() {}, done() {} };

export function createProgress(
  stream: { isTTY?: boolean; write(text: string): unknown } | undefined,
  options: { intervalMs?: number; now?: () => number } = {},
): Progress {
  if (!stream?.isTTY) return NO_PROGRESS;
  const interval = options.intervalMs ?? 100;
  const now = options.now ?? Date.now;
  let label = '';
  let last = -Infinity;
  let shown = false;
  const draw = (text: string) => {
    stream.write(`\r\u001b[2K${text}`);
    shown = true;
  };
  return {
    step(next) {
      label = next;
      last = now();
      draw(`${label}…`);
    },
    tick(done, total) {
      const t = now();
      if (t - last < interval) return;
      last = t;
      draw(`${label}… ${done}${total ? `/${total}` : ''}`);
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
}

/**
 * For profiling (`PREFLIGHT_TIMINGS=1`; not KONG_*, which kong.conf overrides own): one stderr line per finished step with its wall
 * time and the process's resident memory, so `npm run bench` figures can be broken down.
 */
export function timingProgress(write: (text: string) => void, now: () => number = () => performance.now()): Progress {
  let label: string | undefined;
  let started = now();
  // performance.now() counts from process start: the last line includes start-up and writing.
  const finish = () => {
    if (label !== undefined) write(`timing: ${label} ${(now() - started).toFixed(0)} ms, rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB, heap ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB\n`);
    label = undefined;
  };
  // The step open when the work is done (writing reports) runs until the process exits.
  process.once('exit', () => {
    finish();
    write(`timing: process ${now().toFixed(0)} ms, peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
  });
  return {
    step(next) {
      finish();
      label = next;
      started = now();
    },
    tick() {},
    done() {
      // Clearing a spinner means nothing here; the open step is closed at exit (see above).
    },
  };
}
