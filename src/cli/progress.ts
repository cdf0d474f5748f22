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
